/*
 * view_retention_draw.c — drawing the retention screen: the tab bar, a
 * column header, the rows of the tab shown and a footer line about the
 * selected row (for a policy: whether the officer may change it, and
 * the platform's reason when not).
 */
#include "akt/when.h"
#include "akt/xalloc.h"
#include "view_retention.h"

#define MARK_COLS 2                  /* "›" or "*" and a space */

/* Where the cells of one row go. */
struct cells {
	int y, x, i;
	const int *w;
};

static void cell(struct cells *c, const char *text, bool right)
{
	int w = c->w[c->i++];

	if (w > 0) {
		int tw = ui_width(text);

		if (right && tw < w)
			ui_put(c->y, c->x, w - tw, "", true);
		ui_put(c->y, c->x + (right && tw < w ? w - tw : 0),
		       right && tw < w ? tw : w, text, true);
	}
	c->x += w + 1;
}

/* The row's background and its marks; the attribute stays set. */
static void row_start(struct ui *ui, int y, int cols, bool sel, attr_t a)
{
	attrset(sel ? ui_attr(ui, AKT_T_CURSOR) : a);
	ui_put(y, 0, cols, sel ? "›" : "", true);
}

static void header(struct ui *ui, int y, int cols, const int *w,
		   const char *const *names, const bool *right, size_t n)
{
	struct cells c = { y, MARK_COLS, 0, w };

	attrset(ui_attr(ui, AKT_T_HEADER));
	ui_put(y, 0, cols, "", true);
	for (size_t i = 0; i < n; i++)
		cell(&c, names[i], right[i]);
}

static void tab_bar(struct ui_view *v, int y, int cols)
{
	const char *names[RET_NTABS];

	for (int t = 0; t < RET_NTABS; t++)
		names[t] = ret_tab_name(t);
	view_tabs(v->ui, y, cols, names, RET_NTABS, (int)ret_of(v)->tab);
}

static void footer(struct ui *ui, int y, int cols, const char *text)
{
	attrset(ui_attr(ui, AKT_T_DIM));
	ui_put(y, 0, cols, text, true);
}

/* The date of a timestamp in local time, "2026-12-01". */
static const char *date_of(const char *ts, char out[AKT_WHEN_LEN])
{
	akt_when(ts, out);
	if (strlen(out) == 16 && out[10] == ' ')
		out[10] = '\0';
	return out;
}

static attr_t status_attr(struct ui *ui, enum akt_category c)
{
	static const enum akt_theme_obj obj[] = {
		[AKT_CAT_SUBMITTED] = AKT_T_SUBMITTED,
		[AKT_CAT_REGISTERED] = AKT_T_REGISTERED,
		[AKT_CAT_IN_PROGRESS] = AKT_T_IN_PROGRESS,
		[AKT_CAT_CLOSED] = AKT_T_CLOSED,
	};

	return ui_attr(ui, (size_t)c < AKT_LEN(obj) ? obj[c] : AKT_T_TEXT);
}

/* The e-service of id in the UI's language: from the policies (they
 * cover every e-service), else the officer's e-services, else the id. */
static const char *service_name(struct ui_view *v, const char *id)
{
	struct ret_view *r = ret_of(v);

	for (size_t i = 0; i < r->pol.n; i++)
		if (strcmp(r->pol.items[i].e_service_id, id) == 0)
			return ui_name(v->ui, &r->pol.items[i].e_service);
	for (size_t i = 0; i < v->ui->eservices.n; i++)
		if (strcmp(v->ui->eservices.items[i].id, id) == 0)
			return ui_name(v->ui, &v->ui->eservices.items[i].name);
	return id;
}

/* "read-only: REASON", or that the officer may change it. malloc'd. */
static char *may_change(const struct akt_retention_policy *p)
{
	if (p->can_edit)
		return xstrdup(_("you may change it"));
	return xasprintf(_("read-only: %s"),
			 p->reason && *p->reason ? p->reason :
			 _("the platform gave no reason"));
}

/* ---- the tabs -------------------------------------------------------------- */

static void draw_policies(struct ui_view *v, int y, int rows, int cols)
{
	enum { SERVICE, DAYS, UPDATED, BY, CHANGE, N };
	static const struct ret_col spec[N] = {
		[SERVICE] = { 14, 3, 36 }, [DAYS] = { 5, 0, 0 },
		[UPDATED] = { 16, 0, 0 }, [BY] = { 10, 2, 28 },
		[CHANGE] = { 10, 3, 0 },
	};
	static const bool right[N] = { [DAYS] = true };
	const char *names[N] = {
		[SERVICE] = _("E-service"), [DAYS] = _("Days"),
		[UPDATED] = _("Updated"), [BY] = _("By"),
		[CHANGE] = _("Who may change it"),
	};
	struct ret_view *r = ret_of(v);
	struct ui_list *l = &r->list[RET_POLICIES];
	int w[N];

	ret_columns(cols - MARK_COLS, spec, N, w);
	header(v->ui, y, cols, w, names, right, N);
	r->rows = AKT_MAX(rows - 2, 1);
	ui_list_clamp(l, r->rows);
	for (int i = 0; i < r->rows && l->top + (size_t)i < r->pol.n; i++) {
		size_t k = l->top + (size_t)i;
		const struct akt_retention_policy *p = &r->pol.items[k];
		struct cells c = { y + 1 + i, MARK_COLS, 0, w };
		char when[AKT_WHEN_LEN], days[24], *change = may_change(p);

		row_start(v->ui, c.y, cols, k == l->sel,
			  ui_attr(v->ui, AKT_T_TEXT));
		snprintf(days, sizeof(days), "%lld", (long long)p->days);
		cell(&c, ui_name(v->ui, &p->e_service), false);
		cell(&c, days, true);
		cell(&c, akt_when(p->updated_at, when), false);
		cell(&c, p->updated_by.id && p->updated_by.name ?
		     p->updated_by.name : "—", false);
		cell(&c, change, false);
		if (k == l->sel)
			v->cursor_y = c.y - (y - 1);
		free(change);
	}
	if (l->sel < r->pol.n && rows > 2) {
		const struct akt_retention_policy *p = &r->pol.items[l->sel];
		char *change = may_change(p);
		char *text = p->can_edit ?
			xasprintf(_("%s: %s (e changes the days after "
				    "closing)"), ui_name(v->ui, &p->e_service),
				  change) :
			xasprintf("%s: %s", ui_name(v->ui, &p->e_service),
				  change);

		footer(v->ui, y + rows - 1, cols, text);
		free(text);
		free(change);
	}
}

static void draw_upcoming(struct ui_view *v, int y, int rows, int cols)
{
	enum { PURGE, NUMBER, SERVICE, STATUS, HOLD, N };
	struct ret_col spec[N] = {
		[PURGE] = { 10, 0, 0 }, [NUMBER] = { 16, 0, 0 },
		[SERVICE] = { 10, 3, 36 }, [STATUS] = { 8, 2, 28 },
		[HOLD] = { 4, 0, 0 },
	};
	static const bool right[N] = { false };
	const char *names[N] = {
		[PURGE] = _("Purge date"), [NUMBER] = _("Case"),
		[SERVICE] = _("E-service"), [STATUS] = _("Status"),
		[HOLD] = _("Hold"),
	};
	const char *held = _("legal hold");
	struct ret_view *r = ret_of(v);
	struct ui_list *l = &r->list[RET_UPCOMING];
	int w[N];

	spec[PURGE].min = AKT_MAX(10, ui_width(names[PURGE]));
	spec[NUMBER].min = AKT_MAX(r->up.numw, ui_width(names[NUMBER]));
	spec[HOLD].min = AKT_MAX(ui_width(names[HOLD]), ui_width(held));
	ret_columns(cols - MARK_COLS, spec, N, w);
	header(v->ui, y, cols, w, names, right, N);
	r->rows = AKT_MAX(rows - 2, 1);
	ui_list_clamp(l, r->rows);
	for (int i = 0; i < r->rows && l->top + (size_t)i < r->up.n; i++) {
		size_t k = l->top + (size_t)i;
		const struct akt_upcoming_purge *u = ret_upcoming(r, k);
		struct cells c = { y + 1 + i, MARK_COLS, 0, w };
		bool sel = k == l->sel;
		char date[AKT_WHEN_LEN];

		row_start(v->ui, c.y, cols, sel, ui_attr(v->ui, AKT_T_TEXT));
		cell(&c, date_of(u->purge_at, date), false);
		cell(&c, u->c.number, false);
		cell(&c, ui_name(v->ui, &u->c.e_service), false);
		if (!sel)
			attrset(status_attr(v->ui, u->c.status.category));
		cell(&c, ui_name(v->ui, &u->c.status.name), false);
		if (!sel)
			attrset(ui_attr(v->ui, AKT_T_TEXT));
		cell(&c, u->legal_hold ? held : "", false);
		if (sel)
			v->cursor_y = c.y - (y - 1);
	}
	if (rows > 2) {
		char *text;

		if (r->up.busy && !r->up.reloading)
			text = xasprintf(_("%zu of %lld cases; loading more…"),
					 r->up.n, (long long)r->up.total);
		else if (l->sel < r->up.n && ret_upcoming(r, l->sel)->legal_hold)
			text = xasprintf(_("%zu of %lld cases; on legal hold, "
					   "so not purged (H lifts the hold)"),
					 r->up.n, (long long)r->up.total);
		else
			text = xasprintf(_("%zu of %lld cases; H sets a legal "
					   "hold, Enter opens the case"),
					 r->up.n, (long long)r->up.total);
		footer(v->ui, y + rows - 1, cols, text);
		free(text);
	}
}

static void draw_log(struct ui_view *v, int y, int rows, int cols)
{
	enum { PURGED, NUMBER, SERVICE, CLOSED, DAYS, N };
	struct ret_col spec[N] = {
		[PURGED] = { 16, 0, 0 }, [NUMBER] = { 16, 0, 0 },
		[SERVICE] = { 10, 1, 36 }, [CLOSED] = { 10, 0, 0 },
		[DAYS] = { 5, 0, 0 },
	};
	static const bool right[N] = { [DAYS] = true };
	const char *names[N] = {
		[PURGED] = _("Purged at"), [NUMBER] = _("Case"),
		[SERVICE] = _("E-service"), [CLOSED] = _("Closed"),
		[DAYS] = _("Days"),
	};
	struct ret_view *r = ret_of(v);
	struct ui_list *l = &r->list[RET_LOG];
	int w[N];

	spec[NUMBER].min = AKT_MAX(r->log.numw, ui_width(names[NUMBER]));
	spec[CLOSED].min = AKT_MAX(10, ui_width(names[CLOSED]));
	spec[DAYS].min = AKT_MAX(5, ui_width(names[DAYS]));
	ret_columns(cols - MARK_COLS, spec, N, w);
	header(v->ui, y, cols, w, names, right, N);
	r->rows = AKT_MAX(rows - 2, 1);
	ui_list_clamp(l, r->rows);
	for (int i = 0; i < r->rows && l->top + (size_t)i < r->log.n; i++) {
		size_t k = l->top + (size_t)i;
		const struct akt_purge_entry *e = ret_entry(r, k);
		struct cells c = { y + 1 + i, MARK_COLS, 0, w };
		char when[AKT_WHEN_LEN], date[AKT_WHEN_LEN], days[24];

		row_start(v->ui, c.y, cols, k == l->sel,
			  ui_attr(v->ui, AKT_T_TEXT));
		snprintf(days, sizeof(days), "%lld", (long long)e->policy_days);
		cell(&c, akt_when(e->purged_at, when), false);
		cell(&c, e->case_number, false);
		cell(&c, service_name(v, e->e_service), false);
		cell(&c, date_of(e->closed_at, date), false);
		cell(&c, days, true);
		if (k == l->sel)
			v->cursor_y = c.y - (y - 1);
	}
	if (rows > 2) {
		char *text = r->log.busy && !r->log.reloading ?
			xasprintf(_("%zu of %lld purged cases; loading "
				    "more…"), r->log.n, (long long)r->log.total) :
			xasprintf(_("%zu of %lld purged cases; the log keeps "
				    "no names"), r->log.n,
				  (long long)r->log.total);

		footer(v->ui, y + rows - 1, cols, text);
		free(text);
	}
}

/* Loading, failed or empty: one line instead of the list; true then. */
static bool draw_state(struct ui_view *v, int y, int cols)
{
	struct ret_view *r = ret_of(v);
	bool loaded, busy;
	const char *error, *empty;
	size_t n;

	switch (r->tab) {
	case RET_POLICIES:
		loaded = r->pol_loaded, busy = r->pol_busy;
		error = r->pol_error, n = r->pol.n;
		empty = _("No retention policies: the platform purges no "
			  "cases.");
		break;
	case RET_UPCOMING:
		loaded = r->up.loaded, busy = r->up.busy;
		error = r->up.error, n = r->up.n;
		empty = _("No closed case is due for purging.");
		break;
	default:
		loaded = r->log.loaded, busy = r->log.busy;
		error = r->log.error, n = r->log.n;
		empty = _("No case has been purged.");
		break;
	}
	if (!loaded && error) {
		view_error_lines(v->ui, y, cols, VIEW_ERROR_ROWS, error);
	} else if (!loaded && busy) {
		view_state_line(v->ui, y, cols, _("Loading…"), false);
	} else if (!loaded) {
		/* stopped with Esc: say how to load it after all */
		char *text = view_not_loaded(v);

		view_state_line(v->ui, y, cols, text, false);
		free(text);
	} else if (n == 0) {
		view_state_line(v->ui, y, cols, empty, false);
	} else {
		return false;
	}
	return true;
}

void ret_draw(struct ui_view *v, int y0, int rows, int cols)
{
	struct ret_view *r = ret_of(v);

	/* Esc may have dropped what a tab was loading */
	ret_settle(v);
	v->cursor_y = 0;
	v->cursor_x = 0;
	for (int i = 0; i < rows; i++) {
		attrset(ui_attr(v->ui, AKT_T_TEXT));
		ui_put(y0 + i, 0, cols, "", true);
	}
	if (rows < 1)
		return;
	tab_bar(v, y0, cols);
	if (rows < 2 || draw_state(v, y0 + 1, cols)) {
		attrset(ui_attr(v->ui, AKT_T_TEXT));
		return;
	}
	if (r->tab == RET_POLICIES)
		draw_policies(v, y0 + 1, rows - 1, cols);
	else if (r->tab == RET_UPCOMING)
		draw_upcoming(v, y0 + 1, rows - 1, cols);
	else
		draw_log(v, y0 + 1, rows - 1, cols);
	attrset(ui_attr(v->ui, AKT_T_TEXT));
}

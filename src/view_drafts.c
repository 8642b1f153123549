/*
 * view_drafts.c — what the officer has written and the platform does not
 * have: the drafts (newest first), then the outbox (oldest first, as it
 * is sent). Each row says its kind, case, age and state — a draft, a
 * conflict with what changed, a refusal with the platform's reason, open
 * in another akt, or left by a session that ended — and its first words.
 *
 * Enter resumes a draft in the editor; on a conflict or a refusal it
 * first offers the choice: edit and send again (against the case as it
 * is now), read what the platform said in full, or discard. d discards,
 * after asking. Whether each row's case still exists is read from the
 * platform as the rows are shown, so a draft for a purged case says so.
 *
 * The lists are read from disk again whenever the screen is shown anew
 * (back from the editor) and on every outbox event.
 */
#include "akt/buf.h"
#include "akt/case_format.h"
#include "akt/views.h"
#include "akt/when.h"
#include "akt/xalloc.h"
#include "view_pages.h"

#include <unistd.h>

/* FAILED: the platform did not say (down, 401, 429, 500 …): not asked
 * again until a reload (^R) or the outbox's or the link's state
 * changes, so a draw never turns into a request loop. */
enum vd_case { VD_UNKNOWN, VD_ASKING, VD_THERE, VD_PURGED, VD_GONE,
	       VD_FAILED };

struct vd_check {
	int64_t case_id;
	enum vd_case state;
};

struct vd_row {
	enum akt_draft_box box;
	const struct akt_draft *d;
};

struct vd {
	struct akt_draft_list drafts, outbox;
	bool have;                   /* lists read */
	char *error;                 /* why they could not be */
	struct vd_row *rows;
	size_t nrows;
	struct ui_list list;
	size_t top;                  /* first row (item) shown */
	unsigned frame;              /* ui->frame when last read */
	struct vd_check *checks;
	size_t nchecks;
	char *acting;                /* the id a question is about */
	bool was_offline;            /* at the last outbox event */
};

static struct vd *vd_of(struct ui_view *v)
{
	return v->priv;
}

/* ---- reading ----------------------------------------------------------------- */

static void warn(struct ui *ui, const struct akt_draft_list *l)
{
	struct akt_buf b;

	if (!l->nwarnings)
		return;
	akt_buf_init(&b, SIZE_MAX);
	for (size_t i = 0; i < l->nwarnings; i++)
		akt_buf_printf(&b, "%s%s", i ? "; " : "", l->warnings[i]);
	ui_err(ui, "%s", akt_buf_str(&b));
	akt_buf_free(&b);
}

static void read_lists(struct ui_view *v)
{
	struct vd *d = vd_of(v);
	char *sel_id = NULL, *err = NULL;

	if (d->list.sel < d->nrows)
		sel_id = xstrdup(d->rows[d->list.sel].d->id);
	akt_draft_list_clear(&d->drafts);
	akt_draft_list_clear(&d->outbox);
	free(d->rows);
	d->rows = NULL;
	d->nrows = 0;
	d->have = false;
	xfree(&d->error);
	d->frame = v->ui->frame;
	if (!v->ui->drafts) {
		d->error = xstrdup(_("No drafts can be kept: the drafts "
				     "directory could not be opened (see the "
				     "message at start)."));
		free(sel_id);
		return;
	}
	if (!akt_draft_list(v->ui->drafts, AKT_BOX_DRAFTS, &d->drafts, &err) ||
	    !akt_draft_list(v->ui->drafts, AKT_BOX_OUTBOX, &d->outbox, &err)) {
		d->error = xasprintf(_("The drafts cannot be read: %s"),
				     err ? err : "");
		free(err);
		free(sel_id);
		return;
	}
	warn(v->ui, &d->drafts);
	warn(v->ui, &d->outbox);
	d->have = true;
	d->rows = xcalloc(d->drafts.n + d->outbox.n + 1, sizeof(*d->rows));
	for (size_t i = 0; i < d->drafts.n; i++)
		d->rows[d->nrows++] = (struct vd_row){ AKT_BOX_DRAFTS,
						       &d->drafts.items[i] };
	for (size_t i = 0; i < d->outbox.n; i++)
		d->rows[d->nrows++] = (struct vd_row){ AKT_BOX_OUTBOX,
						       &d->outbox.items[i] };
	/* the same draft stays selected */
	for (size_t i = 0; sel_id && i < d->nrows; i++)
		if (strcmp(d->rows[i].d->id, sel_id) == 0)
			d->list.sel = i;
	if (d->list.sel >= d->nrows)
		d->list.sel = d->nrows ? d->nrows - 1 : 0;
	free(sel_id);
}

/* ---- is the case still there? -------------------------------------------------- */

static struct vd_check *check_of(struct vd *d, int64_t case_id)
{
	for (size_t i = 0; i < d->nchecks; i++)
		if (d->checks[i].case_id == case_id)
			return &d->checks[i];
	d->checks = xreallocarray(d->checks, d->nchecks + 1,
				  sizeof(*d->checks));
	d->checks[d->nchecks] = (struct vd_check){ case_id, VD_UNKNOWN };
	return &d->checks[d->nchecks++];
}

static void got_case(struct ui_view *v, const struct akt_reply *r, void *arg)
{
	struct vd_check *c = check_of(vd_of(v), (int64_t)(intptr_t)arg);

	if (r->result == AKT_OK)
		c->state = VD_THERE;
	else if (r->status == 410)
		c->state = VD_PURGED;
	else if (r->status == 404 || r->status == 403)
		c->state = VD_GONE;
	else
		c->state = VD_FAILED;    /* asked again on ^R or a change */
}

/* Ask again whatever could not be asked (the link came back). */
static void retry_failed(struct vd *d)
{
	for (size_t i = 0; i < d->nchecks; i++)
		if (d->checks[i].state == VD_FAILED)
			d->checks[i].state = VD_UNKNOWN;
}

/* The case of a row, read once (lazily, as it is shown). */
static enum vd_case case_state(struct ui_view *v, const struct akt_draft *dr)
{
	struct vd_check *c;
	char *path;

	if (!dr->case_id)
		return VD_UNKNOWN;
	c = check_of(vd_of(v), dr->case_id);
	if (c->state != VD_UNKNOWN ||
	    (v->ui->outbox && akt_outbox_offline(v->ui->outbox)))
		return c->state;
	c->state = VD_ASKING;
	path = xasprintf("/v1/cases/%lld", (long long)dr->case_id);
	ui_get(v, path, got_case, (void *)(intptr_t)dr->case_id);
	free(path);
	return VD_ASKING;
}

static const char *case_words(enum vd_case s)
{
	switch (s) {
	case VD_PURGED:
		return _("the case was purged (gallring)");
	case VD_GONE:
		return _("the case is no longer accessible");
	default:
		return NULL;
	}
}

/* ---- words ----------------------------------------------------------------------- */

static const char *kind_word(enum akt_draft_kind k)
{
	switch (k) {
	case AKT_DRAFT_NOTE:
		return _("note");
	case AKT_DRAFT_REPLY:
		return _("reply");
	case AKT_DRAFT_STATUS:
		return _("status");
	default:
		return _("filing");
	}
}

/* "5m", "3h", "2d" since ts. */
static void age(const char *ts, char out[16])
{
	time_t t, now = ui_now();
	long s;

	if (!akt_when_parse(ts, &t)) {
		snprintf(out, 16, "?");
		return;
	}
	s = (long)difftime(now, t);
	if (s < 60)
		snprintf(out, 16, "%s", _("now"));
	else if (s < 3600)
		snprintf(out, 16, _("%ldm"), s / 60);
	else if (s < 86400)
		snprintf(out, 16, _("%ldh"), s / 3600);
	else
		snprintf(out, 16, _("%ldd"), s / 86400);
}

/* The state column. malloc'd. */
static char *state_words(struct ui_view *v, const struct vd_row *row)
{
	const struct akt_draft *dr = row->d;
	pid_t owner = 0;

	if (row->box == AKT_BOX_OUTBOX)
		return xstrdup(v->ui->outbox &&
			       akt_outbox_offline(v->ui->outbox) ?
			       _("offline: waiting") :
			       _("waiting to be sent"));
	if (dr->state == AKT_DS_CONFLICT)
		return xstrdup(_("conflict"));
	if (dr->state == AKT_DS_REFUSED)
		return xstrdup(_("refused"));
	if (akt_draft_locked(v->ui->drafts, dr->id, &owner)) {
		if (owner == getpid())
			return xstrdup(_("open here"));
		return owner ? xasprintf(_("open in another akt (pid %ld)"),
					 (long)owner) :
		       xstrdup(_("open in another akt"));
	}
	if (dr->open_pid && dr->open_pid != (long)getpid())
		return xstrdup(_("from a session that ended"));
	return xstrdup(_("draft"));
}

/* The second line of a row: what changed, why it was refused, or that
 * its case is gone; NULL when there is nothing to add. malloc'd. */
static char *detail(struct ui_view *v, const struct vd_row *row)
{
	const struct akt_draft *dr = row->d;
	const char *gone = case_words(case_state(v, dr));
	char *s = NULL;

	if (dr->state == AKT_DS_CONFLICT && row->box == AKT_BOX_DRAFTS) {
		char *at = dr->changed_at ? akt_fmt_time(dr->changed_at) :
			   xstrdup("?");

		if (dr->current_status)
			s = xasprintf(_("changed by %s at %s; the status is "
					"now %s"), dr->changed_by ?
				      dr->changed_by : "?", at,
				      dr->current_status);
		else
			s = xasprintf(_("changed by %s at %s"), dr->changed_by ?
				      dr->changed_by : "?", at);
		free(at);
	} else if (dr->state == AKT_DS_REFUSED && row->box == AKT_BOX_DRAFTS) {
		s = xasprintf(_("refused: %s"), dr->reason ? dr->reason : "?");
	}
	if (gone) {
		char *both = s ? xasprintf("%s · %s", gone, s) : xstrdup(gone);

		free(s);
		s = both;
	}
	return s;
}

/* ---- drawing ------------------------------------------------------------------------ */

static char *vd_title(struct ui_view *v)
{
	struct vd *d = vd_of(v);

	return xasprintf(_("Drafts (%zu) · outbox (%zu)"), d->drafts.n,
			 d->outbox.n);
}

static bool has_detail(struct ui_view *v, size_t i)
{
	char *s = detail(v, &vd_of(v)->rows[i]);
	bool yes = s != NULL;

	free(s);
	return yes;
}

static size_t height(struct ui_view *v, size_t i)
{
	return has_detail(v, i) ? 2 : 1;
}

static void keep_visible(struct ui_view *v, int rows)
{
	struct vd *d = vd_of(v);
	size_t r = (size_t)AKT_MAX(rows, 1), used = 0;

	if (d->list.sel < d->top)
		d->top = d->list.sel;
	for (size_t i = d->top; i <= d->list.sel && i < d->nrows; i++)
		used += height(v, i);
	while (used > r && d->top < d->list.sel)
		used -= height(v, d->top++);
}

/* Columns after the mark: kind, case, age, state, first words. */
#define KW 7
#define CW 17
#define AW 5

static void vd_draw(struct ui_view *v, int y0, int rows, int cols)
{
	struct vd *d = vd_of(v);
	int sw = cols >= 120 ? 34 : 26, y = y0 + 1;
	int xs = 2 + KW + 1 + CW + 1 + AW + 1, xt = xs + sw + 1;

	if (d->frame != v->ui->frame)
		read_lists(v);
	for (int i = 0; i < rows; i++) {
		attrset(ui_attr(v->ui, AKT_T_TEXT));
		ui_put(y0 + i, 0, cols, "", true);
	}
	v->cursor_y = 0;
	if (!d->have) {
		attrset(ui_attr(v->ui, AKT_T_ERROR));
		ui_put(y0, 0, cols, d->error ? d->error : "", true);
		return;
	}
	if (!d->nrows) {
		attrset(ui_attr(v->ui, AKT_T_DIM));
		ui_put(y0, 0, cols, _("No drafts, and nothing waits to be "
				      "sent."), true);
		return;
	}
	attrset(ui_attr(v->ui, AKT_T_HEADER));
	ui_put(y0, 0, 2, "", true);
	ui_put(y0, 2, KW + 1, _("Kind"), true);
	ui_put(y0, 2 + KW + 1, CW + 1, _("Case"), true);
	ui_put(y0, 2 + KW + CW + 2, AW + 1, _("Age"), true);
	ui_put(y0, xs, sw + 1, _("State"), true);
	ui_put(y0, xt, cols - xt, _("Text"), true);
	d->list.count = d->nrows;
	ui_list_clamp(&d->list, rows - 1);
	keep_visible(v, rows - 1);
	for (size_t i = d->top; i < d->nrows && y < y0 + rows; i++) {
		const struct vd_row *row = &d->rows[i];
		bool sel = i == d->list.sel;
		attr_t a = ui_attr(v->ui, sel ? AKT_T_CURSOR : AKT_T_TEXT);
		char when[16], *state = state_words(v, row);
		char *more = detail(v, row);
		char *words = view_one_line(row->d->text);
		bool trouble = row->d->state != AKT_DS_DRAFT &&
			       row->box == AKT_BOX_DRAFTS;

		age(row->box == AKT_BOX_OUTBOX && row->d->queued ?
		    row->d->queued : row->d->updated, when);
		attrset(a);
		ui_put(y, 0, 2, sel ? "›" : "", true);
		if (sel)
			v->cursor_y = y - y0;
		ui_put(y, 2, KW + 1, kind_word(row->d->kind), true);
		/* a number cut to its column keeps the gap after it */
		ui_put(y, 2 + KW + 1, CW, row->d->case_number ?
		       row->d->case_number : "?", true);
		ui_put(y, 2 + KW + 1 + CW, 1, "", true);
		ui_putf(y, 2 + KW + CW + 2, AW + 1, true, "%*s", AW, when);
		attrset(trouble && !sel ? ui_attr(v->ui, AKT_T_ERROR) | A_BOLD :
			a);
		ui_put(y, xs, sw, state, true);
		ui_put(y, xs + sw, 1, "", true);
		attrset(sel ? a : ui_attr(v->ui, AKT_T_DIM));
		ui_put(y, xt, cols - xt, words, true);
		y++;
		if (more && y < y0 + rows) {
			attrset(sel ? a : ui_attr(v->ui, AKT_T_TEXT));
			ui_put(y, 0, 2 + KW + 1, "", true);
			ui_put(y, 2 + KW + 1, cols - (2 + KW + 1), more, true);
			y++;
		}
		free(state);
		free(more);
		free(words);
	}
}

/* ---- acting on a row --------------------------------------------------------------- */

static const struct vd_row *selected(struct ui_view *v)
{
	struct vd *d = vd_of(v);

	if (!d->have || d->list.sel >= d->nrows) {
		ui_err(v->ui, "%s", _("no draft selected"));
		return NULL;
	}
	return &d->rows[d->list.sel];
}

static const struct vd_row *row_by_id(struct ui_view *v, const char *id)
{
	struct vd *d = vd_of(v);

	for (size_t i = 0; id && i < d->nrows; i++)
		if (strcmp(d->rows[i].d->id, id) == 0)
			return &d->rows[i];
	return NULL;
}

/* Everything about a row, for reading in full. */
static void show_full(struct ui_view *v, const struct vd_row *row)
{
	const struct akt_draft *dr = row->d;
	char *state = state_words(v, row), *more = detail(v, row);
	char *title = xasprintf("%s %s", kind_word(dr->kind),
				dr->case_number ? dr->case_number : "");
	struct akt_buf b;

	akt_buf_init(&b, SIZE_MAX);
	akt_buf_printf(&b, "%s: %s\n", _("Case"), dr->case_number ?
		       dr->case_number : "?");
	akt_buf_printf(&b, "%s: %s\n", _("State"), state);
	if (dr->kind == AKT_DRAFT_STATUS)
		akt_buf_printf(&b, "%s: %s\n", _("New status"),
			       dr->status_name ? dr->status_name :
			       dr->status_to ? dr->status_to : "?");
	if (dr->kind == AKT_DRAFT_NOTE)
		akt_buf_printf(&b, "%s\n", dr->publish ?
			       _("Published to the citizen") : _("Internal"));
	if (more)
		akt_buf_printf(&b, "%s\n", more);
	if (dr->reason && row->box == AKT_BOX_DRAFTS &&
	    dr->state != AKT_DS_DRAFT)
		akt_buf_printf(&b, "%s: %s\n", _("The platform said"),
			       dr->reason);
	akt_buf_printf(&b, "\n%s\n", dr->text);
	ui_show_text(v->ui, title, akt_buf_str(&b));
	akt_buf_free(&b);
	free(title);
	free(state);
	free(more);
}

static void resume(struct ui_view *v, const struct vd_row *row)
{
	const char *gone = case_words(case_state(v, row->d));

	view_compose_open(v->ui, row->d);
	/* after the editor is up, so the officer reads it there */
	if (gone)
		ui_err(v->ui, _("%s: %s; the text can be read and copied, not "
				"sent"), row->d->case_number ?
		       row->d->case_number : "", gone);
}

/* The screen a question was asked on, if it is still the one on top. */
static struct ui_view *asked_on(struct ui *ui, void *arg)
{
	struct ui_view *v = view_of_tag(ui, arg);

	return v && v == ui->view ? v : NULL;
}

static void on_discard(struct ui *ui, int choice, void *arg)
{
	struct ui_view *v = asked_on(ui, arg);
	struct vd *d;
	char *err = NULL;

	if (!v)
		return;
	d = vd_of(v);
	if (choice == 1 && d->acting) {
		if (akt_draft_remove(ui->drafts, AKT_BOX_DRAFTS, d->acting,
				     &err))
			ui_msg(ui, "%s", _("Draft discarded."));
		else
			ui_err(ui, _("The draft was not discarded: %s"), err);
		free(err);
	} else {
		ui_msg(ui, "%s", _("Kept."));
	}
	xfree(&d->acting);
	read_lists(v);
}

static void discard(struct ui_view *v, const struct vd_row *row)
{
	struct vd *d = vd_of(v);
	pid_t owner = 0;
	char *q;

	if (row->box == AKT_BOX_OUTBOX) {
		ui_err(v->ui, "%s", _("that is being sent to the platform; it "
				      "cannot be discarded any more"));
		return;
	}
	if (akt_draft_locked(v->ui->drafts, row->d->id, &owner)) {
		if (owner == getpid())
			ui_err(v->ui, "%s", _("that draft is open in the "
					      "editor; discard it there"));
		else
			ui_err(v->ui, _("that draft is open in another akt "
					"(pid %ld); close it there first"),
			       (long)owner);
		return;
	}
	free(d->acting);
	d->acting = xstrdup(row->d->id);
	q = xasprintf(_("Discard this %s for %s? Its text is lost."),
		      kind_word(row->d->kind), row->d->case_number ?
		      row->d->case_number : "?");
	ui_confirm(v->ui, q, on_discard, view_tag(v));
	free(q);
}

static void on_trouble(struct ui *ui, int choice, void *arg)
{
	struct ui_view *v = asked_on(ui, arg);
	struct vd *d;
	const struct vd_row *row;

	if (!v)
		return;
	d = vd_of(v);
	row = row_by_id(v, d->acting);
	if (!row || choice < 0) {
		xfree(&d->acting);
		return;
	}
	switch (choice) {
	case 0:
		resume(v, row);
		break;
	case 1:
		show_full(v, row);
		break;
	default:
		discard(v, row);
		return;
	}
	xfree(&d->acting);
}

/* A conflict or a refusal: what the officer may do about it. */
static void ask_trouble(struct ui_view *v, const struct vd_row *row)
{
	struct vd *d = vd_of(v);
	char *more = detail(v, row), *title;
	const char *items[3];

	if (!more)
		more = state_words(v, row);

	items[0] = row->d->state == AKT_DS_CONFLICT ?
		   _("Edit, or send again with ^S against the case as it is "
		     "now") : _("Edit, and send again with ^S");
	items[1] = _("Show what the platform said, in full");
	items[2] = _("Discard");
	title = xasprintf("%s %s: %s", kind_word(row->d->kind),
			  row->d->case_number ? row->d->case_number : "?",
			  more);
	free(d->acting);
	d->acting = xstrdup(row->d->id);
	ui_menu(v->ui, title, items, 3, on_trouble, view_tag(v));
	free(title);
	free(more);
}

static void enter(struct ui_view *v)
{
	const struct vd_row *row = selected(v);

	if (!row)
		return;
	if (row->box == AKT_BOX_OUTBOX)
		show_full(v, row);
	else if (row->d->state != AKT_DS_DRAFT)
		ask_trouble(v, row);
	else
		resume(v, row);
}

static bool vd_action(struct ui_view *v, enum akt_action a)
{
	struct vd *d = vd_of(v);
	const struct vd_row *row;

	switch (a) {
	case AKT_A_ENTER:
		enter(v);
		return true;
	case AKT_A_DISCARD:
		if ((row = selected(v)))
			discard(v, row);
		return true;
	default:
		d->list.count = d->nrows;
		return ui_list_action(&d->list, a, ui_body_rows() - 1);
	}
}

static bool vd_command(struct ui_view *v, const char *name, const char *args)
{
	const struct vd_row *row;

	(void)args;
	if (strcmp(name, "discard") != 0)
		return false;
	if ((row = selected(v)))
		discard(v, row);
	return true;
}

/* ---- updates ----------------------------------------------------------------------- */

static void vd_outbox(struct ui_view *v, const struct akt_outbox_event *e)
{
	struct vd *d = vd_of(v);
	bool offline = akt_outbox_offline(v->ui->outbox);

	/* the link's state changed: the cases can be asked again */
	if (offline != d->was_offline)
		retry_failed(d);
	d->was_offline = offline;
	switch (e->what) {
	case AKT_OB_WAITING:
	case AKT_OB_IDLE:
	case AKT_OB_AUTH:
		break;                   /* only the words change */
	default:
		read_lists(v);
	}
}

static void vd_event(struct ui_view *v, const struct akt_event *e)
{
	struct vd *d = vd_of(v);

	if (strcmp(e->type, "case.purged") != 0)
		return;
	for (size_t i = 0; i < d->nchecks; i++)
		if (d->checks[i].case_id == e->case_id)
			d->checks[i].state = VD_PURGED;
}

static void vd_reload(struct ui_view *v)
{
	struct vd *d = vd_of(v);

	/* whether the cases are there is asked again too */
	free(d->checks);
	d->checks = NULL;
	d->nchecks = 0;
	read_lists(v);
}

static void vd_done(struct ui_view *v)
{
	struct vd *d = vd_of(v);

	akt_draft_list_clear(&d->drafts);
	akt_draft_list_clear(&d->outbox);
	free(d->rows);
	free(d->error);
	free(d->checks);
	free(d->acting);
	free(d);
}

static const struct ui_view_ops drafts_ops = {
	.name = "drafts",
	.screen = AKT_SCR_DRAFTS,
	.title = vd_title,
	.draw = vd_draw,
	.action = vd_action,
	.command = vd_command,
	.event = vd_event,
	.reload = vd_reload,
	.done = vd_done,
	.outbox = vd_outbox,
};

void view_drafts_open(struct ui *ui)
{
	struct ui_view *v = xcalloc(1, sizeof(*v));
	struct vd *d = xcalloc(1, sizeof(*d));

	v->ops = &drafts_ops;
	v->priv = d;
	d->was_offline = ui->outbox && akt_outbox_offline(ui->outbox);
	ui_push(ui, v);
	read_lists(v);
}

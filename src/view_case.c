/*
 * view_case.c — one case: a header with what matters at a glance, and
 * tabs for its parties and documents, its history, its journal and its
 * conversations with the citizen. The tabs are read when first shown;
 * feed events about the case read the header and the tab shown again,
 * quietly, without moving the selection.
 */
#include "view_case.h"
#include "akt/case_format.h"
#include "akt/ui_act.h"
#include "akt/views.h"
#include "akt/xalloc.h"

#include <strings.h>
#include <time.h>

static const struct vc_tab_ops *const tabs[VC_NTABS] = {
	[VC_OVERVIEW] = &vc_overview_ops,
	[VC_HISTORY] = &vc_history_ops,
	[VC_JOURNAL] = &vc_journal_ops,
	[VC_MESSAGES] = &vc_messages_ops,
};

/* ---- shared with the tabs ------------------------------------------------ */

char *vc_path(const struct vc *c, const char *suffix)
{
	return xasprintf("/v1/cases/%lld%s", (long long)c->id,
			 suffix ? suffix : "");
}

attr_t vc_row_start(struct ui_view *v, int y, bool selected)
{
	attr_t a = ui_attr(v->ui, selected ? AKT_T_CURSOR : AKT_T_TEXT);

	attrset(a);
	/* the mark, so the selection never rests on colour alone */
	ui_put(y, 0, 2, selected ? "›" : "", true);
	if (selected)
		v->cursor_y = y - vc_of(v)->y0;
	return a;
}

void vc_scroll_to(size_t *top, size_t first, size_t height, int rows)
{
	size_t r = rows > 0 ? (size_t)rows : 1;

	if (first < *top)
		*top = first;
	else if (first + height > *top + r)
		*top = height >= r ? first : first + height - r;
}

/* ---- reading the case ---------------------------------------------------- */

static void case_error(struct vc *c, const struct akt_reply *r)
{
	char id[32];
	const char *num = c->number;

	if (!num) {
		snprintf(id, sizeof(id), "%lld", (long long)c->id);
		num = id;
	}
	free(c->error);
	switch (r->status) {
	case 404:
		c->error = xasprintf(_("There is no case %s (any more)."), num);
		break;
	case 410:
		c->error = xasprintf(_("%s was purged (gallring); it can no "
				       "longer be shown."), num);
		break;
	case 403:
		c->error = xasprintf(_("%s belongs to a unit you are not in."),
				     num);
		break;
	default:
		c->error = ui_reply_text(r);
	}
}

static void got_case(struct ui_view *v, const struct akt_reply *r,
		     void *arg)
{
	struct vc *c = vc_of(v);
	struct akt_case fresh;
	char *err = NULL;

	if ((unsigned)(uintptr_t)arg != c->gen)
		return;
	if (r->result != AKT_OK) {
		/* a case gone is gone; a failed update keeps what is shown */
		if (!c->loaded || r->status == 404 || r->status == 410 ||
		    r->status == 403) {
			case_error(c, r);
			if (c->loaded) {
				akt_case_clear(&c->c);
				c->loaded = false;
			}
		} else {
			view_fail(v, r, c->number);
		}
		return;
	}
	if (!akt_case_decode(r->json, &fresh, &err)) {
		char *text = ui_decode_text(err);

		/* in place of the case when there is none to show yet */
		if (!c->loaded) {
			free(c->error);
			c->error = text;
		} else {
			ui_err(v->ui, "%s", text);
			free(text);
		}
		free(err);
		return;
	}
	if (c->loaded)
		akt_case_clear(&c->c);
	c->c = fresh;
	c->loaded = true;
	/* a write is based on the version shown, not on a newer one */
	free(c->etag);
	c->etag = xstrdup_opt(r->etag);
	xfree(&c->error);
	free(c->number);
	c->number = xstrdup(c->c.s.number);
}

static void load_case(struct ui_view *v)
{
	struct vc *c = vc_of(v);
	char *path = vc_path(c, NULL);

	ui_get(v, path, got_case, (void *)(uintptr_t)++c->gen);
	free(path);
}

static void show_tab(struct ui_view *v, enum vc_tab t)
{
	struct vc *c = vc_of(v);

	c->tab = t;
	if (!tabs[t]->load)
		return;
	if (!c->tab_loaded[t] || c->stale[t]) {
		tabs[t]->load(v, c->tab_loaded[t]);
		c->tab_loaded[t] = true;
		c->stale[t] = false;
	}
}

/* Read the case again, and the tab shown; the others when next shown. */
static void vc_reload(struct ui_view *v, bool quiet)
{
	struct vc *c = vc_of(v);

	load_case(v);
	for (int t = 0; t < VC_NTABS; t++)
		if (c->tab_loaded[t] && (enum vc_tab)t != c->tab)
			c->stale[t] = true;
	if (tabs[c->tab]->load && c->tab_loaded[c->tab])
		tabs[c->tab]->load(v, quiet);
}

/* ---- drawing ------------------------------------------------------------- */

static char *case_title(struct ui_view *v)
{
	struct vc *c = vc_of(v);

	if (c->loaded && c->c.s.title && *c->c.s.title)
		return xasprintf("%s – %s", c->c.s.number, c->c.s.title);
	return c->number ? xstrdup(c->number) :
	       xasprintf(_("case %lld"), (long long)c->id);
}

/* "Label: value" from x, then a gap; returns the next x. */
static int pair(struct ui_view *v, int y, int x, int cols, const char *label,
		const char *value, attr_t vattr)
{
	/* a label alone, or its start, says nothing: left out */
	if (cols - x < ui_width(label) + 3)
		return x;
	attrset(ui_attr(v->ui, AKT_T_LABEL));
	x += ui_putf(y, x, cols - x, false, "%s ", label);
	attrset(vattr);
	x += ui_put(y, x, cols - x, value, false);
	return x + 3;
}

static enum akt_theme_obj category_obj(enum akt_category cat)
{
	switch (cat) {
	case AKT_CAT_SUBMITTED:
		return AKT_T_SUBMITTED;
	case AKT_CAT_REGISTERED:
		return AKT_T_REGISTERED;
	case AKT_CAT_IN_PROGRESS:
		return AKT_T_IN_PROGRESS;
	default:
		return AKT_T_CLOSED;
	}
}

/* Has the deadline "2026-12-15" passed (local date), for an open case? */
static bool overdue(const struct akt_case *k)
{
	time_t now = ui_now();
	struct tm tm;
	char today[16];

	if (!k->s.deadline || k->s.status.category == AKT_CAT_CLOSED ||
	    !localtime_r(&now, &tm))
		return false;
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	return strncmp(k->s.deadline, today, 10) < 0;
}

static const char *priority_name(enum akt_priority p)
{
	switch (p) {
	case AKT_PRIO_LOW:
		return _("low");
	case AKT_PRIO_HIGH:
		return _("high");
	case AKT_PRIO_URGENT:
		return _("urgent");
	default:
		return _("normal");
	}
}

/* Row 0: the case's numbers and its deadline; row 1: where it stands,
 * how urgent it is and when it came. */
static void draw_ids(struct ui_view *v, int y, int cols)
{
	const struct akt_case *k = &vc_of(v)->c;
	struct ui *ui = v->ui;
	attr_t text = ui_attr(ui, AKT_T_TEXT);
	int x = 0;

	x = pair(v, y, x, cols, _("Case:"), k->s.number, text | A_BOLD);
	if (k->s.diary_number && *k->s.diary_number)
		x = pair(v, y, x, cols, _("Diary:"), k->s.diary_number, text);
	if (k->s.deadline) {
		bool late = overdue(k);
		char *d = late ? xasprintf("%s (%s)", k->s.deadline,
					   _("overdue")) :
			  xstrdup(k->s.deadline);

		pair(v, y, x, cols, _("Deadline:"), d,
		     late ? ui_attr(ui, AKT_T_OVERDUE) | A_BOLD : text);
		free(d);
	}
}

static void draw_state(struct ui_view *v, int y, int cols)
{
	const struct akt_case *k = &vc_of(v)->c;
	struct ui *ui = v->ui;
	attr_t text = ui_attr(ui, AKT_T_TEXT);
	char *filed = akt_fmt_date(k->s.created_at);
	int x = 0;

	x = pair(v, y, x, cols, _("Status:"), ui_name(ui, &k->s.status.name),
		 ui_attr(ui, category_obj(k->s.status.category)));
	x = pair(v, y, x, cols, _("E-service:"),
		 ui_name(ui, &k->s.e_service), text);
	/* only when it stands out */
	if (k->s.priority != AKT_PRIO_NORMAL)
		x = pair(v, y, x, cols, _("Priority:"),
			 priority_name(k->s.priority),
			 k->s.priority >= AKT_PRIO_HIGH ? text | A_BOLD : text);
	pair(v, y, x, cols, _("Filed:"), filed, text);
	free(filed);
}

static void draw_people(struct ui_view *v, int y, int cols)
{
	const struct akt_case *k = &vc_of(v)->c;
	attr_t text = ui_attr(v->ui, AKT_T_TEXT);
	char *app = akt_fmt_applicant(&k->s.applicant);
	char *who = akt_fmt_officers(k->s.assignees, k->s.nassignees);
	int x = 0;

	x = pair(v, y, x, cols, _("Applicant:"), *app ? app : _("none"),
		 text);
	pair(v, y, x, cols, _("Assigned:"), *who ? who : _("nobody"), text);
	free(app);
	free(who);
}

/* The legal hold first, when there is one: it stops any purge. Then
 * "closed 2026-11-23, purge date 2036-11-20" or what will happen. */
static void draw_retention(struct ui_view *v, int y, int cols)
{
	const struct akt_retention *rt = &vc_of(v)->c.retention;
	attr_t text = ui_attr(v->ui, AKT_T_TEXT);
	char *what, *closed = NULL, *purge = NULL;
	int x = 0;

	if (rt->hold) {
		char *at = akt_fmt_time(rt->hold_at);
		char *hold = xasprintf(_("%s (by %s, %s)"),
				       rt->hold_reason ? rt->hold_reason : "",
				       rt->hold_by.username ?
				       rt->hold_by.username : "?", at);

		x = pair(v, y, x, cols, _("Legal hold:"), hold, text | A_BOLD);
		free(hold);
		free(at);
	}
	if (rt->closed_at) {
		closed = akt_fmt_date(rt->closed_at);
		purge = rt->purge_at ? akt_fmt_date(rt->purge_at) : NULL;
		what = purge ? xasprintf(_("closed %s, purge date %s"), closed,
					 purge) :
		       xasprintf(_("closed %s, never purged (no policy)"),
				 closed);
	} else if (rt->policy_days >= 0) {
		what = xasprintf(_("open; purged %lld days after closing"),
				 (long long)rt->policy_days);
	} else {
		what = xstrdup(_("open; never purged (no policy)"));
	}
	pair(v, y, x, cols, _("Retention:"), what, text);
	free(what);
	free(closed);
	free(purge);
}

static void draw_tabs(struct ui_view *v, int y, int cols)
{
	struct vc *c = vc_of(v);
	const char *names[VC_NTABS];

	for (int t = 0; t < VC_NTABS; t++)
		names[t] = _(tabs[t]->name);
	view_tabs(v->ui, y, cols, names, VC_NTABS, (int)c->tab);
}

static void case_draw(struct ui_view *v, int y0, int rows, int cols)
{
	struct vc *c = vc_of(v);
	int head = AKT_MIN(VC_HEAD_ROWS, rows);

	c->y0 = y0;
	for (int i = 0; i < rows; i++) {
		attrset(ui_attr(v->ui, AKT_T_TEXT));
		ui_put(y0 + i, 0, cols, "", true);
	}
	if (!c->loaded) {
		char *s = xasprintf(_("Loading %s…"), c->number ?
				    c->number : "");

		view_draw_wait(v, y0, cols, c->error, s);
		free(s);
		return;
	}
	if (head > 0)
		draw_ids(v, y0, cols);
	if (head > 1)
		draw_state(v, y0 + 1, cols);
	if (head > 2)
		draw_people(v, y0 + 2, cols);
	if (head > 3)
		draw_retention(v, y0 + 3, cols);
	if (head > 4)
		draw_tabs(v, y0 + 4, cols);
	c->tab_rows = rows - head;
	v->cursor_y = head < rows ? head : 0;
	if (c->tab_rows > 0)
		tabs[c->tab]->draw(v, y0 + head, c->tab_rows, cols);
}

/* ---- the actions on the case (ui_act.h) ---------------------------------- */

static void acted(struct ui_view *v, size_t changed, void *arg)
{
	(void)arg;
	if (changed)
		vc_reload(v, true);
}

static bool the_case(struct ui_view *v, struct ui_act_case *ac)
{
	struct vc *c = vc_of(v);

	if (!c->loaded) {
		ui_err(v->ui, "%s", c->error ? c->error :
		       _("the case is still loading; try again in a moment"));
		return false;
	}
	ac->id = c->id;
	ac->number = c->c.s.number;
	ac->updated_at = c->c.s.updated_at;
	return true;
}

/* on: 1 set, 0 lift, -1 the other of what it is now. ui_act asks for
 * the reason, or whether to lift it. */
static void hold(struct ui_view *v, int on)
{
	struct vc *c = vc_of(v);
	struct ui_act_case ac;

	if (!the_case(v, &ac))
		return;
	if (on < 0)
		on = !c->c.retention.hold;
	if (!on && !c->c.retention.hold) {
		ui_msg(v->ui, _("%s has no legal hold."), c->c.s.number);
		return;
	}
	if (on && c->c.retention.hold) {
		ui_msg(v->ui, _("%s is already on legal hold."), c->c.s.number);
		return;
	}
	ui_act_legal_hold(v, &ac, on, acted, NULL);
}

static void act(struct ui_view *v, enum akt_action a, const char *arg)
{
	struct ui_act_case ac;

	if (!the_case(v, &ac))
		return;
	switch (a) {
	case AKT_A_STATUS:
		ui_act_status_one(v, &ac, vc_of(v)->etag, arg, acted, NULL);
		break;
	case AKT_A_ASSIGN_ME:
		ui_act_assign(v, &ac, 1, "me", acted, NULL);
		break;
	case AKT_A_ASSIGN:
		ui_act_assign(v, &ac, 1, arg, acted, NULL);
		break;
	case AKT_A_UNASSIGN:
		ui_act_unassign(v, &ac, 1, arg, acted, NULL);
		break;
	default:
		break;
	}
}

/* A journal note, written against the version of the case shown; it
 * waits at the top of the Journal until the platform has it. */
static void write_note(struct ui_view *v)
{
	struct vc *c = vc_of(v);

	if (!c->loaded) {
		ui_err(v->ui, "%s", c->error ? c->error :
		       _("the case is still loading; try again in a moment"));
		return;
	}
	if (!v->ui->drafts) {
		ui_err(v->ui, "%s", _("cannot write: the drafts directory could "
				      "not be opened (see the message at "
				      "start)"));
		return;
	}
	show_tab(v, VC_JOURNAL);
	view_compose_new(v->ui, AKT_DRAFT_NOTE, c->id, c->c.s.number, c->etag,
			 0, 0, NULL, NULL);
}

/* ---- keys and commands --------------------------------------------------- */

static bool on_overview(struct ui_view *v)
{
	if (vc_of(v)->tab == VC_OVERVIEW)
		return true;
	ui_err(v->ui, "%s", _("that works on the Overview tab: select a party "
			      "or a document there"));
	return false;
}

static bool case_action(struct ui_view *v, enum akt_action a)
{
	struct vc *c = vc_of(v);

	switch (a) {
	case AKT_A_NEXT_TAB:
	case AKT_A_PREV_TAB:
		show_tab(v, (enum vc_tab)view_tab_step(a, (int)c->tab,
							VC_NTABS));
		return true;
	case AKT_A_STATUS:
	case AKT_A_ASSIGN_ME:
	case AKT_A_ASSIGN:
	case AKT_A_UNASSIGN:
		act(v, a, NULL);
		return true;
	case AKT_A_HOLD:
		hold(v, -1);
		return true;
	case AKT_A_WRITE_NOTE:
		write_note(v);
		return true;
	case AKT_A_REVEAL:
		if (on_overview(v))
			vc_reveal(v);
		return true;
	case AKT_A_SAVE:
		if (on_overview(v))
			vc_save(v, NULL);
		return true;
	case AKT_A_OPEN:
		if (on_overview(v))
			vc_open(v);
		return true;
	default:
		break;
	}
	if (!c->loaded)
		return false;
	return tabs[c->tab]->action(v, a, c->tab_rows > 0 ? c->tab_rows :
				    ui_body_rows() - VC_HEAD_ROWS);
}

/* The tab an officer named: its number, id, shown name (either
 * language, any case) or a prefix of one of these that fits one tab. */
static int tab_parse(const char *name)
{
	int found = -1, n = 0;
	size_t len = strlen(name);

	if (len == 1 && name[0] >= '1' && name[0] < '1' + VC_NTABS)
		return name[0] - '1';
	for (int t = 0; t < VC_NTABS; t++) {
		const char *shown = _(tabs[t]->name);

		if (akt_name_eq(name, tabs[t]->id) ||
		    akt_name_eq(name, shown) ||
		    akt_name_eq(name, tabs[t]->name))
			return t;
		if (len && (strncasecmp(tabs[t]->id, name, len) == 0 ||
			    strncasecmp(shown, name, len) == 0)) {
			found = t;
			n++;
		}
	}
	return n == 1 ? found : -1;
}

static bool case_command(struct ui_view *v, const char *name,
			 const char *args)
{
	const char *arg = *args ? args : NULL;

	if (strcmp(name, "tab") == 0) {
		int t = tab_parse(args);

		if (t < 0)
			ui_err(v->ui, _("no tab '%s'; the tabs: overview, "
					"history, journal, messages"), args);
		else
			show_tab(v, (enum vc_tab)t);
	} else if (strcmp(name, "status") == 0) {
		act(v, AKT_A_STATUS, arg);
	} else if (strcmp(name, "assign") == 0) {
		act(v, AKT_A_ASSIGN, arg);
	} else if (strcmp(name, "unassign") == 0) {
		act(v, AKT_A_UNASSIGN, arg);
	} else if (strcmp(name, "hold") == 0) {
		if (!arg)
			hold(v, -1);
		else if (strcasecmp(arg, "on") == 0)
			hold(v, 1);
		else if (strcasecmp(arg, "off") == 0)
			hold(v, 0);
		else
			ui_err(v->ui, "%s", _("hold takes on or off"));
	} else if (strcmp(name, "reveal") == 0) {
		if (on_overview(v))
			vc_reveal(v);
	} else if (strcmp(name, "save") == 0) {
		if (on_overview(v))
			vc_save(v, arg);
	} else if (strcmp(name, "open") == 0) {
		if (on_overview(v))
			vc_open(v);
	} else {
		return false;
	}
	return true;
}

/* ---- live updates -------------------------------------------------------- */

static void case_event(struct ui_view *v, const struct akt_event *e)
{
	struct vc *c = vc_of(v);

	if (e->case_id != c->id)
		return;
	if (strcmp(e->type, "case.purged") == 0) {
		/* nothing is left to read: say so instead */
		free(c->error);
		c->error = xasprintf(_("%s was purged (gallring); it can no "
				       "longer be shown."), c->number ?
				     c->number : "");
		if (c->loaded) {
			akt_case_clear(&c->c);
			c->loaded = false;
		}
		c->gen++;
		return;
	}
	if (!c->loaded && c->error)
		return;
	/* each tab read so far follows the event its own way, so a
	 * receipt shows on the Journal even if it came meanwhile */
	load_case(v);
	for (int t = 0; t < VC_NTABS; t++)
		if (tabs[t]->event && c->tab_loaded[t])
			tabs[t]->event(v, e);
}

/* What the officer wrote for this case reached the platform, or came
 * back: the header and the tab shown are read again (a note sent shows
 * in the Journal, a status change in the header). A new item or the
 * connection changing only changes what is drawn. */
static void case_outbox(struct ui_view *v, const struct akt_outbox_event *e)
{
	struct vc *c = vc_of(v);

	if (!e->item || e->item->case_id != c->id)
		return;
	switch (e->what) {
	case AKT_OB_SENT:
		if (e->item->kind == AKT_DRAFT_STATUS)
			ui_msg(v->ui, _("%s is now %s"), c->number ?
			       c->number : "", e->item->status_name ?
			       e->item->status_name : e->item->status_to);
		if (c->loaded)
			vc_reload(v, true);
		break;
	case AKT_OB_CONFLICT:
	case AKT_OB_REFUSED:
		if (c->loaded)
			vc_reload(v, true);
		break;
	default:
		break;
	}
}

static void case_reload(struct ui_view *v)
{
	vc_reload(v, false);
}

static void case_done(struct ui_view *v)
{
	struct vc *c = vc_of(v);

	for (int t = 0; t < VC_NTABS; t++)
		if (tabs[t]->done)
			tabs[t]->done(v);
	vc_doc_done(v);
	if (c->loaded)
		akt_case_clear(&c->c);
	free(c->error);
	free(c->number);
	free(c->etag);
	free(c);
}

static const struct ui_view_ops case_ops = {
	.name = "case",
	.screen = AKT_SCR_CASE,
	.title = case_title,
	.draw = case_draw,
	.action = case_action,
	.command = case_command,
	.event = case_event,
	.reload = case_reload,
	.done = case_done,
	.outbox = case_outbox,
};

void view_case_open(struct ui *ui, int64_t id, const char *number)
{
	struct ui_view *v = xcalloc(1, sizeof(*v));
	struct vc *c = xcalloc(1, sizeof(*c));

	c->id = id;
	c->number = xstrdup_opt(number);
	c->tab = VC_OVERVIEW;
	v->ops = &case_ops;
	v->priv = c;
	ui_push(ui, v);
	load_case(v);
}

/*
 * view_cases.c — a list of cases: a queue's, or one across queues ("My
 * cases", "Unassigned"). Opens at once on the first page and loads the
 * others where the officer looks; sorting or filtering reads the list
 * again from the platform and keeps the selected case when it can.
 */
#include "view_cases.h"
#include "akt/views.h"
#include "akt/xalloc.h"

#include <strings.h>

/* Page size of the engine's list: a few screens per request. */
#define VCL_PAGE 100

const char *vcl_sort_name(enum akt_case_sort k)
{
	switch (k) {
	case AKT_SORT_UPDATED: return _("Updated");
	case AKT_SORT_CREATED: return _("Created");
	case AKT_SORT_NUMBER: return _("Case");
	case AKT_SORT_DEADLINE: return _("Deadline");
	case AKT_SORT_PRIORITY: return _("Priority");
	case AKT_SORT_STATUS: return _("Status");
	case AKT_SORT_COUNT: break;
	}
	return "?";
}

const struct akt_case_summary *vcl_selected(struct ui_view *v)
{
	struct vcl *c = vcl_of(v);

	if (!c->list || c->sel.count == 0)
		return NULL;
	return akt_case_list_get(c->list, c->sel.sel);
}

void vcl_select(struct ui_view *v, size_t row)
{
	struct vcl *c = vcl_of(v);
	size_t rows = c->rows > 0 ? (size_t)c->rows : 1;

	if (row >= c->sel.count)
		return;
	c->sel.sel = row;
	/* a jump lands in the middle, with rows around it to see */
	if (row < c->sel.top || row >= c->sel.top + rows)
		c->sel.top = row > rows / 2 ? row - rows / 2 : 0;
	ui_list_clamp(&c->sel, (int)rows);
	ui_dirty(v->ui);
}

/* ---- the list -------------------------------------------------------- */

static void list_changed(struct akt_case_list *l, const char *error,
			 void *arg)
{
	struct ui_view *v = arg;
	struct vcl *c = vcl_of(v);

	if (l != c->list)
		return;
	if (error) {
		if (!akt_case_list_ready(l)) {
			free(c->error);
			c->error = xstrdup(error);
		} else {
			ui_err(v->ui, "%s", error);
		}
	}
	c->sel.count = akt_case_list_count(l);
	if (c->keep_id && akt_case_list_ready(l)) {
		ssize_t row = akt_case_list_find(l, c->keep_id);

		c->keep_id = 0;
		c->sel.sel = c->sel.top = 0;
		if (row >= 0)
			vcl_select(v, (size_t)row);
	}
	ui_list_clamp(&c->sel, c->rows);
	vcl_search_list_changed(v);
	ui_dirty(v->ui);
}

/* Start the list over with the current filter and order. */
static void start_list(struct ui_view *v)
{
	struct vcl *c = vcl_of(v);
	struct akt_case_filter eff;
	struct akt_case_query q;

	akt_case_list_free(&c->list);
	akt_case_filter_merge(&eff, &c->base, &c->filter);
	free(c->query);
	c->query = akt_case_filter_query(&eff);
	akt_case_filter_clear(&eff);
	akt_case_order_str(c->order, c->sort);
	q = (struct akt_case_query){ .path = c->path, .filter = c->query,
				     .sort = c->sort };
	xfree(&c->error);
	c->sel.count = 0;
	c->new_cases = 0;
	c->list = akt_case_list_new(v->ui->session, &q, list_changed, v);
	akt_case_list_set_limit(c->list, VCL_PAGE);
	akt_case_list_open(c->list);
}

void vcl_reload(struct ui_view *v)
{
	struct vcl *c = vcl_of(v);
	const struct akt_case_summary *s = vcl_selected(v);

	c->keep_id = s ? s->id : 0;
	start_list(v);
	vcl_search_restart(v);
	ui_dirty(v->ui);
}

/* ---- sorting and filtering --------------------------------------------- */

static void sort_by(struct ui_view *v, struct akt_case_order o)
{
	struct vcl *c = vcl_of(v);
	char buf[16];

	c->order = o;
	vcl_reload(v);
	ui_msg(v->ui, _("sorted by %s (%s)"), vcl_sort_name(o.key),
	       akt_case_order_str(o, buf));
}

static void sort_command(struct ui_view *v, const char *args)
{
	struct vcl *c = vcl_of(v);
	struct akt_case_order o;
	char buf[16];

	if (!*args) {
		ui_msg(v->ui, _("sorted by %s (%s)"), vcl_sort_name(c->order.key),
		       akt_case_order_str(c->order, buf));
		return;
	}
	if (!akt_case_order_parse(args, &o)) {
		ui_err(v->ui, _("cannot sort by '%s'; use number, created, "
				"updated, deadline, priority or status, with - "
				"for descending"), args);
		return;
	}
	sort_by(v, o);
}

static void filter_apply(struct ui_view *v, const char *text)
{
	struct vcl *c = vcl_of(v);
	struct akt_case_filter f;
	char *err = NULL;

	if (!akt_case_filter_parse(text, &v->ui->statuses, &v->ui->eservices,
				   &f, &err)) {
		ui_err(v->ui, "%s", err);
		free(err);
		return;
	}
	if (akt_case_filter_equal(&f, &c->filter)) {
		akt_case_filter_clear(&f);
		return;
	}
	akt_case_filter_clear(&c->filter);
	c->filter = f;
	vcl_reload(v);
	if (akt_case_filter_empty(&f))
		ui_msg(v->ui, "%s", _("filter cleared"));
}

/* The list the filter prompt is for: a prompt answers through the ui,
 * maybe after the list closed. One prompt is open at a time. */
struct filter_ask {
	struct ui *ui;
	unsigned serial;
};

static void filter_answer(struct ui *ui, const char *text, void *arg)
{
	const struct filter_ask *ask = arg;
	struct ui_view *v = ui_view_find(ui, ask->serial);

	if (text && v)
		filter_apply(v, text);
}

/* Tab in the filter prompt: keys, then the values of the key typed,
 * completing the word as typed so names with capitals complete too. */
static void offer(struct ui_line *l, const char *word, size_t vstart,
		  const char *name)
{
	const char *typed = word + vstart;
	size_t tl = strlen(typed);
	char *cand;

	if (!name || strncasecmp(name, typed, tl) != 0)
		return;
	cand = xasprintf("%s%s", word, name + tl);
	ui_line_add(l, cand);
	free(cand);
}

static void filter_complete(struct ui_line *l, const char *line,
			    size_t index, const char *word, void *arg)
{
	static const char *const keys[] = { "status=", "category=",
					     "assignee=", "e_service=" };
	static const char *const cats[] = { "submitted", "registered",
					    "in_progress", "closed" };
	const struct filter_ask *ask = arg;
	struct ui *ui = ask->ui;
	const char *eq = strchr(word, '=');
	size_t vstart;

	(void)line;
	if (!eq) {
		for (size_t i = 0; i < AKT_LEN(keys); i++)
			offer(l, word, 0, keys[i]);
		if (index == 0)
			offer(l, word, 0, "clear");
		return;
	}
	/* after the last comma: "status=closed,sub" */
	vstart = (size_t)(eq - word) + 1;
	for (const char *p = word + vstart; *p; p++)
		if (*p == ',')
			vstart = (size_t)(p - word) + 1;
	if (strncmp(word, "status=", 7) == 0) {
		for (size_t i = 0; i < ui->statuses.n; i++) {
			offer(l, word, vstart, ui->statuses.items[i].id);
			offer(l, word, vstart,
			      ui_name(ui, &ui->statuses.items[i].name));
		}
	} else if (strncmp(word, "category=", 9) == 0) {
		for (size_t i = 0; i < AKT_LEN(cats); i++)
			offer(l, word, vstart, cats[i]);
	} else if (strncmp(word, "assignee=", 9) == 0) {
		offer(l, word, vstart, "me");
		offer(l, word, vstart, "none");
		for (size_t i = 0; i < ui->nofficers; i++)
			offer(l, word, vstart, ui->officers[i].username);
	} else if (strncmp(word, "e_service=", 10) == 0) {
		for (size_t i = 0; i < ui->eservices.n; i++)
			offer(l, word, vstart, ui->eservices.items[i].id);
	}
}

static void filter_prompt(struct ui_view *v)
{
	static struct filter_ask ask;
	struct vcl *c = vcl_of(v);
	char *now = akt_case_filter_text(&c->filter);

	ask.ui = v->ui;
	ask.serial = v->serial;
	ui_prompt(v->ui, _("filter:"), now, filter_complete, filter_answer,
		  &ask);
	free(now);
}

/* ---- keys and commands ----------------------------------------------------- */

static bool cases_action(struct ui_view *v, enum akt_action a)
{
	struct vcl *c = vcl_of(v);
	const struct akt_case_summary *s;

	if (ui_list_action(&c->sel, a, c->rows)) {
		c->stopped = false;
		return true;
	}
	switch (a) {
	case AKT_A_CANCEL:
		/* Esc: stop the pages under way; moving loads again. The
		 * core drops the view's own requests after this. */
		if (c->list && akt_case_list_stop(c->list)) {
			c->stopped = true;
			ui_msg(v->ui, "%s", _("Stopped waiting."));
			return !v->loading;
		}
		return false;
	case AKT_A_ENTER:
		if ((s = vcl_selected(v)))
			view_case_open(v->ui, s->id, s->number);
		return true;
	case AKT_A_SEARCH:
		vcl_search_prompt(v);
		return true;
	case AKT_A_SEARCH_NEXT:
	case AKT_A_SEARCH_PREV:
		vcl_search_next(v, a == AKT_A_SEARCH_PREV);
		return true;
	case AKT_A_SORT:
		sort_by(v, akt_case_order_next(c->order));
		return true;
	case AKT_A_SORT_REVERSE: {
		struct akt_case_order o = c->order;

		o.desc = !o.desc;
		sort_by(v, o);
		return true;
	}
	case AKT_A_FILTER:
		filter_prompt(v);
		return true;
	case AKT_A_TAG:
		vcl_tag_toggle(v);
		return true;
	case AKT_A_UNTAG_ALL:
		if (c->ntags)
			ui_msg(v->ui, "%s", _("tags removed"));
		vcl_tags_clear(c);
		return true;
	case AKT_A_STATUS:
		vcl_act(v, ACT_STATUS, NULL);
		return true;
	case AKT_A_ASSIGN_ME:
		vcl_act(v, ACT_ASSIGN, "me");
		return true;
	case AKT_A_ASSIGN:
		vcl_act(v, ACT_ASSIGN, NULL);
		return true;
	case AKT_A_UNASSIGN:
		vcl_act(v, ACT_UNASSIGN, NULL);
		return true;
	default:
		return false;
	}
}

static bool cases_command(struct ui_view *v, const char *name,
			  const char *args)
{
	struct vcl *c = vcl_of(v);
	const char *what = *args ? args : NULL;

	if (strcmp(name, "sort") == 0) {
		sort_command(v, args);
	} else if (strcmp(name, "filter") == 0) {
		if (*args)
			filter_apply(v, args);
		else
			filter_prompt(v);
	} else if (strcmp(name, "search") == 0) {
		if (*args)
			vcl_search_start(v, args);
		else
			vcl_search_prompt(v);
	} else if (strcmp(name, "status") == 0) {
		vcl_act(v, ACT_STATUS, what);
	} else if (strcmp(name, "assign") == 0) {
		vcl_act(v, ACT_ASSIGN, what);
	} else if (strcmp(name, "unassign") == 0) {
		vcl_act(v, ACT_UNASSIGN, what);
	} else if (strcmp(name, "tag") == 0) {
		if (!what)
			vcl_tag_toggle(v);
		else if (strcmp(what, "all") == 0)
			vcl_tag_all(v);
		else if (strcmp(what, "none") == 0 ||
			 strcmp(what, "clear") == 0)
			vcl_tags_clear(c);
		else
			ui_err(v->ui, "%s", _("tag takes nothing (the selected "
					      "case), all (every case loaded) "
					      "or none"));
	} else {
		return false;
	}
	ui_dirty(v->ui);
	return true;
}

static void cases_event(struct ui_view *v, const struct akt_event *e)
{
	vcl_act_event(v, e);
	vcl_live_event(v, e);
}

static void cases_reload(struct ui_view *v)
{
	vcl_reload(v);
}

static void cases_done(struct ui_view *v)
{
	struct vcl *c = vcl_of(v);

	vcl_act_free(c);
	vcl_live_free(c);
	vcl_search_free(c);
	akt_case_list_free(&c->list);
	vcl_tags_clear(c);
	akt_case_filter_clear(&c->base);
	akt_case_filter_clear(&c->filter);
	free(c->query);
	free(c->error);
	free(c->title);
	free(c->path);
	free(c);
}

static const struct ui_view_ops cases_ops = {
	.name = "cases",
	.screen = AKT_SCR_CASES,
	.title = vcl_title,
	.draw = vcl_draw,
	.action = cases_action,
	.command = cases_command,
	.event = cases_event,
	.reload = cases_reload,
	.done = cases_done,
};

void view_cases_open(struct ui *ui, const char *title,
		     const struct akt_case_query *q, int64_t queue_id)
{
	struct ui_view *v = xcalloc(1, sizeof(*v));
	struct vcl *c = xcalloc(1, sizeof(*c));
	char *err = NULL;

	v->ops = &cases_ops;
	v->priv = c;
	v->ui = ui;
	c->title = xstrdup(title ? title : _("Cases"));
	c->path = xstrdup(q->path);
	c->queue_id = queue_id;
	/* The opening filter is ours (ids, query form): no names to look
	 * up, so it parses without the lists. */
	if (!akt_case_filter_parse(q->filter, NULL, NULL, &c->base, &err)) {
		ui_err(ui, "%s", err);
		free(err);
	}
	c->order = (struct akt_case_order){ AKT_SORT_UPDATED, true };
	if (q->sort)
		akt_case_order_parse(q->sort, &c->order);
	ui_push(ui, v);
	start_list(v);
	if (q->q && *q->q)
		vcl_search_start(v, q->q);
}

/*
 * view_case_history.c — the History tab: the case's events (status
 * changes, assignments, notes, messages, reveals, downloads …), newest
 * first, one line each. Older pages load as the selection nears the
 * end; a live update reads the first page again and puts what is new
 * on top, keeping the selected event selected.
 */
#include "view_case.h"
#include "akt/case_format.h"
#include "akt/urlenc.h"
#include "akt/xalloc.h"

#define PAGE "100"

static void clear_items(struct akt_event **items, size_t *n)
{
	struct akt_event_page p = { .items = *items, .n = *n };

	akt_event_page_clear(&p);
	*items = NULL;
	*n = 0;
}

/* seq is a decimal string that grows: compare as numbers. */
static int seq_cmp(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(a, b);
}

/* The fresh page p becomes all the events (p is emptied). */
static void take_page(struct vc_history *h, struct akt_event_page *p)
{
	clear_items(&h->items, &h->n);
	free(h->pg.next);
	h->items = p->items;
	h->n = p->n;
	h->pg.next = p->next;
	p->items = NULL;
	p->n = 0;
	p->next = NULL;
}

/* Put the events of a fresh first page that are newer than ours on
 * top; when they do not reach ours, the fresh page replaces all. */
static void merge_top(struct vc_history *h, struct akt_event_page *p)
{
	size_t k = 0;

	if (!h->n) {
		take_page(h, p);
		return;
	}
	while (k < p->n && seq_cmp(p->items[k].seq, h->items[0].seq) > 0)
		k++;
	if (k == p->n && p->next) {
		/* more came than a page: start over from the top */
		take_page(h, p);
		h->list.sel = h->list.top = 0;
		return;
	}
	if (!k)
		return;
	h->items = xreallocarray(h->items, h->n + k, sizeof(*h->items));
	memmove(h->items + k, h->items, h->n * sizeof(*h->items));
	memcpy(h->items, p->items, k * sizeof(*h->items));
	h->n += k;
	/* the rest of the fresh page is what we have: freed below */
	memmove(p->items, p->items + k, (p->n - k) * sizeof(*p->items));
	p->n -= k;
	/* the same event stays selected, and where it was on screen */
	h->list.sel += k;
	h->list.top += k;
}

static void append(struct vc_history *h, struct akt_event_page *p)
{
	h->items = xreallocarray(h->items, h->n + p->n + 1, sizeof(*h->items));
	for (size_t i = 0; i < p->n; i++) {
		/* never twice, should a page overlap what is there */
		if (h->n && seq_cmp(p->items[i].seq,
				    h->items[h->n - 1].seq) >= 0) {
			akt_event_clear(&p->items[i]);
			continue;
		}
		h->items[h->n++] = p->items[i];
	}
	free(p->items);
	p->items = NULL;
	p->n = 0;
	free(h->pg.next);
	h->pg.next = p->next;
	p->next = NULL;
}

static void got_events(struct ui_view *v, const struct akt_reply *r,
		       void *arg)
{
	struct vc_history *h = &vc_of(v)->hist;
	struct akt_event_page p;
	char *err = NULL;
	bool older;

	if (!vp_answer(v, &h->pg, r, arg, h->list.sel, _("history"), &older))
		return;
	if (!akt_event_page_decode(r->json, &p, &err)) {
		vp_bad(v, &h->pg, older, err);
		return;
	}
	if (older) {
		append(h, &p);
	} else {
		if (!h->pg.loaded) {
			clear_items(&h->items, &h->n);
			xfree(&h->pg.next);
		}
		merge_top(h, &p);
		vp_loaded(&h->pg);
	}
	akt_event_page_clear(&p);
}

static void request(struct ui_view *v, const char *cursor)
{
	struct vc *c = vc_of(v);
	char *cur = cursor ? akt_url_escape(cursor) : NULL;
	char *sub = xasprintf("/events?sort=-seq&limit=" PAGE
			      "&total=false%s%s", cur ? "&cursor=" : "",
			      cur ? cur : "");
	char *path = vc_path(c, sub);

	ui_get(v, path, got_events, vp_arg(&c->hist.pg, cursor != NULL));
	free(path);
	free(sub);
	free(cur);
}

static void hist_load(struct ui_view *v, bool quiet)
{
	struct vc_history *h = &vc_of(v)->hist;

	vp_restart(&h->pg, quiet);
	/* asked for: read from the top, the selection too */
	if (!quiet)
		h->list.sel = h->list.top = 0;
	request(v, NULL);
}

/* The next older page when the selection comes near the end. */
static void want_more(struct ui_view *v, int rows)
{
	struct vc_history *h = &vc_of(v)->hist;

	if (vp_want_more(v, &h->pg, h->list.sel, h->n,
			 (size_t)AKT_MAX(rows, 1)))
		request(v, h->pg.next);
}

static void hist_draw(struct ui_view *v, int y0, int rows, int cols)
{
	struct vc_history *h = &vc_of(v)->hist;
	int tw = 16, aw = cols >= 120 ? 24 : 16, list = rows - 1;
	int dx = 2 + tw + 1 + aw + 1;

	if (!h->pg.loaded) {
		view_draw_wait(v, y0, cols, h->pg.error,
			       _("Loading the history…"));
		return;
	}
	if (!h->n) {
		view_state_line(v->ui, y0, cols, _("No events."), false);
		return;
	}
	/* placed by columns: translations are not all one byte a column */
	attrset(ui_attr(v->ui, AKT_T_HEADER));
	ui_put(y0, 0, 2, "", true);
	ui_put(y0, 2, tw + 1, _("When"), true);
	ui_put(y0, 2 + tw + 1, aw + 1, _("Who"), true);
	ui_put(y0, dx, cols - dx, _("What"), true);
	h->list.count = h->n;
	ui_list_clamp(&h->list, list);
	want_more(v, list);
	for (int i = 0; i < list; i++) {
		size_t idx = h->list.top + (size_t)i;
		int y = y0 + 1 + i;
		const struct akt_event *e;
		char *when, *what;
		attr_t a;

		if (idx >= h->n) {
			attrset(ui_attr(v->ui, AKT_T_TEXT));
			ui_put(y, 0, cols, idx == h->n && h->pg.more ?
			       _("  Loading older events…") : "", true);
			continue;
		}
		e = &h->items[idx];
		a = vc_row_start(v, y, idx == h->list.sel);
		when = akt_fmt_time(e->at);
		what = akt_event_describe(e, v->ui->lang);
		if (idx != h->list.sel)
			attrset(ui_attr(v->ui, AKT_T_DIM));
		ui_put(y, 2, tw + 1, when, true);
		attrset(a);
		/* a name cut to its column keeps the gap before "What" */
		ui_put(y, 2 + tw + 1, aw, e->actor_name, true);
		ui_put(y, 2 + tw + 1 + aw, 1, "", true);
		ui_put(y, dx, cols - dx, what, true);
		free(when);
		free(what);
	}
}

static void show_event(struct ui_view *v, const struct akt_event *e)
{
	struct vc *c = vc_of(v);
	char *when = akt_fmt_time(e->at);
	char *what = akt_event_describe(e, v->ui->lang);
	char *text, *title;

	text = xasprintf("%s %s\n%s %s (%s)\n%s %s\n\n%s\n",
			 _("When:"), when, _("Who:"), e->actor_name,
			 e->actor_kind, _("Event:"), e->type, what);
	title = xasprintf("%s – %s", c->number ? c->number : "", e->type);
	ui_show_text(v->ui, title, text);
	free(title);
	free(text);
	free(what);
	free(when);
}

static bool hist_action(struct ui_view *v, enum akt_action a, int rows)
{
	struct vc_history *h = &vc_of(v)->hist;
	bool moved;

	if (!h->pg.loaded)
		return false;
	if (a == AKT_A_ENTER) {
		if (h->list.sel < h->n)
			show_event(v, &h->items[h->list.sel]);
		return true;
	}
	h->list.count = h->n;
	moved = ui_list_action(&h->list, a, rows - 1);
	if (moved)
		want_more(v, rows - 1);
	return moved;
}

static void hist_event(struct ui_view *v, const struct akt_event *e)
{
	(void)e;
	/* every event of the case is in its history */
	if (vc_of(v)->hist.pg.loaded)
		hist_load(v, true);
}

static void hist_done(struct ui_view *v)
{
	struct vc_history *h = &vc_of(v)->hist;

	clear_items(&h->items, &h->n);
	vp_clear(&h->pg);
}

const struct vc_tab_ops vc_history_ops = {
	.id = "history",
	.name = N_("History"),
	.load = hist_load,
	.draw = hist_draw,
	.action = hist_action,
	.event = hist_event,
	.done = hist_done,
};

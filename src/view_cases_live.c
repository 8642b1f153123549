/*
 * view_cases_live.c — keeping the list current from the change feed.
 *
 * A changed case that is on the list is read again and its row replaced
 * where it is: nothing moves under the cursor, even when the change
 * would sort it elsewhere. A new case that belongs to the list goes on
 * top when the list is newest first (the selection stays on its case),
 * else the title says how many came, for ^R. Events come in bursts (a
 * colleague's bulk change), so they are gathered for a moment and each
 * case is read once.
 */
#include "view_cases.h"
#include "akt/urlenc.h"
#include "akt/xalloc.h"

/* How long events are gathered before the cases are read. */
#define VCL_LIVE_MS 250

#define F_CREATED 1u
#define F_UNREAD 2u

/* The id and what to do with it, in a request's arg: ids are far below
 * 2^61, so two bits are free. */
static void *pack(int64_t id, unsigned flags)
{
	return (void *)(uintptr_t)(((uint64_t)id << 2) | flags);
}

static int64_t unpack(void *arg, unsigned *flags)
{
	uintptr_t u = (uintptr_t)arg;

	*flags = (unsigned)(u & 3u);
	return (int64_t)(u >> 2);
}

void vcl_live_free(struct vcl *c)
{
	akt_timer_free(&c->live_timer);
	for (size_t i = 0; i < c->npending; i++)
		free(c->pending[i].number);
	xfree(&c->pending);
	c->npending = 0;
}

/* ---- answers ----------------------------------------------------------- */

/* Does a new case belong on this list? */
static bool belongs(struct ui_view *v, const struct akt_case_summary *s)
{
	struct vcl *c = vcl_of(v);
	struct akt_case_filter eff;
	bool ok;

	if (c->queue_id && s->queue_id != c->queue_id)
		return false;
	akt_case_filter_merge(&eff, &c->base, &c->filter);
	ok = akt_case_filter_match(&eff, s, v->ui->me_loaded ?
				   v->ui->me.username : NULL);
	akt_case_filter_clear(&eff);
	return ok;
}

static void insert_new(struct ui_view *v, const struct akt_case_summary *s)
{
	struct vcl *c = vcl_of(v);
	bool newest_first = c->order.desc &&
		(c->order.key == AKT_SORT_UPDATED ||
		 c->order.key == AKT_SORT_CREATED);

	/* before the first page, the first page brings it */
	if (!akt_case_list_ready(c->list) || !belongs(v, s))
		return;
	if (!newest_first) {
		c->new_cases++;
		ui_dirty(v->ui);
		return;
	}
	akt_case_list_insert_top(c->list, s);
	/* the same case stays selected, the screen stays as it was */
	if (c->sel.count > 0) {
		c->sel.sel++;
		c->sel.top++;
	}
	c->sel.count = akt_case_list_count(c->list);
	ui_list_clamp(&c->sel, c->rows);
	ui_msg(v->ui, _("new case %s at the top"), s->number);
}

static void got_case(struct ui_view *v, const struct akt_reply *r,
		     void *arg)
{
	struct vcl *c = vcl_of(v);
	unsigned flags;
	int64_t id = unpack(arg, &flags);
	const struct akt_case_summary *old;
	struct akt_case fresh;
	ssize_t row;
	char *err = NULL;

	/* a failed update keeps the row as it was: the next event or ^R
	 * brings it */
	if (r->result != AKT_OK || !c->list ||
	    !akt_case_decode(r->json, &fresh, &err)) {
		free(err);
		return;
	}
	row = fresh.s.id == id ? akt_case_list_find(c->list, id) : -1;
	if (row >= 0 && (old = akt_case_list_get(c->list, (size_t)row))) {
		/* the detail has no unread count; the row's stays */
		fresh.s.unread_messages = old->unread_messages;
		akt_case_list_update(c->list, &fresh.s);
		ui_dirty(v->ui);
	} else if (row < 0 && (flags & F_CREATED)) {
		insert_new(v, &fresh.s);
	}
	akt_case_clear(&fresh);
}

/* A list page found by the case number: the summary with its unread
 * count, which the detail lacks. */
static void got_summary(struct ui_view *v, const struct akt_reply *r,
			void *arg)
{
	struct vcl *c = vcl_of(v);
	unsigned flags;
	int64_t id = unpack(arg, &flags);
	struct akt_case_page p;
	char *err = NULL;

	if (r->result != AKT_OK || !c->list ||
	    !akt_case_page_decode(r->json, &p, &err)) {
		free(err);
		return;
	}
	for (size_t i = 0; i < p.n; i++)
		if (p.items[i].id == id &&
		    akt_case_list_update(c->list, &p.items[i]))
			ui_dirty(v->ui);
	akt_case_page_clear(&p);
}

/* ---- gathering ---------------------------------------------------------- */

static void read_one(struct ui_view *v, const struct vcl_pending *p)
{
	char *path;

	if ((p->unread && p->number) && !p->created) {
		char *q = akt_url_escape(p->number);

		/* the number is unique; a few rows in case it is part of
		 * another case's title */
		path = xasprintf("/v1/cases?q=%s&limit=20&total=false", q);
		free(q);
		ui_get(v, path, got_summary, pack(p->id, F_UNREAD));
	} else {
		path = xasprintf("/v1/cases/%lld", (long long)p->id);
		ui_get(v, path, got_case,
		       pack(p->id, p->created ? F_CREATED : 0));
	}
	free(path);
}

static void live_fire(struct akt_timer *t, void *arg)
{
	struct ui_view *v = arg;
	struct vcl *c = vcl_of(v);
	struct vcl_pending *list = c->pending;
	size_t n = c->npending;

	(void)t;
	c->pending = NULL;
	c->npending = 0;
	for (size_t i = 0; i < n; i++) {
		read_one(v, &list[i]);
		free(list[i].number);
	}
	free(list);
}

static void pend(struct ui_view *v, int64_t id, const char *number,
		 unsigned flags)
{
	struct vcl *c = vcl_of(v);
	struct vcl_pending *p = NULL;

	for (size_t i = 0; i < c->npending && !p; i++)
		if (c->pending[i].id == id)
			p = &c->pending[i];
	if (!p) {
		c->pending = xreallocarray(c->pending, c->npending + 1,
					   sizeof(*c->pending));
		p = &c->pending[c->npending++];
		*p = (struct vcl_pending){ .id = id };
	}
	if (!p->number && number)
		p->number = xstrdup(number);
	p->created |= (flags & F_CREATED) != 0;
	p->unread |= (flags & F_UNREAD) != 0;
	if (!c->live_timer)
		c->live_timer = akt_timer_new(v->ui->loop, live_fire, v);
	/* not pushed back by later events: a burst waits at most this */
	if (!akt_timer_active(c->live_timer))
		akt_timer_start(c->live_timer, VCL_LIVE_MS);
}

void vcl_live_refresh(struct ui_view *v, int64_t id, const char *number)
{
	pend(v, id, number, 0);
}

static bool is(const struct akt_event *e, const char *type)
{
	return e->type && strcmp(e->type, type) == 0;
}

void vcl_live_event(struct ui_view *v, const struct akt_event *e)
{
	struct vcl *c = vcl_of(v);
	bool loaded;

	if (!e->case_id || !c->list)
		return;
	if (is(e, "case.created")) {
		if (!c->queue_id || !e->queue_id || e->queue_id == c->queue_id)
			pend(v, e->case_id, e->case_number, F_CREATED);
		return;
	}
	loaded = akt_case_list_find(c->list, e->case_id) >= 0;
	if (!loaded)
		return;
	if (is(e, "message.created") || is(e, "message.read"))
		pend(v, e->case_id, e->case_number, F_UNREAD);
	else if (is(e, "case.status_changed") || is(e, "case.assigned") ||
		 is(e, "case.unassigned") || is(e, "case.legal_hold"))
		pend(v, e->case_id, e->case_number, 0);
}

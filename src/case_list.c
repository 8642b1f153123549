/*
 * case_list.c — a long case list loaded where the officer looks, from
 * both ends.
 *
 * Rows [0, top) came from the forward chain (the list's sort, following
 * "next" from the first page); rows [bottom, count) from the backward
 * chain (the reversed sort from its first page, which is the end of the
 * list, last row first). Rows [top, bottom) are not loaded yet. When the
 * two meet the list is whole; a case found on both sides is kept once,
 * and a gap left by cases that went away meanwhile is closed.
 */
#include "akt/case_list.h"
#include "akt/retry.h"
#include "akt/case_rows.h"
#include "akt/sanitize.h"
#include "akt/urlenc.h"
#include "akt/xalloc.h"

#define LIMIT_DEFAULT 100
#define LIMIT_MAX     200
/* The pause after a failed page: about 1 s, doubling up to 30 s. */
static const struct akt_retry_policy page_backoff = { 0, 1000, 30000, 0 };
/* Rows of the other chain, nearest the seam, that a new case is looked
 * for in: a case that moved while the list was read is found there,
 * without a look through the whole list for every case of every page. */
#define SEAM_WINDOW   1000

struct chain {
	struct akt_case_list *l;
	bool backward;
	char *cursor;             /* of the next page; NULL before the first */
	bool done;                /* reached the end, or met the other */
	bool busy;                /* a request under way, with this as arg */
	unsigned failures;
	int64_t retry_at;         /* no request before (loop clock) */
};

struct akt_case_list {
	struct akt_session *s;
	char *query;              /* path?filter&q=… (without sort, limit) */
	char *sort, *rsort;       /* the list's sort and its reverse */
	akt_case_list_cb *cb;
	void *arg;
	unsigned limit;
	bool opened, ready;
	bool counted;             /* the platform gave a total */
	struct akt_case_rows *rows;
	size_t top, bottom;
	struct chain fwd, back;
	struct akt_timer *retry;  /* asks again after a failure */
	struct akt_timer *kick;   /* goes on loading, after a page came */
	bool wanted;
	size_t want_from, want_to;
};

static void on_retry(struct akt_timer *t, void *arg);
static void on_kick(struct akt_timer *t, void *arg);

/* "-updated" ↔ "updated" */
static char *reversed(const char *sort)
{
	return sort[0] == '-' ? xstrdup(sort + 1) : xasprintf("-%s", sort);
}

struct akt_case_list *akt_case_list_new(struct akt_session *s,
					const struct akt_case_query *q,
					akt_case_list_cb *cb, void *arg)
{
	struct akt_case_list *l = xcalloc(1, sizeof(*l));
	char *text = q->q && *q->q ? akt_url_escape(q->q) : NULL;
	bool filter = q->filter && *q->filter;

	l->s = s;
	l->cb = cb;
	l->arg = arg;
	l->limit = LIMIT_DEFAULT;
	l->query = xasprintf("%s?%s%s%s%s", q->path, filter ? q->filter : "",
			     filter && text ? "&" : "", text ? "q=" : "",
			     text ? text : "");
	free(text);
	l->sort = xstrdup(q->sort && *q->sort ? q->sort : "-updated");
	l->rsort = reversed(l->sort);
	l->rows = akt_case_rows_new();
	l->fwd.l = l->back.l = l;
	l->back.backward = true;
	l->retry = akt_timer_new(akt_session_loop(s), on_retry, l);
	l->kick = akt_timer_new(akt_session_loop(s), on_kick, l);
	return l;
}

void akt_case_list_free(struct akt_case_list **lp)
{
	struct akt_case_list *l = *lp;

	if (!l)
		return;
	akt_session_cancel_arg(l->s, &l->fwd);
	akt_session_cancel_arg(l->s, &l->back);
	akt_timer_free(&l->retry);
	akt_timer_free(&l->kick);
	akt_case_rows_free(&l->rows);
	free(l->fwd.cursor);
	free(l->back.cursor);
	free(l->query);
	free(l->sort);
	free(l->rsort);
	free(l);
	*lp = NULL;
}

unsigned akt_case_list_stop(struct akt_case_list *l)
{
	unsigned stopped = akt_case_list_loading(l);

	/* The rows asked for next start the pages again. */
	akt_session_cancel_arg(l->s, &l->fwd);
	akt_session_cancel_arg(l->s, &l->back);
	l->fwd.busy = l->back.busy = false;
	akt_timer_stop(l->kick);
	return stopped;
}

void akt_case_list_set_limit(struct akt_case_list *l, unsigned limit)
{
	l->limit = limit < 1 ? 1 : AKT_MIN(limit, LIMIT_MAX);
}

size_t akt_case_list_count(const struct akt_case_list *l)
{
	return l->ready ? akt_case_rows_count(l->rows) : 0;
}

bool akt_case_list_ready(const struct akt_case_list *l)
{
	return l->ready;
}

const struct akt_case_summary *akt_case_list_get(
	const struct akt_case_list *l, size_t i)
{
	return akt_case_rows_get(l->rows, i);
}

unsigned akt_case_list_loading(const struct akt_case_list *l)
{
	return (unsigned)l->fwd.busy + (unsigned)l->back.busy;
}

/* Is id among rows [from, to)? Its row, or -1. */
static ssize_t find_in(const struct akt_case_list *l, int64_t id, size_t from,
		       size_t to)
{
	for (size_t i = from; i < to; i++)
		if (akt_case_rows_id(l->rows, i) == id)
			return (ssize_t)i;
	return -1;
}

ssize_t akt_case_list_find(const struct akt_case_list *l, int64_t id)
{
	return find_in(l, id, 0, akt_case_rows_count(l->rows));
}

/* ---- the two chains meet ----------------------------------------------- */

static bool whole(const struct akt_case_list *l)
{
	return l->top >= l->bottom;
}

/* Nothing lies between the chains any more: close the gap of rows that
 * will never come (cases that went away while the list was read). */
static void meet(struct akt_case_list *l)
{
	if (l->bottom > l->top)
		akt_case_rows_remove(l->rows, l->top, l->bottom - l->top);
	l->bottom = l->top;
	l->fwd.done = l->back.done = true;
}

/*
 * Where each case of a page goes: forward at top, top+1 …, backward at
 * bottom-1, bottom-2 … (the page comes last row first). A case already
 * loaded by the other chain is where the chains meet when it is the
 * other's nearest row, and otherwise a case that moved meanwhile, kept
 * where it was first seen (looked for near the seam only). When there is
 * no room left the chains have met: the rest are cases that came after
 * the list was counted, shown when it is read again. at[k] is SIZE_MAX
 * for a case left out.
 */
static size_t place(struct akt_case_list *l, struct chain *c,
		    const struct akt_case_page *page, size_t *at)
{
	size_t n = 0, total = akt_case_rows_count(l->rows);

	for (size_t k = 0; k < page->n; k++)
		at[k] = SIZE_MAX;
	for (size_t k = 0; k < page->n && !whole(l); k++) {
		int64_t id = page->items[k].id;
		ssize_t seen = c->backward ?
			find_in(l, id, l->top > SEAM_WINDOW ?
				l->top - SEAM_WINDOW : 0, l->top) :
			find_in(l, id, l->bottom,
				AKT_MIN(total, l->bottom + SEAM_WINDOW));

		if (seen >= 0) {
			if ((size_t)seen == (c->backward ? l->top - 1 : l->bottom)) {
				meet(l);
				break;
			}
			continue;
		}
		at[k] = c->backward ? --l->bottom : l->top++;
		n++;
	}
	return n;
}

/* ---- requests ---------------------------------------------------------- */

static void start(struct chain *c, size_t distance);

/* The timer for the earliest chain that failed and waits to try again. */
static void schedule_retry(struct akt_case_list *l)
{
	int64_t next = INT64_MAX, now = akt_loop_now();
	const struct chain *cs[] = { &l->fwd, &l->back };

	for (size_t i = 0; i < AKT_LEN(cs); i++)
		if (cs[i]->failures && !cs[i]->busy)
			next = AKT_MIN(next, cs[i]->retry_at);
	if (next == INT64_MAX)
		akt_timer_stop(l->retry);
	else
		akt_timer_start(l->retry, next > now ? (long)(next - now) : 0);
}

static void fail(struct akt_case_list *l, struct chain *c, const char *error)
{
	char *line = akt_sanitize_str(error && *error ? error :
				      "the list could not be loaded",
				      AKT_SAN_ONELINE);

	c->failures++;
	c->retry_at = akt_loop_now() +
		      akt_backoff_ms(&page_backoff, (int)c->failures,
				     akt_retry_random());
	schedule_retry(l);
	l->cb(l, line, l->arg);
	free(line);
}

static void on_page(const struct akt_reply *r, void *arg)
{
	struct chain *c = arg;
	struct akt_case_list *l = c->l;
	struct akt_case_page page;
	size_t *at, placed;
	char *err = NULL, *msg;

	c->busy = false;
	if (r->result != AKT_OK) {
		/* what to do, too */
		msg = xasprintf("%s%s%s", r->error ? r->error : "",
				r->hint ? "; " : "", r->hint ? r->hint : "");
		fail(l, c, msg);
		free(msg);
		return;
	}
	if (!akt_case_page_decode(r->json, &page, &err)) {
		msg = xasprintf("the platform's list of cases is not "
				"understood: %s; if it persists, tell the "
				"platform's support", err ? err : "?");
		fail(l, c, msg);
		free(msg);
		free(err);
		return;
	}
	if (!l->ready) {
		/* the first page: now the list's length is known */
		l->counted = page.total >= 0;
		l->top = 0;
		l->bottom = l->counted ?
			    (size_t)AKT_MAX(page.total, (int64_t)page.n) : 0;
		akt_case_rows_resize(l->rows, l->bottom);
	}
	if (!l->counted) {
		/* room for this page, read forward only */
		l->bottom = l->top + page.n;
		akt_case_rows_resize(l->rows, l->bottom);
	}
	at = xcalloc(page.n ? page.n : 1, sizeof(*at));
	placed = place(l, c, &page, at);
	if (placed) {
		/* the cases left out are not put */
		size_t k = 0;

		for (size_t i = 0; i < page.n; i++)
			if (at[i] != SIZE_MAX) {
				at[k] = at[i];
				if (k != i) {
					struct akt_case_summary tmp = page.items[k];

					page.items[k] = page.items[i];
					page.items[i] = tmp;
				}
				k++;
			}
		if (!akt_case_rows_put(l->rows, at, page.items, placed, &err)) {
			/* cannot be kept: these rows stay empty */
			free(at);
			akt_case_page_clear(&page);
			fail(l, c, err);
			free(err);
			return;
		}
	}
	free(at);
	c->failures = 0;
	free(c->cursor);
	c->cursor = page.next;
	page.next = NULL;
	if (!c->cursor && !whole(l))
		meet(l);        /* one chain read the whole list */
	if (!l->counted) {
		/* an empty last row while there is more: scrolling onto it
		 * asks for the next page */
		l->bottom = l->top + (c->cursor ? 1 : 0);
		akt_case_rows_resize(l->rows, l->bottom);
		l->fwd.done = !c->cursor;
	}
	l->ready = true;
	akt_case_page_clear(&page);
	/* the next page, if still wanted, from the loop: not from inside
	 * this callback, nor after the one below, which may free the list */
	if (l->wanted)
		akt_timer_start(l->kick, 0);
	l->cb(l, NULL, l->arg);
}

/* Ask for the chain's next page; bigger pages when the rows wanted lie
 * further away. */
static void start(struct chain *c, size_t distance)
{
	struct akt_case_list *l = c->l;
	struct akt_call call = { .method = "GET", .no_cache = true };
	unsigned limit = distance > l->limit ? LIMIT_MAX : l->limit;
	char *cur = c->cursor ? akt_url_escape(c->cursor) : NULL;
	char *path = xasprintf("%s%ssort=%s&limit=%u%s%s%s", l->query,
			       l->query[strlen(l->query) - 1] == '?' ? "" : "&",
			       c->backward ? l->rsort : l->sort, limit,
			       l->ready ? "&total=false" : "",
			       cur ? "&cursor=" : "", cur ? cur : "");

	free(cur);
	c->busy = true;
	call.path = path;
	akt_session_call(l->s, &call, on_page, c);
	free(path);
}

void akt_case_list_open(struct akt_case_list *l)
{
	if (l->opened)
		return;
	l->opened = true;
	start(&l->fwd, 0);
}

static bool may_start(const struct chain *c)
{
	return !c->busy && !c->done && akt_loop_now() >= c->retry_at;
}

void akt_case_list_want(struct akt_case_list *l, size_t from, size_t to)
{
	size_t count, lo, hi, margin = l->limit / 2;
	struct chain *c;
	size_t dist_fwd, dist_back;

	l->wanted = true;
	l->want_from = from;
	l->want_to = to;
	if (!l->opened)
		return;
	if (!l->ready) {
		if (may_start(&l->fwd))
			start(&l->fwd, 0);
		return;
	}
	count = akt_case_rows_count(l->rows);
	if (whole(l) || count == 0 || from > to || from >= count)
		return;
	/* a little beyond what is seen, so scrolling rarely waits */
	lo = from > margin ? from - margin : 0;
	hi = AKT_MIN(to, count - 1);
	hi = hi + margin < count ? hi + margin : count - 1;
	lo = AKT_MAX(lo, l->top);
	hi = AKT_MIN(hi, l->bottom - 1);
	if (lo > hi)
		return;         /* all of it is loaded */
	dist_fwd = lo - l->top;
	dist_back = l->bottom - 1 - hi;
	c = l->counted && dist_back < dist_fwd ? &l->back : &l->fwd;
	if (may_start(c))
		start(c, c->backward ? dist_back : dist_fwd);
}

static void on_kick(struct akt_timer *t, void *arg)
{
	struct akt_case_list *l = arg;

	akt_case_list_want(l, l->want_from, l->want_to);
}

/* A failed chain's pause is over: ask again for what is wanted. */
static void on_retry(struct akt_timer *t, void *arg)
{
	struct akt_case_list *l = arg;

	if (l->wanted)
		akt_case_list_want(l, l->want_from, l->want_to);
	else if (!l->ready && may_start(&l->fwd))
		start(&l->fwd, 0);
	/* a chain that is not wanted now waits for the next want */
}

/* ---- live updates ------------------------------------------------------ */

bool akt_case_list_update(struct akt_case_list *l,
			  const struct akt_case_summary *c)
{
	ssize_t i = akt_case_list_find(l, c->id);
	size_t at;
	char *err = NULL;

	if (i < 0)
		return false;
	at = (size_t)i;
	if (!akt_case_rows_put(l->rows, &at, c, 1, &err)) {
		free(err);
		return false;
	}
	return true;
}

void akt_case_list_insert_top(struct akt_case_list *l,
			      const struct akt_case_summary *c)
{
	size_t at = 0;
	char *err = NULL;

	if (!l->ready || akt_case_list_update(l, c))
		return;
	akt_case_rows_insert(l->rows, 0);
	l->top++;
	l->bottom++;
	if (!akt_case_rows_put(l->rows, &at, c, 1, &err)) {
		/* an empty row at the top would never load: take it out */
		akt_case_rows_remove(l->rows, 0, 1);
		l->top--;
		l->bottom--;
		free(err);
	}
}

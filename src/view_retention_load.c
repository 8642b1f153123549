/*
 * view_retention_load.c — reading the retention screen's lists: the
 * policies in one request, upcoming purges and the purge log page by
 * page as the officer scrolls. A reload (^R, or a feed event) keeps the
 * rows on screen until the new ones are in and then puts the selection
 * back on the same row, so the officer never loses their place.
 */
#include "akt/xalloc.h"
#include "view_retention.h"

#include <stdint.h>

/* The generation travels in the request's arg, so no memory is left
 * behind when a request is dropped (its callback never runs then). */
#define GEN_ARG(g) ((void *)(uintptr_t)(g))
#define ARG_GEN(a) ((unsigned)(uintptr_t)(a))

/*
 * Requests dropped by Esc never answer: when the view has none left
 * under way, nothing it waits for is coming, so it stops waiting.
 */
void ret_settle(struct ui_view *v)
{
	struct ret_view *r = ret_of(v);
	struct ret_pages *ps[] = { &r->up, &r->log };

	if (v->loading > 0)
		return;
	r->pol_busy = false;
	if (r->edit && r->edit->waiting)
		ret_edit_free(&r->edit);
	for (size_t i = 0; i < AKT_LEN(ps); i++) {
		ps[i]->busy = false;
		ps[i]->reloading = false;
	}
}

/* ---- policies ---------------------------------------------------------- */

/* The row of the policy of e-service id, or -1. */
static long policy_row(const struct akt_retention_policy_list *l,
		       const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].e_service_id, id) == 0)
			return (long)i;
	return -1;
}

/* Why a read failed, with what to do: the platform's answer, or the
 * decoder's err (taken) saying which field it could not understand. */
static char *why_failed(const struct akt_reply *rep, char *err)
{
	char *why;

	if (!err)
		return ui_reply_text(rep);
	why = ui_decode_text(err);
	free(err);
	return why;
}

static void on_policies(struct ui_view *v, const struct akt_reply *rep,
			void *arg)
{
	struct ret_view *r = ret_of(v);
	struct akt_retention_policy_list l;
	char *err = NULL, *selected = NULL;
	long row;

	if (ARG_GEN(arg) != r->pol_gen)
		goto out;
	r->pol_busy = false;
	if (rep->result != AKT_OK ||
	    !akt_retention_policy_list_decode(rep->json, &l, &err)) {
		xfree(&r->pol_error);
		err = why_failed(rep, err);
		r->pol_error = xasprintf(_("cannot read the retention "
					   "policies: %s"), err);
		if (r->pol_loaded && !r->pol_quiet)
			ui_err(v->ui, "%s", r->pol_error);
		free(err);
		goto out;
	}
	xfree(&r->pol_error);
	if (r->list[RET_POLICIES].sel < r->pol.n)
		selected = xstrdup(
			r->pol.items[r->list[RET_POLICIES].sel].e_service_id);
	akt_retention_policy_list_clear(&r->pol);
	r->pol = l;
	r->pol_loaded = true;
	r->list[RET_POLICIES].count = l.n;
	if (selected && (row = policy_row(&l, selected)) >= 0)
		r->list[RET_POLICIES].sel = (size_t)row;
	ui_list_clamp(&r->list[RET_POLICIES], r->rows);
	free(selected);
out:
	ret_settle(v);
	if (r->pol_again && !r->pol_busy) {
		r->pol_again = false;
		ret_load_policies(v, true);
	}
	ui_dirty(v->ui);
}

void ret_load_policies(struct ui_view *v, bool quiet)
{
	struct ret_view *r = ret_of(v);

	ret_settle(v);
	if (r->pol_busy) {
		/* one reload at a time; one more after it catches up */
		r->pol_again = true;
		return;
	}
	r->pol_busy = true;
	r->pol_quiet = quiet;
	ui_get(v, "/v1/retention/policies", on_policies, GEN_ARG(++r->pol_gen));
}

/* ---- pages --------------------------------------------------------------- */

struct ret_pages *ret_pages_of(struct ret_view *r, enum ret_tab t)
{
	return t == RET_UPCOMING ? &r->up : &r->log;
}

void ret_pages_init(struct ret_pages *p, size_t size)
{
	memset(p, 0, sizeof(*p));
	p->size = size;
}

static void clear_items(enum ret_tab t, void *items, size_t n)
{
	if (t == RET_UPCOMING) {
		struct akt_upcoming_page pg = { .items = items, .n = n };

		akt_upcoming_page_clear(&pg);
	} else {
		struct akt_purge_log_page pg = { .items = items, .n = n };

		akt_purge_log_page_clear(&pg);
	}
}

static void clear_fresh(struct ret_pages *p, enum ret_tab t)
{
	clear_items(t, p->fresh, p->nfresh);
	p->fresh = NULL;
	p->nfresh = 0;
	xfree(&p->fresh_next);
	p->reloading = false;
}

void ret_pages_clear(struct ret_pages *p, enum ret_tab t)
{
	clear_items(t, p->items, p->n);
	p->items = NULL;
	p->n = 0;
	xfree(&p->next);
	xfree(&p->error);
	clear_fresh(p, t);
}

/* What identifies a row across reloads: the case's id, the entry's. */
static int64_t row_id(struct ret_view *r, enum ret_tab t, size_t i)
{
	return t == RET_UPCOMING ? ret_upcoming(r, i)->c.id :
				   ret_entry(r, i)->id;
}

/* Move the decoded items of a page to the end of *items (n of them). */
static void append(void **items, size_t *n, size_t size, void *page_items,
		   size_t page_n)
{
	if (!page_n)
		return;
	*items = xreallocarray(*items, *n + page_n, size);
	memcpy((char *)*items + *n * size, page_items, page_n * size);
	*n += page_n;
}

/* Decode a page into its rows, next cursor and total; false with a
 * message in *err. */
static bool decode(enum ret_tab t, const struct akt_reply *rep, void **items,
		   size_t *n, char **next, int64_t *total, char **err)
{
	if (t == RET_UPCOMING) {
		struct akt_upcoming_page pg;

		if (!akt_upcoming_page_decode(rep->json, &pg, err))
			return false;
		*items = pg.items, *n = pg.n, *next = pg.next;
		*total = pg.total;
	} else {
		struct akt_purge_log_page pg;

		if (!akt_purge_log_page_decode(rep->json, &pg, err))
			return false;
		*items = pg.items, *n = pg.n, *next = pg.next;
		*total = pg.total;
	}
	return true;
}

static void request(struct ui_view *v, enum ret_tab t, const char *cursor);

/* Case numbers differ in length by e-service ("FEL-…", "STRAND-…"); the
 * column fits the widest loaded, within reason, and stays put while
 * the officer scrolls. */
static void measure(struct ret_view *r, enum ret_tab t)
{
	struct ret_pages *p = ret_pages_of(r, t);
	int w = 16;

	for (size_t i = 0; i < p->n; i++) {
		const char *num = t == RET_UPCOMING ?
			ret_upcoming(r, i)->c.number :
			ret_entry(r, i)->case_number;

		w = AKT_MAX(w, ui_width(num));
	}
	p->numw = AKT_MIN(w, 24);
}

/* The reloaded rows are all in: show them, the selection on its row. */
static void swap_in(struct ui_view *v, enum ret_tab t)
{
	struct ret_view *r = ret_of(v);
	struct ret_pages *p = ret_pages_of(r, t);
	struct ui_list *l = &r->list[t];
	bool had = l->sel < p->n;
	int64_t id = had ? row_id(r, t, l->sel) : 0;
	size_t old_sel = l->sel;

	clear_items(t, p->items, p->n);
	p->items = p->fresh, p->n = p->nfresh;
	free(p->next);
	p->next = p->fresh_next;
	p->total = p->fresh_total;
	p->fresh = NULL, p->nfresh = 0, p->fresh_next = NULL;
	p->reloading = false;
	l->count = p->n;
	measure(r, t);
	if (had) {
		/* the same row if it is still there, else the same place */
		l->sel = old_sel;
		for (size_t i = 0; i < p->n; i++)
			if (row_id(r, t, i) == id) {
				l->sel = i;
				break;
			}
	}
	ui_list_clamp(l, r->rows);
}

static void on_page(struct ui_view *v, const struct akt_reply *rep,
		    void *arg, enum ret_tab t)
{
	struct ret_view *r = ret_of(v);
	struct ret_pages *p = ret_pages_of(r, t);
	void *items = NULL;
	size_t n = 0;
	char *next = NULL, *err = NULL;
	int64_t total = 0;

	if (ARG_GEN(arg) != p->gen)
		goto out;
	p->busy = false;
	if (rep->result != AKT_OK ||
	    !decode(t, rep, &items, &n, &next, &total, &err)) {
		xfree(&p->error);
		err = why_failed(rep, err);
		p->error = xasprintf(t == RET_UPCOMING ?
				     _("cannot read the upcoming purges: %s") :
				     _("cannot read the purge log: %s"), err);
		free(err);
		if ((p->loaded || p->reloading) && !p->quiet)
			ui_err(v->ui, "%s", p->error);
		if (p->reloading)
			clear_fresh(p, t);
		goto out;
	}
	xfree(&p->error);
	if (p->reloading) {
		append(&p->fresh, &p->nfresh, p->size, items, n);
		free(p->fresh_next);
		p->fresh_next = next;
		p->fresh_total = total;
		if (p->fresh_next && p->nfresh < p->want) {
			request(v, t, p->fresh_next);
		} else {
			swap_in(v, t);
			p->loaded = true;
		}
	} else {
		append(&p->items, &p->n, p->size, items, n);
		free(p->next);
		p->next = next;
		p->total = total;
		p->loaded = true;
		r->list[t].count = p->n;
		measure(r, t);
		ui_list_clamp(&r->list[t], r->rows);
	}
	free(items);
out:
	ret_settle(v);
	if (p->again && !p->busy) {
		p->again = false;
		ret_load_pages(v, t, true);
	}
	ui_dirty(v->ui);
}

static void on_upcoming(struct ui_view *v, const struct akt_reply *rep,
			void *arg)
{
	on_page(v, rep, arg, RET_UPCOMING);
}

static void on_log(struct ui_view *v, const struct akt_reply *rep, void *arg)
{
	on_page(v, rep, arg, RET_LOG);
}

static void request(struct ui_view *v, enum ret_tab t, const char *cursor)
{
	struct ret_pages *p = ret_pages_of(ret_of(v), t);
	char *path = t == RET_UPCOMING ?
		akt_retention_upcoming_path(NULL, NULL, cursor) :
		akt_retention_log_path(cursor);

	p->busy = true;
	ui_get(v, path, t == RET_UPCOMING ? on_upcoming : on_log,
	       GEN_ARG(p->gen));
	free(path);
}

void ret_load_pages(struct ui_view *v, enum ret_tab t, bool quiet)
{
	struct ret_pages *p = ret_pages_of(ret_of(v), t);

	ret_settle(v);
	if (p->busy && p->reloading) {
		p->again = true;
		return;
	}
	/* a reload overrides a page on its way: that one is dropped */
	clear_fresh(p, t);
	p->gen++;
	p->quiet = quiet;
	p->want = p->n;
	p->reloading = true;
	request(v, t, NULL);
}

void ret_load_more(struct ui_view *v, enum ret_tab t)
{
	struct ret_view *r = ret_of(v);
	struct ret_pages *p = ret_pages_of(r, t);
	size_t rows = r->rows > 0 ? (size_t)r->rows : 1;

	ret_settle(v);
	if (p->busy || !p->next || !p->loaded)
		return;
	/* a screenful ahead, so scrolling rarely meets the end */
	if (r->list[t].sel + 2 * rows < p->n)
		return;
	p->quiet = false;
	request(v, t, p->next);
}

/*
 * ui_req.c — requests on behalf of views: counted for the status bar,
 * dropped when their view closes or the officer presses Esc, so an
 * answer never reaches a view that is gone.
 */
#include "ui_core.h"
#include "akt/xalloc.h"

struct ui_req {
	struct ui *ui;
	struct ui_view *view;             /* NULL once dropped */
	ui_reply_fn *fn;
	ui_drop_fn *drop;                 /* or NULL */
	void *arg;
	bool keep;                        /* a write: never cut off */
	struct ui_req *next, *prev;
};

static void unlink_req(struct ui *ui, struct ui_req *r)
{
	if (r->prev)
		r->prev->next = r->next;
	else
		ui->p->reqs = r->next;
	if (r->next)
		r->next->prev = r->prev;
	ui->p->nreqs--;
}

struct ui_req *ui_req_new(struct ui_view *v, ui_reply_fn *fn, void *arg)
{
	struct ui *ui = v->ui;
	struct ui_req *r = xcalloc(1, sizeof(*r));

	r->ui = ui;
	r->view = v;
	r->fn = fn;
	r->arg = arg;
	r->next = ui->p->reqs;
	if (r->next)
		r->next->prev = r;
	ui->p->reqs = r;
	ui->p->nreqs++;
	v->loading++;
	ui_dirty(ui);
	return r;
}

void ui_req_cb(const struct akt_reply *reply, void *arg)
{
	struct ui_req *r = arg;
	struct ui *ui = r->ui;
	struct ui_view *v = r->view;

	unlink_req(ui, r);
	if (v) {
		v->loading--;
		r->fn(v, reply, r->arg);
	}
	free(r);
	ui_dirty(ui);
}

void ui_req_keep(struct ui_req *r)
{
	r->keep = true;
}

void ui_req_on_drop(struct ui_req *r, ui_drop_fn *drop)
{
	r->drop = drop;
}

static void get(struct ui_view *v, const char *path, ui_reply_fn *fn,
		ui_drop_fn *drop, void *arg, bool keep)
{
	struct akt_call c = { .method = "GET", .path = path };
	struct ui_req *r = ui_req_new(v, fn, arg);

	r->keep = keep;
	r->drop = drop;
	akt_session_call(v->ui->session, &c, ui_req_cb, r);
}

void ui_get(struct ui_view *v, const char *path, ui_reply_fn *fn,
	    void *arg)
{
	get(v, path, fn, NULL, arg, false);
}

void ui_get_keep(struct ui_view *v, const char *path, ui_reply_fn *fn,
		 ui_drop_fn *drop, void *arg)
{
	get(v, path, fn, drop, arg, true);
}

void ui_req_drop(struct ui *ui, struct ui_view *v, bool closing)
{
	struct ui_req *r, *next;

	for (r = ui->p->reqs; r; r = next) {
		next = r->next;
		if (!r->view || (v && r->view != v))
			continue;
		/* Esc stops the waiting for reads, never a write. */
		if (r->keep && !closing)
			continue;
		r->view->loading--;
		r->view = NULL;
		/* fn is never called now: the owner of arg frees it */
		if (r->drop)
			r->drop(r->arg);
		/* A write half sent may be done or not: let it finish, its
		 * answer unheard. A read just goes away. */
		if (r->keep)
			continue;
		unlink_req(ui, r);
		akt_session_cancel_arg(ui->session, r);
		free(r);
	}
	ui_dirty(ui);
}

unsigned ui_busy(const struct ui *ui)
{
	return ui->p->nreqs;
}

unsigned ui_req_writes(const struct ui *ui)
{
	unsigned n = 0;

	for (const struct ui_req *r = ui->p->reqs; r; r = r->next)
		n += r->keep;
	return n;
}

void ui_req_free_all(struct ui *ui)
{
	while (ui->p->reqs) {
		struct ui_req *r = ui->p->reqs;

		unlink_req(ui, r);
		akt_session_cancel_arg(ui->session, r);
		free(r);
	}
}

char *ui_decode_text(const char *why)
{
	return xasprintf(_("the platform's answer is not understood: %s; "
			   "if it persists, tell the platform's support"), why);
}

char *ui_reply_text(const struct akt_reply *r)
{
	return xasprintf("%s%s%s", r->error ? r->error : "",
			 r->hint ? "; " : "", r->hint ? r->hint : "");
}

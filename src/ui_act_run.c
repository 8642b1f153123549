/*
 * ui_act_run.c — carrying out a status change, an assignment or a legal
 * hold on the cases the officer chose, a few at a time: each case is
 * read for its tag and its state now; a case changed since the officer
 * loaded it is left alone and the report names who changed it; the
 * others are written with If-Match and an Idempotency-Key. One case ends
 * in a message on the bottom line, several in a report.
 */
#include "ui_act_run.h"
#include "akt/conflict.h"
#include "akt/ops.h"
#include "akt/sanitize.h"
#include "akt/xalloc.h"

static void pump(struct act_run *run);

/* ---- the run ---------------------------------------------------------- */

struct act_run *act_run_new(struct ui_view *v, enum act_kind kind,
			    const struct ui_act_case *cases, size_t n,
			    ui_act_done_fn *done, void *arg)
{
	struct act_run *run = xcalloc(1, sizeof(*run));

	run->ui = v->ui;
	run->v = v;
	run->serial = v->serial;
	run->kind = kind;
	run->done = done;
	run->done_arg = arg;
	run->n = n;
	run->items = xcalloc(n + 1, sizeof(*run->items));
	for (size_t i = 0; i < n; i++) {
		struct act_item *it = &run->items[i];

		it->run = run;
		it->id = cases[i].id;
		it->number = xstrdup(cases[i].number ? cases[i].number : "");
		it->seen_at = xstrdup_opt(cases[i].updated_at);
		it->out.number = it->number;
	}
	return run;
}

void act_run_free(struct act_run *run)
{
	if (!run)
		return;
	for (size_t i = 0; i < run->n; i++) {
		struct act_item *it = &run->items[i];

		free(it->number);
		free(it->seen_at);
		free(it->seen_etag);
		if (it->have_tr)
			akt_transitions_clear(&it->tr);
		if (it->have_seen)
			akt_case_clear(&it->seen);
		if (it->have_case)
			akt_case_clear(&it->c);
		free(it->etag);
		free(it->out.reason);
		free(it->done_name);
	}
	free(run->items);
	free(run->to);
	free(run->to_name);
	free(run->comment);
	free(run->who);
	free(run->who_name);
	free(run->reason);
	free(run);
}

bool act_run_alive(struct act_run *run)
{
	if (ui_view_find(run->ui, run->serial))
		return true;
	act_run_free(run);
	return false;
}

void act_run_dropped(void *arg)
{
	act_run_free(arg);
}

/* ---- a few at a time ---------------------------------------------------- */

static void item_finished(struct act_item *it)
{
	struct act_run *run = it->run;

	run->busy--;
	run->finished++;
	pump(run);
}

/* The view closed with the item's request under way: its answer will
 * not come here, so the run ends when its other requests are given up. */
static void item_dropped(void *arg)
{
	struct act_item *it = arg;

	it->run->orphan = true;
	item_finished(it);
}

/* Start items while fewer than ACT_PARALLEL are under way. An answer
 * that comes at once (no login) re-enters here; the outer call goes on
 * and alone decides that all are done. */
static void pump(struct act_run *run)
{
	if (run->pumping)
		return;
	run->pumping = true;
	while (!run->orphan && run->busy < ACT_PARALLEL &&
	       run->next < run->n) {
		run->busy++;
		run->start(&run->items[run->next++]);
	}
	run->pumping = false;
	if (run->orphan) {
		if (run->busy == 0)
			act_run_free(run);
	} else if (run->finished == run->n) {
		run->all(run);
	}
}

static void pump_begin(struct act_run *run, void (*start)(struct act_item *),
		       void (*all)(struct act_run *))
{
	run->next = run->busy = run->finished = 0;
	run->start = start;
	run->all = all;
	run->pumping = false;
	pump(run);
}

/* ---- asking ----------------------------------------------------------- */

void act_menu(struct ui *ui, const char *title, char **labels, size_t n,
	      ui_menu_fn *fn, void *ctx)
{
	ui_menu(ui, title, (const char *const *)labels, n, fn, ctx);
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
}

static void on_read(struct ui_view *v, const struct akt_reply *r, void *arg)
{
	struct act_item *it = arg;

	it->run->item_fn(it, r);
	item_finished(it);
}

static void read_item(struct act_item *it)
{
	char path[160];

	ui_get_keep(it->run->v, it->run->path_fn(it, path, sizeof(path)),
		    on_read, item_dropped, it);
}

void act_read_all(struct act_run *run,
		  const char *(*path_fn)(struct act_item *, char *, size_t),
		  act_item_fn *fn, void (*then)(struct act_run *run))
{
	run->path_fn = path_fn;
	run->item_fn = fn;
	pump_begin(run, read_item, then);
}

/* ---- writing ------------------------------------------------------------ */

static void fail(struct act_item *it, char *reason)
{
	free(it->out.reason);
	it->out.ok = false;
	it->out.reason = reason;
	item_finished(it);
}

/* Send a write: fn gets its answer; an op that refused to start answers
 * as if the platform had, so the request is counted off like any. */
static struct ui_req *req_for(struct act_item *it, ui_reply_fn *fn)
{
	struct ui_req *req = ui_req_new(it->run->v, fn, it);

	/* Esc must not cut a write off half sent. */
	ui_req_keep(req);
	ui_req_on_drop(req, item_dropped);
	return req;
}

static void not_sent(struct ui_req *req, enum akt_op_start st)
{
	struct akt_reply r = { .result = AKT_E_INVALID };

	switch (st) {
	case AKT_OP_TOO_LONG:
		r.error = _("the text is too long for the platform");
		break;
	case AKT_OP_NO_KEY:
		r.error = _("no random numbers for the request's "
			    "Idempotency-Key");
		break;
	default:
		r.error = _("the text is not valid UTF-8");
		break;
	}
	ui_req_cb(&r, req);
}

static void on_written(struct ui_view *v, const struct akt_reply *r,
		       void *arg)
{
	struct act_item *it = arg;
	struct act_run *run = it->run;

	if (r->result != AKT_OK) {
		fail(it, act_refusal(r, run->kind, run->ui->lang, ui_now()));
		return;
	}
	if (run->kind == ACT_STATUS) {
		struct akt_case c;
		char *err = NULL;

		/* the status as the platform has it now, for the message */
		if (akt_case_decode(r->json, &c, &err)) {
			it->done_name = xstrdup(ui_name(run->ui,
							&c.s.status.name));
			akt_case_clear(&c);
		}
		free(err);
	}
	it->out.ok = true;
	run->changed++;
	item_finished(it);
}

/* The target is not among the moves open now: it is the status already,
 * or it is not allowed from here. */
static char *not_allowed(struct act_item *it)
{
	struct act_run *run = it->run;
	struct akt_transition self = { .to = it->tr.from };
	struct akt_transitions here = { .items = &self, .n = 1 };
	const char **names;
	char *text;

	if (akt_transitions_find(&here, run->to)) {
		char *from = akt_sanitize_str(ui_name(run->ui,
						&it->tr.from.name),
					      AKT_SAN_ONELINE);

		text = xasprintf(_("it is %s already"), from);
		free(from);
		return text;
	}
	names = xcalloc(it->tr.n + 1, sizeof(*names));
	for (size_t i = 0; i < it->tr.n; i++)
		names[i] = ui_name(run->ui, &it->tr.items[i].to.name);
	text = akt_not_allowed_text(ui_name(run->ui, &it->tr.from.name), names,
				    it->tr.n);
	free(names);
	return text;
}

static void send_status(struct act_item *it)
{
	struct act_run *run = it->run;
	const struct akt_transition *t = akt_transitions_find(&it->tr, run->to);
	struct ui_req *req;
	enum akt_op_start st;

	if (!t) {
		fail(it, not_allowed(it));
		return;
	}
	req = req_for(it, on_written);
	st = akt_op_status(run->ui->session, it->id, it->etag, t->to.id,
			   run->comment, run->notify, it->key, ui_req_cb, req);
	if (st != AKT_OP_SENT)
		not_sent(req, st);
}

static void on_transitions(struct ui_view *v, const struct akt_reply *r,
			   void *arg)
{
	struct act_item *it = arg;
	char *err = NULL;

	if (r->result != AKT_OK) {
		fail(it, act_refusal(r, ACT_STATUS, it->run->ui->lang,
				     ui_now()));
		return;
	}
	if (!akt_transitions_decode(r->json, &it->tr, &err)) {
		char *reason = xasprintf(_("the platform's answer is not "
					   "understood: %s"), err);

		free(err);
		fail(it, reason);
		return;
	}
	it->have_tr = true;
	send_status(it);
}

/* Whether who (a username, or an id as digits) is among the assignees. */
static bool is_assigned(const struct akt_case_summary *s, const char *who)
{
	for (size_t i = 0; i < s->nassignees; i++) {
		const struct akt_officer_ref *o = &s->assignees[i];
		char id[32];

		snprintf(id, sizeof(id), "%lld", (long long)o->id);
		if ((o->username && strcmp(o->username, who) == 0) ||
		    strcmp(id, who) == 0)
			return true;
	}
	return false;
}

/* The case is as the officer saw it: write. */
static void write_item(struct act_item *it)
{
	struct act_run *run = it->run;
	struct akt_session *s = run->ui->session;
	char path[96];
	struct ui_req *req;
	enum akt_op_start st;

	switch (run->kind) {
	case ACT_STATUS:
		/* the moves read while asking hold while the status does */
		if (it->have_tr && strcmp(it->tr.from.id,
					  it->c.s.status.id) == 0) {
			send_status(it);
			return;
		}
		if (it->have_tr) {
			akt_transitions_clear(&it->tr);
			it->have_tr = false;
		}
		snprintf(path, sizeof(path), "/v1/cases/%lld/transitions",
			 (long long)it->id);
		ui_get_keep(run->v, path, on_transitions, item_dropped, it);
		return;
	case ACT_ASSIGN:
		req = req_for(it, on_written);
		st = akt_op_assign(s, it->id, it->etag, run->who, it->key,
				   ui_req_cb, req);
		if (st != AKT_OP_SENT)
			not_sent(req, st);
		return;
	case ACT_UNASSIGN:
		if (!is_assigned(&it->c.s, run->who)) {
			/* the platform would say 404, as for a missing case */
			fail(it, xstrdup(_("not assigned to this case")));
			return;
		}
		akt_op_unassign(s, it->id, it->etag, run->who, ui_req_cb,
				req_for(it, on_written));
		return;
	case ACT_HOLD:
		req = req_for(it, on_written);
		st = akt_op_legal_hold(s, it->id, it->etag, run->active,
				       run->reason, ui_req_cb, req);
		if (st != AKT_OP_SENT)
			not_sent(req, st);
		return;
	}
}

/* The case changed since the officer loaded it: say who did it. */
static void on_events(struct ui_view *v, const struct akt_reply *r, void *arg)
{
	struct act_item *it = arg;
	struct akt_event_page p;
	const struct akt_event *e = NULL;
	char *err = NULL;
	bool have = false;

	if (r->result == AKT_OK && akt_event_page_decode(r->json, &p, &err)) {
		have = true;
		/* the officer's own change since: not a conflict */
		if (act_only_by(&p, it->seen_at, it->run->ui->me.username)) {
			akt_event_page_clear(&p);
			write_item(it);
			return;
		}
		e = act_changer(&p, it->c.s.updated_at);
	}
	free(err);
	fail(it, act_changed_since(e ? act_actor(e) : NULL,
				   e && e->at ? e->at : it->c.s.updated_at,
				   ui_now()));
	if (have)
		akt_event_page_clear(&p);
}

static void on_case(struct ui_view *v, const struct akt_reply *r, void *arg)
{
	struct act_item *it = arg;
	char *err = NULL, path[96];

	if (r->result != AKT_OK) {
		fail(it, act_refusal(r, it->run->kind, it->run->ui->lang,
				     ui_now()));
		return;
	}
	if (!akt_case_decode(r->json, &it->c, &err)) {
		char *reason = xasprintf(_("the platform's answer is not "
					   "understood: %s"), err);

		free(err);
		fail(it, reason);
		return;
	}
	it->have_case = true;
	if (!r->etag || !*r->etag) {
		fail(it, xstrdup(_("the platform sent no ETag, so the case "
				   "cannot be changed safely")));
		return;
	}
	it->etag = xstrdup(r->etag);
	if (it->seen_at && it->c.s.updated_at &&
	    strcmp(it->seen_at, it->c.s.updated_at) != 0) {
		/* someone else's change is never overridden: leave it */
		snprintf(path, sizeof(path),
			 "/v1/cases/%lld/events?sort=-seq&limit=10",
			 (long long)it->id);
		ui_get_keep(it->run->v, path, on_events, item_dropped,
			    it);
		return;
	}
	write_item(it);
}

static void start_item(struct act_item *it)
{
	char path[64];

	/* one key per case, made before anything is sent: a repeat of the
	 * write by the engine is then done once */
	if ((it->run->kind == ACT_STATUS || it->run->kind == ACT_ASSIGN) &&
	    !akt_idem_new(it->key)) {
		fail(it, xstrdup(_("no random numbers for the request's "
				   "Idempotency-Key")));
		return;
	}
	snprintf(path, sizeof(path), "/v1/cases/%lld", (long long)it->id);
	ui_get_keep(it->run->v, path, on_case, item_dropped, it);
}

/* ---- the end -------------------------------------------------------- */

static const char *name_or(const char *name, const char *other)
{
	return name && *name ? name : other ? other : "";
}

static void tell_one(struct act_run *run)
{
	struct ui *ui = run->ui;
	struct act_item *it = &run->items[0];
	const char *to = name_or(run->to_name, run->to);
	const char *who = name_or(run->who_name, run->who);

	if (it->out.ok) {
		switch (run->kind) {
		case ACT_STATUS:
			ui_msg(ui, _("%s is now %s"), it->number,
			       name_or(it->done_name, to));
			break;
		case ACT_ASSIGN:
			ui_msg(ui, _("%s assigned to %s"), it->number, who);
			break;
		case ACT_UNASSIGN:
			ui_msg(ui, _("%s no longer assigned to %s"), it->number,
			       who);
			break;
		case ACT_HOLD:
			if (run->active)
				ui_msg(ui, _("Legal hold set on %s"), it->number);
			else
				ui_msg(ui, _("Legal hold lifted from %s"),
				       it->number);
			break;
		}
		return;
	}
	switch (run->kind) {
	case ACT_STATUS:
		ui_err(ui, _("Cannot change %s to %s: %s"), it->number, to,
		       it->out.reason);
		break;
	case ACT_ASSIGN:
		ui_err(ui, _("Cannot assign %s to %s: %s"), it->number, who,
		       it->out.reason);
		break;
	case ACT_UNASSIGN:
		ui_err(ui, _("Cannot unassign %s from %s: %s"), who, it->number,
		       it->out.reason);
		break;
	case ACT_HOLD:
		if (run->active)
			ui_err(ui, _("Cannot set a legal hold on %s: %s"),
			       it->number, it->out.reason);
		else
			ui_err(ui, _("Cannot lift the legal hold of %s: %s"),
			       it->number, it->out.reason);
		break;
	}
}

static void tell_all(struct act_run *run)
{
	struct act_outcome *o = xcalloc(run->n + 1, sizeof(*o));
	const char *name = run->kind == ACT_STATUS ?
		name_or(run->to_name, run->to) : name_or(run->who_name, run->who);
	char *title, *text;

	for (size_t i = 0; i < run->n; i++)
		o[i] = run->items[i].out;
	title = act_report_title(run->kind, name, run->changed, run->n);
	text = act_report_text(o, run->n, COLS);
	ui_show_text(run->ui, title, text);
	free(title);
	free(text);
	free(o);
}

/* The run whose done callback is running, for ui_act_was_changed. */
static const struct act_run *concluding;

bool ui_act_was_changed(size_t i)
{
	return concluding && i < concluding->n && concluding->items[i].out.ok;
}

static void conclude(struct act_run *run)
{
	const struct act_run *outer = concluding;

	if (run->n == 1)
		tell_one(run);
	else
		tell_all(run);
	/* the view reloads what it shows, under the report */
	if (run->done && ui_view_find(run->ui, run->serial)) {
		concluding = run;
		run->done(run->v, run->changed, run->done_arg);
		concluding = outer;
	}
	act_run_free(run);
}

void act_run_start(struct act_run *run)
{
	if (run->n == 0) {
		act_run_free(run);
		return;
	}
	/* what reading while asking failed on is tried again */
	for (size_t i = 0; i < run->n; i++)
		xfree(&run->items[i].out.reason);
	pump_begin(run, start_item, conclude);
}

/*
 * outbox.c — the engine that sends outbox/ to the platform, one item at
 * a time, oldest first, over the session's connection.
 *
 * A "round" starts by taking outbox/.lock and reading outbox/ again, and
 * ends when nothing is left (IDLE), when the platform cannot be reached
 * (WAITING: a timer starts the next round), when the login is gone
 * (AUTH) or when the disk fails (DISK). The lock is let go at the end of
 * every round, so another akt can send what it queued meanwhile.
 *
 * The files are the truth; the list in memory is what the last reading
 * found plus what was sent since. Every state change is written before
 * the record it follows from is removed, so a crash at any point leaves
 * a state that a later round finishes correctly: an item still in
 * outbox/ is sent again with its key and bytes, and the platform answers
 * a repeat with its first answer.
 *
 * Moving the later items of a case to the version a confirmed item made
 * (rebasing) is done in memory. On disk they keep the version they were
 * written against, and the confirmed record that moved them stays in
 * outbox/ as long as an item of its case depends on it; so after a crash
 * the replay of the confirmed records (same answers, same tags) moves
 * them again. Rewriting every later item after every confirmation would
 * cost a quadratic number of synced writes for a case with many items.
 */
#include "akt/outbox.h"

#include "outbox_request.h"
#include "akt/conflict.h"
#include "akt/retry.h"
#include "akt/sanitize.h"
#include "akt/urlenc.h"
#include "akt/when.h"
#include "akt/xalloc.h"

#include <time.h>

/* Retries of a round: 1 s, growing, never more than a minute apart. */
static const struct akt_retry_policy round_backoff = { 0, 1000, 60000, 0 };
/* Another akt holds the lock: look again this often. */
#define LOCK_RETRY_MS 500

struct akt_outbox {
	struct akt_session *s;
	struct akt_drafts *store;
	akt_outbox_fn *fn;
	void *arg;
	struct akt_draft *items;       /* oldest first */
	bool *rebased;                 /* items[i] has a tag newer than its
					  record on disk */
	size_t n, cap;
	/* Confirmed records kept in outbox/ while rebased items of their
	 * case depend on them (see above). */
	struct kept {
		char id[AKT_DRAFT_ID_MAX + 1];
		int64_t case_id;
	} *kept;
	size_t nkept, kept_cap;
	const struct akt_draft **view; /* akt_outbox_of_case's answer */
	size_t view_cap;
	char current[AKT_DRAFT_ID_MAX + 1];  /* the item of the call under
						way; "" when none */
	struct akt_timer *timer;       /* the next round, or the lock again */
	int failures;                  /* rounds that found no platform */
	bool offline, auth, locked, locked_out;
	bool stopped;                  /* the disk failed: until a flush */
	bool in_round, reload;         /* reload: read outbox/ again when the
					  call under way has its answer */
	bool kicking, again;
};

static void kick(struct akt_outbox *o);

/* ---- events ------------------------------------------------------------ */

static void emit(struct akt_outbox *o, enum akt_outbox_what what,
		 const struct akt_draft *item, const struct akt_reply *r,
		 const char *message, long retry_in_ms)
{
	struct akt_outbox_event e = { what, item, r, NULL, retry_in_ms };
	char *safe = message ? akt_sanitize_str(message, AKT_SAN_ONELINE) :
			       NULL;

	e.message = safe;
	if (o->fn)
		o->fn(&e, o->arg);
	free(safe);
}

/* ---- the list in memory ------------------------------------------------ */

static void items_clear(struct akt_outbox *o)
{
	for (size_t i = 0; i < o->n; i++)
		akt_draft_clear(&o->items[i]);
	o->n = 0;
}

/* Append a copy of d. */
static void items_add(struct akt_outbox *o, const struct akt_draft *d)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 16;
		o->items = xreallocarray(o->items, o->cap, sizeof(*o->items));
		o->rebased = xreallocarray(o->rebased, o->cap,
					   sizeof(*o->rebased));
	}
	o->rebased[o->n] = false;
	akt_draft_copy(&o->items[o->n++], d);
}

static ssize_t items_find(const struct akt_outbox *o, const char *id)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->items[i].id, id) == 0)
			return (ssize_t)i;
	return -1;
}

/* Take item i out of the list into *out (the caller clears it). */
static void items_take(struct akt_outbox *o, size_t i, struct akt_draft *out)
{
	*out = o->items[i];
	memmove(&o->items[i], &o->items[i + 1],
		(o->n - i - 1) * sizeof(*o->items));
	memmove(&o->rebased[i], &o->rebased[i + 1],
		(o->n - i - 1) * sizeof(*o->rebased));
	o->n--;
}

/* Is d for the platform the session talks to? A record without a
 * server is taken to be for it. */
static bool for_this_server(const struct akt_outbox *o,
			    const struct akt_draft *d)
{
	const char *server = akt_session_server(o->s);

	return !d->server || !server || strcmp(d->server, server) == 0;
}

/* Read outbox/ again; false (DISK told) when it cannot be read. */
static bool reload(struct akt_outbox *o)
{
	struct akt_draft_list l = { 0 };
	char *err = NULL;

	if (!akt_draft_list(o->store, AKT_BOX_OUTBOX, &l, &err)) {
		char *msg = xasprintf("cannot read the outbox: %s; nothing "
				      "was sent", err ? err : "unknown error");

		emit(o, AKT_OB_DISK, NULL, NULL, msg, 0);
		free(msg);
		free(err);
		return false;
	}
	items_clear(o);
	o->nkept = 0;      /* kept records are items again: replayed */
	for (size_t i = 0; i < l.n; i++)
		if (for_this_server(o, &l.items[i]))
			items_add(o, &l.items[i]);
	for (size_t i = 0; i < l.nwarnings; i++)
		emit(o, AKT_OB_DISK, NULL, NULL, l.warnings[i], 0);
	akt_draft_list_clear(&l);
	return true;
}

/* ---- rounds ------------------------------------------------------------ */

static void end_round(struct akt_outbox *o)
{
	o->in_round = false;
	if (o->locked) {
		akt_outbox_unlock(o->store);
		o->locked = false;
	}
}

static void on_timer(struct akt_timer *t, void *arg)
{
	kick(arg);
}

/* The platform could not be reached (or was busy): the items stay and a
 * later round tries again. */
static void wait_for_platform(struct akt_outbox *o, const struct akt_reply *r)
{
	long wait, after = -1;
	const json_t *ra = r && r->json ?
		json_object_get(r->json, "retry_after") : NULL;
	const char *why = r && r->error ? r->error :
			  "the platform cannot be reached";

	if (json_is_integer(ra))
		after = (long)json_integer_value(ra);
	if (o->failures < 30)
		o->failures++;
	wait = akt_backoff_ms(&round_backoff, o->failures, akt_retry_random());
	if (after >= 0 && after * 1000 > wait)
		wait = after * 1000;
	o->offline = true;
	end_round(o);
	akt_timer_start(o->timer, wait);
	emit(o, AKT_OB_WAITING, NULL, NULL, why, wait);
}

/* The store failed: say so, keep everything, and stop until the next
 * flush. */
static void disk_failed(struct akt_outbox *o, const struct akt_draft *d,
			const char *what, char *err)
{
	char *msg = xasprintf("cannot %s %s: %s; it stays in the outbox and "
			      "is sent again at the next flush", what, d->id,
			      err ? err : "unknown error");

	free(err);
	end_round(o);
	o->stopped = true;
	emit(o, AKT_OB_DISK, d, NULL, msg, 0);
	free(msg);
}

/* "erik" (username) or the name of a citizen; NULL when unknown. */
static const char *changer(const json_t *problem, const char **at)
{
	const char *user, *name;

	akt_changed_by(problem, &user, &name, at);
	return user && *user ? user : name && *name ? name : NULL;
}

/* The status name of the 412's current case, in the officer's language. */
static const char *current_status_name(const json_t *problem)
{
	const json_t *names = json_object_get(json_object_get(
		json_object_get(problem, "current"), "status"), "name");
	const char *s = json_string_value(json_object_get(names,
							  akt_ui_lang()));

	return s ? s : json_string_value(json_object_get(names, "sv"));
}

/* What the platform said, one line; malloc'd. */
static char *reason_of(const struct akt_reply *r)
{
	const char *text = r->problem ? akt_problem_text(r->problem) : NULL;
	const char *type = r->problem ? r->problem->type : NULL;

	if (r->status == 409 && type && strcmp(type, "invalid-transition") == 0) {
		char *s = akt_not_allowed_problem(r->json, akt_ui_lang());

		if (s)
			return s;
	}
	if (text && *text)
		return xstrdup(text);
	if (r->error)
		return xstrdup(r->error);
	return xasprintf("refused (HTTP %d)", r->status);
}

/* Back to drafts/ as CONFLICT or REFUSED; false when the disk failed
 * (then told, and the round is over). */
static bool back_to_drafts(struct akt_outbox *o, size_t i,
			   enum akt_draft_state state,
			   const struct akt_reply *r, char *reason)
{
	struct akt_draft d, gone;
	char *err = NULL;
	const char *at = NULL, *by;

	akt_draft_copy(&d, &o->items[i]);
	d.state = state;
	free(d.reason);
	d.reason = reason;
	free(d.changed_by);
	free(d.changed_at);
	free(d.current_status);
	free(d.current_etag);
	d.changed_by = d.changed_at = d.current_status = d.current_etag = NULL;
	if (state == AKT_DS_CONFLICT && r) {
		by = changer(r->json, &at);
		d.changed_by = xstrdup_opt(by);
		d.changed_at = xstrdup_opt(at);
		d.current_status = xstrdup_opt(current_status_name(r->json));
		d.current_etag = xstrdup_opt(r->etag);
	}
	if (!akt_draft_to_drafts(o->store, &d, &err)) {
		disk_failed(o, &o->items[i], "return to the drafts", err);
		akt_draft_clear(&d);
		return false;
	}
	items_take(o, i, &gone);   /* d is the record now */
	akt_draft_clear(&gone);
	emit(o, state == AKT_DS_CONFLICT ? AKT_OB_CONFLICT : AKT_OB_REFUSED,
	     &d, r, d.reason, 0);
	akt_draft_clear(&d);
	return true;
}

/* Does an item of case c stand on a tag only memory knows? */
static bool case_rebased(const struct akt_outbox *o, int64_t c)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->rebased[i] && o->items[i].case_id == c)
			return true;
	return false;
}

static void remove_record(struct akt_outbox *o, const char *id)
{
	char *err = NULL, *msg;

	if (akt_draft_remove(o->store, AKT_BOX_OUTBOX, id, &err))
		return;
	/* it was sent; the next round replays it, gets the same answer
	 * and removes it then */
	msg = xasprintf("cannot remove the sent item %s from the outbox: "
			"%s", id, err ? err : "unknown error");
	emit(o, AKT_OB_DISK, NULL, NULL, msg, 0);
	free(msg);
	free(err);
}

/* Remove the kept records no item depends on any more. */
static void settle(struct akt_outbox *o)
{
	size_t k = 0;

	for (size_t i = 0; i < o->nkept; i++) {
		if (case_rebased(o, o->kept[i].case_id)) {
			o->kept[k++] = o->kept[i];
			continue;
		}
		remove_record(o, o->kept[i].id);
	}
	o->nkept = k;
}

static void keep_record(struct akt_outbox *o, const struct akt_draft *d)
{
	if (o->nkept == o->kept_cap) {
		o->kept_cap = o->kept_cap ? o->kept_cap * 2 : 16;
		o->kept = xreallocarray(o->kept, o->kept_cap,
					sizeof(*o->kept));
	}
	snprintf(o->kept[o->nkept].id, sizeof(o->kept[0].id), "%s", d->id);
	o->kept[o->nkept++].case_id = d->case_id;
}

/*
 * Confirmed. The later items of the case written against the version
 * this one replaced now stand on the version it made (in memory; its
 * record stays while they depend on it, see the top of the file).
 */
static void confirmed(struct akt_outbox *o, size_t i,
		      const struct akt_reply *r)
{
	struct akt_draft d;
	const char *old = o->items[i].etag, *now = r->etag;
	int64_t c = o->items[i].case_id;

	if (old && now && strcmp(old, now) != 0)
		for (size_t j = i + 1; j < o->n; j++) {
			struct akt_draft *later = &o->items[j];

			if (later->case_id != c || !later->etag ||
			    strcmp(later->etag, old) != 0)
				continue;
			free(later->etag);
			later->etag = xstrdup(now);
			o->rebased[j] = true;
		}
	o->offline = false;
	o->failures = 0;
	items_take(o, i, &d);
	if (case_rebased(o, c))
		keep_record(o, &d);
	else {
		remove_record(o, d.id);
		settle(o);
	}
	emit(o, AKT_OB_SENT, &d, r, NULL, 0);
	akt_draft_clear(&d);
}

static bool refusal(int status)
{
	switch (status) {
	case 400: case 403: case 404: case 409: case 410: case 413:
	case 422: case 428:
		return true;
	default:
		/* any other 4xx but "later" ones is as final */
		return status >= 400 && status < 500 && status != 401 &&
		       status != 408 && status != 429;
	}
}

/* What the answer to item i means (a write, or the read of its case). */
static void outcome(struct akt_outbox *o, size_t i, const struct akt_reply *r,
		    bool write)
{
	if (write && r->status >= 200 && r->status < 300)
		confirmed(o, i, r);
	else if (write && r->status == 412)
		back_to_drafts(o, i, AKT_DS_CONFLICT, r, reason_of(r));
	else if (r->status == 401 || r->result == AKT_E_AUTH) {
		o->auth = true;
		o->offline = false;
		end_round(o);
		emit(o, AKT_OB_AUTH, NULL, r, r->error ? r->error :
		     "the login is gone; sign in again", 0);
	} else if (refusal(r->status))
		back_to_drafts(o, i, AKT_DS_REFUSED, r, reason_of(r));
	else
		wait_for_platform(o, r);
}

static void on_written(const struct akt_reply *r, void *arg)
{
	struct akt_outbox *o = arg;
	ssize_t i = items_find(o, o->current);

	o->current[0] = '\0';
	if (i >= 0)
		outcome(o, (size_t)i, r, true);
	kick(o);
}

/* The case of an item written on the command line while offline:
 * take its id, number and tag, fix its request and keep it so. */
static void on_case(const struct akt_reply *r, void *arg)
{
	struct akt_outbox *o = arg;
	ssize_t i = items_find(o, o->current);
	struct akt_draft *d;
	const json_t *id, *number;
	char *err = NULL;

	o->current[0] = '\0';
	if (i < 0)
		goto next;
	d = &o->items[i];
	if (r->result != AKT_OK) {
		outcome(o, (size_t)i, r, false);
		goto next;
	}
	id = json_object_get(r->json, "id");
	number = json_object_get(r->json, "number");
	if (!json_is_integer(id) || json_integer_value(id) <= 0 || !r->etag) {
		back_to_drafts(o, (size_t)i, AKT_DS_REFUSED, r,
			       xstrdup("the platform's answer about the case "
				       "is not understood"));
		goto next;
	}
	d->case_id = (int64_t)json_integer_value(id);
	if (json_is_string(number)) {
		free(d->case_number);
		d->case_number = xstrdup(json_string_value(number));
	}
	free(d->etag);
	d->etag = xstrdup(r->etag);
	if (!d->req_method && !akt_outbox_request(d, &err)) {
		back_to_drafts(o, (size_t)i, AKT_DS_REFUSED, r, err);
		goto next;
	}
	if (!akt_draft_save_outbox(o->store, d, &err))
		disk_failed(o, d, "keep the case of", err);
next:
	kick(o);
}

/* Start the call for item 0. */
static void start(struct akt_outbox *o)
{
	struct akt_draft *d = &o->items[0];
	struct akt_call c = { 0 };
	char *path = NULL, *ref, *err = NULL;

	snprintf(o->current, sizeof(o->current), "%s", d->id);
	if (d->case_id <= 0 || !d->etag) {
		if (d->case_id > 0)
			ref = xasprintf("%lld", (long long)d->case_id);
		else
			ref = akt_url_escape(d->case_number ?
					     d->case_number : "");
		path = xasprintf("/v1/cases/%s", ref);
		free(ref);
		c.method = "GET";
		c.path = path;
		c.no_cache = true;
		akt_session_call(o->s, &c, on_case, o);
		free(path);
		return;
	}
	if (!d->req_method && !akt_outbox_request(d, &err)) {
		o->current[0] = '\0';
		back_to_drafts(o, 0, AKT_DS_REFUSED, NULL, err);
		o->again = true;
		return;
	}
	c.method = d->req_method;
	c.path = d->req_path;
	c.body = d->req_body;
	c.body_len = d->req_body ? strlen(d->req_body) : 0;
	c.if_match = d->etag;
	c.idempotency_key = d->key;
	akt_session_call(o->s, &c, on_written, o);
}

/* One step: start a round, the next item, or end the round. */
static void step(struct akt_outbox *o)
{
	if (o->current[0] || o->auth || o->stopped ||
	    akt_timer_active(o->timer))
		return;
	if (o->reload) {
		o->reload = false;
		o->in_round = false;
	}
	if (!o->in_round) {
		if (!o->locked) {
			if (!akt_outbox_lock(o->store)) {
				o->locked_out = true;
				akt_timer_start(o->timer, LOCK_RETRY_MS);
				return;
			}
			o->locked = true;
			o->locked_out = false;
		}
		if (!reload(o)) {
			end_round(o);
			o->stopped = true;
			return;
		}
		o->in_round = true;
	}
	if (o->n == 0) {
		settle(o);
		end_round(o);
		o->offline = false;
		emit(o, AKT_OB_IDLE, NULL, NULL, NULL, 0);
		return;
	}
	start(o);
}

/* Steps until a call is under way or nothing more can be done; calls
 * answered at once (and events whose handlers send or flush) come back
 * here, and are taken in this loop rather than by recursion. */
static void kick(struct akt_outbox *o)
{
	if (o->kicking) {
		o->again = true;
		return;
	}
	o->kicking = true;
	do {
		o->again = false;
		step(o);
	} while (o->again);
	o->kicking = false;
}

/* ---- the interface ----------------------------------------------------- */

struct akt_outbox *akt_outbox_new(struct akt_session *s,
				  struct akt_drafts *store,
				  akt_outbox_fn *fn, void *arg)
{
	struct akt_outbox *o = xcalloc(1, sizeof(*o));

	o->s = s;
	o->store = store;
	o->fn = fn;
	o->arg = arg;
	o->timer = akt_timer_new(akt_session_loop(s), on_timer, o);
	return o;
}

void akt_outbox_free(struct akt_outbox **op)
{
	struct akt_outbox *o = *op;

	if (!o)
		return;
	akt_session_cancel_arg(o->s, o);
	akt_timer_free(&o->timer);
	settle(o);
	end_round(o);
	items_clear(o);
	free(o->items);
	free(o->rebased);
	free(o->kept);
	free(o->view);
	free(o);
	*op = NULL;
}

/* "2026-11-23T10:15:00.123Z": milliseconds keep the order of items
 * queued within one second. */
static char *now_queued(void)
{
	struct timespec ts;
	struct tm tm;
	char buf[40];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	return xasprintf("%s.%03ldZ", buf, ts.tv_nsec / 1000000);
}

bool akt_outbox_send(struct akt_outbox *o, const struct akt_draft *d,
		     char **err)
{
	struct akt_draft c;
	char *body;

	akt_draft_copy(&c, d);
	if (c.case_id > 0) {
		if (!akt_outbox_request(&c, err))
			goto fail;
	} else {
		/* fixed once the case is read; the text is checked now */
		if (!(body = akt_outbox_body(&c, err)))
			goto fail;
		free(body);
		if (!c.case_number || !c.case_number[0]) {
			*err = xstrdup("the draft names no case");
			goto fail;
		}
	}
	c.state = AKT_DS_DRAFT;
	free(c.reason);
	free(c.changed_by);
	free(c.changed_at);
	free(c.current_status);
	free(c.current_etag);
	c.reason = c.changed_by = c.changed_at = NULL;
	c.current_status = c.current_etag = NULL;
	c.open_pid = 0;
	free(c.queued);
	c.queued = now_queued();
	if (!akt_draft_to_outbox(o->store, &c, err))
		goto fail;
	if (items_find(o, c.id) < 0)
		items_add(o, &c);
	emit(o, AKT_OB_QUEUED, &c, NULL, NULL, 0);
	akt_draft_clear(&c);
	o->stopped = false;        /* the disk took this one: try again */
	kick(o);
	return true;
fail:
	akt_draft_clear(&c);
	return false;
}

void akt_outbox_flush(struct akt_outbox *o)
{
	akt_timer_stop(o->timer);
	o->failures = 0;
	o->auth = false;
	o->stopped = false;
	if (o->current[0])
		o->reload = true;
	else
		o->in_round = false;
	kick(o);
}

size_t akt_outbox_count(const struct akt_outbox *o)
{
	return o ? o->n : 0;
}

size_t akt_outbox_of_case(const struct akt_outbox *o, int64_t case_id,
			  const struct akt_draft *const **items)
{
	struct akt_outbox *w = (struct akt_outbox *)o;   /* the view cache */
	size_t k = 0;

	*items = NULL;
	if (!o)
		return 0;
	for (size_t i = 0; i < o->n; i++)
		if (o->items[i].case_id == case_id) {
			if (k == w->view_cap) {
				w->view_cap = w->view_cap ? w->view_cap * 2 : 8;
				w->view = xreallocarray(w->view, w->view_cap,
							sizeof(*w->view));
			}
			w->view[k++] = &o->items[i];
		}
	*items = k ? w->view : NULL;
	return k;
}

bool akt_outbox_offline(const struct akt_outbox *o)
{
	return o && o->offline;
}

bool akt_outbox_busy(const struct akt_outbox *o)
{
	return o && (o->current[0] || akt_timer_active(o->timer));
}

bool akt_outbox_locked_out(const struct akt_outbox *o)
{
	return o->locked_out;
}

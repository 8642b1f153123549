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
 * written against; a confirmation they depend on is written down as a
 * small marker, outbox/ID.done (case, old tag, new tag), before the
 * confirmed record is removed, and the next reading applies the markers
 * (chained) without sending anything. A confirmed write is never sent
 * again: the platform keeps its answers only a day, per officer, and a
 * late repeat would be done anew. A marker goes once no item of its case
 * stands on a tag only the markers know. Rewriting every later item after
 * every confirmation would cost a quadratic number of synced writes.
 *
 * The confirmations of this session stay in memory too, so an item
 * queued just after its case was moved on by the officer's own write is
 * sent on the new version, not refused with a 412.
 */
#include "akt/outbox.h"

#include "outbox_request.h"
#include "akt/conflict.h"
#include "akt/retry.h"
#include "akt/sanitize.h"
#include "akt/urlenc.h"
#include "akt/when.h"
#include "akt/xalloc.h"

#include <ctype.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>

/* Retries of a round: 1 s, growing, never more than a minute apart. */
static const struct akt_retry_policy round_backoff = { 0, 1000, 60000, 0 };
/* Another akt holds the lock: look again this often. */
#define LOCK_RETRY_MS 500
/* Retry-After beyond this is taken as this (seconds). */
#define MAX_RETRY_AFTER 3600
/* A marker is a few hundred bytes; anything larger is not one. */
#define MAX_MARKER 8192

struct akt_outbox {
	struct akt_session *s;
	struct akt_drafts *store;
	akt_outbox_fn *fn;
	void *arg;
	struct akt_draft *items;       /* oldest first */
	bool *rebased;                 /* items[i] has a tag newer than its
					  record on disk */
	size_t n, cap;
	/* Confirmed writes that moved their case on: this session's, and
	 * the markers read from outbox/ (see above). */
	struct done {
		char id[AKT_DRAFT_ID_MAX + 1];
		char *server;              /* NULL: not known */
		int64_t case_id;
		char *old, *now;           /* tags before and after */
		bool on_disk;              /* outbox/ID.done exists */
	} *done;
	size_t ndone, done_cap;
	size_t others;                 /* items for another server, last read */
	int64_t last_queued;           /* ms: queued times strictly increase */
	const struct akt_draft **view; /* akt_outbox_of_case's answer */
	size_t view_cap;
	char current[AKT_DRAFT_ID_MAX + 1];  /* the item of the call under
						way; "" when none */
	struct akt_timer *timer;       /* the next round, or the lock again */
	int failures;                  /* rounds that found no platform */
	bool offline, auth, locked, locked_out;
	bool stopped;                  /* the disk failed: until a flush */
	bool held;                     /* the idle lock: until a flush */
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

/* Is d for the platform the session talks to? A record without a
 * server is taken to be for it. */
static bool for_this_server(const struct akt_outbox *o,
			    const struct akt_draft *d)
{
	const char *server = akt_session_server(o->s);

	return !d->server || !server || strcmp(d->server, server) == 0;
}

static bool same_server(const char *a, const char *b)
{
	return !a || !b || strcmp(a, b) == 0;
}

static bool write_marker(struct akt_outbox *o, struct done *dn, char **err);

/* Move d along the confirmed writes of its case, chained (each
 * confirmation starts from the tag the one before made). True when its
 * tag changed. With persist, confirmations known only to memory are
 * written down first, as d's record keeps its old tag. */
static bool rebase_one(struct akt_outbox *o, struct akt_draft *d,
		       bool persist)
{
	bool changed = false;

	if (!d->etag || d->case_id <= 0)
		return false;
	for (size_t hops = 0; hops <= o->ndone; hops++) {
		struct done *dn = NULL;

		/* newest first: a chain runs forward in time */
		for (size_t k = o->ndone; k-- > 0;)
			if (o->done[k].case_id == d->case_id &&
			    same_server(o->done[k].server, d->server) &&
			    strcmp(o->done[k].old, d->etag) == 0) {
				dn = &o->done[k];
				break;
			}
		if (!dn)
			break;
		if (persist && !dn->on_disk) {
			char *err = NULL;

			dn->on_disk = write_marker(o, dn, &err);
			free(err);   /* then a crash makes it a conflict, no
					duplicate: good enough */
		}
		free(d->etag);
		d->etag = xstrdup(dn->now);
		changed = true;
	}
	return changed;
}

/* Append a copy of d; from_disk: as read from outbox/ (then a rebased
 * tag is newer than its record). */
static void items_add(struct akt_outbox *o, const struct akt_draft *d,
		      bool from_disk)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 16;
		o->items = xreallocarray(o->items, o->cap, sizeof(*o->items));
		o->rebased = xreallocarray(o->rebased, o->cap,
					   sizeof(*o->rebased));
	}
	akt_draft_copy(&o->items[o->n], d);
	o->rebased[o->n] = rebase_one(o, &o->items[o->n], from_disk) &&
			   from_disk;
	o->n++;
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

/* ---- markers: outbox/ID.done ------------------------------------------- */

static char *outbox_path(const struct akt_outbox *o, const char *id,
			 const char *ext)
{
	return xasprintf("%s/outbox/%s%s", akt_drafts_dir(o->store), id, ext);
}

static void done_clear(struct done *dn)
{
	free(dn->server);
	free(dn->old);
	free(dn->now);
}

static struct done *done_add(struct akt_outbox *o, const char *id,
			     const char *server, int64_t case_id,
			     const char *old, const char *now)
{
	struct done *dn;

	for (size_t k = 0; k < o->ndone; k++)
		if (strcmp(o->done[k].id, id) == 0)
			return &o->done[k];
	if (o->ndone == o->done_cap) {
		o->done_cap = o->done_cap ? o->done_cap * 2 : 16;
		o->done = xreallocarray(o->done, o->done_cap, sizeof(*o->done));
	}
	dn = &o->done[o->ndone++];
	memset(dn, 0, sizeof(*dn));
	snprintf(dn->id, sizeof(dn->id), "%s", id);
	dn->server = xstrdup_opt(server);
	dn->case_id = case_id;
	dn->old = xstrdup(old);
	dn->now = xstrdup(now);
	return dn;
}

static bool done_has(const struct akt_outbox *o, const char *id)
{
	for (size_t k = 0; k < o->ndone; k++)
		if (strcmp(o->done[k].id, id) == 0)
			return true;
	return false;
}

/* outbox/ID.done, written as records are: it must be on disk before
 * the confirmed record is gone. */
static bool write_marker(struct akt_outbox *o, struct done *dn, char **err)
{
	json_t *j = json_pack("{s:s, s:I, s:s, s:s}", "id", dn->id,
			      "case_id", (json_int_t)dn->case_id,
			      "old", dn->old, "new", dn->now);
	char *name = xasprintf("%s.done", dn->id), *text = NULL;
	bool ok;

	if (j && dn->server)
		json_object_set_new(j, "server", json_string(dn->server));
	if (!j || !(text = json_dumps(j, JSON_COMPACT))) {
		*err = xasprintf("cannot write the marker %s: out of memory",
				 name);
		ok = false;
	} else {
		ok = akt_drafts_write_file(o->store, AKT_BOX_OUTBOX, name, text,
					   strlen(text), err);
	}
	json_decref(j);
	free(text);
	free(name);
	return ok;
}

static void remove_marker(struct akt_outbox *o, struct done *dn)
{
	char *path = outbox_path(o, dn->id, ".done");

	/* no sync: a marker that comes back is only applied again */
	if (unlink(path) == 0 || errno == ENOENT)
		dn->on_disk = false;
	free(path);
}

/* A file in outbox/ that is not ours to read: into corrupt/, never
 * deleted. The warning (malloc'd). */
static char *marker_aside(struct akt_outbox *o, const char *name,
			  const char *why)
{
	return akt_drafts_set_aside(o->store, AKT_BOX_OUTBOX, name,
				    "outbox file", why);
}

/* One marker file; false with *warn when it is not one. */
static bool read_marker(struct akt_outbox *o, const char *name,
			const char *id, char **warn)
{
	char *data = NULL;
	size_t len = 0;
	int e = akt_drafts_read_file(o->store, AKT_BOX_OUTBOX, name,
				     MAX_MARKER, &data, &len);
	json_t *j = NULL;
	const char *mid = NULL, *server = NULL, *old = NULL, *now = NULL;
	json_int_t c = 0;
	struct done *dn;

	if (e == ENOENT)
		return true;         /* gone meanwhile */
	if (e == 0)
		j = json_loadb(data, len, 0, NULL);
	free(data);
	if (!j || json_unpack(j, "{s:s, s:I, s?s, s:s, s:s}", "id", &mid,
			      "case_id", &c, "server", &server, "old", &old,
			      "new", &now) != 0 ||
	    strcmp(mid, id) != 0 || c <= 0) {
		json_decref(j);
		*warn = marker_aside(o, name, "not an outbox marker");
		return false;
	}
	dn = done_add(o, id, server, (int64_t)c, old, now);
	dn->on_disk = true;
	json_decref(j);
	return true;
}

/* Every outbox/ID.done into o->done; warnings as DISK events. */
static void read_markers(struct akt_outbox *o)
{
	char *dir = xasprintf("%s/outbox", akt_drafts_dir(o->store));
	DIR *dh = opendir(dir);
	struct dirent *de;

	free(dir);
	if (!dh)
		return;              /* the record listing said why */
	while ((de = readdir(dh))) {
		const char *name = de->d_name;
		size_t n = strlen(name);
		char id[AKT_DRAFT_ID_MAX + 1], *warn = NULL;

		if (name[0] == '.' || n <= 5 || strcmp(name + n - 5, ".done"))
			continue;
		if (n - 5 > AKT_DRAFT_ID_MAX)
			warn = marker_aside(o, name, "not a marker's name");
		else {
			memcpy(id, name, n - 5);
			id[n - 5] = '\0';
			if (!akt_draft_id_valid(id))
				warn = marker_aside(o, name,
						    "not a marker's name");
			else
				read_marker(o, name, id, &warn);
		}
		if (warn) {
			emit(o, AKT_OB_DISK, NULL, NULL, warn, 0);
			free(warn);
		}
	}
	closedir(dh);
}

/* outbox/ID.draft of a confirmed item. No directory sync: a record that
 * comes back after a power cut beside its marker is removed again, one
 * without a marker is only replayed. */
static bool unlink_record(struct akt_outbox *o, const char *id, char **err)
{
	char *path = outbox_path(o, id, ".draft");
	bool ok = unlink(path) == 0 || errno == ENOENT;

	if (!ok)
		*err = xasprintf("%s: %s", path, strerror(errno));
	free(path);
	return ok;
}

/* "2026-11-23T10:15:00.123Z" in ms since the epoch; 0 when not so. */
static int64_t queued_ms(const char *ts)
{
	struct tm tm = { 0 };
	int ms = 0;

	if (!ts || sscanf(ts, "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &tm.tm_year,
			  &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
			  &tm.tm_sec, &ms) < 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm) * 1000 + ms;
}

/* Read outbox/ again; false (DISK told, stopped) when it cannot be
 * read. */
static bool reload(struct akt_outbox *o)
{
	struct akt_draft_list l = { 0 };
	char *err = NULL;

	if (!akt_draft_list(o->store, AKT_BOX_OUTBOX, &l, &err)) {
		char *msg = xasprintf("cannot read the outbox: %s; nothing "
				      "was sent", err ? err : "unknown error");

		o->stopped = true;
		emit(o, AKT_OB_DISK, NULL, NULL, msg, 0);
		free(msg);
		free(err);
		return false;
	}
	items_clear(o);
	o->others = 0;
	for (size_t i = 0; i < l.nwarnings; i++)
		emit(o, AKT_OB_DISK, NULL, NULL, l.warnings[i], 0);
	read_markers(o);
	for (size_t i = 0; i < l.n; i++) {
		const struct akt_draft *d = &l.items[i];
		int64_t q = queued_ms(d->queued);

		if (q > o->last_queued)
			o->last_queued = q;
		if (done_has(o, d->id)) {
			/* confirmed; killed before its record was gone */
			if (unlink_record(o, d->id, &err))
				continue;
			emit(o, AKT_OB_DISK, NULL, NULL, err, 0);
			free(err);
			err = NULL;
			continue;
		}
		if (for_this_server(o, d))
			items_add(o, d, true);
		else
			o->others++;
	}
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
static void wait_and_say(struct akt_outbox *o, const struct akt_reply *r,
			 const char *why)
{
	long wait, after = -1;
	const json_t *ra = r && r->json ?
		json_object_get(r->json, "retry_after") : NULL;

	if (json_is_integer(ra)) {
		json_int_t v = json_integer_value(ra);

		after = v < 0 ? 0 : v > MAX_RETRY_AFTER ? MAX_RETRY_AFTER :
			(long)v;
	}
	if (o->failures < 30)
		o->failures++;
	wait = akt_backoff_ms(&round_backoff, o->failures, akt_retry_random());
	if (after >= 0 && after * 1000 > wait)
		wait = after * 1000;
	o->offline = true;
	end_round(o);
	akt_timer_start(o->timer, wait);
	emit(o, AKT_OB_WAITING, NULL, r, why, wait);
}

static void wait_for_platform(struct akt_outbox *o, const struct akt_reply *r)
{
	wait_and_say(o, r, r && r->error ? r->error :
		     "the platform cannot be reached");
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

/* The platform gave an answer that retrying cannot change (a redirect,
 * a case that cannot be understood): say so, keep the item, and stop
 * until the next flush. */
static void cannot_go_on(struct akt_outbox *o, const struct akt_draft *d,
			 const struct akt_reply *r, const char *what)
{
	char *msg = xasprintf("%s (HTTP %d); %s stays in the outbox — check "
			      "the server address, then run 'akt sync'", what,
			      r->status, d->id);

	end_round(o);
	o->stopped = true;
	emit(o, AKT_OB_DISK, d, r, msg, 0);
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

/* Does an item of case c stand on a tag only the markers know? */
static bool case_rebased(const struct akt_outbox *o, int64_t c)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->rebased[i] && o->items[i].case_id == c)
			return true;
	return false;
}

/* Remove the markers of this server no item depends on any more. */
static void settle(struct akt_outbox *o)
{
	const char *server = akt_session_server(o->s);

	for (size_t k = 0; k < o->ndone; k++)
		if (o->done[k].on_disk &&
		    same_server(o->done[k].server, server) &&
		    !case_rebased(o, o->done[k].case_id))
			remove_marker(o, &o->done[k]);
}

/*
 * Confirmed. The later items of the case written against the version
 * this one replaced now stand on the version it made; when one of them
 * keeps the old tag on disk, a marker says so before the record goes
 * (see the top of the file).
 */
static void confirmed(struct akt_outbox *o, size_t i,
		      const struct akt_reply *r)
{
	struct akt_draft d;
	const char *old = o->items[i].etag, *now = r->etag;
	int64_t c = o->items[i].case_id;
	struct done *dn = NULL;
	char *err = NULL, *msg;

	if (old && now && strcmp(old, now) != 0) {
		for (size_t j = i + 1; j < o->n; j++) {
			struct akt_draft *later = &o->items[j];

			if (later->case_id != c || !later->etag ||
			    strcmp(later->etag, old) != 0)
				continue;
			free(later->etag);
			later->etag = xstrdup(now);
			o->rebased[j] = true;
		}
		dn = done_add(o, o->items[i].id, o->items[i].server ?
			      o->items[i].server : akt_session_server(o->s),
			      c, old, now);
	}
	o->offline = false;
	o->failures = 0;
	items_take(o, i, &d);
	if (dn && case_rebased(o, c) && !dn->on_disk) {
		dn->on_disk = write_marker(o, dn, &err);
		if (!dn->on_disk) {
			msg = xasprintf("%s; after a restart the later items of "
					"%s may come back as conflicts", err,
					d.case_number && *d.case_number ?
					d.case_number : "its case");
			emit(o, AKT_OB_DISK, NULL, NULL, msg, 0);
			free(msg);
			free(err);
			err = NULL;
		}
	}
	if (!unlink_record(o, d.id, &err)) {
		/* the next reading removes it when its marker is there, or
		 * replays it and gets the same answer */
		msg = xasprintf("cannot remove the sent item %s from the outbox: "
				"%s", d.id, err);
		emit(o, AKT_OB_DISK, NULL, NULL, msg, 0);
		free(msg);
		free(err);
	}
	settle(o);
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

/*
 * Does the answer to a write name what was made (an object with an id)?
 * Broken JSON or another shape leaves it open whether the write was
 * made, so the item stays: sent again with its Idempotency-Key, it is
 * made once, or its first answer is replayed.
 */
static bool names_what_was_made(const struct akt_reply *r)
{
	const json_t *id = r->result == AKT_OK && json_is_object(r->json) ?
		json_object_get(r->json, "id") : NULL;

	return json_is_integer(id);
}

/* What the answer to item i means (a write, or the read of its case). */
static void outcome(struct akt_outbox *o, size_t i, const struct akt_reply *r,
		    bool write)
{
	if (r->status >= 300 && r->status < 400)
		cannot_go_on(o, &o->items[i], r, "the platform sent akt "
			     "elsewhere instead of answering");
	else if (!write && r->status >= 200 && r->status < 300)
		cannot_go_on(o, &o->items[i], r, "the platform's answer about "
			     "the case is not understood");
	else if (write && r->status >= 200 && r->status < 300 &&
		 !names_what_was_made(r))
		wait_and_say(o, r, r->result != AKT_OK && r->error ? r->error :
			     "the platform's answer is not understood: it "
			     "names nothing that was made");
	else if (write && r->status >= 200 && r->status < 300)
		confirmed(o, i, r);
	else if (write && r->status == 412)
		back_to_drafts(o, i, AKT_DS_CONFLICT, r, reason_of(r));
	else if (r->result == AKT_E_LOCKED) {
		/* not sent: the unlock flushes, and the item goes then */
		o->held = true;
		end_round(o);
	} else if (r->status == 401 || r->result == AKT_E_AUTH) {
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
		cannot_go_on(o, d, r, "the platform's answer about the case "
			     "is not understood");
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

/* Is the stored request one akt makes for this item? A record changed
 * on disk must not send just anything with the officer's login. */
static bool request_sane(const struct akt_draft *d)
{
	char prefix[48];
	size_t n;

	if (!d->req_method || strcmp(d->req_method, "POST") != 0 ||
	    !d->req_path)
		return false;
	n = (size_t)snprintf(prefix, sizeof(prefix), "/v1/cases/%lld/",
			     (long long)d->case_id);
	if (strncmp(d->req_path, prefix, n) != 0 || strstr(d->req_path, ".."))
		return false;
	for (const char *p = d->req_path + n; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '/' && *p != '-' &&
		    *p != '_')
			return false;
	return true;
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
	if (!request_sane(d)) {
		o->current[0] = '\0';
		back_to_drafts(o, 0, AKT_DS_REFUSED, NULL,
			       xasprintf("not sent: its outbox record asks for "
					 "a request akt does not make for case "
					 "%lld (changed on disk?)",
					 (long long)d->case_id));
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
	if (o->current[0] || o->auth || o->stopped || o->held ||
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
	for (size_t k = 0; k < o->ndone; k++)
		done_clear(&o->done[k]);
	free(o->done);
	free(o->items);
	free(o->rebased);
	free(o->view);
	free(o);
	*op = NULL;
}

/* "2026-11-23T10:15:00.123Z": milliseconds keep the order of items
 * queued within one second, and each is later than the newest known
 * (a clock set back must not put an item before an older one). */
static char *now_queued(struct akt_outbox *o)
{
	struct timespec ts;
	struct tm tm;
	char buf[40];
	int64_t ms;
	time_t sec;

	clock_gettime(CLOCK_REALTIME, &ts);
	ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (ms <= o->last_queued)
		ms = o->last_queued + 1;
	o->last_queued = ms;
	sec = (time_t)(ms / 1000);
	gmtime_r(&sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	return xasprintf("%s.%03dZ", buf, (int)(ms % 1000));
}

bool akt_outbox_send(struct akt_outbox *o, const struct akt_draft *d,
		     char **err)
{
	struct akt_draft c;
	char *body;

	akt_draft_copy(&c, d);
	if (c.state != AKT_DS_DRAFT) {
		/* sent again after a conflict or a refusal: the platform
		 * would answer the old key with its stored 412 or refusal */
		if (!akt_idem_new(c.key)) {
			*err = xstrdup("cannot make a new idempotency key: no "
				       "random numbers");
			goto fail;
		}
		free(c.req_method);
		free(c.req_path);
		free(c.req_body);
		c.req_method = c.req_path = c.req_body = NULL;
		free(c.etag);
		c.etag = xstrdup_opt(c.current_etag);
	}
	/* the officer's own confirmed writes are no conflict */
	rebase_one(o, &c, false);
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
	c.queued = now_queued(o);
	if (!akt_draft_to_outbox(o->store, &c, err))
		goto fail;
	if (items_find(o, c.id) < 0)
		items_add(o, &c, false);
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
	o->held = false;
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

size_t akt_outbox_of_case(struct akt_outbox *o, int64_t case_id,
			  const struct akt_draft *const **items)
{
	size_t k = 0;

	*items = NULL;
	if (!o)
		return 0;
	for (size_t i = 0; i < o->n; i++)
		if (o->items[i].case_id == case_id) {
			if (k == o->view_cap) {
				o->view_cap = o->view_cap ? o->view_cap * 2 : 8;
				o->view = xreallocarray(o->view, o->view_cap,
							sizeof(*o->view));
			}
			o->view[k++] = &o->items[i];
		}
	*items = k ? o->view : NULL;
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

bool akt_outbox_stopped(const struct akt_outbox *o)
{
	return o && (o->stopped || o->auth);
}

size_t akt_outbox_others(const struct akt_outbox *o)
{
	return o ? o->others : 0;
}

/*
 * feed.c — the change feed: events after a cursor that the caller may
 * see, with long polling on sb_feed_cond.
 */
#include "sandbox.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define FEED_LIMIT_DEF 100
#define FEED_LIMIT_MAX 500
#define FEED_WAIT_MAX  60

/* A plain decimal number 0..max (no sign, no spaces). */
static bool parse_num(const char *s, int64_t max, int64_t *out)
{
	int64_t v = 0;

	if (!s || !*s || strlen(s) > 19)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (max - (*s - '0')) / 10)
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return true;
}

static int64_t latest_seq(void)
{
	sqlite3_stmt *st = sb_sql("SELECT COALESCE(MAX(seq), 0) FROM events");
	int64_t seq = 0;

	if (sqlite3_step(st) == SQLITE_ROW)
		seq = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return seq;
}

/*
 * Append up to limit visible events after *cursor and move *cursor past
 * everything examined, visible or not. Returns how many were added.
 */
static int fetch(const struct sb_officer *me, int64_t limit, int64_t *cursor,
		 json_t *events)
{
	sqlite3_stmt *st;
	int n = 0;
	int64_t last = *cursor, top;

	st = sb_sql("SELECT " SB_EVENT_COLS " FROM events WHERE seq > ? AND "
		    "(unit_id IS NULL OR unit_id IN (SELECT unit_id FROM "
		    "officer_units WHERE officer_id = ?)) ORDER BY seq LIMIT ?");
	sqlite3_bind_int64(st, 1, *cursor);
	sqlite3_bind_int64(st, 2, me ? me->id : 0);
	sqlite3_bind_int64(st, 3, limit);
	while (sqlite3_step(st) == SQLITE_ROW) {
		last = sqlite3_column_int64(st, 0);
		json_array_append_new(events, sb_event_json(st));
		n++;
	}
	/* Reset before anyone waits: no read may stay open on the db. */
	sqlite3_reset(st);

	if (n == limit) {
		*cursor = last;
	} else {
		/* Fewer than asked: every later event was examined. */
		top = latest_seq();
		*cursor = top > *cursor ? top : *cursor;
	}
	return n;
}

void h_feed(struct sb_req *rq, struct sb_resp *rs)
{
	const char *qc = sb_query(rq, "cursor");
	const char *qw = sb_query(rq, "wait");
	const char *ql = sb_query(rq, "limit");
	int64_t cursor, wait = 0, limit = FEED_LIMIT_DEF;
	struct timespec deadline;
	bool last_round;
	json_t *events;
	char buf[24];

	if (ql && (!parse_num(ql, FEED_LIMIT_MAX, &limit) || limit < 1)) {
		sb_bad(rs, "limit", "limit is 1..%d", FEED_LIMIT_MAX);
		return;
	}
	if (qw && !parse_num(qw, FEED_WAIT_MAX, &wait)) {
		sb_bad(rs, "wait", "wait is 0..%d seconds", FEED_WAIT_MAX);
		return;
	}
	if (!qc) {
		snprintf(buf, sizeof buf, "%lld", (long long)latest_seq());
		sb_json(rs, 200, json_pack("{s:[], s:s}", "events", "cursor",
					   buf));
		return;
	}
	if (!parse_num(qc, INT64_MAX, &cursor)) {
		sb_bad(rs, "cursor", "cursor is the decimal seq of an earlier answer");
		return;
	}

	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += wait;
	events = json_array();
	last_round = wait == 0;
	for (;;) {
		if (fetch(rq->me, limit, &cursor, events) > 0 || last_round ||
		    sb_stopping)
			break;
		/*
		 * The wait releases sb_lock; a writer broadcasts inside its
		 * transaction and we run again only after it has committed
		 * or rolled back, so we never see half a write.
		 */
		if (pthread_cond_timedwait(&sb_feed_cond, &sb_lock,
					   &deadline) != 0)
			last_round = true;
	}

	snprintf(buf, sizeof buf, "%lld", (long long)cursor);
	sb_json(rs, 200, json_pack("{s:o, s:s}", "events", events,
				   "cursor", buf));
}

/*
 * citizen.c — sandbox-only routes (no authentication): the sandbox clock,
 * a manual retention run, and the citizen's side of the portal (filing a
 * case, writing a message, reading a note or message) so tests can play
 * the other party.
 */
#include "sandbox.h"

#include <stdio.h>
#include <string.h>

#define MAX_ADVANCE_DAYS 36600LL
#define DEFAULT_SUBJECT  "Fråga om mitt ärende"

/* An optional string field that, when given, is not blank. */
static bool opt_text(struct sb_resp *rs, json_t *body, const char *name,
		     const char **out)
{
	int r = sb_field_str(rs, body, name, false, out);

	if (r < 0)
		return false;
	if (r == 0 && sb_blank(*out)) {
		sb_bad(rs, name, "%s must not be empty", name);
		return false;
	}
	return true;
}

/* sb_json may reset the response; the case ETag set by a write stays. */
static void answer_keep_etag(struct sb_resp *rs, int status, json_t *body)
{
	char etag[sizeof rs->etag];

	memcpy(etag, rs->etag, sizeof etag);
	sb_json(rs, status, body);
	if (etag[0])
		memcpy(rs->etag, etag, sizeof etag);
}

/* The "case" member (number or id, as string or integer) → loaded case. */
static bool body_case(struct sb_resp *rs, json_t *body, struct sb_case *c)
{
	json_t *v = json_object_get(body, "case");
	char ref[64];
	int64_t id;

	if (json_is_string(v) && json_string_length(v) > 0 &&
	    json_string_length(v) < sizeof ref) {
		snprintf(ref, sizeof ref, "%s", json_string_value(v));
	} else if (json_is_integer(v) && json_integer_value(v) > 0) {
		snprintf(ref, sizeof ref, "%lld",
			 (long long)json_integer_value(v));
	} else {
		sb_bad(rs, "case", v ? "case is a case number or id"
				     : "case is required");
		return false;
	}
	if (!(id = sb_case_resolve(rs, ref)))
		return false;
	if (!sb_case_load(id, c)) {
		sb_problem(rs, 404, "not-found", "no case %s", ref);
		return false;
	}
	return true;
}

/* A party of the case (given, or the applicant); fills its name. */
static int64_t find_party(struct sb_resp *rs, json_t *body,
			  const struct sb_case *c, char name[128])
{
	sqlite3_stmt *st;
	int64_t id = 0, found = 0;
	int r = sb_field_int(rs, body, "party", false, &id);

	if (r < 0)
		return 0;
	if (r == 0) {
		st = sb_sql("SELECT id, name FROM parties WHERE id = ? "
			    "AND case_id = ?");
		sqlite3_bind_int64(st, 1, id);
	} else {
		st = sb_sql("SELECT id, name FROM parties WHERE role = "
			    "'applicant' AND case_id = ?2 ORDER BY id LIMIT 1");
	}
	sqlite3_bind_int64(st, 2, c->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = sqlite3_column_int64(st, 0);
		snprintf(name, 128, "%s", sb_col_text(st, 1));
	}
	sqlite3_reset(st);
	if (!found) {
		if (r == 0)
			sb_problem(rs, 404, "not-found", "no party %lld in case %s",
				   (long long)id, c->number);
		else
			sb_problem(rs, 409, "conflict", "case %s has no applicant",
				   c->number);
	}
	return found;
}

void h_sb_clock_get(struct sb_req *rq, struct sb_resp *rs)
{
	(void)rq;
	sb_json(rs, 200, json_pack("{s:o, s:I}", "now", sb_ts(sb_now()),
				   "offset_seconds",
				   (json_int_t)sb_clock_offset()));
}

void h_sb_clock_post(struct sb_req *rq, struct sb_resp *rs)
{
	json_t *body;
	int64_t secs = 0, days = 0;
	int rsec, rd;
	int purged;

	if (!(body = sb_body(rq, rs)))
		return;
	if ((rsec = sb_field_int(rs, body, "advance_seconds", false, &secs)) < 0 ||
	    (rd = sb_field_int(rs, body, "advance_days", false, &days)) < 0)
		return;
	if (rsec == 0 && rd == 0) {
		sb_bad(rs, "advance_days",
		       "give advance_seconds or advance_days, not both");
		return;
	}
	if (rsec == 1 && rd == 1) {
		sb_bad(rs, "advance_seconds",
		       "advance_seconds or advance_days is required");
		return;
	}
	if (rd == 0) {
		if (days < 1 || days > MAX_ADVANCE_DAYS) {
			sb_bad(rs, "advance_days", "advance_days is 1..%lld",
			       MAX_ADVANCE_DAYS);
			return;
		}
		secs = days * 86400;
	} else if (secs < 1 || secs > MAX_ADVANCE_DAYS * 86400) {
		sb_bad(rs, "advance_seconds", "advance_seconds is 1..%lld",
		       MAX_ADVANCE_DAYS * 86400);
		return;
	}

	sb_clock_advance(secs);
	purged = sb_retention_run();
	sb_json(rs, 200, json_pack("{s:o, s:I, s:i}", "now", sb_ts(sb_now()),
				   "offset_seconds",
				   (json_int_t)sb_clock_offset(),
				   "purged", purged));
}

void h_sb_retention_run(struct sb_req *rq, struct sb_resp *rs)
{
	(void)rq;
	sb_json(rs, 200, json_pack("{s:i}", "purged", sb_retention_run()));
}

void h_sb_citizen_case(struct sb_req *rq, struct sb_resp *rs)
{
	json_t *body;
	/* Left out, sb_case_create picks a title and a made-up applicant. */
	const char *service, *title = NULL, *applicant = NULL;
	sqlite3_stmt *st;
	struct sb_case c;
	int64_t id;
	bool known;

	if (!(body = sb_body(rq, rs)))
		return;
	if (sb_field_str(rs, body, "e_service", true, &service) < 0)
		return;
	if (!opt_text(rs, body, "title", &title) ||
	    !opt_text(rs, body, "applicant", &applicant))
		return;

	st = sb_sql("SELECT 1 FROM e_services WHERE id = ?");
	sqlite3_bind_text(st, 1, service, -1, SQLITE_TRANSIENT);
	known = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (!known) {
		sb_bad(rs, "e_service", "unknown e-service");
		return;
	}

	id = sb_case_create(service, title, applicant, sb_now());
	if (!id || !sb_case_load(id, &c)) {
		sb_problem(rs, 500, "internal", "could not create the case");
		return;
	}
	sb_case_etag(&c, rs->etag);
	snprintf(rs->location, sizeof rs->location, "/v1/cases/%lld",
		 (long long)id);
	answer_keep_etag(rs, 201, sb_case_summary_json(id));
}

void h_sb_citizen_message(struct sb_req *rq, struct sb_resp *rs)
{
	json_t *body;
	struct sb_case c;
	const char *subject = DEFAULT_SUBJECT, *text;
	char name[128] = "Invånare";
	struct sb_actor citizen = {"citizen", name, 0};
	sqlite3_stmt *st;
	int64_t tid = 0, mid, now = sb_now();
	int r;

	if (!(body = sb_body(rq, rs)))
		return;
	if (!body_case(rs, body, &c))
		return;
	if ((r = sb_field_int(rs, body, "thread", false, &tid)) < 0)
		return;
	if (!opt_text(rs, body, "subject", &subject))
		return;
	if (sb_field_str(rs, body, "body", true, &text) < 0)
		return;
	if (sb_blank(text)) {
		sb_bad(rs, "body", "body must not be empty");
		return;
	}

	if (r == 0) {
		bool ok;

		st = sb_sql("SELECT 1 FROM threads WHERE id = ? AND case_id = ?");
		sqlite3_bind_int64(st, 1, tid);
		sqlite3_bind_int64(st, 2, c.id);
		ok = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		if (!ok) {
			sb_problem(rs, 404, "not-found", "no thread %lld in case %s",
				   (long long)tid, c.number);
			return;
		}
	}

	st = sb_sql("SELECT name FROM parties WHERE case_id = ? AND role = "
		    "'applicant' ORDER BY id LIMIT 1");
	sqlite3_bind_int64(st, 1, c.id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(name, sizeof name, "%s", sb_col_text(st, 0));
	sqlite3_reset(st);

	if (r != 0) {
		st = sb_sql("INSERT INTO threads (case_id, subject, created_at, "
			    "last_message_at) VALUES (?, ?, ?, ?)");
		sqlite3_bind_int64(st, 1, c.id);
		sqlite3_bind_text(st, 2, subject, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, now);
		sqlite3_bind_int64(st, 4, now);
		tid = sqlite3_step(st) == SQLITE_DONE
			      ? sqlite3_last_insert_rowid(sb_db) : 0;
		sqlite3_reset(st);
	} else {
		st = sb_sql("UPDATE threads SET last_message_at = ? WHERE id = ?");
		sqlite3_bind_int64(st, 1, now);
		sqlite3_bind_int64(st, 2, tid);
		sqlite3_step(st);
		sqlite3_reset(st);
	}

	st = sb_sql("INSERT INTO messages (thread_id, case_id, author_kind, "
		    "author_name, body, sent_at) VALUES (?, ?, 'citizen', ?, ?, ?)");
	sqlite3_bind_int64(st, 1, tid);
	sqlite3_bind_int64(st, 2, c.id);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, now);
	mid = tid && sqlite3_step(st) == SQLITE_DONE
		      ? sqlite3_last_insert_rowid(sb_db) : 0;
	sqlite3_reset(st);
	if (!mid) {
		sb_problem(rs, 500, "internal", "could not store the message");
		return;
	}

	st = sb_sql("UPDATE cases SET unread = (SELECT COUNT(*) FROM messages "
		    "WHERE case_id = ?1 AND author_kind = 'citizen' AND "
		    "officer_read_at IS NULL) WHERE id = ?1");
	sqlite3_bind_int64(st, 1, c.id);
	sqlite3_step(st);
	sqlite3_reset(st);

	sb_event(c.id, "message.created", &citizen,
		 json_pack("{s:I, s:I, s:s}", "thread_id", (json_int_t)tid,
			   "message_id", (json_int_t)mid,
			   "author_kind", "citizen"));
	sb_case_touch(rs, &c, &citizen);
	answer_keep_etag(rs, 201, sb_message_json(mid));
}

/* A citizen party reads a published note; the first read is the receipt. */
static void read_note(struct sb_resp *rs, json_t *body,
		      const struct sb_case *c, int64_t note)
{
	char name[128];
	struct sb_actor citizen = {"citizen", name, 0};
	sqlite3_stmt *st;
	int64_t party, read_at = 0;
	int state = 0;  /* 0 none, 1 draft, 2 published */

	st = sb_sql("SELECT published_at IS NOT NULL FROM notes "
		    "WHERE id = ? AND case_id = ?");
	sqlite3_bind_int64(st, 1, note);
	sqlite3_bind_int64(st, 2, c->id);
	if (sqlite3_step(st) == SQLITE_ROW)
		state = sqlite3_column_int(st, 0) ? 2 : 1;
	sqlite3_reset(st);
	if (state == 0) {
		sb_problem(rs, 404, "not-found", "no note %lld in case %s",
			   (long long)note, c->number);
		return;
	}
	if (state == 1) {
		sb_problem(rs, 409, "conflict",
			   "note %lld is not published to the citizen",
			   (long long)note);
		return;
	}
	if (!(party = find_party(rs, body, c, name)))
		return;

	st = sb_sql("INSERT OR IGNORE INTO note_reads (note_id, party_id, "
		    "read_at) VALUES (?, ?, ?)");
	sqlite3_bind_int64(st, 1, note);
	sqlite3_bind_int64(st, 2, party);
	sqlite3_bind_int64(st, 3, sb_now());
	sqlite3_step(st);
	sqlite3_reset(st);
	if (sqlite3_changes(sb_db) > 0)
		sb_event(c->id, "note.read", &citizen,
			 json_pack("{s:I, s:I}", "note_id", (json_int_t)note,
				   "party_id", (json_int_t)party));

	st = sb_sql("SELECT read_at FROM note_reads WHERE note_id = ? "
		    "AND party_id = ?");
	sqlite3_bind_int64(st, 1, note);
	sqlite3_bind_int64(st, 2, party);
	if (sqlite3_step(st) == SQLITE_ROW)
		read_at = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	sb_json(rs, 200, json_pack("{s:o}", "read_at", sb_ts(read_at)));
}

/* The citizen reads an officer's message; the first read counts. */
static void read_message(struct sb_resp *rs, json_t *body,
			 const struct sb_case *c, int64_t msg)
{
	char name[128];
	struct sb_actor citizen = {"citizen", name, 0};
	sqlite3_stmt *st;
	int64_t tid = 0, read_at = 0;
	bool found = false, own = false;

	st = sb_sql("SELECT thread_id, author_kind = 'citizen', citizen_read_at "
		    "FROM messages WHERE id = ? AND case_id = ?");
	sqlite3_bind_int64(st, 1, msg);
	sqlite3_bind_int64(st, 2, c->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = true;
		tid = sqlite3_column_int64(st, 0);
		own = sqlite3_column_int(st, 1) != 0;
		read_at = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (!found) {
		sb_problem(rs, 404, "not-found", "no message %lld in case %s",
			   (long long)msg, c->number);
		return;
	}
	if (own) {
		sb_problem(rs, 409, "conflict",
			   "message %lld was written by the citizen",
			   (long long)msg);
		return;
	}
	if (!find_party(rs, body, c, name))
		return;

	if (!read_at) {
		read_at = sb_now();
		st = sb_sql("UPDATE messages SET citizen_read_at = ? WHERE id = ?");
		sqlite3_bind_int64(st, 1, read_at);
		sqlite3_bind_int64(st, 2, msg);
		sqlite3_step(st);
		sqlite3_reset(st);
		sb_event(c->id, "message.read", &citizen,
			 json_pack("{s:I, s:I, s:s}", "thread_id",
				   (json_int_t)tid, "message_id",
				   (json_int_t)msg, "by", "citizen"));
	}
	sb_json(rs, 200, json_pack("{s:o}", "read_at", sb_ts(read_at)));
}

void h_sb_citizen_read(struct sb_req *rq, struct sb_resp *rs)
{
	json_t *body;
	struct sb_case c;
	int64_t note = 0, msg = 0;
	int rn, rm;

	if (!(body = sb_body(rq, rs)))
		return;
	if (!body_case(rs, body, &c))
		return;
	if ((rn = sb_field_int(rs, body, "note", false, &note)) < 0 ||
	    (rm = sb_field_int(rs, body, "message", false, &msg)) < 0)
		return;
	if (rn == rm) {
		sb_bad(rs, rn == 0 ? "message" : "note",
		       "give either note or message");
		return;
	}
	if (rn == 0)
		read_note(rs, body, &c, note);
	else
		read_message(rs, body, &c, msg);
}

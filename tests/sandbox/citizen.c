/*
 * citizen.c — sandbox-only routes (no authentication): the sandbox clock,
 * a manual retention run, and the citizen's side of the portal (filing a
 * case, writing a message, reading a note or message) so tests can play
 * the other party.
 */
#include "sandbox.h"

#include <stdio.h>

#define MAX_ADVANCE_DAYS 36600LL
#define DEFAULT_SUBJECT  "Fråga om mitt ärende"

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

/* Step st, a query for one party's id and name; fills name on a row. */
static int64_t party_row(sqlite3_stmt *st, char name[128])
{
	int64_t found = 0;

	if (sqlite3_step(st) == SQLITE_ROW) {
		found = sqlite3_column_int64(st, 0);
		snprintf(name, 128, "%s", sb_col_text(st, 1));
	}
	sqlite3_reset(st);
	return found;
}

/* The case's applicant (the first) and its name; 0 when it has none. */
static int64_t applicant_of(int64_t case_id, char name[128])
{
	sqlite3_stmt *st = sb_sql("SELECT id, name FROM parties WHERE role = "
				  "'applicant' AND case_id = ? "
				  "ORDER BY id LIMIT 1");

	sqlite3_bind_int64(st, 1, case_id);
	return party_row(st, name);
}

/* A party of the case (given, or the applicant); fills its name. */
static int64_t find_party(struct sb_resp *rs, json_t *body,
			  const struct sb_case *c, char name[128])
{
	sqlite3_stmt *st;
	int64_t id = 0, found;
	int r = sb_field_int(rs, body, "party", false, &id);

	if (r < 0)
		return 0;
	if (r == 0) {
		st = sb_sql("SELECT id, name FROM parties WHERE id = ? "
			    "AND case_id = ?");
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, c->id);
		found = party_row(st, name);
	} else {
		found = applicant_of(c->id, name);
	}
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
	struct sb_case c;
	int64_t id;

	if (!(body = sb_body(rq, rs)))
		return;
	if (sb_field_str(rs, body, "e_service", true, &service) < 0)
		return;
	if (sb_field_text(rs, body, "title", false, &title) < 0 ||
	    sb_field_text(rs, body, "applicant", false, &applicant) < 0)
		return;

	if (!sb_e_service_known(service)) {
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
	sb_json(rs, 201, sb_case_summary_json(id));
}

void h_sb_citizen_message(struct sb_req *rq, struct sb_resp *rs)
{
	json_t *body;
	struct sb_case c;
	const char *subject = DEFAULT_SUBJECT, *text;
	char name[128] = "Invånare";
	struct sb_actor citizen = {"citizen", name, 0};
	int64_t tid = 0, mid = 0, now = sb_now();
	int r;

	if (!(body = sb_body(rq, rs)))
		return;
	if (!body_case(rs, body, &c))
		return;
	if ((r = sb_field_int(rs, body, "thread", false, &tid)) < 0)
		return;
	if (sb_field_text(rs, body, "subject", false, &subject) < 0 ||
	    sb_field_text(rs, body, "body", true, &text) < 0)
		return;
	if (r == 0 && !sb_thread_in_case(tid, c.id)) {
		sb_problem(rs, 404, "not-found", "no thread %lld in case %s",
			   (long long)tid, c.number);
		return;
	}

	applicant_of(c.id, name);  /* else the default name stays */
	if (r != 0)
		tid = sb_thread_add(c.id, subject, now);
	if (!tid || !(mid = sb_message_add(c.id, tid, &citizen, text, now))) {
		sb_problem(rs, 500, "internal", "could not store the message");
		return;
	}
	sb_case_touch(rs, &c, &citizen);
	sb_json(rs, 201, sb_message_json(mid));
}

/* A citizen party reads a published note; the first read is the receipt. */
static void read_note(struct sb_resp *rs, json_t *body,
		      const struct sb_case *c, int64_t note)
{
	char name[128];
	struct sb_actor citizen = {"citizen", name, 0};
	sqlite3_stmt *st;
	int64_t party, read_at = 0;
	bool published = false;

	if (!sb_note_in_case(note, c->id, &published)) {
		sb_problem(rs, 404, "not-found", "no note %lld in case %s",
			   (long long)note, c->number);
		return;
	}
	if (!published) {
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

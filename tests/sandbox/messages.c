/*
 * messages.c — secure messages between officers and citizens: threads,
 * replies, read marks and filing a message into the journal
 * (journalföring).
 */
#include "sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREAD_COLS "t.id, t.subject, t.created_at, t.last_message_at, " \
	"(SELECT COUNT(*) FROM messages m WHERE m.thread_id = t.id), " \
	"(SELECT COUNT(*) FROM messages m WHERE m.thread_id = t.id " \
	"AND m.author_kind = 'citizen' AND m.officer_read_at IS NULL)"

#define MESSAGE_COLS "m.id, m.author_kind, m.author_name, m.author_officer, " \
	"m.body, m.sent_at, m.officer_read_at, m.officer_read_by, " \
	"m.citizen_read_at, " \
	"(SELECT n.id FROM notes n WHERE n.source_message_id = m.id)"

static json_t *thread_from_row(sqlite3_stmt *st)
{
	return json_pack("{s:I, s:s, s:o, s:o, s:I, s:I}",
			 "id", (json_int_t)sqlite3_column_int64(st, 0),
			 "subject", sb_col_text(st, 1),
			 "created_at", sb_col_json_ts(st, 2),
			 "last_message_at", sb_col_json_ts(st, 3),
			 "message_count", (json_int_t)sqlite3_column_int64(st, 4),
			 "unread", (json_int_t)sqlite3_column_int64(st, 5));
}

static json_t *ref_or_null(sqlite3_stmt *st, int col)
{
	int64_t id = sqlite3_column_int64(st, col);

	return id ? sb_officer_ref(id) : json_null();
}

static json_t *message_from_row(sqlite3_stmt *st)
{
	json_t *author, *filed;

	author = json_pack("{s:s, s:s, s:o?}",
			   "kind", sb_col_text(st, 1),
			   "name", sb_col_text(st, 2),
			   "officer", ref_or_null(st, 3));
	filed = sqlite3_column_type(st, 9) == SQLITE_NULL
			? json_null()
			: json_integer(sqlite3_column_int64(st, 9));
	return json_pack("{s:I, s:o?, s:s, s:o, s:o, s:o?, s:o, s:o}",
			 "id", (json_int_t)sqlite3_column_int64(st, 0),
			 "author", author,
			 "body", sb_col_text(st, 4),
			 "sent_at", sb_col_json_ts(st, 5),
			 "read_by_officer_at", sb_col_json_ts(st, 6),
			 "read_by_officer", ref_or_null(st, 7),
			 "read_by_citizen_at", sb_col_json_ts(st, 8),
			 "filed_note_id", filed);
}

json_t *sb_message_json(int64_t message_id)
{
	sqlite3_stmt *st = sb_sql("SELECT " MESSAGE_COLS
				  " FROM messages m WHERE m.id = ?");
	json_t *msg = NULL;

	sqlite3_bind_int64(st, 1, message_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		msg = message_from_row(st);
	sqlite3_reset(st);
	return msg;
}

/* A thread with all its messages, oldest first. */
static json_t *thread_detail(int64_t thread_id)
{
	sqlite3_stmt *st;
	json_t *thread = NULL, *msgs;

	st = sb_sql("SELECT " THREAD_COLS " FROM threads t WHERE t.id = ?");
	sqlite3_bind_int64(st, 1, thread_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		thread = thread_from_row(st);
	sqlite3_reset(st);
	if (!thread)
		return NULL;

	msgs = json_array();
	st = sb_sql("SELECT " MESSAGE_COLS " FROM messages m "
		    "WHERE m.thread_id = ? ORDER BY m.id");
	sqlite3_bind_int64(st, 1, thread_id);
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(msgs, message_from_row(st));
	sqlite3_reset(st);
	json_object_set_new(thread, "messages", msgs);
	return thread;
}

bool sb_thread_in_case(int64_t thread_id, int64_t case_id)
{
	sqlite3_stmt *st = sb_sql("SELECT 1 FROM threads WHERE id = ? "
				  "AND case_id = ?");
	bool in;

	sqlite3_bind_int64(st, 1, thread_id);
	sqlite3_bind_int64(st, 2, case_id);
	in = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return in;
}

/* The thread named in seg[4] of case c; answers 404 and returns 0. */
static int64_t find_thread(struct sb_req *rq, struct sb_resp *rs,
			   const struct sb_case *c)
{
	int64_t id = 0;

	if (rq->nseg > 4 && sb_parse_id(rq->seg[4], &id) &&
	    sb_thread_in_case(id, c->id))
		return id;
	sb_problem(rs, 404, "not-found", "no thread %s in case %s",
		   rq->nseg > 4 ? rq->seg[4] : "", c->number);
	return 0;
}

int64_t sb_thread_add(int64_t case_id, const char *subject, int64_t now)
{
	sqlite3_stmt *st = sb_sql("INSERT INTO threads (case_id, subject, "
				  "created_at, last_message_at) "
				  "VALUES (?, ?, ?, ?)");
	int64_t id;

	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, subject, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, now);
	id = sqlite3_step(st) == SQLITE_DONE ? sqlite3_last_insert_rowid(sb_db)
					     : 0;
	sqlite3_reset(st);
	return id;
}

/* cases.unread feeds the queue and summary counts. */
static void recount_unread(int64_t case_id)
{
	sqlite3_stmt *st = sb_sql("UPDATE cases SET unread = (SELECT COUNT(*) "
				  "FROM messages WHERE case_id = ?1 AND "
				  "author_kind = 'citizen' AND officer_read_at "
				  "IS NULL) WHERE id = ?1");

	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_step(st);
	sqlite3_reset(st);
}

int64_t sb_message_add(int64_t case_id, int64_t thread_id,
		       const struct sb_actor *author, const char *text,
		       int64_t now)
{
	sqlite3_stmt *st;
	int64_t id;

	st = sb_sql("INSERT INTO messages (thread_id, case_id, author_kind, "
		    "author_name, author_officer, body, sent_at) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, thread_id);
	sqlite3_bind_int64(st, 2, case_id);
	sqlite3_bind_text(st, 3, author->kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, author->name, -1, SQLITE_TRANSIENT);
	if (author->officer_id)
		sqlite3_bind_int64(st, 5, author->officer_id);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_text(st, 6, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, now);
	id = sqlite3_step(st) == SQLITE_DONE ? sqlite3_last_insert_rowid(sb_db)
					     : 0;
	sqlite3_reset(st);
	if (!id)
		return 0;

	st = sb_sql("UPDATE threads SET last_message_at = ? WHERE id = ?");
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, thread_id);
	sqlite3_step(st);
	sqlite3_reset(st);
	/* only the citizen's messages are unread for officers */
	if (strcmp(author->kind, "citizen") == 0)
		recount_unread(case_id);

	sb_event(case_id, "message.created", author,
		 json_pack("{s:I, s:I, s:s}", "thread_id", (json_int_t)thread_id,
			   "message_id", (json_int_t)id,
			   "author_kind", author->kind));
	return id;
}

void h_threads(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	sqlite3_stmt *st;
	json_t *items;

	if (!sb_case_find(rq, rs, rq->seg[2], &c))
		return;
	/* Most recent conversation first, as in a mail client. */
	items = json_array();
	st = sb_sql("SELECT " THREAD_COLS " FROM threads t WHERE t.case_id = ? "
		    "ORDER BY t.last_message_at DESC, t.id DESC");
	sqlite3_bind_int64(st, 1, c.id);
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(items, thread_from_row(st));
	sqlite3_reset(st);
	sb_json(rs, 200, json_pack("{s:o}", "items", items));
}

void h_thread(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	int64_t tid;

	if (!sb_case_find(rq, rs, rq->seg[2], &c))
		return;
	if (!(tid = find_thread(rq, rs, &c)))
		return;
	sb_json(rs, 200, thread_detail(tid));
}

void h_thread_create(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	struct sb_actor me = sb_actor_of(rq);
	const char *subject, *text;
	json_t *body;
	int64_t tid, now = sb_now();

	if (!(body = sb_case_write_body(rq, rs, &c)))
		return;
	if (sb_field_text(rs, body, "subject", true, &subject) < 0 ||
	    sb_field_text(rs, body, "body", true, &text) < 0)
		return;

	tid = sb_thread_add(c.id, subject, now);
	if (!tid || !sb_message_add(c.id, tid, &me, text, now)) {
		sb_problem(rs, 500, "internal", "could not store the message");
		return;
	}

	sb_case_touch(rs, &c, &me);
	snprintf(rs->location, sizeof rs->location,
		 "/v1/cases/%lld/threads/%lld", (long long)c.id, (long long)tid);
	sb_json(rs, 201, thread_detail(tid));
}

void h_message_reply(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	struct sb_actor me = sb_actor_of(rq);
	const char *text;
	json_t *body;
	int64_t tid, mid;

	if (!sb_case_find(rq, rs, rq->seg[2], &c))
		return;
	if (!(tid = find_thread(rq, rs, &c)))
		return;
	if (!sb_case_precondition(rq, rs, &c))
		return;
	if (!(body = sb_body(rq, rs)))
		return;
	if (sb_field_text(rs, body, "body", true, &text) < 0)
		return;

	if (!(mid = sb_message_add(c.id, tid, &me, text, sb_now()))) {
		sb_problem(rs, 500, "internal", "could not store the message");
		return;
	}
	sb_case_touch(rs, &c, &me);
	sb_json(rs, 201, sb_message_json(mid));
}

void h_thread_read(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	struct sb_actor me = sb_actor_of(rq);
	json_t *body;
	int64_t tid, up_to = INT64_MAX, now = sb_now();
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	sqlite3_stmt *st;
	int r;

	if (!sb_case_find(rq, rs, rq->seg[2], &c))
		return;
	if (!(tid = find_thread(rq, rs, &c)))
		return;
	if (!(body = sb_body_or_empty(rq, rs)))
		return;
	if ((r = sb_field_int(rs, body, "up_to", false, &up_to)) < 0)
		return;
	if (r == 0) {
		bool ok;

		st = sb_sql("SELECT 1 FROM messages WHERE id = ? AND thread_id = ?");
		sqlite3_bind_int64(st, 1, up_to);
		sqlite3_bind_int64(st, 2, tid);
		ok = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		if (!ok) {
			sb_bad(rs, "up_to", "message %lld is not in thread %lld",
			       (long long)up_to, (long long)tid);
			return;
		}
	}

	/* Collect first: the events are written while no select runs. */
	st = sb_sql("SELECT id FROM messages WHERE thread_id = ? AND id <= ? "
		    "AND author_kind = 'citizen' AND officer_read_at IS NULL "
		    "ORDER BY id");
	sqlite3_bind_int64(st, 1, tid);
	sqlite3_bind_int64(st, 2, up_to);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			int64_t *p = realloc(ids, ncap * sizeof *ids);

			if (!p)
				break;
			ids = p;
			cap = ncap;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);

	for (i = 0; i < n; i++) {
		st = sb_sql("UPDATE messages SET officer_read_at = ?, "
			    "officer_read_by = ? WHERE id = ?");
		sqlite3_bind_int64(st, 1, now);
		sqlite3_bind_int64(st, 2, me.officer_id);
		sqlite3_bind_int64(st, 3, ids[i]);
		sqlite3_step(st);
		sqlite3_reset(st);
		sb_event(c.id, "message.read", &me,
			 json_pack("{s:I, s:I, s:s}", "thread_id",
				   (json_int_t)tid, "message_id",
				   (json_int_t)ids[i], "by", "officer"));
	}
	free(ids);

	if (n)
		recount_unread(c.id);
	sb_json(rs, 200, thread_detail(tid));
}

/* The journal text of a filed message: who wrote it, when, the text
 * quoted line by line, then the officer's comment. */
static char *filed_text(sqlite3_stmt *st, const char *comment)
{
	const char *subject = sb_col_text(st, 1);
	const char *author = sb_col_text(st, 2);
	const char *kind = sb_col_text(st, 3);
	const char *text = sb_col_text(st, 4);
	const char *role = strcmp(kind, "officer") == 0   ? "handläggare"
			   : strcmp(kind, "citizen") == 0 ? "invånare"
							  : "system";
	char when[32], *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	sb_fmt_ts(sqlite3_column_int64(st, 5), when);
	fprintf(f, "Journalfört meddelande\nFrån: %s (%s)\nSkickat: %s\n"
		   "Ämne: %s\n\n", author, role, when, subject);
	for (;;) {
		const char *nl = strchr(text, '\n');
		int l = nl ? (int)(nl - text) : (int)strlen(text);

		if (l)
			fprintf(f, "> %.*s\n", l, text);
		else
			fputs(">\n", f);
		if (!nl || !nl[1])
			break;
		text = nl + 1;
	}
	if (comment && !sb_blank(comment))
		fprintf(f, "\nKommentar: %s", comment);
	fclose(f);
	/* No trailing line breaks: the note ends with its last line. */
	while (buf && len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	return buf;
}

void h_message_file(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	struct sb_actor me = sb_actor_of(rq);
	const char *comment = NULL;
	json_t *body;
	sqlite3_stmt *st;
	int64_t mid = 0, nid = 0;
	bool found = false;
	char *text;

	if (!sb_case_find(rq, rs, rq->seg[2], &c))
		return;
	if (rq->nseg > 4 && sb_parse_id(rq->seg[4], &mid)) {
		st = sb_sql("SELECT m.id, "
			    "(SELECT n.id FROM notes n WHERE n.source_message_id "
			    "= m.id) FROM messages m WHERE m.id = ? AND "
			    "m.case_id = ?");
		sqlite3_bind_int64(st, 1, mid);
		sqlite3_bind_int64(st, 2, c.id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			found = true;
			nid = sqlite3_column_int64(st, 1);
		}
		sqlite3_reset(st);
	}
	if (!found) {
		sb_problem(rs, 404, "not-found", "no message %s in case %s",
			   rq->nseg > 4 ? rq->seg[4] : "", c.number);
		return;
	}
	if (nid) {
		/* Filing is idempotent by nature: the same note, whatever
		 * If-Match says. */
		sb_case_etag(&c, rs->etag);
		sb_json(rs, 200, sb_note_json(nid));
		return;
	}

	if (!sb_case_precondition(rq, rs, &c))
		return;
	if (!(body = sb_body_or_empty(rq, rs)))
		return;
	if (sb_field_str(rs, body, "comment", false, &comment) < 0)
		return;

	st = sb_sql("SELECT m.id, t.subject, m.author_name, m.author_kind, "
		    "m.body, m.sent_at FROM messages m "
		    "JOIN threads t ON t.id = m.thread_id WHERE m.id = ?");
	sqlite3_bind_int64(st, 1, mid);
	text = sqlite3_step(st) == SQLITE_ROW ? filed_text(st, comment) : NULL;
	sqlite3_reset(st);
	if (!text) {
		sb_problem(rs, 500, "internal", "could not file the message");
		return;
	}

	st = sb_sql("INSERT INTO notes (case_id, author_id, body, created_at, "
		    "source_message_id) VALUES (?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, c.id);
	sqlite3_bind_int64(st, 2, me.officer_id);
	sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, sb_now());
	sqlite3_bind_int64(st, 5, mid);
	nid = sqlite3_step(st) == SQLITE_DONE ? sqlite3_last_insert_rowid(sb_db)
					      : 0;
	sqlite3_reset(st);
	free(text);
	if (!nid) {
		sb_problem(rs, 500, "internal", "could not file the message");
		return;
	}

	sb_event(c.id, "message.filed", &me,
		 json_pack("{s:I, s:I}", "message_id", (json_int_t)mid,
			   "note_id", (json_int_t)nid));
	sb_case_touch(rs, &c, &me);
	snprintf(rs->location, sizeof rs->location, "/v1/cases/%lld/notes/%lld",
		 (long long)c.id, (long long)nid);
	sb_json(rs, 201, sb_note_json(nid));
}

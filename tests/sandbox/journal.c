/*
 * journal.c — journal notes of a case (journalanteckningar): list, read,
 * write, publish to the citizen and the citizens' read receipts.
 */
#include "sandbox.h"

#include <stdio.h>
#include <string.h>

/* Columns of a note after its id; shared by the list and single reads. */
#define NOTE_COLS "n.author_id, n.body, n.created_at, n.published_at, " \
		  "n.source_message_id, " \
		  "(SELECT MIN(r.read_at) FROM note_reads r WHERE r.note_id = n.id)"

/* A note from a row whose id is at column idc and NOTE_COLS follow. */
static json_t *note_from_row(sqlite3_stmt *st, int idc)
{
	int c = idc + 1;
	int64_t author = sqlite3_column_int64(st, c);
	bool published = sqlite3_column_type(st, c + 3) != SQLITE_NULL;
	json_t *src = sqlite3_column_type(st, c + 4) == SQLITE_NULL
			      ? json_null()
			      : json_integer(sqlite3_column_int64(st, c + 4));

	return json_pack("{s:I, s:s, s:o?, s:o, s:b, s:o, s:o, s:o, s:s}",
			 "id", (json_int_t)sqlite3_column_int64(st, idc),
			 "body", sb_col_text(st, c + 1),
			 "author", author ? sb_officer_ref(author) : NULL,
			 "created_at", sb_col_json_ts(st, c + 2),
			 "published", published,
			 "published_at", sb_col_json_ts(st, c + 3),
			 "read_by_citizen_at", sb_col_json_ts(st, c + 5),
			 "source_message_id", src,
			 "kind", "note");
}

json_t *sb_note_json(int64_t note_id)
{
	sqlite3_stmt *st = sb_sql("SELECT n.id, " NOTE_COLS
				  " FROM notes n WHERE n.id = ?");
	json_t *note = NULL;

	sqlite3_bind_int64(st, 1, note_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		note = note_from_row(st, 0);
	sqlite3_reset(st);
	return note;
}

static json_t *list_row(sqlite3_stmt *st, void *ctx)
{
	(void)ctx;
	return note_from_row(st, 1);
}

bool sb_note_in_case(int64_t note_id, int64_t case_id, bool *published)
{
	sqlite3_stmt *st = sb_sql("SELECT published_at IS NOT NULL FROM notes "
				  "WHERE id = ? AND case_id = ?");
	bool in = false;

	sqlite3_bind_int64(st, 1, note_id);
	sqlite3_bind_int64(st, 2, case_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		in = true;
		if (published)
			*published = sqlite3_column_int(st, 0) != 0;
	}
	sqlite3_reset(st);
	return in;
}

/* The note named in seg[4], belonging to case c; 404 otherwise. */
static int64_t find_note(struct sb_req *rq, struct sb_resp *rs,
			 const struct sb_case *c, bool *published)
{
	int64_t id = 0;

	if (rq->nseg > 4 && sb_parse_id(rq->seg[4], &id) &&
	    sb_note_in_case(id, c->id, published))
		return id;
	sb_problem(rs, 404, "not-found", "no note %s in case %s",
		   rq->nseg > 4 ? rq->seg[4] : "", c->number);
	return 0;
}

void h_notes(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	struct sb_list l;
	const char *sort = sb_query(rq, "sort");
	bool desc = false;

	if (!sb_case_find(rq, rs, rq->seg[2], &c))
		return;
	if (sort) {
		const char *name = sb_sort_parse(sort, &desc);

		if (!name || strcmp(name, "created") != 0) {
			sb_bad(rs, "sort", "notes sort by created or -created");
			return;
		}
	}

	memset(&l, 0, sizeof l);
	l.from = "FROM notes n";
	l.id_col = "n.id";
	l.where = "n.case_id = ?";
	sb_list_bind_int(&l, c.id);
	l.sort_expr = "n.created_at";
	l.sort_name = "created";
	l.desc = desc;
	l.sort_int = true;
	l.columns = NOTE_COLS;
	l.row = list_row;
	sb_list_answer(rq, rs, &l);
}

void h_note(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	int64_t id;

	if (!sb_case_find(rq, rs, rq->seg[2], &c))
		return;
	if (!(id = find_note(rq, rs, &c, NULL)))
		return;
	sb_json(rs, 200, sb_note_json(id));
}

void h_note_create(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	struct sb_actor me = sb_actor_of(rq);
	const char *text = NULL;
	bool publish = false;
	json_t *body;
	sqlite3_stmt *st;
	int64_t id, now = sb_now();

	if (!(body = sb_case_write_body(rq, rs, &c)))
		return;
	if (sb_field_text(rs, body, "body", true, &text) < 0)
		return;
	if (sb_field_bool(rs, body, "publish", false, &publish) < 0)
		return;

	st = sb_sql("INSERT INTO notes (case_id, author_id, body, created_at, "
		    "published_at) VALUES (?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, c.id);
	sqlite3_bind_int64(st, 2, me.officer_id);
	sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, now);
	if (publish)
		sqlite3_bind_int64(st, 5, now);
	else
		sqlite3_bind_null(st, 5);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		sb_problem(rs, 500, "internal", "could not store the note");
		return;
	}
	sqlite3_reset(st);
	id = sqlite3_last_insert_rowid(sb_db);

	sb_event(c.id, "note.created", &me,
		 json_pack("{s:I, s:b}", "note_id", (json_int_t)id,
			   "published", publish));
	sb_case_touch(rs, &c, &me);
	snprintf(rs->location, sizeof rs->location, "/v1/cases/%lld/notes/%lld",
		 (long long)c.id, (long long)id);
	sb_json(rs, 201, sb_note_json(id));
}

void h_note_publish(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	struct sb_actor me = sb_actor_of(rq);
	bool published = false;
	sqlite3_stmt *st;
	int64_t id;

	if (!sb_case_find(rq, rs, rq->seg[2], &c))
		return;
	if (!(id = find_note(rq, rs, &c, &published)))
		return;
	if (!sb_case_precondition(rq, rs, &c))
		return;

	if (published) {
		/* Publishing twice changes nothing: same note, same ETag. */
		sb_case_etag(&c, rs->etag);
		sb_json(rs, 200, sb_note_json(id));
		return;
	}

	st = sb_sql("UPDATE notes SET published_at = ? WHERE id = ?");
	sqlite3_bind_int64(st, 1, sb_now());
	sqlite3_bind_int64(st, 2, id);
	sqlite3_step(st);
	sqlite3_reset(st);

	sb_event(c.id, "note.published", &me,
		 json_pack("{s:I}", "note_id", (json_int_t)id));
	sb_case_touch(rs, &c, &me);
	sb_json(rs, 200, sb_note_json(id));
}

void h_note_receipts(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	json_t *items;
	sqlite3_stmt *st;
	int64_t id;

	if (!sb_case_find(rq, rs, rq->seg[2], &c))
		return;
	if (!(id = find_note(rq, rs, &c, NULL)))
		return;

	items = json_array();
	st = sb_sql("SELECT p.id, p.name, p.role, r.read_at FROM note_reads r "
		    "JOIN parties p ON p.id = r.party_id WHERE r.note_id = ? "
		    "ORDER BY r.read_at, p.id");
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(items, json_pack(
			"{s:{s:I, s:s, s:s}, s:o}",
			"party",
			"id", (json_int_t)sqlite3_column_int64(st, 0),
			"name", sb_col_text(st, 1),
			"role", sb_col_text(st, 2),
			"read_at", sb_col_json_ts(st, 3)));
	sqlite3_reset(st);
	sb_json(rs, 200, json_pack("{s:o}", "items", items));
}

/*
 * documents.c — a case's documents: the list, one document's metadata and
 * its content. Every download is recorded in the audit trail.
 */
#include "sandbox.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A row of (id, name, media_type, size, kind, created_at) from col. */
static json_t *document_json(sqlite3_stmt *st, int col)
{
	json_t *d = json_object();
	json_object_set_new(d, "id", json_integer(sqlite3_column_int64(st, col)));
	json_object_set_new(d, "name", sb_jstr(sb_col_text(st, col + 1)));
	json_object_set_new(d, "media_type", sb_jstr(sb_col_text(st, col + 2)));
	json_object_set_new(d, "size", json_integer(sqlite3_column_int64(st, col + 3)));
	json_object_set_new(d, "kind", sb_jstr(sb_col_text(st, col + 4)));
	json_object_set_new(d, "created_at", sb_col_json_ts(st, col + 5));
	return d;
}

void h_documents(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	if (!sb_case_find(rq, rs, rq->nseg > 2 ? rq->seg[2] : "", &c))
		return;
	sqlite3_stmt *st = sb_sql("SELECT id, name, media_type, length(content), "
				  "kind, created_at FROM documents "
				  "WHERE case_id = ? ORDER BY id ASC");
	json_t *items = json_array();
	sqlite3_bind_int64(st, 1, c.id);
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(items, document_json(st, 0));
	sqlite3_reset(st);
	json_t *body = json_object();
	json_object_set_new(body, "items", items);
	sb_json(rs, 200, body);
}

/* The document in seg[4] of case c; answers 404 and returns 0 if none. */
static int64_t document_id(struct sb_req *rq, struct sb_resp *rs,
			   const struct sb_case *c)
{
	const char *ref = rq->nseg > 4 ? rq->seg[4] : "";
	int64_t id = 0;
	bool found = false;
	if (sb_parse_id(ref, &id)) {
		sqlite3_stmt *st = sb_sql("SELECT 1 FROM documents "
					  "WHERE id = ? AND case_id = ?");
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, c->id);
		found = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
	}
	if (!found) {
		sb_problem(rs, 404, "not-found", "case %s has no document %s",
			   c->number, ref);
		return 0;
	}
	return id;
}

void h_document(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	int64_t id;
	if (!sb_case_find(rq, rs, rq->nseg > 2 ? rq->seg[2] : "", &c) ||
	    !(id = document_id(rq, rs, &c)))
		return;
	sqlite3_stmt *st = sb_sql("SELECT id, name, media_type, length(content), "
				  "kind, created_at FROM documents WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		sb_json(rs, 200, document_json(st, 0));
	else
		sb_problem(rs, 404, "not-found", "no document %lld", (long long)id);
	sqlite3_reset(st);
}

/*
 * RFC 8187 ext-value: attr-chars stay, every other byte is %XX. Stops
 * before a byte that would not fit, never inside an escape or a UTF-8
 * character.
 */
static void encode_filename(const char *name, char *out, size_t cap)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)name;
	while (*p) {
		/* the whole UTF-8 character must fit, as escapes where needed */
		size_t clen = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
		size_t need = 0;
		for (size_t i = 0; i < clen; i++) {
			if (!p[i]) {
				clen = i;
				break;
			}
			need += (isalnum(p[i]) && p[i] < 0x80) ||
				strchr("!#$&+-.^_`|~", p[i]) ? 1 : 3;
		}
		if (clen == 0 || o + need + 1 > cap)
			break;
		for (size_t i = 0; i < clen; i++) {
			unsigned char b = p[i];
			if ((b < 0x80 && isalnum(b)) || (b && strchr("!#$&+-.^_`|~", b))) {
				out[o++] = (char)b;
			} else {
				out[o++] = '%';
				out[o++] = hex[b >> 4];
				out[o++] = hex[b & 15];
			}
		}
		p += clen;
	}
	out[o] = '\0';
}

/*
 * The answer's content type must outlive the request (it is read after
 * the lock is released), so each distinct media type is kept once for
 * the life of the process. Called with the lock held.
 */
static const char *intern_media_type(const char *mt)
{
	static char *seen[64];
	static int nseen;
	for (int i = 0; i < nseen; i++)
		if (strcmp(seen[i], mt) == 0)
			return seen[i];
	/* header values must not carry control characters */
	for (const char *p = mt; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "application/octet-stream";
	if (!*mt || strlen(mt) > 200 || nseen == 64)
		return "application/octet-stream";
	seen[nseen] = strdup(mt);
	if (!seen[nseen])
		abort();
	return seen[nseen++];
}

void h_document_content(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	int64_t id;
	if (!sb_case_find(rq, rs, rq->nseg > 2 ? rq->seg[2] : "", &c) ||
	    !(id = document_id(rq, rs, &c)))
		return;
	sqlite3_stmt *st = sb_sql("SELECT name, media_type, content "
				  "FROM documents WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		sb_problem(rs, 404, "not-found", "no document %lld", (long long)id);
		return;
	}
	const char *ctype = intern_media_type(sb_col_text(st, 1));
	char fname[400];
	encode_filename(sb_col_text(st, 0), fname, sizeof fname);
	const void *data = sqlite3_column_blob(st, 2);
	size_t len = (size_t)sqlite3_column_bytes(st, 2);
	sb_bytes(rs, 200, ctype, data ? data : "", len);
	sqlite3_reset(st);
	snprintf(rs->disposition, sizeof rs->disposition,
		 "attachment; filename*=UTF-8''%s", fname);

	/* A HEAD transfers nothing, so only a GET is a download. */
	if (strcmp(rq->method, "HEAD") != 0) {
		struct sb_actor me = sb_actor_of(rq);
		json_t *data_ev = json_object();
		json_object_set_new(data_ev, "document_id", json_integer(id));
		sb_event(c.id, "document.downloaded", &me, data_ev);
	}
}

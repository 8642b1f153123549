/*
 * page.c — keyset pagination shared by every list.
 *
 * A cursor names a position between two items: the sort key and id of the
 * item next to it, the direction to read from there and the sort it belongs
 * to. Reading "after (key, id)" with a row-value comparison never skips or
 * repeats an item when others are inserted or deleted between pages, which
 * offset pagination cannot promise.
 */
#include "sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_list_bind_int(struct sb_list *l, int64_t v)
{
	if (l->nbinds >= (int)(sizeof l->binds / sizeof *l->binds))
		abort();
	l->binds[l->nbinds].type = SB_B_INT;
	l->binds[l->nbinds].i = v;
	l->nbinds++;
}

void sb_list_bind_text(struct sb_list *l, const char *s)
{
	if (l->nbinds >= (int)(sizeof l->binds / sizeof *l->binds))
		abort();
	l->binds[l->nbinds].type = SB_B_TEXT;
	l->binds[l->nbinds].s = s;
	l->nbinds++;
}

const char *sb_sort_parse(const char *s, bool *desc)
{
	*desc = s[0] == '-';
	return *desc ? s + 1 : s;
}

struct cursor {
	bool back;       /* read the page before the position */
	json_t *key;     /* integer or string */
	int64_t id;
};

static char *cursor_make(const struct sb_list *l, bool back, json_t *key,
			 int64_t id)
{
	json_t *c = json_pack("[s, O, I, s, b]", back ? "p" : "n", key,
			      (json_int_t)id, l->sort_name, l->desc);
	char *s = json_dumps(c, JSON_COMPACT);
	json_decref(c);
	char *enc = sb_b64url(s, strlen(s));
	free(s);
	return enc;
}

/* false after answering 400 */
static bool cursor_parse(struct sb_resp *rs, const struct sb_list *l,
			 const char *text, struct cursor *c)
{
	size_t len;
	char *raw = sb_unb64url(text, &len);
	json_t *j = raw ? json_loadb(raw, len, 0, NULL) : NULL;
	free(raw);
	const char *dir, *sort;
	json_t *key;
	json_int_t id;
	int desc;
	if (!j || json_unpack(j, "[s, o, I, s, b]", &dir, &key, &id, &sort,
			      &desc) != 0 ||
	    (strcmp(dir, "n") != 0 && strcmp(dir, "p") != 0) ||
	    !(l->sort_int ? json_is_integer(key) : json_is_string(key))) {
		json_decref(j);
		sb_bad(rs, "cursor", "the cursor is not one this platform issued");
		return false;
	}
	if (strcmp(sort, l->sort_name) != 0 || (bool)desc != l->desc) {
		json_decref(j);
		sb_bad(rs, "cursor", "the cursor belongs to another sort order; "
		       "start again without a cursor");
		return false;
	}
	c->back = dir[0] == 'p';
	c->key = json_incref(key);
	c->id = id;
	json_decref(j);
	return true;
}

static void bind_all(sqlite3_stmt *st, const struct sb_list *l, int *idx)
{
	for (int i = 0; i < l->nbinds; i++, (*idx)++) {
		if (l->binds[i].type == SB_B_INT)
			sqlite3_bind_int64(st, *idx, l->binds[i].i);
		else
			sqlite3_bind_text(st, *idx, l->binds[i].s, -1, SQLITE_TRANSIENT);
	}
}

static json_t *column_key(sqlite3_stmt *st, const struct sb_list *l)
{
	if (l->sort_int)
		return json_integer(sqlite3_column_int64(st, 0));
	json_t *s = json_string(sb_col_text(st, 0));
	return s ? s : json_string("");
}

static int64_t count_total(const struct sb_list *l)
{
	char *sql;
	sqlite3_stmt *st;
	int64_t n = 0;
	int idx = 1;
	if (asprintf(&sql, "SELECT count(*) %s WHERE (%s)", l->from,
		     l->where ? l->where : "1") < 0)
		abort();
	if (sqlite3_prepare_v2(sb_db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "akt-sandbox: bad list SQL (%s): %s\n",
			sqlite3_errmsg(sb_db), sql);
		abort();
	}
	bind_all(st, l, &idx);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	free(sql);
	return n;
}

static char *link_header(struct sb_req *rq, const char *next, const char *prev)
{
	char *link = NULL;
	const char *rels[2] = {"next", "prev"};
	const char *vals[2] = {next, prev};
	for (int i = 0; i < 2; i++) {
		if (!vals[i])
			continue;
		char *url = sb_url_with_param(rq, "cursor", vals[i]);
		char *grown;
		if (asprintf(&grown, "%s%s<%s>; rel=\"%s\"", link ? link : "",
			     link ? ", " : "", url, rels[i]) < 0)
			abort();
		free(url);
		free(link);
		link = grown;
	}
	return link;
}

void sb_list_answer(struct sb_req *rq, struct sb_resp *rs, struct sb_list *l)
{
	int64_t limit = SB_PAGE_DEF;
	const char *ls = sb_query(rq, "limit");
	if (ls && (!sb_parse_id(ls, &limit) || limit < 1 || limit > SB_PAGE_MAX)) {
		sb_bad(rs, "limit", "limit must be a whole number from 1 to %d",
		       SB_PAGE_MAX);
		return;
	}
	/* total=false: a client walking the whole list needs no count on
	 * every page, and counting is a good part of a page's cost */
	const char *ts = sb_query(rq, "total");
	if (ts && strcmp(ts, "true") != 0 && strcmp(ts, "false") != 0) {
		sb_bad(rs, "total", "total is true or false");
		return;
	}
	bool count = !ts || strcmp(ts, "true") == 0;
	struct cursor cur = {0};
	const char *cs = sb_query(rq, "cursor");
	if (cs && *cs && !cursor_parse(rs, l, cs, &cur))
		return;
	bool have_cursor = cur.key != NULL;

	/* Reading backwards flips both the comparison and the order. */
	bool reverse = l->desc != cur.back;
	const char *cmp = reverse ? "<" : ">";
	const char *ord = reverse ? "DESC" : "ASC";
	char *keyset = NULL, *sql;
	if (have_cursor &&
	    asprintf(&keyset, " AND (%s, %s) %s (?, ?)", l->sort_expr, l->id_col,
		     cmp) < 0)
		abort();
	if (asprintf(&sql, "SELECT %s, %s%s%s %s WHERE (%s)%s "
		     "ORDER BY %s %s, %s %s LIMIT %lld",
		     l->sort_expr, l->id_col, l->columns ? ", " : "",
		     l->columns ? l->columns : "", l->from,
		     l->where ? l->where : "1", keyset ? keyset : "",
		     l->sort_expr, ord, l->id_col, ord,
		     (long long)limit + 1) < 0)
		abort();
	free(keyset);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(sb_db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "akt-sandbox: bad list SQL (%s): %s\n",
			sqlite3_errmsg(sb_db), sql);
		abort();
	}
	int idx = 1;
	bind_all(st, l, &idx);
	if (have_cursor) {
		if (l->sort_int)
			sqlite3_bind_int64(st, idx++, json_integer_value(cur.key));
		else
			sqlite3_bind_text(st, idx++, json_string_value(cur.key), -1,
					  SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, idx++, cur.id);
	}

	json_t *items = json_array();
	json_t *first_key = NULL, *last_key = NULL;
	int64_t first_id = 0, last_id = 0;
	bool more = false;
	int64_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == limit) {
			more = true;
			break;
		}
		json_t *item = l->row(st, l->ctx);
		json_t *key = column_key(st, l);
		int64_t id = sqlite3_column_int64(st, 1);
		if (cur.back) {
			json_array_insert_new(items, 0, item);
			json_decref(first_key);
			first_key = key;
			first_id = id;
			if (!last_key) {
				last_key = json_incref(key);
				last_id = id;
			}
		} else {
			json_array_append_new(items, item);
			if (!first_key) {
				first_key = json_incref(key);
				first_id = id;
			}
			json_decref(last_key);
			last_key = key;
			last_id = id;
		}
		n++;
	}
	sqlite3_finalize(st);
	free(sql);

	bool has_next = cur.back ? have_cursor : more;
	bool has_prev = cur.back ? more : have_cursor;
	char *next = has_next && last_key ? cursor_make(l, false, last_key, last_id) : NULL;
	char *prev = has_prev && first_key ? cursor_make(l, true, first_key, first_id) : NULL;
	json_decref(first_key);
	json_decref(last_key);
	json_decref(cur.key);

	json_t *body = json_object();
	json_object_set_new(body, "items", items);
	json_object_set_new(body, "next", next ? json_string(next) : json_null());
	json_object_set_new(body, "prev", prev ? json_string(prev) : json_null());
	json_object_set_new(body, "total", count ? json_integer(count_total(l))
					      : json_null());
	free(rs->link);
	rs->link = link_header(rq, next, prev);
	free(next);
	free(prev);
	sb_json(rs, 200, body);
}

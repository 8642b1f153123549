/*
 * queues.c — work queues with their counts, and the case lists: a queue's
 * cases and the search across every queue the officer can see. Both lists
 * share one filter parser; page.c does the keyset paging.
 */
#include "sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MY_QUEUES "(SELECT q.id FROM queues q WHERE q.unit_id IN " \
		  "(SELECT m.unit_id FROM officer_units m WHERE m.officer_id = ?))"

/* ---- queues ---------------------------------------------------------- */

static json_t *queue_json(int64_t id)
{
	sqlite3_stmt *st = sb_sql("SELECT q.name, q.unit_id, u.name FROM queues q "
				  "JOIN units u ON u.id = q.unit_id WHERE q.id = ?");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return NULL;
	}
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(id));
	json_object_set_new(o, "name", sb_jstr(sb_col_text(st, 0)));
	json_object_set_new(o, "unit", sb_unit_json(sqlite3_column_int64(st, 1),
						    sb_col_text(st, 2)));
	sqlite3_reset(st);

	json_t *svcs = json_array();
	st = sb_sql("SELECT id FROM e_services WHERE queue_id = ? ORDER BY id");
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(svcs, sb_jstr(sb_col_text(st, 0)));
	sqlite3_reset(st);
	json_object_set_new(o, "e_services", svcs);

	/* Counted from the (queue_id, category) index alone. */
	static const char *const cats[] = {"submitted", "registered",
					   "in_progress", "closed"};
	int64_t n[4] = {0}, total = 0;
	st = sb_sql("SELECT category, count(*) FROM cases WHERE queue_id = ? "
		    "GROUP BY category");
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t k = sqlite3_column_int64(st, 1);
		for (int i = 0; i < 4; i++)
			if (strcmp(sb_col_text(st, 0), cats[i]) == 0)
				n[i] += k;
		total += k;
	}
	sqlite3_reset(st);
	json_t *counts = json_object();
	for (int i = 0; i < 4; i++)
		json_object_set_new(counts, cats[i], json_integer(n[i]));
	json_object_set_new(counts, "total", json_integer(total));
	json_object_set_new(o, "counts", counts);

	/* Only cases with unread messages contribute; few have any. */
	int64_t unread = 0;
	st = sb_sql("SELECT total(unread) FROM cases "
		    "WHERE queue_id = ? AND unread > 0");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		unread = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	json_object_set_new(o, "unread_messages", json_integer(unread));
	return o;
}

void h_queues(struct sb_req *rq, struct sb_resp *rs)
{
	int64_t ids[256];
	int n = 0;
	sqlite3_stmt *st = sb_sql("SELECT q.id FROM queues q WHERE q.id IN "
				  MY_QUEUES " ORDER BY q.id");
	sqlite3_bind_int64(st, 1, rq->me->id);
	while (n < 256 && sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);

	json_t *items = json_array();
	for (int i = 0; i < n; i++) {
		json_t *q = queue_json(ids[i]);
		if (q)
			json_array_append_new(items, q);
	}
	json_t *body = json_object();
	json_object_set_new(body, "items", items);
	sb_json(rs, 200, body);
}

/*
 * The queue named in a path segment (or a parameter) that the caller may
 * see: 404 if there is none, 403 if it belongs to another unit. When
 * field is set the id comes from a query parameter and a bad one is 400.
 */
static int64_t visible_queue(struct sb_req *rq, struct sb_resp *rs,
			     const char *ref, const char *field)
{
	int64_t id = 0, unit = 0;
	if (sb_parse_id(ref, &id)) {
		sqlite3_stmt *st = sb_sql("SELECT unit_id FROM queues WHERE id = ?");
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW)
			unit = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	if (!unit) {
		if (field)
			sb_bad(rs, field, "there is no queue '%s'", ref);
		else
			sb_problem(rs, 404, "not-found", "there is no queue %s", ref);
		return 0;
	}
	if (!sb_officer_in_unit(rq->me->id, unit)) {
		sb_problem(rs, 403, "forbidden",
			   "queue %lld belongs to a unit you are not a member of",
			   (long long)id);
		return 0;
	}
	return id;
}

void h_queue(struct sb_req *rq, struct sb_resp *rs)
{
	int64_t id = visible_queue(rq, rs, rq->nseg > 2 ? rq->seg[2] : "", NULL);
	if (!id)
		return;
	json_t *q = queue_json(id);
	if (!q) {
		sb_problem(rs, 404, "not-found", "there is no queue %lld",
			   (long long)id);
		return;
	}
	sb_json(rs, 200, q);
}

/* ---- case lists ------------------------------------------------------- */

/* A growing SQL text; allocation failure aborts like the rest of the
 * sandbox does. */
struct sql_buf {
	char *s;
	size_t len, cap;
};

static void sql_add(struct sql_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sql_add(struct sql_buf *b, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int n = vsnprintf(b->s ? b->s + b->len : NULL,
				  b->s ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			abort();
		if (b->s && b->len + (size_t)n < b->cap) {
			b->len += (size_t)n;
			return;
		}
		b->cap = (b->len + (size_t)n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
		if (b->len == 0)
			b->s[0] = '\0';
	}
}

/* Ids we inline into SQL after checking them against the database; the
 * character check makes quoting trivially safe as well. */
static bool plain_id(const char *s, size_t n)
{
	if (n == 0 || n > 39)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '_'))
			return false;
	return true;
}

static bool id_known(const char *table_sql, const char *id)
{
	sqlite3_stmt *st = sb_sql(table_sql);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	bool known = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return known;
}

static bool is_category(const char *id)
{
	return strcmp(id, "submitted") == 0 || strcmp(id, "registered") == 0 ||
	       strcmp(id, "in_progress") == 0 || strcmp(id, "closed") == 0;
}

/*
 * " AND col IN ('a','b')" from the comma list value; every element must
 * pass check (kind: 0 status, 1 category, 2 e-service). False after 400.
 */
static bool add_in_list(struct sb_resp *rs, struct sql_buf *w,
			const char *param, const char *value, const char *col,
			int kind)
{
	const char *p = value;
	bool first = true;
	sql_add(w, " AND %s IN (", col);
	for (;;) {
		size_t n = strcspn(p, ",");
		char id[40] = "";
		bool ok = plain_id(p, n);
		if (ok) {
			memcpy(id, p, n);
			id[n] = '\0';
			if (kind == 0)
				ok = id_known("SELECT 1 FROM statuses WHERE id = ?", id);
			else if (kind == 1)
				ok = is_category(id);
			else
				ok = id_known("SELECT 1 FROM e_services WHERE id = ?", id);
		}
		if (!ok) {
			sb_bad(rs, param, "unknown %s '%.*s'", param,
			       (int)(n > 60 ? 60 : n), p);
			return false;
		}
		sql_add(w, "%s'%s'", first ? "" : ",", id);
		first = false;
		if (!p[n])
			break;
		p += n + 1;
	}
	sql_add(w, ")");
	return true;
}

static const struct {
	const char *name;
	const char *expr;   /* never NULL for any row */
	bool is_int;
} case_sorts[] = {
	{"number", "c.number", false},
	{"created", "c.created_at", true},
	{"updated", "c.updated_at", true},
	/* no deadline sorts after every date */
	{"deadline", "coalesce(c.deadline, '9999-12-31')", false},
	{"priority", "c.priority", true},
	{"status", "c.status_ord", true},
};

static json_t *case_row(sqlite3_stmt *st, void *ctx)
{
	(void)ctx;
	json_t *s = sb_case_summary_json(sqlite3_column_int64(st, 1));
	return s ? s : json_object();
}

#define MAX_TERMS 8

/* LIKE pattern "%text%" of n bytes of q, folded, with the wildcards of
 * the text escaped by '\'. */
static char *like_pattern(const char *q, size_t n)
{
	char *raw = strndup(q, n);
	if (!raw)
		abort();
	char *folded = sb_fold(raw);
	free(raw);
	n = strlen(folded);
	char *pat = malloc(2 * n + 3);
	size_t o = 0;
	if (!pat)
		abort();
	pat[o++] = '%';
	for (size_t i = 0; i < n; i++) {
		if (folded[i] == '%' || folded[i] == '_' || folded[i] == '\\')
			pat[o++] = '\\';
		pat[o++] = folded[i];
	}
	pat[o++] = '%';
	pat[o] = '\0';
	free(folded);
	return pat;
}

/*
 * q matches when every word of it occurs in the case's search text, in
 * any order ("öberg björken" finds "Björken 3 … Åsa Öberg"). A query of
 * more words than we take is matched as one phrase instead.
 */
static int split_terms(const char *q, char *terms[MAX_TERMS])
{
	static const char ws[] = " \t\r\n";
	int n = 0;
	const char *p = q + strspn(q, ws);
	while (*p) {
		size_t len = strcspn(p, ws);
		if (n == MAX_TERMS) {
			for (int i = 0; i < n; i++)
				free(terms[i]);
			const char *start = q + strspn(q, ws);
			size_t all = strlen(start);
			while (all && strchr(ws, start[all - 1]))
				all--;
			terms[0] = like_pattern(start, all);
			return 1;
		}
		terms[n++] = like_pattern(p, len);
		p += len;
		p += strspn(p, ws);
	}
	return n;
}

/* queue_id 0: the search across the caller's queues. */
static void case_list(struct sb_req *rq, struct sb_resp *rs, int64_t queue_id)
{
	struct sb_list l = {
		.from = "FROM cases c",
		.id_col = "c.id",
		.columns = "c.number",
		.row = case_row,
	};
	struct sql_buf w = {0};
	char *terms[MAX_TERMS];
	int nterms = 0;
	const char *v;

	if (!queue_id && (v = sb_query(rq, "queue")) && *v) {
		queue_id = visible_queue(rq, rs, v, "queue");
		if (!queue_id)
			goto out;
	}
	if (queue_id) {
		sql_add(&w, "c.queue_id = ?");
		sb_list_bind_int(&l, queue_id);
	} else {
		sql_add(&w, "+c.queue_id IN " MY_QUEUES);
		sb_list_bind_int(&l, rq->me->id);
	}

	if ((v = sb_query(rq, "status")) && *v &&
	    !add_in_list(rs, &w, "status", v, "c.status", 0))
		goto out;
	if ((v = sb_query(rq, "category")) && *v &&
	    !add_in_list(rs, &w, "category", v, "c.category", 1))
		goto out;
	if ((v = sb_query(rq, "e_service")) && *v &&
	    !add_in_list(rs, &w, "e_service", v, "c.e_service", 2))
		goto out;

	if ((v = sb_query(rq, "assignee")) && *v) {
		int64_t who = 0;
		if (strcmp(v, "none") == 0) {
			sql_add(&w, " AND NOT EXISTS (SELECT 1 FROM case_assignees a "
				"WHERE a.case_id = c.id)");
		} else {
			if (strcmp(v, "me") == 0) {
				who = rq->me->id;
			} else {
				sqlite3_stmt *st = sb_sql("SELECT id FROM officers "
							  "WHERE username = ?");
				sqlite3_bind_text(st, 1, v, -1, SQLITE_TRANSIENT);
				if (sqlite3_step(st) == SQLITE_ROW)
					who = sqlite3_column_int64(st, 0);
				sqlite3_reset(st);
			}
			if (!who) {
				sb_bad(rs, "assignee", "assignee is me, none or a "
				       "username; there is no officer '%s'", v);
				goto out;
			}
			sql_add(&w, " AND c.id IN (SELECT a.case_id FROM "
				"case_assignees a WHERE a.officer_id = ?)");
			sb_list_bind_int(&l, who);
		}
	}

	if ((v = sb_query(rq, "q")) && *v) {
		nterms = split_terms(v, terms);
		for (int i = 0; i < nterms; i++) {
			sql_add(&w, " AND c.search LIKE ? ESCAPE '\\'");
			sb_list_bind_text(&l, terms[i]);
		}
	}

	if ((v = sb_query(rq, "updated_since")) && *v) {
		int64_t t;
		if (!sb_parse_ts(v, &t)) {
			sb_bad(rs, "updated_since",
			       "updated_since must be an RFC 3339 time");
			goto out;
		}
		sql_add(&w, " AND c.updated_at >= ?");
		sb_list_bind_int(&l, t);
	}

	v = sb_query(rq, "sort");
	const char *name = sb_sort_parse(v && *v ? v : "-updated", &l.desc);
	for (size_t i = 0; i < sizeof case_sorts / sizeof *case_sorts; i++) {
		if (strcmp(name, case_sorts[i].name) == 0) {
			l.sort_name = case_sorts[i].name;
			l.sort_expr = case_sorts[i].expr;
			l.sort_int = case_sorts[i].is_int;
		}
	}
	if (!l.sort_expr) {
		sb_bad(rs, "sort", "sort is one of number, created, updated, "
		       "deadline, priority, status, optionally prefixed by -");
		goto out;
	}

	l.where = w.s;
	sb_list_answer(rq, rs, &l);
out:
	free(w.s);
	for (int i = 0; i < nterms; i++)
		free(terms[i]);
}

void h_queue_cases(struct sb_req *rq, struct sb_resp *rs)
{
	int64_t id = visible_queue(rq, rs, rq->nseg > 2 ? rq->seg[2] : "", NULL);
	if (id)
		case_list(rq, rs, id);
}

void h_cases_search(struct sb_req *rq, struct sb_resp *rs)
{
	case_list(rq, rs, 0);
}

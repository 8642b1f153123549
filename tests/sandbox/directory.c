/*
 * directory.c — the organisation as an officer sees it: who I am, my
 * colleagues, my units, the e-services they run and the statuses a case
 * can have.
 */
#include "sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Officers see the organisation through the units they belong to. */
#define MY_UNITS "(SELECT m.unit_id FROM officer_units m WHERE m.officer_id = ?)"

json_t *sb_officer_ref(int64_t officer_id)
{
	if (officer_id == 0)
		return json_null();
	sqlite3_stmt *st = sb_sql("SELECT username, name FROM officers WHERE id = ?");
	json_t *ref = json_null();
	sqlite3_bind_int64(st, 1, officer_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		json_decref(ref);
		ref = json_object();
		json_object_set_new(ref, "id", json_integer(officer_id));
		json_object_set_new(ref, "username", sb_jstr(sb_col_text(st, 0)));
		json_object_set_new(ref, "name", sb_jstr(sb_col_text(st, 1)));
	}
	sqlite3_reset(st);
	return ref;
}

bool sb_officer_in_unit(int64_t officer_id, int64_t unit_id)
{
	sqlite3_stmt *st = sb_sql("SELECT 1 FROM officer_units "
				  "WHERE officer_id = ? AND unit_id = ?");
	sqlite3_bind_int64(st, 1, officer_id);
	sqlite3_bind_int64(st, 2, unit_id);
	bool in = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return in;
}

int64_t sb_officer_by_username(const char *username)
{
	sqlite3_stmt *st = sb_sql("SELECT id FROM officers WHERE username = ?");
	int64_t id = 0;
	sqlite3_bind_text(st, 1, username, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}

bool sb_e_service_known(const char *id)
{
	sqlite3_stmt *st = sb_sql("SELECT 1 FROM e_services WHERE id = ?");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	bool known = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return known;
}

json_t *sb_unit_json(int64_t id, const char *name)
{
	json_t *u = json_object();
	json_object_set_new(u, "id", json_integer(id));
	json_object_set_new(u, "name", sb_jstr(name));
	return u;
}

static json_t *units_of(int64_t officer_id)
{
	sqlite3_stmt *st = sb_sql("SELECT u.id, u.name FROM officer_units ou "
				  "JOIN units u ON u.id = ou.unit_id "
				  "WHERE ou.officer_id = ? ORDER BY u.id");
	json_t *arr = json_array();
	sqlite3_bind_int64(st, 1, officer_id);
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(arr, sb_unit_json(sqlite3_column_int64(st, 0),
							sb_col_text(st, 1)));
	sqlite3_reset(st);
	return arr;
}

/* "officer admin" → ["officer","admin"] */
static json_t *words(const char *s)
{
	json_t *arr = json_array();
	while (s && *s) {
		while (*s == ' ')
			s++;
		size_t n = strcspn(s, " ");
		if (n) {
			char *w = strndup(s, n);
			if (!w)
				abort();
			json_array_append_new(arr, sb_jstr(w));
			free(w);
		}
		s += n;
	}
	return arr;
}

void h_me(struct sb_req *rq, struct sb_resp *rs)
{
	sqlite3_stmt *st = sb_sql("SELECT username, name, email, roles, scopes "
				  "FROM officers WHERE id = ?");
	sqlite3_bind_int64(st, 1, rq->me->id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		sb_problem(rs, 404, "not-found", "your officer record is gone");
		return;
	}
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(rq->me->id));
	json_object_set_new(o, "username", sb_jstr(sb_col_text(st, 0)));
	json_object_set_new(o, "name", sb_jstr(sb_col_text(st, 1)));
	json_object_set_new(o, "email", sb_jstr(sb_col_text(st, 2)));
	json_object_set_new(o, "units", units_of(rq->me->id));
	json_object_set_new(o, "roles", words(sb_col_text(st, 3)));
	json_object_set_new(o, "scopes", words(sb_col_text(st, 4)));
	sqlite3_reset(st);
	sb_json(rs, 200, o);
}

static json_t *officer_row(sqlite3_stmt *st, void *ctx)
{
	(void)ctx;
	int64_t id = sqlite3_column_int64(st, 1);
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(id));
	json_object_set_new(o, "username", sb_jstr(sb_col_text(st, 2)));
	json_object_set_new(o, "name", sb_jstr(sb_col_text(st, 3)));
	json_object_set_new(o, "units", units_of(id));
	return o;
}

/*
 * Names hold å/ä/ö, which SQL LIKE does not fold, and there are few
 * officers: match q in C and hand the list the ids that matched.
 */
static char *officers_matching(int64_t me, const char *q)
{
	char *needle = sb_fold(q);
	size_t cap = 64, len = 0;
	char *ids = malloc(cap);
	if (!ids)
		abort();
	len = (size_t)snprintf(ids, cap, "o.id IN (0");
	sqlite3_stmt *st = sb_sql("SELECT o.id, o.username, o.name FROM officers o "
				  "WHERE o.id IN (SELECT ou.officer_id FROM "
				  "officer_units ou WHERE ou.unit_id IN " MY_UNITS ")");
	sqlite3_bind_int64(st, 1, me);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *user = sb_fold(sb_col_text(st, 1));
		char *name = sb_fold(sb_col_text(st, 2));
		if (strstr(user, needle) || strstr(name, needle)) {
			if (len + 24 > cap) {
				cap *= 2;
				ids = realloc(ids, cap);
				if (!ids)
					abort();
			}
			len += (size_t)snprintf(ids + len, cap - len, ",%lld",
						(long long)sqlite3_column_int64(st, 0));
		}
		free(user);
		free(name);
	}
	sqlite3_reset(st);
	free(needle);
	snprintf(ids + len, cap - len, ")");
	return ids;
}

void h_officers(struct sb_req *rq, struct sb_resp *rs)
{
	const char *unit = sb_query(rq, "unit");
	const char *q = sb_query(rq, "q");
	int64_t unit_id = 0;
	char where[1024];
	char *ids = NULL;

	if (unit && *unit) {
		sqlite3_stmt *st = sb_sql("SELECT 1 FROM units WHERE id = ?");
		bool known = false;
		if (sb_parse_id(unit, &unit_id)) {
			sqlite3_bind_int64(st, 1, unit_id);
			known = sqlite3_step(st) == SQLITE_ROW;
			sqlite3_reset(st);
		}
		if (!known) {
			sb_bad(rs, "unit", "there is no unit '%s'", unit);
			return;
		}
		if (!sb_officer_in_unit(rq->me->id, unit_id)) {
			sb_problem(rs, 403, "forbidden",
				   "you are not a member of unit %lld",
				   (long long)unit_id);
			return;
		}
	}
	if (q && *q)
		ids = officers_matching(rq->me->id, q);
	snprintf(where, sizeof where,
		 "o.id IN (SELECT ou.officer_id FROM officer_units ou "
		 "WHERE ou.unit_id IN " MY_UNITS ")%s",
		 unit_id ? " AND o.id IN (SELECT u.officer_id FROM "
			   "officer_units u WHERE u.unit_id = ?)" : "");

	/* the id list is only digits and commas, built above */
	char *full = NULL;
	if (asprintf(&full, "%s%s%s", where, ids ? " AND " : "",
		     ids ? ids : "") < 0)
		abort();
	free(ids);

	struct sb_list l = {
		.from = "FROM officers o",
		.id_col = "o.id",
		.where = full,
		.sort_expr = "o.username",
		.sort_name = "username",
		.columns = "o.username, o.name",
		.row = officer_row,
	};
	sb_list_bind_int(&l, rq->me->id);
	if (unit_id)
		sb_list_bind_int(&l, unit_id);
	sb_list_answer(rq, rs, &l);
	free(full);
}

void h_units(struct sb_req *rq, struct sb_resp *rs)
{
	json_t *body = json_object();
	json_object_set_new(body, "items", units_of(rq->me->id));
	sb_json(rs, 200, body);
}

void h_e_services(struct sb_req *rq, struct sb_resp *rs)
{
	sqlite3_stmt *st = sb_sql("SELECT e.id, e.name_sv, e.name_en, e.prefix, "
				  "e.unit_id, u.name, e.queue_id FROM e_services e "
				  "JOIN units u ON u.id = e.unit_id "
				  "WHERE e.unit_id IN " MY_UNITS
				  " ORDER BY e.queue_id, e.id");
	json_t *items = json_array();
	sqlite3_bind_int64(st, 1, rq->me->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		json_t *e = json_object();
		json_object_set_new(e, "id", sb_jstr(sb_col_text(st, 0)));
		json_object_set_new(e, "name", sb_names(sb_col_text(st, 1),
							sb_col_text(st, 2)));
		json_object_set_new(e, "prefix", sb_jstr(sb_col_text(st, 3)));
		json_object_set_new(e, "unit", sb_unit_json(sqlite3_column_int64(st, 4),
							    sb_col_text(st, 5)));
		json_object_set_new(e, "queue_id", json_integer(sqlite3_column_int64(st, 6)));
		json_array_append_new(items, e);
	}
	sqlite3_reset(st);
	json_t *body = json_object();
	json_object_set_new(body, "items", items);
	sb_json(rs, 200, body);
}

/*
 * With e_service: the standard statuses and that service's own. Without:
 * the standard ones and the custom ones used by the caller's services,
 * each once, naming the first such service.
 */
void h_statuses(struct sb_req *rq, struct sb_resp *rs)
{
	const char *svc = sb_query(rq, "e_service");
	struct { char id[40]; bool standard; } all[64];
	int n = 0;
	sqlite3_stmt *st;

	if (svc && *svc) {
		if (!sb_e_service_known(svc)) {
			sb_bad(rs, "e_service", "there is no e-service '%s'", svc);
			return;
		}
	} else {
		svc = NULL;
	}

	st = sb_sql("SELECT id, standard FROM statuses ORDER BY ordinal, id");
	while (n < 64 && sqlite3_step(st) == SQLITE_ROW) {
		snprintf(all[n].id, sizeof all[n].id, "%s", sb_col_text(st, 0));
		all[n].standard = sqlite3_column_int(st, 1) != 0;
		n++;
	}
	sqlite3_reset(st);

	json_t *items = json_array();
	for (int i = 0; i < n; i++) {
		char owner[64] = "";
		if (!all[i].standard) {
			if (svc) {
				st = sb_sql("SELECT e_service FROM service_statuses "
					    "WHERE status = ? AND e_service = ?");
				sqlite3_bind_text(st, 2, svc, -1, SQLITE_TRANSIENT);
			} else {
				st = sb_sql("SELECT ss.e_service FROM service_statuses ss "
					    "JOIN e_services e ON e.id = ss.e_service "
					    "WHERE ss.status = ? AND e.unit_id IN "
					    MY_UNITS " ORDER BY e.queue_id, e.id LIMIT 1");
				sqlite3_bind_int64(st, 2, rq->me->id);
			}
			sqlite3_bind_text(st, 1, all[i].id, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(st) == SQLITE_ROW)
				snprintf(owner, sizeof owner, "%s", sb_col_text(st, 0));
			sqlite3_reset(st);
			if (!*owner)
				continue;
		}
		json_t *s = sb_status_json(all[i].id);
		if (!json_is_object(s)) {
			json_decref(s);
			continue;
		}
		if (*owner)
			json_object_set_new(s, "e_service", sb_jstr(owner));
		json_array_append_new(items, s);
	}
	json_t *body = json_object();
	json_object_set_new(body, "items", items);
	sb_json(rs, 200, body);
}

/*
 * case_json.c — a case as JSON: the summary of lists and the detail of
 * GET /cases/{id} (parties, documents, retention), and status objects.
 */
#include "cases_internal.h"

#include <stdio.h>
#include <string.h>

static json_t *priority_json(int64_t p)
{
	static const char *const names[] = {"low", "normal", "high", "urgent"};
	return json_string(p >= 0 && p <= 3 ? names[p] : "normal");
}

/* "19850312-****": the birth date stays, the last four digits never leave. */
static json_t *masked_pnr(const char *pnr)
{
	char digits[13];
	size_t n = 0;
	if (!pnr)
		return json_null();
	for (const char *p = pnr; *p && n < 12; p++)
		if (isdigit((unsigned char)*p))
			digits[n++] = *p;
	if (n < 8)
		return json_null();
	char buf[16];
	snprintf(buf, sizeof buf, "%.8s-****", digits);
	return json_string(buf);
}

/* A party's number from the columns kind, pnr and orgnr of st: the
 * organisation number as stored, a personal number masked. */
static void set_party_number(json_t *o, sqlite3_stmt *st, int kind, int pnr,
			     int orgnr)
{
	if (strcmp(sb_col_text(st, kind), "organisation") == 0)
		json_object_set_new(o, "organisation_number",
				    sb_col_json_text(st, orgnr));
	else
		json_object_set_new(o, "personal_number",
				    masked_pnr(col_null(st, pnr) ? NULL
					       : sb_col_text(st, pnr)));
}

/* ---- statuses -------------------------------------------------------- */

/*
 * A custom status may belong to several e-services; without a case to
 * give the context, the object names the first of them (queue order).
 */
json_t *sb_status_json(const char *status_id)
{
	sqlite3_stmt *st = sb_sql("SELECT name_sv, name_en, category, standard "
				  "FROM statuses WHERE id = ?");
	sqlite3_bind_text(st, 1, status_id ? status_id : "", -1,
			  SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return json_null();
	}
	bool standard = sqlite3_column_int(st, 3) != 0;
	json_t *o = json_object();
	json_object_set_new(o, "id", sb_jstr(status_id));
	json_object_set_new(o, "name", sb_names(sb_col_text(st, 0),
						sb_col_text(st, 1)));
	json_object_set_new(o, "category", sb_jstr(sb_col_text(st, 2)));
	json_object_set_new(o, "standard", json_boolean(standard));
	sqlite3_reset(st);

	json_t *svc = json_null();
	if (!standard) {
		st = sb_sql("SELECT ss.e_service FROM service_statuses ss "
			    "JOIN e_services e ON e.id = ss.e_service "
			    "WHERE ss.status = ? ORDER BY e.queue_id, e.id LIMIT 1");
		sqlite3_bind_text(st, 1, status_id, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW) {
			json_decref(svc);
			svc = sb_jstr(sb_col_text(st, 0));
		}
		sqlite3_reset(st);
	}
	json_object_set_new(o, "e_service", svc);
	return o;
}

json_t *case_status_in(const char *status_id, const char *e_service)
{
	json_t *o = sb_status_json(status_id);
	if (json_is_object(o) && json_is_false(json_object_get(o, "standard")))
		json_object_set_new(o, "e_service", sb_jstr(e_service));
	return o;
}

/* ---- the parts of a case --------------------------------------------- */

static json_t *applicant_json(int64_t case_id)
{
	sqlite3_stmt *st = sb_sql("SELECT kind, name, pnr, orgnr FROM parties "
				  "WHERE case_id = ? AND role = 'applicant' "
				  "ORDER BY id LIMIT 1");
	json_t *a = json_null();
	sqlite3_bind_int64(st, 1, case_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		json_decref(a);
		a = json_object();
		json_object_set_new(a, "name", sb_jstr(sb_col_text(st, 1)));
		set_party_number(a, st, 0, 2, 3);
	}
	sqlite3_reset(st);
	return a;
}

static json_t *assignees_json(int64_t case_id)
{
	sqlite3_stmt *st = sb_sql("SELECT o.id FROM case_assignees a "
				  "JOIN officers o ON o.id = a.officer_id "
				  "WHERE a.case_id = ? ORDER BY o.username");
	json_t *arr = json_array();
	sqlite3_bind_int64(st, 1, case_id);
	while (sqlite3_step(st) == SQLITE_ROW)
		json_array_append_new(arr,
				      sb_officer_ref(sqlite3_column_int64(st, 0)));
	sqlite3_reset(st);
	return arr;
}

static json_t *parties_json(int64_t case_id)
{
	sqlite3_stmt *st = sb_sql("SELECT id, role, kind, name, pnr, orgnr, "
				  "signing_state, signing_at, represents, email, "
				  "phone FROM parties WHERE case_id = ? ORDER BY id");
	json_t *arr = json_array();
	sqlite3_bind_int64(st, 1, case_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		json_t *p = json_object();
		const char *role = sb_col_text(st, 1);
		json_object_set_new(p, "id", json_integer(sqlite3_column_int64(st, 0)));
		json_object_set_new(p, "role", sb_jstr(role));
		json_object_set_new(p, "kind", sb_jstr(sb_col_text(st, 2)));
		json_object_set_new(p, "name", sb_jstr(sb_col_text(st, 3)));
		set_party_number(p, st, 2, 4, 5);
		json_t *signing = json_null();
		if (strcmp(role, "co_applicant") == 0) {
			json_decref(signing);
			signing = json_object();
			json_object_set_new(signing, "state",
					    col_null(st, 6) ? json_string("pending")
					    : sb_jstr(sb_col_text(st, 6)));
			json_object_set_new(signing, "at", sb_col_json_ts(st, 7));
		}
		json_object_set_new(p, "signing", signing);
		json_object_set_new(p, "represents", col_null(st, 8) ? json_null()
				    : json_integer(sqlite3_column_int64(st, 8)));
		json_object_set_new(p, "email", sb_col_json_text(st, 9));
		json_object_set_new(p, "phone", sb_col_json_text(st, 10));
		json_array_append_new(arr, p);
	}
	sqlite3_reset(st);
	return arr;
}

static json_t *documents_json(int64_t case_id)
{
	/* length() of a blob reads the record header, not the content */
	sqlite3_stmt *st = sb_sql("SELECT id, name, media_type, length(content), "
				  "kind, created_at FROM documents "
				  "WHERE case_id = ? ORDER BY id");
	json_t *arr = json_array();
	sqlite3_bind_int64(st, 1, case_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		json_t *d = json_object();
		json_object_set_new(d, "id", json_integer(sqlite3_column_int64(st, 0)));
		json_object_set_new(d, "name", sb_jstr(sb_col_text(st, 1)));
		json_object_set_new(d, "media_type", sb_jstr(sb_col_text(st, 2)));
		json_object_set_new(d, "size", json_integer(sqlite3_column_int64(st, 3)));
		json_object_set_new(d, "kind", sb_jstr(sb_col_text(st, 4)));
		json_object_set_new(d, "created_at", sb_col_json_ts(st, 5));
		json_array_append_new(arr, d);
	}
	sqlite3_reset(st);
	return arr;
}

bool case_policy_days(const char *e_service, int64_t *days)
{
	sqlite3_stmt *st = sb_sql("SELECT days FROM retention_policies "
				  "WHERE e_service = ?");
	bool found = false;
	sqlite3_bind_text(st, 1, e_service, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*days = sqlite3_column_int64(st, 0);
		found = true;
	}
	sqlite3_reset(st);
	return found;
}

/* ---- the case --------------------------------------------------------- */

/*
 * Summary, or detail when detail is set. The case row is copied out and
 * its statement reset before the nested look-ups run.
 */
static json_t *case_json(int64_t id, bool detail)
{
	sqlite3_stmt *st = sb_sql(
		"SELECT c.number, c.diary_number, c.title, c.e_service, "
		"e.name_sv, e.name_en, c.queue_id, c.status, c.priority, "
		"c.created_at, c.updated_at, c.deadline, c.unread, c.version, "
		"c.closed_at, c.purge_at, c.hold_active, c.hold_reason, "
		"c.hold_by, c.hold_at "
		"FROM cases c JOIN e_services e ON e.id = c.e_service "
		"WHERE c.id = ?");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return NULL;
	}
	char e_service[64], status[64];
	snprintf(e_service, sizeof e_service, "%s", sb_col_text(st, 3));
	snprintf(status, sizeof status, "%s", sb_col_text(st, 7));

	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(id));
	json_object_set_new(o, "number", sb_jstr(sb_col_text(st, 0)));
	json_object_set_new(o, "diary_number", sb_jstr(sb_col_text(st, 1)));
	json_object_set_new(o, "title", sb_jstr(sb_col_text(st, 2)));
	json_t *svc = json_object();
	json_object_set_new(svc, "id", sb_jstr(e_service));
	json_object_set_new(svc, "name", sb_names(sb_col_text(st, 4),
						  sb_col_text(st, 5)));
	json_object_set_new(o, "e_service", svc);
	json_object_set_new(o, "queue_id", json_integer(sqlite3_column_int64(st, 6)));
	/* filled in below, once this statement is done; set now for the order */
	json_object_set_new(o, "status", json_null());
	json_object_set_new(o, "applicant", json_null());
	json_object_set_new(o, "assignees", json_null());
	json_object_set_new(o, "priority", priority_json(sqlite3_column_int64(st, 8)));
	json_object_set_new(o, "created_at", sb_col_json_ts(st, 9));
	json_object_set_new(o, "updated_at", sb_col_json_ts(st, 10));
	json_object_set_new(o, "deadline", sb_col_json_text(st, 11));
	if (!detail)
		json_object_set_new(o, "unread_messages",
				    json_integer(sqlite3_column_int64(st, 12)));

	json_t *retention = NULL;
	int64_t hold_by = 0;
	if (detail) {
		json_object_set_new(o, "version",
				    json_integer(sqlite3_column_int64(st, 13)));
		retention = json_object();
		json_object_set_new(retention, "closed_at", sb_col_json_ts(st, 14));
		json_object_set_new(retention, "purge_at", sb_col_json_ts(st, 15));
		json_t *hold = json_object();
		json_object_set_new(hold, "active",
				    json_boolean(sqlite3_column_int(st, 16) != 0));
		json_object_set_new(hold, "reason", sb_col_json_text(st, 17));
		hold_by = sqlite3_column_int64(st, 18);
		json_object_set_new(hold, "set_at", sb_col_json_ts(st, 19));
		json_object_set_new(retention, "legal_hold", hold);
	}
	sqlite3_reset(st);

	json_object_set_new(o, "status", case_status_in(status, e_service));
	json_object_set_new(o, "applicant", applicant_json(id));
	json_object_set_new(o, "assignees", assignees_json(id));
	if (detail) {
		json_t *hold = json_object_get(retention, "legal_hold");
		json_object_set_new(hold, "set_by", sb_officer_ref(hold_by));
		int64_t days;
		json_object_set_new(retention, "policy_days",
				    case_policy_days(e_service, &days)
				    ? json_integer(days) : json_null());
		json_object_set_new(o, "parties", parties_json(id));
		json_object_set_new(o, "documents", documents_json(id));
		json_object_set_new(o, "retention", retention);
	}
	return o;
}

json_t *sb_case_summary_json(int64_t id)
{
	return case_json(id, false);
}

json_t *sb_case_detail_json(int64_t id)
{
	return case_json(id, true);
}

/*
 * retention.c — gallring: retention policies per e-service, the cases due
 * for purging, the purge log, and the purge itself.
 */
#include "sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOT_ADMIN "only administrators change retention policies"

/* The policy of one e-service as this caller sees it; NULL if none. */
static json_t *policy_json(const char *e_service, const struct sb_officer *me)
{
	sqlite3_stmt *st;
	json_t *p = NULL;
	bool admin = me && me->admin;

	st = sb_sql("SELECT e.id, e.name_sv, e.name_en, p.days, p.updated_at, "
		    "p.updated_by FROM retention_policies p "
		    "JOIN e_services e ON e.id = p.e_service WHERE e.id = ?");
	sqlite3_bind_text(st, 1, e_service, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		int64_t by = sqlite3_column_int64(st, 5);

		p = json_pack("{s:{s:s, s:o}, s:I, s:o, s:o?, s:b, s:s?}",
			      "e_service",
			      "id", sb_col_text(st, 0),
			      "name", sb_names(sb_col_text(st, 1),
					       sb_col_text(st, 2)),
			      "days", (json_int_t)sqlite3_column_int64(st, 3),
			      "updated_at", sb_col_json_ts(st, 4),
			      "updated_by", by ? sb_officer_ref(by) : NULL,
			      "can_edit", admin,
			      "reason", admin ? NULL : NOT_ADMIN);
	}
	sqlite3_reset(st);
	return p;
}

/* The ETag the dispatcher gives the body sb_json makes of p. */
static void policy_etag(const json_t *p, char buf[80])
{
	char *text = json_dumps(p, JSON_COMPACT);

	snprintf(buf, 80, "\"h%016llx\"",
		 (unsigned long long)(text ? sb_fnv1a(text, strlen(text)) : 0));
	free(text);
}

/* If-Match is a list of entity tags or "*"; strong comparison. */
static bool if_match_ok(const char *hdr, const char *etag)
{
	size_t elen = strlen(etag);
	const char *p = hdr;

	while (*p) {
		const char *end;
		size_t len;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (!*p)
			break;
		end = strchr(p, ',');
		len = end ? (size_t)(end - p) : strlen(p);
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if ((len == 1 && *p == '*') ||
		    (len == elen && memcmp(p, etag, len) == 0))
			return true;
		p += len;
	}
	return false;
}

void h_policies(struct sb_req *rq, struct sb_resp *rs)
{
	sqlite3_stmt *st;
	json_t *items = json_array();
	char (*ids)[40] = NULL;
	size_t n = 0, i;

	/* policy_json has its own statement; collect the ids first. */
	st = sb_sql("SELECT e_service FROM retention_policies ORDER BY e_service");
	while (sqlite3_step(st) == SQLITE_ROW) {
		char (*p)[40] = realloc(ids, (n + 1) * sizeof *ids);

		if (!p)
			break;
		ids = p;
		snprintf(ids[n++], sizeof ids[0], "%s", sb_col_text(st, 0));
	}
	sqlite3_reset(st);
	for (i = 0; i < n; i++) {
		json_t *p = policy_json(ids[i], rq->me);

		if (p)
			json_array_append_new(items, p);
	}
	free(ids);
	sb_json(rs, 200, json_pack("{s:o}", "items", items));
}

void h_policy(struct sb_req *rq, struct sb_resp *rs)
{
	json_t *p = policy_json(rq->seg[3], rq->me);

	if (!p) {
		sb_problem(rs, 404, "not-found", "no retention policy for %s",
			   rq->seg[3]);
		return;
	}
	sb_json(rs, 200, p);
}

void h_policy_put(struct sb_req *rq, struct sb_resp *rs)
{
	const char *service = rq->seg[3];
	struct sb_actor me = sb_actor_of(rq);
	json_t *cur, *body;
	char etag[80];
	int64_t days, old;
	sqlite3_stmt *st;

	if (!(cur = policy_json(service, rq->me))) {
		sb_problem(rs, 404, "not-found", "no retention policy for %s",
			   service);
		return;
	}
	if (!rq->me || !rq->me->admin) {
		json_decref(cur);
		sb_problem(rs, 403, "forbidden", NOT_ADMIN);
		return;
	}
	policy_etag(cur, etag);
	if (!rq->if_match || !*rq->if_match) {
		json_decref(cur);
		sb_problem(rs, 428, "precondition-required",
			   "send If-Match with the policy's ETag");
		return;
	}
	if (!if_match_ok(rq->if_match, etag)) {
		json_t *by = json_object_get(cur, "updated_by");
		json_t *ext = json_object();
		const char *user = json_string_value(json_object_get(by, "username"));
		const char *name = json_string_value(json_object_get(by, "name"));
		const char *at = json_string_value(json_object_get(cur, "updated_at"));

		json_object_set_new(ext, "changed_by", json_is_object(by)
			? json_pack("{s:O, s:O}",
				    "username", json_object_get(by, "username"),
				    "name", json_object_get(by, "name"))
			: json_null());
		json_object_set(ext, "changed_at",
				json_object_get(cur, "updated_at"));
		json_object_set_new(ext, "current", cur);
		if (user && name)
			sb_problem_ext(rs, 412, "precondition-failed", ext,
				       "changed by %s (%s) at %s", name, user,
				       at ? at : "");
		else
			sb_problem_ext(rs, 412, "precondition-failed", ext,
				       "the policy has changed");
		memcpy(rs->etag, etag, sizeof etag);
		return;
	}
	old = json_integer_value(json_object_get(cur, "days"));
	json_decref(cur);

	if (!(body = sb_body(rq, rs)))
		return;
	if (sb_field_int(rs, body, "days", true, &days) < 0)
		return;
	if (days < 1 || days > 36500) {
		sb_bad(rs, "days", "days must be between 1 and 36500");
		return;
	}

	if (days != old) {
		st = sb_sql("UPDATE retention_policies SET days = ?, "
			    "updated_at = ?, updated_by = ? WHERE e_service = ?");
		sqlite3_bind_int64(st, 1, days);
		sqlite3_bind_int64(st, 2, sb_now());
		sqlite3_bind_int64(st, 3, me.officer_id);
		sqlite3_bind_text(st, 4, service, -1, SQLITE_TRANSIENT);
		sqlite3_step(st);
		sqlite3_reset(st);

		/*
		 * Every case of the service shows policy_days and the closed
		 * ones a purge_at from it, so each gets a new version (its
		 * ETag must change); updated_at stays, nobody worked on it.
		 */
		st = sb_sql("UPDATE cases SET purge_at = CASE WHEN category = "
			    "'closed' AND closed_at IS NOT NULL THEN closed_at + "
			    "?1 * 86400 ELSE purge_at END, version = version + 1, "
			    "changed_by = ?2, changed_by_officer = ?3 "
			    "WHERE e_service = ?4");
		sqlite3_bind_int64(st, 1, days);
		sqlite3_bind_text(st, 2, me.name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, me.officer_id);
		sqlite3_bind_text(st, 4, service, -1, SQLITE_TRANSIENT);
		sqlite3_step(st);
		sqlite3_reset(st);

		sb_event(0, "retention.policy_changed", &me,
			 json_pack("{s:s, s:I}", "e_service", service,
				   "days", (json_int_t)days));
	}
	sb_json(rs, 200, policy_json(service, rq->me));
}

static json_t *upcoming_row(sqlite3_stmt *st, void *ctx)
{
	(void)ctx;
	return json_pack("{s:o?, s:o, s:b}",
			 "case", sb_case_summary_json(sqlite3_column_int64(st, 1)),
			 "purge_at", sb_col_json_ts(st, 2),
			 "legal_hold", sqlite3_column_int(st, 3) != 0);
}

void h_upcoming(struct sb_req *rq, struct sb_resp *rs)
{
	/* One static filter per combination keeps the SQL strings fixed. */
	static const char *const where[4] = {
		"c.category = 'closed' AND c.purge_at IS NOT NULL AND q.unit_id IN "
		"(SELECT unit_id FROM officer_units WHERE officer_id = ?)",
		"c.category = 'closed' AND c.purge_at IS NOT NULL AND q.unit_id IN "
		"(SELECT unit_id FROM officer_units WHERE officer_id = ?) "
		"AND c.purge_at < ?",
		"c.category = 'closed' AND c.purge_at IS NOT NULL AND q.unit_id IN "
		"(SELECT unit_id FROM officer_units WHERE officer_id = ?) "
		"AND c.e_service = ?",
		"c.category = 'closed' AND c.purge_at IS NOT NULL AND q.unit_id IN "
		"(SELECT unit_id FROM officer_units WHERE officer_id = ?) "
		"AND c.purge_at < ? AND c.e_service = ?",
	};
	const char *before = sb_query(rq, "before");
	const char *service = sb_query(rq, "e_service");
	struct sb_list l;
	int64_t t = 0;

	if (before && !sb_parse_ts(before, &t)) {
		sb_bad(rs, "before", "before is a date or an RFC 3339 time");
		return;
	}
	if (service && !sb_e_service_known(service)) {
		sb_bad(rs, "e_service", "unknown e-service");
		return;
	}

	memset(&l, 0, sizeof l);
	l.from = "FROM cases c JOIN queues q ON q.id = c.queue_id";
	l.id_col = "c.id";
	l.where = where[(before ? 1 : 0) + (service ? 2 : 0)];
	sb_list_bind_int(&l, rq->me ? rq->me->id : 0);
	if (before)
		sb_list_bind_int(&l, t);
	if (service)
		sb_list_bind_text(&l, service);
	l.sort_expr = "c.purge_at";
	l.sort_name = "purge_at";
	l.sort_int = true;
	l.columns = "c.purge_at, c.hold_active";
	l.row = upcoming_row;
	sb_list_answer(rq, rs, &l);
}

static json_t *log_row(sqlite3_stmt *st, void *ctx)
{
	(void)ctx;
	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:I}",
			 "id", (json_int_t)sqlite3_column_int64(st, 1),
			 "case_number", sb_col_text(st, 2),
			 "e_service", sb_col_text(st, 3),
			 "closed_at", sb_col_json_ts(st, 4),
			 "purged_at", sb_col_json_ts(st, 5),
			 "policy_days", (json_int_t)sqlite3_column_int64(st, 6));
}

void h_purge_log(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_list l;

	/* Like the case.purged events, only the caller's units' entries. */
	memset(&l, 0, sizeof l);
	l.from = "FROM purge_log p JOIN e_services e ON e.id = p.e_service";
	l.id_col = "p.id";
	l.where = "e.unit_id IN (SELECT unit_id FROM officer_units "
		  "WHERE officer_id = ?)";
	sb_list_bind_int(&l, rq->me ? rq->me->id : 0);
	l.sort_expr = "p.purged_at";
	l.sort_name = "purged_at";
	l.desc = true;
	l.sort_int = true;
	l.columns = "p.case_number, p.e_service, p.closed_at, p.purged_at, "
		    "p.policy_days";
	l.row = log_row;
	sb_list_answer(rq, rs, &l);
}

struct due {
	int64_t id, closed_at, days;
	char number[40];
	char e_service[40];
};

/* Remove one case and everything under it; the tombstone stays. */
static void purge_case(const struct due *d, int64_t now)
{
	static const char *const children[] = {
		"DELETE FROM note_reads WHERE note_id IN (SELECT id FROM notes "
		"WHERE case_id = ?1) OR party_id IN (SELECT id FROM parties "
		"WHERE case_id = ?1)",
		"DELETE FROM notes WHERE case_id = ?1",
		"DELETE FROM messages WHERE case_id = ?1",
		"DELETE FROM threads WHERE case_id = ?1",
		"DELETE FROM documents WHERE case_id = ?1",
		"DELETE FROM parties WHERE case_id = ?1",
		"DELETE FROM case_assignees WHERE case_id = ?1",
	};
	char idtext[24];
	sqlite3_stmt *st;
	int64_t seq;
	size_t i;

	st = sb_sql("INSERT INTO purge_log (case_number, e_service, closed_at, "
		    "purged_at, policy_days) VALUES (?, ?, ?, ?, ?)");
	sqlite3_bind_text(st, 1, d->number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, d->e_service, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, d->closed_at);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, d->days);
	sqlite3_step(st);
	sqlite3_reset(st);

	st = sb_sql("INSERT OR REPLACE INTO purged_cases (id, number, purged_at) "
		    "VALUES (?, ?, ?)");
	sqlite3_bind_int64(st, 1, d->id);
	sqlite3_bind_text(st, 2, d->number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_step(st);
	sqlite3_reset(st);

	/*
	 * The feed event is written while the case still exists, so it
	 * carries the case's queue and unit and only that unit sees it;
	 * then the case's older history goes.
	 */
	seq = sb_event(d->id, "case.purged", &sb_system,
		       json_pack("{s:s}", "case_number", d->number));
	st = sb_sql("DELETE FROM events WHERE case_id = ? AND seq < ?");
	sqlite3_bind_int64(st, 1, d->id);
	sqlite3_bind_int64(st, 2, seq ? seq : INT64_MAX);
	sqlite3_step(st);
	sqlite3_reset(st);

	/* Explicit, so nothing depends on PRAGMA foreign_keys. */
	for (i = 0; i < sizeof children / sizeof children[0]; i++) {
		st = sb_sql(children[i]);
		sqlite3_bind_int64(st, 1, d->id);
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	st = sb_sql("DELETE FROM cases WHERE id = ?");
	sqlite3_bind_int64(st, 1, d->id);
	sqlite3_step(st);
	sqlite3_reset(st);

	/* Stored answers to writes under the case hold its personal data. */
	snprintf(idtext, sizeof idtext, "%lld", (long long)d->id);
	st = sb_sql("DELETE FROM idempotency WHERE path = '/v1/cases/' || ?1 "
		    "OR path = '/v1/cases/' || ?2 "
		    "OR substr(path, 1, length(?1) + 11) = '/v1/cases/' || ?1 || '/' "
		    "OR substr(path, 1, length(?2) + 11) = '/v1/cases/' || ?2 || '/'");
	sqlite3_bind_text(st, 1, idtext, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, d->number, -1, SQLITE_TRANSIENT);
	sqlite3_step(st);
	sqlite3_reset(st);
}

int sb_retention_run(void)
{
	sqlite3_stmt *st;
	struct due *due = NULL;
	size_t n = 0, i;
	int64_t now = sb_now();

	st = sb_sql("SELECT c.id, c.number, c.e_service, "
		    "COALESCE(c.closed_at, c.purge_at), "
		    "COALESCE((SELECT p.days FROM retention_policies p "
		    "WHERE p.e_service = c.e_service), "
		    "(c.purge_at - COALESCE(c.closed_at, c.purge_at)) / 86400) "
		    "FROM cases c WHERE c.category = 'closed' "
		    "AND c.purge_at IS NOT NULL AND c.purge_at <= ? "
		    "AND c.hold_active = 0 ORDER BY c.purge_at, c.id");
	sqlite3_bind_int64(st, 1, now);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct due *p = realloc(due, (n + 1) * sizeof *due);

		if (!p)
			break;
		due = p;
		p += n++;
		p->id = sqlite3_column_int64(st, 0);
		snprintf(p->number, sizeof p->number, "%s", sb_col_text(st, 1));
		snprintf(p->e_service, sizeof p->e_service, "%s",
			 sb_col_text(st, 2));
		p->closed_at = sqlite3_column_int64(st, 3);
		p->days = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);

	for (i = 0; i < n; i++)
		purge_case(&due[i], now);
	free(due);
	return (int)n;
}

/*
 * cases.c — one case for an officer: finding it by id or number (with
 * access and purge answers), the version that guards concurrent writes
 * (ETag, If-Match, touch), and the reads GET /cases/{id} and its audit
 * trail /cases/{id}/events. The JSON is built in case_json.c; the writes
 * live in case_transitions.c, case_assign.c, case_hold.c, case_reveal.c.
 */
#include "cases_internal.h"

#include <stdio.h>
#include <string.h>

/* ---- finding a case --------------------------------------------------- */

bool sb_case_load(int64_t id, struct sb_case *c)
{
	sqlite3_stmt *st = sb_sql(
		"SELECT c.id, c.number, c.queue_id, q.unit_id, c.e_service, "
		"c.status, c.category, c.version, c.closed_at, c.purge_at, "
		"c.hold_active FROM cases c JOIN queues q ON q.id = c.queue_id "
		"WHERE c.id = ?");
	bool ok = false;
	memset(c, 0, sizeof *c);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		c->id = sqlite3_column_int64(st, 0);
		snprintf(c->number, sizeof c->number, "%s", sb_col_text(st, 1));
		c->queue_id = sqlite3_column_int64(st, 2);
		c->unit_id = sqlite3_column_int64(st, 3);
		snprintf(c->e_service, sizeof c->e_service, "%s", sb_col_text(st, 4));
		snprintf(c->status, sizeof c->status, "%s", sb_col_text(st, 5));
		snprintf(c->category, sizeof c->category, "%s", sb_col_text(st, 6));
		c->version = sqlite3_column_int64(st, 7);
		c->closed_at = sqlite3_column_int64(st, 8);
		c->purge_at = sqlite3_column_int64(st, 9);
		c->hold = sqlite3_column_int(st, 10) != 0;
		ok = true;
	}
	sqlite3_reset(st);
	return ok;
}

/* 410 from the tombstone st points at (number, purged_at). */
static void answer_purged(struct sb_resp *rs, sqlite3_stmt *st)
{
	char number[64], at[32];
	int64_t t = sqlite3_column_int64(st, 1);
	snprintf(number, sizeof number, "%s", sb_col_text(st, 0));
	sb_fmt_ts(t, at);
	json_t *ext = json_object();
	json_object_set_new(ext, "purged_at", sb_ts(t));
	json_object_set_new(ext, "case_number", sb_jstr(number));
	sb_problem_ext(rs, 410, "case-purged", ext,
		       "case %s was purged at %s under the retention policy",
		       number, at);
}

int64_t sb_case_resolve(struct sb_resp *rs, const char *ref)
{
	sqlite3_stmt *st;
	int64_t id = 0;
	bool numeric = ref && *ref;
	for (const char *p = ref; numeric && *p; p++)
		if (!isdigit((unsigned char)*p))
			numeric = false;

	if (numeric) {
		if (!sb_parse_id(ref, &id))
			goto unknown;
		st = sb_sql("SELECT 1 FROM cases WHERE id = ?");
		sqlite3_bind_int64(st, 1, id);
		bool found = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		if (found)
			return id;
		st = sb_sql("SELECT number, purged_at FROM purged_cases WHERE id = ?");
		sqlite3_bind_int64(st, 1, id);
	} else {
		/* Case numbers are upper case; accept them typed in lower case. */
		char number[64];
		size_t n = ref ? strlen(ref) : 0;
		if (n == 0 || n >= sizeof number)
			goto unknown;
		for (size_t i = 0; i <= n; i++)
			number[i] = (char)toupper((unsigned char)ref[i]);
		st = sb_sql("SELECT id FROM cases WHERE number = ?");
		sqlite3_bind_text(st, 1, number, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (id)
			return id;
		st = sb_sql("SELECT number, purged_at FROM purged_cases "
			    "WHERE number = ?");
		sqlite3_bind_text(st, 1, number, -1, SQLITE_TRANSIENT);
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		answer_purged(rs, st);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
unknown:
	sb_problem(rs, 404, "not-found", "there is no case %s", ref ? ref : "");
	return 0;
}

/* Officers see the cases of their units; admins pass where allowed. */
static bool case_for(struct sb_req *rq, struct sb_resp *rs, const char *ref,
		     struct sb_case *c, bool admins_too)
{
	int64_t id = sb_case_resolve(rs, ref);
	if (!id)
		return false;
	if (!sb_case_load(id, c)) {
		sb_problem(rs, 404, "not-found", "there is no case %s", ref);
		return false;
	}
	if (!rq->me || !((admins_too && rq->me->admin) ||
			 sb_officer_in_unit(rq->me->id, c->unit_id))) {
		sb_problem(rs, 403, "forbidden",
			   "case %s belongs to a unit you are not a member of",
			   c->number);
		return false;
	}
	return true;
}

bool sb_case_find(struct sb_req *rq, struct sb_resp *rs, const char *ref,
		  struct sb_case *c)
{
	return case_for(rq, rs, ref, c, false);
}

bool case_at_path(struct sb_req *rq, struct sb_resp *rs, struct sb_case *c,
		  bool admins_too)
{
	return case_for(rq, rs, rq->nseg > 2 ? rq->seg[2] : "", c, admins_too);
}

/* ---- versions and preconditions --------------------------------------- */

void sb_case_etag(const struct sb_case *c, char buf[80])
{
	snprintf(buf, 80, "\"%lld.%lld\"", (long long)c->id,
		 (long long)c->version);
}

/* RFC 9110 strong comparison against each tag of an If-Match list. */
static bool if_match_ok(const char *hdr, const char *etag)
{
	size_t elen = strlen(etag);
	const char *p = hdr;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (!*p)
			break;
		if (*p == '*')
			return true;
		const char *start = p;
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		if (*p == '"') {
			p++;
			while (*p && *p != '"')
				p++;
			if (*p == '"')
				p++;
		} else {
			while (*p && *p != ',' && *p != ' ' && *p != '\t')
				p++;
		}
		if ((size_t)(p - start) == elen && strncmp(start, etag, elen) == 0)
			return true;
		while (*p && *p != ',')
			p++;
	}
	return false;
}

bool sb_case_precondition(struct sb_req *rq, struct sb_resp *rs,
			  const struct sb_case *c)
{
	char etag[80];
	sb_case_etag(c, etag);
	if (!rq->if_match || !*rq->if_match) {
		sb_problem(rs, 428, "precondition-required",
			   "changes to case %s need If-Match with the case ETag %s",
			   c->number, etag);
		return false;
	}
	if (if_match_ok(rq->if_match, etag))
		return true;

	sqlite3_stmt *st = sb_sql("SELECT c.changed_by, c.updated_at, o.username, "
				  "o.name FROM cases c LEFT JOIN officers o "
				  "ON o.id = c.changed_by_officer WHERE c.id = ?");
	char who[300] = "", at[32] = "";
	int64_t changed_at = 0;
	json_t *by = json_object();
	sqlite3_bind_int64(st, 1, c->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		changed_at = sqlite3_column_int64(st, 1);
		if (!col_null(st, 2)) {
			json_object_set_new(by, "username", sb_jstr(sb_col_text(st, 2)));
			json_object_set_new(by, "name", sb_jstr(sb_col_text(st, 3)));
			snprintf(who, sizeof who, "%s (%s)", sb_col_text(st, 3),
				 sb_col_text(st, 2));
		} else {
			json_object_set_new(by, "username", json_null());
			json_object_set_new(by, "name", sb_col_json_text(st, 0));
			snprintf(who, sizeof who, "%s", col_null(st, 0) ? ""
				 : sb_col_text(st, 0));
		}
	}
	sqlite3_reset(st);
	sb_fmt_ts(changed_at, at);

	json_t *ext = json_object();
	json_t *cur = sb_case_detail_json(c->id);
	json_object_set_new(ext, "current", cur ? cur : json_null());
	json_object_set_new(ext, "changed_by", by);
	json_object_set_new(ext, "changed_at", sb_ts(changed_at));
	if (*who)
		sb_problem_ext(rs, 412, "precondition-failed", ext,
			       "changed by %s at %s", who, at);
	else
		sb_problem_ext(rs, 412, "precondition-failed", ext,
			       "case %s changed at %s", c->number, at);
	/* after the problem: sb_problem clears the ETag */
	sb_case_etag(c, rs->etag);
	return false;
}

json_t *sb_case_write_body(struct sb_req *rq, struct sb_resp *rs,
			   struct sb_case *c)
{
	if (!case_at_path(rq, rs, c, false) || !sb_case_precondition(rq, rs, c))
		return NULL;
	return sb_body(rq, rs);
}

void sb_case_touch(struct sb_resp *rs, struct sb_case *c,
		   const struct sb_actor *actor)
{
	const struct sb_actor *a = actor ? actor : &sb_system;
	sqlite3_stmt *st = sb_sql("UPDATE cases SET version = version + 1, "
				  "updated_at = ?, changed_by = ?, "
				  "changed_by_officer = ? WHERE id = ?");
	sqlite3_bind_int64(st, 1, sb_now());
	sqlite3_bind_text(st, 2, a->name ? a->name : "", -1, SQLITE_TRANSIENT);
	if (a->officer_id)
		sqlite3_bind_int64(st, 3, a->officer_id);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int64(st, 4, c->id);
	sqlite3_step(st);
	sqlite3_reset(st);
	sb_case_load(c->id, c);
	if (rs)
		sb_case_etag(c, rs->etag);
}

/* ---- answers ---------------------------------------------------------- */

void case_answer_detail(struct sb_resp *rs, const struct sb_case *c)
{
	json_t *d = sb_case_detail_json(c->id);
	if (!d) {
		sb_problem(rs, 404, "not-found", "there is no case %s", c->number);
		return;
	}
	sb_json(rs, 200, d);
	sb_case_etag(c, rs->etag);
}

bool case_step_done(struct sb_resp *rs, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return true;
	sb_problem(rs, 500, "internal", "the database refused the change: %s",
		   sqlite3_errstr(rc));
	return false;
}

void case_changed(struct sb_req *rq, struct sb_resp *rs, struct sb_case *c,
		  const char *type, json_t *data)
{
	struct sb_actor me = sb_actor_of(rq);
	sb_case_touch(rs, c, &me);
	sb_event(c->id, type, &me, data);
	case_answer_detail(rs, c);
}

void h_case(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	if (case_at_path(rq, rs, &c, false))
		case_answer_detail(rs, &c);
}

/* ---- audit trail ------------------------------------------------------ */

/* The list rows carry (seq, seq, ...); the feed's builder reads its own
 * column order, so fetch the event again in that shape. */
static json_t *event_row(sqlite3_stmt *row, void *ctx)
{
	(void)ctx;
	sqlite3_stmt *st = sb_sql("SELECT " SB_EVENT_COLS " FROM events "
				  "WHERE seq = ?");
	json_t *ev = NULL;
	sqlite3_bind_int64(st, 1, sqlite3_column_int64(row, 1));
	if (sqlite3_step(st) == SQLITE_ROW)
		ev = sb_event_json(st);
	sqlite3_reset(st);
	return ev ? ev : json_object();
}

void h_case_events(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	if (!case_at_path(rq, rs, &c, false))
		return;
	const char *sort = sb_query(rq, "sort");
	bool desc = false;
	if (sort && *sort) {
		const char *name = sb_sort_parse(sort, &desc);
		if (strcmp(name, "seq") != 0) {
			sb_bad(rs, "sort", "events sort by seq or -seq");
			return;
		}
	}
	struct sb_list l = {
		.from = "FROM events e",
		.id_col = "e.seq",
		.where = "e.case_id = ?",
		.sort_expr = "e.seq",
		.sort_name = "seq",
		.desc = desc,
		.sort_int = true,
		.columns = "e.type",
		.row = event_row,
	};
	sb_list_bind_int(&l, c.id);
	sb_list_answer(rq, rs, &l);
}

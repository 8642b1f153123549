/*
 * case_assign.c — who handles a case: assigning an officer of the case's
 * unit (POST /cases/{id}/assignees) and removing one
 * (DELETE /cases/{id}/assignees/{officer}).
 */
#include "cases_internal.h"

/* The officer with this id, or 0. */
static int64_t officer_by_id(int64_t id)
{
	sqlite3_stmt *st = sb_sql("SELECT id FROM officers WHERE id = ?");
	int64_t found = 0;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		found = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return found;
}

/*
 * Run sql, a write to case_assignees that takes the case and the officer;
 * false after answering 500. sqlite3_changes() tells if anything changed.
 */
static bool assignee_write(struct sb_resp *rs, const char *sql,
			   const struct sb_case *c, int64_t officer)
{
	sqlite3_stmt *st = sb_sql(sql);
	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_int64(st, 2, officer);
	return case_step_done(rs, st);
}

/* Record the change of assignees with the officer it concerns. */
static void officer_changed(struct sb_req *rq, struct sb_resp *rs,
			    struct sb_case *c, const char *type,
			    int64_t officer)
{
	json_t *data = json_object();
	json_object_set_new(data, "officer", sb_officer_ref(officer));
	case_changed(rq, rs, c, type, data);
}

void h_case_assign(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	json_t *body;
	if (!(body = sb_case_write_body(rq, rs, &c)))
		return;

	json_t *v = json_object_get(body, "officer");
	int64_t officer = 0;
	if (json_is_string(v))
		officer = sb_officer_by_username(json_string_value(v));
	else if (json_is_integer(v))
		officer = officer_by_id(json_integer_value(v));
	else {
		sb_bad(rs, "officer", v && !json_is_null(v)
		       ? "'officer' must be a username or an officer id"
		       : "'officer' is required");
		return;
	}
	if (!officer) {
		sb_bad(rs, "officer", "there is no such officer");
		return;
	}
	if (!sb_officer_in_unit(officer, c.unit_id)) {
		sb_problem(rs, 409, "conflict",
			   "the officer is not a member of the unit that "
			   "handles case %s", c.number);
		return;
	}

	if (!assignee_write(rs, "INSERT OR IGNORE INTO case_assignees "
			    "(case_id, officer_id) VALUES (?, ?)", &c, officer))
		return;
	/* Assigning who is already assigned changes nothing. */
	if (sqlite3_changes(sb_db) > 0)
		officer_changed(rq, rs, &c, "case.assigned", officer);
	else
		case_answer_detail(rs, &c);
}

void h_case_unassign(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	if (!case_at_path(rq, rs, &c, false) ||
	    !sb_case_precondition(rq, rs, &c))
		return;
	const char *who = rq->nseg > 4 ? rq->seg[4] : "";
	int64_t id = 0;
	int64_t officer = sb_officer_by_username(who);
	if (!officer && sb_parse_id(who, &id))
		officer = officer_by_id(id);

	if (!assignee_write(rs, "DELETE FROM case_assignees "
			    "WHERE case_id = ? AND officer_id = ?", &c, officer))
		return;
	if (sqlite3_changes(sb_db) == 0) {
		sb_problem(rs, 404, "not-found", "%s is not assigned to case %s",
			   who, c.number);
		return;
	}
	officer_changed(rq, rs, &c, "case.unassigned", officer);
}

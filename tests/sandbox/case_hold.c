/*
 * case_hold.c — setting and lifting a legal hold on a case
 * (PUT /cases/{id}/legal-hold); a held case is never purged.
 */
#include "cases_internal.h"

#include <string.h>

void h_case_hold(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	json_t *body;
	bool active = false;
	const char *reason = NULL;

	/* Administrators may hold any case, not only their units' ones. */
	if (!case_at_path(rq, rs, &c, true) ||
	    !sb_case_precondition(rq, rs, &c) || !(body = sb_body(rq, rs)) ||
	    sb_field_bool(rs, body, "active", true, &active) < 0 ||
	    sb_field_str(rs, body, "reason", false, &reason) < 0)
		return;
	if (active && sb_blank(reason)) {
		sb_bad(rs, "reason", "a reason is required to set a legal hold");
		return;
	}
	if (!active)
		reason = NULL;

	/* Setting what is already set changes nothing, not even the version. */
	sqlite3_stmt *st = sb_sql("SELECT hold_active, coalesce(hold_reason, '') "
				  "FROM cases WHERE id = ?");
	bool same = false;
	sqlite3_bind_int64(st, 1, c.id);
	if (sqlite3_step(st) == SQLITE_ROW)
		same = (sqlite3_column_int(st, 0) != 0) == active &&
		       (!active || strcmp(sb_col_text(st, 1), reason) == 0);
	sqlite3_reset(st);
	if (same) {
		case_answer_detail(rs, &c);
		return;
	}

	st = sb_sql("UPDATE cases SET hold_active = ?, hold_reason = ?, "
		    "hold_by = ?, hold_at = ? WHERE id = ?");
	sqlite3_bind_int(st, 1, active);
	if (reason)
		sqlite3_bind_text(st, 2, reason, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int64(st, 3, rq->me->id);
	sqlite3_bind_int64(st, 4, sb_now());
	sqlite3_bind_int64(st, 5, c.id);
	if (!case_step_done(rs, st))
		return;

	json_t *data = json_object();
	json_object_set_new(data, "active", json_boolean(active));
	json_object_set_new(data, "reason", sb_jstr(reason));
	case_changed(rq, rs, &c, "case.legal_hold", data);
}

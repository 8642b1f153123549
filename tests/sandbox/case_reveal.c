/*
 * case_reveal.c — showing a party's full personal identity number
 * (POST /cases/{id}/parties/{party}/reveal), for officers with the
 * pin:reveal scope and a reason that goes into the audit trail.
 */
#include "cases_internal.h"

#include <stdio.h>
#include <string.h>

void h_party_reveal(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	json_t *body;
	const char *reason = NULL;
	int64_t party = 0;

	if (!case_at_path(rq, rs, &c, false))
		return;
	if (!rq->me->reveal) {
		sb_problem(rs, 403, "forbidden",
			   "revealing personal identity numbers needs the "
			   "pin:reveal scope");
		return;
	}
	sqlite3_stmt *st = sb_sql("SELECT kind, pnr FROM parties "
				  "WHERE id = ? AND case_id = ?");
	char kind[32] = "", pnr[16] = "";
	bool found = false;
	if (rq->nseg > 4 && sb_parse_id(rq->seg[4], &party)) {
		sqlite3_bind_int64(st, 1, party);
		sqlite3_bind_int64(st, 2, c.id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			found = true;
			snprintf(kind, sizeof kind, "%s", sb_col_text(st, 0));
			snprintf(pnr, sizeof pnr, "%s", sb_col_text(st, 1));
		}
		sqlite3_reset(st);
	}
	if (!found) {
		sb_problem(rs, 404, "not-found", "case %s has no party %s",
			   c.number, rq->nseg > 4 ? rq->seg[4] : "");
		return;
	}
	if (!(body = sb_body(rq, rs)) ||
	    sb_field_str(rs, body, "reason", true, &reason) < 0)
		return;
	if (sb_blank(reason)) {
		sb_bad(rs, "reason", "a reason is required; it is kept in the "
		       "audit trail");
		return;
	}
	if (strcmp(kind, "person") != 0 || !*pnr) {
		sb_problem(rs, 409, "conflict", "party %lld has no personal "
			   "identity number", (long long)party);
		return;
	}

	/* Audited: who, which party and why; never the number itself. */
	struct sb_actor me = sb_actor_of(rq);
	json_t *data = json_object();
	json_object_set_new(data, "party_id", json_integer(party));
	json_object_set_new(data, "reason", sb_jstr(reason));
	sb_event(c.id, "party.revealed", &me, data);

	json_t *out = json_object();
	json_object_set_new(out, "party_id", json_integer(party));
	json_object_set_new(out, "personal_number", sb_jstr(pnr));
	sb_json(rs, 200, out);
	rs->no_store = true;
}

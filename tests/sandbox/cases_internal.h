/*
 * cases_internal.h — helpers shared by the files that answer for one case
 * (cases.c, case_json.c, case_transitions.c, case_assign.c, case_hold.c,
 * case_reveal.c, case_create.c). Not part of the sandbox interface.
 */
#ifndef AKT_SANDBOX_CASES_INTERNAL_H
#define AKT_SANDBOX_CASES_INTERNAL_H

#include "sandbox.h"

#include <ctype.h>

static inline bool col_null(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL;
}

/* ---- case_json.c ---- */
/* The status object as seen from a case of e_service. */
json_t *case_status_in(const char *status_id, const char *e_service);
/* The retention period of e_service in days; false when it has no policy. */
bool case_policy_days(const char *e_service, int64_t *days);

/* ---- cases.c ---- */
/*
 * The case named by path segment 2 (the router guarantees it), for the
 * signed-in officer; admins_too lets administrators reach any case.
 * Answers 404/410/403 and returns false when it cannot be used.
 */
bool case_at_path(struct sb_req *rq, struct sb_resp *rs, struct sb_case *c,
		  bool admins_too);
/* 200 with the current detail and the case ETag. */
void case_answer_detail(struct sb_resp *rs, const struct sb_case *c);
/* Step a write statement; answers 500 and returns false if it failed. */
bool case_step_done(struct sb_resp *rs, sqlite3_stmt *st);
/*
 * After a write to c by the signed-in officer: new version, the event
 * type with data (reference taken), and the detail as the answer.
 */
void case_changed(struct sb_req *rq, struct sb_resp *rs, struct sb_case *c,
		  const char *type, json_t *data);

#endif

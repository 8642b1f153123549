/*
 * case_transitions.c — a case's status: the graph of allowed moves, the
 * list of moves open now (GET /cases/{id}/transitions) and making one
 * (POST), which also starts or stops the retention clock.
 */
#include "cases_internal.h"

#include <stdio.h>
#include <string.h>

#define MAX_STATUSES 64

struct status_row {
	char id[40];
	char category[20];
	int64_t ordinal;
	bool standard;
};

static int load_statuses(struct status_row *out, int max)
{
	sqlite3_stmt *st = sb_sql("SELECT id, category, ordinal, standard "
				  "FROM statuses ORDER BY ordinal, id");
	int n = 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		snprintf(out[n].id, sizeof out[n].id, "%s", sb_col_text(st, 0));
		snprintf(out[n].category, sizeof out[n].category, "%s",
			 sb_col_text(st, 1));
		out[n].ordinal = sqlite3_column_int64(st, 2);
		out[n].standard = sqlite3_column_int(st, 3) != 0;
		n++;
	}
	sqlite3_reset(st);
	return n;
}

static const struct status_row *status_find(const struct status_row *all,
					    int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (strcmp(all[i].id, id) == 0)
			return &all[i];
	return NULL;
}

static bool service_has(const char *e_service, const char *status)
{
	sqlite3_stmt *st = sb_sql("SELECT 1 FROM service_statuses "
				  "WHERE e_service = ? AND status = ?");
	sqlite3_bind_text(st, 1, e_service, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_TRANSIENT);
	bool has = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return has;
}

/*
 * The graph: submitted → registered, in_progress; registered →
 * in_progress, closed; in_progress → the service's custom statuses,
 * closed; custom → in_progress, closed, decision_made; closed →
 * in_progress (reopening).
 */
static bool may_move(const char *e_service, const struct status_row *from,
		     const struct status_row *to)
{
	const char *f = from ? from->id : "", *t = to->id;
	if (strcmp(f, t) == 0)
		return false;
	if (!to->standard && !service_has(e_service, t))
		return false;
	bool to_progress = strcmp(t, "in_progress") == 0;
	bool to_closed = strcmp(t, "closed") == 0;
	if (!from || !from->standard)
		return to_progress || to_closed || strcmp(t, "decision_made") == 0;
	if (strcmp(f, "submitted") == 0)
		return strcmp(t, "registered") == 0 || to_progress;
	if (strcmp(f, "registered") == 0)
		return to_progress || to_closed;
	if (strcmp(f, "in_progress") == 0)
		return !to->standard || to_closed;
	if (strcmp(f, "closed") == 0)
		return to_progress;
	return false;
}

/* The statuses c may move to now, as status objects (wrapped as
 * transition items when wrap is set). */
static json_t *allowed_json(const struct sb_case *c,
			    const struct status_row *all, int n, bool wrap)
{
	const struct status_row *from = status_find(all, n, c->status);
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		if (!may_move(c->e_service, from, &all[i]))
			continue;
		json_t *s = case_status_in(all[i].id, c->e_service);
		if (wrap) {
			json_t *item = json_object();
			json_object_set_new(item, "to", s);
			json_object_set_new(item, "notify_default", json_true());
			s = item;
		}
		json_array_append_new(arr, s);
	}
	return arr;
}

void h_case_transitions(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	struct status_row all[MAX_STATUSES];
	if (!case_at_path(rq, rs, &c, false))
		return;
	int n = load_statuses(all, MAX_STATUSES);
	json_t *body = json_object();
	json_object_set_new(body, "from",
			    case_status_in(c.status, c.e_service));
	json_object_set_new(body, "items", allowed_json(&c, all, n, true));
	sb_json(rs, 200, body);
}

void h_case_transition(struct sb_req *rq, struct sb_resp *rs)
{
	struct sb_case c;
	struct status_row all[MAX_STATUSES];
	const char *to = NULL, *comment = NULL;
	bool notify = true;
	json_t *body;

	if (!(body = sb_case_write_body(rq, rs, &c)) ||
	    sb_field_str(rs, body, "to", true, &to) < 0 ||
	    sb_field_str(rs, body, "comment", false, &comment) < 0 ||
	    sb_field_bool(rs, body, "notify", false, &notify) < 0)
		return;

	int n = load_statuses(all, MAX_STATUSES);
	const struct status_row *target = status_find(all, n, to);
	if (!target) {
		sb_bad(rs, "to", "there is no status '%s'", to);
		return;
	}
	const struct status_row *from = status_find(all, n, c.status);
	if (!may_move(c.e_service, from, target)) {
		json_t *ext = json_object();
		json_object_set_new(ext, "from",
				    case_status_in(c.status, c.e_service));
		json_object_set_new(ext, "to", sb_jstr(to));
		json_object_set_new(ext, "allowed", allowed_json(&c, all, n, false));
		sb_problem_ext(rs, 409, "invalid-transition", ext,
			       "case %s cannot go from %s to %s", c.number,
			       c.status, to);
		return;
	}

	/* Closing starts the retention clock; reopening stops it. */
	int64_t now = sb_now();
	int64_t closed_at = c.closed_at, purge_at = c.purge_at;
	if (strcmp(target->category, "closed") == 0) {
		closed_at = now;
		purge_at = 0;
		int64_t days;
		if (case_policy_days(c.e_service, &days) && days > 0)
			purge_at = now + days * 86400;
	} else if (strcmp(c.category, "closed") == 0) {
		closed_at = purge_at = 0;
	}

	sqlite3_stmt *st = sb_sql("UPDATE cases SET status = ?, category = ?, "
				  "status_ord = ?, closed_at = ?, purge_at = ? "
				  "WHERE id = ?");
	sqlite3_bind_text(st, 1, target->id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, target->category, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, target->ordinal);
	if (closed_at)
		sqlite3_bind_int64(st, 4, closed_at);
	else
		sqlite3_bind_null(st, 4);
	if (purge_at)
		sqlite3_bind_int64(st, 5, purge_at);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_int64(st, 6, c.id);
	if (!case_step_done(rs, st))
		return;

	json_t *data = json_object();
	json_object_set_new(data, "from",
			    case_status_in(c.status, c.e_service));
	json_object_set_new(data, "to",
			    case_status_in(target->id, c.e_service));
	json_object_set_new(data, "comment", sb_jstr(comment));
	json_object_set_new(data, "notify", json_boolean(notify));
	case_changed(rq, rs, &c, "case.status_changed", data);
}

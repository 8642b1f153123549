/*
 * events.c — who did something, and the event log that is both the audit
 * trail of a case and the change feed.
 */
#include "sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct sb_actor sb_system = {"system", "Systemet", 0};

struct sb_actor sb_actor_of(const struct sb_req *rq)
{
	struct sb_actor a = sb_system;

	/* Only authenticated routes have an officer; others act as system. */
	if (rq && rq->me) {
		a.kind = "officer";
		a.name = rq->me->name;
		a.officer_id = rq->me->id;
	}
	return a;
}

int64_t sb_event(int64_t case_id, const char *type,
		 const struct sb_actor *actor, json_t *data)
{
	const struct sb_actor *a = actor ? actor : &sb_system;
	char *text;
	sqlite3_stmt *st;
	int64_t seq = 0;

	if (!data)
		data = json_object();
	text = json_dumps(data, JSON_COMPACT);
	json_decref(data);
	if (!text)
		text = strdup("{}");
	if (!text)
		return 0;

	/*
	 * The case columns are copied into the event so the feed can filter
	 * by unit and still name the case after it has been purged.
	 */
	st = sb_sql("INSERT INTO events (case_id, case_number, queue_id, "
		    "unit_id, type, at, actor_kind, actor_name, actor_officer, "
		    "data) "
		    "SELECT c.id, c.number, c.queue_id, q.unit_id, ?2, ?3, ?4, "
		    "?5, ?6, ?7 FROM cases c JOIN queues q ON q.id = c.queue_id "
		    "WHERE c.id = ?1 "
		    "UNION ALL SELECT NULL, NULL, NULL, NULL, ?2, ?3, ?4, ?5, "
		    "?6, ?7 WHERE ?1 = 0");
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, type, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, sb_now());
	sqlite3_bind_text(st, 4, a->kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, a->name ? a->name : "", -1,
			  SQLITE_TRANSIENT);
	if (a->officer_id)
		sqlite3_bind_int64(st, 6, a->officer_id);
	else
		sqlite3_bind_null(st, 6);
	sqlite3_bind_text(st, 7, text, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_DONE && sqlite3_changes(sb_db) > 0)
		seq = sqlite3_last_insert_rowid(sb_db);
	sqlite3_reset(st);
	free(text);

	/* Waiting feed readers take the lock again only after we commit. */
	if (seq)
		pthread_cond_broadcast(&sb_feed_cond);
	return seq;
}

json_t *sb_event_json(sqlite3_stmt *st)
{
	char seq[24];
	json_t *ev, *actor, *kase = json_null(), *data = NULL;
	int64_t officer;

	snprintf(seq, sizeof seq, "%lld",
		 (long long)sqlite3_column_int64(st, 0));

	officer = sqlite3_column_int64(st, 5);
	actor = json_pack("{s:s, s:s, s:o?}",
			  "kind", sb_col_text(st, 3),
			  "name", sb_col_text(st, 4),
			  "officer", officer ? sb_officer_ref(officer) : NULL);

	if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
		json_decref(kase);
		kase = json_pack("{s:I, s:s, s:o}",
				 "id", (json_int_t)sqlite3_column_int64(st, 6),
				 "number", sb_col_text(st, 7),
				 "queue_id",
				 sqlite3_column_type(st, 8) == SQLITE_NULL
					 ? json_null()
					 : json_integer(sqlite3_column_int64(st, 8)));
	}

	data = json_loads(sb_col_text(st, 9), 0, NULL);
	if (!json_is_object(data)) {
		json_decref(data);
		data = json_object();
	}

	ev = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}",
		       "seq", seq,
		       "type", sb_col_text(st, 1),
		       "at", sb_col_json_ts(st, 2),
		       "actor", actor ? actor : json_null(),
		       "case", kase ? kase : json_null(),
		       "data", data);
	return ev ? ev : json_object();
}

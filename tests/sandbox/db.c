/* db.c — the SQLite store: opening, schema, cached statements. */
#include "sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sqlite3 *sb_db;

static const char schema_sql[] =
#include "schema.inc"
	;

/* Statements are cached by the address of their static SQL text. */
struct stmt_slot {
	const char *sql;
	sqlite3_stmt *st;
};
static struct stmt_slot *slots;
static size_t nslots, capslots;

int sb_db_open(const char *path, bool *fresh)
{
	if (sqlite3_open_v2(path, &sb_db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
		fprintf(stderr, "akt-sandbox: cannot open database %s: %s\n",
			path, sqlite3_errmsg(sb_db));
		return -1;
	}
	sqlite3_busy_timeout(sb_db, 5000);
	/* WAL keeps readers of other processes (inspection, tests) unblocked;
	 * synchronous=NORMAL is durable across process crashes in WAL mode. */
	if (!sb_exec("PRAGMA journal_mode = WAL") ||
	    !sb_exec("PRAGMA synchronous = NORMAL") ||
	    !sb_exec("PRAGMA foreign_keys = ON"))
		return -1;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(sb_db, "SELECT count(*) FROM sqlite_master "
			       "WHERE type = 'table' AND name = 'cases'", -1,
			       &st, NULL) != SQLITE_OK)
		return -1;
	*fresh = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;
	sqlite3_finalize(st);
	if (*fresh) {
		char *err = NULL;
		if (sqlite3_exec(sb_db, schema_sql, NULL, NULL, &err) != SQLITE_OK) {
			fprintf(stderr, "akt-sandbox: cannot create schema in %s: %s\n",
				path, err ? err : "?");
			sqlite3_free(err);
			return -1;
		}
	}
	return 0;
}

void sb_db_close(void)
{
	for (size_t i = 0; i < nslots; i++)
		sqlite3_finalize(slots[i].st);
	free(slots);
	slots = NULL;
	nslots = capslots = 0;
	sqlite3_close(sb_db);
	sb_db = NULL;
}

sqlite3_stmt *sb_sql(const char *sql)
{
	for (size_t i = 0; i < nslots; i++) {
		if (slots[i].sql == sql) {
			sqlite3_reset(slots[i].st);
			sqlite3_clear_bindings(slots[i].st);
			return slots[i].st;
		}
	}
	if (nslots == capslots) {
		capslots = capslots ? capslots * 2 : 64;
		slots = realloc(slots, capslots * sizeof *slots);
		if (!slots)
			abort();
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v3(sb_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
			       NULL) != SQLITE_OK) {
		fprintf(stderr, "akt-sandbox: bad SQL (%s): %s\n",
			sqlite3_errmsg(sb_db), sql);
		abort();
	}
	slots[nslots].sql = sql;
	slots[nslots].st = st;
	nslots++;
	return st;
}

bool sb_exec(const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(sb_db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "akt-sandbox: %s: %s\n", sql, err ? err : "?");
		sqlite3_free(err);
		return false;
	}
	return true;
}

const char *sb_col_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? (const char *)t : "";
}

json_t *sb_col_json_text(sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return json_null();
	json_t *s = json_string(sb_col_text(st, col));
	/* stored text is ours and valid UTF-8; guard anyway */
	return s ? s : json_null();
}

json_t *sb_col_json_ts(sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return json_null();
	return sb_ts(sqlite3_column_int64(st, col));
}

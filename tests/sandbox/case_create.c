/*
 * case_create.c — a citizen files a new case: its case and diary numbers,
 * and a generated applicant when the filing names none.
 */
#include "cases_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* A valid personal identity number (Luhn over the last ten digits). */
static void make_pnr(uint64_t seed, char out[13])
{
	uint64_t x = mix64(seed);
	int year = 1945 + (int)(x % 60);
	int month = 1 + (int)((x >> 8) % 12);
	int day = 1 + (int)((x >> 16) % 28);
	int serial = (int)((x >> 24) % 1000);
	char nine[10];
	snprintf(nine, sizeof nine, "%02d%02d%02d%03d", year % 100, month, day,
		 serial);
	int sum = 0;
	for (int i = 0; i < 9; i++) {
		int d = (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);
		sum += d > 9 ? d - 9 : d;
	}
	snprintf(out, 13, "%04d%02d%02d%03d%d", year, month, day, serial,
		 (10 - sum % 10) % 10);
}

static bool number_taken(const char *number)
{
	sqlite3_stmt *st = sb_sql("SELECT 1 FROM cases WHERE number = ?1 "
				  "UNION ALL SELECT 1 FROM purged_cases "
				  "WHERE number = ?1");
	sqlite3_bind_text(st, 1, number, -1, SQLITE_TRANSIENT);
	bool taken = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return taken;
}

/* Whether any case (live or purged) has a number of prefix and year. */
static bool year_started(const char *prefix, int year)
{
	char lo[48], hi[48];
	snprintf(lo, sizeof lo, "%s-%04d-", prefix, year);
	snprintf(hi, sizeof hi, "%s-%04d.", prefix, year);  /* '.' follows '-' */
	sqlite3_stmt *st = sb_sql("SELECT 1 FROM cases WHERE number >= ?1 AND "
				  "number < ?2 UNION ALL SELECT 1 FROM "
				  "purged_cases WHERE number >= ?1 AND number < ?2");
	sqlite3_bind_text(st, 1, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, hi, -1, SQLITE_TRANSIENT);
	bool started = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return started;
}

/*
 * Diary numbers look like "SBN 2026/123": the registry's abbreviation
 * (taken from the service's existing cases, else from the unit) and the
 * next number of the year in that registry.
 */
static void make_diary(const char *e_service, int64_t unit_id, int year,
		       char out[96])
{
	static const char *const unit_abbr[] = {"DNR", "SBN", "SN", "UN", "MN",
						"TN"};
	char abbr[24] = "";
	sqlite3_stmt *st = sb_sql("SELECT diary_number FROM cases "
				  "WHERE e_service = ? ORDER BY id DESC LIMIT 1");
	sqlite3_bind_text(st, 1, e_service, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *d = sb_col_text(st, 0);
		const char *sp = strchr(d, ' ');
		if (sp && sp > d && (size_t)(sp - d) < sizeof abbr)
			snprintf(abbr, sizeof abbr, "%.*s", (int)(sp - d), d);
	}
	sqlite3_reset(st);
	if (!*abbr)
		snprintf(abbr, sizeof abbr, "%s",
			 unit_abbr[unit_id >= 1 && unit_id <= 5 ? unit_id : 0]);

	char pattern[48];
	int plen = snprintf(pattern, sizeof pattern, "%s %04d/", abbr, year);
	st = sb_sql("SELECT max(CAST(substr(diary_number, ?2) AS INTEGER)) "
		    "FROM cases WHERE substr(diary_number, 1, ?3) = ?1");
	sqlite3_bind_text(st, 1, pattern, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, plen + 1);
	sqlite3_bind_int(st, 3, plen);
	int64_t next = 1;
	if (sqlite3_step(st) == SQLITE_ROW)
		next = sqlite3_column_int64(st, 0) + 1;
	sqlite3_reset(st);
	snprintf(out, 96, "%s%lld", pattern, (long long)next);
}

int64_t sb_case_create(const char *e_service, const char *title,
		       const char *applicant, int64_t created_at)
{
	static const char *const names[] = {
		"Åsa Öberg", "Björn Ängström", "Märta Lindén", "Göran Åhlund",
		"Sofia Bäckström", "Örjan Nyqvist", "Linnéa Håkansson",
		"Ali Hassan",
	};
	char prefix[16], svc_name[128], number[64], diary[96], pnr[13];
	int64_t queue_id, unit_id, seq;

	sqlite3_stmt *st = sb_sql("SELECT prefix, queue_id, unit_id, next_seq, "
				  "name_sv FROM e_services WHERE id = ?");
	sqlite3_bind_text(st, 1, e_service ? e_service : "", -1,
			  SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return 0;
	}
	snprintf(prefix, sizeof prefix, "%s", sb_col_text(st, 0));
	queue_id = sqlite3_column_int64(st, 1);
	unit_id = sqlite3_column_int64(st, 2);
	seq = sqlite3_column_int64(st, 3);
	snprintf(svc_name, sizeof svc_name, "%s", sb_col_text(st, 4));
	sqlite3_reset(st);

	/* Numbers run per service and year: a new year starts again at 1. */
	time_t tt = (time_t)created_at;
	struct tm tm;
	gmtime_r(&tt, &tm);
	int year = tm.tm_year + 1900;
	if (!year_started(prefix, year) || seq < 1)
		seq = 1;
	for (;; seq++) {
		snprintf(number, sizeof number, "%s-%04d-%06lld", prefix, year,
			 (long long)seq);
		if (!number_taken(number))
			break;
	}
	st = sb_sql("UPDATE e_services SET next_seq = ? WHERE id = ?");
	sqlite3_bind_int64(st, 1, seq + 1);
	sqlite3_bind_text(st, 2, e_service, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	make_diary(e_service, unit_id, year, diary);

	uint64_t h = sb_fnv1a(number, strlen(number)) ^ (uint64_t)created_at;
	const char *who = applicant && !sb_blank(applicant) ? applicant
			  : names[mix64(h) % (sizeof names / sizeof *names)];
	char deftitle[192];
	snprintf(deftitle, sizeof deftitle, "Ansökan: %s", svc_name);
	const char *what = title && !sb_blank(title) ? title : deftitle;
	make_pnr(h, pnr);

	size_t slen = strlen(number) + strlen(diary) + strlen(what) +
		      strlen(who) + 4;
	char *plain = malloc(slen);
	if (!plain)
		abort();
	snprintf(plain, slen, "%s %s %s %s", number, diary, what, who);
	char *search = sb_fold(plain);
	free(plain);

	st = sb_sql("INSERT INTO cases (number, diary_number, title, e_service, "
		    "queue_id, status, category, status_ord, priority, "
		    "created_at, updated_at, version, changed_by, unread, search) "
		    "SELECT ?1, ?2, ?3, ?4, ?5, s.id, s.category, s.ordinal, 1, "
		    "?6, ?6, 1, ?7, 0, ?8 FROM statuses s WHERE s.id = 'submitted'");
	sqlite3_bind_text(st, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, diary, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, what, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, e_service, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, queue_id);
	sqlite3_bind_int64(st, 6, created_at);
	sqlite3_bind_text(st, 7, who, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, search, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	free(search);
	if (rc != SQLITE_DONE || sqlite3_changes(sb_db) == 0)
		return 0;
	int64_t id = sqlite3_last_insert_rowid(sb_db);

	st = sb_sql("INSERT INTO parties (case_id, role, kind, name, pnr) "
		    "VALUES (?, 'applicant', 'person', ?, ?)");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, who, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, pnr, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return 0;

	struct sb_actor citizen = {"citizen", who, 0};
	sb_event(id, "case.created", &citizen, NULL);
	return id;
}

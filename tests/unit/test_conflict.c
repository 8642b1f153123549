/*
 * test_conflict.c — the officer's messages for refused case writes,
 * built from answers captured from the reference platform: who changed
 * the case and when (in local time, the date only when not today), the
 * allowed statuses in the officer's language, and names made safe.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/conflict.h"
#include "json_fixture.h"

/* POST /v1/cases/29/transitions with the tag from before maria
 * assigned herself. */
static const char real_412[] =
	"{\"type\":\"urn:akt:problem:precondition-failed\",\"title\":\"Th"
	"e resource has changed\",\"status\":412,\"detail\":\"changed by "
	"Maria Björk (maria) at 2026-11-23T02:24:10Z\",\"instance\":\"/v1"
	"/cases/29/transitions\",\"current\":{\"id\":29,\"number\":\"BYGG"
	"-2026-000003\",\"diary_number\":\"SBN 2026/4\",\"title\":\"Ansök"
	"an: Bygglov\",\"e_service\":{\"id\":\"bygglov\",\"name\":{\"sv\""
	":\"Bygglov\",\"en\":\"Building permit\"}},\"queue_id\":1,\"statu"
	"s\":{\"id\":\"submitted\",\"name\":{\"sv\":\"Inskickat\",\"en\":"
	"\"Submitted\"},\"category\":\"submitted\",\"standard\":true,\"e_"
	"service\":null},\"applicant\":{\"name\":\"Åsa Öberg\",\"personal"
	"_number\":\"19731004-****\"},\"assignees\":[{\"id\":5,\"username"
	"\":\"maria\",\"name\":\"Maria Björk\"}],\"priority\":\"normal\","
	"\"created_at\":\"2026-11-23T02:24:08Z\",\"updated_at\":\"2026-11"
	"-23T02:24:10Z\",\"deadline\":null,\"version\":2,\"parties\":[{\""
	"id\":36,\"role\":\"applicant\",\"kind\":\"person\",\"name\":\"Ås"
	"a Öberg\",\"personal_number\":\"19731004-****\",\"signing\":null"
	",\"represents\":null,\"email\":null,\"phone\":null}],\"documents"
	"\":[],\"retention\":{\"closed_at\":null,\"purge_at\":null,\"lega"
	"l_hold\":{\"active\":false,\"reason\":null,\"set_at\":null,\"set"
	"_by\":null},\"policy_days\":3650}},\"changed_by\":{\"username\":"
	"\"maria\",\"name\":\"Maria Björk\"},\"changed_at\":\"2026-11-23T"
	"02:24:10Z\"}";

/* The same after a citizen's message (no username). */
static const char citizen_412[] =
	"{\"type\":\"urn:akt:problem:precondition-failed\",\"title\":"
	"\"The resource has changed\",\"status\":412,\"detail\":\"changed by "
	"Åsa Öberg at 2026-11-23T02:24:17Z\",\"instance\":"
	"\"/v1/cases/29/assignees\",\"changed_by\":{\"username\":null,"
	"\"name\":\"Åsa Öberg\"},\"changed_at\":\"2026-11-23T02:24:17Z\"}";

/* Closing a case that is Inskickat. */
static const char real_409[] =
	"{\"type\":\"urn:akt:problem:invalid-transition\",\"title\":\"Status "
	"change not allowed\",\"status\":409,\"detail\":\"case BYGG-2026-"
	"000003 cannot go from submitted to closed\",\"instance\":\"/v1/cases"
	"/29/transitions\",\"from\":{\"id\":\"submitted\",\"name\":{\"sv\":"
	"\"Inskickat\",\"en\":\"Submitted\"},\"category\":\"submitted\","
	"\"standard\":true,\"e_service\":null},\"to\":\"closed\",\"allowed\":"
	"[{\"id\":\"registered\",\"name\":{\"sv\":\"Registrerat\",\"en\":"
	"\"Registered\"},\"category\":\"registered\",\"standard\":true,"
	"\"e_service\":null},{\"id\":\"in_progress\",\"name\":{\"sv\":\"Under "
	"handläggning\",\"en\":\"In progress\"},\"category\":\"in_progress\","
	"\"standard\":true,\"e_service\":null}]}";

#define NOV23_1000Z ((time_t)1795428000)   /* 2026-11-23T10:00:00Z */

static void set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void check_changed(const char *body, const char *tz, time_t now,
			  const char *want)
{
	json_t *j = parse(body);
	char *text;

	set_tz(tz);
	text = akt_changed_text("29", j, now);
	assert_string_equal(text, want);
	free(text);
	json_decref(j);
}

/* The case number comes from "current"; today: the time alone. */
static void changed_today_utc(void **state)
{
	(void)state;
	check_changed(real_412, "UTC", NOV23_1000Z,
		      "BYGG-2026-000003 was changed by maria at 02:24 since "
		      "you loaded it; run 'akt show BYGG-2026-000003' and try "
		      "again");
}

/* Local time, as TZ says (Stockholm is UTC+1 in November). */
static void changed_local_time(void **state)
{
	(void)state;
	check_changed(real_412, "Europe/Stockholm", NOV23_1000Z,
		      "BYGG-2026-000003 was changed by maria at 03:24 since "
		      "you loaded it; run 'akt show BYGG-2026-000003' and try "
		      "again");
	/* a POSIX rule needs no time zone files */
	check_changed(real_412, "XST-5", NOV23_1000Z,
		      "BYGG-2026-000003 was changed by maria at 07:24 since "
		      "you loaded it; run 'akt show BYGG-2026-000003' and try "
		      "again");
}

/* Another day: the date too. "Today" is the local day: 02:24Z is still
 * the 22nd seven hours west of UTC. */
static void changed_other_day(void **state)
{
	(void)state;
	check_changed(real_412, "UTC", NOV23_1000Z + 86400,
		      "BYGG-2026-000003 was changed by maria at 2026-11-23 02:24 "
		      "since you loaded it; run 'akt show BYGG-2026-000003' and "
		      "try again");
	check_changed(real_412, "XST7", NOV23_1000Z,
		      "BYGG-2026-000003 was changed by maria at 2026-11-22 19:24 "
		      "since you loaded it; run 'akt show BYGG-2026-000003' and "
		      "try again");
}

/* A citizen has a name but no username; without "current" the number
 * given is used. */
static void changed_by_citizen(void **state)
{
	(void)state;
	check_changed(citizen_412, "UTC", NOV23_1000Z,
		      "29 was changed by Åsa Öberg at 02:24 since you loaded "
		      "it; run 'akt show 29' and try again");
}

/* Nothing said about who or when: still one useful line. */
static void changed_unknown(void **state)
{
	(void)state;
	check_changed("{\"type\":\"urn:akt:problem:precondition-failed\"}",
		      "UTC", NOV23_1000Z,
		      "29 was changed by someone else since you loaded it; run "
		      "'akt show 29' and try again");
	check_changed("[\"not a problem\"]", "UTC", NOV23_1000Z,
		      "29 was changed by someone else since you loaded it; run "
		      "'akt show 29' and try again");
}

/* Names from the platform cannot reach the terminal raw. */
static void changed_sanitized(void **state)
{
	(void)state;
	check_changed("{\"current\":{\"number\":\"X\\u001b[2J\"},"
		      "\"changed_by\":{\"username\":\"e\\u001b]0;pwned\\u0007rik"
		      "\\u202e\"},\"changed_at\":\"2026-11-23T02:24:10Z\"}",
		      "UTC", NOV23_1000Z,
		      "X␛[2J was changed by e␛]0;pwned␇rik at 02:24 since you "
		      "loaded it; run 'akt show X␛[2J' and try again");
}

static void not_allowed(void **state)
{
	json_t *j = parse(real_409);
	char *sv = akt_not_allowed_problem(j, "sv");
	char *en = akt_not_allowed_problem(j, "en");
	char *none = akt_not_allowed_text("Avslutat", NULL, 0);
	const char *bad[] = { "Ok\x1b[31m", "B\xff" };
	char *safe = akt_not_allowed_text("A\nB", bad, 2);
	json_t *empty = parse("{\"from\":{\"id\":\"x\"}}");

	(void)state;
	assert_string_equal(sv, "not allowed from Inskickat (allowed: "
			    "Registrerat, Under handläggning)");
	assert_string_equal(en, "not allowed from Submitted (allowed: "
			    "Registered, In progress)");
	assert_string_equal(none, "not allowed from Avslutat (nothing is "
			    "allowed now)");
	assert_string_equal(safe, "not allowed from A B (allowed: Ok␛[31m, "
			    "B\xef\xbf\xbd)");
	/* no list: not an invalid-transition body */
	assert_null(akt_not_allowed_problem(empty, "sv"));
	free(sv);
	free(en);
	free(none);
	free(safe);
	json_decref(j);
	json_decref(empty);
}

/* Platform names follow the language of akt's messages (test_i18n.c
 * has the details); the tests need the sv_SE.UTF-8 locale (make deps). */
static void lang(void **state)
{
	(void)state;
	unsetenv("LANGUAGE");
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	assert_string_equal(akt_ui_lang(), "en");
	assert_non_null(setlocale(LC_ALL, "sv_SE.UTF-8"));
	assert_string_equal(akt_ui_lang(), "sv");
	setlocale(LC_ALL, "C");
}

/* Exit codes: someone else's change and a refused move are conflicts;
 * a 428 is akt's own (or a proxy's) fault. */
static void exit_codes(void **state)
{
	json_t *j412 = parse(real_412), *j409 = parse(real_409);
	struct akt_problem p412 = { .status = 412,
				    .type = (char *)"precondition-failed" };
	struct akt_problem p409 = { .status = 409,
				    .type = (char *)"invalid-transition" };
	struct akt_problem p428 = { .status = 428,
				    .type = (char *)"precondition-required" };
	struct akt_reply r = { .result = AKT_E_CONFLICT, .error = "x" };

	(void)state;
	r.status = 412, r.json = j412, r.problem = &p412;
	assert_int_equal(akt_conflict_fail(&r, "29", "change 29 to x"), 3);
	r.status = 409, r.json = j409, r.problem = &p409;
	assert_int_equal(akt_conflict_fail(&r, "29", "change 29 to x"), 3);
	r.status = 428, r.json = NULL, r.problem = &p428;
	assert_int_equal(akt_conflict_fail(&r, "29", "change 29 to x"), 4);
	r.status = 403, r.result = AKT_E_REFUSED, r.problem = NULL;
	assert_int_equal(akt_conflict_fail(&r, "29", "change 29 to x"), 2);
	json_decref(j412);
	json_decref(j409);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(changed_today_utc),
		cmocka_unit_test(changed_local_time),
		cmocka_unit_test(changed_other_day),
		cmocka_unit_test(changed_by_citizen),
		cmocka_unit_test(changed_unknown),
		cmocka_unit_test(changed_sanitized),
		cmocka_unit_test(not_allowed),
		cmocka_unit_test(lang),
		cmocka_unit_test(exit_codes),
	};
	return cmocka_run_group_tests_name("conflict messages", tests, NULL,
					   NULL);
}

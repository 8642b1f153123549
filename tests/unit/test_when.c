/*
 * test_when.c — platform timestamps in local time, to the minute.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/when.h"

#include <time.h>

static void check(const char *ts, const char *want)
{
	char out[AKT_WHEN_LEN];

	assert_string_equal(akt_when(ts, out), want);
}

static void test_utc(void **state)
{
	setenv("TZ", "UTC", 1);
	tzset();
	check("2026-11-23T14:02:59Z", "2026-11-23 14:02");
	check("2026-11-23T14:02:00.123Z", "2026-11-23 14:02");
	check("2026-11-23T15:02:00+01:00", "2026-11-23 14:02");
	check("2026-11-23T00:30:00-02:30", "2026-11-23 03:00");
}

static void test_stockholm(void **state)
{
	/* Swedish time as a POSIX rule: no time zone files needed */
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	/* winter: UTC+1; summer: UTC+2 */
	check("2026-11-23T14:02:00Z", "2026-11-23 15:02");
	check("2026-07-01T22:30:00Z", "2026-07-02 00:30");
	setenv("TZ", "UTC", 1);
	tzset();
}

static void test_not_a_time(void **state)
{
	char out[AKT_WHEN_LEN], longer[200];

	/* shown as sent, made safe */
	check("igår \x1b[2J", "igår \xe2\x90\x9b[2J");
	check("2026-11-23", "2026-11-23");
	check("2026-11-23T14:02:00", "2026-11-23T14:02:00");
	check("2026-11-23T14:02:00+0100", "2026-11-23T14:02:00+0100");
	check(NULL, "");
	/* cut short, never inside a character */
	memset(longer, 0, sizeof(longer));
	for (size_t i = 0; i + 2 < sizeof(longer) - 1; i += 2)
		memcpy(longer + i, "\xc3\xa5", 2);
	akt_when(longer, out);
	assert_true(strlen(out) < AKT_WHEN_LEN);
	assert_int_equal(strlen(out) % 2, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utc),
		cmocka_unit_test(test_stockholm),
		cmocka_unit_test(test_not_a_time),
	};

	return cmocka_run_group_tests_name("when", tests, NULL, NULL);
}

/*
 * test_case_columns.c — the case list's columns at 80 columns and wider,
 * and the short dates of its cells.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/case_columns.h"
#include "akt/when.h"

/* The columns shown never overlap and end within the width. */
static void fits(const struct akt_case_cols *c, int cols)
{
	int end = AKT_CC_GUTTER;

	for (int i = 0; i < AKT_CC_COUNT; i++) {
		if (!c->w[i])
			continue;
		assert_true(c->x[i] >= end);
		end = c->x[i] + c->w[i];
	}
	assert_true(end <= cols);
}

static void test_80(void **state)
{
	struct akt_case_cols c;

	(void)state;
	akt_case_cols_layout(&c, 80, 0, true);
	fits(&c, 80);
	/* every column that matters, none of the extras */
	assert_int_equal(c.x[AKT_CC_NUMBER], AKT_CC_GUTTER);
	assert_int_equal(c.w[AKT_CC_NUMBER], 16);      /* BYGG-2026-000123 */
	assert_int_equal(c.w[AKT_CC_STATUS], 11);      /* Registrerat */
	assert_int_equal(c.w[AKT_CC_ESERVICE], 8);
	assert_int_equal(c.w[AKT_CC_APPLICANT], 15);
	assert_int_equal(c.x[AKT_CC_STATUS], 3 + 16 + 1);
	assert_int_equal(c.w[AKT_CC_TITLE], 0);
	assert_int_equal(c.w[AKT_CC_ASSIGNEE], 6);
	assert_int_equal(c.w[AKT_CC_UPDATED], 5);
	assert_int_equal(c.w[AKT_CC_DUE], 6);
	assert_int_equal(c.w[AKT_CC_UNREAD], 3);
	/* the unread mark sits in the last column */
	assert_int_equal(c.x[AKT_CC_UNREAD] + c.w[AKT_CC_UNREAD], 80);
}

static void test_options(void **state)
{
	struct akt_case_cols c;

	(void)state;
	/* "STRAND-2026-000123" is read whole; the applicant gives way */
	akt_case_cols_layout(&c, 80, 18, true);
	fits(&c, 80);
	assert_int_equal(c.w[AKT_CC_NUMBER], 18);
	assert_int_equal(c.w[AKT_CC_APPLICANT], 13);
	/* a queue of one e-service: no column repeating it */
	akt_case_cols_layout(&c, 80, 18, false);
	fits(&c, 80);
	assert_int_equal(c.w[AKT_CC_ESERVICE], 0);
	assert_int_equal(c.w[AKT_CC_APPLICANT], 22);
	assert_int_equal(c.w[AKT_CC_STATUS], 11);
	assert_int_equal(c.x[AKT_CC_APPLICANT],
			 c.x[AKT_CC_STATUS] + c.w[AKT_CC_STATUS] + 1);
}

static void test_wider(void **state)
{
	struct akt_case_cols c;
	int last_app = 0, last_title = 0;

	(void)state;
	akt_case_cols_layout(&c, 100, 0, true);
	fits(&c, 100);
	/* first the applicant, the status and the dates read whole */
	assert_int_equal(c.w[AKT_CC_APPLICANT], 22);
	assert_int_equal(c.w[AKT_CC_STATUS], 18);
	assert_int_equal(c.w[AKT_CC_UPDATED], AKT_CC_DATE_WIDTH);
	assert_int_equal(c.w[AKT_CC_TITLE], 0);
	akt_case_cols_layout(&c, 110, 0, true);
	assert_int_equal(c.w[AKT_CC_DUE], AKT_CC_DATE_WIDTH + 1);

	for (int cols = 80; cols <= 300; cols++) {
		akt_case_cols_layout(&c, cols, 0, true);
		fits(&c, cols);
		/* more width never shrinks the applicant or the title, and
		 * with the title all of it is used */
		assert_true(c.w[AKT_CC_APPLICANT] >= last_app);
		assert_true(c.w[AKT_CC_TITLE] >= last_title);
		if (c.w[AKT_CC_TITLE])
			assert_int_equal(c.x[AKT_CC_UNREAD] +
					 c.w[AKT_CC_UNREAD], cols);
		last_app = c.w[AKT_CC_APPLICANT];
		last_title = c.w[AKT_CC_TITLE];
	}

	/* the title comes in at a width where it can be read */
	akt_case_cols_layout(&c, 130, 0, true);
	assert_int_equal(c.w[AKT_CC_TITLE], 0);
	akt_case_cols_layout(&c, 140, 0, true);
	assert_true(c.w[AKT_CC_TITLE] >= 20);
	akt_case_cols_layout(&c, 200, 0, true);
	assert_true(c.w[AKT_CC_TITLE] >= 50);
	assert_int_equal(c.w[AKT_CC_APPLICANT], 40);
	assert_int_equal(c.w[AKT_CC_STATUS], 24);
	assert_int_equal(c.w[AKT_CC_ESERVICE], 18);
	assert_int_equal(c.w[AKT_CC_ASSIGNEE], 14);
}

static void test_narrow(void **state)
{
	struct akt_case_cols c;

	(void)state;
	for (int cols = 10; cols < 80; cols++) {
		akt_case_cols_layout(&c, cols, 0, true);
		fits(&c, cols);
		assert_true(c.w[AKT_CC_NUMBER] > 0);
	}
	/* the e-service gives way first, then the assignee */
	akt_case_cols_layout(&c, 72, 0, true);
	assert_int_equal(c.w[AKT_CC_ESERVICE], 0);
	assert_true(c.w[AKT_CC_ASSIGNEE] > 0);
	akt_case_cols_layout(&c, 60, 0, true);
	assert_int_equal(c.w[AKT_CC_ASSIGNEE], 0);
	assert_true(c.w[AKT_CC_STATUS] > 0);
}

/* 2026-11-23 12:00 UTC */
#define NOW ((time_t)1795435200)

static void test_updated(void **state)
{
	char out[32];

	(void)state;
	assert_string_equal(akt_cc_updated("2026-11-23T09:05:00Z", NOW, 5, out),
			    "09:05");
	assert_string_equal(akt_cc_updated("2026-11-22T09:05:00Z", NOW, 5, out),
			    "11-22");
	assert_string_equal(akt_cc_updated("2026-11-22T09:05:00Z", NOW, 10,
					   out), "2026-11-22");
	assert_string_equal(akt_cc_updated("2025-12-31T23:00:00Z", NOW, 5, out),
			    "2025");
	/* an offset counts: this is 2026-11-22 23:30 UTC */
	assert_string_equal(akt_cc_updated("2026-11-23T00:30:00+01:00", NOW, 10,
					   out), "2026-11-22");
	assert_string_equal(akt_cc_updated("garbage", NOW, 10, out), "garbage");
	assert_string_equal(akt_cc_updated(NULL, NOW, 10, out), "");
}

static void test_due(void **state)
{
	char out[32];
	bool overdue;

	(void)state;
	assert_string_equal(akt_cc_due("2026-12-15", NULL, NOW, 11, &overdue,
				       out), "2026-12-15");
	assert_false(overdue);
	assert_string_equal(akt_cc_due("2026-12-15", NULL, NOW, 6, &overdue,
				       out), "12-15");
	assert_string_equal(akt_cc_due("2026-11-01", NULL, NOW, 6, &overdue,
				       out), "!11-01");
	assert_true(overdue);
	assert_string_equal(akt_cc_due("2026-11-01", NULL, NOW, 11, &overdue,
				       out), "!2026-11-01");
	/* today is not overdue yet */
	akt_cc_due("2026-11-23", NULL, NOW, 11, &overdue, out);
	assert_false(overdue);
	assert_string_equal(akt_cc_due("2027-02-01", NULL, NOW, 6, &overdue,
				       out), "2027");
	/* no deadline: the age in days */
	assert_string_equal(akt_cc_due(NULL, "2026-10-02T08:15:00Z", NOW, 6,
				       &overdue, out), "52d");
	assert_false(overdue);
	assert_string_equal(akt_cc_due(NULL, "2026-11-23T11:00:00Z", NOW, 6,
				       &overdue, out), "0d");
	assert_string_equal(akt_cc_due(NULL, NULL, NOW, 6, &overdue, out), "");
}

static void test_parse_time(void **state)
{
	time_t t;

	(void)state;
	assert_true(akt_when_parse("2026-11-23T12:00:00Z", &t));
	assert_int_equal(t, NOW);
	assert_true(akt_when_parse("2026-11-23T12:00:00.123Z", &t));
	assert_int_equal(t, NOW);
	assert_true(akt_when_parse("2026-11-23T13:00:00+01:00", &t));
	assert_int_equal(t, NOW);
	assert_false(akt_when_parse("2026-11-23", &t));
	assert_false(akt_when_parse("2026-11-23T13:00:00+1:00", &t));
	assert_false(akt_when_parse(NULL, &t));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_80),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_wider),
		cmocka_unit_test(test_narrow),
		cmocka_unit_test(test_updated),
		cmocka_unit_test(test_due),
		cmocka_unit_test(test_parse_time),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}

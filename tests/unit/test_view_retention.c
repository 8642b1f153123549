/*
 * test_view_retention.c — the retention screen's parts that need no
 * terminal: naming a tab, the question before a policy changes (with the
 * date from which cases go), and how the columns share the width.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <time.h>

#include "../../src/view_retention.h"

static void test_tab_parse(void **state)
{
	(void)state;
	assert_int_equal(ret_tab_parse("policies"), RET_POLICIES);
	assert_int_equal(ret_tab_parse("Upcoming"), RET_UPCOMING);
	assert_int_equal(ret_tab_parse("log"), RET_LOG);
	assert_int_equal(ret_tab_parse("1"), RET_POLICIES);
	assert_int_equal(ret_tab_parse("3"), RET_LOG);
	/* the names as shown, in any case, and unique prefixes of ids */
	assert_int_equal(ret_tab_parse("upcoming purges"), RET_UPCOMING);
	assert_int_equal(ret_tab_parse("PURGE LOG"), RET_LOG);
	assert_int_equal(ret_tab_parse("up"), RET_UPCOMING);
	assert_int_equal(ret_tab_parse("p"), RET_POLICIES);
	assert_int_equal(ret_tab_parse("l"), RET_LOG);
	/* nothing, a number out of range, something else */
	assert_int_equal(ret_tab_parse(""), -1);
	assert_int_equal(ret_tab_parse("4"), -1);
	assert_int_equal(ret_tab_parse("0"), -1);
	assert_int_equal(ret_tab_parse("queues"), -1);
	assert_int_equal(ret_tab_parse("logs"), -1);
	for (int t = 0; t < RET_NTABS; t++)
		assert_int_equal(ret_tab_parse(ret_tab_id(t)), t);
}

static void test_question(void **state)
{
	/* 2026-11-23T14:02:00Z */
	time_t now = 1795442520;
	char *q;

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	q = ret_edit_question("Bygglov", 30, 60, now);
	assert_string_equal(q, "Change Bygglov from 30 to 60 days (purge "
			    "dates move 30 days later)?");
	free(q);
	/* fewer days: what is then overdue goes at the next run */
	q = ret_edit_question("Bygglov", 60, 30, now);
	assert_string_equal(q, "Change Bygglov from 60 to 30 days (cases "
			    "closed before 2026-10-24 are purged at the next "
			    "run)?");
	free(q);
	q = ret_edit_question("Förskoleplats", 36500, 1, now);
	assert_string_equal(q, "Change Förskoleplats from 36500 to 1 days "
			    "(cases closed before 2026-11-22 are purged at "
			    "the next run)?");
	free(q);
}

static void test_columns(void **state)
{
	const struct ret_col spec[] = {
		{ 10, 0, 0 }, { 10, 1, 0 }, { 5, 0, 0 }, { 10, 3, 0 },
	};
	/* the same with limits on the flexible ones */
	const struct ret_col capped[] = {
		{ 10, 0, 0 }, { 10, 1, 15 }, { 5, 0, 0 }, { 10, 3, 30 },
	};
	int w[4], sum;

	(void)state;
	/* at its minimum: every column its min, one column apart */
	ret_columns(38, spec, 4, w);
	assert_int_equal(w[0], 10);
	assert_int_equal(w[1], 10);
	assert_int_equal(w[2], 5);
	assert_int_equal(w[3], 10);
	/* wider: the flexible ones share 40 extra as 1:3, fixed ones stay */
	ret_columns(78, spec, 4, w);
	assert_int_equal(w[0], 10);
	assert_int_equal(w[1], 20);
	assert_int_equal(w[2], 5);
	assert_int_equal(w[3], 40);
	/* every column used: nothing left over at odd widths */
	for (int cols = 38; cols < 300; cols++) {
		ret_columns(cols, spec, 4, w);
		sum = w[0] + w[1] + w[2] + w[3] + 3;
		assert_int_equal(sum, cols);
	}
	/* limits: shares stop at the max, the rest goes to whoever still
	 * has room, and beyond every max the row stays empty */
	ret_columns(78, capped, 4, w);
	assert_int_equal(w[1], 20 - 5);
	assert_int_equal(w[3], 30);
	ret_columns(58, capped, 4, w);
	assert_int_equal(w[1], 15);
	assert_int_equal(w[3], 25);
	ret_columns(200, capped, 4, w);
	assert_int_equal(w[0], 10);
	assert_int_equal(w[1], 15);
	assert_int_equal(w[2], 5);
	assert_int_equal(w[3], 30);
	/* too narrow: squeezed, then dropped from the end */
	ret_columns(25, spec, 4, w);
	assert_int_equal(w[0], 10);
	assert_int_equal(w[1], 10);
	assert_int_equal(w[2], 3);
	assert_int_equal(w[3], 0);
	ret_columns(5, spec, 4, w);
	assert_int_equal(w[0], 5);
	assert_int_equal(w[1], 0);
	assert_int_equal(w[3], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tab_parse),
		cmocka_unit_test(test_question),
		cmocka_unit_test(test_columns),
	};
	return cmocka_run_group_tests_name("view_retention", tests, NULL,
					   NULL);
}

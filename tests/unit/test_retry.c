/*
 * test_retry.c — transient statuses, method safety, backoff with jitter,
 * the budget, and Retry-After in both forms.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/retry.h"

static const struct akt_retry_policy policy = { 5, 500, 8000, 30000 };

static void test_transient_statuses(void **state)
{
	static const int yes[] = { 408, 429, 500, 502, 503, 504 };
	static const int no[] = { 200, 304, 400, 401, 403, 404, 409, 412,
				  413, 422, 428, 501, 505 };

	for (size_t i = 0; i < AKT_LEN(yes); i++)
		assert_true(akt_retry_status(yes[i]));
	for (size_t i = 0; i < AKT_LEN(no); i++)
		assert_false(akt_retry_status(no[i]));
}

static void test_post_needs_idempotency_key(void **state)
{
	assert_true(akt_retry_method("GET", false));
	assert_true(akt_retry_method("PUT", false));
	assert_true(akt_retry_method("DELETE", false));
	assert_false(akt_retry_method("POST", false));
	assert_true(akt_retry_method("POST", true));
	assert_false(akt_retry_method("PATCH", false));
}

static void test_backoff_grows_and_is_capped(void **state)
{
	/* rnd 0 gives the lower bound (half), a large rnd at most the full */
	assert_int_equal(akt_backoff_ms(&policy, 1, 0), 250);
	assert_int_equal(akt_backoff_ms(&policy, 2, 0), 500);
	assert_int_equal(akt_backoff_ms(&policy, 3, 0), 1000);
	assert_int_equal(akt_backoff_ms(&policy, 6, 0), 4000);
	assert_int_equal(akt_backoff_ms(&policy, 30, 0), 4000);
	for (uint32_t r = 0; r < 100000; r += 997) {
		long w = akt_backoff_ms(&policy, 2, r * 2654435761u);

		assert_true(w >= 500 && w <= 1000);
	}
	assert_int_equal(akt_backoff_ms(&policy, 1, 250), 500);
	assert_int_equal(akt_backoff_ms(&policy, 1, 251), 250);
}

static void test_wait_respects_attempts_and_budget(void **state)
{
	long wait = -1;

	assert_true(akt_retry_wait(&policy, 1, 0, -1, 0, &wait));
	assert_int_equal(wait, 250);
	assert_false(akt_retry_wait(&policy, 5, 0, -1, 0, &wait));
	/* 29.9 s gone: even the shortest wait would pass the 30 s budget */
	assert_false(akt_retry_wait(&policy, 1, 29900, -1, 0, &wait));
}

static void test_wait_honours_retry_after(void **state)
{
	long wait = -1;

	assert_true(akt_retry_wait(&policy, 1, 0, 3, 0, &wait));
	assert_int_equal(wait, 3000);
	/* a Retry-After shorter than the backoff does not shorten it */
	assert_true(akt_retry_wait(&policy, 4, 0, 0, 0, &wait));
	assert_int_equal(wait, 2000);
	/* longer than the budget: give up at once */
	assert_false(akt_retry_wait(&policy, 1, 0, 120, 0, &wait));
	assert_false(akt_retry_wait(&policy, 1, 28000, 3, 0, &wait));
}

static void test_retry_after_seconds(void **state)
{
	long s = -1;

	assert_true(akt_retry_after_parse("2", 0, &s));
	assert_int_equal(s, 2);
	assert_true(akt_retry_after_parse(" 120 ", 0, &s));
	assert_int_equal(s, 120);
	assert_true(akt_retry_after_parse("0", 0, &s));
	assert_int_equal(s, 0);
	assert_false(akt_retry_after_parse("", 0, &s));
	assert_false(akt_retry_after_parse("-1", 0, &s));
	assert_false(akt_retry_after_parse("1.5", 0, &s));
	assert_false(akt_retry_after_parse("soon", 0, &s));
	assert_true(akt_retry_after_parse("99999999999999999999999", 0, &s));
	assert_int_equal(s, 86400);   /* capped at a day */
}

static void test_retry_after_http_date(void **state)
{
	/* 2015-10-21T07:28:00Z */
	time_t t = 1445412480;
	long s = -1;

	assert_true(akt_retry_after_parse("Wed, 21 Oct 2015 07:28:00 GMT",
					  t - 90, &s));
	assert_int_equal(s, 90);
	assert_true(akt_retry_after_parse("Wednesday, 21-Oct-15 07:28:00 GMT",
					  t - 5, &s));
	assert_int_equal(s, 5);
	assert_true(akt_retry_after_parse("Wed Oct 21 07:28:00 2015", t, &s));
	assert_int_equal(s, 0);
	/* a date in the past means now */
	assert_true(akt_retry_after_parse("Wed, 21 Oct 2015 07:28:00 GMT",
					  t + 100, &s));
	assert_int_equal(s, 0);
	assert_false(akt_retry_after_parse("Wed, 21 Oct 2015 07:28:00 CET",
					   t, &s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transient_statuses),
		cmocka_unit_test(test_post_needs_idempotency_key),
		cmocka_unit_test(test_backoff_grows_and_is_capped),
		cmocka_unit_test(test_wait_respects_attempts_and_budget),
		cmocka_unit_test(test_wait_honours_retry_after),
		cmocka_unit_test(test_retry_after_seconds),
		cmocka_unit_test(test_retry_after_http_date),
	};

	return cmocka_run_group_tests_name("retry", tests, NULL, NULL);
}

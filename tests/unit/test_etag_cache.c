/*
 * test_etag_cache.c — put, get, replace, and eviction by count and size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/etag_cache.h"

static void test_put_get_replace(void **state)
{
	struct akt_etag_cache *c = akt_etag_cache_new(4, 1000);
	struct akt_etag_entry e;

	assert_false(akt_etag_cache_get(c, "/v1/me", &e));
	akt_etag_cache_put(c, "/v1/me", "\"h1\"", "{\"a\":1}", 7);
	assert_true(akt_etag_cache_get(c, "/v1/me", &e));
	assert_string_equal(e.etag, "\"h1\"");
	assert_int_equal(e.len, 7);
	assert_memory_equal(e.body, "{\"a\":1}", 7);
	akt_etag_cache_put(c, "/v1/me", "\"h2\"", "{}", 2);
	assert_true(akt_etag_cache_get(c, "/v1/me", &e));
	assert_string_equal(e.etag, "\"h2\"");
	akt_etag_cache_forget(c, "/v1/me");
	assert_false(akt_etag_cache_get(c, "/v1/me", &e));
	akt_etag_cache_free(&c);
	assert_null(c);
}

static void test_evicts_least_recently_used(void **state)
{
	struct akt_etag_cache *c = akt_etag_cache_new(2, 1000);
	struct akt_etag_entry e;

	akt_etag_cache_put(c, "a", "\"1\"", "x", 1);
	akt_etag_cache_put(c, "b", "\"2\"", "y", 1);
	assert_true(akt_etag_cache_get(c, "a", &e));   /* a is now newest */
	akt_etag_cache_put(c, "c", "\"3\"", "z", 1);
	assert_true(akt_etag_cache_get(c, "a", &e));
	assert_false(akt_etag_cache_get(c, "b", &e));
	assert_true(akt_etag_cache_get(c, "c", &e));
	akt_etag_cache_free(&c);
}

static void test_size_bound(void **state)
{
	struct akt_etag_cache *c = akt_etag_cache_new(100, 400);
	struct akt_etag_entry e;
	char body[200];

	memset(body, 'x', sizeof(body));
	/* over a quarter of the cache: not kept */
	akt_etag_cache_put(c, "big", "\"1\"", body, 101);
	assert_false(akt_etag_cache_get(c, "big", &e));
	for (int i = 0; i < 5; i++) {
		char key[8];

		snprintf(key, sizeof(key), "k%d", i);
		akt_etag_cache_put(c, key, "\"e\"", body, 100);
	}
	assert_false(akt_etag_cache_get(c, "k0", &e));
	for (int i = 1; i < 5; i++) {
		char key[8];

		snprintf(key, sizeof(key), "k%d", i);
		assert_true(akt_etag_cache_get(c, key, &e));
	}
	akt_etag_cache_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get_replace),
		cmocka_unit_test(test_evicts_least_recently_used),
		cmocka_unit_test(test_size_bound),
	};

	return cmocka_run_group_tests_name("etag_cache", tests, NULL, NULL);
}

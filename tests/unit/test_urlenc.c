/*
 * test_urlenc.c — what the officer types never changes the shape of a
 * request path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/urlenc.h"

static void check(const char *in, const char *want)
{
	char *out = akt_url_escape(in);

	assert_string_equal(out, want);
	free(out);
}

static void test_escape(void **state)
{
	check("BYGG-2026-000123", "BYGG-2026-000123");
	check("a_b.c~d", "a_b.c~d");
	check("../v1/me", "..%2Fv1%2Fme");
	check("x?limit=1&y#z", "x%3Flimit%3D1%26y%23z");
	check("Mjc=", "Mjc%3D");
	check("å b", "%C3%A5%20b");
	check("%41", "%2541");
	check(NULL, "");
	check("", "");
}

static void test_dot_segments(void **state)
{
	/* whole "." and ".." would be squashed by the URL layer */
	check(".", "%2E");
	check("..", "%2E%2E");
	check("...", "...");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_dot_segments),
	};

	return cmocka_run_group_tests_name("urlenc", tests, NULL, NULL);
}

/*
 * test_link_header.c — finding next/prev in Link header values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/link_header.h"

static void expect(const char *header, const char *rel, const char *want)
{
	char *got = akt_link_find(header, rel);

	if (want) {
		assert_non_null(got);
		assert_string_equal(got, want);
	} else {
		assert_null(got);
	}
	free(got);
}

static void test_next_and_prev(void **state)
{
	const char *h = "</v1/cases?limit=2&cursor=b>; rel=\"next\", "
			"</v1/cases?limit=2&cursor=a>; rel=\"prev\"";

	expect(h, "next", "/v1/cases?limit=2&cursor=b");
	expect(h, "prev", "/v1/cases?limit=2&cursor=a");
	expect(h, "last", NULL);
}

static void test_unquoted_and_case_insensitive(void **state)
{
	expect("</a>;rel=NEXT", "next", "/a");
	expect("</a> ; REL = next", "next", "/a");
}

static void test_multiple_relations_and_params(void **state)
{
	expect("</a>; title=\"x, y; z\"; rel=\"prev first\"", "first", "/a");
	expect("</a>; rel=\"prev first\"", "prev", "/a");
	expect("</a>; rel=\"previous\"", "prev", NULL);
	expect("</a>; anchor=\"#x\", </b>; rel=next", "next", "/b");
}

static void test_commas_inside_uri(void **state)
{
	expect("</v1/cases?status=a,b&cursor=c>; rel=next", "next",
	       "/v1/cases?status=a,b&cursor=c");
}

static void test_malformed(void **state)
{
	expect("", "next", NULL);
	expect("/a; rel=next", "next", NULL);
	expect("</a; rel=next", "next", NULL);
	expect("</a>; rel=\"next", "next", NULL);
	expect("</a> junk, </b>; rel=next", "next", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_next_and_prev),
		cmocka_unit_test(test_unquoted_and_case_insensitive),
		cmocka_unit_test(test_multiple_relations_and_params),
		cmocka_unit_test(test_commas_inside_uri),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests_name("link_header", tests, NULL, NULL);
}

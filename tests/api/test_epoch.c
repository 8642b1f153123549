/*
 * test_epoch.c — akt-sandbox --epoch: two sandboxes with the same epoch,
 * seed and case count hold the same cases with the same times, and the
 * clock starts at the epoch; with another epoch the data is laid out
 * from that time.
 */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#define EPOCH      "2026-03-02T09:00:00Z"
#define EPOCH_NEXT "2026-03-03T09:00:00Z"
#define PAGE 100

struct first_page {
	int64_t total;
	size_t n;
	char number[PAGE][40];
	int64_t updated[PAGE], created[PAGE];
	int64_t clock;
};

/* Start a sandbox, read what anna sees first, stop it. */
static void read_first_page(const char *epoch, struct first_page *p)
{
	char args[128];
	struct sb *sb;
	struct http_resp *r;
	const char *tok;

	snprintf(args, sizeof(args), "--epoch %s --seed 7 --cases 400", epoch);
	sb = sb_start(args);
	assert_non_null(sb);
	r = api_get(sb, "/v1/sandbox/clock", NULL);
	expect_status(r, 200);
	p->clock = ts_parse(jstr(r->json, "now"));
	tok = login(sb, "anna");
	r = api_get(sb, sb_fmt(sb, "/v1/cases?limit=%d", PAGE), tok);
	expect_status(r, 200);
	p->total = jint(r->json, "total");
	p->n = jlen(r->json, "items");
	for (size_t i = 0; i < p->n; i++) {
		json_t *it = json_array_get(jget(r->json, "items"), i);

		snprintf(p->number[i], sizeof(p->number[i]), "%s",
			 jstr(it, "number"));
		p->updated[i] = ts_parse(jstr(it, "updated_at"));
		p->created[i] = ts_parse(jstr(it, "created_at"));
		expect_true(p->updated[i] > 0 && p->created[i] > 0, r);
	}
	assert_int_equal(sb_stop(sb), 0);
}

static void test_same_epoch_same_data(void **state)
{
	struct first_page *a = test_calloc(1, sizeof(*a));
	struct first_page *b = test_calloc(1, sizeof(*b));
	struct first_page *c = test_calloc(1, sizeof(*c));
	int64_t epoch = ts_parse(EPOCH);

	read_first_page(EPOCH, a);
	read_first_page(EPOCH, b);
	read_first_page(EPOCH_NEXT, c);

	/* the clock started at the epoch and has run since */
	assert_true(a->clock >= epoch && a->clock < epoch + 60);
	assert_true(a->n == PAGE && a->total > PAGE);

	assert_int_equal(a->total, b->total);
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		assert_string_equal(a->number[i], b->number[i]);
		assert_int_equal(a->updated[i], b->updated[i]);
		assert_int_equal(a->created[i], b->created[i]);
		assert_true(a->updated[i] <= epoch);
	}

	/* another epoch: the data is laid out from that time instead */
	assert_true(c->clock >= epoch + 86400 && c->clock < epoch + 86400 + 60);
	assert_true(c->updated[0] > epoch && c->updated[0] <= epoch + 86400);
	test_free(a);
	test_free(b);
	test_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_epoch_same_data),
	};

	return cmocka_run_group_tests_name("sandbox --epoch", tests, NULL,
					   NULL);
}

/*
 * test_case_order.c — the case list's idea of the platform (case_filter.h)
 * held against a real akt-sandbox: akt_case_cmp orders every list the
 * way the platform sorts it, in both directions (the search relies on it
 * to know which match lies after the selection), and a filter built with
 * akt_case_filter_query selects on the platform exactly the cases that
 * akt_case_filter_match accepts (live updates rely on it to know whether
 * a new case belongs on a list).
 */
#include "engine.h"

#include "akt/case_filter.h"

#include <cmocka.h>

static int setup(void **state)
{
	return group_start(state, "--cases 600");
}

/* Every case of GET path (walking "next"), decoded, in order. */
static struct akt_case_summary *all_cases(struct sb *sb, const char *token,
					  const char *path, size_t *n)
{
	struct akt_case_summary *all = NULL;
	const char *url = path;

	*n = 0;
	for (int pages = 0; url && pages < 50; pages++) {
		struct http_resp *r = api_get(sb, url, token);
		struct akt_case_page p;
		char *err = NULL;

		expect_status(r, 200);
		if (!akt_case_page_decode(r->json, &p, &err))
			fail_msg("page not understood: %s", err);
		all = realloc(all, (*n + p.n + 1) * sizeof(*all));
		assert_non_null(all);
		for (size_t i = 0; i < p.n; i++) {
			all[(*n)++] = p.items[i];
			memset(&p.items[i], 0, sizeof(p.items[i]));
		}
		url = p.next ? sb_fmt(sb, "%s%scursor=%s", path,
				      strchr(path, '?') ? "&" : "?",
				      url_enc(sb, p.next)) : NULL;
		akt_case_page_clear(&p);
		http_free(r);
	}
	return all;
}

static void free_cases(struct akt_case_summary *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		akt_case_summary_clear(&c[i]);
	free(c);
}

static struct akt_status_list statuses(struct sb *sb, const char *token)
{
	struct http_resp *r = api_get(sb, "/v1/statuses", token);
	struct akt_status_list l;
	char *err = NULL;

	expect_status(r, 200);
	if (!akt_status_list_decode(r->json, &l, &err))
		fail_msg("statuses not understood: %s", err);
	http_free(r);
	return l;
}

static void compare_orders_the_platforms_lists(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct akt_status_list st = statuses(sb, token);
	char buf[16];

	for (int k = 0; k < AKT_SORT_COUNT; k++) {
		for (int desc = 0; desc < 2; desc++) {
			struct akt_case_order o = { (enum akt_case_sort)k,
						    desc };
			size_t n;
			struct akt_case_summary *c = all_cases(sb, token,
				sb_fmt(sb, "/v1/cases?limit=200&sort=%s",
				       akt_case_order_str(o, buf)), &n);

			assert_true(n > 100);
			for (size_t i = 0; i + 1 < n; i++)
				if (akt_case_cmp(&c[i], &c[i + 1], o, &st) >= 0)
					fail_msg("sort %s: %s before %s, "
						 "not in akt_case_cmp's order",
						 buf, c[i].number,
						 c[i + 1].number);
			free_cases(c, n);
		}
	}
	akt_status_list_clear(&st);
}

static bool has_id(const struct akt_case_summary *c, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].id == id)
			return true;
	return false;
}

static void filters_select_what_match_accepts(void **state)
{
	static const char *const filters[] = {
		"status=closed", "status=inskickat,registrerat",
		"category=in_progress", "assignee=me", "assignee=none",
		"assignee=maria", "e_service=bygglov",
		"category=closed assignee=me",
		"status=awaiting_completion e_service=bygglov",
	};
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct akt_status_list st = statuses(sb, token);
	size_t nall;
	struct akt_case_summary *all = all_cases(sb, token,
		"/v1/cases?limit=200", &nall);

	for (size_t f = 0; f < AKT_LEN(filters); f++) {
		struct akt_case_filter flt;
		char *err = NULL, *q;
		struct akt_case_summary *sel;
		size_t nsel, want = 0;

		if (!akt_case_filter_parse(filters[f], &st, NULL, &flt, &err))
			fail_msg("%s: %s", filters[f], err);
		q = akt_case_filter_query(&flt);
		sel = all_cases(sb, token, sb_fmt(sb, "/v1/cases?limit=200&%s",
						  q), &nsel);
		/* the platform's cases all pass, and every case that passes
		 * is among the platform's */
		for (size_t i = 0; i < nsel; i++)
			if (!akt_case_filter_match(&flt, &sel[i], "anna"))
				fail_msg("%s: the platform gives %s, which "
					 "match refuses", filters[f],
					 sel[i].number);
		for (size_t i = 0; i < nall; i++) {
			if (!akt_case_filter_match(&flt, &all[i], "anna"))
				continue;
			want++;
			if (!has_id(sel, nsel, all[i].id))
				fail_msg("%s: match accepts %s, which the "
					 "platform leaves out", filters[f],
					 all[i].number);
		}
		assert_int_equal(want, nsel);
		assert_true(nsel > 0);
		free_cases(sel, nsel);
		free(q);
		akt_case_filter_clear(&flt);
	}
	free_cases(all, nall);
	akt_status_list_clear(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compare_orders_the_platforms_lists),
		cmocka_unit_test(filters_select_what_match_accepts),
	};

	return cmocka_run_group_tests(tests, setup, group_stop);
}

/*
 * test_pagination.c — keyset pagination: walking a queue in pages of 7
 * sees every case once, also while new cases arrive between pages; Link
 * headers keep the query; prev goes back; bad limit/cursor → 400; the
 * reversed sort is the exact reverse order.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXIDS 4000

static struct sb *S;

static int setup(void **state)
{
	int rc = group_start(state, "--cases 200");
	S = *state;
	return rc;
}

struct walk {
	int64_t ids[MAXIDS];
	char numbers[MAXIDS][40];
	size_t n;
	int pages;
	int64_t first_total;
	int64_t inserted[64];
	int ninserted;
};

/* The URL of rel="<rel>" in a Link header, "" when absent. */
static void link_url(const char *link, const char *rel, char *out, size_t cap)
{
	char want[32];
	snprintf(want, sizeof want, "rel=\"%s\"", rel);
	out[0] = 0;
	for (const char *p = link; (p = strchr(p, '<')) != NULL;) {
		const char *e = strchr(p, '>');
		if (!e)
			return;
		const char *next = strchr(e, '<');
		const char *r = strstr(e, want);
		if (r && (!next || r < next)) {
			size_t n = (size_t)(e - p - 1);
			if (n >= cap)
				n = cap - 1;
			memcpy(out, p + 1, n);
			out[n] = 0;
			return;
		}
		p = e;
	}
}

static bool seen(const struct walk *w, int64_t id)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->ids[i] == id)
			return true;
	return false;
}

/*
 * Walk from first_path to the end. follow_link: take the next page from
 * the Link header (else from "next" appended to first_path). insert: file
 * a new case of that e-service before each later page.
 */
static void walk(const char *tok, const char *first_path, bool follow_link,
		 const char *insert, struct walk *w)
{
	const char *path = first_path;
	const char *lp = strstr(first_path, "limit=");
	size_t limit = lp ? (size_t)atoi(lp + 6) : 50;
	memset(w, 0, sizeof *w);
	for (;;) {
		struct http_resp *r = api_get(S, path, tok);
		expect_status(r, 200);
		json_t *items = jget(r->json, "items");
		expect_true(json_is_array(items), r);
		expect_true(json_array_size(items) <= limit, r);
		expect_true(json_is_integer(jget(r->json, "total")), r);
		if (w->pages == 0) {
			w->first_total = jint(r->json, "total");
			expect_true(json_is_null(jget(r->json, "prev")), r);
		} else {
			expect_true(jint(r->json, "total") ==
				    w->first_total + w->ninserted, r);
		}
		for (size_t i = 0; i < json_array_size(items); i++) {
			json_t *it = json_array_get(items, i);
			int64_t id = jint(it, "id");
			expect_true(id > 0, r);
			expect_true(!seen(w, id), r);
			assert_true(w->n < MAXIDS);
			snprintf(w->numbers[w->n], 40, "%s",
				 jstr(it, "number") ? jstr(it, "number") : "");
			w->ids[w->n++] = id;
		}
		w->pages++;
		assert_true(w->pages < 400);

		json_t *next = jget(r->json, "next");
		char nurl[1024], purl[1024];
		link_url(r->link, "next", nurl, sizeof nurl);
		link_url(r->link, "prev", purl, sizeof purl);
		if (w->pages > 1)
			expect_true(json_is_string(jget(r->json, "prev")) &&
				    purl[0] == '/', r);
		else
			expect_true(purl[0] == 0, r);
		if (json_is_null(next)) {
			expect_true(nurl[0] == 0, r);
			break;
		}
		expect_true(json_is_string(next), r);
		expect_true(json_array_size(items) == limit, r);
		expect_true(strncmp(nurl, "/v1/", 4) == 0, r);
		expect_true(strstr(nurl, "cursor=") != NULL, r);
		/* every other parameter of the first request is kept */
		const char *q = strchr(first_path, '?');
		char params[256];
		snprintf(params, sizeof params, "%s", q ? q + 1 : "");
		for (char *save = NULL, *p = strtok_r(params, "&", &save); p;
		     p = strtok_r(NULL, "&", &save))
			expect_true(strstr(nurl, p) != NULL, r);

		if (insert && w->ninserted < 64)
			w->inserted[w->ninserted++] =
				citizen_case(S, insert, NULL, NULL);
		path = follow_link ? sb_fmt(S, "%s", nurl)
			: sb_fmt(S, "%s&cursor=%s", first_path,
				 url_enc(S, json_string_value(next)));
	}
}

static int64_t bygglov_queue(const char *tok)
{
	return queue_of(S, tok, "bygglov");
}

/* A quiet walk by Link headers: every case once, count == total, pages
 * in -updated order. */
static void walk_queue_by_link(void **state)
{
	const char *tok = login(S, "anna");
	const char *first = sb_fmt(S, "/v1/queues/%lld/cases?limit=7",
				   (long long)bygglov_queue(tok));
	struct walk *w = calloc(1, sizeof *w);
	sb_keep(S, (char *)w);
	walk(tok, first, true, NULL, w);
	expect_true(w->first_total >= 15, NULL);  /* several pages */
	assert_int_equal((int64_t)w->n, w->first_total);
	assert_int_equal(w->pages, (int)((w->n + 6) / 7));

	struct http_resp *all = api_get(S, sb_fmt(S, "/v1/queues/%lld/cases?limit=200",
				      (long long)bygglov_queue(tok)), tok);
	expect_status(all, 200);
	assert_int_equal((int64_t)jlen(all->json, "items"), w->first_total);
	const char *prev = NULL;
	for (size_t i = 0; i < jlen(all->json, "items"); i++) {
		json_t *it = json_array_get(jget(all->json, "items"), i);
		expect_true(jint(it, "id") == w->ids[i], all);
		const char *u = jstr(it, "updated_at");
		expect_true(rx_match(u, RE_TS), all);
		if (prev)
			expect_true(strcmp(prev, u) >= 0, all);  /* -updated */
		prev = u;
	}
}

/* New cases filed between pages never make an original case skipped or
 * repeated; with -updated they sort before the cursor and stay unseen. */
static void walk_with_inserts(void **state)
{
	const char *tok = login(S, "anna");
	int64_t q = bygglov_queue(tok);
	struct walk *before = calloc(1, sizeof *before);
	struct walk *w = calloc(1, sizeof *w);
	sb_keep(S, (char *)before);
	sb_keep(S, (char *)w);
	walk(tok, sb_fmt(S, "/v1/queues/%lld/cases?limit=200", (long long)q),
	     false, NULL, before);

	walk(tok, sb_fmt(S, "/v1/queues/%lld/cases?limit=7", (long long)q),
	     false, "bygglov", w);
	expect_true(w->ninserted >= 2, NULL);
	assert_int_equal(w->first_total, before->first_total);
	for (size_t i = 0; i < before->n; i++)
		expect_true(seen(w, before->ids[i]), NULL);
	for (size_t i = 0; i < w->n; i++) {
		bool orig = seen(before, w->ids[i]), ins = false;
		for (int k = 0; k < w->ninserted; k++)
			ins |= w->inserted[k] == w->ids[i];
		expect_true(orig || ins, NULL);
		expect_true(!ins, NULL);  /* newest-first: they sort before */
	}
}

/* Ascending by number: cases filed during the walk sort after the cursor
 * and show up at the end, each once. */
static void walk_by_number_with_inserts(void **state)
{
	const char *tok = login(S, "anna");
	int64_t q = bygglov_queue(tok);
	struct walk *before = calloc(1, sizeof *before);
	struct walk *w = calloc(1, sizeof *w);
	sb_keep(S, (char *)before);
	sb_keep(S, (char *)w);
	walk(tok, sb_fmt(S, "/v1/queues/%lld/cases?limit=200&sort=number",
			 (long long)q), false, NULL, before);
	walk(tok, sb_fmt(S, "/v1/queues/%lld/cases?sort=number&limit=7",
			 (long long)q), true, "bygglov", w);
	for (size_t i = 0; i < before->n; i++)
		expect_true(seen(w, before->ids[i]), NULL);
	for (int k = 0; k < w->ninserted; k++)
		expect_true(seen(w, w->inserted[k]), NULL);
	assert_int_equal((int64_t)w->n, before->first_total + w->ninserted);
	for (size_t i = 1; i < w->n; i++)
		expect_true(strcmp(w->numbers[i - 1], w->numbers[i]) < 0, NULL);
}

/* prev of page 2 is page 1; prev of page 3 is page 2. */
static void prev_goes_back(void **state)
{
	const char *tok = login(S, "anna");
	const char *first = "/v1/cases?limit=7&sort=created";
	struct http_resp *p1 = api_get(S, first, tok);
	expect_status(p1, 200);
	struct http_resp *p2 = api_get(S, sb_fmt(S, "%s&cursor=%s", first,
				url_enc(S, jstr(p1->json, "next"))), tok);
	expect_status(p2, 200);
	struct http_resp *p3 = api_get(S, sb_fmt(S, "%s&cursor=%s", first,
				url_enc(S, jstr(p2->json, "next"))), tok);
	expect_status(p3, 200);
	expect_true(strstr(p2->link, "rel=\"prev\"") != NULL, p2);

	struct http_resp *b1 = api_get(S, sb_fmt(S, "%s&cursor=%s", first,
				url_enc(S, jstr(p2->json, "prev"))), tok);
	expect_status(b1, 200);
	expect_true(json_equal(jget(b1->json, "items"), jget(p1->json, "items")), b1);
	expect_true(json_is_null(jget(b1->json, "prev")), b1);
	expect_true(strstr(b1->link, "rel=\"prev\"") == NULL, b1);
	expect_true(json_is_string(jget(b1->json, "next")), b1);

	char purl[1024];
	link_url(p3->link, "prev", purl, sizeof purl);
	expect_true(purl[0] == '/', p3);
	struct http_resp *b2 = api_get(S, purl, tok);
	expect_status(b2, 200);
	expect_true(json_equal(jget(b2->json, "items"), jget(p2->json, "items")), b2);
	/* and forward again from the page we came back to */
	struct http_resp *f3 = api_get(S, sb_fmt(S, "%s&cursor=%s", first,
				url_enc(S, jstr(b2->json, "next"))), tok);
	expect_status(f3, 200);
	expect_true(json_equal(jget(f3->json, "items"), jget(p3->json, "items")), f3);
}

/* limit: default 50, 1..200 allowed; others → 400 field limit. Bad
 * cursor → 400 field cursor. */
static void limit_and_cursor_validation(void **state)
{
	const char *tok = login(S, "anna");
	struct http_resp *r = api_get(S, "/v1/cases", tok);
	expect_status(r, 200);
	int64_t total = jint(r->json, "total");
	expect_true(total > 50, r);
	expect_true(jlen(r->json, "items") == 50, r);
	r = api_get(S, "/v1/cases?limit=200", tok);
	expect_status(r, 200);
	expect_true((int64_t)jlen(r->json, "items") == (total < 200 ? total : 200), r);
	r = api_get(S, "/v1/cases?limit=1", tok);
	expect_status(r, 200);
	expect_true(jlen(r->json, "items") == 1, r);

	static const char *const bad_limits[] = {"0", "1000", "201", "-1", "7x", ""};
	for (size_t i = 0; i < sizeof bad_limits / sizeof bad_limits[0]; i++) {
		r = api_get(S, sb_fmt(S, "/v1/cases?limit=%s", bad_limits[i]), tok);
		expect_problem(r, 400, "bad-request");
		expect_true(jstr(r->json, "field") &&
			    !strcmp(jstr(r->json, "field"), "limit"), r);
	}
	static const char *const bad_cursors[] = {
		"garbage", "%21%21%21", "AAAA", "eyJ4IjoxfQ",
	};
	for (size_t i = 0; i < sizeof bad_cursors / sizeof bad_cursors[0]; i++) {
		r = api_get(S, sb_fmt(S, "/v1/cases?limit=7&cursor=%s",
				      bad_cursors[i]), tok);
		expect_problem(r, 400, "bad-request");
		expect_true(jstr(r->json, "field") &&
			    !strcmp(jstr(r->json, "field"), "cursor"), r);
	}
	int64_t q = bygglov_queue(tok);
	r = api_get(S, sb_fmt(S, "/v1/queues/%lld/cases?cursor=garbage",
			      (long long)q), tok);
	expect_problem(r, 400, "bad-request");
	r = api_get(S, "/v1/retention/log?limit=0", tok);
	expect_problem(r, 400, "bad-request");
	r = api_get(S, "/v1/officers?limit=500", tok);
	expect_problem(r, 400, "bad-request");
}

/* total=false leaves the count out and changes nothing else. */
static void total_opt_out(void **state)
{
	const char *tok = login(S, "anna");
	struct http_resp *with = api_get(S, "/v1/cases?limit=20", tok);
	struct http_resp *without = api_get(S, "/v1/cases?limit=20&total=false",
					    tok);
	expect_status(without, 200);
	expect_true(json_is_integer(jget(with->json, "total")), with);
	expect_true(json_is_null(jget(without->json, "total")), without);
	expect_true(json_equal(jget(with->json, "items"),
			       jget(without->json, "items")), without);
	/* the cursors keep the choice: the next page has no count either */
	const char *link = resp_header(without, "Link");
	expect_true(link && strstr(link, "total=false"), without);
	struct http_resp *r = api_get(S, sb_fmt(S, "/v1/cases?limit=20&total=false"
						"&cursor=%s",
						jstr(without->json, "next")), tok);
	expect_status(r, 200);
	expect_true(json_is_null(jget(r->json, "total")), r);
	r = api_get(S, "/v1/cases?total=maybe", tok);
	expect_problem(r, 400, "bad-request");
	expect_true(jstr(r->json, "field") &&
		    !strcmp(jstr(r->json, "field"), "total"), r);
}

/* Filters combine with pagination; total counts the filter. */
static void filtered_walk(void **state)
{
	const char *tok = login(S, "anna");
	struct walk *w = calloc(1, sizeof *w);
	sb_keep(S, (char *)w);
	walk(tok, "/v1/cases?category=in_progress&sort=-created&limit=7",
	     true, NULL, w);
	assert_int_equal((int64_t)w->n, w->first_total);
	struct http_resp *r = api_get(S, "/v1/cases?category=in_progress&limit=200", tok);
	expect_status(r, 200);
	assert_int_equal(jint(r->json, "total"), w->first_total);
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *it = json_array_get(jget(r->json, "items"), i);
		expect_true(!strcmp(jstr(it, "status.category"), "in_progress"), r);
	}
}

/* The opposite sort is the exact reverse order, ties (many, for
 * priority, status and deadline) included: a client reads a long list
 * from its end by asking for the reversed sort. */
static void reversed_sort_is_reverse(void **state)
{
	static const char *const keys[] = { "number", "created", "updated",
					    "deadline", "priority", "status" };
	const char *tok = login(S, "anna");
	struct walk *up = calloc(1, sizeof *up), *down = calloc(1, sizeof *down);

	sb_keep(S, (char *)up);
	sb_keep(S, (char *)down);
	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
		walk(tok, sb_fmt(S, "/v1/cases?sort=%s&limit=9", keys[k]), true,
		     NULL, up);
		walk(tok, sb_fmt(S, "/v1/cases?sort=-%s&limit=9", keys[k]), true,
		     NULL, down);
		assert_true(up->n > 20);
		assert_int_equal(up->n, down->n);
		for (size_t i = 0; i < up->n; i++)
			assert_int_equal(up->ids[i], down->ids[up->n - 1 - i]);
	}
}

/* Case events: ascending seq by default, -seq reverses. */
static void events_order(void **state)
{
	const char *tok = login(S, "anna");
	int64_t id = citizen_case(S, "bygglov", NULL, NULL);
	case_move(S, tok, id, "registered");
	case_move(S, tok, id, "in_progress");
	case_move(S, tok, id, "awaiting_completion");
	struct http_resp *a = api_get(S, sb_fmt(S, "/v1/cases/%lld/events",
						(long long)id), tok);
	expect_status(a, 200);
	size_t n = jlen(a->json, "items");
	expect_true(n >= 4, a);
	struct http_resp *d = api_get(S, sb_fmt(S, "/v1/cases/%lld/events?sort=-seq",
						(long long)id), tok);
	expect_status(d, 200);
	expect_true(jlen(d->json, "items") == n, d);
	long long last = -1;
	for (size_t i = 0; i < n; i++) {
		const char *sa = jstr(a->json, sb_fmt(S, "items[%zu].seq", i));
		const char *sd = jstr(d->json, sb_fmt(S, "items[%zu].seq", n - 1 - i));
		expect_true(sa && sd && !strcmp(sa, sd), d);
		expect_true(atoll(sa) > last, a);
		last = atoll(sa);
	}
	expect_true(!strcmp(jstr(a->json, "items[0].type"), "case.created"), a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(walk_queue_by_link),
		cmocka_unit_test(walk_with_inserts),
		cmocka_unit_test(walk_by_number_with_inserts),
		cmocka_unit_test(prev_goes_back),
		cmocka_unit_test(limit_and_cursor_validation),
		cmocka_unit_test(total_opt_out),
		cmocka_unit_test(filtered_walk),
		cmocka_unit_test(events_order),
		cmocka_unit_test(reversed_sort_is_reverse),
	};
	return cmocka_run_group_tests_name("pagination", tests, setup,
					   group_stop);
}

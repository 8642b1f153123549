/*
 * test_search.c — case search and filters (free text folding å/ä/ö,
 * status, category, assignee, e-service, queue, updated_since, sort) and
 * 100 clients at once.
 */
#include "harness.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct sb *S;

static int setup(void **state)
{
	int rc = group_start(state, "--cases 120");
	S = *state;
	return rc;
}

static bool streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* Upper-case ASCII and the Swedish letters (UTF-8 C3 A5/A4/B6/A9). */
static char *sv_upper(const char *s)
{
	char *o = strdup(s);
	for (unsigned char *p = (unsigned char *)o; *p; p++) {
		if (p[0] == 0xC3 && (p[1] == 0xA5 || p[1] == 0xA4 || p[1] == 0xB6 ||
				     p[1] == 0xA9)) {
			p[1] = (unsigned char)(p[1] - 0x20);
			p++;
		} else if (*p < 0x80) {
			*p = (unsigned char)toupper(*p);
		}
	}
	return o;
}

static char *sv_lower(const char *s)
{
	char *o = strdup(s);
	for (unsigned char *p = (unsigned char *)o; *p; p++) {
		if (p[0] == 0xC3 && (p[1] == 0x85 || p[1] == 0x84 || p[1] == 0x96 ||
				     p[1] == 0x89)) {
			p[1] = (unsigned char)(p[1] + 0x20);
			p++;
		} else if (*p < 0x80) {
			*p = (unsigned char)tolower(*p);
		}
	}
	return o;
}

static bool has_id(const struct http_resp *r, int64_t id)
{
	for (size_t i = 0; i < jlen(r->json, "items"); i++)
		if (jint(jget(r->json, "items"), sb_fmt(S, "[%zu].id", i)) == id)
			return true;
	return false;
}

static struct http_resp *search(const char *tok, const char *q)
{
	struct http_resp *r = api_get(S, sb_fmt(S, "/v1/cases?limit=200&q=%s",
						url_enc(S, q)), tok);
	expect_status(r, 200);
	return r;
}

static bool has_sv_letter(const char *s)
{
	return strstr(s, "å") || strstr(s, "ä") || strstr(s, "ö") ||
	       strstr(s, "Å") || strstr(s, "Ä") || strstr(s, "Ö");
}

/* A seeded applicant's surname with å/ä/ö found in upper and lower case. */
static void free_text_folds_swedish(void **state)
{
	const char *anna = login(S, "anna");
	struct http_resp *all = api_get(S, "/v1/cases?limit=200", anna);
	expect_status(all, 200);
	int64_t id = 0;
	const char *surname = NULL;
	for (size_t i = 0; i < jlen(all->json, "items") && !id; i++) {
		json_t *c = json_array_get(jget(all->json, "items"), i);
		const char *name = jstr(c, "applicant.name");
		if (!name || !jstr(c, "applicant.personal_number"))
			continue;
		const char *sp = strrchr(name, ' ');
		if (sp && has_sv_letter(sp + 1)) {
			id = jint(c, "id");
			surname = sp + 1;
		}
	}
	expect_true(id > 0, all);  /* the seed has names with å/ä/ö */
	const char *up = sb_keep(S, sv_upper(surname));
	const char *low = sb_keep(S, sv_lower(surname));
	expect_true(strcmp(up, surname) != 0, all);
	struct http_resp *r = search(anna, up);
	expect_true(has_id(r, id), r);
	r = search(anna, low);
	expect_true(has_id(r, id), r);

	/* a fresh case with letters in both cases */
	int64_t mine = citizen_case(S, "bygglov", "Åke Ärlebäckström", NULL);
	r = search(anna, "ÄRLEBÄCKSTRÖM");
	expect_true(has_id(r, mine) && jint(r->json, "total") == 1, r);
	r = search(anna, "ärlebäckström");
	expect_true(has_id(r, mine), r);
	r = search(anna, "åKE äRLEBÄCK");
	expect_true(has_id(r, mine), r);
	/* å is not a: no false match */
	r = search(anna, "Arlebackstrom");
	expect_true(!has_id(r, mine), r);
}

/* Case number and diary number are searchable. */
static void free_text_numbers(void **state)
{
	const char *anna = login(S, "anna");
	struct http_resp *one = api_get(S, "/v1/cases?limit=1&sort=number", anna);
	expect_status(one, 200);
	const char *number = jstr(one->json, "items[0].number");
	const char *diary = jstr(one->json, "items[0].diary_number");
	int64_t id = jint(one->json, "items[0].id");
	struct http_resp *r = search(anna, number);
	expect_true(has_id(r, id) && jint(r->json, "total") == 1, r);
	char *lowered = sv_lower(number);
	r = search(anna, sb_keep(S, lowered));
	expect_true(has_id(r, id), r);
	expect_true(diary != NULL, one);
	r = search(anna, diary);
	expect_true(has_id(r, id), r);
	r = search(anna, "zzqqxx-nothing-like-this");
	expect_true(jint(r->json, "total") == 0 && jlen(r->json, "items") == 0, r);
}

static void filters(void **state)
{
	const char *anna = login(S, "anna");
	struct http_resp *r = api_get(S, "/v1/cases?limit=200&status=submitted", anna);
	expect_status(r, 200);
	expect_true(jlen(r->json, "items") > 0, r);
	for (size_t i = 0; i < jlen(r->json, "items"); i++)
		expect_true(streq(jstr(r->json, sb_fmt(S, "items[%zu].status.id", i)),
				  "submitted"), r);
	int64_t sub = jint(r->json, "total");
	r = api_get(S, "/v1/cases?limit=1&status=registered", anna);
	int64_t reg = jint(r->json, "total");
	r = api_get(S, "/v1/cases?limit=1&status=submitted,registered", anna);
	expect_true(jint(r->json, "total") == sub + reg, r);

	r = api_get(S, "/v1/cases?limit=200&category=submitted,closed", anna);
	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		const char *c = jstr(r->json, sb_fmt(S, "items[%zu].status.category", i));
		expect_true(streq(c, "submitted") || streq(c, "closed"), r);
	}
	r = api_get(S, "/v1/cases?limit=200&e_service=bygglov,felanmalan", anna);
	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		const char *e = jstr(r->json, sb_fmt(S, "items[%zu].e_service.id", i));
		expect_true(streq(e, "bygglov") || streq(e, "felanmalan"), r);
	}
	r = api_get(S, "/v1/cases?limit=200&assignee=none", anna);
	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++)
		expect_true(jlen(r->json, sb_fmt(S, "items[%zu].assignees", i)) == 0, r);
	r = api_get(S, "/v1/cases?limit=200&assignee=maria", anna);
	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *as = jget(r->json, sb_fmt(S, "items[%zu].assignees", i));
		bool m = false;
		for (size_t k = 0; k < json_array_size(as); k++)
			m |= streq(jstr(json_array_get(as, k), "username"), "maria");
		expect_true(m, r);
	}
	int64_t q = queue_of(S, anna, "felanmalan");
	r = api_get(S, sb_fmt(S, "/v1/cases?limit=200&queue=%lld", (long long)q), anna);
	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++)
		expect_true(jint(r->json, sb_fmt(S, "items[%zu].queue_id", i)) == q, r);
	r = api_get(S, "/v1/cases?updated_since=2999-01-01T00:00:00Z", anna);
	expect_status(r, 200);
	expect_true(jint(r->json, "total") == 0, r);

	/* combined: a new case is found by its queue + status + unassigned */
	int64_t id = citizen_case(S, "felanmalan", "Nils Nyström", NULL);
	struct http_resp *c = api_get(S, sb_fmt(S, "/v1/cases/%lld", (long long)id), anna);
	r = api_get(S, sb_fmt(S, "/v1/cases?limit=200&queue=%lld&status=submitted"
			      "&assignee=none&updated_since=%s", (long long)q,
			      url_enc(S, jstr(c->json, "updated_at"))), anna);
	expect_status(r, 200);
	expect_true(has_id(r, id), r);
}

static void sorting(void **state)
{
	const char *anna = login(S, "anna");
	struct http_resp *a = api_get(S, "/v1/cases?limit=200&sort=number", anna);
	struct http_resp *d = api_get(S, "/v1/cases?limit=200&sort=-number", anna);
	expect_status(a, 200);
	expect_status(d, 200);
	size_t n = jlen(a->json, "items");
	expect_true(n > 5 && n == jlen(d->json, "items"), a);
	for (size_t i = 0; i < n; i++) {
		const char *x = jstr(a->json, sb_fmt(S, "items[%zu].number", i));
		const char *y = jstr(d->json, sb_fmt(S, "items[%zu].number", n - 1 - i));
		expect_true(streq(x, y), d);
		if (i)
			expect_true(strcmp(jstr(a->json, sb_fmt(S, "items[%zu].number", i - 1)),
					   x) < 0, a);
	}
	struct http_resp *c = api_get(S, "/v1/cases?limit=200&sort=created", anna);
	for (size_t i = 1; i < jlen(c->json, "items"); i++)
		expect_true(strcmp(jstr(c->json, sb_fmt(S, "items[%zu].created_at", i - 1)),
				   jstr(c->json, sb_fmt(S, "items[%zu].created_at", i))) <= 0, c);
	static const char *const ok[] = {"deadline", "-deadline", "priority",
					 "-priority", "status", "updated", "-created"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct http_resp *r = api_get(S, sb_fmt(S, "/v1/cases?limit=3&sort=%s", ok[i]),
					      anna);
		expect_status(r, 200);
	}
	struct http_resp *r = api_get(S, "/v1/cases?sort=--number", anna);
	expect_problem(r, 400, "bad-request");
	expect_true(streq(jstr(r->json, "field"), "sort"), r);
}

/* 100 clients at once each fetch a page of a queue: all 200. */
static void hundred_clients(void **state)
{
	enum { N = 100 };
	const char *anna = login(S, "anna");
	const char *erik = login(S, "erik");
	int64_t q = queue_of(S, anna, "bygglov");
	int64_t qe = queue_of(S, erik, "ekonomiskt_bistand");
	struct bg *t[N];
	for (int i = 0; i < N; i++)
		t[i] = bg_req(S, "GET", sb_fmt(S, "/v1/queues/%lld/cases?limit=10",
					       (long long)(i % 2 ? q : qe)),
			      i % 2 ? anna : erik, NULL, NULL, 20);
	int ok = 0;
	struct http_resp *bad = NULL;
	for (int i = 0; i < N; i++) {
		struct http_resp *r = bg_join(t[i]);
		if (r->status == 200 && json_is_array(jget(r->json, "items")) &&
		    jlen(r->json, "items") > 0)
			ok++;
		else if (!bad)
			bad = r;
	}
	expect_true(ok == N, bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(free_text_folds_swedish),
		cmocka_unit_test(free_text_numbers),
		cmocka_unit_test(filters),
		cmocka_unit_test(sorting),
		cmocka_unit_test(hundred_clients),
	};
	return cmocka_run_group_tests_name("search", tests, setup, group_stop);
}

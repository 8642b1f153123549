/*
 * test_preconditions.c — optimistic concurrency on case writes and
 * retention policies: If-Match missing → 428, stale → 412 with the
 * current representation, right → the write and a new version.
 */
#include "harness.h"

#include <stdio.h>
#include <string.h>

static struct sb *S;

static int setup(void **state)
{
	int rc = group_start(state, "");
	S = *state;
	return rc;
}

static const char *case_path(int64_t id, const char *sub)
{
	return sb_fmt(S, "/v1/cases/%lld%s", (long long)id, sub);
}

/* Every kind of case write without If-Match → 428 and nothing changes. */
static void missing_if_match(void **state)
{
	const char *tok = login(S, "anna");
	int64_t id = citizen_case(S, "bygglov", NULL, NULL);
	char etag[128];
	int64_t v0 = case_etag(S, tok, id, etag);

	struct http_resp *r;
	r = api_post(S, case_path(id, "/notes"), tok,
		     "{\"body\":\"no precondition\"}", NULL, NULL);
	expect_problem(r, 428, "precondition-required");
	r = api_post(S, case_path(id, "/transitions"), tok,
		     "{\"to\":\"registered\"}", NULL, NULL);
	expect_problem(r, 428, "precondition-required");
	r = api_post(S, case_path(id, "/assignees"), tok,
		     "{\"officer\":\"anna\"}", NULL, NULL);
	expect_problem(r, 428, "precondition-required");
	r = api_put(S, case_path(id, "/legal-hold"), tok,
		    "{\"active\":true,\"reason\":\"x\"}", NULL);
	expect_problem(r, 428, "precondition-required");
	r = api_post(S, case_path(id, "/threads"), tok,
		     "{\"subject\":\"s\",\"body\":\"b\"}", NULL, NULL);
	expect_problem(r, 428, "precondition-required");

	int64_t v1 = case_etag(S, tok, id, NULL);
	assert_int_equal(v0, v1);
	r = api_get(S, case_path(id, "/notes"), tok);
	expect_status(r, 200);
	expect_true(jint(r->json, "total") == 0, r);
}

/* Right If-Match → 200/201, version + 1, new ETag in the answer. */
static void matching_if_match(void **state)
{
	const char *tok = login(S, "anna");
	int64_t id = citizen_case(S, "bygglov", NULL, NULL);
	char etag[128];
	int64_t v0 = case_etag(S, tok, id, etag);

	struct http_resp *r = api_post(S, case_path(id, "/transitions"), tok,
				       "{\"to\":\"registered\"}", etag, NULL);
	expect_status(r, 200);
	expect_true(jint(r->json, "version") == v0 + 1, r);
	char want[64];
	snprintf(want, sizeof want, "\"%lld.%lld\"", (long long)id,
		 (long long)(v0 + 1));
	expect_true(strcmp(r->etag, want) == 0, r);
	expect_true(!strcmp(jstr(r->json, "status.id"), "registered"), r);

	r = api_post(S, case_path(id, "/notes"), tok,
		     "{\"body\":\"second write\"}", want, NULL);
	expect_status(r, 201);
	snprintf(want, sizeof want, "\"%lld.%lld\"", (long long)id,
		 (long long)(v0 + 2));
	expect_true(strcmp(r->etag, want) == 0, r);
	assert_int_equal(case_etag(S, tok, id, NULL), v0 + 2);

	/* If-Match: * matches any existing case */
	r = api_post(S, case_path(id, "/notes"), tok,
		     "{\"body\":\"star\"}", "*", NULL);
	expect_status(r, 201);
	assert_int_equal(case_etag(S, tok, id, NULL), v0 + 3);
}

/* Stale If-Match → 412 with ETag = current, "current" = the case as GET
 * shows it, who changed it and when. */
static void stale_if_match(void **state)
{
	const char *anna = login(S, "anna");
	const char *maria = login(S, "maria");
	int64_t id = citizen_case(S, "bygglov", NULL, NULL);
	char stale[128], cur[128];
	int64_t v0 = case_etag(S, anna, id, stale);

	/* maria changes the case; anna still holds the old tag */
	struct http_resp *w = api_post(S, case_path(id, "/notes"), maria,
				       "{\"body\":\"maria was here\"}", stale, NULL);
	expect_status(w, 201);

	struct http_resp *r = api_post(S, case_path(id, "/transitions"), anna,
				       "{\"to\":\"in_progress\"}", stale, NULL);
	expect_problem(r, 412, "precondition-failed");
	int64_t v1 = case_etag(S, anna, id, cur);
	expect_true(strcmp(r->etag, cur) == 0, r);
	json_t *current = jget(r->json, "current");
	expect_true(json_is_object(current), r);
	expect_true(jint(current, "version") > v0, r);
	expect_true(jint(current, "version") == v1, r);
	expect_true(jint(current, "id") == id, r);

	struct http_resp *g = api_get(S, case_path(id, ""), anna);
	expect_status(g, 200);
	expect_true(json_equal(current, g->json), r);

	expect_true(jstr(r->json, "changed_by.username") &&
		    !strcmp(jstr(r->json, "changed_by.username"), "maria"), r);
	expect_true(jstr(r->json, "changed_by.name") &&
		    !strcmp(jstr(r->json, "changed_by.name"), "Maria Björk"), r);
	const char *at = jstr(r->json, "changed_at");
	expect_true(rx_match(at, RE_TS), r);
	const char *detail = jstr(r->json, "detail");
	expect_true(detail && strstr(detail, "maria") && strstr(detail, at), r);

	/* nothing happened */
	expect_true(!strcmp(jstr(g->json, "status.id"), "submitted"), g);

	/* a weak or malformed tag never matches */
	r = api_post(S, case_path(id, "/transitions"), anna,
		     "{\"to\":\"in_progress\"}", sb_fmt(S, "W/%s", cur), NULL);
	expect_problem(r, 412, "precondition-failed");
	r = api_post(S, case_path(id, "/transitions"), anna,
		     "{\"to\":\"in_progress\"}", "\"garbage\"", NULL);
	expect_problem(r, 412, "precondition-failed");
}

/* Reveal and marking a thread read are not case writes: no If-Match,
 * and the version does not move. */
static void non_writes_need_no_if_match(void **state)
{
	const char *anna = login(S, "anna");
	char number[64];
	int64_t id = citizen_case(S, "bygglov", "Göran Ärlig", number);
	int64_t v0 = case_etag(S, anna, id, NULL);

	struct http_resp *g = api_get(S, case_path(id, ""), anna);
	int64_t party = 0;
	for (size_t i = 0; i < jlen(g->json, "parties"); i++) {
		json_t *p = json_array_get(jget(g->json, "parties"), i);
		if (jstr(p, "kind") && !strcmp(jstr(p, "kind"), "person"))
			party = jint(p, "id");
	}
	expect_true(party > 0, g);
	struct http_resp *r = api_post(S, case_path(id, sb_fmt(S,
				"/parties/%lld/reveal", (long long)party)),
				anna, "{\"reason\":\"identity check\"}", NULL, NULL);
	expect_status(r, 200);

	r = sb_post_json(S, "/v1/sandbox/citizen/messages",
			 sb_fmt(S, "{\"case\":\"%s\",\"subject\":\"Fråga\","
				"\"body\":\"Hej!\"}", number));
	expect_status(r, 201);
	int64_t v1 = case_etag(S, anna, id, NULL);
	expect_true(v1 > v0, r);  /* a new message is under the case */

	r = api_get(S, case_path(id, "/threads"), anna);
	expect_status(r, 200);
	int64_t th = jint(r->json, "items[0].id");
	expect_true(th > 0, r);
	r = api_post(S, case_path(id, sb_fmt(S, "/threads/%lld/read",
					     (long long)th)), anna, "{}", NULL, NULL);
	expect_status(r, 200);
	assert_int_equal(case_etag(S, anna, id, NULL), v1);
}

/* Retention policy PUT needs the policy's ETag too. */
static void policy_if_match(void **state)
{
	const char *sara = login(S, "sara");
	const char *path = "/v1/retention/policies/parkeringstillstand";
	struct http_resp *g = api_get(S, path, sara);
	expect_status(g, 200);
	expect_true(g->etag[0] != 0, g);
	int64_t days = jint(g->json, "days");

	struct http_resp *r = api_put(S, path, sara, "{\"days\":91}", NULL);
	expect_problem(r, 428, "precondition-required");
	r = api_put(S, path, sara, "{\"days\":91}", "\"h0000000000000000\"");
	expect_problem(r, 412, "precondition-failed");
	expect_true(r->etag[0] != 0 && strcmp(r->etag, g->etag) == 0, r);
	struct http_resp *g2 = api_get(S, path, sara);
	expect_true(jint(g2->json, "days") == days, g2);

	r = api_put(S, path, sara, "{\"days\":91}", g->etag);
	expect_status(r, 200);
	expect_true(jint(r->json, "days") == 91, r);
	/* the new tag: from the answer if it carries one, else from a GET */
	struct http_resp *g3 = api_get(S, path, sara);
	expect_true(strcmp(g3->etag, g->etag) != 0, g3);
	expect_true(!r->etag[0] || strcmp(r->etag, g3->etag) == 0, r);
	/* the old tag is stale now */
	r = api_put(S, path, sara, "{\"days\":92}", g->etag);
	expect_problem(r, 412, "precondition-failed");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(missing_if_match),
		cmocka_unit_test(matching_if_match),
		cmocka_unit_test(stale_if_match),
		cmocka_unit_test(non_writes_need_no_if_match),
		cmocka_unit_test(policy_if_match),
	};
	return cmocka_run_group_tests_name("preconditions", tests, setup,
					   group_stop);
}

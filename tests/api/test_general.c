/*
 * test_general.c — the "General" rules of the API: media types, time
 * formats, problem+json for every kind of bad request, ETags with
 * If-None-Match, and overload answers (429/503).
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct sb *S;

static int setup(void **state)
{
	int rc = group_start(state, "");
	S = *state;
	return rc;
}

static bool json_ctype(const char *ct)
{
	char norm[128];
	size_t n = 0;
	for (const char *p = ct; *p && n + 1 < sizeof norm; p++)
		if (*p != ' ')
			norm[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	norm[n] = 0;
	return strcmp(norm, "application/json;charset=utf-8") == 0;
}

static int64_t some_case(const char *tok)
{
	int64_t id = case_find(S, tok, "e_service=bygglov&limit=1");
	assert_true(id > 0);
	return id;
}

/* GET /v1/platform needs no token and describes the OAuth endpoints. */
static void platform_document(void **state)
{
	struct http_resp *r = api_get(S, "/v1/platform", NULL);
	expect_status(r, 200);
	expect_true(json_ctype(r->ctype), r);
	expect_true(jint(r->json, "api_version") == 1, r);
	expect_true(json_is_true(jget(r->json, "sandbox")), r);
	expect_true(jstr(r->json, "client_id") &&
		    !strcmp(jstr(r->json, "client_id"), "akt"), r);
	expect_true(jstr(r->json, "auth.token_endpoint") &&
		    !strcmp(jstr(r->json, "auth.token_endpoint"),
			    "/v1/oauth/token"), r);
	expect_true(jstr(r->json, "auth.device_authorization_endpoint") &&
		    !strcmp(jstr(r->json, "auth.device_authorization_endpoint"),
			    "/v1/oauth/device"), r);
	expect_true(jstr(r->json, "auth.revocation_endpoint") &&
		    !strcmp(jstr(r->json, "auth.revocation_endpoint"),
			    "/v1/oauth/revoke"), r);
	bool pw = false, dev = false, ref = false;
	json_t *g = jget(r->json, "auth.grant_types");
	for (size_t i = 0; i < json_array_size(g); i++) {
		const char *s = json_string_value(json_array_get(g, i));
		pw |= s && !strcmp(s, "password");
		ref |= s && !strcmp(s, "refresh_token");
		dev |= s && !strcmp(s, "urn:ietf:params:oauth:grant-type:device_code");
	}
	expect_true(pw && dev && ref, r);
	expect_true(r->etag[0] != 0, r);
}

/* JSON answers say application/json; charset=utf-8; timestamps are RFC
 * 3339 UTC with seconds, dates plain; names are bilingual. */
static void media_type_and_formats(void **state)
{
	const char *tok = login(S, "anna");
	int64_t id = some_case(tok);
	struct http_resp *r = api_get(S, sb_fmt(S, "/v1/cases/%lld",
						(long long)id), tok);
	expect_status(r, 200);
	expect_true(json_ctype(r->ctype), r);
	expect_true(rx_match(jstr(r->json, "created_at"), RE_TS), r);
	expect_true(rx_match(jstr(r->json, "updated_at"), RE_TS), r);
	json_t *dl = jget(r->json, "deadline");
	expect_true(json_is_null(dl) ||
		    rx_match(json_string_value(dl), "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), r);
	expect_true(jstr(r->json, "status.name.sv") != NULL, r);
	expect_true(jstr(r->json, "status.name.en") != NULL, r);
	expect_true(jstr(r->json, "e_service.name.sv") != NULL, r);
	expect_true(jstr(r->json, "e_service.name.en") != NULL, r);

	r = api_get(S, "/v1/statuses", tok);
	expect_status(r, 200);
	bool found = false;
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *s = json_array_get(jget(r->json, "items"), i);
		if (jstr(s, "id") && !strcmp(jstr(s, "id"), "in_progress")) {
			found = true;
			expect_true(!strcmp(jstr(s, "name.sv"), "Under handläggning"), r);
			expect_true(!strcmp(jstr(s, "name.en"), "In progress"), r);
		}
	}
	expect_true(found, r);
}

/* Malformed JSON, wrong types, missing fields, bad query values → 400
 * bad-request naming the field where there is one. */
static void bad_requests(void **state)
{
	const char *tok = login(S, "anna");
	int64_t id = some_case(tok);
	char etag[128];
	case_etag(S, tok, id, etag);
	const char *notes = sb_fmt(S, "/v1/cases/%lld/notes", (long long)id);

	struct http_resp *r = api_post(S, notes, tok, "{\"body\": \"x\"", etag, NULL);
	expect_problem(r, 400, "bad-request");

	r = api_post(S, notes, tok, "[1,2]", etag, NULL);
	expect_problem(r, 400, "bad-request");

	r = api_post(S, notes, tok, "{\"body\":5}", etag, NULL);
	expect_problem(r, 400, "bad-request");
	expect_true(jstr(r->json, "field") && !strcmp(jstr(r->json, "field"), "body"), r);

	r = api_post(S, notes, tok, "{\"publish\":false}", etag, NULL);
	expect_problem(r, 400, "bad-request");
	expect_true(jstr(r->json, "field") && !strcmp(jstr(r->json, "field"), "body"), r);

	r = api_post(S, notes, tok, "{\"body\":\"x\",\"publish\":\"yes\"}", etag, NULL);
	expect_problem(r, 400, "bad-request");
	expect_true(jstr(r->json, "field") && !strcmp(jstr(r->json, "field"), "publish"), r);

	/* none of these wrote anything */
	char etag2[128];
	case_etag(S, tok, id, etag2);
	assert_string_equal(etag, etag2);

	static const char *const params[][2] = {
		{"sort=bogus", "sort"},
		{"limit=abc", "limit"},
		{"status=no_such_status", "status"},
		{"category=nope", "category"},
		{"updated_since=yesterday", "updated_since"},
		{"assignee=nobody_by_that_name", "assignee"},
	};
	for (size_t i = 0; i < sizeof params / sizeof params[0]; i++) {
		r = api_get(S, sb_fmt(S, "/v1/cases?%s", params[i][0]), tok);
		expect_problem(r, 400, "bad-request");
		expect_true(jstr(r->json, "field") &&
			    !strcmp(jstr(r->json, "field"), params[i][1]), r);
	}
}

/* Unknown things → 404 not-found; wrong method → 405 with Allow. */
static void not_found_and_method(void **state)
{
	const char *tok = login(S, "anna");
	struct http_resp *r = api_get(S, "/v1/cases/99999999", tok);
	expect_problem(r, 404, "not-found");
	r = api_get(S, "/v1/cases/BYGG-1999-000001", tok);
	expect_problem(r, 404, "not-found");
	r = api_get(S, "/v1/no-such-thing", tok);
	expect_problem(r, 404, "not-found");
	r = api_get(S, "/v2/me", tok);
	expect_problem(r, 404, "not-found");

	r = api_delete(S, "/v1/queues", tok, NULL);
	expect_problem(r, 405, "method-not-allowed");
	const char *allow = resp_header(r, "Allow");
	expect_true(allow && strstr(allow, "GET"), r);

	int64_t id = some_case(tok);
	r = http_req(S, "PATCH", sb_fmt(S, "/v1/cases/%lld", (long long)id),
		     tok, "{}", NULL);
	expect_problem(r, 405, "method-not-allowed");
	allow = resp_header(r, "Allow");
	expect_true(allow && strstr(allow, "GET") && !strstr(allow, "PATCH"), r);

	r = api_get(S, sb_fmt(S, "/v1/cases/%lld/transitions", (long long)id), tok);
	expect_status(r, 200);
	r = api_put(S, sb_fmt(S, "/v1/cases/%lld/transitions", (long long)id),
		    tok, "{}", "*");
	expect_problem(r, 405, "method-not-allowed");
	allow = resp_header(r, "Allow");
	expect_true(allow && strstr(allow, "GET") && strstr(allow, "POST"), r);
}

/* Bodies over 1 MiB → 413 payload-too-large with max_bytes. */
static void payload_too_large(void **state)
{
	const char *tok = login(S, "anna");
	/* a case of its own: the at-the-limit note below is large */
	int64_t id = citizen_case(S, "bygglov", NULL, NULL);
	char etag[128];
	case_etag(S, tok, id, etag);
	size_t n = 1024 * 1024 + 100;
	char *big = malloc(n + 1);
	assert_non_null(big);
	memcpy(big, "{\"body\":\"", 9);
	memset(big + 9, 'a', n - 11);
	memcpy(big + n - 2, "\"}", 2);
	big[n] = 0;
	sb_keep(S, big);
	char im[160];
	snprintf(im, sizeof im, "If-Match: %s", etag);
	const char *hs[] = {im, NULL};
	struct http_resp *r = http_req_ex(S, "POST",
		sb_fmt(S, "/v1/cases/%lld/notes", (long long)id), tok,
		big, n, hs, 10);
	expect_problem(r, 413, "payload-too-large");
	expect_true(jint(r->json, "max_bytes") == 1024 * 1024, r);

	/* exactly at the limit is not "over" it: not a 413 */
	memset(big + 9, 'a', 1024 * 1024 - 11);
	memcpy(big + 1024 * 1024 - 2, "\"}", 2);
	r = http_req_ex(S, "POST", sb_fmt(S, "/v1/cases/%lld/notes", (long long)id),
			tok, big, 1024 * 1024, hs, 10);
	expect_true(r->status != 413 && r->status != 0, r);
}

/* Every problem names the request path in "instance". */
static void problem_instance(void **state)
{
	const char *tok = login(S, "anna");
	int64_t id = some_case(tok);
	struct http_resp *rs[] = {
		api_get(S, "/v1/cases/99999999?x=1", tok),
		api_get(S, "/v1/no-such-thing", tok),
		api_get(S, "/v1/me", NULL),
		api_delete(S, "/v1/queues", tok, NULL),
		api_get(S, "/v1/cases?sort=bogus", tok),
		api_post(S, sb_fmt(S, "/v1/cases/%lld/notes", (long long)id), tok,
			 "{\"body\":\"x\"}", NULL, NULL),
	};
	for (size_t i = 0; i < sizeof rs / sizeof rs[0]; i++) {
		expect_true(strncmp(rs[i]->ctype, "application/problem+json", 24) == 0,
			    rs[i]);
		size_t n = strcspn(rs[i]->path, "?");
		const char *in = jstr(rs[i]->json, "instance");
		expect_true(in && strlen(in) == n && !strncmp(in, rs[i]->path, n), rs[i]);
	}
}

/* No, unknown or malformed token → 401 with the Bearer challenge; only a
 * token that was presented is called invalid (RFC 6750 §3.1). */
static void unauthorized(void **state)
{
	static const char *const paths[] = {
		"/v1/me", "/v1/queues", "/v1/cases", "/v1/feed",
		"/v1/retention/policies",
	};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		struct http_resp *r = api_get(S, paths[i], NULL);
		expect_problem(r, 401, "unauthorized");
		const char *w = resp_header(r, "WWW-Authenticate");
		expect_true(w && strncmp(w, "Bearer", 6) == 0, r);
		expect_true(w && strstr(w, "realm=\"akt\""), r);
		expect_true(w && !strstr(w, "error="), r);
	}
	struct http_resp *r = api_get(S, "/v1/me", "not-a-token");
	expect_problem(r, 401, "unauthorized");
	const char *w = resp_header(r, "WWW-Authenticate");
	expect_true(w && strstr(w, "error=\"invalid_token\""), r);
	const char *hs[] = {"Authorization: Basic YW5uYTpkZW1v", NULL};
	r = http_req(S, "GET", "/v1/me", NULL, NULL, hs);
	expect_problem(r, 401, "unauthorized");
}

/* Every GET of a resource or list has an ETag; If-None-Match → 304 with
 * no body and the same ETag; non-case ETags are FNV-1a 64 of the body. */
static void etags_everywhere(void **state)
{
	const char *tok = login(S, "anna");
	int64_t id = some_case(tok);
	int64_t q = queue_of(S, tok, "bygglov");
	const char *paths[] = {
		"/v1/me", "/v1/units", "/v1/e-services", "/v1/statuses",
		"/v1/statuses?e_service=bygglov", "/v1/officers", "/v1/queues",
		sb_fmt(S, "/v1/queues/%lld", (long long)q),
		sb_fmt(S, "/v1/queues/%lld/cases?limit=5", (long long)q),
		"/v1/cases?limit=3",
		sb_fmt(S, "/v1/cases/%lld/events", (long long)id),
		sb_fmt(S, "/v1/cases/%lld/transitions", (long long)id),
		sb_fmt(S, "/v1/cases/%lld/documents", (long long)id),
		sb_fmt(S, "/v1/cases/%lld/notes", (long long)id),
		sb_fmt(S, "/v1/cases/%lld/threads", (long long)id),
		"/v1/retention/policies", "/v1/retention/policies/bygglov",
		"/v1/retention/upcoming", "/v1/retention/log",
	};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		struct http_resp *r = api_get(S, paths[i], tok);
		expect_status(r, 200);
		expect_true(json_ctype(r->ctype), r);
		expect_true(r->json != NULL, r);
		char want[40];
		snprintf(want, sizeof want, "\"h%016llx\"",
			 (unsigned long long)fnv1a64(r->body, r->len));
		expect_true(strcasecmp(r->etag, want) == 0, r);
		struct http_resp *c = api_get_inm(S, paths[i], tok, r->etag);
		expect_status(c, 304);
		expect_true(c->len == 0, c);
		expect_true(strcmp(c->etag, r->etag) == 0, c);
	}
}

/* Case detail ETag is strong "<id>.<version>"; lists of tags and *
 * match; writes change the tag and the old one stops matching. */
static void case_etag_and_conditional_get(void **state)
{
	const char *tok = login(S, "anna");
	int64_t id = some_case(tok);
	const char *path = sb_fmt(S, "/v1/cases/%lld", (long long)id);
	struct http_resp *r = api_get(S, path, tok);
	expect_status(r, 200);
	char want[64];
	snprintf(want, sizeof want, "\"%lld.%lld\"", (long long)id,
		 (long long)jint(r->json, "version"));
	assert_string_equal(r->etag, want);
	/* the same case by number has the same tag */
	struct http_resp *byn = api_get(S, sb_fmt(S, "/v1/cases/%s",
					jstr(r->json, "number")), tok);
	expect_status(byn, 200);
	assert_string_equal(byn->etag, want);

	struct http_resp *c = api_get_inm(S, path, tok, want);
	expect_status(c, 304);
	expect_true(c->len == 0 && strcmp(c->etag, want) == 0, c);
	c = api_get_inm(S, path, tok, sb_fmt(S, "\"x.1\", %s", want));
	expect_status(c, 304);
	c = api_get_inm(S, path, tok, "*");
	expect_status(c, 304);
	c = api_get_inm(S, path, tok, "\"0.0\"");
	expect_status(c, 200);
	expect_true(c->len > 0, c);

	const char *notes = sb_fmt(S, "/v1/cases/%lld/notes", (long long)id);
	struct http_resp *nl = api_get(S, notes, tok);
	expect_status(nl, 200);
	char notes_tag[128];
	snprintf(notes_tag, sizeof notes_tag, "%s", nl->etag);

	struct http_resp *w = api_post(S, notes, tok,
				       "{\"body\":\"ETag check\",\"publish\":false}",
				       want, NULL);
	expect_status(w, 201);
	expect_true(w->etag[0] && strcmp(w->etag, want) != 0, w);

	c = api_get_inm(S, path, tok, want);
	expect_status(c, 200);
	expect_true(strcmp(c->etag, want) != 0 && strcmp(c->etag, w->etag) == 0, c);
	c = api_get_inm(S, notes, tok, notes_tag);
	expect_status(c, 200);
	expect_true(strcmp(c->etag, notes_tag) != 0, c);
}

/* ---- overload: --rate-limit 5 --max-inflight 3 ---- */

static int setup_overload(void **state)
{
	int rc = group_start(state, "--rate-limit 5 --max-inflight 3");
	S = *state;
	return rc;
}

/* Over the per-officer rate → 429 rate-limited with Retry-After; other
 * officers are not affected. */
static void rate_limited(void **state)
{
	const char *anna = login(S, "anna");
	const char *erik = login(S, "erik");
	struct http_resp *limited = NULL;
	for (int i = 0; i < 30 && !limited; i++) {
		struct http_resp *r = api_get(S, "/v1/me", anna);
		if (r->status == 429)
			limited = r;
		else
			expect_status(r, 200);
	}
	expect_true(limited != NULL, NULL);
	expect_problem(limited, 429, "rate-limited");
	int ra = atoi(limited->retry_after);
	expect_true(ra >= 1, limited);
	expect_true(jint(limited->json, "retry_after") >= 1, limited);

	struct http_resp *r = api_get(S, "/v1/me", erik);
	expect_status(r, 200);

	sleep_s(ra + 0.2);
	r = api_get(S, "/v1/me", anna);
	expect_status(r, 200);
}

/* More than --max-inflight requests in progress → 503 with Retry-After. */
static void max_inflight(void **state)
{
	static const char *const who[] = {"erik", "sara", "lars"};
	struct bg *polls[3];
	sleep_s(1.1);  /* let the rate windows of the previous test pass */
	for (int i = 0; i < 3; i++) {
		const char *tok = login(S, who[i]);
		struct http_resp *c = api_get(S, "/v1/feed", tok);
		expect_status(c, 200);
		const char *cur = jstr(c->json, "cursor");
		expect_true(cur != NULL, c);
		polls[i] = bg_req(S, "GET", sb_fmt(S, "/v1/feed?cursor=%s&wait=3",
						   cur), tok, NULL, NULL, 10);
	}
	sleep_s(0.8);
	struct http_resp *r = api_get(S, "/v1/platform", NULL);
	for (int i = 0; i < 3; i++) {
		struct http_resp *p = bg_join(polls[i]);
		expect_status(p, 200);
	}
	expect_problem(r, 503, "unavailable");
	expect_true(atoi(r->retry_after) >= 1, r);
	expect_true(jint(r->json, "retry_after") >= 1, r);

	r = api_get(S, "/v1/platform", NULL);
	expect_status(r, 200);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(platform_document),
		cmocka_unit_test(media_type_and_formats),
		cmocka_unit_test(bad_requests),
		cmocka_unit_test(not_found_and_method),
		cmocka_unit_test(payload_too_large),
		cmocka_unit_test(problem_instance),
		cmocka_unit_test(unauthorized),
		cmocka_unit_test(etags_everywhere),
		cmocka_unit_test(case_etag_and_conditional_get),
	};
	const struct CMUnitTest overload[] = {
		cmocka_unit_test(rate_limited),
		cmocka_unit_test(max_inflight),
	};
	int failed = cmocka_run_group_tests_name("general", tests, setup,
						 group_stop);
	failed += cmocka_run_group_tests_name("overload", overload,
					      setup_overload, group_stop);
	return failed;
}

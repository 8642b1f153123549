/*
 * test_faults.c — injected faults do what they say: status with
 * Retry-After, latency, dropped and truncated connections, broken and
 * wrong-shaped JSON, failures after a committed write, skip/times,
 * method and path matching, and clearing.
 */
#include "harness.h"

#include <curl/curl.h>
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

static int teardown_each(void **state)
{
	/* a failed test must not leave faults for the next one */
	struct http_resp *r = http_req(S, "DELETE", "/v1/sandbox/faults",
				       NULL, NULL, NULL);
	return r->status == 200 || r->status == 204 ? 0 : -1;
}

/* status 503 + retry_after 2, times 1: one 503 with Retry-After: 2,
 * then the real answer. */
static void status_once(void **state)
{
	const char *tok = login(S, "anna");
	sb_fault(S, "{\"path\":\"/v1/me\",\"status\":503,\"retry_after\":2,\"times\":1}");
	struct http_resp *r = api_get(S, "/v1/me", tok);
	expect_problem(r, 503, "unavailable");
	expect_true(!strcmp(r->retry_after, "2"), r);
	expect_true(jint(r->json, "retry_after") == 2, r);
	r = api_get(S, "/v1/me", tok);
	expect_status(r, 200);
	expect_true(!strcmp(jstr(r->json, "username"), "anna"), r);

	/* 429 gets a default Retry-After of 1 */
	sb_fault(S, "{\"path\":\"/v1/units\",\"status\":429,\"times\":1}");
	r = api_get(S, "/v1/units", tok);
	expect_problem(r, 429, "rate-limited");
	expect_true(!strcmp(r->retry_after, "1"), r);
	r = api_get(S, "/v1/units", tok);
	expect_status(r, 200);
}

static void latency(void **state)
{
	const char *tok = login(S, "anna");
	struct http_resp *r = api_get(S, "/v1/units", tok);
	expect_status(r, 200);
	double base = r->seconds;
	sb_fault(S, "{\"path\":\"/v1/units\",\"latency_ms\":300,\"times\":1}");
	r = api_get(S, "/v1/units", tok);
	expect_status(r, 200);
	expect_true(r->seconds >= 0.3, r);
	expect_true(jlen(r->json, "items") == 2, r);
	r = api_get(S, "/v1/units", tok);
	expect_true(r->seconds < base + 0.25, r);
}

/* drop: the connection closes with no answer at all. */
static void drop(void **state)
{
	const char *tok = login(S, "anna");
	sb_fault(S, "{\"path\":\"/v1/me\",\"drop\":true,\"times\":1}");
	struct http_resp *r = api_get(S, "/v1/me", tok);
	expect_true(r->status == 0, r);
	expect_true(r->curl_code == CURLE_GOT_NOTHING ||
		    r->curl_code == CURLE_RECV_ERROR, r);
	r = api_get(S, "/v1/me", tok);
	expect_status(r, 200);
}

/* reset: a TCP reset (RST) instead of an answer, not an orderly close;
 * in phase after, the write behind it was made. */
static void reset(void **state)
{
	const char *tok = login(S, "anna");
	sb_fault(S, "{\"path\":\"/v1/me\",\"reset\":true,\"times\":1}");
	struct http_resp *r = api_get(S, "/v1/me", tok);
	expect_true(r->status == 0, r);
	expect_true(r->curl_code == CURLE_RECV_ERROR, r);
	r = api_get(S, "/v1/me", tok);
	expect_status(r, 200);

	char number[64];
	int64_t id = citizen_case(S, "bygglov", "Rut Reset", number);
	char etag[128];
	case_etag(S, tok, id, etag);
	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/notes\","
		 "\"reset\":true,\"phase\":\"after\",\"times\":1}");
	r = api_post(S, sb_fmt(S, "/v1/cases/%lld/notes", (long long)id), tok,
		     "{\"body\":\"Efter återställning\"}", etag, "reset-key-1");
	expect_true(r->status == 0 && r->curl_code == CURLE_RECV_ERROR, r);
	r = api_get(S, sb_fmt(S, "/v1/cases/%lld/notes", (long long)id), tok);
	expect_status(r, 200);
	expect_true(jlen(r->json, "items") == 1, r);
	expect_true(strcmp(jstr(r->json, "items[0].body"),
			   "Efter återställning") == 0, r);
}

/* truncate: real headers, half the body, then close. */
static void truncate_body(void **state)
{
	const char *tok = login(S, "anna");
	struct http_resp *full = api_get(S, "/v1/queues", tok);
	expect_status(full, 200);
	sb_fault(S, "{\"path\":\"/v1/queues\",\"truncate\":true,\"times\":1}");
	struct http_resp *r = api_get(S, "/v1/queues", tok);
	expect_true(r->curl_code == CURLE_PARTIAL_FILE ||
		    (r->curl_code == 0 && r->len < full->len), r);
	expect_true(r->len < full->len && r->json == NULL, r);
	if (r->status)
		expect_true(r->status == 200, r);
	r = api_get(S, "/v1/queues", tok);
	expect_status(r, 200);
}

/* malformed: 200 whose body is not JSON; wrong_shape: valid JSON that is
 * not what the route returns. */
static void malformed_and_wrong_shape(void **state)
{
	const char *tok = login(S, "anna");
	sb_fault(S, "{\"path\":\"/v1/queues\",\"malformed\":true,\"times\":1}");
	struct http_resp *r = api_get(S, "/v1/queues", tok);
	expect_status(r, 200);
	json_error_t e;
	json_t *j = json_loadb(r->body, r->len, JSON_DECODE_ANY, &e);
	bool parsed = j != NULL;
	json_decref(j);
	expect_true(!parsed && r->len > 0, r);

	sb_fault(S, "{\"path\":\"/v1/queues\",\"wrong_shape\":true,\"times\":1}");
	r = api_get(S, "/v1/queues", tok);
	expect_status(r, 200);
	expect_true(json_is_object(r->json), r);
	expect_true(jget(r->json, "items") == NULL, r);

	r = api_get(S, "/v1/queues", tok);
	expect_status(r, 200);
	expect_true(json_is_array(jget(r->json, "items")), r);
}

/* phase after: the note is written, the client sees 500; retrying with
 * the same key replays the stored 201 and makes no duplicate. */
static void after_phase_commits(void **state)
{
	const char *tok = login(S, "anna");
	int64_t id = citizen_case(S, "bygglov", NULL, NULL);
	const char *notes = sb_fmt(S, "/v1/cases/%lld/notes", (long long)id);
	char etag[128];
	case_etag(S, tok, id, etag);
	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/notes\",\"status\":500,"
		 "\"phase\":\"after\",\"times\":1}");
	const char *body = "{\"body\":\"Skrivet trots fel\"}";
	struct http_resp *r = api_post(S, notes, tok, body, etag, "k-after-1");
	expect_problem(r, 500, "internal");

	struct http_resp *l = api_get(S, notes, tok);
	expect_status(l, 200);
	expect_true(jint(l->json, "total") == 1, l);
	expect_true(!strcmp(jstr(l->json, "items[0].body"), "Skrivet trots fel"), l);
	expect_true(case_etag(S, tok, id, NULL) > 0, NULL);

	struct http_resp *again = api_post(S, notes, tok, body, etag, "k-after-1");
	expect_status(again, 201);
	const char *rep = resp_header(again, "Idempotent-Replayed");
	expect_true(rep && !strcmp(rep, "true"), again);
	expect_true(jint(again->json, "id") == jint(l->json, "items[0].id"), again);
	l = api_get(S, notes, tok);
	expect_true(jint(l->json, "total") == 1, l);

	/* phase before: nothing is written */
	char etag2[128];
	case_etag(S, tok, id, etag2);
	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/notes\",\"status\":500,"
		 "\"phase\":\"before\",\"times\":1}");
	r = api_post(S, notes, tok, "{\"body\":\"never\"}", etag2, "k-before-1");
	expect_problem(r, 500, "internal");
	l = api_get(S, notes, tok);
	expect_true(jint(l->json, "total") == 1, l);
	/* and a 5xx is not stored: the retry is processed */
	r = api_post(S, notes, tok, "{\"body\":\"never\"}", etag2, "k-before-1");
	expect_status(r, 201);
	expect_true(resp_header(r, "Idempotent-Replayed") == NULL, r);
}

/* skip lets matching requests through first; times caps firings. */
static void skip_and_times(void **state)
{
	const char *tok = login(S, "anna");
	sb_fault(S, "{\"path\":\"/v1/units\",\"status\":503,\"skip\":2,\"times\":2}");
	long want[] = {200, 200, 503, 503, 200, 200};
	for (int i = 0; i < 6; i++) {
		struct http_resp *r = api_get(S, "/v1/units", tok);
		expect_status(r, want[i]);
	}
}

/* method and glob path select requests; sandbox routes are never hit;
 * without times the fault fires until cleared; DELETE clears. */
static void matching_and_clearing(void **state)
{
	const char *tok = login(S, "anna");
	int64_t id = case_find(S, tok, "e_service=bygglov&limit=1");
	sb_fault(S, "{\"method\":\"GET\",\"path\":\"/v1/cases/*/documents\",\"status\":503}");
	struct http_resp *r = api_get(S, sb_fmt(S, "/v1/cases/%lld/documents",
						(long long)id), tok);
	expect_status(r, 503);
	r = api_get(S, sb_fmt(S, "/v1/cases/%lld/documents", (long long)id), tok);
	expect_status(r, 503);
	r = api_get(S, sb_fmt(S, "/v1/cases/%lld", (long long)id), tok);
	expect_status(r, 200);
	r = api_get(S, sb_fmt(S, "/v1/cases/%lld/notes", (long long)id), tok);
	expect_status(r, 200);

	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/me\",\"status\":500}");
	r = api_get(S, "/v1/me", tok);
	expect_status(r, 200);

	sb_fault(S, "{\"path\":\"/*\",\"status\":418,\"times\":1000}");
	r = api_get(S, "/v1/sandbox/clock", NULL);
	expect_status(r, 200);
	r = api_get(S, "/v1/sandbox/faults", NULL);
	expect_status(r, 200);
	json_t *list = json_is_array(r->json) ? r->json : jget(r->json, "items");
	expect_true(json_array_size(list) == 3, r);
	r = api_get(S, "/v1/units", tok);
	expect_status(r, 418);

	sb_faults_clear(S);
	r = api_get(S, "/v1/sandbox/faults", NULL);
	expect_status(r, 200);
	list = json_is_array(r->json) ? r->json : jget(r->json, "items");
	expect_true(json_is_array(list) && json_array_size(list) == 0, r);
	r = api_get(S, "/v1/units", tok);
	expect_status(r, 200);
	r = api_get(S, sb_fmt(S, "/v1/cases/%lld/documents", (long long)id), tok);
	expect_status(r, 200);
}

/* stall: half the body, a pause, then the rest. */
static void stall(void **state)
{
	const char *tok = login(S, "anna");
	sb_fault(S, "{\"path\":\"/v1/queues\",\"stall_ms\":400,\"times\":1}");
	struct http_resp *r = api_get(S, "/v1/queues", tok);
	expect_true(r->seconds >= 0.4, r);
	expect_status(r, 200);
	expect_true(r->curl_code == 0 && json_is_array(jget(r->json, "items")), r);
}

static void bad_fault_definitions(void **state)
{
	struct http_resp *r = sb_post_json(S, "/v1/sandbox/faults", "{\"status\":503}");
	expect_problem(r, 400, "bad-request");
	expect_true(!strcmp(jstr(r->json, "field"), "path"), r);
	r = sb_post_json(S, "/v1/sandbox/faults", "{\"path\":\"/v1/me\",\"drop\":\"yes\"}");
	expect_problem(r, 400, "bad-request");
	r = sb_post_json(S, "/v1/sandbox/faults",
			 "{\"path\":\"/v1/me\",\"phase\":\"during\"}");
	expect_problem(r, 400, "bad-request");
	r = sb_post_json(S, "/v1/sandbox/faults", "{\"path\":\"/v1/me\",\"status\":503}");
	expect_status(r, 201);
	expect_true(jint(r->json, "id") > 0, r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(status_once, teardown_each),
		cmocka_unit_test_teardown(latency, teardown_each),
		cmocka_unit_test_teardown(drop, teardown_each),
		cmocka_unit_test_teardown(reset, teardown_each),
		cmocka_unit_test_teardown(truncate_body, teardown_each),
		cmocka_unit_test_teardown(malformed_and_wrong_shape, teardown_each),
		cmocka_unit_test_teardown(after_phase_commits, teardown_each),
		cmocka_unit_test_teardown(skip_and_times, teardown_each),
		cmocka_unit_test_teardown(matching_and_clearing, teardown_each),
		cmocka_unit_test_teardown(stall, teardown_each),
		cmocka_unit_test_teardown(bad_fault_definitions, teardown_each),
	};
	return cmocka_run_group_tests_name("faults", tests, setup, group_stop);
}

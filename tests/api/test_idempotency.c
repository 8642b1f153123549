/*
 * test_idempotency.c — Idempotency-Key: replays return the stored answer
 * (even after the case moved on), reuse with another request → 422,
 * keys are per officer, concurrent duplicates are serialized.
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

static const char *notes_of(int64_t id)
{
	return sb_fmt(S, "/v1/cases/%lld/notes", (long long)id);
}

static int64_t note_total(const char *tok, int64_t id)
{
	struct http_resp *r = api_get(S, notes_of(id), tok);
	expect_status(r, 200);
	return jint(r->json, "total");
}

static bool replayed(const struct http_resp *r)
{
	const char *v = resp_header(r, "Idempotent-Replayed");
	return v && strcmp(v, "true") == 0;
}

/* Same key and body twice → same status, body, Location and ETag, the
 * second marked as replayed; one note only — even though the first
 * request bumped the case version the replay's If-Match is now stale. */
static void replay_same_answer(void **state)
{
	const char *tok = login(S, "anna");
	int64_t id = citizen_case(S, "bygglov", NULL, NULL);
	char etag[128];
	case_etag(S, tok, id, etag);
	const char *body = "{\"body\":\"Ringde sökanden.\",\"publish\":false}";

	struct http_resp *a = api_post(S, notes_of(id), tok, body, etag, "k-replay-1");
	expect_status(a, 201);
	expect_true(!replayed(a), a);
	expect_true(a->location[0] != 0, a);

	struct http_resp *b = api_post(S, notes_of(id), tok, body, etag, "k-replay-1");
	expect_status(b, 201);
	expect_true(replayed(b), b);
	expect_true(a->len == b->len && memcmp(a->body, b->body, a->len) == 0, b);
	expect_true(strcmp(a->location, b->location) == 0, b);
	expect_true(strcmp(a->etag, b->etag) == 0, b);
	assert_int_equal(note_total(tok, id), 1);

	/* another write moves the case on; the replay still answers */
	char now[128];
	case_etag(S, tok, id, now);
	struct http_resp *w = api_post(S, notes_of(id), tok,
				       "{\"body\":\"other\"}", now, NULL);
	expect_status(w, 201);
	struct http_resp *c = api_post(S, notes_of(id), tok, body, etag, "k-replay-1");
	expect_status(c, 201);
	expect_true(replayed(c), c);
	expect_true(a->len == c->len && memcmp(a->body, c->body, a->len) == 0, c);
	assert_int_equal(note_total(tok, id), 2);
}

/* Same key, different body / path / method → 422 idempotency-key-reused. */
static void reuse_is_refused(void **state)
{
	const char *tok = login(S, "anna");
	int64_t id = citizen_case(S, "bygglov", NULL, NULL);
	char etag[128];
	case_etag(S, tok, id, etag);

	struct http_resp *a = api_post(S, notes_of(id), tok,
				       "{\"body\":\"first\"}", etag, "k-reuse");
	expect_status(a, 201);
	char now[128];
	case_etag(S, tok, id, now);

	struct http_resp *r = api_post(S, notes_of(id), tok,
				       "{\"body\":\"second\"}", now, "k-reuse");
	expect_problem(r, 422, "idempotency-key-reused");
	/* the body bytes count, not their meaning */
	r = api_post(S, notes_of(id), tok, "{\"body\": \"first\"}", now, "k-reuse");
	expect_problem(r, 422, "idempotency-key-reused");
	int64_t other = citizen_case(S, "bygglov", NULL, NULL);
	char oetag[128];
	case_etag(S, tok, other, oetag);
	r = api_post(S, notes_of(other), tok, "{\"body\":\"first\"}", oetag, "k-reuse");
	expect_problem(r, 422, "idempotency-key-reused");
	assert_int_equal(note_total(tok, id), 1);
	assert_int_equal(note_total(tok, other), 0);
}

/* Keys are per officer: maria's "k-shared" is not anna's. */
static void keys_are_per_officer(void **state)
{
	const char *anna = login(S, "anna");
	const char *maria = login(S, "maria");
	int64_t id = citizen_case(S, "bygglov", NULL, NULL);
	char etag[128];
	case_etag(S, anna, id, etag);

	struct http_resp *a = api_post(S, notes_of(id), anna,
				       "{\"body\":\"anna's\"}", etag, "k-shared");
	expect_status(a, 201);
	char now[128];
	case_etag(S, maria, id, now);
	struct http_resp *m = api_post(S, notes_of(id), maria,
				       "{\"body\":\"maria's\"}", now, "k-shared");
	expect_status(m, 201);
	expect_true(!replayed(m), m);
	expect_true(!strcmp(jstr(m->json, "author.username"), "maria"), m);
	assert_int_equal(note_total(anna, id), 2);
}

/* Errors are stored too (only 5xx, 401 and 429 are not): a 4xx replays. */
static void client_errors_replay(void **state)
{
	const char *tok = login(S, "anna");
	int64_t id = citizen_case(S, "bygglov", NULL, NULL);
	char etag[128];
	case_etag(S, tok, id, etag);
	struct http_resp *a = api_post(S, notes_of(id), tok, "{\"body\":\"\"}",
				       etag, "k-empty");
	expect_problem(a, 400, "bad-request");
	struct http_resp *b = api_post(S, notes_of(id), tok, "{\"body\":\"\"}",
				       etag, "k-empty");
	expect_status(b, 400);
	expect_true(replayed(b), b);

	/* a 401 is not stored: the same key works once signed in */
	struct http_resp *u = api_post(S, notes_of(id), NULL,
				       "{\"body\":\"late\"}", etag, "k-401");
	expect_status(u, 401);
	struct http_resp *ok = api_post(S, notes_of(id), tok,
					"{\"body\":\"late\"}", etag, "k-401");
	expect_status(ok, 201);
	expect_true(!replayed(ok), ok);
}

/* Two requests with one key at the same time: one is processed, the
 * other waits and replays. */
static void concurrent_duplicates(void **state)
{
	const char *tok = login(S, "anna");
	int64_t id = citizen_case(S, "bygglov", NULL, NULL);
	char etag[128];
	case_etag(S, tok, id, etag);
	char im[160];
	snprintf(im, sizeof im, "If-Match: %s", etag);
	const char *hs[] = {im, "Idempotency-Key: k-race", NULL};
	struct bg *t[4];
	for (int i = 0; i < 4; i++)
		t[i] = bg_req(S, "POST", notes_of(id), tok,
			      "{\"body\":\"race\"}", hs, 10);
	int fresh = 0;
	struct http_resp *first = NULL;
	for (int i = 0; i < 4; i++) {
		struct http_resp *r = bg_join(t[i]);
		expect_status(r, 201);
		if (!replayed(r))
			fresh++;
		if (!first)
			first = r;
		else
			expect_true(r->len == first->len &&
				    !memcmp(r->body, first->body, r->len), r);
	}
	assert_int_equal(fresh, 1);
	assert_int_equal(note_total(tok, id), 1);
}

/* Unauthenticated POSTs are scoped per client: a citizen case filed twice
 * with one key is one case. */
static void unauthenticated_scope(void **state)
{
	const char *tok = login(S, "anna");
	const char *hs[] = {"Idempotency-Key: k-citizen", NULL};
	const char *body = "{\"e_service\":\"bygglov\",\"applicant\":\"Idun Ödmarkqvist\"}";
	struct http_resp *a = http_req(S, "POST", "/v1/sandbox/citizen/cases",
				       NULL, body, hs);
	expect_status(a, 201);
	struct http_resp *b = http_req(S, "POST", "/v1/sandbox/citizen/cases",
				       NULL, body, hs);
	expect_status(b, 201);
	expect_true(replayed(b), b);
	expect_true(jint(a->json, "id") == jint(b->json, "id"), b);
	struct http_resp *s = api_get(S, "/v1/cases?q=%C3%96dmarkqvist", tok);
	expect_status(s, 200);
	expect_true(jint(s->json, "total") == 1, s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(replay_same_answer),
		cmocka_unit_test(reuse_is_refused),
		cmocka_unit_test(keys_are_per_officer),
		cmocka_unit_test(client_errors_replay),
		cmocka_unit_test(concurrent_duplicates),
		cmocka_unit_test(unauthenticated_scope),
	};
	return cmocka_run_group_tests_name("idempotency", tests, setup,
					   group_stop);
}

/*
 * engine.h — what the engine tests share on top of the contract-test
 * harness (tests/api/harness.h): the engine under test runs in this
 * process on its own event loop and talks HTTP to a real akt-sandbox;
 * the harness's blocking requests set the scene (faults, expired
 * tokens) and check the platform's side (what was written, how often a
 * fault fired).
 */
#ifndef AKT_TEST_ENGINE_H
#define AKT_TEST_ENGINE_H

#include "harness.h"

#include "akt/loop.h"

#include <string.h>

/* Add a fault (JSON object text) and return its id. */
static inline int64_t fault_add(struct sb *sb, const char *json)
{
	struct http_resp *r = sb_post_json(sb, "/v1/sandbox/faults", json);

	expect_status(r, 201);
	expect_true(jint(r->json, "id") > 0, r);
	return jint(r->json, "id");
}

/* How many requests fault id has caught so far — the platform's own
 * count of what reached it. */
static inline int64_t fault_fired(struct sb *sb, int64_t id)
{
	struct http_resp *r = api_get(sb, "/v1/sandbox/faults", NULL);

	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *it = json_array_get(jget(r->json, "items"), i);

		if (jint(it, "id") == id)
			return jint(it, "fired");
	}
	fail_msg("fault %lld is not listed", (long long)id);
	return -1;
}

/* cmocka teardown: a failed test must not leave faults behind. */
static inline int faults_clear(void **state)
{
	struct http_resp *r = http_req(*state, "DELETE", "/v1/sandbox/faults",
				       NULL, NULL, NULL);

	return r->status == 200 || r->status == 204 ? 0 : -1;
}

static inline void on_elapsed(struct akt_timer *t, void *arg)
{
	*(bool *)arg = true;
}

/* Turn the loop for ms milliseconds, whatever happens meanwhile (with
 * nothing to watch, akt_loop_run_until would return at once). */
static inline void loop_run_for(struct akt_loop *loop, long ms)
{
	bool elapsed = false;
	struct akt_timer *t = akt_timer_new(loop, on_elapsed, &elapsed);

	akt_timer_start(t, ms);
	assert_true(akt_loop_run_until(loop, &elapsed));
	akt_timer_free(&t);
}

/* Turn the loop until fault id has caught a request: the engine's
 * request has reached the platform. */
static inline void loop_until_fired(struct sb *sb, struct akt_loop *loop,
				    int64_t id)
{
	for (int i = 0; i < 100 && fault_fired(sb, id) == 0; i++)
		loop_run_for(loop, 20);
	assert_int_equal(fault_fired(sb, id), 1);
}

/* A case of its own for a test that writes, and its current ETag. */
static inline int64_t fresh_case(struct sb *sb, const char *token,
				 char etag[128])
{
	int64_t id = citizen_case(sb, "bygglov", NULL, NULL);

	case_etag(sb, token, id, etag);
	return id;
}

/* How many notes the case has, and how many of them say text. */
static inline int64_t notes_count(struct sb *sb, const char *token,
				  int64_t case_id, const char *text)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/notes?limit=200",
						 (long long)case_id), token);
	int64_t n = 0;

	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		const char *body = jstr(json_array_get(jget(r->json, "items"), i),
					"body");

		if (!text || (body && strcmp(body, text) == 0))
			n++;
	}
	return n;
}

#endif

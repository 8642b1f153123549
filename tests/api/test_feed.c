/*
 * test_feed.c — the change feed: cursor without events, long poll that
 * wakes on a change, visibility by unit, limit and ordering.
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

static const char *cursor_now(const char *tok)
{
	struct http_resp *r = api_get(S, "/v1/feed", tok);
	expect_status(r, 200);
	expect_true(jget(r->json, "events") && jlen(r->json, "events") == 0, r);
	const char *c = jstr(r->json, "cursor");
	expect_true(rx_match(c, "^[0-9]+$"), r);
	return c;
}

static json_t *event_for(json_t *events, const char *type, int64_t case_id)
{
	for (size_t i = 0; i < json_array_size(events); i++) {
		json_t *e = json_array_get(events, i);
		if (jstr(e, "type") && !strcmp(jstr(e, "type"), type) &&
		    jint(e, "case.id") == case_id)
			return e;
	}
	return NULL;
}

/* A long poll wakes within a few seconds of a status change and carries
 * the event; the cursor moves past it. */
static void long_poll_wakes(void **state)
{
	const char *anna = login(S, "anna");
	char number[64];
	int64_t id = citizen_case(S, "bygglov", NULL, number);
	const char *c0 = cursor_now(anna);

	struct bg *poll = bg_req(S, "GET", sb_fmt(S, "/v1/feed?cursor=%s&wait=10", c0),
				 anna, NULL, NULL, 20);
	sleep_s(0.5);
	char etag[128];
	case_etag(S, anna, id, etag);
	double t = now_s();
	struct http_resp *w = api_post(S, sb_fmt(S, "/v1/cases/%lld/transitions",
						 (long long)id), anna,
		"{\"to\":\"registered\",\"comment\":\"Inkommen komplett\",\"notify\":false}",
		etag, NULL);
	expect_status(w, 200);
	struct http_resp *r = bg_join(poll);
	double after = now_s() - t;
	expect_status(r, 200);
	expect_true(r->seconds >= 0.4, r);     /* it did wait */
	expect_true(after < 3.0, r);           /* and woke on the change */
	json_t *e = event_for(jget(r->json, "events"), "case.status_changed", id);
	expect_true(e != NULL, r);
	expect_true(rx_match(jstr(e, "seq"), "^[0-9]+$"), r);
	expect_true(atoll(jstr(e, "seq")) > atoll(c0), r);
	expect_true(rx_match(jstr(e, "at"), RE_TS), r);
	expect_true(!strcmp(jstr(e, "actor.kind"), "officer"), r);
	expect_true(!strcmp(jstr(e, "actor.officer.username"), "anna"), r);
	expect_true(!strcmp(jstr(e, "actor.name"), "Anna Lindqvist"), r);
	expect_true(!strcmp(jstr(e, "case.number"), number), r);
	expect_true(jint(e, "case.queue_id") == queue_of(S, anna, "bygglov"), r);
	expect_true(!strcmp(jstr(e, "data.from.id"), "submitted"), r);
	expect_true(!strcmp(jstr(e, "data.to.id"), "registered"), r);
	expect_true(jstr(e, "data.to.name.sv") != NULL, r);
	expect_true(!strcmp(jstr(e, "data.comment"), "Inkommen komplett"), r);
	expect_true(json_is_false(jget(e, "data.notify")), r);
	const char *c1 = jstr(r->json, "cursor");
	expect_true(rx_match(c1, "^[0-9]+$") && atoll(c1) >= atoll(jstr(e, "seq")), r);

	/* from the new cursor there is nothing more */
	struct http_resp *n = api_get(S, sb_fmt(S, "/v1/feed?cursor=%s", c1), anna);
	expect_status(n, 200);
	expect_true(event_for(jget(n->json, "events"), "case.status_changed", id) == NULL, n);
}

/* Without events the long poll waits about `wait` seconds. */
static void long_poll_times_out(void **state)
{
	const char *anna = login(S, "anna");
	const char *c0 = cursor_now(anna);
	struct http_resp *r = http_req_ex(S, "GET", sb_fmt(S, "/v1/feed?cursor=%s&wait=1", c0),
					  anna, NULL, 0, NULL, 10);
	expect_status(r, 200);
	expect_true(r->seconds >= 0.9 && r->seconds < 3.0, r);
	expect_true(jlen(r->json, "events") == 0, r);
	expect_true(atoll(jstr(r->json, "cursor")) >= atoll(c0), r);
	/* wait=0 (default) answers at once */
	r = api_get(S, sb_fmt(S, "/v1/feed?cursor=%s", c0), anna);
	expect_status(r, 200);
	expect_true(r->seconds < 0.5, r);
}

/* erik's unit's events never reach anna, also not during her long poll. */
static void other_units_invisible(void **state)
{
	const char *anna = login(S, "anna");
	const char *erik = login(S, "erik");
	int64_t eb = citizen_case(S, "ekonomiskt_bistand", NULL, NULL);
	int64_t mine = citizen_case(S, "bygglov", NULL, NULL);
	const char *ca = cursor_now(anna);
	const char *ce = cursor_now(erik);

	struct bg *poll = bg_req(S, "GET", sb_fmt(S, "/v1/feed?cursor=%s&wait=3", ca),
				 anna, NULL, NULL, 10);
	sleep_s(0.3);
	case_move(S, erik, eb, "registered");
	struct http_resp *r = bg_join(poll);
	expect_status(r, 200);
	expect_true(event_for(jget(r->json, "events"), "case.status_changed", eb) == NULL, r);
	for (size_t i = 0; i < jlen(r->json, "events"); i++)
		expect_true(jint(r->json, sb_fmt(S, "events[%zu].case.id", i)) != eb, r);
	const char *ca2 = jstr(r->json, "cursor");
	expect_true(atoll(ca2) >= atoll(ca), r);

	/* erik sees his own */
	struct http_resp *re = api_get(S, sb_fmt(S, "/v1/feed?cursor=%s", ce), erik);
	expect_status(re, 200);
	expect_true(event_for(jget(re->json, "events"), "case.status_changed", eb) != NULL, re);
	expect_true(atoll(jstr(re->json, "cursor")) > atoll(ce), re);

	/* anna's next own change still arrives after the hidden one */
	case_move(S, anna, mine, "registered");
	r = api_get(S, sb_fmt(S, "/v1/feed?cursor=%s", ca2), anna);
	expect_status(r, 200);
	expect_true(event_for(jget(r->json, "events"), "case.status_changed", mine) != NULL, r);
	expect_true(event_for(jget(r->json, "events"), "case.status_changed", eb) == NULL, r);
	expect_true(atoll(jstr(r->json, "cursor")) > atoll(ca2), r);
}

/* Events come oldest first, limit caps a page, the cursor walks on. */
static void limit_and_order(void **state)
{
	const char *anna = login(S, "anna");
	int64_t id = citizen_case(S, "bygglov", NULL, NULL);
	const char *c0 = cursor_now(anna);
	case_move(S, anna, id, "registered");
	case_move(S, anna, id, "in_progress");
	char etag[128];
	case_etag(S, anna, id, etag);
	struct http_resp *w = api_post(S, sb_fmt(S, "/v1/cases/%lld/assignees",
						 (long long)id), anna,
				       "{\"officer\":\"maria\"}", etag, NULL);
	expect_status(w, 200);
	case_etag(S, anna, id, etag);
	w = api_post(S, sb_fmt(S, "/v1/cases/%lld/notes", (long long)id), anna,
		     "{\"body\":\"feed note\",\"publish\":true}", etag, NULL);
	expect_status(w, 201);
	int64_t note = jint(w->json, "id");

	struct http_resp *p = api_get(S, sb_fmt(S, "/v1/feed?cursor=%s&limit=2", c0), anna);
	expect_status(p, 200);
	expect_true(jlen(p->json, "events") == 2, p);
	const char *s0 = jstr(p->json, "events[0].seq");
	const char *s1 = jstr(p->json, "events[1].seq");
	expect_true(atoll(s0) < atoll(s1), p);
	expect_true(!strcmp(jstr(p->json, "cursor"), s1), p);

	struct http_resp *rest = api_get(S, sb_fmt(S, "/v1/feed?cursor=%s&limit=100",
						   jstr(p->json, "cursor")), anna);
	expect_status(rest, 200);
	json_t *ev = jget(rest->json, "events");
	json_t *asg = event_for(ev, "case.assigned", id);
	expect_true(asg && !strcmp(jstr(asg, "data.officer.username"), "maria"), rest);
	json_t *nc = event_for(ev, "note.created", id);
	expect_true(nc && jint(nc, "data.note_id") == note &&
		    json_is_true(jget(nc, "data.published")), rest);
	long long last = atoll(s1);
	for (size_t i = 0; i < json_array_size(ev); i++) {
		long long s = atoll(jstr(json_array_get(ev, i), "seq"));
		expect_true(s > last, rest);
		last = s;
	}
	struct http_resp *again = api_get(S, sb_fmt(S, "/v1/feed?cursor=%s&limit=2", c0), anna);
	expect_true(json_equal(jget(again->json, "events"), jget(p->json, "events")), again);
}

static void bad_parameters(void **state)
{
	const char *anna = login(S, "anna");
	static const char *const bad[][2] = {
		{"cursor=abc", "cursor"},
		{"cursor=1&wait=soon", "wait"},
		{"cursor=1&limit=0", "limit"},
		{"cursor=1&limit=x", "limit"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct http_resp *r = api_get(S, sb_fmt(S, "/v1/feed?%s", bad[i][0]), anna);
		expect_problem(r, 400, "bad-request");
		expect_true(jstr(r->json, "field") &&
			    !strcmp(jstr(r->json, "field"), bad[i][1]), r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(long_poll_wakes),
		cmocka_unit_test(long_poll_times_out),
		cmocka_unit_test(other_units_invisible),
		cmocka_unit_test(limit_and_order),
		cmocka_unit_test(bad_parameters),
	};
	return cmocka_run_group_tests_name("feed", tests, setup, group_stop);
}

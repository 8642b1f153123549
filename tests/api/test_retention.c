/*
 * test_retention.c — gallring: closing sets the purge date from the
 * policy, policy changes recompute it, the clock advance purges (410,
 * purge log without personal data, feed event), legal hold protects.
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

struct rcase {
	int64_t id;
	char number[64];
	const char *applicant;
};

static struct rcase A = {0, "", "Ulla Ödeslöf"}, B = {0, "", "Bo Älvström"},
		    H = {0, "", "Hjördis Åhl"}, R = {0, "", "Rut Ängström"};
static char anna_cursor[64], erik_cursor[64];

static const char *cpath(const struct rcase *c, const char *sub)
{
	return sb_fmt(S, "/v1/cases/%lld%s", (long long)c->id, sub);
}

static void feed_cursor(const char *tok, char out[64])
{
	struct http_resp *r = api_get(S, "/v1/feed", tok);
	expect_status(r, 200);
	expect_true(jlen(r->json, "events") == 0 && jstr(r->json, "cursor"), r);
	snprintf(out, 64, "%s", jstr(r->json, "cursor"));
}

/* all events after cursor (follows the feed until it is empty) */
static json_t *feed_since(const char *tok, const char *cursor)
{
	json_t *all = json_array();
	char cur[64];
	snprintf(cur, sizeof cur, "%s", cursor);
	for (int i = 0; i < 50; i++) {
		struct http_resp *r = api_get(S, sb_fmt(S, "/v1/feed?cursor=%s", cur), tok);
		expect_status(r, 200);
		json_array_extend(all, jget(r->json, "events"));
		const char *c = jstr(r->json, "cursor");
		expect_true(c != NULL, r);
		if (jlen(r->json, "events") == 0)
			break;
		snprintf(cur, sizeof cur, "%s", c);
	}
	return all;
}

static void make_case(struct rcase *c)
{
	c->id = citizen_case(S, "felanmalan", c->applicant, c->number);
}

static void close_case(const char *tok, struct rcase *c)
{
	case_move(S, tok, c->id, "registered");
	case_move(S, tok, c->id, "closed");
}

/* Closing sets closed_at and purge_at = closed_at + policy days; the
 * seed already purged some cases (the log is not empty). */
static void close_sets_purge_date(void **state)
{
	const char *anna = login(S, "anna");
	const char *erik = login(S, "erik");
	feed_cursor(anna, anna_cursor);
	feed_cursor(erik, erik_cursor);

	struct http_resp *log = api_get(S, "/v1/retention/log", anna);
	expect_status(log, 200);
	expect_true(jint(log->json, "total") > 0, log);

	make_case(&A);
	close_case(anna, &A);
	struct http_resp *g = api_get(S, cpath(&A, ""), anna);
	expect_status(g, 200);
	int64_t closed = ts_parse(jstr(g->json, "retention.closed_at"));
	int64_t purge = ts_parse(jstr(g->json, "retention.purge_at"));
	expect_true(closed > 0 && purge == closed + 30LL * 86400, g);
	json_t *pd = jget(g->json, "retention.policy_days");
	expect_true(json_is_null(pd) || json_integer_value(pd) == 30, g);
	expect_true(json_is_false(jget(g->json, "retention.legal_hold.active")), g);

	/* reopening clears both */
	make_case(&R);
	close_case(anna, &R);
	case_move(S, anna, R.id, "in_progress");
	g = api_get(S, cpath(&R, ""), anna);
	expect_true(json_is_null(jget(g->json, "retention.closed_at")), g);
	expect_true(json_is_null(jget(g->json, "retention.purge_at")), g);
}

/* sara sets felanmalan to 1 day: A's purge date is recomputed, B closes
 * with 1 day, erik sees the policy event. */
static void policy_change_recomputes(void **state)
{
	const char *anna = login(S, "anna");
	const char *sara = login(S, "sara");
	const char *erik = login(S, "erik");
	const char *path = "/v1/retention/policies/felanmalan";
	struct http_resp *g = api_get(S, path, sara);
	expect_status(g, 200);
	struct http_resp *r = api_put(S, path, sara, "{\"days\":1}", g->etag);
	expect_status(r, 200);
	expect_true(jint(r->json, "days") == 1, r);

	g = api_get(S, cpath(&A, ""), anna);
	int64_t closed = ts_parse(jstr(g->json, "retention.closed_at"));
	int64_t purge = ts_parse(jstr(g->json, "retention.purge_at"));
	expect_true(purge == closed + 86400, g);

	make_case(&B);
	close_case(anna, &B);
	g = api_get(S, cpath(&B, ""), anna);
	closed = ts_parse(jstr(g->json, "retention.closed_at"));
	purge = ts_parse(jstr(g->json, "retention.purge_at"));
	expect_true(purge == closed + 86400, g);

	json_t *ev = feed_since(erik, erik_cursor);
	bool seen = false;
	for (size_t i = 0; i < json_array_size(ev); i++) {
		json_t *e = json_array_get(ev, i);
		if (!strcmp(jstr(e, "type"), "retention.policy_changed") &&
		    !strcmp(jstr(e, "data.e_service"), "felanmalan") &&
		    jint(e, "data.days") == 1)
			seen = true;
		/* nothing of anna's felanmalan cases reaches erik */
		expect_true(jint(e, "case.id") != A.id && jint(e, "case.id") != B.id,
			    NULL);
	}
	json_decref(ev);
	expect_true(seen, NULL);
}

/* Legal hold: reason required; the case shows who set it. */
static void legal_hold(void **state)
{
	const char *anna = login(S, "anna");
	make_case(&H);
	close_case(anna, &H);
	char etag[128];
	case_etag(S, anna, H.id, etag);
	struct http_resp *r = api_put(S, cpath(&H, "/legal-hold"), anna,
				      "{\"active\":true}", etag);
	expect_problem(r, 400, "bad-request");
	expect_true(!strcmp(jstr(r->json, "field"), "reason"), r);
	r = api_put(S, cpath(&H, "/legal-hold"), anna,
		    "{\"active\":true,\"reason\":\"Överklagat beslut\"}", etag);
	expect_status(r, 200);
	expect_true(json_is_true(jget(r->json, "retention.legal_hold.active")), r);
	expect_true(!strcmp(jstr(r->json, "retention.legal_hold.reason"),
			    "Överklagat beslut"), r);
	expect_true(!strcmp(jstr(r->json, "retention.legal_hold.set_by.username"),
			    "anna"), r);
	expect_true(rx_match(jstr(r->json, "retention.legal_hold.set_at"), RE_TS), r);
}

/* Upcoming purges list the closed cases by purge date. */
static void upcoming_list(void **state)
{
	const char *anna = login(S, "anna");
	struct http_resp *r = api_get(S, "/v1/retention/upcoming?e_service=felanmalan"
				      "&limit=200", anna);
	expect_status(r, 200);
	bool a = false, b = false, rr = false;
	const char *prev = NULL;
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *it = json_array_get(jget(r->json, "items"), i);
		int64_t id = jint(it, "case.id");
		const char *pa = jstr(it, "purge_at");
		expect_true(rx_match(pa, RE_TS), r);
		expect_true(json_is_boolean(jget(it, "legal_hold")), r);
		expect_true(!strcmp(jstr(it, "case.e_service.id"), "felanmalan"), r);
		if (prev)
			expect_true(strcmp(prev, pa) <= 0, r);
		prev = pa;
		if (id == A.id) {
			a = true;
			expect_true(json_is_false(jget(it, "legal_hold")), r);
			expect_true(!strcmp(jstr(it, "case.number"), A.number), r);
		}
		if (id == H.id)
			expect_true(json_is_true(jget(it, "legal_hold")), r);
		b |= id == B.id;
		rr |= id == R.id;
	}
	expect_true(a && b && !rr, r);

	r = api_get(S, "/v1/retention/upcoming?before=2000-01-01", anna);
	expect_status(r, 200);
	expect_true(jint(r->json, "total") == 0 && jlen(r->json, "items") == 0, r);
	r = api_get(S, "/v1/retention/upcoming?before=someday", anna);
	expect_problem(r, 400, "bad-request");
}

/* Two days later A and B are gone (410), H is kept, the log and the feed
 * say so without personal data. */
static void clock_advance_purges(void **state)
{
	struct http_resp *c0 = api_get(S, "/v1/sandbox/clock", NULL);
	expect_status(c0, 200);
	int64_t off0 = jint(c0->json, "offset_seconds");
	struct http_resp *r = sb_post_json(S, "/v1/sandbox/clock", "{\"advance_days\":2}");
	expect_status(r, 200);
	expect_true(jint(r->json, "purged") >= 2, r);
	expect_true(rx_match(jstr(r->json, "now"), RE_TS), r);
	struct http_resp *c1 = api_get(S, "/v1/sandbox/clock", NULL);
	expect_true(jint(c1->json, "offset_seconds") >= off0 + 2 * 86400, c1);

	const char *anna = login(S, "anna");  /* older tokens have expired */
	struct rcase *gone[] = {&A, &B};
	for (int i = 0; i < 2; i++) {
		r = api_get(S, cpath(gone[i], ""), anna);
		expect_problem(r, 410, "case-purged");
		expect_true(!strcmp(jstr(r->json, "case_number"), gone[i]->number), r);
		expect_true(rx_match(jstr(r->json, "purged_at"), RE_TS), r);
		expect_true(!strstr(r->body, gone[i]->applicant), r);
		r = api_get(S, sb_fmt(S, "/v1/cases/%s", gone[i]->number), anna);
		expect_problem(r, 410, "case-purged");
		r = api_get(S, cpath(gone[i], "/notes"), anna);
		expect_problem(r, 410, "case-purged");
		r = api_post(S, cpath(gone[i], "/notes"), anna, "{\"body\":\"x\"}",
			     "*", NULL);
		expect_problem(r, 410, "case-purged");
	}
	r = api_get(S, cpath(&H, ""), anna);
	expect_status(r, 200);
	expect_true(!strcmp(jstr(r->json, "status.id"), "closed"), r);
	r = api_get(S, cpath(&R, ""), anna);
	expect_status(r, 200);

	/* the purge log: documented keys only, no names */
	static const char *const keys[] = {
		"id", "case_number", "e_service", "closed_at", "purged_at",
		"policy_days", NULL,
	};
	struct http_resp *log = api_get(S, "/v1/retention/log?limit=200", anna);
	expect_status(log, 200);
	int found = 0;
	const char *prev = NULL;
	for (size_t i = 0; i < jlen(log->json, "items"); i++) {
		json_t *e = json_array_get(jget(log->json, "items"), i);
		const char *pa = jstr(e, "purged_at");
		if (prev)
			expect_true(strcmp(prev, pa) >= 0, log);  /* newest first */
		prev = pa;
		for (int k = 0; k < 2; k++) {
			if (strcmp(jstr(e, "case_number"), gone[k]->number))
				continue;
			found++;
			expect_true(jkeys_exactly(e, keys), log);
			expect_true(!strcmp(jstr(e, "e_service"), "felanmalan"), log);
			expect_true(jint(e, "policy_days") == 1, log);
			expect_true(rx_match(jstr(e, "closed_at"), RE_TS), log);
		}
	}
	expect_true(found == 2, log);
	expect_true(!strstr(log->body, A.applicant) && !strstr(log->body, B.applicant), log);

	/* anna's feed carries case.purged for both */
	json_t *ev = feed_since(anna, anna_cursor);
	for (int k = 0; k < 2; k++) {
		json_t *e = NULL;
		for (size_t i = 0; i < json_array_size(ev) && !e; i++) {
			json_t *x = json_array_get(ev, i);
			if (!strcmp(jstr(x, "type"), "case.purged") &&
			    jstr(x, "data.case_number") &&
			    !strcmp(jstr(x, "data.case_number"), gone[k]->number))
				e = x;
		}
		expect_true(e != NULL, NULL);
		char *txt = json_dumps(e, 0);
		bool clean = !strstr(txt, gone[k]->applicant);
		free(txt);
		expect_true(clean, NULL);
	}
	json_decref(ev);
}

/* Lifting the hold lets the next retention run purge the case. */
static void lifted_hold_purges(void **state)
{
	const char *anna = login(S, "anna");
	char etag[128];
	case_etag(S, anna, H.id, etag);
	struct http_resp *r = api_put(S, cpath(&H, "/legal-hold"), anna,
				      "{\"active\":false}", etag);
	expect_status(r, 200);
	expect_true(json_is_false(jget(r->json, "retention.legal_hold.active")), r);
	r = sb_post_json(S, "/v1/sandbox/retention/run", "{}");
	expect_status(r, 200);
	expect_true(jint(r->json, "purged") >= 1, r);
	r = api_get(S, cpath(&H, ""), anna);
	expect_problem(r, 410, "case-purged");
	r = sb_post_json(S, "/v1/sandbox/retention/run", "{}");
	expect_status(r, 200);
	expect_true(jint(r->json, "purged") == 0, r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(close_sets_purge_date),
		cmocka_unit_test(policy_change_recomputes),
		cmocka_unit_test(legal_hold),
		cmocka_unit_test(upcoming_list),
		cmocka_unit_test(clock_advance_purges),
		cmocka_unit_test(lifted_hold_purges),
	};
	return cmocka_run_group_tests_name("retention", tests, setup, group_stop);
}

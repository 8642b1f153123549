/*
 * test_access.c — who sees what: cases by the officer's units (403 for
 * others, also on sub-resources and writes), queue lists, officer lists,
 * and retention policies that only administrators change.
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

static bool id_in(json_t *arr, const char *key, int64_t v)
{
	for (size_t i = 0; i < json_array_size(arr); i++)
		if (jint(json_array_get(arr, i), key) == v)
			return true;
	return false;
}

/* A Socialförvaltningen case (found as erik) is forbidden to anna. */
static void other_unit_case_forbidden(void **state)
{
	const char *anna = login(S, "anna");
	const char *erik = login(S, "erik");
	int64_t id = case_find(S, erik, "e_service=ekonomiskt_bistand");
	expect_true(id > 0, NULL);
	struct http_resp *g = api_get(S, sb_fmt(S, "/v1/cases/%lld", (long long)id), erik);
	expect_status(g, 200);
	const char *number = jstr(g->json, "number");
	expect_true(rx_match(number, "^EB-"), g);

	static const char *const subs[] = {
		"", "/notes", "/events", "/documents", "/threads", "/transitions",
	};
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		struct http_resp *r = api_get(S, sb_fmt(S, "/v1/cases/%lld%s",
						(long long)id, subs[i]), anna);
		expect_problem(r, 403, "forbidden");
	}
	struct http_resp *r = api_get(S, sb_fmt(S, "/v1/cases/%s", number), anna);
	expect_problem(r, 403, "forbidden");
	r = api_post(S, sb_fmt(S, "/v1/cases/%lld/notes", (long long)id), anna,
		     "{\"body\":\"should not land\"}", g->etag, NULL);
	expect_problem(r, 403, "forbidden");
	r = api_post(S, sb_fmt(S, "/v1/cases/%lld/transitions", (long long)id), anna,
		     "{\"to\":\"closed\"}", g->etag, NULL);
	expect_problem(r, 403, "forbidden");
	/* nothing changed */
	struct http_resp *g2 = api_get(S, sb_fmt(S, "/v1/cases/%lld", (long long)id), erik);
	expect_true(strcmp(g2->etag, g->etag) == 0, g2);
	/* a case id that does not exist is 404, not 403 */
	r = api_get(S, "/v1/cases/987654321", anna);
	expect_problem(r, 404, "not-found");
}

/* anna's queues are exactly those of units 1 and 5. */
static void queues_by_unit(void **state)
{
	const char *anna = login(S, "anna");
	struct http_resp *r = api_get(S, "/v1/queues", anna);
	expect_status(r, 200);
	json_t *items = jget(r->json, "items");
	expect_true(json_array_size(items) == 4, r);
	for (size_t i = 0; i < json_array_size(items); i++) {
		int64_t u = jint(json_array_get(items, i), "unit.id");
		expect_true(u == 1 || u == 5, r);
	}
	r = api_get(S, "/v1/units", anna);
	expect_status(r, 200);
	expect_true(jlen(r->json, "items") == 2, r);
	expect_true(id_in(jget(r->json, "items"), "id", 1) &&
		    id_in(jget(r->json, "items"), "id", 5), r);
	r = api_get(S, "/v1/e-services", anna);
	expect_status(r, 200);
	expect_true(jlen(r->json, "items") == 4, r);

	const char *sara = login(S, "sara");
	r = api_get(S, "/v1/queues", sara);
	expect_status(r, 200);
	expect_true(jlen(r->json, "items") == 7, r);
}

/* erik does not see anna's queues or their cases. */
static void erik_cannot_see_anna_queues(void **state)
{
	const char *anna = login(S, "anna");
	const char *erik = login(S, "erik");
	struct http_resp *aq = api_get(S, "/v1/queues", anna);
	expect_status(aq, 200);
	struct http_resp *eq = api_get(S, "/v1/queues", erik);
	expect_status(eq, 200);
	for (size_t i = 0; i < jlen(aq->json, "items"); i++) {
		int64_t q = jint(aq->json, sb_fmt(S, "items[%zu].id", i));
		expect_true(!id_in(jget(eq->json, "items"), "id", q), eq);
		struct http_resp *r = api_get(S, sb_fmt(S, "/v1/queues/%lld/cases",
							(long long)q), erik);
		expect_problem(r, 403, "forbidden");
		r = api_get(S, sb_fmt(S, "/v1/queues/%lld", (long long)q), erik);
		expect_problem(r, 403, "forbidden");
		r = api_get(S, sb_fmt(S, "/v1/cases?queue=%lld", (long long)q), erik);
		expect_true(r->status == 403 ||
			    (r->status == 200 && jint(r->json, "total") == 0), r);
	}
	struct http_resp *all = api_get(S, "/v1/cases?limit=200", erik);
	expect_status(all, 200);
	expect_true(jint(all->json, "total") > 0, all);
	for (size_t i = 0; i < jlen(all->json, "items"); i++) {
		int64_t q = jint(all->json, sb_fmt(S, "items[%zu].queue_id", i));
		expect_true(!id_in(jget(aq->json, "items"), "id", q), all);
		expect_true(id_in(jget(eq->json, "items"), "id", q), all);
	}
	/* a search for anna's prefix finds nothing for erik */
	struct http_resp *s = api_get(S, "/v1/cases?q=BYGG-20", erik);
	expect_status(s, 200);
	expect_true(jint(s->json, "total") == 0, s);
}

/* Officers list: only people sharing one of the caller's units. */
static void officers_in_my_units(void **state)
{
	const char *anna = login(S, "anna");
	struct http_resp *r = api_get(S, "/v1/officers?limit=200", anna);
	expect_status(r, 200);
	bool lars = false, maria = false, sara = false, erik = false, karin = false;
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		const char *u = jstr(r->json, sb_fmt(S, "items[%zu].username", i));
		expect_true(u != NULL, r);
		lars |= !strcmp(u, "lars");
		maria |= !strcmp(u, "maria");
		sara |= !strcmp(u, "sara");
		erik |= !strcmp(u, "erik");
		karin |= !strcmp(u, "karin");
	}
	expect_true(lars && maria && sara && !erik && !karin, r);
	r = api_get(S, "/v1/officers?unit=5", anna);
	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		const char *u = jstr(r->json, sb_fmt(S, "items[%zu].username", i));
		expect_true(strcmp(u, "lars") != 0, r);  /* lars is unit 1 only */
	}
	r = api_get(S, "/v1/officers?q=%C3%85kesson", anna);  /* Åkesson */
	expect_status(r, 200);
	expect_true(jlen(r->json, "items") == 1 &&
		    !strcmp(jstr(r->json, "items[0].username"), "lars"), r);
}

/* Assigning an officer from another unit → 409 conflict. */
static void assign_outside_unit(void **state)
{
	const char *anna = login(S, "anna");
	int64_t id = citizen_case(S, "bygglov", NULL, NULL);
	char etag[128];
	case_etag(S, anna, id, etag);
	struct http_resp *r = api_post(S, sb_fmt(S, "/v1/cases/%lld/assignees",
						 (long long)id), anna,
				       "{\"officer\":\"erik\"}", etag, NULL);
	expect_problem(r, 409, "conflict");
	r = api_post(S, sb_fmt(S, "/v1/cases/%lld/assignees", (long long)id), anna,
		     "{\"officer\":\"nosuchperson\"}", etag, NULL);
	expect_true(r->status == 400 || r->status == 404 || r->status == 409, r);
}

/* Retention policies: anna may read, not change; sara (admin) changes. */
static void retention_policy_admin_only(void **state)
{
	const char *anna = login(S, "anna");
	const char *sara = login(S, "sara");
	const char *path = "/v1/retention/policies/felanmalan";
	struct http_resp *g = api_get(S, path, anna);
	expect_status(g, 200);
	expect_true(jint(g->json, "days") == 30, g);
	expect_true(json_is_false(jget(g->json, "can_edit")), g);
	expect_true(jstr(g->json, "reason") &&
		    !strcmp(jstr(g->json, "reason"),
			    "only administrators change retention policies"), g);
	struct http_resp *r = api_put(S, path, anna, "{\"days\":10}", g->etag);
	expect_problem(r, 403, "forbidden");

	struct http_resp *gs = api_get(S, path, sara);
	expect_status(gs, 200);
	expect_true(json_is_true(jget(gs->json, "can_edit")), gs);
	expect_true(json_is_null(jget(gs->json, "reason")), gs);
	r = api_put(S, path, sara, "{\"days\":0}", gs->etag);
	expect_problem(r, 400, "bad-request");
	expect_true(!strcmp(jstr(r->json, "field"), "days"), r);
	r = api_put(S, path, sara, "{\"days\":36501}", gs->etag);
	expect_problem(r, 400, "bad-request");
	r = api_put(S, path, sara, "{\"days\":\"10\"}", gs->etag);
	expect_problem(r, 400, "bad-request");
	r = api_put(S, path, sara, "{\"days\":10}", gs->etag);
	expect_status(r, 200);
	expect_true(jint(r->json, "days") == 10, r);
	expect_true(!strcmp(jstr(r->json, "updated_by.username"), "sara"), r);
	expect_true(rx_match(jstr(r->json, "updated_at"), RE_TS), r);

	g = api_get(S, path, anna);
	expect_true(jint(g->json, "days") == 10, g);
	struct http_resp *l = api_get(S, "/v1/retention/policies", anna);
	expect_status(l, 200);
	bool found = false;
	for (size_t i = 0; i < jlen(l->json, "items"); i++) {
		json_t *p = json_array_get(jget(l->json, "items"), i);
		if (!strcmp(jstr(p, "e_service.id"), "felanmalan")) {
			found = true;
			expect_true(jint(p, "days") == 10, l);
		}
	}
	expect_true(found, l);
}

/* sara (no pin:reveal) cannot reveal personal identity numbers. */
static void reveal_needs_scope(void **state)
{
	const char *sara = login(S, "sara");
	int64_t id = citizen_case(S, "bygglov", "Örjan Åberg", NULL);
	struct http_resp *g = api_get(S, sb_fmt(S, "/v1/cases/%lld", (long long)id), sara);
	expect_status(g, 200);
	int64_t party = jint(g->json, "parties[0].id");
	struct http_resp *r = api_post(S, sb_fmt(S, "/v1/cases/%lld/parties/%lld/reveal",
				       (long long)id, (long long)party), sara,
				       "{\"reason\":\"curious\"}", NULL, NULL);
	expect_problem(r, 403, "forbidden");
	expect_true(!rx_match(r->body, "[0-9]{12}"), r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(other_unit_case_forbidden),
		cmocka_unit_test(queues_by_unit),
		cmocka_unit_test(erik_cannot_see_anna_queues),
		cmocka_unit_test(officers_in_my_units),
		cmocka_unit_test(assign_outside_unit),
		cmocka_unit_test(retention_policy_admin_only),
		cmocka_unit_test(reveal_needs_scope),
	};
	return cmocka_run_group_tests_name("access", tests, setup, group_stop);
}

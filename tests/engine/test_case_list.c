/*
 * test_case_list.c — the long case list (src/case_list.c) against a real
 * akt-sandbox with 3000 cases: the first page, a jump to the last row
 * that reads one page, scrolling through everything in the platform's
 * order, the forward and backward chains meeting without duplicates or
 * gaps (also when a case moves away meanwhile), filters and free text,
 * live updates, and a failing platform.
 */
#include "officer.h"

#include "akt/case_list.h"

#include <stdlib.h>

static struct sb *S;

static int group_setup(void **state)
{
	int rc = group_start(state, "--cases 3000");

	S = *state;
	return rc;
}

#define SCREEN 24
#define MAX_IDS 4000

/* What the platform says the list is, walked page by page. */
struct plain {
	int64_t ids[MAX_IDS];
	size_t n;
	int64_t total;
};

static void plain_walk(const char *token, const char *query,
		       struct plain *p)
{
	const char *path = sb_fmt(S, "%s&limit=200", query);

	memset(p, 0, sizeof(*p));
	p->total = -1;
	for (;;) {
		struct http_resp *r = api_get(S, path, token);

		expect_status(r, 200);
		if (p->total < 0)
			p->total = jint(r->json, "total");
		for (size_t i = 0; i < jlen(r->json, "items"); i++) {
			assert_true(p->n < MAX_IDS);
			p->ids[p->n++] = jint(json_array_get(jget(r->json,
								  "items"), i),
					      "id");
		}
		if (!jstr(r->json, "next"))
			break;
		path = sb_fmt(S, "%s&limit=200&cursor=%s", query,
			      url_enc(S, jstr(r->json, "next")));
		http_free(r);
	}
	assert_int_equal(p->n, p->total);
}

/* What the list's callback was told. */
struct told {
	int changes, errors;
	char error[256];
};

static void on_change(struct akt_case_list *l, const char *error, void *arg)
{
	struct told *t = arg;

	if (error) {
		t->errors++;
		snprintf(t->error, sizeof(t->error), "%s", error);
	} else {
		t->changes++;
	}
}

struct fixture {
	struct officer o;
	struct told told;
	struct akt_case_list *l;
	int64_t counter;          /* a fault that counts list requests */
};

static void open_list(struct fixture *f, const struct akt_case_query *q)
{
	memset(&f->told, 0, sizeof(f->told));
	f->l = akt_case_list_new(f->o.s, q, on_change, &f->told);
	akt_case_list_open(f->l);
}

static void start(struct fixture *f, const struct akt_case_query *q)
{
	officer_start(&f->o, S, "anna");
	f->counter = fault_add(S, "{\"path\":\"/v1/*cases\",\"latency_ms\":1}");
	open_list(f, q);
}

static void stop(struct fixture *f)
{
	akt_case_list_free(&f->l);
	assert_null(f->l);
	officer_stop(&f->o);
}

/* Turn the loop until no page is loading (and at least once). */
static void settle(struct fixture *f)
{
	int64_t end = akt_loop_now() + 10000;

	do
		akt_loop_run_once(f->o.loop, 20);
	while ((akt_case_list_loading(f->l) || !akt_case_list_ready(f->l)) &&
	       akt_loop_now() < end && f->told.errors == 0);
}

/* Look at rows from … from+SCREEN-1 as a screen would, until they are
 * there. */
static void look(struct fixture *f, size_t from)
{
	size_t n = akt_case_list_count(f->l), to = from + SCREEN - 1;
	int64_t end = akt_loop_now() + 10000;

	if (to >= n)
		to = n - 1;
	for (;;) {
		bool all = true;

		akt_case_list_want(f->l, from, to);
		for (size_t i = from; i <= to && all; i++)
			all = akt_case_list_get(f->l, i) != NULL;
		if (all || akt_loop_now() > end)
			break;
		akt_loop_run_once(f->o.loop, 20);
	}
	for (size_t i = from; i <= to; i++)
		assert_non_null(akt_case_list_get(f->l, i));
}

/* Every row loaded, each id once, in the platform's order. */
static void expect_whole(struct fixture *f, const struct plain *p)
{
	assert_int_equal(akt_case_list_count(f->l), p->n);
	for (size_t i = 0; i < p->n; i++) {
		const struct akt_case_summary *c = akt_case_list_get(f->l, i);

		assert_non_null(c);
		assert_int_equal(c->id, p->ids[i]);
	}
}

static const struct akt_case_query all_mine = { .path = "/v1/cases" };

/* The first page, its summaries whole; nothing else is read. */
static void test_first_page(void **state)
{
	struct fixture f;
	struct plain *p = calloc(1, sizeof(*p));
	const char *tok = login(S, "anna");
	struct http_resp *r;

	start(&f, &all_mine);
	assert_false(akt_case_list_ready(f.l));
	assert_int_equal(akt_case_list_count(f.l), 0);
	assert_int_equal(akt_case_list_loading(f.l), 1);
	settle(&f);
	assert_true(akt_case_list_ready(f.l));
	assert_int_equal(f.told.changes, 1);
	assert_int_equal(fault_fired(S, f.counter), 1);
	plain_walk(tok, "/v1/cases?sort=-updated", p);
	assert_true(p->n > 1000);
	assert_int_equal(akt_case_list_count(f.l), p->n);
	for (size_t i = 0; i < 100; i++)
		assert_int_equal(akt_case_list_get(f.l, i)->id, p->ids[i]);
	assert_null(akt_case_list_get(f.l, 100));
	assert_null(akt_case_list_get(f.l, p->n - 1));

	/* the summary as the platform sent it */
	r = api_get(S, "/v1/cases?limit=1", tok);
	expect_status(r, 200);
	{
		const struct akt_case_summary *c = akt_case_list_get(f.l, 0);
		json_t *it = jget(r->json, "items[0]");

		assert_string_equal(c->number, jstr(it, "number"));
		assert_string_equal(c->title, jstr(it, "title"));
		assert_string_equal(c->status.id, jstr(it, "status.id"));
		assert_string_equal(c->status.name.sv, jstr(it, "status.name.sv"));
		assert_string_equal(c->e_service_id, jstr(it, "e_service.id"));
		assert_string_equal(c->updated_at, jstr(it, "updated_at"));
		assert_string_equal(c->created_at, jstr(it, "created_at"));
		assert_int_equal(c->queue_id, jint(it, "queue_id"));
		assert_int_equal(c->nassignees, jlen(it, "assignees"));
		assert_int_equal(c->unread_messages, jint(it, "unread_messages"));
	}
	assert_int_equal(akt_case_list_find(f.l, p->ids[42]), 42);
	assert_int_equal(akt_case_list_find(f.l, p->ids[p->n - 1]), -1);
	stop(&f);
	free(p);
}

/* Jumping to the last row reads one page, from the end. */
static void test_jump_to_end(void **state)
{
	struct fixture f;
	struct plain *p = calloc(1, sizeof(*p));
	size_t n;

	plain_walk(login(S, "anna"), "/v1/cases?sort=-updated", p);
	start(&f, &all_mine);
	settle(&f);
	n = akt_case_list_count(f.l);
	look(&f, n - SCREEN);
	settle(&f);
	assert_int_equal(fault_fired(S, f.counter), 2);
	for (size_t i = n - 100; i < n; i++)
		assert_int_equal(akt_case_list_get(f.l, i)->id, p->ids[i]);
	assert_null(akt_case_list_get(f.l, n - 101));
	assert_null(akt_case_list_get(f.l, n / 2));
	/* the first screen is still there, unasked */
	assert_int_equal(akt_case_list_get(f.l, 0)->id, p->ids[0]);
	stop(&f);
	free(p);
}

/* Scrolling screen by screen from the top shows the platform's list,
 * each case once, in its order, reading each page once. */
static void test_scroll_forward(void **state)
{
	struct fixture f;
	struct plain *p = calloc(1, sizeof(*p));
	int64_t pages;

	plain_walk(login(S, "anna"), "/v1/cases?sort=-updated", p);
	start(&f, &all_mine);
	settle(&f);
	for (size_t i = 0; i < p->n; i += SCREEN)
		look(&f, i);
	settle(&f);
	expect_whole(&f, p);
	pages = fault_fired(S, f.counter);
	assert_true(pages <= (int64_t)(p->n + 99) / 100 + 1);
	assert_int_equal(f.told.errors, 0);
	stop(&f);
	free(p);
}

/* From both ends until the chains meet: no duplicate, no gap. */
static void test_chains_meet(void **state)
{
	struct fixture f;
	struct plain *p = calloc(1, sizeof(*p));
	size_t n;

	start(&f, &all_mine);
	settle(&f);
	plain_walk(login(S, "anna"), "/v1/cases?sort=-updated", p);
	n = akt_case_list_count(f.l);
	look(&f, 150);                 /* a second page from the top */
	for (size_t i = n - SCREEN; i > 0; i -= AKT_MIN(i, (size_t)SCREEN))
		look(&f, i);
	look(&f, 0);
	settle(&f);
	expect_whole(&f, p);
	assert_int_equal(akt_case_list_loading(f.l), 0);
	stop(&f);
	free(p);
}

/* A case in the middle, not read yet, moves to the top (someone changes
 * it) while the list is read from both ends: it is not shown twice, and
 * its old place closes, leaving no row that never loads. */
static void test_chains_meet_after_a_move(void **state)
{
	struct fixture f;
	struct plain *p = calloc(1, sizeof(*p)), *after = calloc(1, sizeof(*after));
	const char *tok = login(S, "anna");
	size_t n;
	int64_t moved;

	start(&f, &all_mine);
	settle(&f);
	plain_walk(tok, "/v1/cases?sort=-updated", p);
	n = akt_case_list_count(f.l);
	look(&f, n - SCREEN);
	moved = p->ids[n / 2];
	{
		/* a citizen writes: the case is changed now */
		struct http_resp *r = sb_post_json(
			S, "/v1/sandbox/citizen/messages",
			sb_fmt(S, "{\"case\":\"%lld\",\"body\":\"Hej!\"}",
			       (long long)moved));

		expect_status(r, 201);
	}
	plain_walk(tok, "/v1/cases?sort=-updated", after);
	assert_int_equal(after->ids[0], moved);
	for (size_t i = 0; i < n; i += SCREEN)
		look(&f, i);
	settle(&f);
	/* the platform's order of the moment, without the moved case */
	assert_int_equal(akt_case_list_count(f.l), n - 1);
	for (size_t i = 0, k = 1; i < n - 1; i++, k++) {
		const struct akt_case_summary *c = akt_case_list_get(f.l, i);

		assert_non_null(c);
		assert_int_equal(c->id, after->ids[k]);
	}
	assert_int_equal(akt_case_list_find(f.l, moved), -1);
	stop(&f);
	free(p);
	free(after);
}

/* Filters and free text reach the platform; the reversed sort of
 * another sort key reads the end. */
static void test_filters(void **state)
{
	struct fixture f;
	struct plain *p = calloc(1, sizeof(*p));
	const char *tok = login(S, "anna");
	const struct akt_case_query mine = { .path = "/v1/cases",
					     .filter = "assignee=me" };
	const struct akt_case_query registered = {
		.path = "/v1/cases", .filter = "status=registered",
		.sort = "number" };
	struct akt_case_query text = { .path = "/v1/cases" };
	char word[64];
	size_t n;

	start(&f, &mine);
	settle(&f);
	plain_walk(tok, "/v1/cases?assignee=me&sort=-updated", p);
	assert_true(p->n > 10);
	for (size_t i = 0; i < p->n; i += SCREEN)
		look(&f, i);
	expect_whole(&f, p);
	for (size_t i = 0; i < p->n; i++) {
		const struct akt_case_summary *c = akt_case_list_get(f.l, i);
		bool anna = false;

		for (size_t k = 0; k < c->nassignees; k++)
			anna |= strcmp(c->assignees[k].username, "anna") == 0;
		assert_true(anna);
	}
	akt_case_list_free(&f.l);

	open_list(&f, &registered);
	settle(&f);
	plain_walk(tok, "/v1/cases?status=registered&sort=number", p);
	n = akt_case_list_count(f.l);
	assert_int_equal(n, p->n);
	look(&f, n - SCREEN);
	look(&f, 0);
	for (size_t i = 0; i < SCREEN; i++) {
		assert_int_equal(akt_case_list_get(f.l, i)->id, p->ids[i]);
		assert_int_equal(akt_case_list_get(f.l, n - 1 - i)->id,
				 p->ids[n - 1 - i]);
		assert_string_equal(akt_case_list_get(f.l, i)->status.id,
				    "registered");
	}
	akt_case_list_free(&f.l);

	/* two words of a title, with a space and letters beyond ASCII */
	{
		struct http_resp *r = api_get(S, "/v1/cases?limit=1&q=Bj%C3%B6rken",
					      tok);
		const char *title;

		expect_status(r, 200);
		title = jstr(r->json, "items[0].title");
		expect_true(title != NULL, r);
		snprintf(word, sizeof(word), "%.*s björken",
			 (int)strcspn(title, " ,"), title);
	}
	text.q = word;
	open_list(&f, &text);
	settle(&f);
	plain_walk(tok, sb_fmt(S, "/v1/cases?q=%s&sort=-updated",
			       url_enc(S, word)), p);
	assert_true(p->n >= 1);
	for (size_t i = 0; i < p->n; i += SCREEN)
		look(&f, i);
	expect_whole(&f, p);
	stop(&f);
	free(p);
}

/* Live updates: a changed row changes in place, a new case comes in at
 * the top and the rows below move down by one. */
static void test_updates(void **state)
{
	struct fixture f;
	struct akt_case_summary c;
	const struct akt_case_summary *row;
	int64_t first, second;
	char *title;

	start(&f, &all_mine);
	settle(&f);
	first = akt_case_list_get(f.l, 0)->id;
	second = akt_case_list_get(f.l, 1)->id;
	row = akt_case_list_get(f.l, 5);
	memset(&c, 0, sizeof(c));
	c = *row;                 /* borrowed strings: not cleared */
	title = xasprintf("%s, ändrad", row->title);
	c.title = title;
	c.unread_messages = 7;
	assert_true(akt_case_list_update(f.l, &c));
	row = akt_case_list_get(f.l, 5);
	assert_string_equal(row->title, title);
	assert_int_equal(row->unread_messages, 7);

	c.id = 999999;
	assert_false(akt_case_list_update(f.l, &c));
	akt_case_list_insert_top(f.l, &c);
	assert_int_equal(akt_case_list_get(f.l, 0)->id, 999999);
	assert_int_equal(akt_case_list_get(f.l, 1)->id, first);
	assert_int_equal(akt_case_list_get(f.l, 2)->id, second);
	assert_int_equal(akt_case_list_find(f.l, 999999), 0);
	/* the same case again is an update, not a second row */
	{
		size_t n = akt_case_list_count(f.l);

		akt_case_list_insert_top(f.l, &c);
		assert_int_equal(akt_case_list_count(f.l), n);
	}
	free(title);
	stop(&f);
}

/* A failing platform: one line saying so, the list stays usable, and
 * it loads once the platform is back. */
static void test_failure_and_recovery(void **state)
{
	struct fixture f;
	size_t n;
	int64_t end;

	officer_start(&f.o, S, "anna");
	fault_add(S, "{\"path\":\"/v1/cases\",\"status\":500}");
	open_list(&f, &all_mine);
	settle(&f);
	assert_int_equal(f.told.errors, 1);
	assert_non_null(strstr(f.told.error, "HTTP 500"));
	assert_null(strchr(f.told.error, '\n'));
	assert_false(akt_case_list_ready(f.l));
	sb_faults_clear(S);
	akt_case_list_want(f.l, 0, SCREEN - 1);
	end = akt_loop_now() + 5000;
	while (!akt_case_list_ready(f.l) && akt_loop_now() < end)
		akt_loop_run_once(f.o.loop, 20);
	assert_true(akt_case_list_ready(f.l));
	assert_non_null(akt_case_list_get(f.l, 0));

	/* failing in the middle of the list: the end does not come … */
	n = akt_case_list_count(f.l);
	fault_add(S, "{\"path\":\"/v1/cases\",\"status\":503,\"retry_after\":0}");
	akt_case_list_want(f.l, n - SCREEN, n - 1);
	end = akt_loop_now() + 5000;
	while (f.told.errors < 2 && akt_loop_now() < end)
		akt_loop_run_once(f.o.loop, 20);
	assert_int_equal(f.told.errors, 2);
	assert_non_null(strstr(f.told.error, "HTTP 503"));
	assert_null(akt_case_list_get(f.l, n - 1));
	assert_non_null(akt_case_list_get(f.l, 0));
	/* … until the platform is back */
	sb_faults_clear(S);
	end = akt_loop_now() + 5000;
	while (!akt_case_list_get(f.l, n - 1) && akt_loop_now() < end)
		akt_loop_run_once(f.o.loop, 20);
	assert_non_null(akt_case_list_get(f.l, n - 1));
	stop(&f);
}

#define T(name) cmocka_unit_test_teardown(name, faults_clear)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_first_page),
		T(test_jump_to_end),
		T(test_scroll_forward),
		T(test_chains_meet),
		T(test_updates),
		T(test_filters),
		T(test_failure_and_recovery),
		T(test_chains_meet_after_a_move),
	};

	return cmocka_run_group_tests_name("engine case list", tests,
					   group_setup, group_stop);
}

/*
 * test_e2e.c — the full-screen client end to end: the real akt in a tmux
 * pane against the sandbox, driven by keys, and the platform asked
 * afterwards what it holds. Browsing a queue (scrolling, searching),
 * changing a status, assigning, a bulk change with one case changed by
 * someone else meanwhile, and a live update from the change feed.
 */
#include "e2e.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The case number of row i of a list, as a pattern. */
static const char *num_rx(struct sb *sb, json_t *cases, size_t i)
{
	return e2e_rx(sb, jstr(json_array_get(cases, i), "number"));
}

static const char *queue_path(struct sb *sb, const char *token,
			      const char *e_service)
{
	return sb_fmt(sb, "/v1/queues/%lld/cases?limit=200",
		      (long long)queue_of(sb, token, e_service));
}

/* Whether the case has this officer among its assignees. */
static bool assigned(json_t *c, const char *username)
{
	size_t i;
	json_t *a;

	json_array_foreach(jget(c, "assignees"), i, a) {
		const char *u = jstr(a, "username");

		if (u && strcmp(u, username) == 0)
			return true;
	}
	return false;
}

/* ---- browsing ------------------------------------------------------------ */

/*
 * Open a queue, move with j, ^D, G and g, search with / and n/N, and
 * quit with Q: akt ends with status 0.
 */
static void test_browse(void **state)
{
	struct sb *sb = *state;
	const char *tok = login(sb, "anna");
	const char *path = queue_path(sb, tok, "bygglov");
	json_t *cases = e2e_cases(sb, tok, path);
	size_t n = json_array_size(cases);
	struct tmux *t;
	const char *s;
	int rows;

	assert_true(n >= 45);
	t = e2e_open(sb, "anna", 80, 24, NULL);
	s = e2e_open_queue(t, "Bygglov");
	assert_non_null(strstr(tmux_row(t, s, 0), "Bygglov"));
	assert_true(tmux_match(e2e_selected(t, s), num_rx(sb, cases, 0)));

	/* the body is 21 rows: a header and up to 20 cases */
	rows = e2e_count_rows(s, E2E_NUMBER);
	if (rows < 15 || rows > 20) {
		fprintf(stderr, "%d rows of cases at 80×24:\n%s", rows, s);
		fail();
	}
	s = e2e_move(t, "j");
	assert_true(tmux_match(e2e_selected(t, s), num_rx(sb, cases, 1)));

	/* a page down keeps the selection's place on the screen */
	s = e2e_move(t, "C-d");
	if (!tmux_match(e2e_selected(t, s), num_rx(sb, cases, (size_t)rows))) {
		fprintf(stderr, "after j ^D row %d (%s) should be selected:\n%s",
			rows, jstr(json_array_get(cases, (size_t)rows),
				   "number"), s);
		fail();
	}
	assert_false(tmux_match(s, num_rx(sb, cases, 0)));

	/* G: the last case of the queue, without loading all between */
	s = e2e_move(t, "G");
	if (!tmux_match(e2e_selected(t, s), num_rx(sb, cases, n - 1))) {
		fprintf(stderr, "after G the last case %s should be selected:\n%s",
			jstr(json_array_get(cases, n - 1), "number"), s);
		fail();
	}
	s = e2e_move(t, "g");
	assert_true(tmux_match(e2e_selected(t, s), num_rx(sb, cases, 0)));

	/*
	 * Search: a word of a title that a few cases share, not the first
	 * case's; the platform says which match, in the list's order.
	 */
	const char *word = NULL;
	json_t *hits = NULL;
	for (size_t i = 1; i < n && !word; i++) {
		const char *title = jstr(json_array_get(cases, i), "title");
		size_t len = title ? strcspn(title, " ,") : 0;

		if (len < 6)
			continue;
		const char *w = sb_fmt(sb, "%.*s", (int)len, title);
		json_t *m = e2e_cases(sb, tok, sb_fmt(sb, "%s&q=%s", path,
						      url_enc(sb, w)));
		const char *first = jstr(json_array_get(m, 0), "number");

		if (json_array_size(m) >= 2 && json_array_size(m) <= 10 &&
		    strcmp(first, jstr(json_array_get(cases, 0), "number"))) {
			word = w;
			hits = m;
		}
	}
	assert_non_null(word);
	tmux_keys(t, "/");
	tmux_expect(t, "^/", E2E_WAIT);
	tmux_text(t, word);
	tmux_keys(t, "Enter");
	s = tmux_expect(t, sb_fmt(sb, "^›.*%s", num_rx(sb, hits, 0)),
			E2E_WAIT);
	s = e2e_move(t, "n");
	if (!tmux_match(e2e_selected(t, s), num_rx(sb, hits, 1))) {
		fprintf(stderr, "n after /%s should select %s:\n%s", word,
			jstr(json_array_get(hits, 1), "number"), s);
		fail();
	}
	s = e2e_move(t, "N");
	assert_true(tmux_match(e2e_selected(t, s), num_rx(sb, hits, 0)));

	/* Q quits from any screen, and akt says all went well */
	assert_true(tmux_akt_pid(t) > 0);
	tmux_keys(t, "Q");
	assert_int_equal(tmux_wait_exit(t, 5), 0);
	assert_int_equal(tmux_akt_pid(t), 0);
	assert_int_equal(tmux_stop(t), 0);
}

/* ---- a status change -------------------------------------------------------- */

/*
 * Open a case from the list (Enter), s: a menu of the transitions the
 * platform allows, then the comment in the editor and ^S, which asks
 * whether to notify (the other answer than the platform proposes) and
 * sends it through the outbox: the case has the new status and exactly
 * one new status event saying so.
 */
static void test_status(void **state)
{
	struct sb *sb = *state;
	const char *tok = login(sb, "anna");
	json_t *cases = e2e_cases(sb, tok, queue_path(sb, tok, "bygglov"));
	json_t *c = json_array_get(cases, 0);
	int64_t id = jint(c, "id");
	const char *number = jstr(c, "number");
	const char *comment = "Granskad på plats, åäö";
	struct http_resp *r;
	struct tmux *t;
	const char *s;

	r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/transitions",
			       (long long)id), tok);
	expect_status(r, 200);
	json_t *to = jget(r->json, "items[0]");
	expect_true(to != NULL, r);
	const char *to_id = sb_fmt(sb, "%s", jstr(to, "to.id"));
	const char *to_name = sb_fmt(sb, "%s", jstr(to, "to.name.en"));
	bool proposed = json_is_true(jget(to, "notify_default"));
	size_t before = json_array_size(e2e_events(sb, tok, id,
						   "case.status_changed"));

	t = e2e_open(sb, "anna", 80, 24, NULL);
	s = e2e_open_queue(t, "Bygglov");
	assert_true(tmux_match(e2e_selected(t, s), e2e_rx(sb, number)));
	tmux_keys(t, "Enter");
	tmux_expect(t, sb_fmt(sb, "Case: %s", e2e_rx(sb, number)), E2E_WAIT);

	tmux_keys(t, "s");
	s = tmux_expect(t, sb_fmt(sb, "Change %s from", e2e_rx(sb, number)),
			E2E_WAIT);
	tmux_keys(t, e2e_menu_key(t, s, to_name));
	tmux_expect(t, "\\^S send", E2E_WAIT);
	tmux_text(t, comment);
	tmux_keys(t, "C-s");
	tmux_expect(t, "notify the citizen\\?", E2E_WAIT);
	tmux_keys(t, proposed ? "n" : "y");
	tmux_expect(t, sb_fmt(sb, "%s is now %s", e2e_rx(sb, number),
			      e2e_rx(sb, to_name)), E2E_WAIT);

	r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld", (long long)id), tok);
	expect_status(r, 200);
	expect_true(strcmp(jstr(r->json, "status.id"), to_id) == 0, r);
	json_t *ev = e2e_events(sb, tok, id, "case.status_changed");
	assert_int_equal(json_array_size(ev), before + 1);
	json_t *last = json_array_get(ev, before);
	assert_string_equal(jstr(last, "data.to.id"), to_id);
	assert_string_equal(jstr(last, "data.comment"), comment);
	assert_true(json_is_boolean(jget(last, "data.notify")));
	assert_int_equal(json_is_true(jget(last, "data.notify")), !proposed);
	assert_string_equal(jstr(last, "actor.officer.username"), "anna");
	tmux_stop(t);
}

/* ---- assigning ---------------------------------------------------------------- */

/* a assigns the selected case to me, then A at once to a colleague
 * from a menu: both officers are assigned. */
static void test_assign(void **state)
{
	struct sb *sb = *state;
	const char *tok = login(sb, "anna");
	json_t *cases = e2e_cases(sb, tok, queue_path(sb, tok, "bygglov"));
	json_t *c = NULL;
	struct tmux *t;
	const char *s;

	/* a case on the first screen that neither anna nor lars has */
	for (size_t i = 1; i < 15 && !c; i++) {
		json_t *one = json_array_get(cases, i);

		if (!assigned(one, "anna") && !assigned(one, "lars"))
			c = one;
	}
	assert_non_null(c);
	int64_t id = jint(c, "id");
	const char *number = e2e_rx(sb, jstr(c, "number"));
	const char *case_path = sb_fmt(sb, "/v1/cases/%lld", (long long)id);

	t = e2e_open(sb, "anna", 80, 24, NULL);
	e2e_open_queue(t, "Bygglov");
	e2e_select(t, number, 15);
	tmux_keys(t, "a");
	tmux_expect(t, sb_fmt(sb, "%s assigned to Anna Lindqvist", number),
		    E2E_WAIT);
	struct http_resp *r = api_get(sb, case_path, tok);
	expect_status(r, 200);
	expect_true(assigned(r->json, "anna"), r);

	/* At once, on the same row (a change never moves it under the
	 * cursor): the officer's own change just now is no conflict. */
	assert_true(tmux_match(e2e_selected(t, tmux_screen(t)), number));
	tmux_keys(t, "A");
	s = tmux_expect(t, "Lars Åkesson", E2E_WAIT);
	tmux_keys(t, e2e_menu_key(t, s, "Lars Åkesson"));
	tmux_expect(t, sb_fmt(sb, "%s assigned to Lars Åkesson", number),
		    E2E_WAIT);
	r = api_get(sb, case_path, tok);
	expect_status(r, 200);
	expect_true(assigned(r->json, "lars"), r);
	expect_true(assigned(r->json, "anna"), r);
	tmux_stop(t);
}

/* ---- a bulk change with a conflict ------------------------------------------- */

/*
 * fatima tags three new cases and changes their status; meanwhile erik
 * changes one of them. The report names that one and who changed it,
 * and the platform shows exactly the other two changed.
 */
static void test_bulk_conflict(void **state)
{
	struct sb *sb = *state;
	const char *tok = login(sb, "fatima");
	const char *erik = login(sb, "erik");
	int64_t ids[3];
	struct tmux *t;
	const char *s;

	for (int i = 0; i < 3; i++)
		ids[i] = citizen_case(sb, "ekonomiskt_bistand",
				      "Märta Ek", NULL);
	json_t *cases = e2e_cases(sb, tok, queue_path(sb, tok,
						      "ekonomiskt_bistand"));
	/* the newest on top: the three, in the list's order */
	int64_t top[3];
	const char *num[3];
	for (int i = 0; i < 3; i++) {
		json_t *c = json_array_get(cases, (size_t)i);

		top[i] = jint(c, "id");
		num[i] = e2e_rx(sb, jstr(c, "number"));
		assert_true(top[i] == ids[0] || top[i] == ids[1] ||
			    top[i] == ids[2]);
	}

	t = e2e_open(sb, "fatima", 80, 24, NULL);
	s = e2e_open_queue(t, "Ekonomiskt");
	assert_true(tmux_match(e2e_selected(t, s), num[0]));
	for (int i = 0; i < 3; i++)
		s = e2e_move(t, "t");
	for (int i = 0; i < 3; i++) {
		int row = tmux_find_row(s, num[i]);

		assert_true(row > 0);
		if (!strchr(tmux_row(t, s, row), '*')) {
			fprintf(stderr, "%s is tagged, but its row has no '*':"
				"\n%s", num[i], s);
			fail();
		}
	}

	tmux_keys(t, "s");
	s = tmux_expect(t, "Change 3 cases to", E2E_WAIT);
	/* now, after the list was loaded and the cases read, erik changes
	 * the middle one (a minute later on the platform's clock, so its
	 * time of change differs) */
	struct http_resp *r = sb_post_json(sb, "/v1/sandbox/clock",
					   "{\"advance_seconds\":60}");
	expect_status(r, 200);
	case_move(sb, erik, top[1], "registered");

	tmux_keys(t, e2e_menu_key(t, s, "In progress"));
	tmux_expect(t, "Comment \\(optional\\)", E2E_WAIT);
	tmux_keys(t, "Enter");
	tmux_expect(t, "Notify the citizen\\?", E2E_WAIT);
	tmux_keys(t, "Enter");
	s = tmux_expect(t, "Status change to In progress: 2 of 3 changed",
			E2E_WAIT);
	int row = tmux_find_row(s, num[1]);
	assert_true(row >= 0);
	if (!tmux_match(tmux_row(t, s, row), "changed by (erik|Erik Sandberg)")) {
		fprintf(stderr, "the report should say erik changed %s:\n%s",
			num[1], s);
		fail();
	}
	assert_true(tmux_match(tmux_row(t, s, tmux_find_row(s, num[0])), "OK"));
	assert_true(tmux_match(tmux_row(t, s, tmux_find_row(s, num[2])), "OK"));

	for (int i = 0; i < 3; i++) {
		r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld",
				       (long long)top[i]), tok);
		expect_status(r, 200);
		json_t *ev = e2e_events(sb, tok, top[i], "case.status_changed");

		assert_int_equal(json_array_size(ev), 1);
		if (i == 1) {
			expect_true(strcmp(jstr(r->json, "status.id"),
					   "registered") == 0, r);
			assert_string_equal(jstr(json_array_get(ev, 0),
						 "actor.officer.username"),
					    "erik");
		} else {
			expect_true(strcmp(jstr(r->json, "status.id"),
					   "in_progress") == 0, r);
			assert_string_equal(jstr(json_array_get(ev, 0),
						 "actor.officer.username"),
					    "fatima");
		}
	}
	tmux_stop(t);
}

/* ---- live updates --------------------------------------------------------------- */

/* A case a citizen files while the list is open appears in it, and the
 * selection stays on the case it was on. */
static void test_live_update(void **state)
{
	struct sb *sb = *state;
	const char *tok = login(sb, "anna");
	json_t *cases = e2e_cases(sb, tok, queue_path(sb, tok, "bygglov"));
	const char *third = num_rx(sb, cases, 2);
	char number[64];
	struct tmux *t;
	const char *s;

	t = e2e_open(sb, "anna", 80, 24, NULL);
	e2e_open_queue(t, "Bygglov");
	e2e_move(t, "j");
	s = e2e_move(t, "j");
	assert_true(tmux_match(e2e_selected(t, s), third));

	citizen_case(sb, "bygglov", "Örjan Åkerlund", number);
	s = tmux_expect(t, e2e_rx(sb, number), E2E_WAIT);
	/* drawn whole: read again once the new row is there */
	s = tmux_screen(t);
	if (!tmux_match(e2e_selected(t, s), third)) {
		fprintf(stderr, "the selection left %s when %s came:\n%s",
			jstr(json_array_get(cases, 2), "number"), number, s);
		fail();
	}
	assert_false(tmux_match(e2e_selected(t, s), e2e_rx(sb, number)));
	tmux_stop(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_browse, e2e_stop_tmux),
		cmocka_unit_test_teardown(test_status, e2e_stop_tmux),
		cmocka_unit_test_teardown(test_assign, e2e_stop_tmux),
		cmocka_unit_test_teardown(test_bulk_conflict, e2e_stop_tmux),
		cmocka_unit_test_teardown(test_live_update, e2e_stop_tmux),
	};

	return cmocka_run_group_tests(tests, e2e_group_start, group_stop);
}

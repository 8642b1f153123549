/*
 * test_e2e_look.c — how the full-screen client looks in a real terminal:
 * the layout at 80×24, live resizing to 200×60 and back, the mono theme
 * and NO_COLOR (attributes, never colours), and the Swedish interface.
 */
#include "e2e.h"

#include <stdio.h>
#include <string.h>

/* ---- layout and resizing --------------------------------------------------- */

/* The screen once it is cols × rows with the status bar in its place. */
static const char *settled(struct tmux *t, int cols, int rows,
			   const char *user)
{
	double end = now_s() + E2E_WAIT;
	const char *s;

	for (;;) {
		s = tmux_screen(t);
		if (tmux_nrows(s) == rows &&
		    strstr(tmux_row(t, s, rows - 2), user))
			return s;
		if (now_s() > end)
			break;
		sleep_s(0.05);
	}
	fprintf(stderr, "the screen never settled at %d×%d:\n%s", cols, rows,
		s);
	fail();
	return NULL;
}

/*
 * The list's layout at cols × rows: the title (the queue) on the top
 * row, the column header below it, as many cases as fit, the status bar
 * (officer@server and the connection) second from the bottom, nothing
 * wider than the terminal, and the same case selected.
 */
static void check_layout(struct tmux *t, int cols, int rows, size_t ncases,
			 const char *selected)
{
	struct sb *sb = tmux_sb(t);
	const char *s = settled(t, cols, rows, "anna@");
	int want = (int)ncases < rows - 4 ? (int)ncases : rows - 4;
	int got = e2e_count_rows(s, E2E_NUMBER);
	bool ok = true;

	ok &= strstr(tmux_row(t, s, 0), "Bygglov") != NULL;
	ok &= *tmux_row(t, s, 1) != '\0' &&
	      !tmux_match(tmux_row(t, s, 1), E2E_NUMBER);
	ok &= got == want;
	ok &= tmux_find_row(s, E2E_NUMBER) == 2;
	ok &= tmux_match(tmux_row(t, s, rows - 2),
			 sb_fmt(sb, "anna@127\\.0\\.0\\.1.*online"));
	ok &= !tmux_match(tmux_row(t, s, rows - 1), E2E_NUMBER);
	ok &= e2e_widest(s) <= cols;
	ok &= tmux_match(e2e_selected(t, s), selected);
	if (!ok) {
		fprintf(stderr, "at %d×%d (%d cases shown, %d expected; widest "
			"row %d):\n%s", cols, rows, got, want, e2e_widest(s),
			s);
		fail();
	}
}

static void test_resize(void **state)
{
	struct sb *sb = *state;
	const char *tok = login(sb, "anna");
	json_t *cases = e2e_cases(sb, tok, sb_fmt(sb, "/v1/queues/%lld/cases"
						  "?limit=200", (long long)
						  queue_of(sb, tok,
							   "bygglov")));
	size_t n = json_array_size(cases);
	const char *second = e2e_rx(sb, jstr(json_array_get(cases, 1),
					     "number"));
	struct tmux *t;

	assert_true(n > 56);
	t = e2e_open(sb, "anna", 80, 24, NULL);
	e2e_open_queue(t, "Bygglov");
	e2e_move(t, "j");
	check_layout(t, 80, 24, n, second);
	tmux_resize(t, 200, 60);
	check_layout(t, 200, 60, n, second);
	tmux_resize(t, 80, 24);
	check_layout(t, 80, 24, n, second);
	/* ^L draws it all again, the same */
	const char *before = tmux_screen(t);
	tmux_keys(t, "C-l");
	sleep_s(0.3);
	assert_string_equal(tmux_screen(t), before);
	tmux_stop(t);
}

/* ---- colours ------------------------------------------------------------------ */

/* Wait until a capture with escapes has no colour; the last capture. */
static const char *colourless(struct tmux *t)
{
	double end = now_s() + E2E_WAIT;
	const char *esc;

	do {
		esc = tmux_screen_esc(t);
		if (!e2e_has_colour(esc))
			break;
		sleep_s(0.05);
	} while (now_s() < end);
	return esc;
}

static void test_mono(void **state)
{
	struct sb *sb = *state;
	struct tmux *t = e2e_open(sb, "anna", 80, 24, NULL);
	const char *esc;

	e2e_open_queue(t, "Bygglov");
	/* the default theme colours the statuses */
	esc = tmux_screen_esc(t);
	if (!e2e_has_colour(esc)) {
		fprintf(stderr, "the default theme shows no colour:\n%s", esc);
		fail();
	}
	tmux_keys(t, ":");
	tmux_text(t, "theme mono");
	tmux_keys(t, "Enter");
	tmux_expect(t, "theme: mono", E2E_WAIT);
	esc = colourless(t);
	if (e2e_has_colour(esc)) {
		fprintf(stderr, "colours after :theme mono:\n%s", esc);
		fail();
	}
	/* the selection and the status bar stand out by attributes */
	assert_true(e2e_has_attr(esc, 7));
	assert_true(tmux_match(e2e_selected(t, tmux_screen(t)), E2E_NUMBER));
	tmux_stop(t);

	/* NO_COLOR: no colour from the first screen on */
	t = e2e_open(sb, "anna", 80, 24, (const char *[]){"NO_COLOR=1", NULL});
	e2e_open_queue(t, "Bygglov");
	esc = tmux_screen_esc(t);
	if (e2e_has_colour(esc)) {
		fprintf(stderr, "colours with NO_COLOR=1:\n%s", esc);
		fail();
	}
	assert_true(e2e_has_attr(esc, 7));
	tmux_stop(t);
}

/* ---- Swedish ----------------------------------------------------------------- */

/* The first n characters of a UTF-8 string, as a pattern. */
static const char *prefix_rx(struct sb *sb, const char *s, int n)
{
	const char *p = s;

	for (int i = 0; *p && i < n; i++) {
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
	}
	return e2e_rx(sb, sb_fmt(sb, "%.*s", (int)(p - s), s));
}

static void test_swedish(void **state)
{
	struct sb *sb = *state;
	const char *tok = login(sb, "anna");
	json_t *cases = e2e_cases(sb, tok, sb_fmt(sb, "/v1/queues/%lld/cases"
						  "?limit=200", (long long)
						  queue_of(sb, tok,
							   "bygglov")));
	json_t *first = json_array_get(cases, 0);
	const char *online = e2e_sv(sb, "online");
	const char *mine = e2e_sv(sb, "My cases");
	struct tmux *t;
	const char *s;

	if (!online || !mine) {
		fprintf(stderr, "po/sv.po translates neither 'online' nor 'My "
			"cases' (%s, %s)\n", online ? online : "missing",
			mine ? mine : "missing");
		fail();
	}
	t = e2e_open(sb, "anna", 80, 24,
		     (const char *[]){"LANG=sv_SE.UTF-8", "LANGUAGE=", NULL});
	s = tmux_expect(t, e2e_rx(sb, mine), E2E_WAIT);
	assert_true(tmux_match(tmux_row(t, s, 22), e2e_rx(sb, online)));
	assert_false(tmux_match(s, "My cases"));

	/* statuses as the platform names them in Swedish */
	s = e2e_open_queue(t, "Bygglov");
	const char *sv = jstr(first, "status.name.sv");
	const char *en = jstr(first, "status.name.en");
	const char *row = e2e_selected(t, s);
	if (!tmux_match(row, prefix_rx(sb, sv, 8)) ||
	    tmux_match(row, prefix_rx(sb, en, 8))) {
		fprintf(stderr, "the status of %s should read '%s', not '%s':"
			"\n%s", jstr(first, "number"), sv, en, s);
		fail();
	}
	assert_false(tmux_match(s, "In progress"));
	tmux_stop(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_resize, e2e_stop_tmux),
		cmocka_unit_test_teardown(test_mono, e2e_stop_tmux),
		cmocka_unit_test_teardown(test_swedish, e2e_stop_tmux),
	};

	return cmocka_run_group_tests(tests, e2e_group_start, group_stop);
}

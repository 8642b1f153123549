/*
 * test_core.c — the full-screen client's frame, headless: the first
 * screen, help from the key table, the command line's messages, the lock,
 * resizing, and that the terminal size and language are honoured.
 */
#include "screen.h"

#include <cmocka.h>

static int setup(void **state)
{
	return screen_group_start(state, "--cases 200");
}

static const char *home_for(void **state)
{
	return cli_home_login(*state, "anna");
}

static void first_screen_is_the_queues(void **state)
{
	struct screen_run *r = screen_run(*state, home_for(state),
					  "%SHOT\n", NULL);

	assert_int_equal(r->run->status, 0);
	assert_int_equal(r->nshots, 1);
	/* anna works in the building unit: her queues, the two views
	 * across queues, and the status bar naming her. */
	assert_true(screen_has(r->shots[0], "My cases"));
	assert_true(screen_has(r->shots[0], "Unassigned"));
	assert_true(screen_has(r->shots[0], "Bygglov"));
	assert_true(screen_has(r->shots[0], "anna@127.0.0.1"));
	assert_true(screen_has(r->shots[0], "[online]"));
	screen_expect("queues", r->shots[0]);
}

static void help_lists_the_keys_of_the_screen(void **state)
{
	struct screen_run *r = screen_run(*state, home_for(state),
					  "?\n%SHOT\nq\n%SHOT\n", NULL);

	assert_int_equal(r->nshots, 2);
	assert_true(screen_has(r->shots[0], "Help: queues"));
	assert_true(screen_has(r->shots[0], "move-down"));
	assert_true(screen_has(r->shots[0], "j <Down>"));
	/* case-only actions are not on the queues' help */
	assert_false(screen_has(r->shots[0], "reveal"));
	/* q closes the help and the queues come back */
	assert_true(screen_has(r->shots[1], "My cases"));
}

static void unknown_command_says_so(void **state)
{
	struct screen_run *r = screen_run(*state, home_for(state),
					  ":frobnicate\n%SHOT\n", NULL);

	assert_true(screen_has(r->shots[0], "'frobnicate' is not a command"));
	assert_int_equal(r->run->status, 0);
}

static void lock_leaves_nothing_on_screen(void **state)
{
	struct screen_run *r = screen_run(*state, home_for(state),
					  "L\n%SHOT\nwrong<Enter>\n%SHOT\n"
					  "demo<Enter>\n%SHOT\n", NULL);

	assert_int_equal(r->nshots, 3);
	assert_true(screen_has(r->shots[0], "akt is locked."));
	assert_false(screen_has(r->shots[0], "Bygglov"));
	assert_false(screen_has(r->shots[0], "My cases"));
	assert_true(screen_has(r->shots[1], "Wrong password"));
	assert_false(screen_has(r->shots[1], "Bygglov"));
	/* the right password opens it again */
	assert_true(screen_has(r->shots[2], "Bygglov"));
}

static void resize_keeps_the_layout(void **state)
{
	struct screen_run *r = screen_run(*state, home_for(state),
					  ":resize 200 60\n%SHOT\n"
					  ":resize 80 24\n%SHOT\n", NULL);
	size_t rows = 0;

	assert_int_equal(r->nshots, 2);
	for (const char *p = r->shots[0]; *p; p++)
		rows += *p == '\n';
	assert_int_equal(rows, 60);
	/* the status bar is on the next to last row at either size */
	assert_true(screen_has(r->shots[0], "[online]"));
	rows = 0;
	for (const char *p = r->shots[1]; *p; p++)
		rows += *p == '\n';
	assert_int_equal(rows, 24);
	assert_true(screen_has(r->shots[1], "[online]"));
}

static void swedish_interface(void **state)
{
	const char *env[] = { "LANG=sv_SE.UTF-8", "LC_ALL=sv_SE.UTF-8", NULL };
	struct screen_run *r = screen_run(*state, home_for(state),
					  "%SHOT\n", env);

	assert_true(screen_has(r->shots[0], "Mina ärenden"));
	assert_true(screen_has(r->shots[0], "[ansluten]"));
	assert_false(screen_has(r->shots[0], "My cases"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(first_screen_is_the_queues),
		cmocka_unit_test(help_lists_the_keys_of_the_screen),
		cmocka_unit_test(unknown_command_says_so),
		cmocka_unit_test(lock_leaves_nothing_on_screen),
		cmocka_unit_test(resize_keeps_the_layout),
		cmocka_unit_test(swedish_interface),
	};

	return cmocka_run_group_tests(tests, setup, group_stop);
}

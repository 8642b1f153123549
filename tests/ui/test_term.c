/*
 * test_term.c — the full-screen client in a real terminal (tmux): the
 * terminal is given back on every way out, a fatal signal included; the
 * hardware cursor sits on the selected row; Esc stops a slow request and
 * keys keep working meanwhile; the lock leaves nothing in the scrollback.
 */
#include "screen.h"
#include "tmux.h"

#include <cmocka.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

static int setup(void **state)
{
	return screen_group_start(state, "--cases 200");
}

static int teardown(void **state)
{
	tmux_stop_all();
	return group_stop(state);
}

static const char *fmt(struct tmux *t, const char *format)
{
	const char *out = tmux_cmd(t, (const char *[]){ "display-message",
		"-p", format, NULL });

	assert_non_null(out);
	return out;
}

/* A pane flag once tmux has read all akt wrote (it may lag the exit). */
static const char *settled(struct tmux *t, const char *format,
			  const char *want)
{
	const char *got = fmt(t, format);

	for (int i = 0; i < 40 && strcmp(got, want) != 0; i++) {
		usleep(50 * 1000);
		got = fmt(t, format);
	}
	return got;
}

static void fatal_signal_restores_the_terminal(void **state)
{
	struct tmux *t = tmux_start(*state, cli_home_login(*state, "anna"),
				    80, 24, NULL, NULL);
	pid_t pid;

	tmux_expect(t, "My cases", 10);
	/* curses is on the alternate screen, the cursor is visible */
	assert_string_equal(fmt(t, "#{alternate_on}"), "1\n");
	pid = tmux_akt_pid(t);
	assert_true(pid > 0);
	assert_int_equal(kill(pid, SIGSEGV), 0);
	tmux_wait_exit(t, 10);
	/* back on the normal screen: the handler wrote what undoes curses
	 * before the signal ended akt */
	assert_string_equal(settled(t, "#{alternate_on}", "0\n"), "0\n");
	tmux_stop(t);
}

static void sigterm_ends_cleanly(void **state)
{
	struct tmux *t = tmux_start(*state, cli_home_login(*state, "anna"),
				    80, 24, NULL, NULL);

	tmux_expect(t, "My cases", 10);
	assert_int_equal(kill(tmux_akt_pid(t), SIGTERM), 0);
	assert_int_equal(tmux_wait_exit(t, 10), 0);
	assert_string_equal(settled(t, "#{alternate_on}", "0\n"), "0\n");
	tmux_stop(t);
}

static void cursor_sits_on_the_selected_row(void **state)
{
	struct tmux *t = tmux_start(*state, cli_home_login(*state, "anna"),
				    80, 24, NULL, NULL);
	const char *screen;
	int row;

	tmux_expect(t, "Bygglov", 10);
	tmux_keys(t, "j j");
	screen = tmux_expect(t, "^› +Bygglov", 5);
	row = tmux_find_row(screen, "^› ");
	assert_true(row > 0);
	assert_int_equal(atoi(fmt(t, "#{cursor_y}")), row);
	tmux_keys(t, "Enter");
	screen = tmux_expect(t, "sorted by", 10);
	screen = tmux_expect(t, "^› ", 10);
	row = tmux_find_row(screen, "^› ");
	assert_int_equal(atoi(fmt(t, "#{cursor_y}")), row);
	tmux_stop(t);
}

static void esc_stops_a_slow_list(void **state)
{
	struct sb *sb = *state;
	struct tmux *t = tmux_start(sb, cli_home_login(sb, "anna"),
				    80, 24, NULL, NULL);

	tmux_expect(t, "Bygglov", 10);
	/* every page of a queue's cases now takes 6 s */
	sb_fault(sb, "{\"method\":\"GET\",\"path\":\"/v1/queues/*/cases\","
		 "\"latency_ms\":6000}");
	tmux_keys(t, "j j Enter");
	tmux_expect(t, "loading|under way", 5);
	/* keys still work while it loads: help opens and closes */
	tmux_keys(t, "?");
	tmux_expect(t, "Help: cases", 5);
	tmux_keys(t, "q");
	tmux_keys(t, "Escape");
	tmux_expect(t, "Stopped waiting", 5);
	/* nothing under way any more: the status bar says so at once */
	assert_non_null(tmux_wait_not(t, "loading|under way", 3));
	sb_faults_clear(sb);
	tmux_stop(t);
	/* the sandbox still sits out the stopped request's delay */
	sleep(5);
}

static void lock_leaves_no_scrollback(void **state)
{
	struct tmux *t = tmux_start(*state, cli_home_login(*state, "anna"),
				    80, 24, NULL, NULL);
	const char *hist;

	tmux_expect(t, "Bygglov", 10);
	tmux_keys(t, "j j Enter");
	tmux_expect(t, "BYGG-", 10);
	tmux_keys(t, "L");
	tmux_expect(t, "akt is locked", 5);
	/* neither the pane nor its history keeps a case */
	hist = tmux_cmd(t, (const char *[]){ "capture-pane", "-p", "-S",
		"-10000", NULL });
	assert_non_null(hist);
	assert_null(strstr(hist, "BYGG-"));
	assert_null(strstr(hist, "Bygglov"));
	/* a resize does not bring anything back */
	tmux_resize(t, 120, 40);
	assert_null(tmux_wait(t, "BYGG-", 1));
	tmux_expect(t, "akt is locked", 5);
	tmux_text(t, "demo");
	tmux_keys(t, "Enter");
	tmux_expect(t, "BYGG-", 10);
	tmux_stop(t);
}

/* ^Z needs a shell with job control: the pane's is started anew as an
 * interactive bash, which then runs akt. */
static void suspend_and_resume(void **state)
{
	struct sb *sb = *state;
	const char *home = cli_home_login(sb, "anna");
	struct tmux *t = tmux_start(sb, home, 80, 24, NULL, NULL);
	char *exe = realpath(sb_fmt(sb, "%s/akt", getenv("AKT_BUILD") ?
				    getenv("AKT_BUILD") : "build"), NULL);
	const char *respawn[] = { "respawn-pane", "-k", "-t", "akt",
		"bash --norc --noprofile -i", NULL };

	assert_non_null(exe);
	tmux_expect(t, "Bygglov", 10);
	assert_non_null(tmux_cmd(t, respawn));
	usleep(300 * 1000);
	tmux_text(t, sb_fmt(sb, "cd '%s' && '%s'", home, exe));
	free(exe);
	tmux_keys(t, "Enter");
	tmux_expect(t, "My cases", 10);
	assert_string_equal(settled(t, "#{alternate_on}", "1\n"), "1\n");
	tmux_keys(t, "C-z");
	/* stopped: the shell has the terminal and its normal screen */
	tmux_expect(t, "Stopped", 5);
	assert_string_equal(settled(t, "#{alternate_on}", "0\n"), "0\n");
	tmux_text(t, "fg");
	tmux_keys(t, "Enter");
	tmux_expect(t, "My cases", 10);
	assert_string_equal(settled(t, "#{alternate_on}", "1\n"), "1\n");
	tmux_keys(t, "Q");
	assert_string_equal(settled(t, "#{alternate_on}", "0\n"), "0\n");
	tmux_stop(t);
}

static void retrying_shows_in_the_status_bar(void **state)
{
	struct sb *sb = *state;
	struct tmux *t = tmux_start(sb, cli_home_login(sb, "anna"),
				    80, 24, NULL, NULL);

	tmux_expect(t, "Bygglov", 10);
	sb_fault(sb, "{\"method\":\"GET\",\"path\":\"/v1/queues/*/cases\","
		 "\"status\":503,\"retry_after\":3,\"times\":1}");
	tmux_keys(t, "j j Enter");
	tmux_expect(t, "\\[retrying in [0-9]+ s\\]", 5);
	/* and online again once the platform answers */
	tmux_expect(t, "\\[online\\]", 10);
	tmux_expect(t, "BYGG-", 5);
	sb_faults_clear(sb);
	tmux_stop(t);
}

static void new_messages_are_counted(void **state)
{
	struct sb *sb = *state;
	struct tmux *t = tmux_start(sb, cli_home_login(sb, "anna"),
				    80, 24, NULL, NULL);
	struct http_resp *cases = api_get(sb, "/v1/cases?limit=1",
					  login(sb, "anna"));
	const char *number = json_string_value(json_object_get(
		json_array_get(json_object_get(cases->json, "items"), 0),
		"number"));

	assert_non_null(number);
	tmux_expect(t, "Bygglov", 10);
	/* give the feed a moment to be polling, then a citizen writes */
	usleep(500 * 1000);
	http_free(sb_post_json(sb, "/v1/sandbox/citizen/messages",
			       sb_fmt(sb, "{\"case\":\"%s\",\"body\":"
				      "\"Hej!\"}", number)));
	tmux_expect(t, "✉ 1 new message$", 10);
	tmux_stop(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fatal_signal_restores_the_terminal),
		cmocka_unit_test(sigterm_ends_cleanly),
		cmocka_unit_test(cursor_sits_on_the_selected_row),
		cmocka_unit_test(esc_stops_a_slow_list),
		cmocka_unit_test(lock_leaves_no_scrollback),
		cmocka_unit_test(suspend_and_resume),
		cmocka_unit_test(retrying_shows_in_the_status_bar),
		cmocka_unit_test(new_messages_are_counted),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/*
 * test_core.c — the full-screen client's frame, headless: the first
 * screen, help from the key table, the command line's messages, the lock,
 * resizing, and that the terminal size and language are honoured.
 */
#include "screen.h"

#include <cmocka.h>
#include <locale.h>
#include <wchar.h>
#include <sys/stat.h>

#define AKT_TEST_LEN(a) (sizeof(a) / sizeof((a)[0]))

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

/* lock_after is in minutes: this test waits one. It proves timing, not
 * memory, so the sanitizer build (which runs every test again) skips
 * it and keeps CI short. */
static void idle_lock_after_a_minute(void **state)
{
#if defined(__SANITIZE_ADDRESS__)
	skip();
#endif
	const char *home = cli_home_login(*state, "anna");
	const char *cfg = sb_fmt(*state, "%s/config/akt/config", home);
	FILE *f;
	struct screen_run *r;

	mkdir(sb_fmt(*state, "%s/config", home), 0700);
	mkdir(sb_fmt(*state, "%s/config/akt", home), 0700);
	f = fopen(cfg, "w");
	assert_non_null(f);
	fputs("set lock_after = 1\n", f);
	fclose(f);
	r = screen_run(*state, home, "%SHOT\n:sleep 45000\n%SHOT\n"
		       ":sleep 16000\n%SHOT\n", NULL);
	assert_int_equal(r->nshots, 3);
	assert_true(screen_has(r->shots[0], "Bygglov"));
	/* not yet after 45 s */
	assert_true(screen_has(r->shots[1], "Bygglov"));
	assert_true(screen_has(r->shots[2], "akt is locked."));
	assert_false(screen_has(r->shots[2], "Bygglov"));
	assert_false(screen_has(r->shots[2], "My cases"));
}

/* Display columns of a UTF-8 line, as the terminal counts them. */
static int line_width(const char *line, size_t len)
{
	wchar_t w[512];
	char buf[2048];
	size_t n;

	snprintf(buf, sizeof(buf), "%.*s", (int)len, line);
	n = mbstowcs(w, buf, AKT_TEST_LEN(w));
	assert_true(n != (size_t)-1);
	return wcswidth(w, n);
}

static void wide_characters_keep_the_columns(void **state)
{
	struct sb *sb = *state;
	const char *names[] = {
		"山田太郎 Yamada Tarō Nakamura-Lindqvist",
		"Åsa Ärlig-Öberg och Ödegård",
		"Famil\u200djen 🏠🌲 Strandvik",
	};
	struct screen_run *r;
	const char *p;

	for (size_t i = 0; i < 3; i++) {
		char body[256];

		snprintf(body, sizeof(body), "{\"e_service\":\"bygglov\","
			 "\"applicant\":\"%s\"}", names[i]);
		http_free(sb_post_json(sb, "/v1/sandbox/citizen/cases", body));
	}
	r = screen_run(sb, cli_home_login(sb, "anna"),
		       ":queue Bygglov\n%SHOT\n:resize 132 30\n%SHOT\n",
		       NULL);
	assert_true(setlocale(LC_CTYPE, "C.UTF-8") != NULL);
	for (size_t k = 0; k < 2; k++) {
		int width = k == 0 ? 80 : 132;

		/* every row fits the screen, wide characters counted twice */
		for (p = r->shots[k]; *p;) {
			size_t n = strcspn(p, "\n");

			assert_true(line_width(p, n) <= width);
			p += n + 1;
		}
	}
	/* CJK and å/ä/ö are shown, cut with an ellipsis where too long */
	assert_true(screen_has(r->shots[0], "山田太郎"));
	assert_true(screen_has(r->shots[0], "Åsa Ärlig"));
	assert_true(screen_has(r->shots[0], "…"));
	/* the zero-width joiner does not reach the terminal */
	assert_false(screen_has(r->shots[1], "\u200d"));
	assert_true(screen_has(r->shots[1], "🏠"));
	/* and the columns after a wide name start where the others' do:
	 * the update time of the three new cases (09:0x) stands in the
	 * same column as the others' (MM-DD) */
	{
		const char *a = r->shots[0];
		int col = -1;

		for (int row = 0; row < 8; row++) {
			const char *b = strstr(a, " 09:0");
			size_t n = strcspn(a, "\n");

			if (!b || b > a + n)
				b = strstr(a, " 11-");
			if (row >= 2 && b && b < a + n) {
				int c = line_width(a, (size_t)(b - a));

				if (col < 0)
					col = c;
				assert_int_equal(c, col);
			}
			a += n + 1;
		}
		assert_true(col > 0);
	}
}

/* A config with a line, in a fresh home. */
static const char *home_with_config(void **state, const char *line)
{
	const char *home = cli_home_login(*state, "anna");
	FILE *f;

	mkdir(sb_fmt(*state, "%s/config", home), 0700);
	mkdir(sb_fmt(*state, "%s/config/akt", home), 0700);
	f = fopen(sb_fmt(*state, "%s/config/akt/config", home), "w");
	assert_non_null(f);
	fputs(line, f);
	fclose(f);
	return home;
}

static void bind_lines_remap_keys(void **state)
{
	const char *home = home_with_config(state,
		"bind queues x move-down\nbind generic j none\n");
	struct screen_run *r = screen_run(*state, home,
					  "x\nx\n%SHOT\nj\n%SHOT\n", NULL);

	/* x moved twice: the selection is on the third row (Bygglov) */
	assert_true(screen_has(r->shots[0], "› Bygglov"));
	/* j is unbound: it says so and moves nothing */
	assert_true(screen_has(r->shots[1], "› Bygglov"));
	assert_true(screen_has(r->shots[1], "j does nothing here"));
}

static void bad_bind_line_is_named(void **state)
{
	const char *home = home_with_config(state,
		"bind queues x fly-away\n");
	const char *argv[] = { NULL };
	const char *env[] = { "LINES=24", "COLUMNS=80", NULL };
	struct cli_run *run;

	run = cli_run_env(*state, home, NULL, env, argv, 20);
	/* refused before the screen opens, naming the file and line */
	assert_int_equal(run->status, 1);
	assert_non_null(strstr(run->err, "config:1:"));
	assert_non_null(strstr(run->err, "fly-away"));
}

static void command_history_is_kept_private(void **state)
{
	const char *home = cli_home_login(*state, "anna");
	struct stat st;
	const char *hist = sb_fmt(*state, "%s/state/akt/history", home);
	FILE *f;
	char line[256];
	bool found = false;

	screen_run(*state, home, ":theme mono\n", NULL);
	assert_int_equal(stat(hist, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	f = fopen(hist, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		/* libedit's file format writes a space as \040 */
		found |= strstr(line, "theme") && strstr(line, "mono");
	fclose(f);
	assert_true(found);
	/* and the next run finds it: Up brings it back (the line starts
	 * with a key, so ':' is typed without an Enter) */
	struct screen_run *r = screen_run(*state, home,
					  "<Esc>:<Up>\n%SHOT\n<Esc>\n", NULL);
	assert_true(screen_has(r->shots[0], ":theme mono"));
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
		cmocka_unit_test(idle_lock_after_a_minute),
		cmocka_unit_test(wide_characters_keep_the_columns),
		cmocka_unit_test(bind_lines_remap_keys),
		cmocka_unit_test(bad_bind_line_is_named),
		cmocka_unit_test(command_history_is_kept_private),
		cmocka_unit_test(swedish_interface),
	};

	return cmocka_run_group_tests(tests, setup, group_stop);
}

/*
 * test_file_modes.c — the modes of akt's files on a shared machine,
 * with the real binary:
 *   - a config that others may change is refused with one line naming
 *     the file, its mode and the chmod that fixes it; a symbolic link to
 *     a config is followed (dotfile managers link it in) and the file it
 *     points to is checked the same way; a theme or a template others
 *     may change is refused alike, on the full-screen client's message
 *     line;
 *   - a token file others may read is refused and not used, and so is
 *     a symbolic link in its place;
 *   - drafts, outbox and corrupt files are 0600 in 0700 directories
 *     after a real note kept in the outbox (the connection dropped) and
 *     a broken file moved aside, under a umask of 000 (nothing may
 *     depend on the umask);
 *   - the debug log is 0600 (an old one open to others is tightened),
 *     and the state directory (tokens, history) is 0700.
 * The command-line history is checked in tests/ui/test_pin_disk.c.
 */
#include "cli.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define S ((struct sb *)*state)

static int setup(void **state) { return group_start(state, NULL); }
static int teardown(void **state) { return group_stop(state); }

static int clear_faults(void **state)
{
	sb_faults_clear(S);
	return 0;
}

/* ---- helpers ------------------------------------------------------- */

static void put_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(close(fd), 0);
	assert_int_equal(chmod(path, mode), 0);
}

static unsigned mode_of(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		fail_msg("%s: missing", path);
	return (unsigned)(st.st_mode & 07777);
}

#define expect_mode(path, want) expect_mode_at((path), (want), __LINE__)
static void expect_mode_at(const char *path, unsigned want, int line)
{
	unsigned m = mode_of(path);

	if (m != want)
		fail_msg("line %d: %s has mode %04o, %04o expected", line,
			 path, m, want);
}

/* One line "akt: …" on stderr holding every needle, nothing on stdout,
 * a failing exit. */
static void expect_refused(const struct cli_run *r,
			   const char *const needles[])
{
	const char *nl = strchr(r->err, '\n');

	if (r->status == 0 || strncmp(r->err, "akt: ", 5) != 0 || !nl ||
	    nl[1] != '\0' || r->out_len != 0)
		fail_msg("exit %d, stdout \"%s\", stderr:\n%s", r->status,
			 r->out, r->err);
	for (size_t i = 0; needles[i]; i++)
		if (!strstr(r->err, needles[i]))
			fail_msg("\"%s\" not in: %s", needles[i], r->err);
}

static const char *const whoami[] = {"whoami", NULL};

/* whoami works: the login in the token file was used. */
static void expect_whoami_ok(struct sb *sb, const char *home)
{
	struct cli_run *r = cli_run(sb, home, NULL, whoami);

	if (r->status != 0 || !strstr(r->out, "anna"))
		fail_msg("whoami: exit %d, stderr: %s", r->status, r->err);
}

/* ---- config, theme, template ---------------------------------------- */

static void config_writable_by_others(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *dir = sb_fmt(S, "%s/config/akt", home);
	const char *conf = sb_fmt(S, "%s/config", dir);
	static const unsigned modes[] = { 0620, 0602, 0666 };

	mkdir(sb_fmt(S, "%s/config", home), 0700);
	mkdir(dir, 0700);
	for (size_t i = 0; i < sizeof(modes) / sizeof(*modes); i++) {
		put_file(conf, "set lock_after = 5\n", modes[i]);
		struct cli_run *r = cli_run(S, home, NULL, whoami);
		const char *const needles[] = {
			conf, sb_fmt(S, "mode %04o", modes[i]),
			sb_fmt(S, "chmod go-w %s", conf), NULL
		};

		expect_refused(r, needles);
	}
	/* readable by others is fine: it holds no secret */
	assert_int_equal(chmod(conf, 0644), 0);
	expect_whoami_ok(S, home);
}

/*
 * A symbolic link is followed, and what it points to must pass the same
 * test: the link itself cannot be changed (its mode means nothing), the
 * file behind it can.
 */
static void config_symlink_followed_and_checked(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *dir = sb_fmt(S, "%s/config/akt", home);
	const char *conf = sb_fmt(S, "%s/config", dir);
	const char *real = sb_fmt(S, "%s/dotfiles-akt.conf", home);

	mkdir(sb_fmt(S, "%s/config", home), 0700);
	mkdir(dir, 0700);
	put_file(real, "set lock_after = 5\n", 0600);
	assert_int_equal(symlink(real, conf), 0);
	expect_whoami_ok(S, home);

	assert_int_equal(chmod(real, 0646), 0);
	struct cli_run *r = cli_run(S, home, NULL, whoami);
	const char *const needles[] = { conf, "mode 0646", "chmod go-w",
					NULL };
	expect_refused(r, needles);
}

/*
 * The full-screen client run from a script of keys (AKT_SCRIPT) that
 * ends by saving the screen; the screen's text (owned by sb).
 */
static const char *screen_after(struct sb *sb, const char *home,
				const char *keys)
{
	const char *script = sb_fmt(sb, "%s/script", home);
	const char *shot = sb_fmt(sb, "%s/shot", home);
	const char *const env[] = { sb_fmt(sb, "AKT_SCRIPT=%s", script),
				    "LINES=24", "COLUMNS=400",
				    "TERM=xterm-256color", NULL };
	struct cli_run *r;
	char *screen;

	unlink(shot);
	put_file(script, sb_fmt(sb, "%s:save-display %s\n", keys, shot),
		 0600);
	r = cli_run_env(sb, home, NULL, env, (const char *[]){ NULL }, 20);
	screen = cli_slurp(shot);
	if (!screen)
		fail_msg("no screen saved; exit %d: %s", r->status, r->err);
	return sb_keep(sb, screen);
}

/* A theme file is checked like the config: it is in the same language
 * (bind lines), and colours can hide what akt shows. The full-screen
 * client says so on its message line and starts with its own colours. */
static void theme_writable_by_others(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *theme = sb_fmt(S, "%s/mine.theme", home);
	const char *conf = sb_fmt(S, "%s/config/akt/config", home);
	const char *screen;

	mkdir(sb_fmt(S, "%s/config", home), 0700);
	mkdir(sb_fmt(S, "%s/config/akt", home), 0700);
	put_file(theme, "color title default default bold\n", 0662);
	put_file(conf, sb_fmt(S, "set theme = %s\n", theme), 0600);
	screen = screen_after(S, home, "");
	if (!strstr(screen, sb_fmt(S, "theme %s may be changed by others "
				   "(mode 0662)", theme)) ||
	    !strstr(screen, sb_fmt(S, "chmod go-w %s", theme)))
		fail_msg("the theme was not refused:\n%s", screen);
}

/* A template others may change would put their words in a note to a
 * citizen: refused like the config, when the officer picks it in the
 * editor (the full-screen client run from a script of keys). */
static void template_writable_by_others(void **state)
{
	char number[64];
	const char *home = cli_home_login(S, "anna");
	const char *dir = sb_fmt(S, "%s/config/akt/templates", home);
	const char *tpl = sb_fmt(S, "%s/beslut", dir);
	const char *screen;

	citizen_case(S, "bygglov", "Åsa Öberg", number);
	mkdir(sb_fmt(S, "%s/config", home), 0700);
	mkdir(sb_fmt(S, "%s/config/akt", home), 0700);
	mkdir(dir, 0700);
	put_file(tpl, "Beslut i ärende {case}.\n", 0664);
	screen = screen_after(S, home, sb_fmt(S, ":queue Bygglov\n"
					      ":search %s\n<Enter>\nw\n"
					      "<C-t>\n1\n", number));
	if (!strstr(screen, sb_fmt(S, "template %s may be changed by others "
				   "(mode 0664)", tpl)) ||
	    !strstr(screen, sb_fmt(S, "chmod go-w %s", tpl)) ||
	    strstr(screen, "Beslut i ärende"))
		fail_msg("the template was not refused:\n%s", screen);
}

/* ---- the token file ------------------------------------------------- */

static void token_file_readable_by_others(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *tokens = sb_fmt(S, "%s/state/akt/tokens", home);
	static const unsigned modes[] = { 0640, 0604, 0644, 0660 };

	expect_mode(tokens, 0600);
	expect_mode(sb_fmt(S, "%s/state/akt", home), 0700);
	for (size_t i = 0; i < sizeof(modes) / sizeof(*modes); i++) {
		assert_int_equal(chmod(tokens, modes[i]), 0);
		struct cli_run *r = cli_run(S, home, NULL, whoami);
		const char *const needles[] = {
			tokens, sb_fmt(S, "mode %04o", modes[i]),
			"akt login", NULL
		};

		/* refused before any request: nothing names anna */
		expect_refused(r, needles);
		assert_null(strstr(r->err, "anna"));
	}
	assert_int_equal(chmod(tokens, 0600), 0);
	expect_whoami_ok(S, home);
}

/* A link in the token file's place is refused: whoever made it chose
 * where akt writes the login next. */
static void token_file_symlink_refused(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *tokens = sb_fmt(S, "%s/state/akt/tokens", home);
	const char *moved = sb_fmt(S, "%s/tokens-elsewhere", home);

	assert_int_equal(rename(tokens, moved), 0);
	assert_int_equal(symlink(moved, tokens), 0);
	struct cli_run *r = cli_run(S, home, NULL, whoami);
	const char *const needles[] = { tokens, "symbolic link", NULL };

	expect_refused(r, needles);
}

/* ---- drafts, outbox, corrupt ----------------------------------------- */

static void store_modes_after_offline_note(void **state)
{
	char number[64];
	const char *home = cli_home_login(S, "anna");
	const char *store = sb_fmt(S, "%s/data/akt", home);
	const char *note[] = {"note", number, NULL};
	const char *sync[] = {"sync", NULL};
	mode_t old = umask(0);

	citizen_case(S, "bygglov", "Åsa Öberg", number);
	/* the platform cannot be reached for the note: kept in the outbox */
	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/notes\","
		 "\"drop\":true}");
	struct cli_run *r = cli_run(S, home, "Skriven med umask 000\n", note);
	sb_faults_clear(S);
	/* a junk file in the outbox, written open to all, is moved aside */
	const char *junk = sb_fmt(S, "%s/outbox/20260101T000000Z-0badf11e."
				  "draft", store);
	put_file(junk, "{not json", 0644);
	const char *const list[] = {"drafts", "list", NULL};

	cli_run(S, home, NULL, list);
	umask(old);
	if (r->status != 6)
		fail_msg("note: exit %d (6 expected): %s", r->status, r->err);
	expect_mode(store, 0700);
	expect_mode(sb_fmt(S, "%s/drafts", store), 0700);
	expect_mode(sb_fmt(S, "%s/outbox", store), 0700);
	expect_mode(sb_fmt(S, "%s/corrupt", store), 0700);

	/* every record and every moved-aside file: 0600 */
	const char *const boxes[] = { "outbox", "corrupt", "drafts" };
	int records = 0;

	for (size_t b = 0; b < 3; b++) {
		const char *dir = sb_fmt(S, "%s/%s", store, boxes[b]);
		DIR *d = opendir(dir);
		struct dirent *e;

		assert_non_null(d);
		while ((e = readdir(d))) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			expect_mode(sb_fmt(S, "%s/%s", dir, e->d_name), 0600);
			records++;
		}
		closedir(d);
	}
	/* the note in the outbox and the junk in corrupt/ at least */
	assert_true(records >= 2);
	assert_true(access(sb_fmt(S, "%s/corrupt/20260101T000000Z-0badf11e."
				  "draft", store), F_OK) == 0);

	r = cli_run(S, home, NULL, sync);
	assert_int_equal(r->status, 0);
}

/* ---- the log ------------------------------------------------------- */

static void log_private(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *log = sb_fmt(S, "%s/akt.log", home);
	const char *const argv[] = {"--log", log, "whoami", NULL};
	mode_t old = umask(0);
	struct cli_run *r = cli_run(S, home, NULL, argv);

	umask(old);
	assert_int_equal(r->status, 0);
	expect_mode(log, 0600);

	/* an old log open to others is closed before a line is added */
	assert_int_equal(chmod(log, 0644), 0);
	r = cli_run(S, home, NULL, argv);
	assert_int_equal(r->status, 0);
	expect_mode(log, 0600);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(config_writable_by_others),
		cmocka_unit_test(config_symlink_followed_and_checked),
		cmocka_unit_test(theme_writable_by_others),
		cmocka_unit_test(template_writable_by_others),
		cmocka_unit_test(token_file_readable_by_others),
		cmocka_unit_test(token_file_symlink_refused),
		cmocka_unit_test_teardown(store_modes_after_offline_note,
					  clear_faults),
		cmocka_unit_test(log_private),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/*
 * test_lock_screen.c — the idle lock in a real terminal (tmux), started
 * from an interactive shell so that a suspend and `fg` work as for an
 * officer. With a case on screen the lock (L) leaves nothing from the
 * platform — the applicant's name, the case and diary numbers — on the
 * screen, in the scrollback (capture-pane -S -) or on the other screen
 * (capture-pane -a); and so it stays when the window is resized, when
 * ^Z is pressed (refused while locked: the shell behind akt is the
 * officer's), when akt is stopped from outside and brought back with
 * `fg`. The password opens it again with the case. A suspend when
 * unlocked, and the end of akt, leave no platform text in the shell's
 * screen or scrollback either (akt draws on the alternate screen).
 */
#include "e2e.h"
#include "screen.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define COLS 100
#define ROWS 30
#define APPLICANT "Zelmira Quistgaard"

static int setup(void **state)
{
	return screen_group_start(state, "--cases 20");
}

/* ---- the shell and akt in it ---------------------------------------- */

/* Process state letter of pid ('T' stopped), 0 when it is gone. */
static char proc_state(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	if (!(f = fopen(path, "r")))
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

/* The child of parent whose command name is "akt", 0 if none. */
static pid_t akt_child(pid_t parent)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	pid_t found = 0;

	assert_non_null(d);
	while (!found && (e = readdir(d))) {
		char path[300], buf[512], name[64];
		long pid = strtol(e->d_name, NULL, 10), ppid = 0;
		FILE *f;
		size_t n;

		if (pid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
		if (!(f = fopen(path, "r")))
			continue;
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		buf[n] = 0;
		char *open = strchr(buf, '('), *close = strrchr(buf, ')');

		if (!open || !close || close - open - 1 >= (long)sizeof(name))
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)(close - open - 1),
			 open + 1);
		if (sscanf(close + 2, "%*c %ld", &ppid) == 1 &&
		    ppid == parent && strcmp(name, "akt") == 0)
			found = (pid_t)pid;
	}
	closedir(d);
	return found;
}

struct fix {
	struct sb *sb;
	struct tmux *t;
	pid_t shell, akt;
	char number[64];
	const char *diary;
	int64_t id;
};

/*
 * tmux's first window runs `akt --version` (it ends at once); a second
 * one, an interactive shell with job control, runs akt on a new case
 * of APPLICANT.
 */
static void open_case(struct sb *sb, struct fix *f)
{
	const char *home = cli_home_login(sb, "anna");
	const char *const version[] = {"--version", NULL};
	const char *const window[] = {"new-window", "-t", "akt", "-P", "-F",
				      "#{pane_pid}",
				      "exec bash --norc --noprofile -i", NULL};
	char *build = realpath(getenv("AKT_BUILD") ? getenv("AKT_BUILD") :
			       "build", NULL);
	struct http_resp *r;
	const char *out;

	f->sb = sb;
	int64_t id = citizen_case(sb, "bygglov", APPLICANT, f->number);

	f->id = id;

	r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld", (long long)id),
		    login(sb, "anna"));
	f->diary = jstr(r->json, "diary_number");
	assert_non_null(f->diary);
	assert_non_null(build);
	f->t = tmux_start(sb, home, COLS, ROWS, NULL, version);
	out = tmux_cmd(f->t, window);
	assert_non_null(out);
	f->shell = (pid_t)strtol(out, NULL, 10);
	assert_true(f->shell > 1);
	tmux_text(f->t, sb_fmt(sb, "PS1='sh$ '; cd; %s/akt", build));
	free(build);
	tmux_keys(f->t, "Enter");
	tmux_expect(f->t, "anna@", E2E_WAIT);
	f->akt = akt_child(f->shell);
	assert_true(f->akt > 1);
	tmux_text(f->t, ":queue Bygglov");
	tmux_keys(f->t, "Enter");
	tmux_expect(f->t, "^›.*" E2E_NUMBER, E2E_WAIT);
	tmux_text(f->t, sb_fmt(sb, ":search %s", f->number));
	tmux_keys(f->t, "Enter");
	tmux_expect(f->t, sb_fmt(sb, "^›.*%s", f->number), E2E_WAIT);
	tmux_keys(f->t, "Enter");
	tmux_expect(f->t, APPLICANT, E2E_WAIT);
}

/*
 * Nothing of the case in what the terminal holds: the screen, the
 * scrollback with it, and the other screen (the shell's while akt
 * draws on the alternate one; tmux refuses -a when there is none).
 */
#define expect_clean(f, when) expect_clean_at((f), (when), __LINE__)
static void expect_clean_at(struct fix *f, const char *when, int line)
{
	const char *const visible[] = {"capture-pane", "-p", "-t", "akt",
				       NULL};
	const char *const history[] = {"capture-pane", "-p", "-S", "-", "-E",
				       "-", "-t", "akt", NULL};
	const char *const other[] = {"capture-pane", "-p", "-a", "-S", "-",
				     "-E", "-", "-t", "akt", NULL};
	const char *const *captures[] = { visible, history, other };
	const char *const names[] = { "the screen", "the scrollback",
				      "the other screen" };
	const char *const secrets[] = { APPLICANT, "Quistgaard", f->number,
					f->diary };

	for (size_t c = 0; c < 3; c++) {
		const char *text = tmux_cmd(f->t, captures[c]);

		if (!text) {
			assert_int_equal(c, 2);
			continue;
		}
		for (size_t s = 0; s < 4; s++)
			if (strstr(text, secrets[s]))
				fail_msg("line %d, %s: \"%s\" is in %s:\n%s",
					 line, when, secrets[s], names[c],
					 text);
	}
}

/* ---- the test --------------------------------------------------------- */

static void lock_leaves_nothing(void **state)
{
	struct sb *sb = *state;
	struct fix f;
	const char *s;

	open_case(sb, &f);

	/* locked: only the lock screen */
	tmux_keys(f.t, "L");
	s = tmux_expect(f.t, "akt is locked", E2E_WAIT);
	assert_true(tmux_match(s, "Password:"));
	expect_clean(&f, "locked");

	/* resized, smaller and back: still locked, nothing drawn again */
	tmux_resize(f.t, 60, 16);
	tmux_expect(f.t, "akt is locked", E2E_WAIT);
	expect_clean(&f, "resized while locked");
	tmux_resize(f.t, COLS, ROWS);
	tmux_expect(f.t, "Password:", E2E_WAIT);
	expect_clean(&f, "resized back");

	/* ^Z is refused while locked: akt runs on, locked. A wrong
	 * password typed after it is answered, so ^Z was read (a stopped
	 * akt would answer nothing) */
	tmux_keys(f.t, "C-z");
	tmux_text(f.t, "wrong");
	tmux_keys(f.t, "Enter");
	tmux_expect(f.t, "Wrong password", E2E_WAIT);
	assert_int_not_equal(proc_state(f.akt), 'T');
	assert_true(tmux_match(tmux_screen(f.t), "akt is locked"));
	expect_clean(&f, "^Z while locked");

	/* stopped from outside: the shell's screen, and after fg the lock */
	assert_int_equal(kill(f.akt, SIGTSTP), 0);
	tmux_expect(f.t, "Stopped", E2E_WAIT);
	assert_int_equal(proc_state(f.akt), 'T');
	expect_clean(&f, "stopped while locked");
	tmux_text(f.t, "fg");
	tmux_keys(f.t, "Enter");
	tmux_expect(f.t, "akt is locked", E2E_WAIT);
	expect_clean(&f, "back from the stop");

	/* the password opens it again, on the case */
	tmux_text(f.t, "demo");
	tmux_keys(f.t, "Enter");
	tmux_expect(f.t, APPLICANT, E2E_WAIT);

	/* a suspend when unlocked: the shell's screen holds no case */
	tmux_keys(f.t, "C-z");
	tmux_expect(f.t, "Stopped", E2E_WAIT);
	expect_clean(&f, "suspended unlocked");
	tmux_text(f.t, "fg");
	tmux_keys(f.t, "Enter");
	tmux_expect(f.t, APPLICANT, E2E_WAIT);

	/* and the end: the shell again, nothing of the case left */
	tmux_keys(f.t, "Q");
	tmux_expect(f.t, "^sh\\$ ?$", E2E_WAIT);
	assert_int_equal(proc_state(f.akt), 0);
	expect_clean(&f, "after the end");
	tmux_stop(f.t);
}

/* Whether anna is among the case's assignees. */
static bool anna_assigned(struct sb *sb, int64_t id)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld",
						 (long long)id),
				      login(sb, "anna"));
	size_t i;
	json_t *a;

	json_array_foreach(jget(r->json, "assignees"), i, a) {
		const char *u = jstr(a, "username");

		if (u && strcmp(u, "anna") == 0)
			return true;
	}
	return false;
}

/*
 * A write under way when the lock comes (an assignment: the case is
 * read, then written) is carried to its end — the lock closes the case
 * only then — and its outcome, which names the case, is not on the
 * lock screen. The read takes 1.5 s, so the lock comes between.
 */
static void write_outlives_the_lock(void **state)
{
	struct sb *sb = *state;
	struct fix f;
	double waited = 0;

	open_case(sb, &f);
	assert_false(anna_assigned(sb, f.id));
	sb_fault(sb, sb_fmt(sb, "{\"method\":\"GET\",\"path\":"
			    "\"/v1/cases/%lld\",\"latency_ms\":1500,"
			    "\"times\":1}", (long long)f.id));
	tmux_keys(f.t, "a");
	tmux_keys(f.t, "L");
	tmux_expect(f.t, "akt is locked", E2E_WAIT);
	while (!anna_assigned(sb, f.id) && waited < E2E_WAIT) {
		usleep(200 * 1000);
		waited += 0.2;
	}
	sb_faults_clear(sb);
	assert_true(anna_assigned(sb, f.id));
	/* the answer has come and gone by the screen: still only the lock */
	usleep(500 * 1000);
	assert_true(tmux_match(tmux_screen(f.t), "akt is locked"));
	expect_clean(&f, "a write ended while locked");
	tmux_text(f.t, "demo");
	tmux_keys(f.t, "Enter");
	tmux_expect(f.t, APPLICANT, E2E_WAIT);
	tmux_keys(f.t, "Q");
	tmux_expect(f.t, "^sh\\$ ?$", E2E_WAIT);
	tmux_stop(f.t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(lock_leaves_nothing, e2e_stop_tmux),
		cmocka_unit_test_teardown(write_outlives_the_lock,
					  e2e_stop_tmux),
	};

	return cmocka_run_group_tests(tests, setup, group_stop);
}

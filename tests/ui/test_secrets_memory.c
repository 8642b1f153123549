/*
 * test_secrets_memory.c — what a running akt keeps of the login and of
 * the platform's data, read from its memory the way an attacker with the
 * machine would (/proc/PID/mem, as root): after the idle lock neither
 * token nor what the case showed is left; at exit (stopped by ptrace at
 * the very end, before the kernel frees anything) neither is left
 * either. The unlock loads everything again. And the programs akt starts
 * (the officer's editor, the document viewer) get no token and no
 * setting of akt's, in their arguments or their environment.
 */
#include "e2e.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

struct secrets {
	const char *access, *refresh;
};

/* The login akt keeps in home's token store. */
static struct secrets stored_tokens(struct sb *sb, const char *home)
{
	json_error_t e;
	json_t *j = json_load_file(sb_fmt(sb, "%s/state/akt/tokens", home), 0,
				   &e);
	struct secrets s;

	if (!j)
		fail_msg("token store: %s", e.text);
	sb_keep_json(sb, j);
	s.access = jstr(j, "access_token");
	s.refresh = jstr(j, "refresh_token");
	assert_non_null(s.access);
	assert_non_null(s.refresh);
	assert_true(strlen(s.access) >= 16 && strlen(s.refresh) >= 16);
	return s;
}

/* What precedes a hit (up to 40 bytes, the unprintable as '.'), to see
 * which copy it is. */
static const char *before(struct sb *sb, const char *buf, const char *hit)
{
	const char *from = hit - buf > 40 ? hit - 40 : buf;
	char text[41];
	size_t n = 0;

	for (const char *p = from; p < hit; p++)
		text[n++] = *p >= ' ' && *p < 127 && *p != '"' ? *p : '.';
	text[n] = '\0';
	return sb_fmt(sb, "%s", text);
}

/*
 * Search every readable mapping of pid for each needle (NULL-ended). A
 * file mapping that was never writable holds the file, not akt's data,
 * and is left out. Returns how many needles were found; *where (owned
 * by sb) names each hit and its mapping.
 */
static int scan_memory(struct sb *sb, pid_t pid, const char *const needles[],
		       const char **where)
{
	FILE *maps = fopen(sb_fmt(sb, "/proc/%d/maps", (int)pid), "r");
	int mem = open(sb_fmt(sb, "/proc/%d/mem", (int)pid), O_RDONLY);
	bool found[8] = { false };
	char line[512], *report = strdup("");
	int n = 0;

	assert_non_null(maps);
	if (mem < 0)
		fail_msg("cannot read akt's memory: %s", strerror(errno));
	while (fgets(line, sizeof(line), maps)) {
		unsigned long lo, hi;
		char perms[8] = "", path[400] = "";
		char *buf;
		ssize_t got;

		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %399[^\n]", &lo, &hi,
			   perms, path) < 3 || perms[0] != 'r')
			continue;
		if ((path[0] == '/' && perms[1] != 'w') ||
		    strcmp(path, "[vvar]") == 0 ||
		    strcmp(path, "[vsyscall]") == 0)
			continue;
		buf = malloc(hi - lo);
		assert_non_null(buf);
		got = pread(mem, buf, hi - lo, (off_t)lo);
		for (int i = 0; got > 0 && needles[i]; i++) {
			const char *h = memmem(buf, (size_t)got, needles[i],
					       strlen(needles[i]));
			char *more;

			if (!h)
				continue;
			if (!found[i])
				n++;
			found[i] = true;
			if (asprintf(&more, "%s  needle %d at %#lx in %s %s, "
				     "after \"%s\"\n", report, i,
				     lo + (unsigned long)(h - buf), perms,
				     path[0] ? path : "(anonymous)",
				     before(sb, buf, h)) < 0)
				fail_msg("out of memory");
			free(report);
			report = more;
		}
		free(buf);
	}
	fclose(maps);
	close(mem);
	*where = sb_keep(sb, report);
	return n;
}

/* Whether pid is akt itself, not a tool running it (valgrind). */
static bool plain_akt(struct sb *sb, pid_t pid)
{
	char exe[512];
	ssize_t n = readlink(sb_fmt(sb, "/proc/%d/exe", (int)pid), exe,
			     sizeof(exe) - 1);

	if (n <= 0)
		return false;
	exe[n] = '\0';
	return n >= 4 && strcmp(exe + n - 4, "/akt") == 0;
}

/* A Bygglov case with documents, and its number. */
static int64_t rich_case(struct sb *sb, const char *token, const char **number)
{
	struct http_resp *r = api_get(sb, "/v1/cases?e_service=bygglov&"
				      "limit=100", token);

	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		int64_t id = jint(r->json, sb_fmt(sb, "items[%zu].id", i));
		struct http_resp *d = api_get(sb, sb_fmt(sb, "/v1/cases/%lld",
							 (long long)id), token);

		if (d->status == 200 && jlen(d->json, "documents") > 0) {
			*number = sb_fmt(sb, "%s", jstr(d->json, "number"));
			return id;
		}
	}
	fail_msg("no Bygglov case with documents");
	return 0;
}

/* A journal note with text no other place has, written as anna. */
static const char *unique_note(struct sb *sb, const char *token, int64_t id)
{
	const char *text = sb_fmt(sb, "Hemlig uppgift %08lx om sökanden",
				  (unsigned long)getpid() * 2654435761UL %
				  0xFFFFFFFFUL);
	char etag[128];
	struct http_resp *r;

	case_etag(sb, token, id, etag);
	r = api_post(sb, sb_fmt(sb, "/v1/cases/%lld/notes", (long long)id),
		     token, sb_fmt(sb, "{\"body\":\"%s\"}", text), etag,
		     sb_fmt(sb, "secrets-%d", (int)getpid()));
	expect_status(r, 201);
	return text;
}

static void open_case(struct tmux *t, struct sb *sb, const char *number)
{
	e2e_open_queue(t, "Bygglov");
	tmux_text(t, sb_fmt(sb, ":search %s", number));
	tmux_keys(t, "Enter");
	tmux_expect(t, sb_fmt(sb, "^› */?%s", e2e_rx(sb, number)), E2E_WAIT);
	tmux_keys(t, "Enter");
	tmux_expect(t, sb_fmt(sb, "Case: %s", e2e_rx(sb, number)), E2E_WAIT);
}

/* Poll until none of the needles is in pid's memory; the last report. */
static int scan_until_clean(struct sb *sb, pid_t pid,
			    const char *const needles[], double timeout_s,
			    const char **where)
{
	double end = now_s() + timeout_s;
	int n;

	while ((n = scan_memory(sb, pid, needles, where)) > 0 &&
	       now_s() < end)
		sleep_s(0.2);
	return n;
}

/* Stop pid where it exits (PTRACE_EVENT_EXIT: its memory still there),
 * after keys are typed; false when it did not end within 10 s. */
static bool stop_at_exit(struct tmux *t, pid_t pid, const char *keys)
{
	double end = now_s() + 10;
	int st;

	if (ptrace(PTRACE_SEIZE, pid, 0, (void *)PTRACE_O_TRACEEXIT) != 0)
		fail_msg("ptrace: %s", strerror(errno));
	tmux_keys(t, keys);
	while (now_s() < end) {
		pid_t w = waitpid(pid, &st, __WALL | WNOHANG);

		if (w == 0) {
			sleep_s(0.02);
			continue;
		}
		if (w < 0 || WIFEXITED(st) || WIFSIGNALED(st))
			return false;
		if (st >> 8 == (SIGTRAP | (PTRACE_EVENT_EXIT << 8)))
			return true;
		/* a signal on its way: let it through */
		ptrace(PTRACE_CONT, pid, 0, (void *)(long)WSTOPSIG(st));
	}
	return false;
}

/* Poll (up to timeout_s) until pid runs the program comm and sleeps
 * ('S') in a kernel function whose name holds wchan: it has started and
 * waits where it should. */
static bool asleep_in(struct sb *sb, pid_t pid, const char *comm,
		      const char *wchan, double timeout_s)
{
	double end = now_s() + timeout_s;

	for (;;) {
		char *name = cli_slurp(sb_fmt(sb, "/proc/%d/comm", (int)pid));
		char *stat = cli_slurp(sb_fmt(sb, "/proc/%d/stat", (int)pid));
		char *where = cli_slurp(sb_fmt(sb, "/proc/%d/wchan",
					       (int)pid));
		/* the state follows the name in parentheses, which may hold
		 * anything: after the last ')' */
		const char *paren = stat ? strrchr(stat, ')') : NULL;
		bool ok = name && paren && where &&
			  strncmp(name, comm, strlen(comm)) == 0 &&
			  name[strlen(comm)] == '\n' && paren[1] == ' ' &&
			  paren[2] == 'S' && strstr(where, wchan);

		free(name);
		free(stat);
		free(where);
		if (ok)
			return true;
		if (now_s() > end)
			return false;
		sleep_s(0.05);
	}
}

/*
 * With a case open at its journal tab, the login and the note's text
 * are in akt's memory (the scan can see them). Locked: neither token
 * nor the note is anywhere in it. Unlocked with the password: the case
 * is back, at its tab, loaded anew. Quit: at the moment of exit neither
 * the new login nor the note is left.
 */
static void lock_and_exit_leave_no_secret(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna"), *number, *where;
	int64_t id = rich_case(sb, token, &number);
	const char *note = unique_note(sb, token, id);
	const char *home = cli_home_login(sb, "anna");
	struct secrets s = stored_tokens(sb, home), s2;
	struct tmux *t;
	pid_t pid;
	int n;

	if (getuid() != 0)
		skip();      /* another's memory: root only (CI runs as root) */
	t = tmux_start(sb, home, 100, 30, NULL, NULL);
	tmux_expect(t, "Bygglov", E2E_WAIT);
	pid = tmux_akt_pid(t);
	assert_true(pid > 0);
#ifdef UNDER_ASAN
	/* ASan keeps freed memory as it was, in quarantine, to catch uses
	 * after free: the wiping cannot be seen under it */
	tmux_stop(t);
	skip();
#endif
	if (!plain_akt(sb, pid)) {
		/* valgrind's malloc does not overwrite what is freed */
		tmux_stop(t);
		skip();
	}
	open_case(t, sb, number);
	tmux_text(t, ":tab journal");
	tmux_keys(t, "Enter");
	tmux_expect(t, e2e_rx(sb, note), E2E_WAIT);

	/* the scan sees what akt holds */
	n = scan_memory(sb, pid, (const char *[]){ s.access, s.refresh, note,
						  NULL }, &where);
	if (n != 3)
		fail_msg("before the lock only %d of 3 found:\n%s", n, where);

	tmux_keys(t, "L");
	tmux_expect(t, "akt is locked", 5);
	n = scan_until_clean(sb, pid, (const char *[]){ s.access, s.refresh,
							note, NULL }, 5,
			     &where);
	if (n)
		fail_msg("locked, akt's memory still holds (0 access token, "
			 "1 refresh token, 2 the note):\n%s", where);

	/* the password opens the case again, from the platform */
	tmux_text(t, "demo");
	tmux_keys(t, "Enter");
	tmux_expect(t, e2e_rx(sb, note), E2E_WAIT);
	assert_non_null(tmux_wait(t, sb_fmt(sb, "Case: %s",
					    e2e_rx(sb, number)), 1));
	/* a new login, the old one revoked */
	s2 = stored_tokens(sb, home);
	assert_string_not_equal(s2.access, s.access);
	expect_status(api_get(sb, "/v1/me", s.access), 401);
	/* and it works: the next tab loads */
	tmux_keys(t, "l");
	tmux_expect(t, "Messages", E2E_WAIT);

	if (!stop_at_exit(t, pid, "Q"))
		fail_msg("akt did not come to its exit after Q");
	n = scan_memory(sb, pid, (const char *[]){ s2.access, s2.refresh,
						  note, NULL }, &where);
	ptrace(PTRACE_DETACH, pid, 0, 0);
	if (n)
		fail_msg("at exit, akt's memory still holds (0 access token, "
			 "1 refresh token, 2 the note):\n%s", where);
	assert_int_equal(tmux_wait_exit(t, 10), 0);
	tmux_stop(t);
}

/*
 * The process cannot be dumped or read by another process of the same
 * user, checked on the real akt: run as an unprivileged user, akt's
 * /proc/PID/environ cannot be read by another process of that user
 * (the kernel refuses it for non-dumpable processes only), while that
 * of a plain program of the user can.
 */
static void not_dumpable(void **state)
{
	struct sb *sb = *state;
	char tmpl[] = "/tmp/akt-nobody-XXXXXX";
	const char *dir;
	const char *exe = sb_fmt(sb, "%s/akt", getenv("AKT_BUILD") ?
				 getenv("AKT_BUILD") : "build");
	const char *copy;
	pid_t akt, plain;
	int in[2], st;

	if (getuid() != 0)
		skip();      /* needs to become another user */
	/* below /tmp, which every user may pass through */
	dir = mkdtemp(tmpl);
	assert_non_null(dir);
	dir = sb_fmt(sb, "%s", dir);
	sb_remove_at_stop(sb, dir);
	/* a copy the unprivileged user can run, in a home of theirs */
	copy = sb_fmt(sb, "%s/akt", dir);
	{
		int from = open(exe, O_RDONLY), to = open(copy, O_WRONLY |
							  O_CREAT, 0755);
		char buf[65536];
		ssize_t n;

		assert_true(from >= 0 && to >= 0);
		while ((n = read(from, buf, sizeof(buf))) > 0)
			assert_int_equal(write(to, buf, (size_t)n), n);
		assert_int_equal(n, 0);
		close(from);
		assert_int_equal(close(to), 0);
	}
	assert_int_equal(chmod(copy, 0755), 0);
	assert_int_equal(chown(dir, 65534, 65534), 0);
	assert_int_equal(chmod(dir, 0700), 0);
	assert_int_equal(pipe(in), 0);

	/* akt waits for a password on its standard input */
	akt = fork();
	if (akt == 0) {
		char *env[] = { strdup(sb_fmt(sb, "HOME=%s", dir)),
			strdup(sb_fmt(sb, "AKT_SERVER=%s", sb_base(sb))),
			strdup("PATH=/usr/bin:/bin"),
			/* LeakSanitizer stops the world with ptrace, which a
			 * non-dumpable process of an ordinary user refuses:
			 * it would wait long, then fail; leaks are checked by
			 * every other test */
			strdup("ASAN_OPTIONS=detect_leaks=0:"
			       "verify_asan_link_order=0"), NULL };

		dup2(in[0], 0);
		close(in[1]);
		if (freopen("/dev/null", "w", stdout) == NULL)
			_exit(125);
		if (setgid(65534) != 0 || setuid(65534) != 0 || chdir(dir) != 0)
			_exit(126);
		execve(copy, (char *[]){ "akt", "login", "--user", "anna",
			"--password-stdin", NULL }, env);
		_exit(127);
	}
	close(in[0]);
	plain = fork();
	if (plain == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(126);
		execl("/bin/sleep", "sleep", "30", (char *)NULL);
		_exit(127);
	}
	/* past its start-up (the hardening is among the first things
	 * main does): akt itself, asleep reading the password */
	if (!asleep_in(sb, akt, "akt", "pipe_read", 20))
		fail_msg("akt never waited for the password on its input");
	if (!asleep_in(sb, plain, "sleep", "nanosleep", 20))
		fail_msg("sleep never started");
	/* the same user reads the environment of each */
	for (int k = 0; k < 2; k++) {
		pid_t target = k == 0 ? akt : plain, probe = fork();

		if (probe == 0) {
			int fd;

			if (setgid(65534) != 0 || setuid(65534) != 0)
				_exit(126);
			fd = open(sb_fmt(sb, "/proc/%d/environ", (int)target),
				  O_RDONLY);
			_exit(fd >= 0 ? 0 : errno == EACCES ? 13 : 125);
		}
		assert_int_equal(waitpid(probe, &st, 0), probe);
		assert_true(WIFEXITED(st));
		if (k == 0 && WEXITSTATUS(st) != 13)
			fail_msg("akt's environment could be read by another "
				 "process of its user (%d): it is dumpable",
				 WEXITSTATUS(st));
		if (k == 1)
			assert_int_equal(WEXITSTATUS(st), 0);
	}
	/* still waiting for the password, so it was the running akt */
	assert_int_equal(waitpid(akt, &st, WNOHANG), 0);
	kill(plain, SIGKILL);
	waitpid(plain, &st, 0);
	assert_int_equal(write(in[1], "demo\n", 5), 5);
	close(in[1]);
	assert_int_equal(waitpid(akt, &st, 0), akt);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

/* A program that writes its arguments and environment to FILE. */
static const char *spy(struct sb *sb, const char *home, const char *name)
{
	const char *path = sb_fmt(sb, "%s/%s", home, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	/* "END" closes each run's record: a run is counted once written */
	fprintf(f, "#!/bin/sh\n{ for a in \"$0\" \"$@\"; do printf 'ARG %%s\\n' "
		"\"$a\"; done; env; echo END; } >> \"%s.seen\"\n", path);
	fclose(f);
	assert_int_equal(chmod(path, 0700), 0);
	return path;
}

/* How many runs of the spy are recorded in full. */
static int spy_runs(struct sb *sb, const char *path)
{
	char *seen = cli_slurp(sb_fmt(sb, "%s.seen", path));
	int n = 0;

	for (const char *p = seen; p && (p = strstr(p, "\nEND\n")); p += 5)
		n++;
	free(seen);
	return n;
}

/* Poll until the spy has run n times, up to 20 s. */
static void wait_spy(struct sb *sb, const char *path, int n)
{
	double end = now_s() + 20;

	while (spy_runs(sb, path) < n)
		if (now_s() > end)
			fail_msg("%s ran %d times, not %d", path,
				 spy_runs(sb, path), n);
		else
			sleep_s(0.1);
}

/* What a spy saw: something, without either token or an AKT_ or other
 * credential variable. */
static void spy_saw_nothing(struct sb *sb, const char *path,
			    const struct secrets *s)
{
	char *seen = cli_slurp(sb_fmt(sb, "%s.seen", path));

	if (!seen)
		fail_msg("%s never ran", path);
	sb_keep(sb, seen);
	assert_non_null(strstr(seen, "ARG "));
	assert_non_null(strstr(seen, "HOME="));
	if (strstr(seen, s->access) || strstr(seen, s->refresh))
		fail_msg("%s was given a token:\n%s", path, seen);
	if (rx_match(seen, "(^|\n)(AKT_[A-Z_]*|[A-Z_]*(TOKEN|SECRET|PASSWORD)"
		     "[A-Z_]*)="))
		fail_msg("%s was given a private variable:\n%s", path, seen);
}

/*
 * The editor (opened at once on a new note, and again with ^O) and the
 * document viewer see neither token nor a variable of akt's or one that
 * names a credential — the officer's own MY_TOKEN included; nor does
 * akt's own command line or environment hold a token.
 */
static void children_get_no_secret(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna"), *number;
	int64_t id = rich_case(sb, token, &number);
	const char *home = cli_home_login(sb, "anna");
	const char *editor = spy(sb, home, "editor");
	const char *viewer = spy(sb, home, "viewer");
	struct secrets s = stored_tokens(sb, home);
	struct tmux *t;
	char *proc;
	pid_t pid;
	FILE *f;

	(void)id;
	mkdir(sb_fmt(sb, "%s/config", home), 0700);
	mkdir(sb_fmt(sb, "%s/config/akt", home), 0700);
	f = fopen(sb_fmt(sb, "%s/config/akt/config", home), "w");
	assert_non_null(f);
	fprintf(f, "set editor = \"%s\"\nset open_command = %s\n", editor,
		viewer);
	fclose(f);
	t = tmux_start(sb, home, 100, 30, (const char *[]){
		"MY_TOKEN=officers-own-secret", "AKT_PASSWORD=demo",
		"DB_PASSWORD=x", NULL }, NULL);
	tmux_expect(t, "Bygglov", E2E_WAIT);
	open_case(t, sb, number);
	/* the last row of the overview is a document: open it */
	tmux_keys(t, "G o");
	wait_spy(sb, viewer, 1);
	/* a note: the editor opens at once, then again with ^O */
	tmux_keys(t, "w");
	wait_spy(sb, editor, 1);
	tmux_keys(t, "C-o");
	wait_spy(sb, editor, 2);

	pid = tmux_akt_pid(t);
	assert_true(pid > 0);
	if (getuid() == 0 && plain_akt(sb, pid)) {
		size_t len;

		proc = cli_slurp(sb_fmt(sb, "/proc/%d/cmdline", (int)pid));
		assert_non_null(proc);
		len = strlen(proc);      /* argv[0] at least; no argument */
		assert_null(memmem(proc, len, s.access, strlen(s.access)));
		free(proc);
		proc = cli_slurp(sb_fmt(sb, "/proc/%d/environ", (int)pid));
		assert_non_null(proc);
		assert_null(strstr(proc, s.access));
		free(proc);
	}
	tmux_stop(t);
	spy_saw_nothing(sb, viewer, &s);
	spy_saw_nothing(sb, editor, &s);
	/* ^O ran it a second time */
	{
		char *seen = cli_slurp(sb_fmt(sb, "%s.seen", editor));
		const char *run = sb_fmt(sb, "ARG %s\n", editor), *p = seen;
		int runs = 0;

		while ((p = strstr(p, run))) {
			runs++;
			p += strlen(run);
		}
		free(seen);
		assert_int_equal(runs, 2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(lock_and_exit_leave_no_secret,
					  e2e_stop_tmux),
		cmocka_unit_test_teardown(children_get_no_secret, e2e_stop_tmux),
		cmocka_unit_test(not_dumpable),
	};

	return cmocka_run_group_tests(tests, e2e_group_start, group_stop);
}

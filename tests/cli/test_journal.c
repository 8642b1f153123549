/*
 * test_journal.c — the journal and message commands against a sandbox:
 * akt notes, note, receipts, messages, reply and file-message. Every
 * write is checked on the platform: done exactly once, or not at all.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S ((struct sb *)*state)

static int setup(void **state) { return group_start(state, NULL); }
static int teardown(void **state) { return group_stop(state); }

/* A fresh building-permit case in anna's unit, with no notes and no
 * messages. */
static int64_t new_case(struct sb *sb, char number[64])
{
	return citizen_case(sb, "bygglov", "Åsa Öberg", number);
}

/* Every note of the case, oldest first (fresh cases have few). */
static json_t *notes_of(struct sb *sb, int64_t id)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/notes"
						 "?limit=200", (long long)id),
				      login(sb, "anna"));
	expect_status(r, 200);
	return jget(r->json, "items");
}

/* The notes of the case with exactly this body. */
static size_t notes_with(struct sb *sb, int64_t id, const char *body,
			 json_t **last)
{
	json_t *items = notes_of(sb, id);
	size_t n = 0;

	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *note = json_array_get(items, i);
		const char *b = jstr(note, "body");

		if (b && strcmp(b, body) == 0) {
			n++;
			if (last)
				*last = note;
		}
	}
	return n;
}

/* A message from the citizen; returns its thread (a new one when
 * thread is 0). */
static int64_t citizen_says(struct sb *sb, const char *number,
			    int64_t thread, const char *subject,
			    const char *body)
{
	json_t *o = json_pack("{s:s, s:s}", "case", number, "body", body);

	if (thread)
		json_object_set_new(o, "thread", json_integer(thread));
	if (subject)
		json_object_set_new(o, "subject", json_string(subject));
	struct http_resp *r = sb_post_json(sb, "/v1/sandbox/citizen/messages",
					   sb_keep(sb, json_dumps(o, 0)));
	json_decref(o);
	expect_status(r, 201);
	if (thread)
		return thread;
	/* the newest thread is listed first */
	r = api_get(sb, sb_fmt(sb, "/v1/cases/%s/threads", number),
		    login(sb, "anna"));
	expect_status(r, 200);
	int64_t t = jint(r->json, "items[0].id");
	expect_true(t > 0, r);
	return t;
}

static json_t *thread_of(struct sb *sb, const char *number, int64_t thread)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%s/threads/"
						 "%lld", number,
						 (long long)thread),
				      login(sb, "anna"));
	expect_status(r, 200);
	return r->json;
}

/* "BYGG-…: note N added (…)" → N */
static int64_t added_id(const char *out)
{
	const char *p = strstr(out, ": note ");
	long long id = 0;

	assert_non_null(p);
	assert_int_equal(sscanf(p, ": note %lld added", &id), 1);
	return id;
}

/* The number after the first "prefix" in s; -1 when it is not there. */
static long long number_after(const char *s, const char *prefix)
{
	const char *p = strstr(s, prefix);
	char *end;
	long long v;

	if (!p)
		return -1;
	v = strtoll(p + strlen(prefix), &end, 10);
	return end == p + strlen(prefix) ? -1 : v;
}

/* ---- note ----------------------------------------------------------- */

/* From standard input: one internal note with that text, the final
 * line break dropped. */
static void note_from_stdin(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *argv[] = {"note", number, NULL};
	struct cli_run *r = cli_run(S, home, "Ritningar inkomna.\nRad två.\n",
				    argv);
	json_t *note = NULL;

	assert_int_equal(r->status, 0);
	assert_string_equal(r->err, "");
	int64_t nid = added_id(r->out);
	assert_string_equal(r->out, sb_fmt(S, "%s: note %lld added (internal)"
					   "\n", number, (long long)nid));
	assert_int_equal(json_array_size(notes_of(S, id)), 1);
	assert_int_equal(notes_with(S, id, "Ritningar inkomna.\nRad två.",
				    &note), 1);
	assert_int_equal(jint(note, "id"), nid);
	assert_true(json_is_false(jget(note, "published")));
	assert_string_equal(jstr(note, "author.username"), "anna");
}

/* From --file, published: the citizen can see it. */
static void note_from_file_published(void **state)
{
	char number[64], path[600];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	json_t *note = NULL;

	snprintf(path, sizeof path, "%s/note.txt", home);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("Beslut fattat enligt delegation.\n", f);
	fclose(f);
	const char *argv[] = {"note", number, "--publish", "--file", path, NULL};
	struct cli_run *r = cli_run(S, home, NULL, argv);

	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "added (published)"));
	assert_int_equal(json_array_size(notes_of(S, id)), 1);
	assert_int_equal(notes_with(S, id, "Beslut fattat enligt delegation.",
				    &note), 1);
	assert_true(json_is_true(jget(note, "published")));
}

/* --json on the writes: the platform's answer, exactly — the note as
 * made (note, file-message) and the message sent (reply). */
static void writes_print_json(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *tok = login(S, "anna");

	const char *n[] = {"note", number, "--json", NULL};
	struct cli_run *r = cli_run(S, home, "Som JSON.\n", n);
	assert_int_equal(r->status, 0);
	assert_non_null(r->json);
	struct http_resp *got = api_get(S, sb_fmt(S, "/v1/cases/%lld/notes/%lld",
						  (long long)id,
						  (long long)jint(r->json, "id")),
					tok);
	assert_true(json_equal(r->json, got->json));

	int64_t t = citizen_says(S, number, 0, "Fråga", "Hur går det?");
	const char *ts = sb_fmt(S, "%lld", (long long)t);
	const char *rp[] = {"reply", number, ts, "--json", NULL};
	r = cli_run(S, home, "Bra, tack.\n", rp);
	assert_int_equal(r->status, 0);
	assert_non_null(r->json);
	assert_string_equal(jstr(r->json, "body"), "Bra, tack.");
	json_t *th = thread_of(S, number, t);
	assert_int_equal(jint(th, "messages[1].id"), jint(r->json, "id"));

	const char *mid = sb_fmt(S, "%lld", (long long)jint(th, "messages[0].id"));
	const char *fm[] = {"file-message", number, mid, "--json", NULL};
	r = cli_run(S, home, NULL, fm);
	assert_int_equal(r->status, 0);
	assert_non_null(r->json);
	assert_int_equal(jint(r->json, "source_message_id"),
			 jint(th, "messages[0].id"));
}

/* Nothing but white space, from standard input or a file: refused
 * before anything is sent, so the case is as it was. */
static void note_empty_refused(void **state)
{
	char number[64], path[600], before[128], after[128];
	int64_t id = new_case(S, number);
	const char *anna = login(S, "anna");
	const char *home = cli_home_login(S, "anna");
	int64_t v = case_etag(S, anna, id, before);

	const char *argv[] = {"note", number, NULL};
	struct cli_run *r = cli_run(S, home, " \n\t\n\n", argv);
	assert_int_equal(r->status, 1);
	assert_non_null(strstr(r->err, "empty; nothing was sent"));
	assert_string_equal(r->out, "");

	snprintf(path, sizeof path, "%s/empty.txt", home);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	const char *argv2[] = {"note", number, "--file", path, NULL};
	r = cli_run(S, home, NULL, argv2);
	assert_int_equal(r->status, 1);

	assert_int_equal(case_etag(S, anna, id, after), v);
	assert_string_equal(before, after);
	assert_int_equal(json_array_size(notes_of(S, id)), 0);
}

/* The platform stores the note, then its answer is lost in a 503: akt
 * repeats the POST with the same Idempotency-Key, gets the stored
 * answer, and there is still exactly one note. */
static void note_retried_once(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *argv[] = {"note", number, NULL};

	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/notes\","
		 "\"status\":503,\"phase\":\"after\",\"times\":1}");
	struct cli_run *r = cli_run(S, home, "Svar lost on the way\n", argv);
	struct http_resp *f = api_get(S, "/v1/sandbox/faults", NULL);
	sb_faults_clear(S);

	assert_int_equal(jint(f->json, "items[0].fired"), 1);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "added (internal)"));
	assert_int_equal(notes_with(S, id, "Svar lost on the way", NULL), 1);
	assert_int_equal(json_array_size(notes_of(S, id)), 1);
}

/* akt has read the case; while the sandbox holds its POST, maria adds a
 * note. akt's If-Match is old now: its note is not added, and akt says
 * who changed the case (exit 3). */
static void note_conflict(void **state)
{
	char number[64], etag[128];
	int64_t id = new_case(S, number);
	const char *maria = login(S, "maria");
	const char *argv[] = {"note", number, NULL};
	const char *home = cli_home_login(S, "anna");
	const char *text = "Min anteckning\n";

	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/notes\","
		 "\"latency_ms\":1500,\"times\":1}");
	struct cli_bg *b = cli_run_bg(S, home, text, argv);
	sb_fault_wait_fired(S);
	case_etag(S, maria, id, etag);
	struct http_resp *w = api_post(S, sb_fmt(S, "/v1/cases/%lld/notes",
						 (long long)id), maria,
				       "{\"body\":\"Marias anteckning\"}",
				       etag,
				       NULL);
	struct cli_run *res = cli_bg_join(b);
	sb_faults_clear(S);
	expect_status(w, 201);

	assert_int_equal(res->status, 3);
	assert_non_null(strstr(res->err, "changed by maria"));
	assert_string_equal(res->out, "");
	assert_int_equal(notes_with(S, id, "Min anteckning", NULL), 0);
	assert_int_equal(json_array_size(notes_of(S, id)), 1);
}

/* ---- notes and receipts ------------------------------------------- */

/* A published note the applicant reads: notes says so, receipts names
 * the reader. Before the read: "not read yet", no receipts. */
static void notes_and_receipts(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *add[] = {"note", number, "--publish", NULL};
	struct cli_run *r = cli_run(S, home, "Till sökanden.\nRad två.\n", add);
	assert_int_equal(r->status, 0);
	int64_t nid = added_id(r->out);
	const char *nids = sb_fmt(S, "%lld", (long long)nid);
	const char *internal[] = {"note", number, NULL};
	assert_int_equal(cli_run(S, home, "Bara för oss.", internal)->status, 0);

	const char *notes[] = {"notes", number, NULL};
	const char *receipts[] = {"receipts", number, nids, NULL};
	r = cli_run(S, home, NULL, notes);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "published, not read yet"));
	assert_non_null(strstr(r->out, "  internal\n    Bara för oss.\n"));
	/* multi-line text kept, every line indented */
	assert_non_null(strstr(r->out, "    Till sökanden.\n    Rad två.\n"));
	r = cli_run(S, home, NULL, receipts);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "Nobody has read"));

	struct http_resp *rd = sb_post_json(S, "/v1/sandbox/citizen/reads",
		sb_fmt(S, "{\"case\":\"%s\",\"note\":%lld}", number,
		       (long long)nid));
	expect_status(rd, 200);

	r = cli_run(S, home, NULL, notes);
	assert_int_equal(r->status, 0);
	/* TZ=UTC: the read time as the platform has it, to the minute */
	const char *at = jstr(rd->json, "read_at");
	assert_non_null(at);
	assert_non_null(strstr(r->out, sb_fmt(S, "published, read by the "
					       "applicant on %.10s %.5s",
					       at, at + 11)));
	r = cli_run(S, home, NULL, receipts);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "Åsa Öberg"));
	assert_non_null(strstr(r->out, "applicant"));
	assert_non_null(strstr(r->out, sb_fmt(S, "%.10s %.5s", at, at + 11)));

	const char *json[] = {"receipts", number, nids, "--json", NULL};
	r = cli_run(S, home, NULL, json);
	assert_int_equal(r->status, 0);
	assert_non_null(r->json);
	assert_string_equal(jstr(r->json, "items[0].party.name"), "Åsa Öberg");
	(void)id;
}

/* Every page: more notes than one page holds, each shown once. */
static void notes_all_pages(void **state)
{
	char number[64], etag[128];
	int64_t id = new_case(S, number);
	const char *anna = login(S, "anna");
	const char *home = cli_home_login(S, "anna");
	const int n = 205;

	case_etag(S, anna, id, etag);
	for (int i = 0; i < n; i++) {
		struct http_resp *w = api_post(S, sb_fmt(S, "/v1/cases/%lld/"
							 "notes", (long long)id),
					       anna, sb_fmt(S, "{\"body\":"
							    "\"nr %d\"}", i),
					       etag, NULL);
		expect_status(w, 201);
		snprintf(etag, sizeof etag, "%s", w->etag);
		http_free(w);
	}
	const char *json[] = {"notes", number, "--json", NULL};
	struct cli_run *r = cli_run(S, home, NULL, json);
	assert_int_equal(r->status, 0);
	assert_non_null(r->json);
	assert_int_equal(json_array_size(r->json), n);
	assert_string_equal(jstr(json_array_get(r->json, n - 1), "body"),
			    sb_fmt(S, "nr %d", n - 1));

	const char *text[] = {"notes", number, NULL};
	r = cli_run(S, home, NULL, text);
	assert_int_equal(r->status, 0);
	size_t blocks = 0;
	for (const char *p = r->out; (p = strstr(p, "Note ")); p++)
		blocks++;
	assert_int_equal(blocks, n);
	assert_non_null(strstr(r->out, "\n    nr 204\n"));
}

/* What is not there: exit 2 with what is missing named. */
static void not_found(void **state)
{
	char number[64];
	new_case(S, number);
	const char *home = cli_home_login(S, "anna");

	const char *receipts[] = {"receipts", number, "99999999", NULL};
	struct cli_run *r = cli_run(S, home, NULL, receipts);
	assert_int_equal(r->status, 2);
	assert_string_equal(r->err, sb_fmt(S, "akt: no note 99999999 in %s\n",
					   number));

	const char *thread[] = {"messages", number, "99999999", NULL};
	r = cli_run(S, home, NULL, thread);
	assert_int_equal(r->status, 2);
	assert_string_equal(r->err, sb_fmt(S, "akt: no thread 99999999 in "
					   "%s\n", number));

	const char *reply[] = {"reply", number, "99999999", NULL};
	r = cli_run(S, home, "Hej", reply);
	assert_int_equal(r->status, 2);
	assert_string_equal(r->err, sb_fmt(S, "akt: no thread 99999999 in "
					   "%s\n", number));

	const char *file[] = {"file-message", number, "99999999", NULL};
	r = cli_run(S, home, NULL, file);
	assert_int_equal(r->status, 2);
	assert_string_equal(r->err, sb_fmt(S, "akt: no message 99999999 in "
					   "%s\n", number));

	const char *notes[] = {"notes", "BYGG-1999-999999", NULL};
	r = cli_run(S, home, NULL, notes);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "no case BYGG-1999-999999"));

	const char *bad[] = {"receipts", number, "nine", NULL};
	r = cli_run(S, home, NULL, bad);
	assert_int_equal(r->status, 1);
	assert_non_null(strstr(r->err, "NOTE must be a number"));
}

/* ---- messages, reply, file-message -------------------------------- */

/* A citizen's message shows in the list (unread) and in the thread. */
static void messages_list_and_thread(void **state)
{
	char number[64];
	new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	int64_t t = citizen_says(S, number, 0, "Fråga om garaget",
				 "Hur nära tomtgränsen\nfår garaget stå?");
	const char *ts = sb_fmt(S, "%lld", (long long)t);

	const char *list[] = {"messages", number, NULL};
	struct cli_run *r = cli_run(S, home, NULL, list);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "UNREAD"));
	assert_non_null(strstr(r->out, "Fråga om garaget"));
	/* the thread's row: its id, the subject, 1 message, 1 unread */
	assert_true(rx_match(r->out, sb_fmt(S, "\n +%s  Fråga om garaget +1 +1 ",
					    ts)));

	const char *view[] = {"messages", number, ts, NULL};
	r = cli_run(S, home, NULL, view);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "Fråga om garaget"));
	assert_non_null(strstr(r->out, "citizen Åsa Öberg\n  unread\n"
				       "    Hur nära tomtgränsen\n"
				       "    får garaget stå?\n"));

	const char *json[] = {"messages", number, ts, "--json", NULL};
	r = cli_run(S, home, NULL, json);
	assert_int_equal(r->status, 0);
	assert_non_null(r->json);
	assert_int_equal(jlen(r->json, "messages"), 1);
	assert_string_equal(jstr(r->json, "messages[0].author.kind"), "citizen");

	/* no messages at all */
	char other[64];
	new_case(S, other);
	const char *none[] = {"messages", other, NULL};
	r = cli_run(S, home, NULL, none);
	assert_int_equal(r->status, 0);
	assert_string_equal(r->out, sb_fmt(S, "No messages in %s.\n", other));
}

/* A reply is in the thread exactly once, as anna's. */
static void reply_once(void **state)
{
	char number[64];
	new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	int64_t t = citizen_says(S, number, 0, NULL, "Hej!");
	const char *ts = sb_fmt(S, "%lld", (long long)t);
	const char *argv[] = {"reply", number, ts, NULL};

	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/threads/*/"
		 "messages\",\"status\":503,\"phase\":\"after\",\"times\":1}");
	struct cli_run *r = cli_run(S, home, "Garaget får stå 4,5 m från "
				    "gränsen.\n", argv);
	sb_faults_clear(S);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, sb_fmt(S, "sent in thread %s\n", ts)));

	json_t *th = thread_of(S, number, t);
	size_t mine = 0;
	for (size_t i = 0; i < jlen(th, "messages"); i++) {
		json_t *m = json_array_get(jget(th, "messages"), i);
		if (strcmp(jstr(m, "body"), "Garaget får stå 4,5 m från "
			   "gränsen.") == 0) {
			mine++;
			assert_string_equal(jstr(m, "author.kind"), "officer");
			assert_string_equal(jstr(m, "author.officer.username"),
					    "anna");
		}
	}
	assert_int_equal(mine, 1);
	assert_int_equal(jlen(th, "messages"), 2);

	const char *view[] = {"messages", number, ts, NULL};
	r = cli_run(S, home, NULL, view);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "officer Anna Lindqvist (anna)\n"
				       "  not read by the citizen yet\n"));
}

/* Filing twice: one note, the same id both times; the second run says
 * it was filed already. */
static void file_message_twice(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	int64_t t = citizen_says(S, number, 0, "Komplettering",
				 "Här kommer ritningen.");
	json_t *th = thread_of(S, number, t);
	int64_t mid = jint(th, "messages[0].id");
	const char *ms = sb_fmt(S, "%lld", (long long)mid);
	const char *argv[] = {"file-message", number, ms, "--comment",
			      "Besvaras i beslutet.", NULL};
	struct cli_run *r = cli_run(S, home, NULL, argv);
	assert_int_equal(r->status, 0);
	long long n1 = number_after(r->out, sb_fmt(S, "%s: message %s filed "
						   "as note ", number, ms));
	assert_true(n1 > 0);
	r = cli_run(S, home, NULL, argv);
	assert_int_equal(r->status, 0);
	long long n2 = number_after(r->out, sb_fmt(S, "%s: message %s was "
						   "already filed as note ",
						   number, ms));
	assert_int_equal(n1, n2);

	json_t *items = notes_of(S, id);
	assert_int_equal(json_array_size(items), 1);
	assert_int_equal(jint(items, "[0].id"), n1);
	assert_int_equal(jint(items, "[0].source_message_id"), mid);
	assert_non_null(strstr(jstr(items, "[0].body"), "Besvaras i beslutet."));

	const char *view[] = {"messages", number, sb_fmt(S, "%lld",
							 (long long)t), NULL};
	r = cli_run(S, home, NULL, view);
	assert_non_null(strstr(r->out, sb_fmt(S, "filed as note %lld", n1)));
	const char *notes[] = {"notes", number, NULL};
	r = cli_run(S, home, NULL, notes);
	assert_non_null(strstr(r->out, sb_fmt(S, "filed from message %s", ms)));
}

/* Control and direction characters from the platform never reach the
 * terminal: not in the list, the thread, or the note filed from it. */
static void platform_text_sanitized(void **state)
{
	char number[64];
	new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	int64_t t = citizen_says(S, number, 0,
				 "Ämne \x1b]0;pwned\x07 \xe2\x80\xae" "fel",
				 "Rensa \x1b[2J skärmen \xe2\x80\xae" "baklänges");
	const char *ts = sb_fmt(S, "%lld", (long long)t);
	int64_t mid = jint(thread_of(S, number, t), "messages[0].id");
	const char *file[] = {"file-message", number,
			      sb_fmt(S, "%lld", (long long)mid), NULL};
	assert_int_equal(cli_run(S, home, NULL, file)->status, 0);

	const char *const runs[][5] = {
		{"messages", number, NULL},
		{"messages", number, ts, NULL},
		{"notes", number, NULL},
	};
	for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
		struct cli_run *r = cli_run(S, home, NULL, runs[i]);
		assert_int_equal(r->status, 0);
		assert_null(strchr(r->out, '\x1b'));
		assert_null(strchr(r->out, '\x07'));
		assert_null(strstr(r->out, "\xe2\x80\xae"));
		/* shown, not dropped: ESC as its control picture */
		assert_non_null(strstr(r->out, "\xe2\x90\x9b"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(note_from_stdin),
		cmocka_unit_test(note_from_file_published),
		cmocka_unit_test(writes_print_json),
		cmocka_unit_test(note_empty_refused),
		cmocka_unit_test(note_retried_once),
		cmocka_unit_test(note_conflict),
		cmocka_unit_test(notes_and_receipts),
		cmocka_unit_test(notes_all_pages),
		cmocka_unit_test(not_found),
		cmocka_unit_test(messages_list_and_thread),
		cmocka_unit_test(reply_once),
		cmocka_unit_test(file_message_twice),
		cmocka_unit_test(platform_text_sanitized),
	};
	return cmocka_run_group_tests_name("cli journal", tests, setup,
					   teardown);
}

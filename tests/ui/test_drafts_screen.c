/*
 * test_drafts_screen.c — the screens around writing, headless: the
 * drafts screen (a draft, a conflict with what changed, a refusal with
 * the platform's reason, one left by a session that ended, one for a
 * case that is not there, a corrupt file moved aside, discarding; a case
 * the platform fails to check is not asked again at every draw), the
 * Journal with a note waiting in the outbox, and the thread screen with
 * a reply waiting. The records are written as files before akt starts,
 * as the draft store keeps them; the platform turns the writes away as
 * if the login were gone (401), so what waits keeps waiting.
 */
#include "screen.h"

#include <cmocka.h>
#include <jansson.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int setup(void **state)
{
	return screen_group_start(state, "--cases 200");
}

struct rec {
	const char *id, *kind, *state;
	int64_t case_id, thread_id;
	const char *number, *updated, *text;
	const char *reason, *changed_by, *changed_at, *current_status;
	long open_pid;
	const char *req_path, *req_body;     /* outbox items */
};

static const char *data_dir(struct sb *sb, const char *home,
			    const char *box)
{
	const char *dirs[] = { "data", "data/akt", NULL };

	for (size_t i = 0; dirs[i]; i++)
		mkdir(sb_fmt(sb, "%s/%s", home, dirs[i]), 0700);
	mkdir(sb_fmt(sb, "%s/data/akt/%s", home, box), 0700);
	return sb_fmt(sb, "%s/data/akt/%s", home, box);
}

static void put_opt(json_t *o, const char *name, const char *v)
{
	json_object_set_new(o, name, v ? json_string(v) : json_null());
}

/* A record file as the draft store writes it. */
static void write_rec(struct sb *sb, const char *home, const char *box,
		      const struct rec *r)
{
	json_t *o = json_object();
	const char *file = sb_fmt(sb, "%s/%s.draft", data_dir(sb, home, box),
				  r->id);

	json_object_set_new(o, "format", json_integer(1));
	json_object_set_new(o, "id", json_string(r->id));
	json_object_set_new(o, "kind", json_string(r->kind));
	json_object_set_new(o, "state", json_string(r->state ? r->state :
						    "draft"));
	json_object_set_new(o, "key", json_string(sb_fmt(sb, "%032x",
						  (unsigned)strlen(r->id) +
						  (unsigned)r->open_pid +
						  (unsigned)r->case_id)));
	json_object_set_new(o, "created", json_string(r->updated));
	json_object_set_new(o, "updated", json_string(r->updated));
	if (r->req_path)
		json_object_set_new(o, "queued", json_string(r->updated));
	json_object_set_new(o, "server", json_string(sb_base(sb)));
	json_object_set_new(o, "case_id", json_integer(r->case_id));
	json_object_set_new(o, "case_number", json_string(r->number));
	json_object_set_new(o, "thread_id", json_integer(r->thread_id));
	json_object_set_new(o, "message_id", json_integer(0));
	put_opt(o, "etag", sb_fmt(sb, "\"%lld.1\"", (long long)r->case_id));
	json_object_set_new(o, "publish", json_false());
	json_object_set_new(o, "notify", json_false());
	json_object_set_new(o, "open_pid", json_integer(r->open_pid));
	put_opt(o, "reason", r->reason);
	put_opt(o, "changed_by", r->changed_by);
	put_opt(o, "changed_at", r->changed_at);
	put_opt(o, "current_status", r->current_status);
	if (r->req_path) {
		json_object_set_new(o, "req_method", json_string("POST"));
		json_object_set_new(o, "req_path", json_string(r->req_path));
		json_object_set_new(o, "req_body", json_string(r->req_body));
	}
	json_object_set_new(o, "text", json_string(r->text));
	assert_int_equal(json_dump_file(o, file, JSON_INDENT(1)), 0);
	chmod(file, 0600);
	json_decref(o);
}

/* The first n Bygglov cases anna sees. */
static json_t *cases(struct sb *sb, const char *token)
{
	struct http_resp *r = api_get(sb, "/v1/cases?e_service=bygglov&"
				      "limit=5&sort=number", token);

	expect_status(r, 200);
	return json_object_get(r->json, "items");
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* A file that is no record, written once akt shows the drafts (the
 * moment is the file akt writes then), so this screen is the one that
 * finds it. */
struct corrupt {
	const char *ready, *file;
	bool written;
};

static void *write_corrupt(void *arg)
{
	struct corrupt *c = arg;
	FILE *f;

	for (int i = 0; i < 2000 && !exists(c->ready); i++)
		usleep(10000);
	f = fopen(c->file, "w");
	if (!f)
		return NULL;
	fputs("{\"format\": 1, \"id\": ", f);
	fclose(f);
	c->written = true;
	return NULL;
}

static void drafts_screen(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	const char *home = cli_home_login(sb, "anna");
	json_t *cs = cases(sb, token);
	int64_t a = jint(json_array_get(cs, 0), "id");
	int64_t b = jint(json_array_get(cs, 1), "id");
	const char *na = sb_fmt(sb, "%s", jstr(json_array_get(cs, 0),
					       "number"));
	const char *nb = sb_fmt(sb, "%s", jstr(json_array_get(cs, 1),
					       "number"));
	const char *drafts = data_dir(sb, home, "drafts");
	struct corrupt bad = {
		.ready = sb_fmt(sb, "%s/drafts-ready", home),
		.file = sb_fmt(sb, "%s/20261116T090000Z-00000006.draft", drafts),
	};
	struct screen_run *r;
	pthread_t th;

	write_rec(sb, home, "drafts", &(struct rec){
		.id = "20261120T085500Z-00000001", .kind = "note",
		.case_id = a, .number = na, .updated = "2026-11-20T08:55:00Z",
		.text = "Ritningarna kompletterade,\nbeslut nästa vecka." });
	write_rec(sb, home, "drafts", &(struct rec){
		.id = "20261120T080000Z-00000002", .kind = "status",
		.state = "conflict", .case_id = a, .number = na,
		.updated = "2026-11-20T08:00:00Z", .text = "Klart för beslut.",
		.reason = "the case changed since the draft was written",
		.changed_by = "erik", .changed_at = "2026-11-20T07:58:00Z",
		.current_status = "Avslutat" });
	write_rec(sb, home, "drafts", &(struct rec){
		.id = "20261119T090000Z-00000003", .kind = "reply",
		.state = "refused", .case_id = b, .number = nb, .thread_id = 1,
		.updated = "2026-11-19T09:00:00Z", .text = "Hej! Vi återkommer.",
		.reason = "the thread is closed" });
	write_rec(sb, home, "drafts", &(struct rec){
		.id = "20261118T090000Z-00000004", .kind = "note",
		.case_id = b, .number = nb, .updated = "2026-11-18T09:00:00Z",
		.text = "Skrivet innan anslutningen bröts.", .open_pid = 999999 });
	write_rec(sb, home, "drafts", &(struct rec){
		.id = "20261117T090000Z-00000005", .kind = "note",
		.case_id = 987654, .number = "BYGG-2020-999999",
		.updated = "2026-11-17T09:00:00Z", .text = "Gammalt ärende." });
	assert_int_equal(pthread_create(&th, NULL, write_corrupt, &bad), 0);
	r = screen_run(sb, home, sb_fmt(sb,
		       ":drafts\n%%SHOT\n"
		       "# a file that is no record: moved aside, and said so\n"
		       ":save-display %s\n:sleep 300\n:reload\n%%SHOT\n"
		       "# the conflict: what the officer may do about it\n"
		       "j\n<Enter>\n%%SHOT\n<Esc>\n"
		       "# its whole story\n"
		       "<Enter>\n2\n%%SHOT\nq\n"
		       "# discard the first draft, after saying yes\n"
		       "g\nd\ny\n%%SHOT\n", bad.ready), NULL);
	pthread_join(th, NULL);
	assert_true(bad.written);
	assert_int_equal(r->run->status, 0);
	assert_int_equal(r->nshots, 5);
	if (getenv("AKT_SHOW_SCREENS"))
		for (size_t i = 0; i < r->nshots; i++)
			fputs(r->shots[i], stderr);

	/* every row with kind, case, age and state; the newest first */
	assert_true(screen_has(r->shots[0], "Kind"));
	assert_true(screen_has(r->shots[0], "State"));
	assert_true(screen_has(r->shots[0], sb_fmt(sb, "› note    %s", na)));
	assert_true(screen_has(r->shots[0], "5m draft"));
	assert_true(screen_has(r->shots[0], "Ritningarna"));
	assert_true(screen_has(r->shots[0], "conflict"));
	assert_true(screen_has(r->shots[0], "changed by erik at 2026-11-20 "
			       "07:58; the status is now Avslutat"));
	assert_true(screen_has(r->shots[0], "refused: the thread is closed"));
	assert_true(screen_has(r->shots[0], "from a session that ended"));
	assert_true(screen_has(r->shots[0], "the case is no longer "
			       "accessible"));
	screen_expect("drafts", r->shots[0]);

	/* the file that is no record: a message, and moved aside */
	assert_true(screen_has(r->shots[1], "the draft file "));
	assert_true(screen_has(r->shots[1], "20261116T090"));
	assert_false(exists(bad.file));
	assert_true(exists(sb_fmt(sb, "%s/data/akt/corrupt", home)));

	/* Enter on the conflict: the choices, with what changed */
	assert_true(screen_has(r->shots[2], "changed by erik"));
	assert_true(screen_has(r->shots[2], "send again with ^S against the "
			       "case as it is now"));
	assert_true(screen_has(r->shots[2], "Discard"));
	/* in full: the platform's words and the text */
	assert_true(screen_has(r->shots[3], "The platform said: the case "
			       "changed since the draft was written"));
	assert_true(screen_has(r->shots[3], "Klart för beslut."));

	/* discarded: gone from the screen and from the disk */
	assert_true(screen_has(r->shots[4], "Draft discarded."));
	assert_false(screen_has(r->shots[4], "Ritningarna"));
	assert_false(exists(sb_fmt(sb, "%s/20261120T085500Z-00000001.draft",
				   drafts)));
	assert_true(exists(sb_fmt(sb, "%s/20261120T080000Z-00000002.draft",
				  drafts)));
}

static void journal_shows_a_waiting_note(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	const char *home = cli_home_login(sb, "anna");
	json_t *c = json_array_get(cases(sb, token), 2);
	int64_t id = jint(c, "id");
	const char *number = sb_fmt(sb, "%s", jstr(c, "number"));
	struct screen_run *r;

	/* the platform cannot take notes now: the note keeps waiting */
	sb_fault(sb, "{\"method\": \"POST\", \"path\": \"/v1/cases/*/notes\","
		 " \"status\": 401}");
	write_rec(sb, home, "outbox", &(struct rec){
		.id = "20261120T085000Z-00000010", .kind = "note",
		.case_id = id, .number = number,
		.updated = "2026-11-20T08:50:00Z",
		.text = "Platsbesök bokat till tisdag.",
		.req_path = sb_fmt(sb, "/v1/cases/%lld/notes", (long long)id),
		.req_body = "{\"body\":\"Platsbesök bokat till tisdag.\","
			    "\"publish\":false}" });
	r = screen_run(sb, home, sb_fmt(sb, ":queue Bygglov\n:search %s\n"
					"<Enter>\n:tab journal\n:sleep 500\n"
					"%%SHOT\n", number), NULL);
	sb_faults_clear(sb);
	assert_int_equal(r->run->status, 0);
	if (getenv("AKT_SHOW_SCREENS"))
		fputs(r->shots[0], stderr);
	assert_true(screen_has(r->shots[0], "[Journal]"));
	assert_true(screen_has(r->shots[0], "Platsbesök bokat till tisdag."));
	assert_true(screen_has(r->shots[0], "offline: sent when the platform "
			       "answers · internal") ||
		    screen_has(r->shots[0], "waiting to be sent · internal"));
	/* on top, on the row below the tabs, above the notes */
	const char *row = strchr(strstr(r->shots[0], "[Journal]"), '\n');
	assert_non_null(row);
	assert_true(strncmp(row + 1, "  waiting to be sent · internal  "
			    "Platsbesök", strlen("  waiting to be sent · "
						"internal  Platsbesök")) == 0);
}

/* The platform fails to answer whether a draft's case is there (a 400,
 * which the session does not retry by itself): the screen does not ask
 * again at every draw, only on ^R. */
static void case_check_not_repeated(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	const char *home = cli_home_login(sb, "anna");
	json_t *c = json_array_get(cases(sb, token), 3);
	int64_t id = jint(c, "id");
	struct screen_run *r;
	int64_t fired;

	write_rec(sb, home, "drafts", &(struct rec){
		.id = "20261120T085900Z-00000021", .kind = "note",
		.case_id = id, .number = jstr(c, "number"),
		.updated = "2026-11-20T08:59:00Z", .text = "Om fem minuter." });
	sb_faults_clear(sb);
	sb_fault(sb, sb_fmt(sb, "{\"method\": \"GET\", \"path\": "
			    "\"/v1/cases/%lld\", \"status\": 400}",
			    (long long)id));
	r = screen_run(sb, home, ":drafts\n:sleep 300\nj\nk\n:sleep 200\nj\n"
		       "k\n:sleep 200\nj\nk\n:sleep 200\nj\nk\n:sleep 200\n"
		       "%SHOT\n", NULL);
	fired = sb_fault_fired(sb);
	sb_faults_clear(sb);
	assert_int_equal(r->run->status, 0);
	assert_true(screen_has(r->shots[0], "Om fem minuter."));
	/* once, not once a draw */
	if (fired != 1)
		fail_msg("the case was asked %lld times", (long long)fired);
	/* ^R asks again */
	sb_fault(sb, sb_fmt(sb, "{\"method\": \"GET\", \"path\": "
			    "\"/v1/cases/%lld\", \"status\": 400}",
			    (long long)id));
	r = screen_run(sb, home, ":drafts\n:sleep 300\n<C-r>\n:sleep 300\nj\n"
		       "k\n:sleep 200\n%SHOT\n", NULL);
	fired = sb_fault_fired(sb);
	sb_faults_clear(sb);
	assert_int_equal(r->run->status, 0);
	if (fired != 2)
		fail_msg("with ^R the case was asked %lld times",
			 (long long)fired);
}

/* A case with a thread; its id, number and the thread's id. */
static bool with_thread(struct sb *sb, const char *token, int64_t *id,
			const char **number, int64_t *thread)
{
	struct http_resp *r = api_get(sb, "/v1/cases?e_service=bygglov&"
				      "limit=50&sort=number", token);

	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *c = json_array_get(json_object_get(r->json, "items"), i);
		struct http_resp *t = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/"
							 "threads", (long long)
							 jint(c, "id")), token);

		expect_status(t, 200);
		if (jlen(t->json, "items") == 1) {
			*id = jint(c, "id");
			*number = sb_fmt(sb, "%s", jstr(c, "number"));
			*thread = jint(t->json, "items[0].id");
			return true;
		}
	}
	return false;
}

static void thread_screen(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	const char *home = cli_home_login(sb, "anna");
	const char *number = NULL;
	int64_t id = 0, thread = 0;
	struct http_resp *t;
	struct screen_run *r;

	assert_true(with_thread(sb, token, &id, &number, &thread));
	t = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/threads/%lld",
			       (long long)id, (long long)thread), token);
	expect_status(t, 200);
	sb_fault(sb, "{\"method\": \"POST\", \"path\": "
		 "\"/v1/cases/*/threads/*/messages\", \"status\": 401}");
	write_rec(sb, home, "outbox", &(struct rec){
		.id = "20261120T085100Z-00000011", .kind = "reply",
		.case_id = id, .number = number, .thread_id = thread,
		.updated = "2026-11-20T08:51:00Z",
		.text = "Tack, vi har tagit emot ritningen.",
		.req_path = sb_fmt(sb, "/v1/cases/%lld/threads/%lld/messages",
				   (long long)id, (long long)thread),
		.req_body = "{\"body\":\"Tack, vi har tagit emot "
			    "ritningen.\"}" });
	r = screen_run(sb, home, sb_fmt(sb, ":queue Bygglov\n:search %s\n"
					"<Enter>\n:tab messages\n<Enter>\n"
					":sleep 500\n%%SHOT\ng\n%%SHOT\n",
					number), NULL);
	sb_faults_clear(sb);
	assert_int_equal(r->run->status, 0);
	if (getenv("AKT_SHOW_SCREENS"))
		for (size_t i = 0; i < r->nshots; i++)
			fputs(r->shots[i], stderr);
	/* the subject in the title, each message with its author */
	assert_true(screen_has(r->shots[0], jstr(t->json, "subject")));
	assert_true(screen_has(r->shots[0], "Subject: "));
	assert_true(screen_has(r->shots[1], sb_fmt(sb, "› %s (",
				jstr(t->json, "messages[0].author.name"))));
	/* the reply that waits comes last, selected at first */
	assert_true(screen_has(r->shots[0], "Tack, vi har tagit emot "
			       "ritningen."));
	assert_true(screen_has(r->shots[0], "(officer) · offline: sent when "
			       "the platform answers") ||
		    screen_has(r->shots[0], "(officer) · waiting to be sent"));
	/* opening it marked the citizen's messages read */
	t = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/threads", (long long)id),
		    token);
	expect_status(t, 200);
	assert_int_equal(jint(t->json, "items[0].unread"), 0);
}

/* w on the case, a note typed, ^S and "internal": the platform has it,
 * once, and the Journal shows it. */
static void write_a_note(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	const char *home = cli_home_login(sb, "anna");
	json_t *c = json_array_get(cases(sb, token), 3);
	int64_t id = jint(c, "id");
	const char *number = sb_fmt(sb, "%s", jstr(c, "number"));
	const char *text = "Komplettering begärd per telefon, åäö.";
	struct http_resp *n;
	struct screen_run *r;
	size_t found = 0;

	r = screen_run(sb, home, sb_fmt(sb, ":queue Bygglov\n:search %s\n"
					"<Enter>\nw\n%%SHOT\n%s\n%%SHOT\n"
					"<C-s>\n<Enter>\n:sleep 500\n%%SHOT\n",
					number, text), NULL);
	assert_int_equal(r->run->status, 0);
	if (getenv("AKT_SHOW_SCREENS"))
		for (size_t i = 0; i < r->nshots; i++)
			fputs(r->shots[i], stderr);
	n = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/notes?limit=100",
			       (long long)id), token);
	expect_status(n, 200);
	for (size_t i = 0; i < jlen(n->json, "items"); i++)
		if (strcmp(jstr(n->json, sb_fmt(sb, "items[%zu].body", i)),
			   text) == 0)
			found++;
	assert_int_equal(found, 1);
	/* the Journal shows it, read again when the outbox said so */
	assert_true(screen_has(r->shots[2], "[Journal]"));
	assert_true(screen_has(r->shots[2], "Komplettering begärd"));
	assert_false(screen_has(r->shots[2], "waiting to be sent ·"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(drafts_screen),
		cmocka_unit_test(journal_shows_a_waiting_note),
		cmocka_unit_test(case_check_not_repeated),
		cmocka_unit_test(thread_screen),
		cmocka_unit_test(write_a_note),
	};

	return cmocka_run_group_tests(tests, setup, group_stop);
}

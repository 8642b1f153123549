/*
 * test_outbox.c — the outbox engine against a real sandbox: items go
 * out in order with the case version moved along (no 412 for the
 * officer's own change), a lost answer is replayed once, a 412 comes
 * back as a conflict record, refusals come back with the platform's
 * reason, and items written while the platform was away go out exactly
 * once when it is back — also those that named only a case number.
 */
#include "officer.h"

#include "akt/conflict.h"
#include "akt/outbox.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static struct sb *S;

/* ---- what the outbox said ---------------------------------------------- */

#define MAX_EV 64

struct seen {
	enum akt_outbox_what what;
	char id[AKT_DRAFT_ID_MAX + 1];
	int status;
	int64_t case_id;
	char etag[128];
	char message[256];
	long retry_in_ms;
};

struct fix {
	struct officer off;
	char dir[512];
	struct akt_drafts *store;
	struct akt_outbox *ob;
	struct seen ev[MAX_EV];
	size_t nev;
};

static void on_event(const struct akt_outbox_event *e, void *arg)
{
	struct fix *f = arg;
	struct seen *s;

	if (f->nev == MAX_EV)
		return;
	s = &f->ev[f->nev++];
	memset(s, 0, sizeof(*s));
	s->what = e->what;
	if (e->item) {
		snprintf(s->id, sizeof(s->id), "%s", e->item->id);
		s->case_id = e->item->case_id;
		snprintf(s->etag, sizeof(s->etag), "%s",
			 e->item->etag ? e->item->etag : "");
	}
	s->status = e->reply ? e->reply->status : 0;
	snprintf(s->message, sizeof(s->message), "%s",
		 e->message ? e->message : "");
	s->retry_in_ms = e->retry_in_ms;
}

static void fix_start(struct fix *f, const char *user)
{
	char *err = NULL;
	const char *tmp = getenv("TMPDIR");

	memset(f, 0, sizeof(*f));
	officer_start(&f->off, S, user);
	snprintf(f->dir, sizeof(f->dir), "%s/akt-outbox-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	sb_remove_at_stop(S, f->dir);
	f->store = akt_drafts_open(f->dir, &err);
	if (!f->store)
		fail_msg("store: %s", err);
	f->ob = akt_outbox_new(f->off.s, f->store, on_event, f);
}

static void fix_stop(struct fix *f)
{
	akt_outbox_free(&f->ob);
	akt_drafts_close(&f->store);
	officer_stop(&f->off);
}

static size_t count_of(const struct fix *f, enum akt_outbox_what what)
{
	size_t n = 0;

	for (size_t i = 0; i < f->nev; i++)
		n += f->ev[i].what == what;
	return n;
}

static const struct seen *last_of(const struct fix *f,
				  enum akt_outbox_what what)
{
	for (size_t i = f->nev; i-- > 0;)
		if (f->ev[i].what == what)
			return &f->ev[i];
	return NULL;
}

/* Turn the loop until the outbox is idle or waits for the platform. */
static void run_round(struct fix *f, long ms)
{
	int64_t end = akt_loop_now() + ms;
	size_t from = f->nev;

	for (;;) {
		for (size_t i = from; i < f->nev; i++)
			if (f->ev[i].what == AKT_OB_IDLE ||
			    f->ev[i].what == AKT_OB_WAITING ||
			    f->ev[i].what == AKT_OB_AUTH ||
			    f->ev[i].what == AKT_OB_DISK)
				return;
		if (akt_loop_now() > end)
			fail_msg("the outbox did not finish a round in %ld ms",
				 ms);
		akt_loop_run_once(f->off.loop, 20);
	}
}

/* Files of a box whose name ends in ext. */
static size_t files_ending(const struct fix *f, const char *box,
			   const char *ext)
{
	char path[600];
	DIR *d;
	struct dirent *e;
	size_t n = 0, le = strlen(ext);

	snprintf(path, sizeof(path), "%s/%s", f->dir, box);
	d = opendir(path);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t ln = strlen(e->d_name);

		n += e->d_name[0] != '.' && ln > le &&
		     strcmp(e->d_name + ln - le, ext) == 0;
	}
	closedir(d);
	return n;
}

/* Files in a box of the store. */
static size_t files_in(const struct fix *f, const char *box)
{
	char path[600];
	DIR *d;
	struct dirent *e;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/%s", f->dir, box);
	d = opendir(path);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strstr(e->d_name, ".draft") != NULL;
	closedir(d);
	return n;
}

/* A note draft for a case (id and tag, or only a number when id is 0). */
static void note_draft(struct akt_draft *d, int64_t id, const char *number,
		       const char *etag, const char *text)
{
	char *err = NULL;

	if (!akt_draft_new(d, AKT_DRAFT_NOTE, &err))
		fail_msg("draft: %s", err);
	d->server = xstrdup(sb_base(S));
	d->case_id = id;
	d->case_number = xstrdup(number ? number : "");
	d->etag = etag ? xstrdup(etag) : NULL;
	free(d->text);
	d->text = xstrdup(text);
}

/* Put a note straight into outbox/, as a send that has not gone out
 * yet (an akt killed after the move). */
static void queue_note(struct fix *f, int64_t id, const char *etag,
		       const char *text, const char *queued,
		       char out_id[AKT_DRAFT_ID_MAX + 1])
{
	struct akt_draft d;
	char *err = NULL;

	note_draft(&d, id, NULL, etag, text);
	d.queued = xstrdup(queued);
	assert_true(akt_outbox_request(&d, &err));
	if (!akt_draft_to_outbox(f->store, &d, &err))
		fail_msg("to outbox: %s", err);
	if (out_id)
		snprintf(out_id, AKT_DRAFT_ID_MAX + 1, "%s", d.id);
	akt_draft_clear(&d);
}

static int64_t case_of(const char *token, char number[64], char etag[128])
{
	int64_t id = fresh_case(S, token, etag);
	struct http_resp *r = api_get(S, sb_fmt(S, "/v1/cases/%lld",
						(long long)id), token);

	expect_status(r, 200);
	snprintf(number, 64, "%s", jstr(r->json, "number"));
	return id;
}

/* ---- the request ------------------------------------------------------- */

/* Each kind's request, the bodies byte for byte as the rest of akt
 * sends them; what cannot be sent is refused before anything moves. */
static void test_request(void **state)
{
	struct akt_draft d;
	char *err = NULL;

	note_draft(&d, 0, "BYGG-2026-000001", NULL, "Hej \"där\"");
	assert_false(akt_outbox_request(&d, &err));   /* no case id yet */
	free(err);
	err = NULL;
	d.case_id = 42;
	d.publish = true;
	assert_true(akt_outbox_request(&d, &err));
	assert_string_equal(d.req_method, "POST");
	assert_string_equal(d.req_path, "/v1/cases/42/notes");
	assert_string_equal(d.req_body,
			    "{\"body\":\"Hej \\\"där\\\"\",\"publish\":true}");
	d.kind = AKT_DRAFT_REPLY;
	d.thread_id = 7;
	assert_true(akt_outbox_request(&d, &err));
	assert_string_equal(d.req_path, "/v1/cases/42/threads/7/messages");
	assert_string_equal(d.req_body, "{\"body\":\"Hej \\\"där\\\"\"}");
	d.kind = AKT_DRAFT_STATUS;
	d.status_to = xstrdup("closed");
	free(d.text);
	d.text = xstrdup("");
	assert_true(akt_outbox_request(&d, &err));
	assert_string_equal(d.req_path, "/v1/cases/42/transitions");
	assert_string_equal(d.req_body, "{\"to\":\"closed\",\"notify\":false}");
	d.kind = AKT_DRAFT_FILE;
	d.message_id = 9;
	assert_true(akt_outbox_request(&d, &err));
	assert_string_equal(d.req_path, "/v1/cases/42/messages/9/file");
	assert_string_equal(d.req_body, "{}");
	/* not UTF-8 */
	d.kind = AKT_DRAFT_NOTE;
	free(d.text);
	d.text = xstrdup("\xff\xfe");
	assert_false(akt_outbox_request(&d, &err));
	assert_non_null(strstr(err, "UTF-8"));
	free(err);
	akt_draft_clear(&d);
}

/* ---- in order, with the version moved along ---------------------------- */

/* Two notes written against the same version of a case: the first
 * moves the case on, the second is moved to that version on disk and
 * arrives too — no 412, both notes in order. */
static void test_rebase_in_order(void **state)
{
	struct fix f;
	char number[64], etag[128], id1[AKT_DRAFT_ID_MAX + 1],
	     id2[AKT_DRAFT_ID_MAX + 1];
	const char *anna = login(S, "anna");
	int64_t id = case_of(anna, number, etag);

	fix_start(&f, "anna");
	queue_note(&f, id, etag, "Första", "2026-01-01T10:00:00.001Z", id1);
	queue_note(&f, id, etag, "Andra", "2026-01-01T10:00:00.002Z", id2);
	akt_outbox_flush(f.ob);
	run_round(&f, 5000);

	assert_int_equal(count_of(&f, AKT_OB_SENT), 2);
	assert_int_equal(count_of(&f, AKT_OB_CONFLICT), 0);
	assert_string_equal(f.ev[0].id, id1);
	assert_int_equal(f.ev[0].what, AKT_OB_SENT);
	assert_string_equal(f.ev[1].id, id2);
	/* the second went out on the version the first made */
	assert_string_not_equal(f.ev[1].etag, etag);
	assert_int_equal(notes_count(S, anna, id, NULL), 2);
	struct http_resp *r = api_get(S, sb_fmt(S, "/v1/cases/%lld/notes",
						(long long)id), anna);
	assert_string_equal(jstr(r->json, "items[0].body"), "Första");
	assert_string_equal(jstr(r->json, "items[1].body"), "Andra");
	assert_int_equal(files_in(&f, "outbox"), 0);
	assert_int_equal(files_in(&f, "drafts"), 0);
	assert_int_equal(akt_outbox_count(f.ob), 0);
	assert_int_equal(last_of(&f, AKT_OB_IDLE) != NULL, 1);
	fix_stop(&f);
}

/* Killed after the first of three notes of a case was confirmed and
 * the second could not be sent (the other two were moved to the first's
 * version in memory only): the confirmed record is gone and a marker
 * says which version it made; the next akt applies the marker without
 * sending the first again (the platform keeps answers only a day), and
 * each note is on the platform once. */
static void test_rebase_survives_kill(void **state)
{
	struct fix f;
	char number[64], etag[128];
	const char *anna = login(S, "anna");
	int64_t id = case_of(anna, number, etag);

	fix_start(&f, "anna");
	queue_note(&f, id, etag, "Kedja 1", "2026-01-01T10:00:00.001Z", NULL);
	queue_note(&f, id, etag, "Kedja 2", "2026-01-01T10:00:00.002Z", NULL);
	queue_note(&f, id, etag, "Kedja 3", "2026-01-01T10:00:00.003Z", NULL);
	/* the second never reaches the platform */
	fault_add(S, sb_fmt(S, "{\"method\":\"POST\",\"path\":"
			    "\"/v1/cases/%lld/notes\",\"drop\":true,"
			    "\"skip\":1}", (long long)id));
	akt_outbox_flush(f.ob);
	run_round(&f, 5000);
	assert_int_equal(count_of(&f, AKT_OB_SENT), 1);
	assert_non_null(last_of(&f, AKT_OB_WAITING));
	/* the kill */
	akt_outbox_free(&f.ob);
	sb_faults_clear(S);
	assert_int_equal(notes_count(S, anna, id, NULL), 1);
	/* the confirmed record is gone; its marker stays for the others */
	assert_int_equal(files_in(&f, "outbox"), 2);
	assert_int_equal(files_ending(&f, "outbox", ".done"), 1);

	int64_t posts = fault_add(S, sb_fmt(S, "{\"method\":\"POST\",\"path\":"
					    "\"/v1/cases/%lld/notes\","
					    "\"latency_ms\":1}", (long long)id));
	f.nev = 0;
	f.ob = akt_outbox_new(f.off.s, f.store, on_event, &f);
	akt_outbox_flush(f.ob);
	run_round(&f, 5000);
	/* only the two not yet confirmed were sent */
	assert_int_equal(fault_fired(S, posts), 2);
	assert_int_equal(count_of(&f, AKT_OB_SENT), 2);
	assert_int_equal(files_ending(&f, "outbox", ".done"), 0);
	assert_int_equal(count_of(&f, AKT_OB_CONFLICT), 0);
	assert_int_equal(count_of(&f, AKT_OB_REFUSED), 0);
	assert_int_equal(notes_count(S, anna, id, "Kedja 1"), 1);
	assert_int_equal(notes_count(S, anna, id, "Kedja 2"), 1);
	assert_int_equal(notes_count(S, anna, id, "Kedja 3"), 1);
	assert_int_equal(files_in(&f, "outbox"), 0);
	fix_stop(&f);
}

/* akt_outbox_send: fixed, moved and sent at once; of_case lists it
 * while it is under way. */
static void test_send(void **state)
{
	struct fix f;
	struct akt_draft d;
	const struct akt_draft *const *items;
	char number[64], etag[128], *err = NULL;
	const char *anna = login(S, "anna");
	int64_t id = case_of(anna, number, etag);

	fix_start(&f, "anna");
	note_draft(&d, id, number, etag, "Skickad direkt");
	assert_true(akt_outbox_send(f.ob, &d, &err));
	assert_int_equal(f.ev[0].what, AKT_OB_QUEUED);
	assert_int_equal(akt_outbox_of_case(f.ob, id, &items), 1);
	assert_string_equal(items[0]->id, d.id);
	assert_non_null(items[0]->req_path);
	assert_true(akt_outbox_busy(f.ob));
	run_round(&f, 5000);
	assert_int_equal(count_of(&f, AKT_OB_SENT), 1);
	assert_int_equal(notes_count(S, anna, id, "Skickad direkt"), 1);
	assert_int_equal(akt_outbox_of_case(f.ob, id, &items), 0);
	assert_int_equal(files_in(&f, "outbox"), 0);
	akt_draft_clear(&d);
	fix_stop(&f);
}

/* ---- exactly once ------------------------------------------------------ */

/* The platform keeps the note, then every answer to it is lost (the
 * connection dropped): the outbox waits, and the next flush replays the
 * same key and bytes — one note on the platform. */
static void test_lost_answer_replayed_once(void **state)
{
	struct fix f;
	char number[64], etag[128], nid[AKT_DRAFT_ID_MAX + 1];
	const char *anna = login(S, "anna");
	int64_t id = case_of(anna, number, etag);
	int64_t fault;

	fix_start(&f, "anna");
	queue_note(&f, id, etag, "Svaret kom bort", "2026-01-01T10:00:00Z",
		   nid);
	fault = fault_add(S, sb_fmt(S, "{\"method\":\"POST\",\"path\":"
				    "\"/v1/cases/%lld/notes\",\"drop\":true,"
				    "\"phase\":\"after\",\"times\":2}",
				    (long long)id));
	akt_outbox_flush(f.ob);
	run_round(&f, 5000);
	assert_non_null(last_of(&f, AKT_OB_WAITING));
	assert_true(last_of(&f, AKT_OB_WAITING)->retry_in_ms >= 500);
	assert_true(akt_outbox_offline(f.ob));
	assert_int_equal(fault_fired(S, fault), 2);
	assert_int_equal(files_in(&f, "outbox"), 1);
	assert_int_equal(notes_count(S, anna, id, "Svaret kom bort"), 1);

	/* the platform answers again: replayed, not done twice */
	akt_outbox_flush(f.ob);
	run_round(&f, 5000);
	assert_int_equal(count_of(&f, AKT_OB_SENT), 1);
	assert_int_equal(last_of(&f, AKT_OB_SENT)->status, 201);
	assert_false(akt_outbox_offline(f.ob));
	assert_int_equal(notes_count(S, anna, id, "Svaret kom bort"), 1);
	assert_int_equal(notes_count(S, anna, id, NULL), 1);
	assert_int_equal(files_in(&f, "outbox"), 0);
	fix_stop(&f);
}

/* An akt killed after sending and before the confirmation: its item is
 * still in outbox/; another akt flushes it, the platform answers with
 * the first answer, and there is one note. */
static void test_killed_before_confirm(void **state)
{
	struct fix f;
	char number[64], etag[128], nid[AKT_DRAFT_ID_MAX + 1], *err = NULL;
	const char *anna = login(S, "anna");
	int64_t id = case_of(anna, number, etag);
	struct akt_draft d;

	fix_start(&f, "anna");
	queue_note(&f, id, etag, "Innan kraschen", "2026-01-01T10:00:00Z",
		   nid);
	/* what the first akt sent before it died */
	assert_true(akt_draft_load(f.store, AKT_BOX_OUTBOX, nid, &d, &err));
	struct http_resp *r = api_post(S, d.req_path, anna, d.req_body,
				       d.etag, d.key);
	expect_status(r, 201);
	akt_draft_clear(&d);

	akt_outbox_flush(f.ob);
	run_round(&f, 5000);
	assert_int_equal(count_of(&f, AKT_OB_SENT), 1);
	assert_int_equal(notes_count(S, anna, id, "Innan kraschen"), 1);
	assert_int_equal(files_in(&f, "outbox"), 0);
	fix_stop(&f);
}

/* ---- conflicts and refusals -------------------------------------------- */

/* maria changed the case after anna wrote: a conflict record in drafts/
 * with who, when, the status now and the version now. */
static void test_conflict(void **state)
{
	struct fix f;
	char number[64], etag[128], now[128], nid[AKT_DRAFT_ID_MAX + 1];
	char *err = NULL;
	const char *anna = login(S, "anna");
	const char *maria = login(S, "maria");
	int64_t id = case_of(anna, number, etag);
	struct akt_draft d;

	expect_status(api_post(S, sb_fmt(S, "/v1/cases/%lld/notes",
					 (long long)id), maria,
			       "{\"body\":\"Marias\"}", etag, NULL), 201);
	case_etag(S, anna, id, now);
	struct http_resp *c = api_get(S, sb_fmt(S, "/v1/cases/%lld",
						(long long)id), anna);

	fix_start(&f, "anna");
	queue_note(&f, id, etag, "Annas", "2026-01-01T10:00:00Z", nid);
	akt_outbox_flush(f.ob);
	run_round(&f, 5000);
	assert_int_equal(count_of(&f, AKT_OB_CONFLICT), 1);
	assert_int_equal(last_of(&f, AKT_OB_CONFLICT)->status, 412);
	assert_int_equal(files_in(&f, "outbox"), 0);
	assert_int_equal(files_in(&f, "drafts"), 1);
	assert_true(akt_draft_load(f.store, AKT_BOX_DRAFTS, nid, &d, &err));
	assert_int_equal(d.state, AKT_DS_CONFLICT);
	assert_non_null(d.reason);
	assert_string_equal(d.changed_by, "maria");
	assert_non_null(d.changed_at);
	assert_non_null(d.current_status);
	assert_string_equal(d.current_status,
			    jstr(c->json, sb_fmt(S, "status.name.%s",
						 akt_ui_lang())));
	assert_string_equal(d.current_etag, now);
	assert_string_equal(d.text, "Annas");
	assert_int_equal(notes_count(S, anna, id, "Annas"), 0);
	akt_draft_clear(&d);
	fix_stop(&f);
}

/* Refused for good: back in drafts/ REFUSED with the platform's reason
 * — a case of another unit (403), one that does not exist (404), and a
 * key used before for another text (422). */
static void test_refused(void **state)
{
	struct fix f;
	char number[64], etag[128], id403[AKT_DRAFT_ID_MAX + 1],
	     id404[AKT_DRAFT_ID_MAX + 1], id422[AKT_DRAFT_ID_MAX + 1];
	char *err = NULL;
	const char *anna = login(S, "anna");
	const char *erik = login(S, "erik");
	int64_t mine = case_of(anna, number, etag);
	int64_t other = case_find(S, erik, "e_service=ekonomiskt_bistand");
	struct akt_draft d;
	char other_etag[128];

	assert_true(other > 0);
	case_etag(S, erik, other, other_etag);
	fix_start(&f, "anna");
	queue_note(&f, other, other_etag, "Fel enhet",
		   "2026-01-01T10:00:00.001Z", id403);
	queue_note(&f, 987654321, "\"987654321.1\"", "Finns inte",
		   "2026-01-01T10:00:00.002Z", id404);
	/* a key the platform has seen with another body */
	note_draft(&d, mine, NULL, etag, "Ny text");
	d.queued = xstrdup("2026-01-01T10:00:00.003Z");
	assert_true(akt_outbox_request(&d, &err));
	expect_status(api_post(S, d.req_path, anna, "{\"body\":\"Gammal\"}",
			       etag, d.key), 201);
	assert_true(akt_draft_to_outbox(f.store, &d, &err));
	snprintf(id422, sizeof(id422), "%s", d.id);
	akt_draft_clear(&d);

	akt_outbox_flush(f.ob);
	run_round(&f, 5000);
	assert_int_equal(count_of(&f, AKT_OB_REFUSED), 3);
	assert_int_equal(files_in(&f, "outbox"), 0);
	assert_int_equal(files_in(&f, "drafts"), 3);

	const struct { const char *id; int status; } want[] = {
		{ id403, 403 }, { id404, 404 }, { id422, 422 },
	};
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(f.ev[i].id, want[i].id);
		assert_int_equal(f.ev[i].what, AKT_OB_REFUSED);
		assert_int_equal(f.ev[i].status, want[i].status);
		assert_true(akt_draft_load(f.store, AKT_BOX_DRAFTS, want[i].id,
					   &d, &err));
		assert_int_equal(d.state, AKT_DS_REFUSED);
		assert_non_null(d.reason);
		assert_true(strlen(d.reason) > 0);
		assert_string_equal(d.reason, f.ev[i].message);
		akt_draft_clear(&d);
	}
	assert_int_equal(notes_count(S, anna, mine, "Ny text"), 0);
	fix_stop(&f);
}

/* ---- the platform away ------------------------------------------------- */

static char db_dir[512];

static const char *db_args(void)
{
	static char args[600];

	snprintf(args, sizeof(args), "--db %s/sandbox.db", db_dir);
	return args;
}

static int offline_setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(db_dir, sizeof(db_dir), "%s/akt-outbox-db-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(db_dir))
		return -1;
	int rc = group_start(state, db_args());

	S = *state;
	if (rc == 0)
		sb_remove_at_stop(S, db_dir);
	return rc;
}

/*
 * Written while the sandbox is down — one note with id and tag, one
 * with only the number typed on the command line: the outbox waits and
 * keeps both. The sandbox comes back on the same port with the same
 * data: both go out, each once, the second with its case read first.
 */
static void test_offline_then_back(void **state)
{
	struct fix f;
	struct akt_draft a, b;
	char number[64], etag[128], *err = NULL;
	const char *anna = login(S, "anna");
	int64_t id = case_of(anna, number, etag);

	fix_start(&f, "anna");
	sb_halt(S);
	note_draft(&a, id, number, etag, "Offline ett");
	note_draft(&b, 0, number, NULL, "Offline två");
	assert_true(akt_outbox_send(f.ob, &a, &err));
	run_round(&f, 10000);
	assert_true(akt_outbox_send(f.ob, &b, &err));
	assert_non_null(last_of(&f, AKT_OB_WAITING));
	assert_true(akt_outbox_offline(f.ob));
	assert_true(akt_outbox_busy(f.ob));        /* a retry is due */
	assert_int_equal(akt_outbox_count(f.ob), 2);
	assert_int_equal(files_in(&f, "outbox"), 2);
	assert_int_equal(count_of(&f, AKT_OB_SENT), 0);

	/* a flush while still away: waits again, keeps both */
	akt_outbox_flush(f.ob);
	run_round(&f, 10000);
	assert_int_equal(files_in(&f, "outbox"), 2);

	assert_true(sb_restart(S, db_args()));
	akt_outbox_flush(f.ob);
	run_round(&f, 10000);
	assert_int_equal(count_of(&f, AKT_OB_SENT), 2);
	assert_false(akt_outbox_offline(f.ob));
	/* the number-only note had its case read: id and tag set */
	const struct seen *s = last_of(&f, AKT_OB_SENT);
	assert_string_equal(s->id, b.id);
	assert_int_equal(s->case_id, id);
	assert_true(s->etag[0] == '"');
	anna = login(S, "anna");
	assert_int_equal(notes_count(S, anna, id, "Offline ett"), 1);
	assert_int_equal(notes_count(S, anna, id, "Offline två"), 1);
	assert_int_equal(files_in(&f, "outbox"), 0);
	akt_draft_clear(&a);
	akt_draft_clear(&b);
	fix_stop(&f);
}

/* Only the akt that holds outbox/.lock sends; the other tries again
 * and sends once the lock is free. */
static void test_lock(void **state)
{
	struct fix f;
	struct akt_drafts *other;
	char number[64], etag[128], *err = NULL;
	const char *anna = login(S, "anna");
	int64_t id = case_of(anna, number, etag);

	fix_start(&f, "anna");
	other = akt_drafts_open(f.dir, &err);
	assert_non_null(other);
	assert_true(akt_outbox_lock(other));
	queue_note(&f, id, etag, "Låst", "2026-01-01T10:00:00Z", NULL);
	akt_outbox_flush(f.ob);
	loop_run_for(f.off.loop, 300);
	assert_true(akt_outbox_locked_out(f.ob));
	assert_int_equal(notes_count(S, anna, id, "Låst"), 0);
	akt_outbox_unlock(other);
	run_round(&f, 5000);
	assert_int_equal(count_of(&f, AKT_OB_SENT), 1);
	assert_int_equal(notes_count(S, anna, id, "Låst"), 1);
	akt_drafts_close(&other);
	fix_stop(&f);
}

/* The idle lock holds the session: a round ends quietly (no AUTH, the
 * login is not "gone"), does not spin, and the flush at unlock sends. */
static void test_session_held(void **state)
{
	struct fix f;
	char number[64], etag[128];
	const char *anna = login(S, "anna");
	int64_t id = case_of(anna, number, etag);

	fix_start(&f, "anna");
	queue_note(&f, id, etag, "Hållen", "2026-01-01T10:00:00Z", NULL);
	akt_session_hold(f.off.s, true);
	akt_outbox_flush(f.ob);
	loop_run_for(f.off.loop, 300);
	assert_int_equal(count_of(&f, AKT_OB_AUTH), 0);
	assert_false(akt_outbox_stopped(f.ob));
	assert_int_equal(files_in(&f, "outbox"), 1);
	assert_int_equal(notes_count(S, anna, id, "Hållen"), 0);
	akt_session_hold(f.off.s, false);
	akt_outbox_flush(f.ob);
	run_round(&f, 5000);
	assert_int_equal(count_of(&f, AKT_OB_SENT), 1);
	assert_int_equal(count_of(&f, AKT_OB_AUTH), 0);
	assert_int_equal(notes_count(S, anna, id, "Hållen"), 1);
	fix_stop(&f);
}

/* Killed between writing the marker and removing the confirmed record:
 * the next reading removes the record and sends nothing for it. */
static void test_marker_beside_record(void **state)
{
	struct fix f;
	char number[64], etag[128], id1[AKT_DRAFT_ID_MAX + 1], path[700];
	const char *anna = login(S, "anna");
	int64_t id = case_of(anna, number, etag);
	FILE *fp;

	fix_start(&f, "anna");
	queue_note(&f, id, etag, "Redan skickad", "2026-01-01T10:00:00.001Z",
		   id1);
	queue_note(&f, id, etag, "Nästa", "2026-01-01T10:00:00.002Z", NULL);
	/* the first went out; the platform moved the case on */
	struct akt_draft d;
	char *err = NULL;

	assert_true(akt_draft_load(f.store, AKT_BOX_OUTBOX, id1, &d, &err));
	struct http_resp *r = api_post(S, d.req_path, anna, d.req_body,
				       d.etag, d.key);
	expect_status(r, 201);
	akt_draft_clear(&d);
	char now[128];

	case_etag(S, anna, id, now);
	snprintf(path, sizeof(path), "%s/outbox/%s.done", f.dir, id1);
	fp = fopen(path, "w");
	assert_non_null(fp);
	json_t *m = json_pack("{s:s, s:I, s:s, s:s}", "id", id1, "case_id",
			      (json_int_t)id, "old", etag, "new", now);
	char *text = json_dumps(m, JSON_COMPACT);

	fputs(text, fp);
	free(text);
	json_decref(m);
	fclose(fp);

	int64_t posts = fault_add(S, sb_fmt(S, "{\"method\":\"POST\",\"path\":"
					    "\"/v1/cases/%lld/notes\","
					    "\"latency_ms\":1}", (long long)id));
	akt_outbox_flush(f.ob);
	run_round(&f, 5000);
	assert_int_equal(fault_fired(S, posts), 1);
	assert_int_equal(count_of(&f, AKT_OB_SENT), 1);
	assert_int_equal(count_of(&f, AKT_OB_CONFLICT), 0);
	assert_int_equal(notes_count(S, anna, id, "Redan skickad"), 1);
	assert_int_equal(notes_count(S, anna, id, "Nästa"), 1);
	assert_int_equal(files_in(&f, "outbox"), 0);
	assert_int_equal(files_ending(&f, "outbox", ".done"), 0);
	fix_stop(&f);
}

/* Queued by the UI just after a confirmation of its case, against the
 * version the confirmation replaced: moved along, no 412. */
static void test_queued_after_confirmation(void **state)
{
	struct fix f;
	struct akt_draft d;
	char number[64], etag[128], *err = NULL;
	const char *anna = login(S, "anna");
	int64_t id = case_of(anna, number, etag);

	fix_start(&f, "anna");
	queue_note(&f, id, etag, "Först", "2026-01-01T10:00:00.001Z", NULL);
	akt_outbox_flush(f.ob);
	run_round(&f, 5000);
	assert_int_equal(count_of(&f, AKT_OB_SENT), 1);

	note_draft(&d, id, number, etag, "Strax efter");
	assert_true(akt_outbox_send(f.ob, &d, &err));
	run_round(&f, 5000);
	assert_int_equal(count_of(&f, AKT_OB_CONFLICT), 0);
	assert_int_equal(count_of(&f, AKT_OB_SENT), 2);
	assert_int_equal(notes_count(S, anna, id, "Strax efter"), 1);
	akt_draft_clear(&d);
	fix_stop(&f);
}

/* A conflict draft sent again goes with a new key and the case's
 * current version; items queued at once are in strictly later order. */
static void test_resend_conflict_new_key(void **state)
{
	struct fix f;
	struct akt_draft d, e;
	const struct akt_draft *const *items;
	char number[64], etag[128], *err = NULL;
	const char *anna = login(S, "anna");
	int64_t id = case_of(anna, number, etag);

	fix_start(&f, "anna");
	note_draft(&d, id, number, "\"1.1\"", "Igen");
	d.state = AKT_DS_CONFLICT;
	d.current_etag = xstrdup(etag);
	d.req_method = xstrdup("POST");
	d.req_path = xstrdup("/v1/cases/1/notes");
	d.req_body = xstrdup("{}");
	note_draft(&e, id, number, etag, "Direkt efter");
	assert_true(akt_outbox_send(f.ob, &d, &err));
	assert_true(akt_outbox_send(f.ob, &e, &err));
	assert_int_equal(akt_outbox_of_case(f.ob, id, &items), 2);
	assert_string_not_equal(items[0]->key, d.key);
	assert_string_equal(items[0]->etag, etag);
	assert_int_equal(items[0]->state, AKT_DS_DRAFT);
	assert_true(strcmp(items[0]->queued, items[1]->queued) < 0);
	run_round(&f, 5000);
	assert_int_equal(count_of(&f, AKT_OB_CONFLICT), 0);
	assert_int_equal(notes_count(S, anna, id, "Igen"), 1);
	assert_int_equal(notes_count(S, anna, id, "Direkt efter"), 1);
	akt_draft_clear(&d);
	akt_draft_clear(&e);
	fix_stop(&f);
}

/* A record changed on disk to ask for another request is not sent: it
 * comes back refused, saying why. */
static void test_mangled_request_refused(void **state)
{
	struct fix f;
	struct akt_draft d;
	char number[64], etag[128], nid[AKT_DRAFT_ID_MAX + 1], *err = NULL;
	const char *anna = login(S, "anna");
	int64_t id = case_of(anna, number, etag);

	fix_start(&f, "anna");
	queue_note(&f, id, etag, "Ändrad", "2026-01-01T10:00:00Z", nid);
	assert_true(akt_draft_load(f.store, AKT_BOX_OUTBOX, nid, &d, &err));
	free(d.req_path);
	d.req_path = xstrdup("/v1/sandbox/clock");
	assert_true(akt_draft_save_outbox(f.store, &d, &err));
	akt_draft_clear(&d);
	akt_outbox_flush(f.ob);    /* refused before any call: at once */
	assert_non_null(last_of(&f, AKT_OB_IDLE));
	assert_int_equal(count_of(&f, AKT_OB_REFUSED), 1);
	assert_non_null(strstr(last_of(&f, AKT_OB_REFUSED)->message,
			       "not sent"));
	assert_int_equal(notes_count(S, anna, id, "Ändrad"), 0);
	assert_int_equal(files_in(&f, "drafts"), 1);
	fix_stop(&f);
}

/* A redirect is not "offline": sending stops with a message until the
 * next flush, and the item stays. Items of another server are counted. */
static void test_redirect_stops(void **state)
{
	struct fix f;
	struct akt_draft d;
	char number[64], etag[128], *err = NULL;
	const char *anna = login(S, "anna");
	int64_t id = case_of(anna, number, etag);

	fix_start(&f, "anna");
	queue_note(&f, id, etag, "Omdirigerad", "2026-01-01T10:00:00Z", NULL);
	note_draft(&d, id, NULL, etag, "Annan server");
	free(d.server);
	d.server = xstrdup("https://elsewhere.example");
	d.queued = xstrdup("2026-01-01T10:00:01Z");
	assert_true(akt_outbox_request(&d, &err));
	assert_true(akt_draft_to_outbox(f.store, &d, &err));
	akt_draft_clear(&d);
	fault_add(S, sb_fmt(S, "{\"method\":\"POST\",\"path\":"
			    "\"/v1/cases/%lld/notes\",\"status\":302}",
			    (long long)id));
	akt_outbox_flush(f.ob);
	run_round(&f, 5000);
	assert_null(last_of(&f, AKT_OB_WAITING));
	assert_non_null(last_of(&f, AKT_OB_DISK));
	assert_string_not_equal(last_of(&f, AKT_OB_DISK)->id, "");
	assert_true(akt_outbox_stopped(f.ob));
	assert_false(akt_outbox_busy(f.ob));
	assert_int_equal(akt_outbox_others(f.ob), 1);
	assert_int_equal(files_in(&f, "outbox"), 2);
	fix_stop(&f);
}

static int group_setup(void **state)
{
	int rc = group_start(state, "");

	S = *state;
	return rc;
}

#define T(name) cmocka_unit_test_teardown(name, faults_clear)

int main(void)
{
	const struct CMUnitTest online[] = {
		cmocka_unit_test(test_request),
		T(test_rebase_in_order),
		T(test_rebase_survives_kill),
		T(test_send),
		T(test_lost_answer_replayed_once),
		T(test_killed_before_confirm),
		T(test_conflict),
		T(test_refused),
		T(test_lock),
		T(test_session_held),
		T(test_marker_beside_record),
		T(test_queued_after_confirmation),
		T(test_resend_conflict_new_key),
		T(test_mangled_request_refused),
		T(test_redirect_stops),
	};
	const struct CMUnitTest away[] = {
		T(test_offline_then_back),
	};
	int rc = cmocka_run_group_tests_name("engine outbox", online,
					     group_setup, group_stop);

	return rc | cmocka_run_group_tests_name("engine outbox: offline", away,
						offline_setup, group_stop);
}

/*
 * test_journal.c — journal notes (create, publish, citizen read receipts)
 * and secure messages (citizen questions, unread counts, read marks,
 * replies, filing into the journal).
 */
#include "harness.h"

#include <stdio.h>
#include <string.h>

static struct sb *S;

static int setup(void **state)
{
	int rc = group_start(state, "");
	S = *state;
	return rc;
}

static bool streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static const char *cp(int64_t id, const char *sub)
{
	return sb_fmt(S, "/v1/cases/%lld%s", (long long)id, sub);
}

static void notes(void **state)
{
	const char *anna = login(S, "anna");
	char number[64];
	int64_t id = citizen_case(S, "bygglov", "Märta Östlund", number);
	char etag[128];
	int64_t v = case_etag(S, anna, id, etag);

	struct http_resp *r = api_post(S, cp(id, "/notes"), anna, "{\"body\":\"\"}",
				       etag, NULL);
	expect_problem(r, 400, "bad-request");
	expect_true(streq(jstr(r->json, "field"), "body"), r);

	r = api_post(S, cp(id, "/notes"), anna,
		     "{\"body\":\"Ritningar saknas.\",\"publish\":false}", etag, NULL);
	expect_status(r, 201);
	int64_t nid = jint(r->json, "id");
	expect_true(nid > 0, r);
	expect_true(streq(jstr(r->json, "body"), "Ritningar saknas."), r);
	expect_true(streq(jstr(r->json, "author.username"), "anna"), r);
	expect_true(streq(jstr(r->json, "kind"), "note"), r);
	expect_true(rx_match(jstr(r->json, "created_at"), RE_TS), r);
	expect_true(json_is_false(jget(r->json, "published")), r);
	expect_true(json_is_null(jget(r->json, "published_at")), r);
	expect_true(json_is_null(jget(r->json, "read_by_citizen_at")), r);
	expect_true(json_is_null(jget(r->json, "source_message_id")), r);
	const char *loc = sb_fmt(S, "/v1/cases/%lld/notes/%lld", (long long)id, (long long)nid);
	size_t ll = strlen(r->location), lw = strlen(loc);
	expect_true(ll >= lw && !strcmp(r->location + ll - lw, loc), r);
	expect_true(streq(r->etag, sb_fmt(S, "\"%lld.%lld\"", (long long)id,
					  (long long)(v + 1))), r);

	struct http_resp *g = api_get(S, cp(id, sb_fmt(S, "/notes/%lld", (long long)nid)), anna);
	expect_status(g, 200);
	expect_true(json_equal(g->json, r->json), g);

	/* publish, twice */
	const char *pub = cp(id, sb_fmt(S, "/notes/%lld/publish", (long long)nid));
	struct http_resp *p = api_post(S, pub, anna, NULL, r->etag, NULL);
	expect_status(p, 200);
	expect_true(json_is_true(jget(p->json, "published")), p);
	expect_true(rx_match(jstr(p->json, "published_at"), RE_TS), p);
	char e2[128];
	int64_t v2 = case_etag(S, anna, id, e2);
	expect_true(v2 == v + 2, p);
	struct http_resp *p2 = api_post(S, pub, anna, NULL, e2, NULL);
	expect_status(p2, 200);
	expect_true(streq(jstr(p2->json, "published_at"), jstr(p->json, "published_at")), p2);
	expect_true(case_etag(S, anna, id, NULL) == v2, p2);

	/* the citizen reads it: read_by_citizen_at and a receipt */
	struct http_resp *rd = sb_post_json(S, "/v1/sandbox/citizen/reads",
		sb_fmt(S, "{\"case\":\"%s\",\"note\":%lld}", number, (long long)nid));
	expect_status(rd, 200);
	const char *read_at = jstr(rd->json, "read_at");
	expect_true(rx_match(read_at, RE_TS), rd);
	g = api_get(S, cp(id, sb_fmt(S, "/notes/%lld", (long long)nid)), anna);
	expect_true(streq(jstr(g->json, "read_by_citizen_at"), read_at), g);
	struct http_resp *rc = api_get(S, cp(id, sb_fmt(S, "/notes/%lld/receipts",
							(long long)nid)), anna);
	expect_status(rc, 200);
	expect_true(jlen(rc->json, "items") == 1, rc);
	expect_true(streq(jstr(rc->json, "items[0].party.role"), "applicant"), rc);
	expect_true(streq(jstr(rc->json, "items[0].party.name"), "Märta Östlund"), rc);
	expect_true(jint(rc->json, "items[0].party.id") > 0, rc);
	expect_true(streq(jstr(rc->json, "items[0].read_at"), read_at), rc);

	/* a note published at creation; list order by created, both ways */
	char e3[128];
	case_etag(S, anna, id, e3);
	r = api_post(S, cp(id, "/notes"), anna,
		     "{\"body\":\"Beslut skickat.\",\"publish\":true}", e3, NULL);
	expect_status(r, 201);
	expect_true(json_is_true(jget(r->json, "published")), r);
	expect_true(rx_match(jstr(r->json, "published_at"), RE_TS), r);
	int64_t n2 = jint(r->json, "id");
	struct http_resp *l = api_get(S, cp(id, "/notes"), anna);
	expect_true(jlen(l->json, "items") == 2 && jint(l->json, "items[0].id") == nid &&
		    jint(l->json, "items[1].id") == n2, l);
	l = api_get(S, cp(id, "/notes?sort=-created"), anna);
	expect_true(jint(l->json, "items[0].id") == n2, l);
	g = api_get(S, cp(id, "/notes/99999999"), anna);
	expect_problem(g, 404, "not-found");
}

static int64_t queue_unread(const char *tok, int64_t q)
{
	struct http_resp *r = api_get(S, sb_fmt(S, "/v1/queues/%lld", (long long)q), tok);
	expect_status(r, 200);
	return jint(r->json, "unread_messages");
}

static int64_t summary_unread(const char *tok, const char *number)
{
	struct http_resp *r = api_get(S, sb_fmt(S, "/v1/cases?q=%s", number), tok);
	expect_status(r, 200);
	expect_true(jlen(r->json, "items") == 1, r);
	return jint(r->json, "items[0].unread_messages");
}

static void messages(void **state)
{
	const char *anna = login(S, "anna");
	char number[64];
	int64_t id = citizen_case(S, "strandskydd", "Gösta Ågren", number);
	int64_t q = queue_of(S, anna, "strandskydd");
	int64_t u0 = queue_unread(anna, q);

	struct http_resp *m1 = sb_post_json(S, "/v1/sandbox/citizen/messages",
		sb_fmt(S, "{\"case\":\"%s\",\"subject\":\"Fråga om bryggan\","
		       "\"body\":\"Får jag bygga en brygga?\"}", number));
	expect_status(m1, 201);
	int64_t mid1 = jint(m1->json, "id");
	expect_true(mid1 > 0 && streq(jstr(m1->json, "author.kind"), "citizen"), m1);

	struct http_resp *tl = api_get(S, cp(id, "/threads"), anna);
	expect_status(tl, 200);
	expect_true(jlen(tl->json, "items") == 1, tl);
	int64_t th = jint(tl->json, "items[0].id");
	expect_true(streq(jstr(tl->json, "items[0].subject"), "Fråga om bryggan"), tl);
	expect_true(jint(tl->json, "items[0].message_count") == 1 &&
		    jint(tl->json, "items[0].unread") == 1, tl);
	expect_true(rx_match(jstr(tl->json, "items[0].last_message_at"), RE_TS), tl);
	assert_int_equal(queue_unread(anna, q), u0 + 1);
	assert_int_equal(summary_unread(anna, number), 1);

	struct http_resp *m2 = sb_post_json(S, "/v1/sandbox/citizen/messages",
		sb_fmt(S, "{\"case\":\"%s\",\"thread\":%lld,\"body\":\"Hallå?\"}",
		       number, (long long)th));
	expect_status(m2, 201);
	int64_t mid2 = jint(m2->json, "id");
	const char *tp = cp(id, sb_fmt(S, "/threads/%lld", (long long)th));
	struct http_resp *t = api_get(S, tp, anna);
	expect_status(t, 200);
	expect_true(jlen(t->json, "messages") == 2 && jint(t->json, "unread") == 2, t);
	expect_true(streq(jstr(t->json, "messages[0].author.kind"), "citizen"), t);
	expect_true(streq(jstr(t->json, "messages[0].author.name"), "Gösta Ågren"), t);
	expect_true(json_is_null(jget(t->json, "messages[0].read_by_officer_at")), t);
	expect_true(json_is_null(jget(t->json, "messages[0].filed_note_id")), t);
	expect_true(rx_match(jstr(t->json, "messages[0].sent_at"), RE_TS), t);
	assert_int_equal(queue_unread(anna, q), u0 + 2);

	/* read up to the first, then all */
	struct http_resp *r = api_post(S, sb_fmt(S, "%s/read", tp), anna,
				       sb_fmt(S, "{\"up_to\":%lld}", (long long)mid1),
				       NULL, NULL);
	expect_status(r, 200);
	expect_true(jint(r->json, "unread") == 1, r);
	assert_int_equal(queue_unread(anna, q), u0 + 1);
	r = api_post(S, sb_fmt(S, "%s/read", tp), anna, "{}", NULL, NULL);
	expect_status(r, 200);
	expect_true(jint(r->json, "unread") == 0, r);
	assert_int_equal(queue_unread(anna, q), u0);
	assert_int_equal(summary_unread(anna, number), 0);
	t = api_get(S, tp, anna);
	expect_true(streq(jstr(t->json, "messages[0].read_by_officer.username"), "anna"), t);
	expect_true(rx_match(jstr(t->json, "messages[1].read_by_officer_at"), RE_TS), t);

	/* reply */
	char etag[128];
	int64_t v = case_etag(S, anna, id, etag);
	r = api_post(S, sb_fmt(S, "%s/messages", tp), anna,
		     "{\"body\":\"Ja, med dispens.\"}", etag, NULL);
	expect_status(r, 201);
	int64_t reply = jint(r->json, "id");
	expect_true(streq(jstr(r->json, "author.kind"), "officer"), r);
	expect_true(streq(jstr(r->json, "author.officer.username"), "anna"), r);
	expect_true(json_is_null(jget(r->json, "read_by_citizen_at")), r);
	expect_true(case_etag(S, anna, id, NULL) == v + 1, r);
	t = api_get(S, tp, anna);
	expect_true(jint(t->json, "message_count") == 3 && jint(t->json, "unread") == 0, t);
	struct http_resp *rd = sb_post_json(S, "/v1/sandbox/citizen/reads",
		sb_fmt(S, "{\"case\":\"%s\",\"message\":%lld}", number, (long long)reply));
	expect_status(rd, 200);
	t = api_get(S, tp, anna);
	expect_true(streq(jstr(t->json, "messages[2].read_by_citizen_at"),
			  jstr(rd->json, "read_at")), t);

	/* file the first question into the journal, twice → one note */
	case_etag(S, anna, id, etag);
	const char *fp = cp(id, sb_fmt(S, "/messages/%lld/file", (long long)mid1));
	struct http_resp *f1 = api_post(S, fp, anna, "{\"comment\":\"Se beslut.\"}",
					etag, NULL);
	expect_status(f1, 201);
	int64_t note = jint(f1->json, "id");
	expect_true(note > 0 && jint(f1->json, "source_message_id") == mid1, f1);
	const char *nb = jstr(f1->json, "body");
	expect_true(nb && strstr(nb, "Får jag bygga en brygga?") &&
		    strstr(nb, "Se beslut."), f1);
	struct http_resp *f2 = api_post(S, fp, anna, "{\"comment\":\"Se beslut.\"}",
					etag, NULL);  /* stale tag now */
	expect_status(f2, 200);
	expect_true(jint(f2->json, "id") == note, f2);
	t = api_get(S, tp, anna);
	expect_true(jint(t->json, "messages[0].filed_note_id") == note, t);
	struct http_resp *nl = api_get(S, cp(id, "/notes"), anna);
	int filed = 0;
	for (size_t i = 0; i < jlen(nl->json, "items"); i++)
		filed += jint(nl->json, sb_fmt(S, "items[%zu].source_message_id", i)) == mid1;
	expect_true(filed == 1, nl);
	(void)mid2;
}

/* An officer starts a thread; the citizen's answer lands in it. */
static void officer_thread(void **state)
{
	const char *anna = login(S, "anna");
	char number[64];
	int64_t id = citizen_case(S, "bygglov", NULL, number);
	char etag[128];
	case_etag(S, anna, id, etag);
	struct http_resp *r = api_post(S, cp(id, "/threads"), anna,
		"{\"subject\":\"Komplettering\",\"body\":\"Skicka situationsplan.\"}",
		etag, NULL);
	expect_status(r, 201);
	int64_t th = jint(r->json, "id");
	expect_true(th > 0 && streq(jstr(r->json, "subject"), "Komplettering"), r);
	r = api_post(S, cp(id, "/threads"), anna, "{\"subject\":\"x\"}", "*", NULL);
	expect_problem(r, 400, "bad-request");
	struct http_resp *m = sb_post_json(S, "/v1/sandbox/citizen/messages",
		sb_fmt(S, "{\"case\":\"%s\",\"thread\":%lld,\"body\":\"Bifogar.\"}",
		       number, (long long)th));
	expect_status(m, 201);
	struct http_resp *t = api_get(S, cp(id, sb_fmt(S, "/threads/%lld", (long long)th)),
				      anna);
	expect_status(t, 200);
	expect_true(jlen(t->json, "messages") == 2 && jint(t->json, "unread") == 1, t);
	expect_true(streq(jstr(t->json, "messages[0].author.kind"), "officer"), t);
	expect_true(streq(jstr(t->json, "messages[1].author.kind"), "citizen"), t);
	struct http_resp *nf = api_get(S, cp(id, "/threads/99999999"), anna);
	expect_problem(nf, 404, "not-found");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(notes),
		cmocka_unit_test(messages),
		cmocka_unit_test(officer_thread),
	};
	return cmocka_run_group_tests_name("journal", tests, setup, group_stop);
}

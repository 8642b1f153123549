/*
 * test_draft.c — the draft record: a new draft, kind and state names,
 * the JSON form round trip of every field, and what decode refuses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/draft.h"

#include <jansson.h>

static void test_kind_names(void **state)
{
	static const char *const names[] = { "note", "reply", "status",
					     "file" };
	enum akt_draft_kind k;

	for (int i = 0; i < 4; i++) {
		assert_string_equal(akt_draft_kind_name((enum akt_draft_kind)i),
				    names[i]);
		assert_true(akt_draft_kind_parse(names[i], &k));
		assert_int_equal(k, i);
	}
	assert_false(akt_draft_kind_parse("Note", &k));
	assert_false(akt_draft_kind_parse("", &k));
	assert_string_equal(akt_draft_state_name(AKT_DS_DRAFT), "draft");
	assert_string_equal(akt_draft_state_name(AKT_DS_CONFLICT), "conflict");
	assert_string_equal(akt_draft_state_name(AKT_DS_REFUSED), "refused");
}

static void test_new(void **state)
{
	struct akt_draft a, b;
	char *err = NULL;

	assert_true(akt_draft_new(&a, AKT_DRAFT_REPLY, &err));
	assert_true(akt_draft_new(&b, AKT_DRAFT_REPLY, &err));
	/* 20261123T101500Z-3f9a1c2e */
	assert_int_equal(strlen(a.id), 25);
	assert_int_equal(a.id[8], 'T');
	assert_int_equal(a.id[15], 'Z');
	assert_int_equal(a.id[16], '-');
	assert_true(akt_draft_id_valid(a.id));
	assert_string_not_equal(a.id, b.id);
	assert_int_equal(strlen(a.key), 32);
	assert_string_not_equal(a.key, b.key);
	assert_int_equal(a.kind, AKT_DRAFT_REPLY);
	assert_int_equal(a.state, AKT_DS_DRAFT);
	assert_non_null(a.created);
	assert_string_equal(a.created, a.updated);
	assert_string_equal(a.text, "");
	assert_null(a.server);
	assert_int_equal(a.case_id, 0);
	akt_draft_clear(&a);
	akt_draft_clear(&b);
	assert_null(a.text);
}

static void fill(struct akt_draft *d)
{
	char *err = NULL;

	assert_true(akt_draft_new(d, AKT_DRAFT_STATUS, &err));
	d->server = strdup("https://plattform.example.se");
	d->case_id = 9007199254740993LL;
	d->case_number = strdup("BYGG-2026-000123");
	d->thread_id = 12;
	d->message_id = 41;
	d->etag = strdup("\"123.7\"");
	d->publish = true;
	d->status_to = strdup("closed");
	d->status_name = strdup("Avslutat");
	d->notify = true;
	d->queued = strdup("2026-11-23T10:16:00.5Z");
	d->open_pid = 4242;
	d->state = AKT_DS_CONFLICT;
	d->reason = strdup("Ärendet har ändrats");
	d->changed_by = strdup("erik");
	d->changed_at = strdup("2026-11-23T14:02:00Z");
	d->current_status = strdup("Avslutat");
	d->current_etag = strdup("\"123.8\"");
	d->req_method = strdup("POST");
	d->req_path = strdup("/v1/cases/9007199254740993/transitions");
	d->req_body = strdup("{\"to\":\"closed\"}");
	free(d->text);
	d->text = strdup("Hej Åsa!\nDet blev 💡 \"klart\" \\ tab\tslut\r\x01\x1f\b/");
}

#define SAME_STR(f) assert_string_equal(a->f, b->f)

static void assert_same(const struct akt_draft *a, const struct akt_draft *b)
{
	assert_string_equal(a->id, b->id);
	assert_int_equal(a->kind, b->kind);
	SAME_STR(server);
	assert_int_equal(a->case_id, b->case_id);
	SAME_STR(case_number);
	assert_int_equal(a->thread_id, b->thread_id);
	assert_int_equal(a->message_id, b->message_id);
	SAME_STR(etag);
	assert_int_equal(a->publish, b->publish);
	SAME_STR(status_to);
	SAME_STR(status_name);
	assert_int_equal(a->notify, b->notify);
	assert_string_equal(a->key, b->key);
	SAME_STR(created);
	SAME_STR(updated);
	SAME_STR(queued);
	assert_int_equal(a->open_pid, b->open_pid);
	assert_int_equal(a->state, b->state);
	SAME_STR(reason);
	SAME_STR(changed_by);
	SAME_STR(changed_at);
	SAME_STR(current_status);
	SAME_STR(current_etag);
	SAME_STR(req_method);
	SAME_STR(req_path);
	SAME_STR(req_body);
	SAME_STR(text);
}

static void test_round_trip_every_field(void **state)
{
	struct akt_draft a, b, c;
	char *err = NULL, *json;

	fill(&a);
	json = akt_draft_encode(&a);
	assert_non_null(json);
	assert_non_null(strstr(json, "\"format\": 1"));
	assert_true(akt_draft_decode(json, strlen(json), &b, &err));
	assert_same(&a, &b);
	akt_draft_copy(&c, &a);
	assert_same(&a, &c);
	assert_ptr_not_equal(a.text, c.text);
	free(json);
	akt_draft_clear(&a);
	akt_draft_clear(&b);
	akt_draft_clear(&c);
}

/* A new draft: NULL strings stay NULL, "" text stays "". */
/* The editor's file as the record knows it: kept exactly, inode
 * numbers above 2^63 too; absent in records of before. */
static void test_round_trip_text_file(void **state)
{
	struct akt_draft a, b;
	char *err = NULL, *json;

	assert_true(akt_draft_new(&a, AKT_DRAFT_NOTE, &err));
	json = akt_draft_encode(&a);
	assert_null(strstr(json, "\"txt\""));
	assert_true(akt_draft_decode(json, strlen(json), &b, &err));
	assert_false(b.txt_known);
	free(json);
	akt_draft_clear(&b);
	a.txt_known = true;
	a.txt_size = 100001;
	a.txt_mtime_ns = INT64_C(1795430100123456789);
	a.txt_ino = UINT64_C(0x8000000000000123);
	json = akt_draft_encode(&a);
	assert_true(akt_draft_decode(json, strlen(json), &b, &err));
	assert_true(b.txt_known);
	assert_int_equal(b.txt_size, 100001);
	assert_true(b.txt_mtime_ns == INT64_C(1795430100123456789));
	assert_true(b.txt_ino == UINT64_C(0x8000000000000123));
	free(json);
	akt_draft_clear(&a);
	akt_draft_clear(&b);
}

static void test_round_trip_empty(void **state)
{
	struct akt_draft a, b;
	char *err = NULL, *json;

	assert_true(akt_draft_new(&a, AKT_DRAFT_NOTE, &err));
	json = akt_draft_encode(&a);
	assert_true(akt_draft_decode(json, strlen(json), &b, &err));
	assert_string_equal(b.text, "");
	assert_null(b.server);
	assert_null(b.etag);
	assert_null(b.req_body);
	assert_false(b.publish);
	assert_int_equal(b.kind, AKT_DRAFT_NOTE);
	assert_string_equal(a.id, b.id);
	free(json);
	akt_draft_clear(&a);
	akt_draft_clear(&b);
}

/* Text that is not UTF-8 is repaired rather than lost. */
static void test_encode_repairs_bad_utf8(void **state)
{
	struct akt_draft a, b;
	char *err = NULL, *json;

	assert_true(akt_draft_new(&a, AKT_DRAFT_NOTE, &err));
	free(a.text);
	a.text = strdup("caf\xe9 ok");
	json = akt_draft_encode(&a);
	assert_non_null(json);
	assert_true(akt_draft_decode(json, strlen(json), &b, &err));
	assert_string_equal(b.text, "caf\xef\xbf\xbd ok");
	free(json);
	akt_draft_clear(&a);
	akt_draft_clear(&b);
}

/* A valid record with one member replaced (NULL value: removed). */
static char *variant(const char *name, json_t *value)
{
	struct akt_draft a;
	char *err = NULL, *json, *out;
	json_t *o;

	assert_true(akt_draft_new(&a, AKT_DRAFT_NOTE, &err));
	json = akt_draft_encode(&a);
	o = json_loads(json, 0, NULL);
	if (value)
		json_object_set_new(o, name, value);
	else
		json_object_del(o, name);
	out = json_dumps(o, 0);
	json_decref(o);
	free(json);
	akt_draft_clear(&a);
	return out;
}

static void refused(const char *name, json_t *value, const char *why)
{
	struct akt_draft d;
	char *err = NULL, *json = variant(name, value);

	assert_false(akt_draft_decode(json, strlen(json), &d, &err));
	assert_non_null(err);
	if (!strstr(err, why))
		fail_msg("%s: \"%s\" does not say \"%s\"", name, err, why);
	assert_null(strchr(err, '\n'));
	assert_null(d.text);
	free(err);
	free(json);
}

static void test_decode_refusals(void **state)
{
	struct akt_draft d;
	char *err = NULL;

	refused("format", json_integer(2), "format");
	refused("format", NULL, "format");
	refused("format", json_string("1"), "format");
	refused("txt", json_string("x"), "txt");
	refused("txt", json_pack("{s:i}", "size", 1), "txt");
	refused("kind", json_string("letter"), "kind");
	refused("kind", NULL, "kind");
	refused("state", json_string("sent"), "state");
	refused("id", NULL, "id");
	refused("id", json_string("../../etc/passwd"), "id");
	refused("id", json_string("a b"), "id");
	refused("id", json_string(""), "id");
	refused("id", json_string("åäö"), "id");
	refused("id", json_string("-rf"), "id");
	refused("id", json_string("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), "id");
	refused("key", NULL, "key");
	refused("key", json_string("0123456789abcdef0123456789abcde"), "key");
	refused("key", json_string("0123456789abcdef0123456789abcdeg"), "key");
	refused("text", NULL, "text");
	refused("text", json_integer(3), "text");
	refused("case_id", json_string("12"), "case_id");
	refused("publish", json_integer(1), "publish");
	refused("server", json_integer(1), "server");
	refused("open_pid", json_integer(-1), "open_pid");

	assert_false(akt_draft_decode("{\"format\":1", 11, &d, &err));
	assert_non_null(strstr(err, "JSON"));
	free(err);
	err = NULL;
	assert_false(akt_draft_decode("[1]", 3, &d, &err));
	free(err);
	err = NULL;
	assert_false(akt_draft_decode("", 0, &d, &err));
	free(err);
}

static void test_decode_rejects_duplicates(void **state)
{
	struct akt_draft a, d;
	char *err = NULL, *json, *dup;

	assert_true(akt_draft_new(&a, AKT_DRAFT_NOTE, &err));
	json = akt_draft_encode(&a);
	/* a second "text" after the first member */
	dup = malloc(strlen(json) + 32);
	sprintf(dup, "{\"text\": \"x\",%s", json + 1);
	assert_false(akt_draft_decode(dup, strlen(dup), &d, &err));
	free(err);
	free(dup);
	free(json);
	akt_draft_clear(&a);
}

static void test_id_valid(void **state)
{
	assert_true(akt_draft_id_valid("20261123T101500Z-3f9a1c2e"));
	assert_true(akt_draft_id_valid("abc-DEF-123"));
	assert_false(akt_draft_id_valid(""));
	assert_false(akt_draft_id_valid(NULL));
	assert_false(akt_draft_id_valid("a.b"));
	assert_false(akt_draft_id_valid("a/b"));
	assert_false(akt_draft_id_valid("-a"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_new),
		cmocka_unit_test(test_round_trip_every_field),
		cmocka_unit_test(test_round_trip_empty),
		cmocka_unit_test(test_round_trip_text_file),
		cmocka_unit_test(test_encode_repairs_bad_utf8),
		cmocka_unit_test(test_decode_refusals),
		cmocka_unit_test(test_decode_rejects_duplicates),
		cmocka_unit_test(test_id_valid),
	};

	return cmocka_run_group_tests_name("draft", tests, NULL, NULL);
}

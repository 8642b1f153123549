/*
 * test_thread.c — decoding message threads, a thread with its messages
 * and a single message, from answers as the reference platform gives
 * them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/thread.h"
#include "json_fixture.h"

static const char citizen_msg[] =
	"{\"id\":54,\"author\":{\"kind\":\"citizen\",\"name\":\"Sören "
	"Pettersson\",\"officer\":null},\"body\":\"Hej!\\n\\nMvh Sören\","
	"\"sent_at\":\"2026-11-09T07:34:46Z\",\"read_by_officer_at\":null,"
	"\"read_by_officer\":null,\"read_by_citizen_at\":null,"
	"\"filed_note_id\":null}";

static const char read_msg[] =
	"{\"id\":41,\"author\":{\"kind\":\"citizen\",\"name\":\"Åsa Öberg\","
	"\"officer\":null},\"body\":\"Hur nära?\",\"sent_at\":"
	"\"2026-11-22T16:10:00Z\",\"read_by_officer_at\":"
	"\"2026-11-23T08:05:00Z\",\"read_by_officer\":{\"id\":3,\"username\":"
	"\"anna\",\"name\":\"Anna Lindqvist\"},\"read_by_citizen_at\":null,"
	"\"filed_note_id\":62}";

static const char officer_msg[] =
	"{\"id\":61,\"author\":{\"kind\":\"officer\",\"name\":\"Anna "
	"Lindqvist\",\"officer\":{\"id\":1,\"username\":\"anna\",\"name\":"
	"\"Anna Lindqvist\"}},\"body\":\"Svar\",\"sent_at\":"
	"\"2026-11-23T02:25:00Z\",\"read_by_officer_at\":null,"
	"\"read_by_officer\":null,\"read_by_citizen_at\":"
	"\"2026-11-23T09:00:00Z\",\"filed_note_id\":null}";

static const char thread_head[] =
	"\"id\":27,\"subject\":\"Fråga om beslutet\",\"created_at\":"
	"\"2026-11-09T07:34:46Z\",\"last_message_at\":\"2026-11-23T02:25:00Z\","
	"\"message_count\":3,\"unread\":1";

static void test_messages(void **state)
{
	json_t *j = parse(citizen_msg);
	struct akt_message m;
	char *err = NULL;

	assert_true(akt_message_decode(j, &m, &err));
	assert_int_equal(m.id, 54);
	assert_int_equal(m.author_kind, AKT_AUTHOR_CITIZEN);
	assert_string_equal(m.author_name, "Sören Pettersson");
	assert_int_equal(m.author_officer.id, 0);
	assert_string_equal(m.body, "Hej!\n\nMvh Sören");
	assert_null(m.read_by_officer_at);
	assert_int_equal(m.read_by_officer.id, 0);
	assert_int_equal(m.filed_note_id, 0);
	akt_message_clear(&m);
	json_decref(j);

	j = parse(read_msg);
	assert_true(akt_message_decode(j, &m, &err));
	assert_string_equal(m.read_by_officer_at, "2026-11-23T08:05:00Z");
	assert_string_equal(m.read_by_officer.username, "anna");
	assert_int_equal(m.filed_note_id, 62);
	akt_message_clear(&m);
	json_decref(j);

	j = parse(officer_msg);
	assert_true(akt_message_decode(j, &m, &err));
	assert_int_equal(m.author_kind, AKT_AUTHOR_OFFICER);
	assert_int_equal(m.author_officer.id, 1);
	assert_string_equal(m.author_officer.name, "Anna Lindqvist");
	assert_string_equal(m.read_by_citizen_at, "2026-11-23T09:00:00Z");
	akt_message_clear(&m);
	assert_null(m.body);
	json_decref(j);
}

static void test_message_errors(void **state)
{
	json_t *j = parse(citizen_msg);
	struct akt_message m;
	char *err = NULL;

	json_object_set_new(json_object_get(j, "author"), "kind",
			    json_string("robot"));
	assert_false(akt_message_decode(j, &m, &err));
	assert_string_equal(err, "message: field 'author.kind' is \"robot\", "
				 "expected officer, citizen or system");
	assert_null(m.body);
	free(err);
	json_decref(j);

	j = parse(officer_msg);
	err = NULL;
	json_object_set_new(json_object_get(j, "author"), "officer",
			    json_integer(1));
	assert_false(akt_message_decode(j, &m, &err));
	assert_string_equal(err, "message: field 'author.officer' is an "
				 "integer, expected an object");
	free(err);
	json_decref(j);

	j = parse(read_msg);
	err = NULL;
	json_object_del(json_object_get(j, "read_by_officer"), "name");
	assert_false(akt_message_decode(j, &m, &err));
	assert_string_equal(err, "message: field 'read_by_officer.name' "
				 "missing");
	free(err);
	json_decref(j);
}

static void test_thread_detail(void **state)
{
	char text[4096];
	json_t *j;
	struct akt_thread t;
	char *err = NULL;

	snprintf(text, sizeof(text), "{%s,\"messages\":[%s,%s,%s]}",
		 thread_head, citizen_msg, read_msg, officer_msg);
	j = parse(text);
	assert_true(akt_thread_decode(j, &t, &err));
	assert_int_equal(t.id, 27);
	assert_string_equal(t.subject, "Fråga om beslutet");
	assert_int_equal(t.message_count, 3);
	assert_int_equal(t.unread, 1);
	assert_int_equal(t.nmessages, 3);
	assert_int_equal(t.messages[2].author_kind, AKT_AUTHOR_OFFICER);
	akt_thread_clear(&t);
	assert_null(t.messages);
	json_decref(j);

	/* an error names the message */
	j = parse(text);
	json_object_set_new(json_array_get(json_object_get(j, "messages"), 1),
			    "filed_note_id", json_true());
	err = NULL;
	assert_false(akt_thread_decode(j, &t, &err));
	assert_string_equal(err, "thread: field 'messages[1].filed_note_id' "
				 "is a boolean, expected an integer");
	assert_null(t.subject);
	free(err);
	json_decref(j);

	/* the detail must have its messages */
	snprintf(text, sizeof(text), "{%s}", thread_head);
	j = parse(text);
	err = NULL;
	assert_false(akt_thread_decode(j, &t, &err));
	assert_string_equal(err, "thread: field 'messages' missing");
	free(err);
	json_decref(j);
}

static void test_thread_list(void **state)
{
	char text[2048];
	json_t *j;
	struct akt_thread_list l;
	char *err = NULL;

	snprintf(text, sizeof(text), "{\"items\":[{%s},{%s}]}", thread_head,
		 thread_head);
	j = parse(text);
	assert_true(akt_thread_list_decode(j, &l, &err));
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[1].last_message_at,
			    "2026-11-23T02:25:00Z");
	assert_int_equal(l.items[1].nmessages, 0);
	akt_thread_list_clear(&l);
	json_decref(j);

	j = parse(text);
	json_object_del(json_array_get(json_object_get(j, "items"), 0),
			"unread");
	err = NULL;
	assert_false(akt_thread_list_decode(j, &l, &err));
	assert_string_equal(err, "threads: field 'items[0].unread' missing");
	free(err);
	json_decref(j);
}

static void test_kind_ids(void **state)
{
	enum akt_author_kind k;

	assert_true(akt_author_kind_parse("system", &k));
	assert_int_equal(k, AKT_AUTHOR_SYSTEM);
	assert_string_equal(akt_author_kind_id(AKT_AUTHOR_CITIZEN), "citizen");
	assert_false(akt_author_kind_parse("Officer", &k));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_message_errors),
		cmocka_unit_test(test_thread_detail),
		cmocka_unit_test(test_thread_list),
		cmocka_unit_test(test_kind_ids),
	};

	return cmocka_run_group_tests_name("thread", tests, NULL, NULL);
}

/*
 * test_note.c — decoding journal notes, pages of notes and read
 * receipts, from answers as the reference platform gives them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/note.h"
#include "json_fixture.h"

static const char internal[] =
	"{\"id\":54,\"body\":\"Komplettering inkommen.\\nRad två.\","
	"\"author\":{\"id\":3,\"username\":\"sara\",\"name\":\"Sara Holm\"},"
	"\"created_at\":\"2026-10-08T08:58:32Z\",\"published\":false,"
	"\"published_at\":null,\"read_by_citizen_at\":null,"
	"\"source_message_id\":null,\"kind\":\"note\"}";

static const char filed[] =
	"{\"id\":62,\"body\":\"Journalfört meddelande\","
	"\"author\":{\"id\":1,\"username\":\"anna\",\"name\":\"Anna Lindqvist\"},"
	"\"created_at\":\"2026-11-23T02:25:00Z\",\"published\":true,"
	"\"published_at\":\"2026-11-23T02:26:00Z\","
	"\"read_by_citizen_at\":\"2026-11-24T18:04:00Z\","
	"\"source_message_id\":54,\"kind\":\"note\"}";

static void test_internal(void **state)
{
	json_t *j = parse(internal);
	struct akt_note n;
	char *err = NULL;

	assert_true(akt_note_decode(j, &n, &err));
	assert_int_equal(n.id, 54);
	assert_string_equal(n.body, "Komplettering inkommen.\nRad två.");
	assert_int_equal(n.author.id, 3);
	assert_string_equal(n.author.username, "sara");
	assert_string_equal(n.author.name, "Sara Holm");
	assert_string_equal(n.created_at, "2026-10-08T08:58:32Z");
	assert_false(n.published);
	assert_null(n.published_at);
	assert_null(n.read_by_citizen_at);
	assert_int_equal(n.source_message_id, 0);
	assert_string_equal(n.kind, "note");
	akt_note_clear(&n);
	assert_null(n.body);
	json_decref(j);
}

static void test_published_filed(void **state)
{
	json_t *j = parse(filed);
	struct akt_note n;
	char *err = NULL;

	assert_true(akt_note_decode(j, &n, &err));
	assert_true(n.published);
	assert_string_equal(n.published_at, "2026-11-23T02:26:00Z");
	assert_string_equal(n.read_by_citizen_at, "2026-11-24T18:04:00Z");
	assert_int_equal(n.source_message_id, 54);
	akt_note_clear(&n);
	json_decref(j);
}

static void test_errors(void **state)
{
	json_t *j = parse(internal);
	struct akt_note n;
	char *err = NULL;

	json_object_del(json_object_get(j, "author"), "username");
	assert_false(akt_note_decode(j, &n, &err));
	assert_string_equal(err, "note: field 'author.username' missing");
	assert_null(n.body);
	free(err);
	json_decref(j);

	j = parse(internal);
	err = NULL;
	json_object_set_new(j, "source_message_id", json_string("54"));
	assert_false(akt_note_decode(j, &n, &err));
	assert_string_equal(err, "note: field 'source_message_id' is a "
				 "string, expected an integer");
	free(err);
	json_decref(j);

	j = parse(internal);
	err = NULL;
	json_object_set_new(j, "published", json_null());
	assert_false(akt_note_decode(j, &n, &err));
	assert_string_equal(err, "note: field 'published' is null, expected "
				 "a boolean");
	free(err);
	json_decref(j);

	j = parse("[1]");
	err = NULL;
	assert_false(akt_note_decode(j, &n, &err));
	assert_string_equal(err, "note: the answer is an array, expected an "
				 "object");
	free(err);
	json_decref(j);
}

static void test_page(void **state)
{
	char text[2048];
	json_t *j;
	struct akt_note_page p;
	char *err = NULL;

	snprintf(text, sizeof(text), "{\"items\":[%s,%s],\"next\":\"Mjc\","
		 "\"prev\":null,\"total\":3,\"extra\":true}", internal, filed);
	j = parse(text);
	assert_true(akt_note_page_decode(j, &p, &err));
	assert_int_equal(p.n, 2);
	assert_int_equal(p.items[1].id, 62);
	assert_string_equal(p.next, "Mjc");
	assert_null(p.prev);
	assert_int_equal(p.total, 3);
	akt_note_page_clear(&p);
	assert_null(p.items);
	assert_null(p.next);
	json_decref(j);

	/* an error names the item */
	j = parse(text);
	json_object_del(json_array_get(json_object_get(j, "items"), 1),
			"created_at");
	err = NULL;
	assert_false(akt_note_page_decode(j, &p, &err));
	assert_string_equal(err, "notes: field 'items[1].created_at' missing");
	assert_int_equal(p.n, 0);
	free(err);
	json_decref(j);

	/* the shape the sandbox's wrong_shape fault sends */
	j = parse("{\"unexpected\":[1,2,3]}");
	err = NULL;
	assert_false(akt_note_page_decode(j, &p, &err));
	assert_string_equal(err, "notes: field 'items' missing");
	free(err);
	json_decref(j);
}

static void test_receipts(void **state)
{
	json_t *j = parse("{\"items\":[{\"party\":{\"id\":7,\"name\":"
			  "\"Åsa Öberg\",\"role\":\"applicant\"},\"read_at\":"
			  "\"2026-11-21T18:04:00Z\"},{\"party\":{\"id\":8,"
			  "\"name\":\"Per Öberg\",\"role\":\"co_applicant\"},"
			  "\"read_at\":\"2026-11-22T07:00:00Z\"}]}");
	struct akt_receipt_list l;
	char *err = NULL;

	assert_true(akt_receipt_list_decode(j, &l, &err));
	assert_int_equal(l.n, 2);
	assert_int_equal(l.items[0].party_id, 7);
	assert_string_equal(l.items[0].party_name, "Åsa Öberg");
	assert_string_equal(l.items[1].party_role, "co_applicant");
	assert_string_equal(l.items[1].read_at, "2026-11-22T07:00:00Z");
	akt_receipt_list_clear(&l);
	assert_int_equal(l.n, 0);

	json_object_del(json_object_get(json_array_get(
		json_object_get(j, "items"), 1), "party"), "role");
	assert_false(akt_receipt_list_decode(j, &l, &err));
	assert_string_equal(err, "receipts: field 'items[1].party.role' "
				 "missing");
	free(err);
	json_decref(j);

	j = parse("{\"items\":[]}");
	err = NULL;
	assert_true(akt_receipt_list_decode(j, &l, &err));
	assert_int_equal(l.n, 0);
	akt_receipt_list_clear(&l);
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_internal),
		cmocka_unit_test(test_published_filed),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_receipts),
	};

	return cmocka_run_group_tests_name("note", tests, NULL, NULL);
}

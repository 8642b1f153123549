/*
 * test_reveal.c — the answer of a reveal, and what the full-screen
 * client reads from an event's data without touching JSON.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/event.h"
#include "akt/reveal.h"
#include "akt/xalloc.h"
#include "json_fixture.h"

static void reveal_answer(void **state)
{
	json_t *j = parse("{\"party_id\":7,\"personal_number\":"
			  "\"198503121234\"}");
	int64_t party = 0;
	char *number = NULL, *err = NULL;

	assert_true(akt_reveal_decode(j, &party, &number, &err));
	assert_int_equal(party, 7);
	assert_string_equal(number, "198503121234");
	xfree_secret(&number);
	assert_null(number);
	json_decref(j);
}

static void reveal_answer_without_number(void **state)
{
	json_t *j = parse("{\"party_id\":7}");
	int64_t party = 0;
	char *number = NULL, *err = NULL;

	assert_false(akt_reveal_decode(j, &party, &number, &err));
	assert_null(number);
	assert_non_null(strstr(err, "personal_number"));
	xfree(&err);
	json_decref(j);
	j = parse("[1]");
	assert_false(akt_reveal_decode(j, &party, &number, &err));
	free(err);
	json_decref(j);
}

static void event_data_members(void **state)
{
	json_t *j = parse("{\"seq\":\"9\",\"type\":\"note.read\","
			  "\"at\":\"2026-11-21T18:04:00Z\",\"actor\":{"
			  "\"kind\":\"citizen\",\"name\":\"Åsa Öberg\","
			  "\"officer\":null},\"case\":{\"id\":1,\"number\":"
			  "\"BYGG-2026-000001\",\"queue_id\":1},\"data\":{"
			  "\"note_id\":12,\"party_id\":7,\"by\":\"citizen\","
			  "\"flag\":true}}");
	struct akt_event e;
	char *err = NULL;

	assert_true(akt_event_decode(j, &e, &err));
	json_decref(j);
	assert_int_equal(akt_event_data_int(&e, "note_id"), 12);
	assert_int_equal(akt_event_data_int(&e, "party_id"), 7);
	/* missing, or of another type: nothing */
	assert_int_equal(akt_event_data_int(&e, "thread_id"), 0);
	assert_int_equal(akt_event_data_int(&e, "by"), 0);
	assert_int_equal(akt_event_data_int(&e, "flag"), 0);
	akt_event_clear(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reveal_answer),
		cmocka_unit_test(reveal_answer_without_number),
		cmocka_unit_test(event_data_members),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

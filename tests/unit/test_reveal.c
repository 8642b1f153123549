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

/* Full numbers in text are masked as the platform masks them; what
 * only looks like one (organisation numbers, dates, longer digit runs,
 * case numbers) is left alone. */
static void pin_mask(void **state)
{
	static const struct { const char *in, *out; size_t n; } cases[] = {
		{ "› Applicant  19850312-1234  x", "› Applicant  19850312-****  x",
		  1 },
		{ "198503121234", "19850312****", 1 },
		{ "850312-1234 and 850312+1234", "850312-**** and 850312+****",
		  2 },
		{ "samordning 19850372-1234", "samordning 19850372-****", 1 },
		{ "org 556677-8899 / 212000-1234", "org 556677-8899 / "
		  "212000-1234", 0 },
		{ "BYGG-2026-000123 2026-11-20 12:00", "BYGG-2026-000123 "
		  "2026-11-20 12:00", 0 },
		{ "1198503121234 19850312-12345 919850312-1234",
		  "1198503121234 19850312-12345 919850312-1234", 0 },
		{ "19851312-1234 19850300-1234", "19851312-1234 19850300-1234",
		  0 },
		{ "19850312-****", "19850312-****", 0 },
		{ "end 19850312-123", "end 19850312-123", 0 },
		/* ten digits alone: a number only with its check digit */
		{ "8503121231", "850312****", 1 },
		{ "pnr:8503721238.", "pnr:850372****.", 1 },
		{ "8503121234 tel 0701234567", "8503121234 tel 0701234567",
		  0 },
		{ "org 5566778899 2120001231", "org 5566778899 2120001231",
		  0 },
		{ "8513121239 8503001235", "8513121239 8503001235", 0 },
		{ "18503121231 85031212310", "18503121231 85031212310", 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char buf[128];

		snprintf(buf, sizeof(buf), "%s", cases[i].in);
		assert_int_equal(akt_pin_mask(buf), cases[i].n);
		assert_string_equal(buf, cases[i].out);
	}
}

/* What the line editor keeps out of its history files. */
static void pin_holds(void **state)
{
	(void)state;
	assert_true(akt_pin_holds("8503121231"));
	assert_true(akt_pin_holds("search 19850312-1234"));
	assert_true(akt_pin_holds("198503121234"));
	assert_false(akt_pin_holds("search Pinström"));
	assert_false(akt_pin_holds("19850312-****"));
	assert_false(akt_pin_holds("BYGG-2026-000123"));
	assert_false(akt_pin_holds(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reveal_answer),
		cmocka_unit_test(reveal_answer_without_number),
		cmocka_unit_test(event_data_members),
		cmocka_unit_test(pin_mask),
		cmocka_unit_test(pin_holds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_ops_body.c — the request bodies of the platform's writes, byte
 * for byte: what is left out, what is kept, and text that is not UTF-8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/ops.h"

/* "\xff" is never UTF-8; "\xc3" alone is a cut sequence. */
static const char bad[] = "Hej \xff d\xc3";

static void expect(char *got, const char *want)
{
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_status(void **state)
{
	expect(akt_status_change_body("closed", NULL, false),
	       "{\"to\":\"closed\",\"notify\":false}");
	expect(akt_status_change_body("in_progress", "Påbörjad, se bilaga",
				      true),
	       "{\"to\":\"in_progress\",\"comment\":\"Påbörjad, se bilaga\","
	       "\"notify\":true}");
	/* an empty comment is a comment */
	expect(akt_status_change_body("closed", "", true),
	       "{\"to\":\"closed\",\"comment\":\"\",\"notify\":true}");
	/* quotes and line breaks escaped */
	expect(akt_status_change_body("closed", "a \"b\"\nc", false),
	       "{\"to\":\"closed\",\"comment\":\"a \\\"b\\\"\\nc\","
	       "\"notify\":false}");
	assert_null(akt_status_change_body("closed", bad, true));
}

static void test_assign(void **state)
{
	expect(akt_assign_body("anna"), "{\"officer\":\"anna\"}");
	expect(akt_assign_body("åsa.öberg"), "{\"officer\":\"åsa.öberg\"}");
	assert_null(akt_assign_body(bad));
}

static void test_note(void **state)
{
	expect(akt_note_body("Komplettering inkommen.\nRad två.", false),
	       "{\"body\":\"Komplettering inkommen.\\nRad två.\","
	       "\"publish\":false}");
	expect(akt_note_body("Beslut fattat ✓", true),
	       "{\"body\":\"Beslut fattat ✓\",\"publish\":true}");
	assert_null(akt_note_body(bad, false));
}

static void test_reply(void **state)
{
	expect(akt_reply_body("Tack för ert ärende. 😀"),
	       "{\"body\":\"Tack för ert ärende. 😀\"}");
	/* a control character goes as an escape, not raw */
	expect(akt_reply_body("a\tb\x01"), "{\"body\":\"a\\tb\\u0001\"}");
	assert_null(akt_reply_body(bad));
}

static void test_file_message(void **state)
{
	expect(akt_file_message_body(NULL), "{}");
	expect(akt_file_message_body("Diarieförd"),
	       "{\"comment\":\"Diarieförd\"}");
	assert_null(akt_file_message_body(bad));
}

static void test_legal_hold(void **state)
{
	expect(akt_legal_hold_body(true, "Överklagat till mark- och "
				   "miljödomstolen"),
	       "{\"active\":true,\"reason\":\"Överklagat till mark- och "
	       "miljödomstolen\"}");
	/* lifting carries no reason, whatever is given */
	expect(akt_legal_hold_body(false, "ignored"), "{\"active\":false}");
	expect(akt_legal_hold_body(false, NULL), "{\"active\":false}");
	assert_null(akt_legal_hold_body(true, bad));
	assert_null(akt_legal_hold_body(true, NULL));
}

static void test_retention_policy(void **state)
{
	expect(akt_retention_policy_body(3650), "{\"days\":3650}");
	expect(akt_retention_policy_body(1), "{\"days\":1}");
}

static void test_text_ok(void **state)
{
	assert_true(akt_op_text_ok(""));
	assert_true(akt_op_text_ok("Ärende åäö ✓ 😀"));
	assert_false(akt_op_text_ok(bad));
	/* an encoded surrogate is not UTF-8 */
	assert_false(akt_op_text_ok("\xed\xa0\x80"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_assign),
		cmocka_unit_test(test_note),
		cmocka_unit_test(test_reply),
		cmocka_unit_test(test_file_message),
		cmocka_unit_test(test_legal_hold),
		cmocka_unit_test(test_retention_policy),
		cmocka_unit_test(test_text_ok),
	};

	return cmocka_run_group_tests_name("ops_body", tests, NULL, NULL);
}

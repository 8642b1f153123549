/*
 * test_sanitize.c — one test per sanitizer rule, then the invariants
 * (valid UTF-8, no controls, idempotence) over nasty and random input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/sanitize.h"
#include "akt/utf8.h"

/* Sanitize a byte string and compare with the expected result. */
static void check(const char *in, size_t len, unsigned flags,
		  const char *want, unsigned want_found)
{
	unsigned found = 0;
	char *out = akt_sanitize(in, len, flags, &found);

	assert_string_equal(out, want);
	assert_int_equal(found, want_found);
	free(out);
}

#define CHECK(in, flags, want, found) \
	check(in, sizeof(in) - 1, flags, want, found)

static void test_plain_text_unchanged(void **state)
{
	CHECK("Ärende BYGG-2026-000123: Åsa Öberg, ångest", 0,
	      "Ärende BYGG-2026-000123: Åsa Öberg, ångest", 0);
	CHECK("東京 😀", 0, "東京 😀", 0);
	check(NULL, 0, 0, "", 0);
}

static void test_invalid_utf8_replaced(void **state)
{
	CHECK("a\x80z", 0, "a\xEF\xBF\xBDz", AKT_FOUND_INVALID);
	/* overlong '/' */
	CHECK("\xC0\xAF", 0, "\xEF\xBF\xBD\xEF\xBF\xBD", AKT_FOUND_INVALID);
	/* truncated 3-byte sequence: one replacement for the whole prefix */
	CHECK("\xE2\x82" "A", 0, "\xEF\xBF\xBD" "A", AKT_FOUND_INVALID);
	CHECK("x\xE2\x82", 0, "x\xEF\xBF\xBD", AKT_FOUND_INVALID);
	/* beyond U+10FFFF and bytes that never start a character */
	CHECK("\xF4\x90\x80\x80", 0,
	      "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
	      AKT_FOUND_INVALID);
	CHECK("\xF5\xFF", 0, "\xEF\xBF\xBD\xEF\xBF\xBD", AKT_FOUND_INVALID);
}

static void test_raw_c1_bytes_are_invalid(void **state)
{
	/* 0x9B alone is CSI on 8-bit terminals; in UTF-8 it is a stray
	 * continuation byte. */
	CHECK("\x9B" "31m", 0, "\xEF\xBF\xBD" "31m", AKT_FOUND_INVALID);
}

static void test_encoded_c1_replaced(void **state)
{
	CHECK("\xC2\x9B" "2J", 0, "\xEF\xBF\xBD" "2J", AKT_FOUND_C1);
	CHECK("\xC2\x85", 0, "\xEF\xBF\xBD", AKT_FOUND_C1);      /* NEL */
	CHECK("\xC2\x80\xC2\x9F", 0, "\xEF\xBF\xBD\xEF\xBF\xBD", AKT_FOUND_C1);
}

static void test_c0_controls_shown_as_pictures(void **state)
{
	CHECK("\x1B[31mred", 0, "␛[31mred", AKT_FOUND_CONTROL);
	CHECK("\x1B]0;title\x07", 0, "␛]0;title␇", AKT_FOUND_CONTROL);
	CHECK("a\0b", 0, "a␀b", AKT_FOUND_CONTROL);
	CHECK("back\b\b", 0, "back␈␈", AKT_FOUND_CONTROL);
	CHECK("\x7F", 0, "␡", AKT_FOUND_CONTROL);
	CHECK("\x0B\x0C", AKT_SAN_ONELINE, "␋␌", AKT_FOUND_CONTROL);
}

static void test_tab_expands_to_next_stop(void **state)
{
	CHECK("a\tb", 0, "a       b", 0);
	CHECK("12345678\tx", 0, "12345678        x", 0);
	CHECK("\t", 0, "        ", 0);
	CHECK("ab\ncd\te", 0, "ab\ncd      e", 0);
	/* a wide character takes two columns */
	CHECK("東\tx", 0, "東      x", 0);
}

static void test_oneline_folds_newline_and_tab(void **state)
{
	CHECK("a\nb\tc", AKT_SAN_ONELINE, "a b c", 0);
	CHECK("a\r\nb", AKT_SAN_ONELINE, "a b", 0);
	CHECK("a\xE2\x80\xA8" "b", AKT_SAN_ONELINE, "a b", 0);
}

static void test_cr_dropped(void **state)
{
	CHECK("a\r\nb\r", 0, "a\nb", 0);
	CHECK("over\rwrite", 0, "overwrite", 0);
}

static void test_line_separators_become_newlines(void **state)
{
	CHECK("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c", 0, "a\nb\nc", 0);
}

static void test_bidi_controls_removed(void **state)
{
	static const char *const bidi[] = {
		"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD",
		"\xE2\x80\xAE", "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8",
		"\xE2\x81\xA9", "\xE2\x80\x8E", "\xE2\x80\x8F", "\xD8\x9C",
	};

	for (size_t i = 0; i < AKT_LEN(bidi); i++) {
		char in[32];

		snprintf(in, sizeof(in), "a%sb", bidi[i]);
		check(in, strlen(in), 0, "ab", AKT_FOUND_BIDI);
	}
	/* "invoice_\u202Efdp.exe" must not display as "invoice_exe.pdf" */
	CHECK("invoice_\xE2\x80\xAE" "fdp.exe", 0, "invoice_fdp.exe",
	      AKT_FOUND_BIDI);
}

static void test_invisible_characters_removed(void **state)
{
	static const char *const invisible[] = {
		"\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D", "\xE2\x81\xA0",
		"\xE2\x81\xA1", "\xE2\x81\xA2", "\xE2\x81\xA3", "\xE2\x81\xA4",
		"\xEF\xBB\xBF", "\xC2\xAD", "\xE1\xA0\x8E",
		/* other format characters: U+0600, U+06DD, U+070F, U+08E2,
		 * U+110BD, U+13430, U+1BCA0, U+1D173 */
		"\xD8\x80", "\xDB\x9D", "\xDC\x8F", "\xE0\xA3\xA2",
		"\xF0\x91\x82\xBD", "\xF0\x93\x90\xB0",
		"\xF0\x9B\xB2\xA0", "\xF0\x9D\x85\xB3",
	};

	for (size_t i = 0; i < AKT_LEN(invisible); i++) {
		char in[32];

		snprintf(in, sizeof(in), "a%sb", invisible[i]);
		check(in, strlen(in), 0, "ab", AKT_FOUND_INVISIBLE);
	}
}

static void test_tag_characters_removed(void **state)
{
	/* U+E0041 U+E0042 U+E007F: "AB" hidden from the reader */
	CHECK("ok\xF3\xA0\x81\x81\xF3\xA0\x81\x82\xF3\xA0\x81\xBF", 0, "ok",
	      AKT_FOUND_TAG);
}

static void test_combining_marks_capped(void **state)
{
	/* e + six acute accents → e + four */
	CHECK("e\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81" "x", 0,
	      "e\xCC\x81\xCC\x81\xCC\x81\xCC\x81" "x", AKT_FOUND_MARKS);
	/* up to the limit nothing changes, and the count restarts per base */
	CHECK("a\xCC\x88\xCC\x88" "o\xCC\x88\xCC\x88\xCC\x88\xCC\x88", 0,
	      "a\xCC\x88\xCC\x88" "o\xCC\x88\xCC\x88\xCC\x88\xCC\x88", 0);
	/* marks from other blocks count too (U+20D0, U+1DC0, U+FE20) */
	CHECK("a\xE2\x83\x90\xE1\xB7\x80\xEF\xB8\xA0\xCD\x85\xCD\x85", 0,
	      "a\xE2\x83\x90\xE1\xB7\x80\xEF\xB8\xA0\xCD\x85", AKT_FOUND_MARKS);
	/* a removed character between marks does not restart the count */
	CHECK("a\xCC\x81\xCC\x81\xCC\x81\xE2\x80\x8B\xCC\x81\xCC\x81", 0,
	      "a\xCC\x81\xCC\x81\xCC\x81\xCC\x81",
	      AKT_FOUND_MARKS | AKT_FOUND_INVISIBLE);
}

static void test_surrogates_and_noncharacters_replaced(void **state)
{
	/* an encoded surrogate is one replacement */
	CHECK("\xED\xA0\x80", 0, "\xEF\xBF\xBD", AKT_FOUND_INVALID);
	CHECK("\xED\xBF\xBF" "z", 0, "\xEF\xBF\xBD" "z", AKT_FOUND_INVALID);
	CHECK("\xEF\xB7\x90", 0, "\xEF\xBF\xBD", AKT_FOUND_INVALID);  /* FDD0 */
	CHECK("\xEF\xBF\xBE", 0, "\xEF\xBF\xBD", AKT_FOUND_INVALID);  /* FFFE */
	CHECK("\xF0\x9F\xBF\xBF", 0, "\xEF\xBF\xBD", AKT_FOUND_INVALID);
	CHECK("\xF4\x8F\xBF\xBF", 0, "\xEF\xBF\xBD", AKT_FOUND_INVALID);
}

static void test_found_accumulates(void **state)
{
	unsigned found = AKT_FOUND_TAG;
	char *out = akt_sanitize("\x1B", 1, 0, &found);

	assert_int_equal(found, AKT_FOUND_TAG | AKT_FOUND_CONTROL);
	free(out);
	out = akt_sanitize_str(NULL, 0);
	assert_string_equal(out, "");
	free(out);
}

/* ---- invariants ---------------------------------------------------- */

static const char *const nasty[] = {
	"\x1B[2J\x1B[H\x1B]52;c;ZXZpbA==\x07",
	"\xC2\x9B" "6n\x9B" "6n",
	"\xE2\x80\xAE\xE2\x81\xA6" "abc\xE2\x81\xA9\xE2\x80\xAC",
	"e\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81",
	"\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81",
	"a\t\tb\tc\r\n\td\x0B",
	"\xED\xA0\x80\xED\xB0\x80\xEF\xBF\xBF\xC0\x80\xE0\x80\x80",
	"\xF3\xA0\x81\x81\xE2\x80\x8B\xC2\xAD\xEF\xBB\xBF",
	"\xE2\x80\xA8\xE2\x80\xA9\r\r\n",
	"東\t京\t😀\tx",
	"\xF0\x9F\x98",
	"\x7F\x80\x81\xFE\xFF",
};

static void assert_safe(const char *s, bool oneline)
{
	size_t len = strlen(s), pos = 0;

	while (pos < len) {
		uint32_t cp;
		size_t n = akt_utf8_decode(s + pos, len - pos, &cp);

		assert_true(cp != AKT_UTF8_BAD);
		assert_true(cp >= 0x20 || (cp == '\n' && !oneline));
		assert_true(cp != 0x7F && (cp < 0x80 || cp > 0x9F));
		enum akt_cp_class cls = akt_cp_class(cp);
		assert_true(cls == AKT_CP_PLAIN || cls == AKT_CP_COMBINING ||
			    (cls == AKT_CP_NEWLINE && cp == '\n'));
		pos += n;
	}
}

static void assert_idempotent(const char *in, size_t len, unsigned flags)
{
	unsigned found = 0;
	char *once = akt_sanitize(in, len, flags, NULL);
	char *twice = akt_sanitize(once, strlen(once), flags, &found);

	assert_safe(once, flags & AKT_SAN_ONELINE);
	assert_string_equal(once, twice);
	assert_int_equal(found, 0);
	free(once);
	free(twice);
}

static void test_idempotent_on_nasty_input(void **state)
{
	for (size_t i = 0; i < AKT_LEN(nasty); i++) {
		assert_idempotent(nasty[i], strlen(nasty[i]), 0);
		assert_idempotent(nasty[i], strlen(nasty[i]), AKT_SAN_ONELINE);
	}
}

static void test_idempotent_on_random_input(void **state)
{
	/* Bytes drawn mostly from the interesting ranges, deterministic. */
	static const unsigned char pool[] = {
		0x00, 0x09, 0x0A, 0x0D, 0x1B, 0x7F, 0x80, 0x9B, 0xAD, 0xBF,
		0xC2, 0xCC, 0x81, 0xE2, 0x80, 0xAE, 0x8B, 0xED, 0xA0, 0xEF,
		0xBB, 0xF0, 0xF3, 0xF4, 0x8F, 0xFF, 'a', ' ', 0xA8, 0x90,
	};
	uint32_t x = 2463534242u;

	for (int round = 0; round < 20000; round++) {
		unsigned char in[24];
		size_t len = 1 + round % sizeof(in);

		for (size_t i = 0; i < len; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			in[i] = pool[x % sizeof(pool)];
		}
		assert_idempotent((const char *)in, len, 0);
		assert_idempotent((const char *)in, len, AKT_SAN_ONELINE);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text_unchanged),
		cmocka_unit_test(test_invalid_utf8_replaced),
		cmocka_unit_test(test_raw_c1_bytes_are_invalid),
		cmocka_unit_test(test_encoded_c1_replaced),
		cmocka_unit_test(test_c0_controls_shown_as_pictures),
		cmocka_unit_test(test_tab_expands_to_next_stop),
		cmocka_unit_test(test_oneline_folds_newline_and_tab),
		cmocka_unit_test(test_cr_dropped),
		cmocka_unit_test(test_line_separators_become_newlines),
		cmocka_unit_test(test_bidi_controls_removed),
		cmocka_unit_test(test_invisible_characters_removed),
		cmocka_unit_test(test_tag_characters_removed),
		cmocka_unit_test(test_combining_marks_capped),
		cmocka_unit_test(test_surrogates_and_noncharacters_replaced),
		cmocka_unit_test(test_found_accumulates),
		cmocka_unit_test(test_idempotent_on_nasty_input),
		cmocka_unit_test(test_idempotent_on_random_input),
	};

	return cmocka_run_group_tests_name("sanitize", tests, NULL, NULL);
}

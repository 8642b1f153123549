/*
 * test_ui_wrap.c — wrapping platform text to a width in display columns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/ui.h"
#include "akt/ui_wrap.h"

#include <locale.h>

/* Wrap text to cols and compare with the lines wanted (NULL-ended). */
static void check(const char *text, int cols, const char *const *want)
{
	size_t n, k = 0;
	char **lines = ui_wrap(text, cols, &n);

	while (want[k])
		k++;
	for (size_t i = 0; i < n && i < k; i++)
		assert_string_equal(lines[i], want[i]);
	assert_int_equal(n, k);
	ui_wrap_free(&lines, &n);
	assert_null(lines);
	assert_int_equal(n, 0);
}

#define CHECK(text, cols, ...) \
	check((text), (cols), (const char *const[]){ __VA_ARGS__, NULL })

static void test_words(void **state)
{
	CHECK("the quick brown fox jumps", 10,
	      "the quick", "brown fox", "jumps");
	/* exactly the width fits; spaces at a break are dropped */
	CHECK("abcde fghij", 5, "abcde", "fghij");
	CHECK("abc    def", 5, "abc", "def");
	CHECK("one two  ", 20, "one two");
	/* the spaces between words on one line are kept as written */
	CHECK("a  b", 10, "a  b");
}

static void test_display_widths(void **state)
{
	/* å ä ö are one column each though two bytes */
	CHECK("åäö åäö åäö", 7, "åäö åäö", "åäö");
	/* wide characters are two columns; a word of them is cut between
	 * characters, never in the middle of one */
	CHECK("日本語テキスト", 5, "日本", "語テ", "キス", "ト");
	CHECK("日本 語", 4, "日本", "語");
	/* a combining mark stays with its letter (e + U+0301) */
	CHECK("abe\xcc\x81" "cd", 3, "abe\xcc\x81", "cd");
}

static void test_long_words(void **state)
{
	CHECK("see https://example.se/a/very/long/path now", 12,
	      "see", "https://exam", "ple.se/a/ver", "y/long/path", "now");
	/* a width too narrow for a wide character still moves on */
	CHECK("日本", 1, "日", "本");
	CHECK("abc", 0, "a", "b", "c");
}

static void test_paragraphs(void **state)
{
	size_t n;
	char **lines;

	CHECK("first\n\nsecond line", 6, "first", "", "second", "line");
	/* a paragraph's indentation is kept */
	CHECK("list:\n  - one\n  - two", 20, "list:", "  - one", "  - two");
	/* a final line break adds no empty line; CRLF reads as LF */
	CHECK("a\r\nb\n", 5, "a", "b");
	/* nothing at all gives no lines */
	lines = ui_wrap("", 10, &n);
	assert_int_equal(n, 0);
	assert_null(lines);
}

static void test_sanitized(void **state)
{
	/* ESC is shown as its picture, never sent to the terminal */
	CHECK("\x1b[2Jred", 20, "\xe2\x90\x9b[2Jred");
	/* a tab becomes spaces to the next multiple of 8 */
	CHECK("a\tb", 20, "a       b");
	/* bidi overrides are removed */
	CHECK("ab\xe2\x80\xae" "cd", 20, "abcd");
}

/* Whatever the text, no line is wider than the width and no
 * non-space character is lost. */
static void test_never_wider(void **state)
{
	static const char *const words[] = {
		"å", "ärende", "日本語", "x", "Byggnadsnämnden",
		"e\xcc\x81t\xc3\xa9", "🙂", "  ", "a-b-c-d-e-f-g-h",
	};
	unsigned seed = 7;

	for (int round = 0; round < 200; round++) {
		char text[600] = "";
		int cols = 1 + round % 23;
		size_t n, in = 0, out = 0;
		char **lines;

		for (int k = 0; k < 20; k++) {
			seed = seed * 1103515245u + 12345u;
			strcat(text, words[(seed >> 16) % AKT_LEN(words)]);
			strcat(text, (seed >> 8) % 5 ? " " : "\n");
		}
		for (const char *p = text; *p; p++)
			in += *p != ' ' && *p != '\n';
		lines = ui_wrap(text, cols, &n);
		for (size_t i = 0; i < n; i++) {
			/* one wide character may stand alone on a line
			 * narrower than itself */
			if (cols > 1)
				assert_true(ui_width(lines[i]) <= cols);
			for (const char *p = lines[i]; *p; p++)
				out += *p != ' ';
		}
		assert_int_equal(in, out);
		ui_wrap_free(&lines, &n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_display_widths),
		cmocka_unit_test(test_long_words),
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_sanitized),
		cmocka_unit_test(test_never_wider),
	};

	/* ui_width asks the C library for widths, as curses does */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}

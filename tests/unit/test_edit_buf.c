/*
 * test_edit_buf.c — the built-in editor's text model: edits and moves
 * by character (whole UTF-8 sequences, combining marks with their
 * base), by word, by line and by visual row; undo and redo; soft wrap
 * of ASCII, å/ä/ö, CJK and emoji; the remembered layout kept right
 * across random edits; scrolling; and a 100 KB text typed into without
 * lag.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/edit_buf.h"
#include "akt/xalloc.h"

#include <time.h>

static struct akt_eb *eb(const char *text, size_t cursor, int width)
{
	struct akt_eb *b = akt_eb_new(text);

	akt_eb_set_width(b, width);
	akt_eb_set_cursor(b, cursor);
	return b;
}

static void type(struct akt_eb *b, const char *s)
{
	akt_eb_insert(b, s, strlen(s));
}

/* The rows of the whole text as "text|" strings joined, for checking
 * a layout at a glance. */
static char *rows_of(struct akt_eb *b)
{
	struct akt_eb_row r;
	size_t p = 0;
	char *out = xstrdup("");

	while (akt_eb_row_at(b, p, &r)) {
		char *t = xasprintf("%s%.*s|", out, (int)(r.end - r.start),
				    akt_eb_text(b) + r.start);

		free(out);
		out = t;
		p = r.next;
	}
	return out;
}

#define ROWS(b, want) do { char *r_ = rows_of(b); \
	assert_string_equal(r_, (want)); free(r_); } while (0)

static void test_insert_and_delete_utf8(void **state)
{
	struct akt_eb *b = eb("", 0, 80);

	type(b, "h");
	type(b, "å");
	type(b, "l");
	assert_string_equal(akt_eb_text(b), "hål");
	assert_int_equal(akt_eb_cursor(b), 4);
	/* back over l, then å: both whole */
	assert_true(akt_eb_delete_back(b));
	assert_true(akt_eb_delete_back(b));
	assert_string_equal(akt_eb_text(b), "h");
	assert_int_equal(akt_eb_cursor(b), 1);
	type(b, "äö漢😀");
	akt_eb_set_cursor(b, 1);
	assert_true(akt_eb_delete_forward(b));          /* ä, 2 bytes */
	assert_string_equal(akt_eb_text(b), "hö漢😀");
	assert_true(akt_eb_right(b));
	assert_int_equal(akt_eb_cursor(b), 3);           /* after ö */
	assert_true(akt_eb_right(b));
	assert_int_equal(akt_eb_cursor(b), 6);           /* after 漢 */
	assert_true(akt_eb_delete_forward(b));          /* 😀, 4 bytes */
	assert_string_equal(akt_eb_text(b), "hö漢");
	assert_false(akt_eb_delete_forward(b));
	assert_true(akt_eb_left(b));
	assert_int_equal(akt_eb_cursor(b), 3);
	/* a cursor put inside a character moves to its start */
	akt_eb_set_cursor(b, 2);
	assert_int_equal(akt_eb_cursor(b), 1);
	akt_eb_set_cursor(b, 1000);
	assert_int_equal(akt_eb_cursor(b), akt_eb_len(b));
	akt_eb_text_start(b);
	assert_false(akt_eb_delete_back(b));
	assert_false(akt_eb_left(b));
	akt_eb_free(&b);
	assert_null(b);
}

static void test_combining_marks_move_with_their_base(void **state)
{
	/* "e" + COMBINING ACUTE, then "x" */
	struct akt_eb *b = eb("e\xcc\x81x", 0, 80);

	assert_true(akt_eb_right(b));
	assert_int_equal(akt_eb_cursor(b), 3);
	assert_true(akt_eb_left(b));
	assert_int_equal(akt_eb_cursor(b), 0);
	akt_eb_text_end(b);
	akt_eb_left(b);
	akt_eb_left(b);
	assert_int_equal(akt_eb_cursor(b), 0);
	akt_eb_free(&b);
}

static void test_words(void **state)
{
	struct akt_eb *b = eb("hej på  dig\nnästa rad", 0, 80);

	assert_true(akt_eb_word_right(b));
	assert_int_equal(akt_eb_cursor(b), 4);           /* "på" */
	assert_true(akt_eb_word_right(b));
	assert_int_equal(akt_eb_cursor(b), 9);           /* "dig" */
	assert_true(akt_eb_word_right(b));
	assert_int_equal(akt_eb_cursor(b), 13);          /* "nästa" */
	assert_true(akt_eb_word_left(b));
	assert_int_equal(akt_eb_cursor(b), 9);
	assert_true(akt_eb_word_left(b));
	assert_int_equal(akt_eb_cursor(b), 4);
	/* delete the word before the cursor, with the spaces after it */
	akt_eb_set_cursor(b, 9);
	assert_true(akt_eb_delete_word(b));
	assert_string_equal(akt_eb_text(b), "hej dig\nnästa rad");
	assert_int_equal(akt_eb_cursor(b), 4);
	akt_eb_text_start(b);
	assert_false(akt_eb_word_left(b));
	assert_false(akt_eb_delete_word(b));
	akt_eb_text_end(b);
	assert_false(akt_eb_word_right(b));
	akt_eb_free(&b);
}

static void test_delete_lines(void **state)
{
	struct akt_eb *b = eb("ett\ntvå\ntre", 5, 80);  /* in "två" */

	assert_true(akt_eb_delete_to_eol(b));
	assert_string_equal(akt_eb_text(b), "ett\nt\ntre");
	/* at the end of the line: join the next */
	assert_true(akt_eb_delete_to_eol(b));
	assert_string_equal(akt_eb_text(b), "ett\nttre");
	assert_true(akt_eb_delete_line(b));
	assert_string_equal(akt_eb_text(b), "ett");
	assert_int_equal(akt_eb_cursor(b), 0);
	assert_true(akt_eb_delete_line(b));
	assert_string_equal(akt_eb_text(b), "");
	assert_false(akt_eb_delete_line(b));
	assert_false(akt_eb_delete_to_eol(b));
	akt_eb_free(&b);

	b = eb("a\nb\nc", 2, 80);
	assert_true(akt_eb_delete_line(b));
	assert_string_equal(akt_eb_text(b), "a\nc");
	assert_int_equal(akt_eb_cursor(b), 2);
	akt_eb_free(&b);
}

static void test_undo_redo(void **state)
{
	struct akt_eb *b = eb("", 0, 80);
	uint64_t ch;

	/* a run of typing is one step */
	type(b, "H");
	type(b, "e");
	type(b, "j");
	akt_eb_left(b);
	type(b, "x");
	assert_string_equal(akt_eb_text(b), "Hexj");
	assert_true(akt_eb_undo(b));
	assert_string_equal(akt_eb_text(b), "Hej");
	assert_int_equal(akt_eb_cursor(b), 2);
	ch = akt_eb_changes(b);
	assert_true(akt_eb_undo(b));
	assert_string_equal(akt_eb_text(b), "");
	assert_true(akt_eb_changes(b) > ch);
	assert_false(akt_eb_undo(b));
	assert_true(akt_eb_redo(b));
	assert_string_equal(akt_eb_text(b), "Hej");
	assert_true(akt_eb_redo(b));
	assert_string_equal(akt_eb_text(b), "Hexj");
	assert_false(akt_eb_redo(b));

	/* a run of backspaces is one step, a new edit ends redo */
	akt_eb_text_end(b);
	akt_eb_delete_back(b);
	akt_eb_delete_back(b);
	assert_string_equal(akt_eb_text(b), "He");
	assert_true(akt_eb_undo(b));
	assert_string_equal(akt_eb_text(b), "Hexj");
	type(b, "!");
	assert_false(akt_eb_redo(b));
	/* a line break ends the run */
	type(b, "a");
	type(b, "\n");
	type(b, "b");
	assert_true(akt_eb_undo(b));
	assert_string_equal(akt_eb_text(b), "Hexj!a\n");
	assert_true(akt_eb_undo(b));
	assert_string_equal(akt_eb_text(b), "Hexj!a");

	/* the external editor's text comes back as one step */
	akt_eb_replace(b, "helt ny text");
	assert_string_equal(akt_eb_text(b), "helt ny text");
	assert_true(akt_eb_undo(b));
	assert_string_equal(akt_eb_text(b), "Hexj!a");
	/* deletes undo too */
	akt_eb_set_cursor(b, 0);
	akt_eb_delete_line(b);
	assert_string_equal(akt_eb_text(b), "");
	assert_true(akt_eb_undo(b));
	assert_string_equal(akt_eb_text(b), "Hexj!a");
	akt_eb_free(&b);
}

static void test_wrap_ascii(void **state)
{
	struct akt_eb *b = eb("hello world foo", 0, 10);
	struct akt_eb_row r;

	ROWS(b, "hello |world foo|");
	assert_true(akt_eb_row_at(b, 0, &r));
	assert_true(r.soft);
	assert_int_equal(r.cols, 6);
	assert_int_equal(r.next, 6);
	assert_true(akt_eb_row_at(b, 6, &r));
	assert_false(r.soft);
	assert_true(r.next > akt_eb_len(b));
	assert_false(akt_eb_row_at(b, r.next, &r));
	/* a word longer than the row is cut between characters */
	akt_eb_set_width(b, 4);
	ROWS(b, "hell|o |worl|d |foo|");
	/* line breaks and an empty last line */
	akt_eb_free(&b);
	b = eb("ab\n\ncd\n", 0, 10);
	ROWS(b, "ab||cd||");
	/* exactly the width fits; the space at the break hangs */
	akt_eb_free(&b);
	b = eb("abcde fghij", 0, 5);
	ROWS(b, "abcde |fghij|");
	akt_eb_free(&b);
}

static void test_wrap_wide(void **state)
{
	struct akt_eb *b = eb("åäö åäö åäö", 0, 7);
	struct akt_eb_row r;

	/* å, ä and ö are one column each */
	ROWS(b, "åäö åäö |åäö|");
	akt_eb_row_at(b, 0, &r);
	assert_int_equal(r.cols, 8);
	akt_eb_free(&b);
	/* CJK and emoji are two columns and never split */
	b = eb("漢字漢字漢", 0, 5);
	ROWS(b, "漢字|漢字|漢|");
	akt_eb_row_at(b, 0, &r);
	assert_int_equal(r.cols, 4);
	akt_eb_free(&b);
	b = eb("ab😀😀c", 0, 5);
	ROWS(b, "ab😀|😀c|");
	akt_eb_free(&b);
	/* a row narrower than a character still makes progress */
	b = eb("漢字", 0, 1);
	ROWS(b, "漢|字|");
	akt_eb_free(&b);
	/* mixed, at a space */
	b = eb("Hej 漢字 och ö", 0, 8);
	ROWS(b, "Hej 漢字 |och ö|");
	akt_eb_free(&b);
}

static void test_rows_and_columns(void **state)
{
	struct akt_eb *b = eb("hello world foo", 15, 10);
	int col;

	assert_int_equal(akt_eb_cursor_row(b, &col), 6);
	assert_int_equal(col, 9);
	/* up keeps the column as near as the row allows: not past the
	 * hanging space, which is the next row's start */
	assert_true(akt_eb_up(b, 1));
	assert_int_equal(akt_eb_cursor(b), 5);
	assert_false(akt_eb_up(b, 1));
	/* back down: the column the moves started in */
	assert_true(akt_eb_down(b, 1));
	assert_int_equal(akt_eb_cursor(b), 15);
	assert_false(akt_eb_down(b, 1));
	/* Home and End of the visual row */
	akt_eb_home(b);
	assert_int_equal(akt_eb_cursor(b), 6);
	akt_eb_set_cursor(b, 2);
	akt_eb_end(b);
	assert_int_equal(akt_eb_cursor(b), 5);
	akt_eb_home(b);
	assert_int_equal(akt_eb_cursor(b), 0);
	/* a position at a soft break belongs to the next row */
	assert_int_equal(akt_eb_row_start(b, 6), 6);
	assert_int_equal(akt_eb_row_start(b, 5), 0);
	akt_eb_free(&b);

	/* the goal column survives a short line */
	b = eb("abcdef\nab\nabcdef", 5, 80);
	assert_true(akt_eb_down(b, 1));
	assert_int_equal(akt_eb_cursor(b), 9);
	assert_true(akt_eb_down(b, 1));
	assert_int_equal(akt_eb_cursor(b), 15);
	assert_true(akt_eb_up(b, 2));
	assert_int_equal(akt_eb_cursor(b), 5);
	akt_eb_free(&b);

	/* columns of wide characters: down from col 3 lands before the
	 * character that covers it */
	b = eb("abcd\n漢字漢", 3, 80);
	assert_true(akt_eb_down(b, 1));
	akt_eb_cursor_row(b, &col);
	assert_int_equal(col, 2);
	assert_int_equal(akt_eb_cursor(b), 5 + 3);
	akt_eb_free(&b);
}

static void test_pages_and_scroll(void **state)
{
	char *text = xstrdup("");
	struct akt_eb *b;
	size_t top = 0;
	int idx;

	for (int i = 0; i < 50; i++) {
		char *t = xasprintf("%srad %02d\n", text, i);

		free(text);
		text = t;
	}
	b = eb(text, 0, 40);
	idx = akt_eb_scroll(b, &top, 10);
	assert_int_equal(top, 0);
	assert_int_equal(idx, 0);
	/* PgDn: 9 rows */
	assert_true(akt_eb_down(b, 9));
	assert_int_equal(akt_eb_cursor(b), 9 * 7);
	idx = akt_eb_scroll(b, &top, 10);
	assert_int_equal(top, 0);
	assert_int_equal(idx, 9);
	assert_true(akt_eb_down(b, 1));
	idx = akt_eb_scroll(b, &top, 10);
	assert_int_equal(top, 7);
	assert_int_equal(idx, 9);
	/* to the end: the cursor's row is the last one shown */
	akt_eb_text_end(b);
	idx = akt_eb_scroll(b, &top, 10);
	assert_int_equal(idx, 9);
	assert_int_equal(top, 41 * 7);
	/* and back to the start */
	assert_false(akt_eb_down(b, 9));
	akt_eb_text_start(b);
	idx = akt_eb_scroll(b, &top, 10);
	assert_int_equal(top, 0);
	assert_int_equal(idx, 0);
	/* one row: the cursor's row is the top */
	akt_eb_set_cursor(b, 5 * 7);
	idx = akt_eb_scroll(b, &top, 1);
	assert_int_equal(idx, 0);
	assert_int_equal(top, 5 * 7);
	assert_true(akt_eb_down(b, 1));
	idx = akt_eb_scroll(b, &top, 1);
	assert_int_equal(idx, 0);
	assert_int_equal(top, 6 * 7);
	akt_eb_set_cursor(b, 2 * 7);
	idx = akt_eb_scroll(b, &top, 1);
	assert_int_equal(idx, 0);
	assert_int_equal(top, 2 * 7);
	akt_eb_text_start(b);
	akt_eb_scroll(b, &top, 10);
	/* a top made stale by an edit is mended */
	top = 3;
	akt_eb_scroll(b, &top, 10);
	assert_int_equal(top, 0);
	free(text);
	akt_eb_free(&b);
}

/* A cursor put inside a 3- or 4-byte character moves to its start. */
static void test_cursor_inside_long_sequences(void **state)
{
	/* "a–b…€😀": – … € are 3 bytes, 😀 4 */
	struct akt_eb *b = eb("a\xe2\x80\x93" "b\xe2\x80\xa6\xe2\x82\xac"
			      "\xf0\x9f\x98\x80", 0, 80);
	const size_t want[] = { 0, 1, 1, 1, 4, 5, 5, 5, 8, 8, 8,
				11, 11, 11, 11, 15 };

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		akt_eb_set_cursor(b, i);
		assert_int_equal(akt_eb_cursor(b), want[i]);
	}
	/* a stray continuation byte is a character of its own */
	akt_eb_free(&b);
	b = eb("a\x80\x80z", 0, 80);
	akt_eb_set_cursor(b, 2);
	assert_int_equal(akt_eb_cursor(b), 2);
	akt_eb_free(&b);
}

/* The row starts of the whole text laid out from scratch: ref[p] is the
 * start of the row holding p, for every p up to len. */
static size_t *ref_row_starts(struct akt_eb *b)
{
	size_t len = akt_eb_len(b), p = 0, *ref = xcalloc(len + 1,
							   sizeof(*ref));
	struct akt_eb_row r;

	while (akt_eb_row_at(b, p, &r)) {
		for (size_t q = r.start; q < r.next && q <= len; q++)
			ref[q] = r.start;
		p = r.next;
	}
	return ref;
}

static bool is_char_start(struct akt_eb *b, size_t p)
{
	return p == akt_eb_len(b) ||
	       ((unsigned char)akt_eb_text(b)[p] & 0xc0) != 0x80;
}

/* Row starts the buffer gives (with whatever it remembers from earlier
 * layouts) must be those of a layout from scratch. */
static void check_layout(struct akt_eb *b, const char *what)
{
	size_t *ref = ref_row_starts(b), len = akt_eb_len(b), prev;
	int col;

	for (size_t p = 0; p <= len; p++) {
		size_t got;

		if (!is_char_start(b, p))
			continue;
		got = akt_eb_row_start(b, p);
		if (got != ref[p])
			fail_msg("%s: row_start(%zu) = %zu, want %zu in \"%s\"",
				 what, p, got, ref[p], akt_eb_text(b));
		if (ref[p] == p && p > 0 && akt_eb_row_prev(b, p, &prev) &&
		    prev != ref[p - 1])
			fail_msg("%s: row_prev(%zu) = %zu, want %zu in \"%s\"",
				 what, p, prev, ref[p - 1], akt_eb_text(b));
	}
	assert_int_equal(akt_eb_cursor_row(b, &col), ref[akt_eb_cursor(b)]);
	free(ref);
}

/* Backspace makes the last word fit on the first row again: the row
 * start remembered from before must not survive. */
static void test_layout_after_edits_that_unwrap(void **state)
{
	struct akt_eb *b = eb("hello world", 11, 10);
	int col;

	assert_int_equal(akt_eb_cursor_row(b, &col), 6);
	assert_true(akt_eb_delete_back(b));
	assert_int_equal(akt_eb_cursor_row(b, &col), 0);
	assert_int_equal(col, 10);
	akt_eb_home(b);
	assert_int_equal(akt_eb_cursor(b), 0);
	akt_eb_free(&b);

	/* deleting in the second row pulls a word up */
	b = eb("aaaa bbbb ccc", 13, 10);
	check_layout(b, "before");
	akt_eb_set_cursor(b, 12);
	akt_eb_delete_back(b);
	akt_eb_delete_back(b);
	check_layout(b, "shrunk");
	/* typing in the first row pushes a word down */
	akt_eb_free(&b);
	b = eb("ab cd ef gh", 11, 10);
	check_layout(b, "before");
	akt_eb_set_cursor(b, 2);
	type(b, "xx");
	check_layout(b, "grown");
	/* a wide character at the edge */
	akt_eb_free(&b);
	b = eb(" bbbbbbbbb漢 c", 0, 10);
	check_layout(b, "wide");
	akt_eb_set_cursor(b, 10);
	akt_eb_delete_forward(b);
	check_layout(b, "wide deleted");
	akt_eb_free(&b);
}

/* Random edits, moves and scrolls; after each the incremental layout is
 * the layout from scratch. */
static void test_layout_property(void **state)
{
	static const char *pieces[] = { "a", "bb", " ", "  ", "å", "漢",
					 "😀", "\n", "ord ", "e\xcc\x81",
					 "–", "x y z " };
	unsigned seed = 12345;

	for (int trial = 0; trial < 300; trial++) {
		struct akt_eb *b = eb("", 0, 1 + (int)(seed % 12));
		size_t top = 0;

		for (int step = 0; step < 60; step++) {
			char what[64];
			unsigned r;

			seed = seed * 1103515245u + 12345u;
			r = (seed >> 16) % 100;
			if (r < 45) {
				type(b, pieces[(seed >> 8) % 12]);
			} else if (r < 55) {
				akt_eb_delete_back(b);
			} else if (r < 62) {
				akt_eb_delete_forward(b);
			} else if (r < 65) {
				akt_eb_delete_word(b);
			} else if (r < 68) {
				akt_eb_undo(b);
			} else if (r < 70) {
				akt_eb_redo(b);
			} else if (r < 80) {
				akt_eb_set_cursor(b, (seed >> 4) %
						  (akt_eb_len(b) + 1));
			} else if (r < 85) {
				akt_eb_up(b, 1 + (int)(seed % 3));
			} else if (r < 90) {
				akt_eb_down(b, 1 + (int)(seed % 3));
			} else if (r < 93) {
				akt_eb_home(b);
			} else if (r < 96) {
				akt_eb_end(b);
			} else {
				akt_eb_scroll(b, &top, 1 + (int)(seed % 4));
			}
			/* the screen lays out after every key */
			akt_eb_scroll(b, &top, 3);
			snprintf(what, sizeof(what), "trial %d step %d op %u",
				 trial, step, r);
			/* the full check leaves anchors of its own, which
			 * would hide stale ones: only every few steps */
			if (step % 7 == 6) {
				check_layout(b, what);
			} else {
				size_t *ref = ref_row_starts(b);
				int col;

				assert_int_equal(akt_eb_cursor_row(b, &col),
						 ref[akt_eb_cursor(b)]);
				free(ref);
			}
		}
		akt_eb_free(&b);
	}
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Typing into the middle of 100 KB, with the layout of a screen of 20
 * rows done after every key as drawing does: well under a millisecond
 * a key. Also one 100 KB line without a break. */
static void test_100k_types_without_lag(void **state)
{
	const char *words[] = { "Bygglov ", "för ", "tillbyggnad ",
				"på ", "fastigheten ", "Tärnan ", "21. ",
				"Åtgärden ", "kräver ", "lov.\n" };
	char *text = xmalloc(110 * 1000);
	size_t len = 0;
	double t0, per_key;

	for (size_t i = 0; len < 100 * 1000; i++) {
		size_t n = strlen(words[i % 10]);

		memcpy(text + len, words[i % 10], n);
		len += n;
	}
	text[len] = 0;
	for (int pass = 0; pass < 2; pass++) {
		struct akt_eb *b;
		size_t top = 0;

		if (pass == 1)
			for (size_t i = 0; i < len; i++)
				if (text[i] == '\n')
					text[i] = ' ';
		b = eb(text, len / 2, 79);
		t0 = now_ms();
		for (int k = 0; k < 2000; k++) {
			struct akt_eb_row r;
			size_t p;

			type(b, k % 7 == 6 ? " " : "ä");
			akt_eb_scroll(b, &top, 20);
			p = top;
			for (int i = 0; i < 20 && akt_eb_row_at(b, p, &r); i++)
				p = r.next;
		}
		per_key = (now_ms() - t0) / 2000;
		assert_int_equal(akt_eb_len(b), len + 2000 / 7 * 1 +
				 (2000 - 2000 / 7) * 2);
		print_message("pass %d: %.3f ms a key\n", pass, per_key);
		assert_true(per_key < 1.0);
		/* the run of typing undoes as one step */
		assert_true(akt_eb_undo(b));
		assert_int_equal(akt_eb_len(b), len);
		akt_eb_free(&b);
	}
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_and_delete_utf8),
		cmocka_unit_test(test_combining_marks_move_with_their_base),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_delete_lines),
		cmocka_unit_test(test_undo_redo),
		cmocka_unit_test(test_wrap_ascii),
		cmocka_unit_test(test_wrap_wide),
		cmocka_unit_test(test_rows_and_columns),
		cmocka_unit_test(test_pages_and_scroll),
		cmocka_unit_test(test_cursor_inside_long_sequences),
		cmocka_unit_test(test_layout_after_edits_that_unwrap),
		cmocka_unit_test(test_layout_property),
		cmocka_unit_test(test_100k_types_without_lag),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

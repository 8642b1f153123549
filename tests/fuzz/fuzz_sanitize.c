/*
 * fuzz_sanitize.c — the sanitizer and the UTF-8 decoder under it. The
 * first byte picks the flags; the rest is the text. Checked on every
 * input, with a UTF-8 reader of its own so the checks do not trust
 * utf8.c:
 *   - the output is valid UTF-8 and holds no C0 control but '\n' (none
 *     at all in one-line mode; tabs become spaces), no DEL, no C1, no
 *     bidi control, zero-width or tag character, no surrogate or
 *     noncharacter, and no more than AKT_SANITIZE_MAX_MARKS combining
 *     marks in a row;
 *   - sanitizing the output again gives the same bytes and finds
 *     nothing;
 *   - each "found" bit is set exactly when the input held such a thing;
 *   - an input that needs no change comes out unchanged;
 *   - akt_utf8_decode agrees with the reader here on valid input and
 *     calls invalid input bad.
 */
#include "fuzz.h"

#include "akt/sanitize.h"
#include "akt/utf8.h"

#include <string.h>

#define BAD 0xFFFFFFFFu

/* One character at s (n > 0 bytes) by the Unicode standard's table of
 * well-formed sequences; BAD for anything else. */
static size_t read_cp(const uint8_t *s, size_t n, uint32_t *cp)
{
	uint8_t b = s[0];
	size_t len;
	uint32_t c, min;

	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		len = 2, c = b & 0x1F, min = 0x80;
	} else if (b >= 0xE0 && b <= 0xEF) {
		len = 3, c = b & 0x0F, min = 0x800;
	} else if (b >= 0xF0 && b <= 0xF4) {
		len = 4, c = b & 0x07, min = 0x10000;
	} else {
		*cp = BAD;
		return 1;
	}
	if (n < len) {
		*cp = BAD;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = BAD;
			return 1;
		}
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		*cp = BAD;
	else
		*cp = c;
	return len;
}

static bool is_bidi(uint32_t c)
{
	return c == 0x061C || c == 0x200E || c == 0x200F ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static bool is_zero_width(uint32_t c)
{
	return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF ||
	       c == 0x00AD;
}

static bool is_nonchar(uint32_t c)
{
	return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

static void check_output(const char *out, bool oneline)
{
	const uint8_t *p = (const uint8_t *)out;
	size_t n = strlen(out), marks = 0;

	for (size_t i = 0; i < n;) {
		uint32_t c;

		i += read_cp(p + i, n - i, &c);
		FUZZ_CHECK(c != BAD);
		FUZZ_CHECK(c >= 0x20 || (c == '\n' && !oneline));
		FUZZ_CHECK(c != 0x7F && !(c >= 0x80 && c < 0xA0));
		FUZZ_CHECK(!is_bidi(c) && !is_zero_width(c));
		FUZZ_CHECK(!(c >= 0xE0000 && c <= 0xE007F));
		FUZZ_CHECK(!is_nonchar(c));
		FUZZ_CHECK(c != 0x2028 && c != 0x2029);
		marks = akt_cp_is_combining(c) ? marks + 1 : 0;
		FUZZ_CHECK(marks <= AKT_SANITIZE_MAX_MARKS);
	}
}

/* The found bits the input calls for, from the reader here; *plain
 * tells whether the sanitizer should pass the input through as it is. */
static unsigned expected_found(const uint8_t *s, size_t n, bool oneline,
			       bool *plain)
{
	unsigned f = 0;
	size_t marks = 0;

	*plain = true;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = read_cp(s + i, n - i, &c);

		i += len;
		if (c == BAD || is_nonchar(c)) {
			f |= AKT_FOUND_INVALID;
		} else if (c == '\t' || c == '\r' || c == 0x2028 ||
			   c == 0x2029) {
			*plain = false;
		} else if (c == '\n') {
			if (oneline)
				*plain = false;
		} else if (c < 0x20 || c == 0x7F) {
			f |= AKT_FOUND_CONTROL;
		} else if (c >= 0x80 && c < 0xA0) {
			f |= AKT_FOUND_C1;
		} else if (is_bidi(c)) {
			f |= AKT_FOUND_BIDI;
		} else if (c >= 0xE0000 && c <= 0xE007F) {
			f |= AKT_FOUND_TAG;
		} else if (is_zero_width(c)) {
			f |= AKT_FOUND_INVISIBLE;
		}
		/* the other format characters are the sanitizer's own table;
		 * a run of marks counts what is emitted, so what is removed
		 * (CR, format characters) does not end it */
		enum akt_cp_class cls = c == BAD ? AKT_CP_INVALID :
					akt_cp_class(c);

		if (cls == AKT_CP_COMBINING) {
			if (++marks > AKT_SANITIZE_MAX_MARKS)
				f |= AKT_FOUND_MARKS;
		} else if (cls == AKT_CP_PLAIN || cls == AKT_CP_TAB ||
			   cls == AKT_CP_NEWLINE || cls == AKT_CP_CONTROL ||
			   cls == AKT_CP_C1 || cls == AKT_CP_INVALID) {
			marks = 0;
		}
	}
	return f;
}

/* akt_utf8_decode against read_cp: the same characters on valid input;
 * a bad result somewhere on invalid input. */
static void check_decoder(const uint8_t *s, size_t n)
{
	size_t i = 0, j = 0;
	bool valid = true, saw_bad = false;

	while (i < n) {
		uint32_t c;

		i += read_cp(s + i, n - i, &c);
		if (c == BAD)
			valid = false;
	}
	i = 0;
	while (j < n) {
		uint32_t mine, theirs;
		size_t len = akt_utf8_decode((const char *)s + j, n - j,
					     &theirs);

		FUZZ_CHECK(len >= 1 && len <= 4 && len <= n - j);
		if (theirs == AKT_UTF8_BAD) {
			saw_bad = true;
		} else {
			FUZZ_CHECK(theirs <= 0x10FFFF);
			if (valid) {
				i += read_cp(s + i, n - i, &mine);
				FUZZ_CHECK(mine == theirs && i == j + len);
			}
		}
		j += len;
	}
	FUZZ_CHECK(valid != saw_bad);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags, found = 0, again_found = 0, want;
	const uint8_t *text = data + 1;
	size_t len;
	char *out, *again;
	bool oneline, plain;

	if (size == 0)
		return 0;
	flags = data[0] & 1 ? AKT_SAN_ONELINE : 0;
	oneline = flags & AKT_SAN_ONELINE;
	len = size - 1;

	check_decoder(text, len);
	out = akt_sanitize((const char *)text, len, flags, &found);
	check_output(out, oneline);

	again = akt_sanitize(out, strlen(out), flags, &again_found);
	FUZZ_CHECK(strcmp(out, again) == 0);
	FUZZ_CHECK(again_found == 0);

	/* every bit the input calls for is reported; the one bit the
	 * reader here cannot tell for sure (the sanitizer's own list of
	 * format characters) only ever adds INVISIBLE */
	want = expected_found(text, len, oneline, &plain);
	FUZZ_CHECK((found & want) == want);
	FUZZ_CHECK((found & ~want & ~(unsigned)AKT_FOUND_INVISIBLE) == 0);
	if (found == 0 && plain) {
		FUZZ_CHECK(strlen(out) == len);
		FUZZ_CHECK(memcmp(out, text, len) == 0);
	}

	/* the NUL-terminated form stops at the first NUL */
	free(again);
	again = akt_sanitize_str(out, flags);
	FUZZ_CHECK(strcmp(out, again) == 0);
	free(again);
	free(out);
	return 0;
}

/*
 * utf8.h — decoding, encoding and display width of UTF-8. Everything from
 * the platform is UTF-8; these are the only places that take it apart.
 */
#ifndef AKT_UTF8_H
#define AKT_UTF8_H

#include "akt/base.h"

/* *cp after decoding bytes that are not valid UTF-8 */
#define AKT_UTF8_BAD UINT32_MAX
#define AKT_UTF8_MAXLEN 4

/*
 * Decode the character at s (len > 0 bytes available). Returns the bytes
 * consumed, at least 1. Invalid input (stray continuation bytes, overlong
 * forms, values above U+10FFFF, truncated sequences) yields AKT_UTF8_BAD
 * for its maximal valid prefix, so one bad sequence is one replacement.
 * An encoded surrogate (ED A0..BF xx) is consumed whole and is bad too.
 */
size_t akt_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encode cp (a Unicode scalar value) into out; returns 1..4. */
size_t akt_utf8_encode(uint32_t cp, char out[AKT_UTF8_MAXLEN]);

/* Combining mark (general category Mn/Me in the blocks that matter). */
bool akt_cp_is_combining(uint32_t cp);

/*
 * Terminal columns of one character: 0 for combining marks and controls,
 * 2 for East Asian wide and fullwidth characters and emoji, else 1. The
 * tables are abridged; a disagreement with the terminal can misalign a
 * column, never corrupt it, because text is sanitized first.
 */
int akt_cp_width(uint32_t cp);

/* Columns of a NUL-terminated UTF-8 string. */
size_t akt_utf8_width(const char *s);

/*
 * Bytes of the longest prefix of s that fits in cols columns without
 * splitting a character; its width goes to *width when not NULL.
 */
size_t akt_utf8_fit(const char *s, size_t cols, size_t *width);

#endif

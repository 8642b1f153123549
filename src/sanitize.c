/*
 * sanitize.c — make platform text safe to show. See sanitize.h for the
 * rules; the comments here explain the choices that keep it idempotent.
 */
#include "akt/sanitize.h"
#include "akt/buf.h"
#include "akt/utf8.h"

#define REPLACEMENT 0xFFFDu

/* The rest of Unicode's format characters (general category Cf) that
 * the ranges below do not cover: invisible, and able to reorder or hide
 * text in some renderers. */
static const struct { uint32_t lo, hi; } other_format[] = {
	{ 0x0600, 0x0605 }, { 0x06DD, 0x06DD }, { 0x070F, 0x070F },
	{ 0x0890, 0x0891 }, { 0x08E2, 0x08E2 }, { 0x110BD, 0x110BD },
	{ 0x110CD, 0x110CD }, { 0x13430, 0x1343F }, { 0x1BCA0, 0x1BCA3 },
	{ 0x1D173, 0x1D17A },
};

static bool is_other_format(uint32_t cp)
{
	for (size_t i = 0; i < AKT_LEN(other_format); i++)
		if (cp >= other_format[i].lo && cp <= other_format[i].hi)
			return true;
	return false;
}

enum akt_cp_class akt_cp_class(uint32_t cp)
{
	if (cp < 0x20) {
		switch (cp) {
		case '\t': return AKT_CP_TAB;
		case '\n': return AKT_CP_NEWLINE;
		case '\r': return AKT_CP_CR;
		default:   return AKT_CP_CONTROL;
		}
	}
	if (cp < 0x7F)
		return AKT_CP_PLAIN;
	if (cp == 0x7F)
		return AKT_CP_CONTROL;
	if (cp < 0xA0)
		return AKT_CP_C1;
	if (cp == 0xAD || cp == 0x180E || cp == 0x115F || cp == 0x1160 ||
	    cp == 0x3164 || cp == 0xFFA0 || cp == 0xFEFF)
		return AKT_CP_INVISIBLE;   /* soft hyphen, fillers, BOM */
	if (cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return AKT_CP_BIDI;
	if ((cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x206F) ||
	    (cp >= 0xFFF9 && cp <= 0xFFFB) || is_other_format(cp))
		return AKT_CP_INVISIBLE;
	if (cp == 0x2028 || cp == 0x2029)
		return AKT_CP_NEWLINE;
	if (cp >= 0xE0000 && cp <= 0xE007F)
		return AKT_CP_TAG;
	if ((cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
	    (cp & 0xFFFE) == 0xFFFE || cp > 0x10FFFF)
		return AKT_CP_INVALID;
	if (akt_cp_is_combining(cp))
		return AKT_CP_COMBINING;
	return AKT_CP_PLAIN;
}

struct out {
	struct akt_buf buf;
	size_t col;      /* columns since the last newline, for tab stops */
	int marks;       /* combining marks emitted on the current base */
};

static void emit(struct out *o, uint32_t cp)
{
	char enc[AKT_UTF8_MAXLEN];

	akt_buf_add(&o->buf, enc, akt_utf8_encode(cp, enc));
	if (cp == '\n') {
		o->col = 0;
	} else {
		o->col += (size_t)akt_cp_width(cp);
	}
	/* The count follows what was emitted, never what was dropped: a
	 * removed character between marks must not reset it, or a second
	 * pass would see one long run and cut it again. */
	o->marks = akt_cp_is_combining(cp) ? o->marks + 1 : 0;
}

char *akt_sanitize(const char *in, size_t len, unsigned flags,
		   unsigned *found)
{
	bool oneline = flags & AKT_SAN_ONELINE;
	struct out o = { .col = 0, .marks = 0 };
	unsigned seen = 0;
	size_t pos = 0;

	/* Output can grow (a bad byte becomes three, a tab eight), so the
	 * buffer has no cap; the input is already bounded by max_body. */
	akt_buf_init(&o.buf, 0);
	while (pos < len) {
		uint32_t cp;
		enum akt_cp_class cls;

		pos += akt_utf8_decode(in + pos, len - pos, &cp);
		cls = cp == AKT_UTF8_BAD ? AKT_CP_INVALID : akt_cp_class(cp);
		switch (cls) {
		case AKT_CP_PLAIN:
			emit(&o, cp);
			break;
		case AKT_CP_COMBINING:
			if (o.marks < AKT_SANITIZE_MAX_MARKS)
				emit(&o, cp);
			else
				seen |= AKT_FOUND_MARKS;
			break;
		case AKT_CP_TAB:
			if (oneline) {
				emit(&o, ' ');
			} else {
				do
					emit(&o, ' ');
				while (o.col % 8);
			}
			break;
		case AKT_CP_NEWLINE:
			emit(&o, oneline ? ' ' : '\n');
			break;
		case AKT_CP_CR:
			break;
		case AKT_CP_CONTROL:
			/* U+2400.. are the Control Pictures; DEL's is U+2421. */
			emit(&o, cp == 0x7F ? 0x2421 : 0x2400 + cp);
			seen |= AKT_FOUND_CONTROL;
			break;
		case AKT_CP_C1:
			emit(&o, REPLACEMENT);
			seen |= AKT_FOUND_C1;
			break;
		case AKT_CP_BIDI:
			seen |= AKT_FOUND_BIDI;
			break;
		case AKT_CP_INVISIBLE:
			seen |= AKT_FOUND_INVISIBLE;
			break;
		case AKT_CP_TAG:
			seen |= AKT_FOUND_TAG;
			break;
		case AKT_CP_INVALID:
			emit(&o, REPLACEMENT);
			seen |= AKT_FOUND_INVALID;
			break;
		}
	}
	if (found)
		*found |= seen;
	return akt_buf_steal(&o.buf);
}

char *akt_sanitize_str(const char *in, unsigned flags)
{
	return akt_sanitize(in ? in : "", in ? strlen(in) : 0, flags, NULL);
}

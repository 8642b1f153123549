/*
 * utf8.c — UTF-8 decoding per the Unicode standard (maximal subparts),
 * encoding, and character widths for column layout.
 */
#include "akt/utf8.h"

struct range {
	uint32_t lo, hi;
};

/* Nonspacing and enclosing marks: Latin, Cyrillic, Hebrew, Arabic, the
 * Indic and Thai/Lao vowel signs, the combining blocks and variation
 * selectors. These are what stacked-diacritic ("zalgo") text uses. */
static const struct range combining[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x05BF, 0x05BF }, { 0x05C1, 0x05C2 }, { 0x05C4, 0x05C5 },
	{ 0x05C7, 0x05C7 }, { 0x0610, 0x061A }, { 0x064B, 0x065F },
	{ 0x0670, 0x0670 }, { 0x06D6, 0x06DC }, { 0x06DF, 0x06E4 },
	{ 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED }, { 0x0711, 0x0711 },
	{ 0x0730, 0x074A }, { 0x07A6, 0x07B0 }, { 0x07EB, 0x07F3 },
	{ 0x0900, 0x0902 }, { 0x093A, 0x093A }, { 0x093C, 0x093C },
	{ 0x0941, 0x0948 }, { 0x094D, 0x094D }, { 0x0951, 0x0957 },
	{ 0x0962, 0x0963 }, { 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A },
	{ 0x0E47, 0x0E4E }, { 0x0EB1, 0x0EB1 }, { 0x0EB4, 0x0EBC },
	{ 0x0EC8, 0x0ECE }, { 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF },
	{ 0x20D0, 0x20FF }, { 0x302A, 0x302D }, { 0x3099, 0x309A },
	{ 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0x101FD, 0x101FD },
	{ 0x1D167, 0x1D169 }, { 0x1D17B, 0x1D182 }, { 0x1D185, 0x1D18B },
	{ 0x1D1AA, 0x1D1AD }, { 0xE0100, 0xE01EF },
};

/* East Asian Wide (W) and Fullwidth (F), and emoji with default emoji
 * presentation. */
static const struct range wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A },
	{ 0x23E9, 0x23EC }, { 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 },
	{ 0x25FD, 0x25FE }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 },
	{ 0x26CE, 0x26CE }, { 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA },
	{ 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA },
	{ 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C },
	{ 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x303E },
	{ 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
	{ 0xA000, 0xA4CF }, { 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 },
	{ 0xF900, 0xFAFF }, { 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6F },
	{ 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x16FE0, 0x16FE4 },
	{ 0x17000, 0x18AFF }, { 0x1B000, 0x1B2FF }, { 0x1F004, 0x1F004 },
	{ 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A },
	{ 0x1F200, 0x1F2FF }, { 0x1F300, 0x1F64F }, { 0x1F680, 0x1F6FF },
	{ 0x1F7E0, 0x1F7EB }, { 0x1F90C, 0x1F9FF }, { 0x1FA70, 0x1FAFF },
	{ 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

static bool in_ranges(uint32_t cp, const struct range *r, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

size_t akt_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char b = p[0], lo = 0x80, hi = 0xBF;
	size_t need, i;
	uint32_t c;

	*cp = AKT_UTF8_BAD;
	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b < 0xC2)           /* continuation byte, or overlong C0/C1 */
		return 1;
	if (b < 0xE0) {
		need = 1;
		c = b & 0x1F;
	} else if (b < 0xF0) {
		need = 2;
		c = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0;      /* below is overlong */
	} else if (b < 0xF5) {
		need = 3;
		c = b & 0x07;
		if (b == 0xF0)
			lo = 0x90;      /* below is overlong */
		else if (b == 0xF4)
			hi = 0x8F;      /* above is past U+10FFFF */
	} else {
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= len || p[i] < lo || p[i] > hi)
			return i;
		c = c << 6 | (p[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	if (c < 0xD800 || c > 0xDFFF)
		*cp = c;
	return need + 1;
}

size_t akt_utf8_encode(uint32_t cp, char out[AKT_UTF8_MAXLEN])
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool akt_cp_is_combining(uint32_t cp)
{
	return in_ranges(cp, combining, AKT_LEN(combining));
}

int akt_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x300)
		return 1;
	if (akt_cp_is_combining(cp) || cp == 0x200B)
		return 0;
	return in_ranges(cp, wide, AKT_LEN(wide)) ? 2 : 1;
}

size_t akt_utf8_width(const char *s)
{
	size_t w = 0;

	akt_utf8_fit(s, SIZE_MAX, &w);
	return w;
}

size_t akt_utf8_fit(const char *s, size_t cols, size_t *width)
{
	size_t len = strlen(s), pos = 0, w = 0;

	while (pos < len) {
		uint32_t cp;
		size_t n = akt_utf8_decode(s + pos, len - pos, &cp);
		size_t cw = cp == AKT_UTF8_BAD ? 1 : (size_t)akt_cp_width(cp);

		if (cw > cols - w)
			break;
		w += cw;
		pos += n;
	}
	if (width)
		*width = w;
	return pos;
}

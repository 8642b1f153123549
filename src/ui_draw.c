/*
 * ui_draw.c — putting text on the screen: sanitized, measured in display
 * columns the way curses measures them, cut with an ellipsis.
 */
#include "akt/ui.h"
#include "akt/sanitize.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

#include <wchar.h>

/* Columns of one code point as curses will count them (it asks the C
 * library), falling back to our table where the library does not know. */
static int cp_cols(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);

	return w >= 0 ? w : akt_cp_width(cp);
}

int ui_width(const char *text)
{
	size_t len = strlen(text), i = 0;
	int cols = 0;

	while (i < len) {
		uint32_t cp;

		i += akt_utf8_decode(text + i, len - i, &cp);
		if (cp != AKT_UTF8_BAD)
			cols += cp_cols(cp);
		else
			cols += 1;
	}
	return cols;
}

/* Convert clean UTF-8 into at most width columns of wide characters;
 * *cut says whether something was left out. */
static size_t fit(const char *s, int width, wchar_t *out, size_t outlen,
		  int *cols, bool *cut)
{
	size_t len = strlen(s), i = 0, n = 0;
	int used = 0;

	*cut = false;
	while (i < len && n + 1 < outlen) {
		uint32_t cp;
		size_t k = akt_utf8_decode(s + i, len - i, &cp);
		int w;

		if (cp == AKT_UTF8_BAD)
			cp = 0xFFFD;
		w = cp_cols(cp);
		if (used + w > width) {
			*cut = true;
			break;
		}
		out[n++] = (wchar_t)cp;
		used += w;
		i += k;
	}
	if (i < len)
		*cut = true;
	out[n] = 0;
	*cols = used;
	return n;
}

/* Printable ASCII needs neither sanitizing nor width tables: one column
 * a byte. Most cells (numbers, dates, statuses) are such. */
static bool plain_ascii(const char *s, size_t *len)
{
	const char *p = s;

	for (; *p; p++)
		if (*p < 0x20 || *p > 0x7E)
			return false;
	*len = (size_t)(p - s);
	return true;
}

int ui_put(int y, int x, int width, const char *text, bool pad)
{
	wchar_t stackbuf[512], *buf = stackbuf;
	size_t cap = AKT_LEN(stackbuf), n, len;
	char *clean = NULL;
	int cols = 0;
	bool cut;

	if (width <= 0 || y < 0 || y >= LINES || x >= COLS)
		return 0;
	if (x + width > COLS)
		width = COLS - x;
	if ((size_t)width + 2 > cap) {
		cap = (size_t)width + 2;
		buf = xreallocarray(NULL, cap, sizeof(*buf));
	}
	if (!text)
		text = "";
	if (plain_ascii(text, &len)) {
		n = AKT_MIN(len, (size_t)width);
		for (size_t i = 0; i < n; i++)
			buf[i] = (wchar_t)(unsigned char)text[i];
		cols = (int)n;
		cut = len > (size_t)width;
	} else {
		clean = akt_sanitize_str(text, AKT_SAN_ONELINE);
		n = fit(clean, width, buf, cap, &cols, &cut);
	}
	if (cut) {
		/* Make room for the ellipsis, taking characters off the end
		 * until one column is free. */
		while (n > 0 && cols + 1 > width) {
			n--;
			cols -= cp_cols((uint32_t)buf[n]);
		}
		/* Combining marks ride on the character before them. */
		while (n > 0 && cp_cols((uint32_t)buf[n - 1]) == 0)
			n--;
		if (cols + 1 <= width) {
			buf[n++] = L'…';
			cols++;
		}
	}
	/* The padding goes out in the same call: one pass through curses. */
	if (pad)
		for (; cols < width && n + 1 < cap; cols++)
			buf[n++] = L' ';
	buf[n] = 0;
	mvaddnwstr(y, x, buf, (int)n);
	if (buf != stackbuf)
		free(buf);
	free(clean);
	return cols;
}

int ui_putf(int y, int x, int width, bool pad, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	n = ui_put(y, x, width, s, pad);
	free(s);
	return n;
}

time_t ui_now(void)
{
	const char *s = getenv("AKT_NOW");
	struct tm tm;

	if (s && *s) {
		memset(&tm, 0, sizeof(tm));
		const char *end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);

		if (end)
			return timegm(&tm);
	}
	return time(NULL);
}

/*
 * text_input.c — reading and checking the text of notes and messages.
 */
#include "akt/text_input.h"
#include "akt/buf.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

#include <unistd.h>

/* The platform's idea of empty: nothing but ASCII white space. */
static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\n\v\f", s[i]))
			return false;
	return true;
}

bool akt_text_check(const char *text, size_t len, const char *source,
		    char **err)
{
	uint32_t cp;

	if (len > AKT_TEXT_MAX) {
		*err = xasprintf("the text from %s is longer than %zu bytes, "
				 "more than the platform takes", source,
				 AKT_TEXT_MAX);
		return false;
	}
	if (memchr(text, '\0', len)) {
		*err = xasprintf("the text from %s holds a NUL byte; is it a "
				 "text file?", source);
		return false;
	}
	for (size_t i = 0, step; i < len; i += step) {
		step = akt_utf8_decode(text + i, len - i, &cp);
		if (cp == AKT_UTF8_BAD) {
			*err = xasprintf("the text from %s is not UTF-8 (byte "
					 "%zu); convert it first", source, i);
			return false;
		}
	}
	if (blank(text, len)) {
		*err = xasprintf("the text from %s is empty; nothing was sent",
				 source);
		return false;
	}
	return true;
}

bool akt_text_read(const char *path, char **out, char **err)
{
	bool from_stdin = !path || strcmp(path, "-") == 0;
	const char *source = from_stdin ? "standard input" : path;
	FILE *f = from_stdin ? stdin : fopen(path, "r");
	struct akt_buf b;
	char chunk[8192];
	size_t n;
	bool ok = false;

	*out = NULL;
	if (!f) {
		*err = xasprintf("cannot read %s: %s", path, strerror(errno));
		return false;
	}
	if (from_stdin && isatty(fileno(stdin)))
		fputs("Type the text; end it with Ctrl-D on a line of its "
		      "own.\n", stderr);
	/* one byte over the limit is enough to know it is too long */
	akt_buf_init(&b, AKT_TEXT_MAX + 1);
	/* A short read is the end (or an error): a terminal's Ctrl-D ends
	 * the text once, not twice, although it is no lasting EOF. */
	do {
		n = fread(chunk, 1, sizeof(chunk), f);
		if (!akt_buf_add(&b, chunk, AKT_MIN(n, b.max - b.len)) ||
		    b.len > AKT_TEXT_MAX)
			break;
	} while (n == sizeof(chunk));
	if (ferror(f)) {
		*err = xasprintf("cannot read %s: %s", source, strerror(errno));
		goto out;
	}
	while (b.len > 0 && (b.data[b.len - 1] == '\n' ||
			     b.data[b.len - 1] == '\r'))
		b.data[--b.len] = '\0';
	if (!akt_text_check(akt_buf_str(&b), b.len, source, err))
		goto out;
	*out = akt_buf_steal(&b);
	if (!*out)
		*out = xstrdup("");
	ok = true;
out:
	if (!from_stdin)
		fclose(f);
	akt_buf_free(&b);
	return ok;
}

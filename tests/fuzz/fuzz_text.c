/*
 * fuzz_text.c — platform text on its way to the screen and the disk:
 * wrapping a note or message to a width (ui_wrap), fitting a cell
 * (akt_utf8_fit), dates shown as sent when they do not parse, and a
 * document's name made a file name (akt_fmt_file_name). The first byte
 * is the width (0..99), the rest the text, cut at its first NUL as a
 * JSON string from the platform would be.
 */
#include "fuzz.h"

#include "akt/case_format.h"
#include "akt/sanitize.h"
#include "akt/ui.h"
#include "akt/ui_wrap.h"
#include "akt/utf8.h"

#include <string.h>

/* Nothing the sanitizer would change, in one-line form. */
static void clean_line(const char *s)
{
	unsigned found = 0;
	char *again = akt_sanitize(s, strlen(s), AKT_SAN_ONELINE, &found);

	FUZZ_CHECK(found == 0 && strcmp(again, s) == 0);
	free(again);
}

/* A line wider than cols is one character that is wider alone, with
 * its marks (a mark may also lead, left by a space dropped at the
 * break). */
static void one_character(const char *s)
{
	size_t len = strlen(s), bases = 0;
	uint32_t cp;

	for (size_t i = 0; i < len;) {
		i += akt_utf8_decode(s + i, len - i, &cp);
		if (!akt_cp_is_combining(cp))
			bases++;
	}
	FUZZ_CHECK(bases <= 1);
}

static void wrap(const char *text, int cols)
{
	size_t n = 0;
	char **lines = ui_wrap(text, cols, &n);

	FUZZ_CHECK(lines || n == 0);
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(!strchr(lines[i], '\n'));
		clean_line(lines[i]);
		if (ui_width(lines[i]) > (cols < 1 ? 1 : cols))
			one_character(lines[i]);
	}
	ui_wrap_free(&lines, &n);
}

static void fit(const char *text, size_t cols)
{
	char *clean = akt_sanitize_str(text, AKT_SAN_ONELINE);
	size_t width = 0, bytes = akt_utf8_fit(clean, cols, &width);
	char *prefix = strndup(clean, bytes);
	unsigned found = 0;
	char *again = akt_sanitize(prefix, bytes, AKT_SAN_ONELINE, &found);

	FUZZ_CHECK(bytes <= strlen(clean) && width <= cols);
	/* never half a character */
	FUZZ_CHECK(!(found & AKT_FOUND_INVALID));
	FUZZ_CHECK(akt_utf8_width(prefix) == width);
	free(again);
	free(prefix);
	free(clean);
}

static void file_name(const char *text)
{
	char *f = akt_fmt_file_name(text, 42);
	size_t len = strlen(f);

	FUZZ_CHECK(len > 0 && len <= AKT_FILE_NAME_MAX);
	FUZZ_CHECK(!strchr(f, '/') && !strchr(f, '\\'));
	FUZZ_CHECK(f[0] != '.' && f[0] != '-' && f[0] != ' ');
	FUZZ_CHECK(f[len - 1] != ' ');
	clean_line(f);
	free(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *date;
	int cols;

	if (size == 0)
		return 0;
	cols = data[0] % 100;
	text = strndup((const char *)data + 1, size - 1);
	wrap(text, cols);
	fit(text, (size_t)cols);
	file_name(text);
	date = akt_fmt_date(text);
	clean_line(date);
	free(date);
	date = akt_fmt_time(text);
	clean_line(date);
	free(date);
	free(text);
	return 0;
}

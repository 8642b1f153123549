/*
 * ui_wrap.c — breaking platform text into lines of a display width.
 *
 * Widths come from ui_width, the measure ui_put draws by, so a wrapped
 * line is never cut again with an ellipsis when it is drawn.
 */
#include "akt/ui_wrap.h"
#include "akt/buf.h"
#include "akt/sanitize.h"
#include "akt/ui.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

struct wrap {
	char **lines;
	size_t n, cap;
	struct akt_buf line;   /* the line being filled */
	int width;             /* its columns */
	int cols;
};

/* Columns of the n bytes at s (one character or more). */
static int cols_of(const char *s, size_t n)
{
	char buf[64];

	if (n < sizeof(buf)) {
		memcpy(buf, s, n);
		buf[n] = '\0';
		return ui_width(buf);
	}
	char *tmp = xstrndup(s, n);
	int w = ui_width(tmp);

	free(tmp);
	return w;
}

static void emit(struct wrap *w)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 8;
		w->lines = xreallocarray(w->lines, w->cap, sizeof(*w->lines));
	}
	w->lines[w->n++] = xstrdup(akt_buf_str(&w->line));
	akt_buf_reset(&w->line);
	w->width = 0;
}

/* Bytes of the character at s (with the combining marks after it). */
static size_t char_len(const char *s, size_t len)
{
	uint32_t cp;
	size_t k = akt_utf8_decode(s, len, &cp);

	while (k < len) {
		size_t m = akt_utf8_decode(s + k, len - k, &cp);

		if (cp == AKT_UTF8_BAD || !akt_cp_is_combining(cp))
			break;
		k += m;
	}
	return k;
}

/* A word wider than a line: as much of it on each line as fits, at
 * least one character so that a narrow width still moves on. */
static void add_long_word(struct wrap *w, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t k = char_len(s + i, len - i);
		int cw = cols_of(s + i, k);

		if (w->width > 0 && w->width + cw > w->cols)
			emit(w);
		akt_buf_add(&w->line, s + i, k);
		w->width += cw;
		i += k;
	}
}

/* One paragraph: the text between two line breaks. */
static void paragraph(struct wrap *w, const char *s, size_t len)
{
	size_t i = 0;
	bool first = true;

	while (i < len) {
		size_t sp = i, wd;
		int spw, ww;

		while (i < len && s[i] == ' ')
			i++;
		spw = (int)(i - sp);
		wd = i;
		while (i < len && s[i] != ' ')
			i++;
		if (i == wd)
			break;          /* only spaces were left: dropped */
		ww = cols_of(s + wd, i - wd);
		if (first) {
			/* the paragraph's indentation, if the line has room */
			if (spw + ww <= w->cols) {
				akt_buf_add(&w->line, s + sp, (size_t)spw);
				w->width = spw;
			}
		} else if (w->width + spw + ww <= w->cols) {
			akt_buf_add(&w->line, s + sp, (size_t)spw);
			w->width += spw;
		} else {
			emit(w);
		}
		first = false;
		if (w->width + ww <= w->cols) {
			akt_buf_add(&w->line, s + wd, i - wd);
			w->width += ww;
		} else {
			add_long_word(w, s + wd, i - wd);
		}
	}
	emit(w);
}

char **ui_wrap(const char *text, int cols, size_t *n)
{
	struct wrap w = { .cols = cols < 1 ? 1 : cols };
	char *clean = akt_sanitize_str(text, 0);
	const char *p = clean;

	akt_buf_init(&w.line, SIZE_MAX);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		paragraph(&w, p, len);
		p += len;
		if (*p == '\n')
			p++;
	}
	akt_buf_free(&w.line);
	free(clean);
	*n = w.n;
	return w.lines;
}

void ui_wrap_free(char ***lines, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		free((*lines)[i]);
	xfree(lines);
	*n = 0;
}

/*
 * table.c — aligned columns of sanitized text.
 */
#include "akt/table.h"
#include "akt/sanitize.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

#define GAP 2
#define FLEX_MIN 8

struct akt_table {
	size_t ncols;
	unsigned *flags;
	char **cells;        /* rows × ncols, sanitized; row 0 = headers */
	size_t nrows;
	size_t caprows;
	bool headers;
};

static void add_row(struct akt_table *t, const char *const *cells)
{
	if (t->nrows == t->caprows) {
		t->caprows = t->caprows ? t->caprows * 2 : 16;
		t->cells = xreallocarray(t->cells, t->caprows * t->ncols,
					 sizeof(*t->cells));
	}
	for (size_t c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] =
			akt_sanitize_str(cells[c], AKT_SAN_ONELINE);
	t->nrows++;
}

struct akt_table *akt_table_new(size_t ncols, const char *const *headers)
{
	struct akt_table *t = xcalloc(1, sizeof(*t));

	t->ncols = ncols;
	t->flags = xcalloc(ncols, sizeof(*t->flags));
	if (headers) {
		add_row(t, headers);
		t->headers = true;
	}
	return t;
}

void akt_table_free(struct akt_table **tp)
{
	struct akt_table *t = *tp;

	if (!t)
		return;
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->flags);
	free(t);
	*tp = NULL;
}

void akt_table_col(struct akt_table *t, size_t col, unsigned flags)
{
	t->flags[col] = flags;
}

void akt_table_row(struct akt_table *t, const char *const *cells)
{
	add_row(t, cells);
}

/* Shorten the widest flexible column by one until the table fits. */
static void fit(const struct akt_table *t, size_t *w, size_t width)
{
	size_t total = 0;

	for (size_t c = 0; c < t->ncols; c++)
		total += w[c] + (c ? GAP : 0);
	while (total > width) {
		size_t widest = t->ncols;

		for (size_t c = 0; c < t->ncols; c++)
			if ((t->flags[c] & AKT_COL_FLEX) && w[c] > FLEX_MIN &&
			    (widest == t->ncols || w[c] > w[widest]))
				widest = c;
		if (widest == t->ncols)
			return;     /* cannot fit; let the terminal wrap */
		w[widest]--;
		total--;
	}
}

static void print_cell(FILE *out, const char *s, size_t w, unsigned flags,
		       bool last)
{
	size_t sw = akt_utf8_width(s), pad;

	if (sw > w) {
		/* room for the ellipsis, which is one column */
		size_t used, n = akt_utf8_fit(s, w - 1, &used);

		fprintf(out, "%.*s…", (int)n, s);
		sw = used + 1;
		s = "";
	}
	pad = w > sw ? w - sw : 0;
	if (flags & AKT_COL_RIGHT)
		fprintf(out, "%*s%s", (int)pad, "", s);
	else
		fprintf(out, "%s%*s", s, last ? 0 : (int)pad, "");
}

void akt_table_print(const struct akt_table *t, FILE *out, size_t width)
{
	size_t *w = xcalloc(t->ncols, sizeof(*w));

	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++)
			w[c] = AKT_MAX(w[c], akt_utf8_width(t->cells[r * t->ncols + c]));
	if (width)
		fit(t, w, width);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				fprintf(out, "%*s", GAP, "");
			print_cell(out, t->cells[r * t->ncols + c], w[c],
				   t->flags[c], c + 1 == t->ncols);
		}
		fputc('\n', out);
	}
	free(w);
}

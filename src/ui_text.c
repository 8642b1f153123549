/*
 * ui_text.c — a page of text to read: a report after a bulk change, a
 * message thread. Sanitized once when opened; lines longer than the
 * screen are cut with "…" (wrapping is the writer's choice).
 */
#include "ui_core.h"
#include "akt/sanitize.h"
#include "akt/xalloc.h"

struct text_page {
	char *title;
	char **lines;
	size_t nlines;
	struct ui_list list;
};

static char *text_title(struct ui_view *v)
{
	struct text_page *t = v->priv;

	return xstrdup(t->title);
}

static void text_draw(struct ui_view *v, int y0, int rows, int cols)
{
	struct text_page *t = v->priv;

	t->list.count = t->nlines;
	ui_list_clamp(&t->list, rows);
	for (int i = 0; i < rows; i++) {
		size_t idx = t->list.top + (size_t)i;

		attrset(ui_attr(v->ui, AKT_T_TEXT));
		ui_put(y0 + i, 0, cols, idx < t->nlines ? t->lines[idx] : "",
		       true);
	}
	v->cursor_y = (int)(t->list.sel - t->list.top);
}

static bool text_action(struct ui_view *v, enum akt_action a)
{
	struct text_page *t = v->priv;
	int rows = ui_body_rows();

	/* A page moves by screens; j/k scroll one line. */
	if (a == AKT_A_DOWN || a == AKT_A_UP) {
		if (a == AKT_A_DOWN && t->list.top + (size_t)rows < t->nlines)
			t->list.top++;
		else if (a == AKT_A_UP && t->list.top > 0)
			t->list.top--;
		t->list.sel = t->list.top;
		return true;
	}
	return ui_list_action(&t->list, a, rows);
}

static void text_done(struct ui_view *v)
{
	struct text_page *t = v->priv;

	for (size_t i = 0; i < t->nlines; i++)
		free(t->lines[i]);
	free(t->lines);
	free(t->title);
	free(t);
}

static const struct ui_view_ops text_ops = {
	.name = "text",
	.screen = AKT_SCR_HELP,
	.title = text_title,
	.draw = text_draw,
	.action = text_action,
	.done = text_done,
};

void ui_show_text(struct ui *ui, const char *title, const char *text)
{
	struct ui_view *v = xcalloc(1, sizeof(*v));
	struct text_page *t = xcalloc(1, sizeof(*t));
	char *clean = akt_sanitize_str(text ? text : "", 0);
	const char *p = clean;
	size_t cap = 0;

	t->title = akt_sanitize_str(title ? title : "", AKT_SAN_ONELINE);
	while (*p) {
		size_t n = strcspn(p, "\n");

		/* doubled, not one more: a message may have 100,000 lines */
		if (t->nlines == cap) {
			cap = cap ? 2 * cap : 64;
			t->lines = xreallocarray(t->lines, cap,
						 sizeof(*t->lines));
		}
		t->lines[t->nlines++] = xstrndup(p, n);
		p += n + (p[n] ? 1 : 0);
	}
	free(clean);
	v->ops = &text_ops;
	v->priv = t;
	ui_push(ui, v);
}

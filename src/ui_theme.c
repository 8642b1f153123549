/*
 * ui_theme.c — a theme (theme.h) made current in curses: one colour
 * pair per object, attributes as the theme gives them. Without colours
 * (NO_COLOR, a terminal that has none, or the mono theme) only the
 * attributes are used, so nothing depends on colour.
 */
#include "ui_core.h"
#include "akt/xalloc.h"

static attr_t obj_attr[AKT_T_COUNT];

static attr_t attrs_of(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & AKT_ATTR_BOLD)
		r |= A_BOLD;
	if (a & AKT_ATTR_DIM)
		r |= A_DIM;
	if (a & AKT_ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & AKT_ATTR_REVERSE)
		r |= A_REVERSE;
	if (a & AKT_ATTR_STANDOUT)
		r |= A_STANDOUT;
	if (a & AKT_ATTR_ITALIC)
		r |= A_ITALIC;
	if (a & AKT_ATTR_BLINK)
		r |= A_BLINK;
	return r;
}

/* Whether colours may be used at all. */
static bool colours_ok(void)
{
	const char *nc = getenv("NO_COLOR");

	return has_colors() && !(nc && *nc);
}

void ui_theme_apply(struct ui *ui)
{
	bool colour = colours_ok() && !ui->theme.mono;

	if (colour) {
		start_color();
		use_default_colors();
	}
	for (int o = 0; o < AKT_T_COUNT; o++) {
		const struct akt_style *st = &ui->theme.style[o];

		obj_attr[o] = attrs_of(st->attrs);
		if (colour && o + 1 < COLOR_PAIRS) {
			short fg = st->fg < COLORS ? st->fg : -1;
			short bg = st->bg < COLORS ? st->bg : -1;

			init_pair((short)(o + 1), fg, bg);
			obj_attr[o] |= COLOR_PAIR(o + 1);
		}
	}
	ui_redraw_all(ui);
}

attr_t ui_attr(const struct ui *ui, enum akt_theme_obj o)
{
	(void)ui;
	return o < AKT_T_COUNT ? obj_attr[o] : A_NORMAL;
}

bool ui_theme_use(struct ui *ui, const char *name)
{
	struct akt_theme t;
	char *err = NULL;

	memset(&t, 0, sizeof(t));
	if (!akt_theme_load(&t, name, &err)) {
		ui_err(ui, "%s", err);
		free(err);
		akt_theme_clear(&t);
		return false;
	}
	/* Colour lines of the config still win over the theme's. */
	for (size_t i = 0; i < ui->cfg->nlines; i++) {
		const struct akt_config_line *l = &ui->cfg->lines[i];

		if (strcmp(l->kind, "color") == 0 &&
		    !akt_theme_color(&t, l->text, &err)) {
			xfree(&err);
		}
	}
	if (!colours_ok())
		t.mono = true;
	akt_theme_clear(&ui->theme);
	ui->theme = t;
	ui_theme_apply(ui);
	return true;
}

/*
 * ui_modal.c — questions that take the keys until answered: the ':'
 * command line, prompts (both edited by libedit through ui_line.h),
 * menus and yes/no questions. One at a time; the view below keeps
 * drawing and loading meanwhile.
 */
#include "ui_core.h"
#include "akt/xalloc.h"

bool ui_modal_active(const struct ui *ui)
{
	return ui->p->modal.kind != UI_MODAL_NONE;
}

static void modal_clear(struct ui_modal *m)
{
	for (size_t i = 0; i < m->nitems; i++)
		free(m->items[i]);
	free(m->items);
	free(m->title);
	memset(m, 0, sizeof(*m));
}

void ui_modal_free(struct ui *ui)
{
	modal_clear(&ui->p->modal);
}

/* ---- lines ---------------------------------------------------------------- */

static void line_open(struct ui *ui, struct ui_line *line,
		      const char *prompt, const char *initial,
		      ui_line_complete_fn *complete, void *carg)
{
	struct ui_modal *m = &ui->p->modal;

	modal_clear(m);
	m->kind = UI_MODAL_LINE;
	m->line = line;
	ui_line_begin(line, prompt, initial, complete, carg);
	ui_dirty(ui);
}

void ui_prompt(struct ui *ui, const char *prompt, const char *initial,
	       ui_line_complete_fn *complete, ui_prompt_fn *fn, void *arg)
{
	struct ui_modal *m = &ui->p->modal;
	struct ui_line *line = ui->p->promptline;

	/* '/' keeps its own history, so earlier searches come back. */
	if (prompt && strcmp(prompt, "/") == 0)
		line = ui->p->searchline;
	line_open(ui, line, prompt, initial, complete, arg);
	m->prompt_fn = fn;
	m->arg = arg;
}

void ui_command_complete(struct ui_line *l, const char *line, size_t index,
			 const char *word, void *arg);

void ui_open_command(struct ui *ui, const char *initial)
{
	line_open(ui, ui->p->cmdline, ":", initial, ui_command_complete, ui);
	ui->p->modal.is_command = true;
}

static void line_key(struct ui *ui, akt_key k)
{
	struct ui_modal *m = &ui->p->modal;
	enum ui_line_result r = ui_line_key(m->line, k);
	ui_prompt_fn *fn = m->prompt_fn;
	void *arg = m->arg;
	char *text;

	ui_dirty(ui);
	if (r == UI_LINE_EDITING)
		return;
	text = r == UI_LINE_DONE ? xstrdup(ui_line_text(m->line)) : NULL;
	if (text && (m->is_command || m->line == ui->p->searchline))
		ui_line_remember(m->line, text);
	if (m->is_command) {
		modal_clear(m);
		if (text)
			ui_command(ui, text);
	} else {
		modal_clear(m);
		/* The answer may open the next question. */
		if (fn)
			fn(ui, text, arg);
	}
	if (text) {
		explicit_bzero(text, strlen(text));
		free(text);
	}
}

static void line_draw(struct ui *ui)
{
	struct ui_modal *m = &ui->p->modal;
	const char *prompt = ui_line_prompt(m->line);
	const char *cands = ui_line_candidates(m->line);
	int y = LINES - 1, pw, cur, x0 = 0, width;

	/* Candidates of the last Tab, on the rows above. */
	if (cands && *cands) {
		int rows = 0;

		for (const char *c = cands; *c; c += strcspn(c, "\n") +
		     (c[strcspn(c, "\n")] ? 1 : 0))
			rows++;
		rows = AKT_MIN(rows, ui_body_rows());
		attrset(ui_attr(ui, AKT_T_POPUP));
		const char *c = cands;

		for (int i = 0; i < rows; i++) {
			size_t n = strcspn(c, "\n");
			char *one = xstrndup(c, n);

			ui_put(y - rows + i, 0, COLS, one, true);
			free(one);
			c += n + (c[n] ? 1 : 0);
		}
	}
	attrset(ui_attr(ui, AKT_T_PROMPT));
	pw = ui_put(y, 0, COLS, prompt ? prompt : "", false);
	if (prompt && *prompt && strcmp(prompt, ":") != 0 &&
	    strcmp(prompt, "/") != 0)
		pw += ui_put(y, pw, COLS - pw, " ", false);
	width = COLS - pw - 1;
	cur = (int)ui_line_cursor_col(m->line);
	/* A line longer than the screen scrolls to keep the cursor in
	 * sight; we then draw its tail. */
	if (cur > width)
		x0 = cur - width;
	if (x0 == 0) {
		ui_put(y, pw, COLS - pw, ui_line_text(m->line), true);
	} else {
		const char *t = ui_line_text(m->line);
		int skip = 0;

		while (*t && skip < x0) {
			char one[8];
			size_t n = 1;

			while ((t[n] & 0xC0) == 0x80)
				n++;
			memcpy(one, t, n);
			one[n] = 0;
			skip += ui_width(one);
			t += n;
		}
		ui_put(y, pw, COLS - pw, t, true);
	}
	move(y, pw + cur - x0);
}

/* ---- menus ---------------------------------------------------------------- */

void ui_menu(struct ui *ui, const char *title, const char *const *items,
	     size_t n, ui_menu_fn *fn, void *arg)
{
	struct ui_modal *m = &ui->p->modal;

	modal_clear(m);
	m->kind = UI_MODAL_MENU;
	m->title = xstrdup(title ? title : "");
	m->items = xcalloc(n ? n : 1, sizeof(*m->items));
	for (size_t i = 0; i < n; i++)
		m->items[i] = xstrdup(items[i]);
	m->nitems = n;
	m->list.count = n;
	m->menu_fn = fn;
	m->arg = arg;
	ui_dirty(ui);
}

void ui_menu_at(struct ui *ui, const char *title, const char *const *items,
		size_t n, size_t sel, ui_menu_fn *fn, void *arg)
{
	ui_menu(ui, title, items, n, fn, arg);
	if (sel < n)
		ui->p->modal.list.sel = sel;
}

void ui_confirm(struct ui *ui, const char *question, ui_menu_fn *fn,
		void *arg)
{
	ui_confirm_default(ui, question, false, fn, arg);
}

void ui_confirm_default(struct ui *ui, const char *question, bool yes,
			ui_menu_fn *fn, void *arg)
{
	const char *yn[] = { _("No"), _("Yes") };

	ui_menu_at(ui, question, yn, 2, yes ? 1 : 0, fn, arg);
	ui->p->modal.yes_no = true;
}

static void menu_done(struct ui *ui, int choice)
{
	struct ui_modal *m = &ui->p->modal;
	ui_menu_fn *fn = m->menu_fn;
	void *arg = m->arg;

	modal_clear(m);
	ui_dirty(ui);
	if (fn)
		fn(ui, choice, arg);
}

static int menu_rows(const struct ui_modal *m)
{
	return (int)AKT_MIN(m->nitems, (size_t)AKT_MAX(ui_body_rows() - 3, 1));
}

static void menu_key(struct ui *ui, akt_key k)
{
	struct ui_modal *m = &ui->p->modal;
	enum akt_action a = akt_keymap_lookup(ui->keys, AKT_SCR_GENERIC, k);

	ui_dirty(ui);
	if (m->yes_no && (k == 'y' || k == 'Y')) {
		menu_done(ui, 1);
		return;
	}
	if (m->yes_no && (k == 'n' || k == 'N')) {
		menu_done(ui, 0);
		return;
	}
	/* Swedish officers answer ja/nej. */
	if (m->yes_no && strcmp(akt_lang(), "sv") == 0 && k == 'j') {
		menu_done(ui, 1);
		return;
	}
	if (k >= '1' && k <= '9' && (size_t)(k - '1') < m->nitems &&
	    !m->yes_no) {
		menu_done(ui, k - '1');
		return;
	}
	if (k == '\r' || k == '\n' || k == (AKT_KEY_FN | KEY_ENTER)) {
		menu_done(ui, m->nitems ? (int)m->list.sel : -1);
		return;
	}
	if (k == 27 || k == 3 || k == 7 || k == 'q' ||
	    a == AKT_A_CANCEL) {
		menu_done(ui, -1);
		return;
	}
	if (k == 'j' || k == (AKT_KEY_FN | KEY_DOWN))
		a = AKT_A_DOWN;
	else if (k == 'k' || k == (AKT_KEY_FN | KEY_UP))
		a = AKT_A_UP;
	else
		a = akt_keymap_lookup(ui->keys, AKT_SCR_QUEUES, k);
	ui_list_action(&m->list, a, menu_rows(m));
}

static void menu_draw(struct ui *ui)
{
	struct ui_modal *m = &ui->p->modal;
	int rows = menu_rows(m), w = ui_width(m->title) + 4, h, y0, x0;

	for (size_t i = 0; i < m->nitems; i++)
		w = AKT_MAX(w, ui_width(m->items[i]) + 8);
	w = AKT_MIN(w, COLS - 2);
	h = rows + 2;
	y0 = 1 + AKT_MAX((ui_body_rows() - h) / 2, 0);
	x0 = AKT_MAX((COLS - w) / 2, 0);
	ui_list_clamp(&m->list, rows);

	attrset(ui_attr(ui, AKT_T_POPUP));
	ui_putf(y0, x0, w, true, "┌ %s ", m->title);
	mvaddstr(y0, x0 + w - 1, "┐");
	for (int i = 0; i < rows; i++) {
		size_t idx = m->list.top + (size_t)i;
		bool sel = idx == m->list.sel;
		int y = y0 + 1 + i;

		attrset(ui_attr(ui, AKT_T_POPUP));
		ui_put(y, x0, 1, "│", false);
		if (sel)
			attrset(ui_attr(ui, AKT_T_POPUP_CURSOR) | A_REVERSE);
		if (m->yes_no)
			ui_putf(y, x0 + 1, w - 2, true, "%s %s",
				sel ? "›" : " ", m->items[idx]);
		else
			ui_putf(y, x0 + 1, w - 2, true, "%s %zu %s",
				sel ? "›" : " ", idx + 1, m->items[idx]);
		attrset(ui_attr(ui, AKT_T_POPUP));
		ui_put(y, x0 + w - 1, 1, "│", false);
	}
	ui_put(y0 + h - 1, x0, w, "", true);
	mvaddstr(y0 + h - 1, x0, "└");
	for (int x = 1; x < w - 1; x++)
		mvaddstr(y0 + h - 1, x0 + x, "─");
	mvaddstr(y0 + h - 1, x0 + w - 1, "┘");
	attrset(ui_attr(ui, AKT_T_MESSAGE));
	ui_put(LINES - 1, 0, COLS,
	       m->yes_no ? _("y: yes   n: no   Esc: cancel") :
	       _("Enter: choose   j/k: move   Esc: cancel"), true);
	move(y0 + 1 + (int)(m->list.sel - m->list.top), x0 + 2);
}

/* ---- dispatch ------------------------------------------------------------- */

bool ui_modal_key(struct ui *ui, akt_key k)
{
	switch (ui->p->modal.kind) {
	case UI_MODAL_LINE:
		line_key(ui, k);
		return true;
	case UI_MODAL_MENU:
		menu_key(ui, k);
		return true;
	default:
		return false;
	}
}

void ui_modal_draw(struct ui *ui)
{
	switch (ui->p->modal.kind) {
	case UI_MODAL_LINE:
		line_draw(ui);
		break;
	case UI_MODAL_MENU:
		menu_draw(ui);
		break;
	default:
		break;
	}
}

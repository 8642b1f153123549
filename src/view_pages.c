/*
 * view_pages.c — small pieces the screens share: state lines, tabs,
 * and older pages loading as the selection nears the end.
 */
#include "view_pages.h"
#include "akt/outbox.h"
#include "akt/ui_wrap.h"
#include "akt/xalloc.h"

#include <stdint.h>

/* ---- state lines --------------------------------------------------------- */

void view_state_line(struct ui *ui, int y, int cols, const char *text,
		     bool error)
{
	attrset(ui_attr(ui, error ? AKT_T_ERROR : AKT_T_DIM));
	ui_put(y, 0, cols, text, true);
}

int view_error_lines(struct ui *ui, int y, int cols, int rows,
		     const char *text)
{
	size_t n = 0;
	char **lines = ui_wrap(text, cols, &n);
	int used = 0;

	/* never over the status bar and the message line */
	rows = AKT_MIN(AKT_MIN(rows, VIEW_ERROR_ROWS), LINES - 2 - y);
	attrset(ui_attr(ui, AKT_T_ERROR));
	for (size_t i = 0; i < n && used < AKT_MAX(rows, 1); i++) {
		char *rest = NULL;

		/* the last row takes what is left, cut with an ellipsis */
		for (size_t k = i + 1; used + 1 >= rows && k < n; k++) {
			char *longer = xasprintf("%s %s", rest ? rest :
						 lines[i], lines[k]);

			free(rest);
			rest = longer;
		}
		ui_put(y + used++, 0, cols, rest ? rest : lines[i], true);
		free(rest);
		if (rest)
			break;
	}
	ui_wrap_free(&lines, &n);
	return used;
}

char *view_not_loaded(struct ui_view *v)
{
	char *keys = akt_keymap_keys(v->ui->keys, v->ops->screen,
				     AKT_A_RELOAD);
	char *text = *keys ?
		xasprintf(_("Not loaded; %.*s or :reload loads it."),
			  (int)strcspn(keys, " "), keys) :
		xstrdup(_("Not loaded; :reload loads it."));

	free(keys);
	return text;
}

void view_draw_wait(struct ui_view *v, int y, int cols, const char *error,
		    const char *loading)
{
	char *again;

	if (error) {
		view_error_lines(v->ui, y, cols, VIEW_ERROR_ROWS, error);
		return;
	}
	if (v->loading) {
		view_state_line(v->ui, y, cols, loading, false);
		return;
	}
	again = view_not_loaded(v);
	view_state_line(v->ui, y, cols, again, false);
	free(again);
}

/* ---- tabs ---------------------------------------------------------------- */

void view_tabs(struct ui *ui, int y, int cols, const char *const *names,
	       int n, int on)
{
	int x = 0;

	for (int t = 0; t < n && x < cols; t++) {
		attrset(ui_attr(ui, t == on ? AKT_T_TAB_ACTIVE : AKT_T_TAB));
		x += ui_putf(y, x, cols - x, false, t == on ? "[%s]" : " %s ",
			     names[t]);
		attrset(ui_attr(ui, AKT_T_TAB));
		x += ui_put(y, x, cols - x, " ", false);
	}
	if (x < cols)
		ui_put(y, x, cols - x, "", true);
}

int view_tab_step(enum akt_action a, int tab, int n)
{
	if (a == AKT_A_NEXT_TAB)
		return (tab + 1) % n;
	if (a == AKT_A_PREV_TAB)
		return (tab + n - 1) % n;
	return -1;
}

/* ---- the view still open ------------------------------------------------- */

void *view_tag(const struct ui_view *v)
{
	return (void *)(uintptr_t)v->serial;
}

struct ui_view *view_of_tag(const struct ui *ui, void *tag)
{
	return ui_view_find(ui, (unsigned)(uintptr_t)tag);
}

void view_fail(struct ui_view *v, const struct akt_reply *r,
	       const char *what)
{
	ui_err(v->ui, "%s: %s%s%s", what, r->error ? r->error : "",
	       r->hint ? "; " : "", r->hint ? r->hint : "");
}

/* ---- the outbox ---------------------------------------------------------- */

const char *view_outbox_state(const struct ui *ui)
{
	return akt_outbox_offline(ui->outbox) ?
	       _("offline: sent when the platform answers") :
	       _("waiting to be sent");
}

char *view_one_line(const char *text)
{
	char *s = xstrdup(text ? text : "");

	for (char *p = s; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	return s;
}

/* ---- older pages --------------------------------------------------------- */

void vp_restart(struct view_pages *p, bool quiet)
{
	p->gen++;
	p->more = p->stuck = false;
	if (!quiet)
		p->loaded = false;
}

/* The generation, doubled, plus 1 for an older page: no memory is left
 * behind when a request is dropped. */
void *vp_arg(const struct view_pages *p, bool older)
{
	return (void *)(((uintptr_t)p->gen << 1) | (older ? 1 : 0));
}

static void failed(struct ui_view *v, struct view_pages *p, char *text)
{
	if (!p->loaded) {
		free(p->error);
		p->error = text;
	} else {
		ui_err(v->ui, "%s", text);
		free(text);
	}
}

bool vp_answer(struct ui_view *v, struct view_pages *p,
	       const struct akt_reply *r, void *arg, size_t sel,
	       const char *what, bool *older)
{
	uintptr_t a = (uintptr_t)arg;

	*older = a & 1;
	if ((unsigned)(a >> 1) != p->gen)
		return false;
	if (*older) {
		p->more = false;
		/* not again on every draw: once the officer moves */
		p->stuck = r->result != AKT_OK;
		p->stuck_at = sel;
	}
	if (r->result == AKT_OK)
		return true;
	if (p->loaded)
		view_fail(v, r, what);
	else
		failed(v, p, ui_reply_text(r));
	return false;
}

void vp_bad(struct ui_view *v, struct view_pages *p, bool older, char *err)
{
	char *text = ui_decode_text(err);

	free(err);
	p->stuck = older;
	failed(v, p, text);
}

void vp_loaded(struct view_pages *p)
{
	p->loaded = true;
	xfree(&p->error);
}

bool vp_want_more(struct ui_view *v, struct view_pages *p, size_t sel,
		  size_t n, size_t ahead)
{
	/* a page Esc gave up on, or that failed, is asked for again once
	 * the officer moves, not on every draw */
	if (p->more && !v->loading) {
		p->more = false;
		p->stuck = true;
		p->stuck_at = sel;
	}
	if (p->stuck && sel == p->stuck_at)
		return false;
	p->stuck = false;
	if (!p->loaded || !p->next || p->more || sel + ahead < n)
		return false;
	p->more = true;
	return true;
}

void vp_clear(struct view_pages *p)
{
	xfree(&p->next);
	xfree(&p->error);
}

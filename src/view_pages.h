/*
 * view_pages.h — small pieces the screens share (private to src/view_*):
 * the one line that stands for a list that is empty, loading or failed;
 * the line of tabs and Tab/S-Tab over it; and the paging of a list read
 * newest first whose older pages load as the selection nears the end
 * (the case screen's History and Journal).
 */
#ifndef AKT_VIEW_PAGES_H
#define AKT_VIEW_PAGES_H

#include "akt/ui.h"

/* ---- state lines --------------------------------------------------------- */

/* One line in place of a list: loading, failed (error) or empty. */
void view_state_line(struct ui *ui, int y, int cols, const char *text,
		     bool error);
/* Why a list failed to load, in place of the list: wrapped over at most
 * rows (and VIEW_ERROR_ROWS) rows, so that what to do at the end of a
 * long line is not cut off; returns the rows used. */
#define VIEW_ERROR_ROWS 3
int view_error_lines(struct ui *ui, int y, int cols, int rows,
		     const char *text);
/* How to load a list again once waiting for it was stopped (Esc): names
 * the reload key of v's screen. malloc'd. */
char *view_not_loaded(struct ui_view *v);
/* The line of a list not there yet: its error if it failed, the loading
 * text while v waits, else how to load it again. */
void view_draw_wait(struct ui_view *v, int y, int cols, const char *error,
		    const char *loading);

/* ---- tabs ---------------------------------------------------------------- */

/* The tabs' names (translated) on row y; the one shown in brackets too,
 * not only in its colour. */
void view_tabs(struct ui *ui, int y, int cols, const char *const *names,
	       int n, int on);
/* The tab next-tab / prev-tab moves to from tab (of n, round); -1 when a
 * is neither. */
int view_tab_step(enum akt_action a, int tab, int n);

/* ---- the view still open ------------------------------------------------- */

/* What a prompt or menu asked from v passes as its arg (v's serial), and
 * the view it names while that is still open, else NULL. */
void *view_tag(const struct ui_view *v);
struct ui_view *view_of_tag(const struct ui *ui, void *tag);
/* A failed request on the bottom line: "what: error; hint". */
void view_fail(struct ui_view *v, const struct akt_reply *r,
	       const char *what);

/* ---- the outbox ---------------------------------------------------------- */

/* What an item waiting in the outbox says of itself: sent when the
 * platform answers (offline), or waiting to be sent. */
const char *view_outbox_state(const struct ui *ui);
/* text on one line (breaks and tabs made spaces), for a row. malloc'd. */
char *view_one_line(const char *text);

/* ---- older pages --------------------------------------------------------- */

struct view_pages {
	char *next;                  /* cursor of older items, or NULL */
	bool loaded, more;           /* first page in; an older one coming */
	/* an older page failed (or Esc stopped it) with the selection
	 * here: asked for again only once the officer moves */
	bool stuck;
	size_t stuck_at;
	char *error;                 /* why the first page is not there */
	unsigned gen;                /* answers of an older reading drop */
};

/* Read from the top again; quiet (a live update) keeps what is shown. */
void vp_restart(struct view_pages *p, bool quiet);
/* The arg of the request for the first page, or an older one. */
void *vp_arg(const struct view_pages *p, bool older);
/* An answer came: false when it is stale or failed (the failure then
 * shown: in place of the list before the first page, else on the
 * bottom line naming what). *older: it is an older page. sel: the
 * selection now. */
bool vp_answer(struct ui_view *v, struct view_pages *p,
	       const struct akt_reply *r, void *arg, size_t sel,
	       const char *what, bool *older);
/* The answer was not understood: err (taken) is shown as vp_answer
 * shows a failure. */
void vp_bad(struct ui_view *v, struct view_pages *p, bool older, char *err);
/* The first page is in: the list shows. */
void vp_loaded(struct view_pages *p);
/* Whether to ask for the older page now (p->more is then set): the
 * selection sel is within ahead of the end of n items. */
bool vp_want_more(struct ui_view *v, struct view_pages *p, size_t sel,
		  size_t n, size_t ahead);
void vp_clear(struct view_pages *p);

#endif

/*
 * ui.h — the full-screen client: what every screen (view) shares.
 *
 * The screen is one curses window, stdscr, laid out as
 *   row 0            the title line
 *   rows 1 … h-3     the body, drawn by the view on top of the stack
 *   row h-2          the status bar (officer, server, connection, work)
 *   row h-1          messages, or the line being edited (':' '/' prompts)
 * Views change their own state and call ui_dirty(); the loop redraws
 * everything once before it sleeps, and curses sends only the cells
 * that changed, so a redraw costs the terminal nothing it already shows.
 *
 * Every request a view makes goes through ui_get()/ui_req_*, so the
 * status bar can count it, Esc can drop it, and its answer never reaches
 * a view that was closed meanwhile. Nothing here waits.
 */
#ifndef AKT_UI_H
#define AKT_UI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <time.h>

#include "akt/cli.h"
#include "akt/event.h"
#include "akt/eservice.h"
#include "akt/feed.h"
#include "akt/i18n.h"
#include "akt/keys.h"
#include "akt/officer.h"
#include "akt/outbox.h"
#include "akt/queue.h"
#include "akt/status.h"
#include "akt/theme.h"
#include "akt/ui_line.h"

struct ui;
struct ui_view;

/* ---- views ------------------------------------------------------------ */

struct ui_view_ops {
	const char *name;                 /* "cases": for messages and tests */
	enum akt_screen screen;           /* which key bindings apply */
	/* The title line's text (malloc'd; sanitized by the caller). */
	char *(*title)(struct ui_view *v);
	/* Draw the body: rows × cols starting at row y0 of stdscr. Set
	 * v->cursor_y/x to where the hardware cursor belongs (the selected
	 * row), relative to the body. */
	void (*draw)(struct ui_view *v, int y0, int rows, int cols);
	/* An action; false when the view has nothing to do with it. */
	bool (*action)(struct ui_view *v, enum akt_action a);
	/* A ':' command the view understands (status, assign, sort …);
	 * false when it does not apply here. args may be "". */
	bool (*command)(struct ui_view *v, const char *name,
			const char *args);
	/* An event from the change feed (every view on the stack sees it). */
	void (*event)(struct ui_view *v, const struct akt_event *e);
	/* Load again from the platform (^R). */
	void (*reload)(struct ui_view *v);
	/* Free the view's own data (not v itself). */
	void (*done)(struct ui_view *v);
	/* A key before the key table is asked (the editor takes text
	 * this way); false passes it on to the table. */
	bool (*key)(struct ui_view *v, akt_key k);
	/* The outbox changed (every view on the stack hears it). */
	void (*outbox)(struct ui_view *v, const struct akt_outbox_event *e);
	/* Save what the officer is writing, now: before a lock, on quit
	 * and on SIGHUP/SIGTERM (ending: akt is about to exit). False
	 * when it could not be saved (the view says why). */
	bool (*save)(struct ui_view *v, bool ending);
};

struct ui_view {
	const struct ui_view_ops *ops;
	struct ui *ui;
	struct ui_view *below;            /* the view this one was opened from */
	int cursor_y, cursor_x;           /* hardware cursor, body-relative */
	unsigned loading;                 /* this view's requests under way */
	unsigned serial;                  /* set by ui_push; never 0, never
					     used again in this run */
	void *priv;                       /* the view's own state */
};

/* Put v on top (v->ops and v->priv set by the caller) and draw it. */
void ui_push(struct ui *ui, struct ui_view *v);
/* Close the top view (its requests are dropped); quits after the last. */
void ui_pop(struct ui *ui);
struct ui_view *ui_top(const struct ui *ui);
/* The view with this serial when it is still open, else NULL. A prompt
 * or menu answers through the ui, maybe after its view closed: keep
 * v->serial, not v (a new view may be given the same address). */
struct ui_view *ui_view_find(const struct ui *ui, unsigned serial);

/* ---- the shared state --------------------------------------------------- */

struct ui {
	struct akt_cli *cli;
	struct akt_loop *loop;
	struct akt_session *session;
	const struct akt_config *cfg;
	const char *lang;                 /* "sv" or "en": platform names */

	struct akt_keymap *keys;
	struct akt_theme theme;

	/* What many screens need, loaded at start; n = 0 until loaded. */
	struct akt_officer me;
	bool me_loaded;
	struct akt_status_list statuses;
	struct akt_queue_list queues;
	struct akt_eservice_list eservices;
	struct akt_officer_ref *officers; /* colleagues, for assigning */
	size_t nofficers;

	struct ui_view *view;             /* top of the stack */
	struct akt_feed *feed;
	struct akt_drafts *drafts;        /* the draft store; NULL when it
					   could not be opened (then
					   nothing can be written) */
	struct akt_outbox *outbox;        /* NULL with drafts */

	/* status bar */
	enum { UI_NET_ONLINE, UI_NET_RETRYING, UI_NET_OFFLINE } net;
	int64_t retry_at;                 /* loop ms, when RETRYING */
	unsigned new_messages;            /* from the feed since start */
	unsigned spin;                    /* spinner frame */

	/* the bottom line */
	char *message;                    /* sanitized, or NULL */
	bool message_error;

	unsigned frame;                   /* see ui_redraw_all */
	unsigned deferred;                /* loads waiting on a timer, which
					   scripts wait for like requests */
	bool dirty, quit, locked;
	bool hangup;                      /* the quit came from SIGHUP or
					   SIGTERM: what is open is kept
					   for recovery at the next start */
	int exit_code;
	struct ui_private *p;             /* the core's own (ui_main.c) */
};

/* Every view on the stack saves what is being written (ops->save). */
bool ui_save_all(struct ui *ui, bool ending);

/* Mark the screen for redrawing before the loop next sleeps. */
void ui_dirty(struct ui *ui);
/*
 * Everything on screen must be drawn anew: a view that skips rows it
 * drew before unchanged (to spare the CPU per key) compares ui->frame
 * with the frame of its last draw. Bumped on push, pop, resize, theme,
 * ^L, the lock, and around menus and prompts drawn over the body.
 */
void ui_redraw_all(struct ui *ui);

/* A message on the bottom line (formatted, then sanitized to one line). */
void ui_msg(struct ui *ui, const char *fmt, ...) AKT_PRINTF(2, 3);
void ui_err(struct ui *ui, const char *fmt, ...) AKT_PRINTF(2, 3);

/* The name of a status (or anything with names) in the UI's language. */
const char *ui_name(const struct ui *ui, const struct akt_names *n);

/* ---- requests ---------------------------------------------------------- */

/* Called with the reply when the view that asked is still open. */
typedef void ui_reply_fn(struct ui_view *v, const struct akt_reply *r,
			 void *arg);

/* Called instead, once, when fn never will be: arg can be freed. */
typedef void ui_drop_fn(void *arg);

/*
 * A request on behalf of view v: pass ui_req_cb as the callback and the
 * returned pointer as its arg to akt_session_call or any akt_op_*. If v
 * is closed (or Esc cancels it) before the answer, fn is not called.
 */
struct ui_req;
struct ui_req *ui_req_new(struct ui_view *v, ui_reply_fn *fn, void *arg);
void ui_req_cb(const struct akt_reply *r, void *req);
/* For a write: Esc leaves it alone, and if its view closes, the write
 * still runs to its end (unheard) instead of being cut off half sent. */
void ui_req_keep(struct ui_req *r);
/* drop(arg) is called when the request is given up unheard (its view
 * closed, Esc, the end of akt), so what arg holds is not lost. Set it
 * before the request is sent (an answer may come at once). drop must
 * not start or end requests. */
void ui_req_on_drop(struct ui_req *r, ui_drop_fn *drop);

/* GET path for view v (a shorthand for the above). */
void ui_get(struct ui_view *v, const char *path, ui_reply_fn *fn,
	    void *arg);
/* The same for a read that is a step of a write under way (the case
 * read for its tag): like the write, Esc does not drop it; drop (may be
 * NULL) frees arg if the view closes first. */
void ui_get_keep(struct ui_view *v, const char *path, ui_reply_fn *fn,
		 ui_drop_fn *drop, void *arg);

/* What a failed reply tells the officer: "ERROR; HINT" (malloc'd). */
char *ui_reply_text(const struct akt_reply *r);
/* What an answer that did not decode tells the officer (malloc'd):
 * the decoder's reason and what to do. */
char *ui_decode_text(const char *why);

/* Requests of any view under way (for the status bar and scripts). */
unsigned ui_busy(const struct ui *ui);

/* ---- drawing ----------------------------------------------------------- */

/* Rows of the body (the screen less the title, status and message
 * lines): how far a page moves. */
int ui_body_rows(void);

/* The curses attributes of a theme object. */
attr_t ui_attr(const struct ui *ui, enum akt_theme_obj o);

/*
 * Put text at (y, x) in at most width columns, sanitized to one line;
 * text that does not fit ends in "…". With pad, the rest of the width is
 * filled with spaces. Returns the columns written.
 */
int ui_put(int y, int x, int width, const char *text, bool pad);
/* The same with printf formatting. */
int ui_putf(int y, int x, int width, bool pad, const char *fmt, ...)
	AKT_PRINTF(5, 6);
/* Display columns of text as ui_put would draw it. */
int ui_width(const char *text);

/* Now, for ages and deadlines: $AKT_NOW (RFC 3339) when set, so test
 * screens stay the same from day to day; else the clock. */
time_t ui_now(void);

/*
 * The list every screen has: a selection over count rows, scrolled so
 * the selection stays visible in 'rows' rows.
 */
struct ui_list {
	size_t count;
	size_t sel;
	size_t top;
};

/* Move for a movement action (down, up, page, first, last); false
 * when a is not one. */
bool ui_list_action(struct ui_list *l, enum akt_action a, int rows);
/* Keep sel in range and visible. */
void ui_list_clamp(struct ui_list *l, int rows);

/* ---- questions --------------------------------------------------------- */

/* Called with the text entered, or NULL when cancelled. */
typedef void ui_prompt_fn(struct ui *ui, const char *text, void *arg);
/* Ask for one line (edited by libedit; no history is kept of it). */
void ui_prompt(struct ui *ui, const char *prompt, const char *initial,
	       ui_line_complete_fn *complete, ui_prompt_fn *fn, void *arg);

/* Called with the entry chosen (0…n-1), or -1 when cancelled. */
typedef void ui_menu_fn(struct ui *ui, int choice, void *arg);
/* A menu of n entries over the body; Enter picks, Esc cancels; the
 * first letter... no: j/k/arrows move, a digit picks 1–9. */
void ui_menu(struct ui *ui, const char *title, const char *const *items,
	     size_t n, ui_menu_fn *fn, void *arg);
/* The same with entry sel selected to begin with. */
void ui_menu_at(struct ui *ui, const char *title, const char *const *items,
		size_t n, size_t sel, ui_menu_fn *fn, void *arg);
/* Yes or no (choice 1 = yes, 0 = no, -1 = cancelled). */
void ui_confirm(struct ui *ui, const char *question, ui_menu_fn *fn,
		void *arg);
/* The same with Enter meaning yes when yes is set. */
void ui_confirm_default(struct ui *ui, const char *question, bool yes,
			ui_menu_fn *fn, void *arg);

/* A page of text (a report, a message) to read and close with q. The
 * text is sanitized here; lines end with '\n'. */
void ui_show_text(struct ui *ui, const char *title, const char *text);

/* ---- commands ----------------------------------------------------------- */
/* Open the ':' command line (for screens where ':' is text). */
void ui_command_open(struct ui *ui);
/* Stop (and start again) reading keys from the terminal, while another
 * program (the officer's editor) has it. */
void ui_keys_pause(struct ui *ui, bool pause);

/* Run a ':' command line (without the ':'); messages say what failed. */
void ui_command(struct ui *ui, const char *line);

/* The help screen for the screen of the view on top. */
void ui_help_open(struct ui *ui);

/* ---- entry --------------------------------------------------------------- */

/* The full-screen client, on cli (opened); returns an exit code. */
int ui_run(struct akt_cli *cli);

#endif

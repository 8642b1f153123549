/*
 * ui_core.h — what the files of the UI core share and views do not see:
 * the modal layer (prompt, menu, question), the terminal, the script
 * driver and the idle lock.
 */
#ifndef AKT_UI_CORE_H
#define AKT_UI_CORE_H

#include "akt/ui.h"

/* The one question on screen, if any: it gets the keys first. */
struct ui_modal {
	enum { UI_MODAL_NONE, UI_MODAL_LINE, UI_MODAL_MENU } kind;
	/* a line (':' '/' or a prompt) */
	struct ui_line *line;             /* which editor (its history) */
	bool is_command;                  /* ':' — run with ui_command */
	ui_prompt_fn *prompt_fn;
	/* a menu */
	char *title;
	char **items;
	size_t nitems;
	struct ui_list list;
	ui_menu_fn *menu_fn;
	bool yes_no;
	void *arg;
};

struct ui_private {
	struct ui_modal modal;
	struct ui_line *cmdline;          /* ':' with history */
	struct ui_line *searchline;       /* '/' with its own history */
	struct ui_line *promptline;       /* prompts: no history kept */
	struct ui_req *reqs;              /* under way, a list */
	unsigned nreqs;
	unsigned serial;                  /* the last view's (ui_push) */
	struct akt_watch *keys;           /* the terminal */
	struct akt_timer *spinner;
	struct akt_timer *lock_timer;
	struct akt_timer *script_timer;
	struct ui_script *script;         /* AKT_SCRIPT, or NULL */
	/* the lock screen's password, typed without echo and wiped */
	char pw[256];
	size_t pwlen;
	bool unlocking;
	bool lock_says;                   /* the lock's own message: shown */
	bool keys_paused;                 /* the terminal is a child's */
	bool modal_was;                   /* a modal was drawn last time */
	bool quit_unsaved;                /* a quit was refused once for an
					   unsaved draft: the next goes */
	/* title, status bar and message as last drawn, in line_frame */
	char *line_text[3];
	unsigned line_frame;
};

/* ---- ui_modal.c ---- */
bool ui_modal_active(const struct ui *ui);
/* A key for the modal; false when none is open. */
bool ui_modal_key(struct ui *ui, akt_key k);
void ui_modal_draw(struct ui *ui);
void ui_modal_free(struct ui *ui);
/* Open the ':' command line or the '/' search. */
void ui_open_command(struct ui *ui, const char *initial);

/* ---- ui_req.c ---- */
/* Drop (without callback) the requests of v (all views' when v is NULL):
 * the reads; the writes too when closing (they then run on unheard). */
void ui_req_drop(struct ui *ui, struct ui_view *v, bool closing);
/* Writes under way (and the reads that are part of them). */
unsigned ui_req_writes(const struct ui *ui);
/* At the very end: forget every request, answered or not. */
void ui_req_free_all(struct ui *ui);

/* ---- ui_theme.c ---- */
/* Make the theme's colours current (after initscr, and on :theme). */
void ui_theme_apply(struct ui *ui);
/* Load and apply theme name; false with a message on the bottom line. */
bool ui_theme_use(struct ui *ui, const char *name);

/* ---- ui_term.c ---- */
/* Start curses on the terminal, or on nothing when headless (scripts). */
bool ui_term_start(struct ui *ui, bool headless, char **err);
void ui_term_stop(struct ui *ui);
/* Whether a signal asked us to end (SIGTERM, SIGHUP, SIGINT); the
 * terminal's size changed. Checked by the loop. */
void ui_term_watch(struct ui *ui);
void ui_term_suspend(struct ui *ui);
void ui_term_resize(struct ui *ui, int rows, int cols);

/* ---- ui_script.c ---- */
struct ui_script *ui_script_load(const char *path, char **err);
void ui_script_free(struct ui_script **s);
/* The next step: a key, or (*command not NULL) a command to run as it
 * is; false at the end. */
bool ui_script_next(struct ui_script *s, akt_key *k, const char **command);
/* ":save-display FILE" */
bool ui_save_display(const char *path, char **err);

/* ---- ui_lock.c ---- */
void ui_lock(struct ui *ui);
bool ui_lock_key(struct ui *ui, akt_key k);
void ui_lock_draw(struct ui *ui);
/* A key came: start the idle time again; true when it came past the
 * idle time and locked akt instead (the key is then not for anyone). */
bool ui_lock_touch(struct ui *ui);

/* ---- ui_main.c ---- */
void ui_key(struct ui *ui, akt_key k);
void ui_draw(struct ui *ui);
/* Stop the change feed and start it again (NULL before: just start). */
void ui_feed_restart(struct ui *ui);

#endif

/*
 * e2e.h — what the end-to-end tests of the full-screen client share on
 * top of tmux.h: starting akt signed in as an officer, finding the
 * selected row, moving to a row, picking from a menu, and asking the
 * platform (through the API) what it holds afterwards.
 *
 * akt's screen of R rows: row 0 the title, rows 1 … R-3 the body (its
 * first row a column header on lists), row R-2 the status bar, row R-1
 * messages and prompts. The selected row starts with "›".
 */
#ifndef AKT_TEST_E2E_H
#define AKT_TEST_E2E_H

#include "tmux.h"

/* A case number as akt shows it. */
#define E2E_NUMBER "[A-Z]+-[0-9]{4}-[0-9]{6}"
/* Seconds to wait for anything the platform has to answer first. */
#define E2E_WAIT 10.0

/* cmocka group setup of every end-to-end test: a sandbox with enough
 * cases (300) that a queue scrolls. */
int e2e_group_start(void **state);
/* cmocka teardown of each test: stops its tmux servers even when the
 * test failed half way. */
int e2e_stop_tmux(void **state);

/* text with the characters special in an ERE escaped (owned by sb) */
const char *e2e_rx(struct sb *sb, const char *text);

/*
 * Sign in as user (akt login in a fresh home), start akt in a cols × rows
 * pane and wait until its first screen shows the user's first queue and
 * the status bar names the user.
 */
struct tmux *e2e_open(struct sb *sb, const char *user, int cols, int rows,
		      const char *const extra_env[]);

/* The selected row of a screen (the row starting with "›"), or "". */
const char *e2e_selected(struct tmux *t, const char *screen);
/* Press key and wait until the selected row is another one; the screen. */
const char *e2e_move(struct tmux *t, const char *key);
/* Move down (j) until the selected row matches ere, at most max times;
 * fails the test otherwise. The screen. */
const char *e2e_select(struct tmux *t, const char *ere, int max);
/* On the queues screen: select the queue whose row shows name (long
 * names end in "…" at 80 columns: give their start) and open it
 * (Enter); the screen once the first row of cases is selected. */
const char *e2e_open_queue(struct tmux *t, const char *name);

/* The key that picks the menu entry labelled so ("1"…"9"): the digit
 * drawn before the label. Fails the test when the menu has no such
 * entry. */
const char *e2e_menu_key(struct tmux *t, const char *screen,
			 const char *label);

/* Rows of a screen that match ere. */
int e2e_count_rows(const char *screen, const char *ere);
/* The widest row of a screen, in characters (code points). */
int e2e_widest(const char *screen);

/* SGR sequences of a capture with escapes: whether any sets a colour
 * (30–38, 40–48, 90–107; 39 and 49, the default colours, do not), and
 * whether any sets attribute n (1 bold, 4 underline, 7 reverse …). */
bool e2e_has_colour(const char *esc_screen);
bool e2e_has_attr(const char *esc_screen, int n);

/* Every case of a list path (with its query, e.g.
 * "/v1/queues/1/cases?limit=200"), all pages, in order. Owned by sb. */
json_t *e2e_cases(struct sb *sb, const char *token, const char *path);
/* Events of a case of this type ("case.status_changed"), oldest first. */
json_t *e2e_events(struct sb *sb, const char *token, int64_t id,
		   const char *type);
/* The first queue's name that the officer sees. */
const char *e2e_first_queue(struct sb *sb, const char *token);

/* The Swedish translation of msgid in po/sv.po (of $AKT_SRCDIR or the
 * current directory); NULL when it has none. Owned by sb. */
const char *e2e_sv(struct sb *sb, const char *msgid);

/* ---- drafts and the outbox on disk (draft.h) ----------------------------- */

/* akt's store under a test home: "HOME/data/akt" (owned by sb). */
const char *e2e_store(struct sb *sb, const char *home);
/*
 * The records in box ("drafts" or "outbox") of home's store, each parsed
 * (a JSON object), in file-name order; a JSON array owned by sb. Fails
 * the test, naming the file, when a record file is not a complete
 * record (JSON with format, id matching its name, kind, key and text):
 * what a crash must never leave. Temporary files are not records.
 */
json_t *e2e_records(struct sb *sb, const char *home, const char *box);
/* Files moved aside into corrupt/ (0 when it does not exist). */
int e2e_corrupt_count(struct sb *sb, const char *home);

#endif

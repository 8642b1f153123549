/*
 * keys.h — the actions of the full-screen client and the keys that run
 * them.
 *
 * AKT_ACTIONS is the one table of actions: name (as `bind` and `:` name
 * it), default keys, the screens it works on, and its help text. The
 * help screen, `akt help keys`, the `bind` parser and the KEYS section of
 * akt(1) all follow it; a test holds the manual to it.
 *
 * Keys are written as in the manual: a character ("j", "G", "ö"), or a
 * name in angle brackets: <Enter> <Esc> <Tab> <S-Tab> <Space> <Backspace>
 * <Del> <Ins> <Up> <Down> <Left> <Right> <PgUp> <PgDn> <Home> <End>
 * <F1>…<F12>, and <C-x> for control with a letter.
 */
#ifndef AKT_KEYS_H
#define AKT_KEYS_H

#include "akt/i18n.h"

/* The screens, as `bind SCREEN …` names them; "generic" is every one. */
enum akt_screen {
	AKT_SCR_GENERIC,
	AKT_SCR_QUEUES,
	AKT_SCR_CASES,
	AKT_SCR_CASE,
	AKT_SCR_RETENTION,
	AKT_SCR_HELP,
	AKT_SCR_COMPOSE,
	AKT_SCR_DRAFTS,
	AKT_SCR_THREAD,
	AKT_SCR_COUNT,
};

#define AKT_S(x) (1u << AKT_SCR_##x)
#define AKT_S_ALL (AKT_S(GENERIC))
#define AKT_S_LISTS (AKT_S(QUEUES) | AKT_S(CASES) | AKT_S(CASE) | \
		     AKT_S(RETENTION) | AKT_S(HELP) | AKT_S(DRAFTS) | \
		     AKT_S(THREAD))

/*
 * X(ID, "name", "default keys", screens, help). Help texts are marked
 * for translation (N_), translated where shown.
 */
#define AKT_ACTIONS(X) \
	X(DOWN, "move-down", "j <Down>", AKT_S_LISTS, \
	  N_("Move the selection down one row")) \
	X(UP, "move-up", "k <Up>", AKT_S_LISTS, \
	  N_("Move the selection up one row")) \
	X(PAGE_DOWN, "page-down", "<C-d> <PgDn> <C-f>", AKT_S_LISTS, \
	  N_("Move down one screen")) \
	X(PAGE_UP, "page-up", "<C-u> <PgUp> <C-b>", AKT_S_LISTS, \
	  N_("Move up one screen")) \
	X(FIRST, "move-first", "g <Home>", AKT_S_LISTS, \
	  N_("Go to the first row")) \
	X(LAST, "move-last", "G <End>", AKT_S_LISTS, \
	  N_("Go to the last row")) \
	X(ENTER, "enter", "<Enter>", AKT_S(QUEUES) | AKT_S(CASES) | \
	  AKT_S(CASE) | AKT_S(RETENTION) | AKT_S(DRAFTS) | AKT_S(THREAD), \
	  N_("Open the selected queue, case, thread or draft; show a row " \
	     "in full")) \
	X(BACK, "back", "q", AKT_S_ALL, \
	  N_("Close this screen (on the first screen: quit)")) \
	X(QUIT, "quit", "Q", AKT_S_ALL, N_("Quit akt")) \
	X(CANCEL, "cancel", "<Esc>", AKT_S_ALL, \
	  N_("Stop waiting for a slow request; close a menu")) \
	X(HELP, "help", "? <F1>", AKT_S_ALL, \
	  N_("Show the keys of this screen")) \
	X(COMMAND, "command", ":", AKT_S_ALL, \
	  N_("Open the command line")) \
	X(REDRAW, "redraw", "<C-l>", AKT_S_ALL, N_("Redraw the screen")) \
	X(SUSPEND, "suspend", "<C-z>", AKT_S_ALL, \
	  N_("Suspend akt (resume with fg)")) \
	X(RELOAD, "reload", "<C-r> <F5>", AKT_S_ALL, \
	  N_("Load this screen again from the platform")) \
	X(LOCK, "lock", "L", AKT_S_ALL, \
	  N_("Lock the screen now; unlock with your password")) \
	X(RETENTION, "retention", "R", AKT_S_ALL, \
	  N_("Show retention (gallring): policies, purges, log")) \
	X(DRAFTS, "drafts", "D", AKT_S_ALL, \
	  N_("Show the drafts and what waits to be sent")) \
	X(SEARCH, "search", "/", AKT_S(CASES), \
	  N_("Search the cases of this list on the platform")) \
	X(SEARCH_NEXT, "search-next", "n", AKT_S(CASES), \
	  N_("Go to the next match")) \
	X(SEARCH_PREV, "search-prev", "N", AKT_S(CASES), \
	  N_("Go to the previous match")) \
	X(SORT, "sort-next", "o", AKT_S(CASES), \
	  N_("Sort by the next column")) \
	X(SORT_REVERSE, "sort-reverse", "O", AKT_S(CASES), \
	  N_("Reverse the sort order")) \
	X(FILTER, "filter", "f", AKT_S(CASES), \
	  N_("Filter by status, assignee or e-service")) \
	X(TAG, "tag", "t <Space>", AKT_S(CASES), \
	  N_("Tag or untag the selected case and move down")) \
	X(UNTAG_ALL, "untag-all", "T", AKT_S(CASES), \
	  N_("Remove every tag")) \
	X(STATUS, "change-status", "s", AKT_S(CASES) | AKT_S(CASE), \
	  N_("Change the status (of the tagged cases, if any)")) \
	X(ASSIGN_ME, "assign-me", "a", AKT_S(CASES) | AKT_S(CASE), \
	  N_("Assign to me (the tagged cases, if any)")) \
	X(ASSIGN, "assign", "A", AKT_S(CASES) | AKT_S(CASE), \
	  N_("Assign to an officer you choose")) \
	X(UNASSIGN, "unassign", "u", AKT_S(CASES) | AKT_S(CASE), \
	  N_("Remove an assignee")) \
	X(NEXT_TAB, "next-tab", "<Tab> l <Right>", \
	  AKT_S(CASE) | AKT_S(RETENTION), N_("Show the next tab")) \
	X(PREV_TAB, "prev-tab", "<S-Tab> h <Left>", \
	  AKT_S(CASE) | AKT_S(RETENTION), N_("Show the previous tab")) \
	X(REVEAL, "reveal", "p", AKT_S(CASE), \
	  N_("Reveal the selected party's personal identity number")) \
	X(SAVE, "save-document", "S", AKT_S(CASE), \
	  N_("Save the selected document to a file")) \
	X(OPEN, "open-document", "o", AKT_S(CASE), \
	  N_("Open the selected document with open_command")) \
	X(WRITE_NOTE, "write-note", "w", AKT_S(CASE), \
	  N_("Write a journal note (internal, or published to the citizen)")) \
	X(REPLY, "reply", "r", AKT_S(THREAD), \
	  N_("Reply to the citizen in this thread")) \
	X(FILE_MESSAGE, "file-message", "F", AKT_S(THREAD), \
	  N_("File the selected message into the journal, with a comment")) \
	X(DISCARD, "discard", "d", AKT_S(DRAFTS), \
	  N_("Discard the selected draft (asks first)")) \
	X(HOLD, "legal-hold", "H", AKT_S(CASE) | AKT_S(RETENTION), \
	  N_("Set or lift a legal hold (stops purging)")) \
	X(EDIT, "edit-policy", "e", AKT_S(RETENTION), \
	  N_("Change the retention days of the selected e-service")) \
	X(SEND, "send", "<C-s>", AKT_S(COMPOSE), \
	  N_("Send the text (it waits in the outbox until the platform has it)")) \
	X(CHAR_LEFT, "char-left", "<Left>", AKT_S(COMPOSE), \
	  N_("Move the cursor one character left")) \
	X(CHAR_RIGHT, "char-right", "<Right>", AKT_S(COMPOSE), \
	  N_("Move the cursor one character right")) \
	X(ROW_UP, "row-up", "<Up>", AKT_S(COMPOSE), \
	  N_("Move the cursor up one row")) \
	X(ROW_DOWN, "row-down", "<Down>", AKT_S(COMPOSE), \
	  N_("Move the cursor down one row")) \
	X(ROW_START, "row-start", "<Home> <C-a>", AKT_S(COMPOSE), \
	  N_("Move to the start of the row")) \
	X(ROW_END, "row-end", "<End> <C-e>", AKT_S(COMPOSE), \
	  N_("Move to the end of the row")) \
	X(TEXT_PAGE_UP, "text-page-up", "<PgUp>", AKT_S(COMPOSE), \
	  N_("Move the cursor up one screen")) \
	X(TEXT_PAGE_DOWN, "text-page-down", "<PgDn>", AKT_S(COMPOSE), \
	  N_("Move the cursor down one screen")) \
	X(WORD_LEFT, "word-left", "<C-b>", AKT_S(COMPOSE), \
	  N_("Move to the start of the word")) \
	X(WORD_RIGHT, "word-right", "<C-f>", AKT_S(COMPOSE), \
	  N_("Move to the start of the next word")) \
	X(DELETE_BACK, "delete-back", "<Backspace>", AKT_S(COMPOSE), \
	  N_("Delete the character before the cursor")) \
	X(DELETE_FORWARD, "delete-forward", "<Del> <C-d>", AKT_S(COMPOSE), \
	  N_("Delete the character under the cursor")) \
	X(DELETE_WORD, "delete-word", "<C-w>", AKT_S(COMPOSE), \
	  N_("Delete the word before the cursor")) \
	X(DELETE_TO_END, "delete-to-end", "<C-k>", AKT_S(COMPOSE), \
	  N_("Delete to the end of the line (at its end: join the next)")) \
	X(DELETE_LINE, "delete-line", "<C-u>", AKT_S(COMPOSE), \
	  N_("Delete the whole line")) \
	X(UNDO, "undo", "<C-y>", AKT_S(COMPOSE), \
	  N_("Undo the last change (typing is undone a run at a time)")) \
	X(REDO, "redo", "<C-g>", AKT_S(COMPOSE), \
	  N_("Redo what was undone")) \
	X(INSERT_TEMPLATE, "insert-template", "<C-t>", AKT_S(COMPOSE), \
	  N_("Insert a template from the templates directory")) \
	X(TOGGLE_PUBLISH, "toggle-publish", "<C-p>", AKT_S(COMPOSE), \
	  N_("Note: publish to the citizen or keep internal; status: notify or not")) \
	X(EXTERNAL_EDITOR, "external-editor", "<C-o>", AKT_S(COMPOSE), \
	  N_("Open the draft in your own editor ($VISUAL or $EDITOR)")) \
	X(COMPOSE_COMMAND, "compose-command", "<C-x>", AKT_S(COMPOSE), \
	  N_("Open the command line (':' is text here)"))

enum akt_action {
	AKT_A_NONE = -1,
#define AKT_X_ENUM(id, name, keys, screens, help) AKT_A_##id,
	AKT_ACTIONS(AKT_X_ENUM)
#undef AKT_X_ENUM
	AKT_A_COUNT
};

struct akt_action_info {
	const char *name;
	const char *keys;       /* default keys, separated by spaces */
	unsigned screens;       /* AKT_S() bits */
	const char *help;       /* English; translate with _() */
};

extern const struct akt_action_info akt_actions[AKT_A_COUNT];

/* A key: a character (its code point), or a curses KEY_ code with
 * AKT_KEY_FN set, so the two never collide. */
typedef int32_t akt_key;
#define AKT_KEY_FN 0x40000000
#define AKT_KEY_NONE (-1)

/* The action named so ("move-down"), or AKT_A_NONE. */
enum akt_action akt_action_find(const char *name);
/* Does a work on screen s? Generic actions work on every screen. */
bool akt_action_on(enum akt_action a, enum akt_screen s);

const char *akt_screen_name(enum akt_screen s);       /* "cases" */
bool akt_screen_parse(const char *name, enum akt_screen *out);

/*
 * The one form of a key that the keymap stores and compares. Terminals
 * send Enter as '\r', '\n' or KEY_ENTER, and Backspace as 127, 8 or
 * KEY_BACKSPACE; each becomes one key ('\r', 127), so a binding of
 * <Enter> or <Backspace> holds for all of them. Others are unchanged.
 */
akt_key akt_key_canon(akt_key k);

/* Parse one key as the manual writes it; false if not a key. The result
 * is canonical. */
bool akt_key_parse(const char *text, akt_key *out);
/* The manual's name of a key ("j", "<C-d>", "<PgDn>"); a key without one
 * is shown as "<U+001C>" or "<Key-410>", which akt_key_parse refuses. */
const char *akt_key_name(akt_key k, char buf[32]);

/* Which action each key runs, per screen. */
struct akt_keymap;

/* The defaults from the table: a generic action's keys on the generic
 * screen, any other's on each screen it works on. */
struct akt_keymap *akt_keymap_new(void);
void akt_keymap_free(struct akt_keymap **km);

/*
 * The action of k (any form; it is made canonical) on screen s: a
 * binding for s, else a generic binding of an action that works on s;
 * AKT_A_NONE when k does nothing there.
 */
enum akt_action akt_keymap_lookup(const struct akt_keymap *km,
				  enum akt_screen s, akt_key k);

/*
 * Apply a config line "bind SCREEN KEY ACTION" (the words after "bind"
 * given as line; a '#' word after them starts a comment). A binding for
 * a screen replaces that screen's binding of the key and wins over a
 * generic one; on "generic", an action that works only on some screens
 * works on those. ACTION "none" unbinds: on a screen, the key then does
 * nothing there (not even its generic action); on "generic", the key is
 * unbound on every screen. False with *err (one line, without the file
 * and line) when it is not valid; the keymap is then unchanged.
 */
bool akt_keymap_bind(struct akt_keymap *km, const char *line, char **err);

/* The keys bound to a on s (its own and the generic ones), as names
 * separated by spaces, "" when none: for the help screen. malloc'd. */
char *akt_keymap_keys(const struct akt_keymap *km, enum akt_screen s,
		      enum akt_action a);

/* The heading of a group of actions that work on the same screens:
 * "On every screen", "On cases and case". malloc'd. */
char *akt_screens_text(unsigned screens);

/* `akt help keys`: every action with its default keys and help, grouped
 * by the screens it works on (generic first, then in table order), as
 * the KEYS section of akt(1) lists them. */
void akt_keys_help(FILE *out);

#endif

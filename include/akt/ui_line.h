/*
 * ui_line.h — one line of input at the bottom of the screen (the ':'
 * command line, the '/' search, and every prompt), edited by libedit.
 *
 * libedit does the editing (emacs keys, history with Up/Down, Tab
 * completion through our hook) and keeps the history; curses does the
 * drawing. Keys reach libedit one at a time from the event loop, so
 * nothing waits while the officer types. libedit never sees the real
 * terminal: it edits on a private pseudo-terminal whose output is thrown
 * away, so it works the same with no terminal at all.
 *
 * Keys: Left/Right ^B/^F, Home/End ^A/^E, Backspace (^H, DEL), Delete
 * and ^D delete the character under the cursor, ^W the word before it,
 * ^U everything before it, ^K everything after it; ^Y puts back what was
 * deleted last, ^T swaps two characters, Up/Down (^P/^N) walk the
 * history, Tab completes. Enter is done; Esc, ^C, ^G, and Backspace on
 * an empty line cancel. Other control keys are ignored.
 */
#ifndef AKT_UI_LINE_H
#define AKT_UI_LINE_H

#include "akt/keys.h"

struct ui_line;

/*
 * Completion: the words that may complete 'word' (the text from the
 * start of the current word to the cursor) when it is word number
 * 'index' of the line (0 = first); 'line' is the text before the cursor.
 * Add each candidate with ui_line_add. The word is replaced by what the
 * candidates have in common (so they may differ from it in case), never
 * by less than it; one candidate is followed by a space, several are
 * listed by ui_line_candidates.
 */
typedef void ui_line_complete_fn(struct ui_line *l, const char *line,
				 size_t index, const char *word, void *arg);

/*
 * A line editor with its own history of max_history lines (0: none),
 * kept in history_file (NULL: only in memory; the file is read now and
 * written, 0600 in a 0700 directory, by ui_line_save). NULL with *err
 * when no pseudo-terminal can be had for libedit.
 */
struct ui_line *ui_line_new(const char *history_file, int max_history,
			    char **err);
void ui_line_free(struct ui_line **l);

/* Start editing with the given prompt and initial text ("" or NULL). */
void ui_line_begin(struct ui_line *l, const char *prompt, const char *text,
		   ui_line_complete_fn *complete, void *arg);

enum ui_line_result {
	UI_LINE_EDITING,     /* go on */
	UI_LINE_DONE,        /* Enter: ui_line_text() is the line */
	UI_LINE_CANCEL,      /* Esc, or ^C / ^G, or Backspace on empty */
};

/* Feed one key (akt_key: a character or AKT_KEY_FN|KEY_…). */
enum ui_line_result ui_line_key(struct ui_line *l, akt_key k);

/* The line as edited so far (UTF-8, never a control character), and the
 * cursor as columns from the start of the text. */
const char *ui_line_text(const struct ui_line *l);
size_t ui_line_cursor_col(const struct ui_line *l);
const char *ui_line_prompt(const struct ui_line *l);

/* Candidates offered by the last key when it was a Tab that matched
 * more than one, one per line; "" otherwise: shown above the line. */
const char *ui_line_candidates(const struct ui_line *l);

/* From a completion hook: one candidate. */
void ui_line_add(struct ui_line *l, const char *candidate);

/* Add a finished line to the history (not blanks, repeats, or a line
 * holding a personal identity number). */
void ui_line_remember(struct ui_line *l, const char *text);
/* Write the history file (nothing to do without one); false with *err. */
bool ui_line_save(struct ui_line *l, char **err);

#endif

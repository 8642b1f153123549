/*
 * edit_buf.h — the text of the built-in editor: UTF-8 text with a
 * cursor, the edits an editor makes, undo, and soft-wrapped layout.
 * Nothing here draws; the compose screen does (view_compose.c).
 *
 * Positions are byte offsets into the text, always at the start of a
 * character. The text is one contiguous, NUL-terminated string, so an
 * edit is one memmove: a 100 KB text types without lag.
 *
 * Layout: each logical line (up to '\n') is wrapped greedily into
 * visual rows of at most `width` columns, at a space where there is one
 * (the space stays at the end of its row and may hang one column past
 * the width), else between characters; a wide character is never
 * split. The cursor may sit one column past the width, so a caller
 * draws rows in width + 1 columns. A position at a soft break belongs
 * to the row it starts. Only the rows asked for are laid out.
 */
#ifndef AKT_EDIT_BUF_H
#define AKT_EDIT_BUF_H

#include "akt/base.h"

struct akt_eb;

/* A buffer holding a copy of text (NULL: ""), cursor at the end. */
struct akt_eb *akt_eb_new(const char *text);
void akt_eb_free(struct akt_eb **b);

const char *akt_eb_text(const struct akt_eb *b);
size_t akt_eb_len(const struct akt_eb *b);
size_t akt_eb_cursor(const struct akt_eb *b);
/* Put the cursor at pos (moved back to a character start, clamped). */
void akt_eb_set_cursor(struct akt_eb *b, size_t pos);
/* Counts every change (undo included): compare to see if it changed. */
uint64_t akt_eb_changes(const struct akt_eb *b);

/* ---- edits ---------------------------------------------------------- */

/* Insert n bytes at the cursor, which moves past them. Typing one
 * character after another is one undo step (a line break ends it). */
void akt_eb_insert(struct akt_eb *b, const char *s, size_t n);
/* Replace the whole text, as one undo step (the text an external editor
 * gave back); a cursor at the end stays at the end, else where it was
 * when it still can. */
void akt_eb_replace(struct akt_eb *b, const char *text);
/* Delete the character before / after the cursor; false at the edge. */
bool akt_eb_delete_back(struct akt_eb *b);
bool akt_eb_delete_forward(struct akt_eb *b);
/* Delete back to the start of the word (white space before it too). */
bool akt_eb_delete_word(struct akt_eb *b);
/* Delete to the end of the line; at the end, join the next line. */
bool akt_eb_delete_to_eol(struct akt_eb *b);
/* Delete the cursor's whole line with its line break. */
bool akt_eb_delete_line(struct akt_eb *b);
/* Undo the last step / redo what was undone; false when none. */
bool akt_eb_undo(struct akt_eb *b);
bool akt_eb_redo(struct akt_eb *b);

/* ---- moves by text -------------------------------------------------- */

/* One character (a base character with its combining marks). */
bool akt_eb_left(struct akt_eb *b);
bool akt_eb_right(struct akt_eb *b);
/* To the start of this or the previous word / of the next word. */
bool akt_eb_word_left(struct akt_eb *b);
bool akt_eb_word_right(struct akt_eb *b);
void akt_eb_text_start(struct akt_eb *b);
void akt_eb_text_end(struct akt_eb *b);

/* ---- layout and moves by row ---------------------------------------- */

/* The width in columns rows are wrapped to (at least 1). Changing it
 * costs nothing: rows are laid out when asked for. */
void akt_eb_set_width(struct akt_eb *b, int width);

struct akt_eb_row {
	size_t start, end;     /* the row's bytes, without a '\n' */
	size_t next;           /* the next row's start; > len at the last */
	int cols;              /* columns of start..end */
	bool soft;             /* ends at a soft break (not a line end) */
};

/* The row starting at start (a row start); false when start > len. */
bool akt_eb_row_at(const struct akt_eb *b, size_t start,
		   struct akt_eb_row *row);
/* The start of the row holding pos. */
size_t akt_eb_row_start(const struct akt_eb *b, size_t pos);
/* The start of the row before the one starting at start; false at the
 * first row. */
bool akt_eb_row_prev(const struct akt_eb *b, size_t start, size_t *prev);
/* The cursor's row (its start) and column in it. */
size_t akt_eb_cursor_row(const struct akt_eb *b, int *col);

/* Up or down n visual rows, keeping the column the moves started in;
 * false when already on the first / last row. n = a page for PgUp/PgDn. */
bool akt_eb_up(struct akt_eb *b, int n);
bool akt_eb_down(struct akt_eb *b, int n);
/* Start / end of the cursor's visual row. */
void akt_eb_home(struct akt_eb *b);
void akt_eb_end(struct akt_eb *b);

/*
 * Scroll: *top is the first row shown (a row start, kept valid across
 * edits by this call); moved the least so that the cursor's row is one
 * of rows rows from it. Returns the cursor's row index from *top.
 */
int akt_eb_scroll(const struct akt_eb *b, size_t *top, int rows);

#endif

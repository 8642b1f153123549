/*
 * ui_wrap.h — text from the platform (a journal note, a message) broken
 * into lines that fit a width in display columns, so that ui_put never
 * has to cut them short.
 */
#ifndef AKT_UI_WRAP_H
#define AKT_UI_WRAP_H

#include "akt/base.h"

/*
 * Sanitize text (its line breaks kept) and wrap it to cols columns as
 * ui_width counts them: lines break at spaces; a word wider than cols is
 * cut between characters (combining marks stay with theirs); spaces at
 * the end of a line are dropped, those that indent a paragraph kept.
 * Empty lines stay; a final line break adds none. Returns the lines
 * (malloc'd, *n of them; NULL when there are none); cols below 1 counts
 * as 1.
 */
char **ui_wrap(const char *text, int cols, size_t *n);
void ui_wrap_free(char ***lines, size_t *n);

#endif

/*
 * text_input.h — the text of a note or a message, written by the officer
 * in a file or on standard input, checked before anything is sent.
 */
#ifndef AKT_TEXT_INPUT_H
#define AKT_TEXT_INPUT_H

#include "akt/base.h"

/* The platform takes request bodies up to 1 MiB; the text must fit in
 * one with its JSON around it. */
#define AKT_TEXT_MAX ((size_t)1000 * 1000)

/*
 * Read the text from path, or from standard input when path is NULL or
 * "-". Line breaks at the end are dropped; the rest is kept as written.
 * False with *err (malloc'd, one line) when it cannot be read, is longer
 * than AKT_TEXT_MAX bytes, is not UTF-8, holds a NUL byte, or is empty
 * or only white space.
 */
bool akt_text_read(const char *path, char **out, char **err);

/* The same checks for text already in memory (len bytes). */
bool akt_text_check(const char *text, size_t len, const char *source,
		    char **err);

#endif

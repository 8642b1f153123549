/*
 * template.h — texts the officer starts from: plain files in
 * $XDG_CONFIG_HOME/akt/templates/NAME, inserted into the editor with
 * their placeholders filled in.
 *
 * Placeholders are a word in braces: {case} (the case number),
 * {applicant}, {officer} (the officer's own name) and {date} (today,
 * YYYY-MM-DD). A placeholder with no value, and any other text in
 * braces, is left as it is written.
 */
#ifndef AKT_TEMPLATE_H
#define AKT_TEMPLATE_H

#include "akt/base.h"

/* Templates are small; a larger file is refused. */
#define AKT_TEMPLATE_MAX ((size_t)64 * 1024)

/* $XDG_CONFIG_HOME/akt/templates (malloc'd); NULL without a home. */
char *akt_template_dir(void);

/* The names of the templates in dir, sorted (regular files whose names
 * do not start with '.' or end in '~'). A missing dir is no templates.
 * False with *err when it cannot be read. */
bool akt_template_list(const char *dir, char ***names, size_t *n,
		       char **err);
void akt_template_list_free(char ***names, size_t *n);

/* The text of template name (no '/' in it): UTF-8 without NUL bytes,
 * at most AKT_TEMPLATE_MAX bytes; one trailing line break dropped.
 * False with *err (one line) otherwise. */
bool akt_template_read(const char *dir, const char *name, char **text,
		       char **err);

struct akt_template_var {
	const char *name;      /* "case", without braces */
	const char *value;     /* NULL: unknown, the placeholder stays */
};

/* text with every known placeholder replaced (malloc'd). Values are
 * sanitized to one line, so a name from the platform cannot bring
 * control characters or line breaks along. */
char *akt_template_expand(const char *text,
			  const struct akt_template_var *vars, size_t n);

#endif

/*
 * json_text.h — platform JSON as text for a terminal or a script (the
 * --json output). The text is the same JSON value, indented, with every
 * character the sanitizer would not pass through written as a \u escape:
 * still exact for a JSON reader, harmless for a terminal.
 */
#ifndef AKT_JSON_TEXT_H
#define AKT_JSON_TEXT_H

#include "akt/base.h"

#include <jansson.h>

/* malloc'd, ends without a newline. */
char *akt_json_text(const json_t *j);

#endif

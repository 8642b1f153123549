/*
 * outbox_request.h — private to src/outbox*.c: the body of an item
 * alone, to check a text before its case is known.
 */
#ifndef AKT_OUTBOX_REQUEST_H
#define AKT_OUTBOX_REQUEST_H

#include "akt/outbox.h"

/* The JSON body d sends (malloc'd); NULL with *err when its text is not
 * UTF-8, too long, or the draft lacks what its kind needs. */
char *akt_outbox_body(const struct akt_draft *d, char **err);

#endif

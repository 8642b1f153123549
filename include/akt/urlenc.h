/*
 * urlenc.h — words typed by the officer or cursors from the platform put
 * into a request path or query: every byte outside the unreserved set of
 * RFC 3986 is percent-encoded, so a case number can never add a path
 * segment or a query parameter of its own.
 */
#ifndef AKT_URLENC_H
#define AKT_URLENC_H

#include "akt/base.h"

/* malloc'd; NULL gives "". "." and ".." are encoded whole, so they
 * are never taken as dot segments. */
char *akt_url_escape(const char *s);

#endif

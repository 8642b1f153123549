/*
 * link_header.h — the Link response header (RFC 8288), which carries the
 * next and previous pages of a list.
 */
#ifndef AKT_LINK_HEADER_H
#define AKT_LINK_HEADER_H

#include "akt/base.h"

/*
 * The target of the first link whose rel (one of a space-separated list,
 * compared case-insensitively) is rel; malloc'd, or NULL when there is
 * none or the header is malformed before it.
 */
char *akt_link_find(const char *header, const char *rel);

#endif

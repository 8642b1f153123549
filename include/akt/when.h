/*
 * when.h — platform timestamps (RFC 3339 in UTC, "2026-11-23T14:02:00Z")
 * shown to the officer in local time, to the minute: "2026-11-23 15:02".
 */
#ifndef AKT_WHEN_H
#define AKT_WHEN_H

#include "akt/base.h"

#define AKT_WHEN_LEN 64

/*
 * Write ts as local "YYYY-MM-DD HH:MM" into out. A timestamp that does
 * not parse is copied sanitized, so it is still shown and still safe.
 * Returns out.
 */
const char *akt_when(const char *ts, char out[AKT_WHEN_LEN]);

#endif

/*
 * when.h — platform timestamps (RFC 3339 in UTC, "2026-11-23T14:02:00Z")
 * shown to the officer in local time, to the minute: "2026-11-23 15:02".
 */
#ifndef AKT_WHEN_H
#define AKT_WHEN_H

#include "akt/base.h"

#include <time.h>

#define AKT_WHEN_LEN 64

/*
 * Write ts as local "YYYY-MM-DD HH:MM" into out. A timestamp that does
 * not parse is copied sanitized, so it is still shown and still safe.
 * Returns out.
 */
/* Parse an RFC 3339 timestamp ("…Z" or "…+01:00", fractions allowed)
 * into *out; false when it is not one (or ts is NULL). */
bool akt_when_parse(const char *ts, time_t *out);

const char *akt_when(const char *ts, char out[AKT_WHEN_LEN]);

/* The same, as an officer says it: "14:02" on the day of now, else
 * "2026-11-23 14:02". Returns out. */
const char *akt_when_near(const char *ts, time_t now,
			  char out[AKT_WHEN_LEN]);

#endif

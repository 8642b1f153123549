/*
 * when.c — timestamps in the officer's local time.
 */
#include "akt/when.h"
#include "akt/sanitize.h"

#include <time.h>

/* "YYYY-MM-DDTHH:MM:SS" followed by "Z" or "+HH:MM"/"-HH:MM", with an
 * optional fraction of a second, which is dropped. */
bool akt_when_parse(const char *ts, time_t *out)
{
	struct tm tm;
	const char *p;
	int off = 0;

	if (!ts)
		return false;

	memset(&tm, 0, sizeof(tm));
	p = strptime(ts, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!p)
		return false;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if ((*p == 'Z' || *p == 'z') && !p[1]) {
		off = 0;
	} else if ((*p == '+' || *p == '-') && strlen(p) == 6 &&
		   p[3] == ':') {
		int h = (p[1] - '0') * 10 + (p[2] - '0');
		int m = (p[4] - '0') * 10 + (p[5] - '0');

		for (int i = 1; i < 6; i++)
			if (i != 3 && (p[i] < '0' || p[i] > '9'))
				return false;
		off = (h * 60 + m) * 60 * (*p == '-' ? -1 : 1);
	} else {
		return false;
	}
	*out = timegm(&tm) - off;
	return true;
}

const char *akt_when(const char *ts, char out[AKT_WHEN_LEN])
{
	struct tm tm;
	time_t t;
	char *safe;
	size_t len;

	if (ts && akt_when_parse(ts, &t) && localtime_r(&t, &tm) &&
	    strftime(out, AKT_WHEN_LEN, "%Y-%m-%d %H:%M", &tm) > 0)
		return out;
	safe = akt_sanitize_str(ts, AKT_SAN_ONELINE);
	len = strlen(safe);
	if (len >= AKT_WHEN_LEN) {
		/* cut at a character boundary, never inside one */
		len = AKT_WHEN_LEN - 1;
		while (len > 0 && ((unsigned char)safe[len] & 0xC0) == 0x80)
			len--;
	}
	snprintf(out, AKT_WHEN_LEN, "%.*s", (int)len, safe);
	free(safe);
	return out;
}

const char *akt_when_near(const char *ts, time_t now, char out[AKT_WHEN_LEN])
{
	char today[16];
	struct tm tm;
	size_t len;

	tzset();        /* TZ as it is now, not as first seen */
	akt_when(ts, out);
	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d ", &tm);
	len = strlen(today);
	if (strncmp(out, today, len) == 0)
		memmove(out, out + len, strlen(out + len) + 1);
	return out;
}

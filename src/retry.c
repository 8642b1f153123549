/*
 * retry.c — retry policy: which failures are transient, backoff, and
 * Retry-After.
 */
#include "akt/retry.h"

#include <ctype.h>
#include <time.h>
#include <unistd.h>
#include <strings.h>

bool akt_retry_status(int status)
{
	switch (status) {
	case 408: case 429: case 500: case 502: case 503: case 504:
		return true;
	default:
		return false;
	}
}

bool akt_retry_method(const char *method, bool idempotency_key)
{
	static const char *const idempotent[] = { "GET", "HEAD", "PUT", "DELETE" };

	for (size_t i = 0; i < AKT_LEN(idempotent); i++)
		if (strcmp(method, idempotent[i]) == 0)
			return true;
	return strcmp(method, "POST") == 0 && idempotency_key;
}

long akt_backoff_ms(const struct akt_retry_policy *p, int n, uint32_t rnd)
{
	long exp = p->base_ms > 0 ? p->base_ms : 1;

	for (int i = 1; i < n && exp < p->cap_ms; i++)
		exp *= 2;
	if (exp > p->cap_ms)
		exp = p->cap_ms;
	return exp / 2 + (long)(rnd % (uint32_t)(exp / 2 + 1));
}

bool akt_retry_wait(const struct akt_retry_policy *p, int attempts_made,
		    long elapsed_ms, long retry_after_s, uint32_t rnd,
		    long *wait_ms)
{
	long wait;

	if (attempts_made >= p->max_attempts)
		return false;
	wait = akt_backoff_ms(p, attempts_made, rnd);
	if (retry_after_s >= 0) {
		/* A server that asks for more than the whole budget is not
		 * coming back soon; giving up now tells the user sooner. */
		if (retry_after_s > p->budget_ms / 1000)
			return false;
		if (retry_after_s * 1000 > wait)
			wait = retry_after_s * 1000;
	}
	if (elapsed_ms + wait > p->budget_ms)
		return false;
	*wait_ms = wait;
	return true;
}

/* A Retry-After longer than this is read as this: a day is past any
 * wait an officer would sit through, and keeps later arithmetic small. */
#define RETRY_AFTER_MAX 86400L

bool akt_retry_after_parse(const char *value, time_t now, long *seconds)
{
	/* IMF-fixdate, then the two obsolete forms recipients must accept */
	static const char *const formats[] = {
		"%a, %d %b %Y %H:%M:%S GMT",
		"%A, %d-%b-%y %H:%M:%S GMT",
		"%a %b %e %H:%M:%S %Y",
	};
	const char *p = value;

	while (*p == ' ' || *p == '\t')
		p++;
	if (isdigit((unsigned char)*p)) {
		long v = 0;

		for (; isdigit((unsigned char)*p); p++)
			v = v > RETRY_AFTER_MAX ? v : v * 10 + (*p - '0');
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p)
			return false;
		*seconds = AKT_MIN(v, RETRY_AFTER_MAX);
		return true;
	}
	for (size_t i = 0; i < AKT_LEN(formats); i++) {
		struct tm tm;
		const char *end;

		memset(&tm, 0, sizeof(tm));
		end = strptime(p, formats[i], &tm);
		if (!end)
			continue;
		while (*end == ' ' || *end == '\t')
			end++;
		if (*end)
			continue;
		time_t t = timegm(&tm);

		if (t == (time_t)-1)
			return false;
		*seconds = t > now ? (long)AKT_MIN(t - now, RETRY_AFTER_MAX) : 0;
		return true;
	}
	return false;
}

uint32_t akt_retry_random(void)
{
	static uint32_t x;

	if (!x) {
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		x = (uint32_t)time(NULL) ^ ((uint32_t)getpid() << 16) ^
		    (uint32_t)ts.tv_nsec;
		if (!x)
			x = 1;
	}
	/* xorshift32 */
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return x;
}

/*
 * retry.h — when and how long to wait before trying a request again.
 * Pure functions, so the policy can be tested without a network.
 */
#ifndef AKT_RETRY_H
#define AKT_RETRY_H

#include "akt/base.h"

#include <time.h>

struct akt_retry_policy {
	int max_attempts;   /* including the first */
	long base_ms;       /* backoff before the second attempt, on average */
	long cap_ms;        /* no single backoff is longer */
	long budget_ms;     /* no attempt starts later than this after the first */
};

#define AKT_RETRY_POLICY_DEFAULT { 4, 500, 8000, 30000 }

/* Statuses that say "try again later": 408 429 500 502 503 504. */
bool akt_retry_status(int status);

/*
 * May a request be sent twice? GET, HEAD, PUT and DELETE are idempotent
 * by definition (RFC 9110); a POST only with an Idempotency-Key, which
 * makes the platform answer a repeat with the first answer.
 */
bool akt_retry_method(const char *method, bool idempotency_key);

/*
 * Exponential backoff with "equal jitter": the n-th wait (n >= 1) is
 * half of min(cap, base·2^(n-1)) plus a random part of up to the other
 * half, so clients that failed together do not return together. rnd is
 * any random 32-bit value.
 */
long akt_backoff_ms(const struct akt_retry_policy *p, int n, uint32_t rnd);

/* A random value for the jitter above: spread, not secrecy (different
 * per process, so clients do not return in step). */
uint32_t akt_retry_random(void);

/*
 * The wait before another attempt after attempts_made attempts,
 * elapsed_ms after the first began. retry_after_s >= 0 is the server's
 * Retry-After, which is honoured as a minimum. Returns false when no
 * attempt is left or the wait would end past the budget.
 */
bool akt_retry_wait(const struct akt_retry_policy *p, int attempts_made,
		    long elapsed_ms, long retry_after_s, uint32_t rnd,
		    long *wait_ms);

/*
 * Parse a Retry-After value (RFC 9110 §10.2.3): delay-seconds or an
 * HTTP-date, which is turned into seconds from now (0 if past).
 */
bool akt_retry_after_parse(const char *value, time_t now, long *seconds);

#endif

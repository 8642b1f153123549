/*
 * feed.h — following the platform's change feed (GET /v1/feed) with a
 * long poll, so a client learns of new cases, status changes, messages
 * and read receipts as they happen, with at most two requests a minute
 * while nothing happens.
 *
 * The feed starts at "now" (a first call without a cursor) and then
 * asks for what came after its cursor, waiting up to AKT_FEED_WAIT
 * seconds on the platform each time. A failure is retried with backoff
 * (1, 2, 4 … 60 s); events are never skipped, because the cursor only
 * moves on when an answer is decoded.
 */
#ifndef AKT_FEED_H
#define AKT_FEED_H

#include "akt/event.h"
#include "akt/session.h"

#define AKT_FEED_WAIT 30     /* seconds the platform holds a poll */

struct akt_feed;

/* Called for each event, oldest first; e lives until it returns. It may
 * call akt_feed_poke (which then does nothing: the next poll follows
 * at once anyway), not akt_feed_free. */
typedef void akt_feed_event_cb(const struct akt_event *e, void *arg);
/* Called at each failed poll (error is one sanitized line; the next
 * one follows after 1, 2, 4 … 60 s) and once when a poll succeeds after
 * failures (error NULL, before that poll's events), for the status bar.
 * It may call akt_feed_poke. */
typedef void akt_feed_state_cb(const char *error, void *arg);

struct akt_feed *akt_feed_new(struct akt_session *s, akt_feed_event_cb *ev,
			      akt_feed_state_cb *state, void *arg);
/* Stops polling; no callback after this. Not from inside a callback. */
void akt_feed_free(struct akt_feed **f);

void akt_feed_start(struct akt_feed *f);
/* Give up the poll under way and ask again now (after a reconnect), and
 * forget the backoff. A poll sent less than a second ago is kept: it
 * went over the connection that works. */
void akt_feed_poke(struct akt_feed *f);

/* Is a request of the feed under way? (It counts in
 * akt_session_inflight, and a long poll always is.) */
bool akt_feed_polling(const struct akt_feed *f);

/* Requests sent so far (for tests and the idle benchmark). */
unsigned long akt_feed_requests(const struct akt_feed *f);

/* Seconds the platform may hold a poll, 0 to 60 (AKT_FEED_WAIT unless
 * set; tests shorten it). Applies from the next poll. */
void akt_feed_set_wait(struct akt_feed *f, unsigned seconds);

#endif

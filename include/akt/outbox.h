/*
 * outbox.h — sending what the officer wrote, exactly once, whether the
 * platform is there or not.
 *
 * Sending a draft fixes its request (method, path and body bytes) and
 * moves it into outbox/ (draft.h); the outbox then sends the items, one
 * at a time over the session's connection, oldest first, with each
 * item's Idempotency-Key and the case version it was written against.
 * After a crash, a kill or a lost answer the same item goes out again
 * with the same key and bytes, and the platform answers with the first
 * answer instead of doing it twice.
 *
 *   2xx                  done: the record is removed           SENT
 *   412                  back to drafts as a conflict, with    CONFLICT
 *                        who changed the case, when, and its
 *                        status now
 *   400 403 404 409 410  back to drafts, refused, with the     REFUSED
 *   413 422 428          platform's reason
 *   no answer, 429, 5xx  the item stays; the outbox waits      WAITING
 *                        (offline) and tries again with backoff
 *   401                  the item stays; sign in again         AUTH
 *   3xx, a case answer   the item stays; nothing more is sent  DISK
 *   akt cannot read      until the next flush (item set)
 *
 * Items of one case go in order; when one succeeds, the later items of
 * that case that were written against the version it replaced are moved
 * to the new version (the officer's own change is no conflict), also
 * those queued later in the session and, through small markers
 * (outbox/ID.done), those read again after a restart. A confirmed item
 * is never sent again.
 * A record whose stored request is not one akt makes for its case is
 * not sent: it comes back REFUSED.
 * An item without a case id or tag (written on the command line while
 * offline) has its case read first, and its request fixed and saved
 * before it is sent.
 */
#ifndef AKT_OUTBOX_H
#define AKT_OUTBOX_H

#include "akt/draft.h"
#include "akt/session.h"

enum akt_outbox_what {
	AKT_OB_QUEUED,       /* an item was added */
	AKT_OB_SENT,         /* confirmed; reply holds the platform's answer */
	AKT_OB_CONFLICT,     /* back in drafts, state CONFLICT */
	AKT_OB_REFUSED,      /* back in drafts, state REFUSED */
	AKT_OB_WAITING,      /* cannot reach the platform, or cannot tell
				whether it took the item (a 2xx reply not
				understood); retry_in_ms set */
	AKT_OB_AUTH,         /* the login is gone; nothing more is sent */
	AKT_OB_DISK,         /* the store failed; message says how. With no
				item a warning (a file moved aside); with
				one, sending stopped until a flush */
	AKT_OB_IDLE,         /* nothing left to send */
};

struct akt_outbox_event {
	enum akt_outbox_what what;
	const struct akt_draft *item;    /* NULL for WAITING/AUTH/IDLE */
	const struct akt_reply *reply;   /* SENT, CONFLICT, REFUSED; WAITING
					    when the platform answered */
	const char *message;             /* one line, sanitized */
	long retry_in_ms;                /* WAITING */
};

typedef void akt_outbox_fn(const struct akt_outbox_event *e, void *arg);

struct akt_outbox;

/* The outbox of store, sent through s. fn hears of every change. */
struct akt_outbox *akt_outbox_new(struct akt_session *s,
				  struct akt_drafts *store,
				  akt_outbox_fn *fn, void *arg);
/* Calls under way are dropped; what they sent is sent again next time
 * with the same key. */
void akt_outbox_free(struct akt_outbox **o);

/*
 * Send d: fix its request (from its kind, case, text and tag), move it
 * into outbox/ and start sending. d is copied; the caller still owns it
 * (and its lock, which it should release). A CONFLICT or REFUSED draft
 * goes with a new key and its current_etag (read at send when NULL).
 * False with *err when it was not moved (disk, or a text that cannot be
 * sent) — then it is still an intact draft.
 */
bool akt_outbox_send(struct akt_outbox *o, const struct akt_draft *d,
		     char **err);

/* Read outbox/ again and send what is there (at start, when the
 * platform answers again, on 'akt sync'). */
void akt_outbox_flush(struct akt_outbox *o);

/* The questions below take a NULL outbox (none could be opened) as an
 * empty one. */

/* Items waiting (read from outbox/ by the last flush, plus those sent
 * since). */
size_t akt_outbox_count(const struct akt_outbox *o);
/* The waiting items of a case, oldest first (borrowed until the next
 * event or call). Returns how many; *items may be NULL when 0. Not const:
 * the answer is kept in o. */
size_t akt_outbox_of_case(struct akt_outbox *o, int64_t case_id,
			  const struct akt_draft *const **items);
/* True while the platform cannot be reached (WAITING until SENT). */
bool akt_outbox_offline(const struct akt_outbox *o);
/* Is something under way or waiting to be retried? */
bool akt_outbox_busy(const struct akt_outbox *o);

/* Did the last round find outbox/.lock held by another akt? (It is
 * tried again every half second.) */
bool akt_outbox_locked_out(const struct akt_outbox *o);

/* Has sending stopped until the next flush (the disk, the login, an
 * answer retrying cannot change)? */
bool akt_outbox_stopped(const struct akt_outbox *o);

/* Items the last reading found for another server (left alone). */
size_t akt_outbox_others(const struct akt_outbox *o);

/* The request an item sends (pure; for tests and for akt_outbox_send):
 * sets d->req_*; false with *err when the text is not UTF-8 or the body
 * is too long. Needs d->case_id. */
bool akt_outbox_request(struct akt_draft *d, char **err);

#endif

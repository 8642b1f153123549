/*
 * draft_impl.h — what draft.c, draft_store.c and draft_lock.c share
 * beyond draft.h: the store's insides and the time
 * and text helpers of the record.
 */
#ifndef AKT_DRAFT_IMPL_H
#define AKT_DRAFT_IMPL_H

#include "akt/draft.h"

/* A lock this process holds: the fd keeps the flock; refs counts the
 * akt_draft_lock calls not yet unlocked. */
struct draft_lock {
	char id[AKT_DRAFT_ID_MAX + 1];
	int fd;
	int refs;
};

struct akt_drafts {
	char *dir;                 /* the store: …/akt */
	char *drafts, *outbox, *corrupt;
	struct draft_lock *locks;
	size_t nlocks;
	int outbox_fd;             /* outbox/.lock while flushing; -1 */
};

/* Now as RFC 3339 in UTC with milliseconds (malloc'd): the ID.txt rule
 * compares the record's time with a file's mtime, so seconds are too
 * coarse. */
char *draft_now(void);
/* An RFC 3339 time as milliseconds since the epoch; false when ts is
 * NULL or not one. */
bool draft_time_ms(const char *ts, int64_t *ms);
/* text as valid UTF-8 without NUL bytes (malloc'd): bad bytes become
 * U+FFFD, so an editor's file in another encoding is kept, not lost. */
char *draft_clean_text(const char *text, size_t len);

/* akt_draft_decode, telling a damaged record (moved aside) from one a
 * newer akt wrote (left alone: that akt can still use it). */
enum draft_dec { DRAFT_DEC_OK, DRAFT_DEC_DAMAGED, DRAFT_DEC_NEWER };
enum draft_dec draft_decode(const char *json, size_t len,
			    struct akt_draft *out, char **err);
/* Release a lock this process holds, whatever its count. */
void draft_lock_release(struct akt_drafts *s, const char *id);

/* "open"/"take" a lock file: shared by draft and outbox locks. */
int draft_lock_take(const char *path, pid_t *owner, char **holder);
/* Who holds the lock file at path (another process), or false. */
bool draft_lock_held(const char *path, pid_t *owner, char **holder);

#endif

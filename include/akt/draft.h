/*
 * draft.h — what the officer writes, kept on disk from the first key:
 * drafts, and the outbox of writes waiting to reach the platform.
 *
 * Layout, under $XDG_DATA_HOME/akt/ (0700 directories, 0600 files):
 *   drafts/ID.draft    a draft: its record (JSON) with the text
 *   drafts/ID.txt      the text while an external editor has it (the
 *                      editor's own file), or a copy written as akt
 *                      crashed: it wins over the record's text when it
 *                      is not the file akt last wrote or read (see
 *                      txt_known), or, for records without that, when
 *                      its mtime is newer than the record's
 *   drafts/ID.lock     held (flock) by the akt that has the draft open;
 *                      holds "PID HOST"
 *   outbox/ID.draft    sent, not confirmed by the platform yet
 *   outbox/.lock       held (flock) by the akt that is flushing
 *   corrupt/           files that could not be read, moved aside
 * Like a Maildir, the directory a record is in is its state: sending is
 * a rename from drafts/ to outbox/, confirming is the unlink. Every
 * write goes to a temporary file in the same directory, is fsync'ed,
 * renamed over the old one, and the directory fsync'ed, so a crash
 * leaves either the old or the new complete record.
 *
 * IDs sort by creation: "20261123T101500Z-3f9a1c2e" (UTC time, then 32
 * random bits).
 */
#ifndef AKT_DRAFT_H
#define AKT_DRAFT_H

#include "akt/idem.h"

#include <sys/types.h>

#define AKT_DRAFT_ID_MAX 40

enum akt_draft_kind {
	AKT_DRAFT_NOTE,        /* a journal note: publish or internal */
	AKT_DRAFT_REPLY,       /* a reply in a message thread */
	AKT_DRAFT_STATUS,      /* a status change; the text is its comment */
	AKT_DRAFT_FILE,        /* file a message into the journal; the text
				  is the optional comment */
};

/* Why a record that was sent is back among the drafts. */
enum akt_draft_state {
	AKT_DS_DRAFT,          /* being written */
	AKT_DS_CONFLICT,       /* 412: the case changed since it was written */
	AKT_DS_REFUSED,        /* 400/403/404/409/410/413/422: for good */
};

struct akt_draft {
	char id[AKT_DRAFT_ID_MAX + 1];
	enum akt_draft_kind kind;
	char *server;              /* the platform it is for */
	int64_t case_id;           /* 0 when only the number is known (a
				      command-line write made offline) */
	char *case_number;         /* as typed or as the platform has it */
	int64_t thread_id;         /* REPLY */
	int64_t message_id;        /* FILE */
	/* The case version the text was written against ("\"123.7\"");
	 * NULL: whatever is current when it is sent. */
	char *etag;
	bool publish;              /* NOTE */
	char *status_to;           /* STATUS: the status id */
	char *status_name;         /* STATUS: its name, for showing */
	bool notify;               /* STATUS */
	char key[AKT_IDEM_LEN + 1];   /* Idempotency-Key, fixed at creation
					 and renewed only when the officer
					 re-applies after a conflict */
	char *created, *updated;   /* RFC 3339, UTC */
	char *queued;              /* when it was sent (outbox order) */
	/* An akt had it open when it last saved it (pid); 0 after a clean
	 * close. Set with the lock free: left by a session that crashed
	 * or was killed, offered for recovery. */
	long open_pid;
	enum akt_draft_state state;
	char *reason;              /* CONFLICT/REFUSED: what the platform
				      said, one line (not sanitized) */
	/* CONFLICT: what changed, from the 412's body */
	char *changed_by, *changed_at;    /* username or name; RFC 3339 */
	char *current_status;      /* the case's status name now */
	char *current_etag;        /* its tag now: re-applying uses it */
	/* The request, fixed when it is sent, so a replay after a crash is
	 * the same bytes to the same path (the platform compares them). */
	char *req_method, *req_path, *req_body;
	char *text;                /* never NULL; "" allowed */
	/* drafts/ID.txt as akt last wrote or read it (size, mtime in ns,
	 * inode), kept in the record: an ID.txt that differs was written
	 * since by someone else (the editor, a crash copy) and is newer.
	 * Set by akt_draft_write_text/akt_draft_read_text and by a load
	 * that looked at ID.txt; false in records written before. */
	bool txt_known;
	int64_t txt_size, txt_mtime_ns;
	uint64_t txt_ino;
};

const char *akt_draft_kind_name(enum akt_draft_kind k);   /* "note" */
bool akt_draft_kind_parse(const char *name, enum akt_draft_kind *out);
const char *akt_draft_state_name(enum akt_draft_state s);  /* "conflict" */
/* An id fit for a file name: 1..AKT_DRAFT_ID_MAX of [0-9A-Za-z-], not
 * starting with '-'. */
bool akt_draft_id_valid(const char *id);

/* A new draft: id, key, created and updated set, text "", all else
 * zero. False with *err when there are no random numbers. */
bool akt_draft_new(struct akt_draft *d, enum akt_draft_kind kind,
		   char **err);
void akt_draft_clear(struct akt_draft *d);
/* A deep copy. */
void akt_draft_copy(struct akt_draft *dst, const struct akt_draft *src);

/* The record as JSON text (malloc'd), and back. decode refuses records
 * of an unknown format or kind, a missing id, key or text, and a bad
 * id (the id is used in file names: [0-9A-Za-z-] only). */
char *akt_draft_encode(const struct akt_draft *d);
bool akt_draft_decode(const char *json, size_t len, struct akt_draft *out,
		      char **err);

/* ---- the store --------------------------------------------------------- */

struct akt_drafts;

enum akt_draft_box { AKT_BOX_DRAFTS, AKT_BOX_OUTBOX };

/* Open (creating drafts/, outbox/ and corrupt/ with 0700) the store
 * under dir, or under $XDG_DATA_HOME/akt when dir is NULL. */
struct akt_drafts *akt_drafts_open(const char *dir, char **err);
void akt_drafts_close(struct akt_drafts **s);
const char *akt_drafts_dir(const struct akt_drafts *s);

/* Write d to drafts/ (updated set to now first). The old record stays
 * intact when anything fails (disk full, read-only): *err says what. */
bool akt_draft_save(struct akt_drafts *s, struct akt_draft *d, char **err);

/* Read a record by id from a box. A record that is damaged (not JSON,
 * or a record of this akt's format with bad fields) is moved to
 * corrupt/ and *err says so and where; one that cannot be read (EIO,
 * EACCES), is not a regular file, or was written by a newer akt (an
 * unknown format, kind or state) is left where it is and *err says
 * why. For drafts, a newer ID.txt replaces the text. */
bool akt_draft_load(struct akt_drafts *s, enum akt_draft_box box,
		    const char *id, struct akt_draft *out, char **err);

struct akt_draft_list {
	struct akt_draft *items;   /* drafts: newest first; outbox: by
				      queued, oldest first */
	size_t n;
	char **warnings;           /* one line per file moved aside or
				      skipped */
	size_t nwarnings;
};
bool akt_draft_list(struct akt_drafts *s, enum akt_draft_box box,
		    struct akt_draft_list *out, char **err);
void akt_draft_list_clear(struct akt_draft_list *l);

/* Send: d (with queued and the request set by the caller) is written to
 * drafts/ and renamed into outbox/. After a failure it is still a
 * draft, intact. */
bool akt_draft_to_outbox(struct akt_drafts *s, struct akt_draft *d,
			 char **err);
/* Back from outbox/ to drafts/, with d's state and reason (written to
 * outbox/ first, then renamed). */
bool akt_draft_to_drafts(struct akt_drafts *s, struct akt_draft *d,
			 char **err);
/* Rewrite an outbox record in place (a rebased tag, a resolved case). */
bool akt_draft_save_outbox(struct akt_drafts *s, struct akt_draft *d,
			   char **err);
/* Remove a record (and its ID.txt); an outbox one once the platform has
 * confirmed it. Removing what is not there succeeds. */
bool akt_draft_remove(struct akt_drafts *s, enum akt_draft_box box,
		      const char *id, char **err);

/* Write box/name (a file of the outbox's own, such as a marker) the way
 * records are written: whole or not at all. */
bool akt_drafts_write_file(struct akt_drafts *s, enum akt_draft_box box,
			   const char *name, const char *data, size_t len,
			   char **err);

/* Read box/name (such a file) whole: NUL-terminated, *len bytes, a
 * regular file of at most max bytes, opened without following a link or
 * blocking. 0 or an errno (ENOENT: gone; EINVAL: not a regular file;
 * EFBIG: longer than max). */
int akt_drafts_read_file(struct akt_drafts *s, enum akt_draft_box box,
			 const char *name, size_t max, char **data,
			 size_t *len);
/* Move box/name, a file that cannot be read, into corrupt/ (never
 * deleted): the warning (malloc'd, one line) "the WHAT PATH cannot be
 * read (WHY); it was moved to …". */
char *akt_drafts_set_aside(struct akt_drafts *s, enum akt_draft_box box,
			   const char *name, const char *what,
			   const char *why);

/* drafts/ID.txt, for an external editor (malloc'd). */
char *akt_draft_text_path(const struct akt_drafts *s, const char *id);
/* Write text (len bytes) to drafts/ID.txt for an external editor,
 * atomically (temporary file, fsync, rename, fsync of the directory),
 * and note the file in d (txt_*). Save the record after it, so that the
 * record knows the file as akt wrote it. */
bool akt_draft_write_text(struct akt_drafts *s, struct akt_draft *d,
			  const char *text, size_t len, char **err);
/* Read drafts/ID.txt back after the editor: *text (malloc'd, repaired
 * to UTF-8 without NUL bytes) and the file noted in d. False with *err,
 * and the file left alone, when it cannot be read whole, is not a
 * regular file or is longer than max bytes. */
bool akt_draft_read_text(struct akt_drafts *s, struct akt_draft *d,
			 size_t max, char **text, char **err);

/* ---- locks: one akt at a time per draft, and per outbox flush ---------- */

/* Take drafts/ID.lock. False when another process holds it: *owner
 * gets its pid (0 when unknown, e.g. another host) and *err says who.
 * Counted within a process: a draft locked twice stays locked until it
 * is unlocked twice (akt_drafts_close releases all). */
bool akt_draft_lock(struct akt_drafts *s, const char *id, pid_t *owner,
		    char **err);
void akt_draft_unlock(struct akt_drafts *s, const char *id);
/* Is the draft locked by another live process? *owner as above. */
bool akt_draft_locked(struct akt_drafts *s, const char *id, pid_t *owner);

/* outbox/.lock: only one akt flushes at a time. */
bool akt_outbox_lock(struct akt_drafts *s);
void akt_outbox_unlock(struct akt_drafts *s);

#endif

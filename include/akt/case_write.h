/*
 * case_write.h — one write below /v1/cases/{case}/ (a note, a reply,
 * filing a message). Every such write must carry If-Match with the
 * case's current tag, so the case is read first, for its tag and its
 * number; then the write is sent with that tag and the caller's
 * Idempotency-Key, which lets the engine repeat it after a lost answer
 * without doing it twice. The write goes to the case's numeric id, so a
 * later resend with the same key has the same path whatever was typed.
 */
#ifndef AKT_CASE_WRITE_H
#define AKT_CASE_WRITE_H

#include "akt/session.h"

struct akt_case_write {
	const char *case_ref;          /* id or number, as typed */
	const char *method;            /* "POST" */
	const char *path;              /* below the case: "/notes" */
	const char *body;              /* JSON text, or NULL */
	const char *idempotency_key;   /* the caller's, so it can be kept */
};

struct akt_case_write_result {
	/* The answer to the write, or to the read of the case when that
	 * failed or was not understood (then case_failed). */
	const struct akt_reply *reply;
	bool case_failed;
	int64_t case_id;               /* 0 when case_failed */
	const char *case_number;       /* NULL when case_failed */
};

typedef void akt_case_write_cb(const struct akt_case_write_result *res,
			       void *arg);

/* The strings of w are copied; cb is called once. */
void akt_case_write(struct akt_session *s, const struct akt_case_write *w,
		    akt_case_write_cb *cb, void *arg);

#endif

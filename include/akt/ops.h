/*
 * ops.h — the writes the platform offers, one function each, taking
 * plain C values. The command line and the full-screen client both call
 * these; neither builds a request body or a path itself.
 *
 * Writes below a case that the caller has not read go through
 * akt_case_write (the case is read for its tag and the write sent to its
 * numeric id). Writes that follow the caller's own read of the case
 * (status, assign, unassign, legal hold) take the case's id and the tag
 * the caller saw, so a change by someone else in between is refused.
 *
 * A write with an Idempotency-Key takes key: the caller's when key[0] is
 * set (kept to resend the same write later), otherwise a new one is
 * written there. The functions that return enum akt_op_start check the
 * request before sending; anything but AKT_OP_SENT means nothing was
 * sent and cb is not called.
 */
#ifndef AKT_OPS_H
#define AKT_OPS_H

#include "akt/case_write.h"
#include "akt/idem.h"
#include "akt/session.h"

/* The platform refuses request bodies over 1 MiB (413). */
#define AKT_BODY_MAX ((size_t)1 << 20)

enum akt_op_start {
	AKT_OP_SENT,                 /* under way: cb is called once */
	AKT_OP_BAD_TEXT,             /* a text is not UTF-8 */
	AKT_OP_TOO_LONG,             /* the body is over AKT_BODY_MAX */
	AKT_OP_NO_KEY,               /* no random numbers for a new key */
};

/* ---- request bodies (malloc'd JSON text; NULL when a text given is
 * not valid UTF-8) ---- */

/* {"to":…,"comment":…,"notify":…}; comment left out when NULL */
char *akt_status_change_body(const char *to, const char *comment,
			     bool notify);
/* {"officer":"anna"} */
char *akt_assign_body(const char *officer);
/* {"body":…,"publish":…} */
char *akt_note_body(const char *text, bool publish);
/* {"body":…} */
char *akt_reply_body(const char *text);
/* {"comment":…}, or {} when comment is NULL */
char *akt_file_message_body(const char *comment);
/* {"active":true,"reason":…} or {"active":false} (reason ignored) */
char *akt_legal_hold_body(bool active, const char *reason);
/* {"days":N}; never NULL */
char *akt_retention_policy_body(int64_t days);

/* Whether text can be sent in a request body (valid UTF-8). */
bool akt_op_text_ok(const char *text);

/* ---- a case's status and assignees (ops_case.c) ---- */

/* POST /v1/cases/{id}/transitions: move to the status with id to. */
enum akt_op_start akt_op_status(struct akt_session *s, int64_t case_id,
				const char *etag, const char *to,
				const char *comment, bool notify,
				char key[AKT_IDEM_LEN + 1],
				akt_reply_cb *cb, void *arg);

/* POST /v1/cases/{id}/assignees: officer is a username. */
enum akt_op_start akt_op_assign(struct akt_session *s, int64_t case_id,
				const char *etag, const char *officer,
				char key[AKT_IDEM_LEN + 1],
				akt_reply_cb *cb, void *arg);

/* DELETE /v1/cases/{id}/assignees/{officer}: a username or the id as
 * text. Always sent. */
void akt_op_unassign(struct akt_session *s, int64_t case_id,
		     const char *etag, const char *officer,
		     akt_reply_cb *cb, void *arg);

/* ---- the journal and the conversations (ops_journal.c) ---- */

/* POST /v1/cases/{case}/notes. *len (when not NULL) gets the body's
 * length in bytes once it is made, for AKT_OP_TOO_LONG messages. */
enum akt_op_start akt_op_note(struct akt_session *s, const char *case_ref,
			      const char *text, bool publish,
			      char key[AKT_IDEM_LEN + 1], size_t *len,
			      akt_case_write_cb *cb, void *arg);

/* POST /v1/cases/{case}/threads/{thread}/messages; *len as for notes. */
enum akt_op_start akt_op_reply(struct akt_session *s, const char *case_ref,
			       int64_t thread, const char *text,
			       char key[AKT_IDEM_LEN + 1], size_t *len,
			       akt_case_write_cb *cb, void *arg);

/* POST /v1/cases/{case}/messages/{message}/file; comment may be NULL. */
enum akt_op_start akt_op_file_message(struct akt_session *s,
				      const char *case_ref, int64_t message,
				      const char *comment,
				      char key[AKT_IDEM_LEN + 1],
				      akt_case_write_cb *cb, void *arg);

/* ---- retention (ops_retention.c) ---- */

/* PUT /v1/cases/{id}/legal-hold: set (with reason) or lift. */
enum akt_op_start akt_op_legal_hold(struct akt_session *s, int64_t case_id,
				    const char *etag, bool active,
				    const char *reason,
				    akt_reply_cb *cb, void *arg);

/* PUT /v1/retention/policies/{e_service}: etag is the policy's. Always
 * sent. */
void akt_op_retention_policy(struct akt_session *s, const char *e_service_id,
			     int64_t days, const char *etag,
			     akt_reply_cb *cb, void *arg);

#endif

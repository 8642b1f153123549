/*
 * ops_send.h — private to src/ops_*.c: the checks every write with a
 * body makes before anything is sent, in the order the messages of the
 * commands assume (the text, its length, then the key).
 */
#ifndef AKT_OPS_SEND_H
#define AKT_OPS_SEND_H

#include "akt/ops.h"

/* body as made by an encoder (NULL: not UTF-8); key may be NULL for a
 * write without one; *len (when not NULL) gets the body's length. */
enum akt_op_start akt_op_ready(const char *body, size_t *len,
			       char key[AKT_IDEM_LEN + 1]);

/* Send one call with a body to path. */
void akt_op_send(struct akt_session *s, const char *method,
		 const char *path, const char *body, const char *etag,
		 const char *key, akt_reply_cb *cb, void *arg);

/* A write below /v1/cases/{case_id}/sub: the checks, then the call.
 * Takes body (an encoder's result, NULL when not UTF-8); key may be NULL. */
enum akt_op_start akt_op_case(struct akt_session *s, const char *method,
			      int64_t case_id, const char *sub, char *body,
			      const char *etag, char key[AKT_IDEM_LEN + 1],
			      akt_reply_cb *cb, void *arg);

#endif

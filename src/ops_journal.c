/*
 * ops_journal.c — journal notes, replies to the citizen and filing a
 * message: writes below a case the caller names, through akt_case_write
 * (read for the tag, written to the numeric id with the caller's key).
 */
#include "ops_send.h"
#include "akt/xalloc.h"

/* Check body, then write it below the case at path. */
static enum akt_op_start write_below(struct akt_session *s,
				     const char *case_ref, const char *path,
				     char *body, char key[AKT_IDEM_LEN + 1],
				     size_t *len, akt_case_write_cb *cb,
				     void *arg)
{
	enum akt_op_start st = akt_op_ready(body, len, key);
	struct akt_case_write w = { .case_ref = case_ref, .method = "POST",
				    .path = path, .body = body,
				    .idempotency_key = key };

	if (st == AKT_OP_SENT)
		akt_case_write(s, &w, cb, arg);
	free(body);
	return st;
}

enum akt_op_start akt_op_note(struct akt_session *s, const char *case_ref,
			      const char *text, bool publish,
			      char key[AKT_IDEM_LEN + 1], size_t *len,
			      akt_case_write_cb *cb, void *arg)
{
	return write_below(s, case_ref, "/notes", akt_note_body(text, publish),
			   key, len, cb, arg);
}

enum akt_op_start akt_op_reply(struct akt_session *s, const char *case_ref,
			       int64_t thread, const char *text,
			       char key[AKT_IDEM_LEN + 1], size_t *len,
			       akt_case_write_cb *cb, void *arg)
{
	char *path = xasprintf("/threads/%lld/messages", (long long)thread);
	enum akt_op_start st = write_below(s, case_ref, path,
					   akt_reply_body(text), key, len,
					   cb, arg);

	free(path);
	return st;
}

enum akt_op_start akt_op_file_message(struct akt_session *s,
				      const char *case_ref, int64_t message,
				      const char *comment,
				      char key[AKT_IDEM_LEN + 1],
				      akt_case_write_cb *cb, void *arg)
{
	char *path = xasprintf("/messages/%lld/file", (long long)message);
	enum akt_op_start st = write_below(s, case_ref, path,
					   akt_file_message_body(comment),
					   key, NULL, cb, arg);

	free(path);
	return st;
}

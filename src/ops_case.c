/*
 * ops_case.c — a case's status and assignees: writes that follow the
 * caller's own read of the case, sent with the tag it saw.
 */
#include "ops_send.h"
#include "akt/urlenc.h"
#include "akt/xalloc.h"

enum akt_op_start akt_op_ready(const char *body, size_t *len,
			       char key[AKT_IDEM_LEN + 1])
{
	size_t n;

	if (!body)
		return AKT_OP_BAD_TEXT;
	n = strlen(body);
	if (len)
		*len = n;
	if (n > AKT_BODY_MAX)
		return AKT_OP_TOO_LONG;
	if (key && !key[0] && !akt_idem_new(key))
		return AKT_OP_NO_KEY;
	return AKT_OP_SENT;
}

void akt_op_send(struct akt_session *s, const char *method,
		 const char *path, const char *body, const char *etag,
		 const char *key, akt_reply_cb *cb, void *arg)
{
	struct akt_call c = { .method = method, .path = path, .body = body,
			      .body_len = body ? strlen(body) : 0,
			      .if_match = etag, .idempotency_key = key };

	akt_session_call(s, &c, cb, arg);
}

enum akt_op_start akt_op_case(struct akt_session *s, const char *method,
			      int64_t case_id, const char *sub, char *body,
			      const char *etag, char key[AKT_IDEM_LEN + 1],
			      akt_reply_cb *cb, void *arg)
{
	enum akt_op_start st = akt_op_ready(body, NULL, key);

	if (st == AKT_OP_SENT) {
		char *path = xasprintf("/v1/cases/%lld/%s", (long long)case_id,
				       sub);

		akt_op_send(s, method, path, body, etag, key, cb, arg);
		free(path);
	}
	free(body);
	return st;
}

enum akt_op_start akt_op_status(struct akt_session *s, int64_t case_id,
				const char *etag, const char *to,
				const char *comment, bool notify,
				char key[AKT_IDEM_LEN + 1],
				akt_reply_cb *cb, void *arg)
{
	return akt_op_case(s, "POST", case_id, "transitions",
			   akt_status_change_body(to, comment, notify), etag,
			   key, cb, arg);
}

enum akt_op_start akt_op_assign(struct akt_session *s, int64_t case_id,
				const char *etag, const char *officer,
				char key[AKT_IDEM_LEN + 1],
				akt_reply_cb *cb, void *arg)
{
	return akt_op_case(s, "POST", case_id, "assignees",
			   akt_assign_body(officer), etag, key, cb, arg);
}

void akt_op_unassign(struct akt_session *s, int64_t case_id,
		     const char *etag, const char *officer,
		     akt_reply_cb *cb, void *arg)
{
	char *who = akt_url_escape(officer);
	char *path = xasprintf("/v1/cases/%lld/assignees/%s",
			       (long long)case_id, who);

	akt_op_send(s, "DELETE", path, NULL, etag, NULL, cb, arg);
	free(path);
	free(who);
}

/*
 * ops_retention.c — a case's legal hold and an e-service's retention
 * policy. Neither carries an Idempotency-Key: both are PUTs, which the
 * platform makes the same however often they are sent.
 */
#include "ops_send.h"
#include "akt/retention.h"
#include "akt/xalloc.h"

enum akt_op_start akt_op_legal_hold(struct akt_session *s, int64_t case_id,
				    const char *etag, bool active,
				    const char *reason,
				    akt_reply_cb *cb, void *arg)
{
	return akt_op_case(s, "PUT", case_id, "legal-hold",
			   akt_legal_hold_body(active, reason), etag, NULL, cb,
			   arg);
}

void akt_op_retention_policy(struct akt_session *s, const char *e_service_id,
			     int64_t days, const char *etag,
			     akt_reply_cb *cb, void *arg)
{
	char *body = akt_retention_policy_body(days);
	char *path = akt_retention_policy_path(e_service_id);

	akt_op_send(s, "PUT", path, body, etag, NULL, cb, arg);
	free(path);
	free(body);
}

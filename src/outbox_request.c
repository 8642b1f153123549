/*
 * outbox_request.c — the request an outbox item sends: method, path by
 * the case's numeric id, and the body bytes made by the same encoders
 * as every other write of akt (ops.h), so a replay is byte-identical.
 */
#include "outbox_request.h"

#include "akt/ops.h"
#include "akt/xalloc.h"

char *akt_outbox_body(const struct akt_draft *d, char **err)
{
	const char *comment = d->text && d->text[0] ? d->text : NULL;
	char *body = NULL;
	size_t len;

	switch (d->kind) {
	case AKT_DRAFT_NOTE:
		body = akt_note_body(d->text ? d->text : "", d->publish);
		break;
	case AKT_DRAFT_REPLY:
		body = akt_reply_body(d->text ? d->text : "");
		break;
	case AKT_DRAFT_STATUS:
		if (!d->status_to || !d->status_to[0]) {
			*err = xstrdup("the status change names no status");
			return NULL;
		}
		body = akt_status_change_body(d->status_to, comment, d->notify);
		break;
	case AKT_DRAFT_FILE:
		body = akt_file_message_body(comment);
		break;
	default:
		*err = xstrdup("the draft is of an unknown kind");
		return NULL;
	}
	if (!body) {
		*err = xstrdup("the text is not valid UTF-8");
		return NULL;
	}
	len = strlen(body);
	if (len > AKT_BODY_MAX) {
		*err = xasprintf("the text is too long: %zu bytes as sent, the "
				 "platform takes at most %zu", len,
				 AKT_BODY_MAX);
		free(body);
		return NULL;
	}
	return body;
}

/* Below /v1/cases/{id}/, by kind; NULL when the kind needs an id that
 * is missing. */
static char *request_path(const struct akt_draft *d, char **err)
{
	long long id = (long long)d->case_id;

	switch (d->kind) {
	case AKT_DRAFT_NOTE:
		return xasprintf("/v1/cases/%lld/notes", id);
	case AKT_DRAFT_REPLY:
		if (d->thread_id <= 0)
			break;
		return xasprintf("/v1/cases/%lld/threads/%lld/messages", id,
				 (long long)d->thread_id);
	case AKT_DRAFT_STATUS:
		return xasprintf("/v1/cases/%lld/transitions", id);
	case AKT_DRAFT_FILE:
		if (d->message_id <= 0)
			break;
		return xasprintf("/v1/cases/%lld/messages/%lld/file", id,
				 (long long)d->message_id);
	}
	*err = xstrdup(d->kind == AKT_DRAFT_REPLY ?
		       "the reply names no thread" :
		       "the filing names no message");
	return NULL;
}

bool akt_outbox_request(struct akt_draft *d, char **err)
{
	char *body, *path;

	if (d->case_id <= 0) {
		*err = xstrdup("the case is not known yet");
		return false;
	}
	if (!(body = akt_outbox_body(d, err)))
		return false;
	if (!(path = request_path(d, err))) {
		free(body);
		return false;
	}
	free(d->req_method);
	free(d->req_path);
	free(d->req_body);
	d->req_method = xstrdup("POST");
	d->req_path = path;
	d->req_body = body;
	return true;
}

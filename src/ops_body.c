/*
 * ops_body.c — the JSON bodies of the platform's writes. Jansson takes
 * only UTF-8 text, so a body that cannot be made is a text that is not
 * UTF-8; running out of memory aborts, as xalloc does.
 */
#include <jansson.h>

#include "akt/ops.h"
#include "akt/xalloc.h"

/* The text of j (NULL when j is NULL), compact; j is released. */
static char *dump(json_t *j)
{
	char *text, *out;

	if (!j)
		return NULL;
	text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (!text) {
		fprintf(stderr, "akt: out of memory\n");
		abort();
	}
	/* a copy from our allocator: the caller frees with free() */
	out = xstrdup(text);
	free(text);
	return out;
}

bool akt_op_text_ok(const char *text)
{
	json_t *j = json_string(text);

	json_decref(j);
	return j != NULL;
}

char *akt_status_change_body(const char *to, const char *comment,
			     bool notify)
{
	json_t *body, *tj, *cj = NULL;

	if (!(tj = json_string(to)))
		return NULL;
	if (comment && !(cj = json_string(comment))) {
		json_decref(tj);
		return NULL;
	}
	body = json_object();
	json_object_set_new(body, "to", tj);
	if (cj)
		json_object_set_new(body, "comment", cj);
	json_object_set_new(body, "notify", json_boolean(notify));
	return dump(body);
}

char *akt_assign_body(const char *officer)
{
	return dump(json_pack("{s:s}", "officer", officer));
}

char *akt_note_body(const char *text, bool publish)
{
	return dump(json_pack("{s:s, s:b}", "body", text, "publish", publish));
}

char *akt_reply_body(const char *text)
{
	return dump(json_pack("{s:s}", "body", text));
}

char *akt_file_message_body(const char *comment)
{
	return dump(comment ? json_pack("{s:s}", "comment", comment) :
			      json_object());
}

char *akt_legal_hold_body(bool active, const char *reason)
{
	return dump(active ?
		    json_pack("{s:b, s:s}", "active", 1, "reason", reason) :
		    json_pack("{s:b}", "active", 0));
}

char *akt_retention_policy_body(int64_t days)
{
	return xasprintf("{\"days\":%lld}", (long long)days);
}

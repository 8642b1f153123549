/*
 * reveal.c — revealing a personal identity number: the request and its
 * answer. The session keeps reveal calls out of the debug log and the
 * call bypasses the tag cache, so the number passes through memory only.
 */
#include "akt/reveal.h"
#include "akt/decode.h"
#include "akt/xalloc.h"

enum akt_op_start akt_op_reveal(struct akt_session *s, int64_t case_id,
				int64_t party_id, const char *reason,
				akt_reply_cb *cb, void *arg)
{
	json_t *j = json_string(reason);
	struct akt_call c = { .method = "POST", .no_cache = true };
	char *body, *path;

	if (!j)
		return AKT_OP_BAD_TEXT;
	body = json_dumps(j = json_pack("{s:o}", "reason", j), JSON_COMPACT);
	json_decref(j);
	if (!body) {
		fprintf(stderr, "akt: out of memory\n");
		abort();
	}
	path = xasprintf("/v1/cases/%lld/parties/%lld/reveal",
			 (long long)case_id, (long long)party_id);
	c.path = path;
	c.body = body;
	c.body_len = strlen(body);
	akt_session_call(s, &c, cb, arg);
	/* the reason says why a number was looked at: not kept either */
	xfree_secret(&body);
	free(path);
	return AKT_OP_SENT;
}

bool akt_reveal_decode(const json_t *j, int64_t *party_id, char **number,
		       char **err)
{
	struct akt_dec d = { "reveal", "", err };

	*number = NULL;
	return akt_dec_top(&d, j) &&
	       akt_dec_int(&d, j, "party_id", party_id) &&
	       akt_dec_str(&d, j, "personal_number", number);
}

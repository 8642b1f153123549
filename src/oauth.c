/*
 * oauth.c — form encoding and the token answer.
 */
#include "akt/oauth.h"
#include "akt/buf.h"
#include "akt/decode.h"
#include "akt/xalloc.h"

#include <strings.h>

/* application/x-www-form-urlencoded: unreserved characters as they are,
 * everything else %XX (spaces too, which is always understood). The
 * buffer wipes what it outgrows, so the password leaves no copies. */
static void form_add(struct akt_buf *b, const char *key, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";

	if (b->len)
		akt_buf_addc(b, '&');
	for (int i = 0; i < 2; i++) {
		const unsigned char *p = (const unsigned char *)(i ? value : key);

		for (; *p; p++) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
				akt_buf_addc(b, (char)*p);
			} else {
				char esc[3] = { '%', hex[*p >> 4], hex[*p & 15] };

				akt_buf_add(b, esc, 3);
			}
		}
		if (!i)
			akt_buf_addc(b, '=');
	}
}

char *akt_oauth_password_form(const char *client_id, const char *user,
			      const char *password)
{
	struct akt_buf b;

	akt_buf_init(&b, 0);
	form_add(&b, "grant_type", "password");
	form_add(&b, "username", user);
	form_add(&b, "password", password);
	form_add(&b, "client_id", client_id);
	return akt_buf_steal(&b);
}

char *akt_oauth_refresh_form(const char *client_id, const char *refresh)
{
	struct akt_buf b;

	akt_buf_init(&b, 0);
	form_add(&b, "grant_type", "refresh_token");
	form_add(&b, "refresh_token", refresh);
	form_add(&b, "client_id", client_id);
	return akt_buf_steal(&b);
}

char *akt_oauth_revoke_form(const char *token, const char *hint)
{
	struct akt_buf b;

	akt_buf_init(&b, 0);
	form_add(&b, "token", token);
	if (hint)
		form_add(&b, "token_type_hint", hint);
	return akt_buf_steal(&b);
}

bool akt_oauth_grant_decode(const json_t *j, time_t now,
			    struct akt_tokens *t, char **err)
{
	const struct akt_dec d = { "token answer", "", err };
	char *access = NULL, *type = NULL, *refresh = NULL;
	int64_t expires_in = 0;
	bool ok = false;

	if (!akt_dec_top(&d, j) ||
	    !akt_dec_str(&d, j, "access_token", &access) ||
	    !akt_dec_str(&d, j, "token_type", &type) ||
	    !akt_dec_str_opt(&d, j, "refresh_token", &refresh) ||
	    (json_object_get(j, "expires_in") &&
	     !akt_dec_int(&d, j, "expires_in", &expires_in)))
		goto out;
	if (strcasecmp(type, "Bearer") != 0) {
		*err = xstrdup("token answer: field 'token_type' is not Bearer");
		goto out;
	}
	xfree_secret(&t->access_token);
	xfree_secret(&t->refresh_token);
	t->access_token = access;
	t->refresh_token = refresh;
	access = refresh = NULL;
	t->expires_at = expires_in > 0 ? (int64_t)now + expires_in : 0;
	ok = true;
out:
	xfree_secret(&access);
	xfree_secret(&refresh);
	free(type);
	return ok;
}

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

char *akt_oauth_device_form(const char *client_id)
{
	struct akt_buf b;

	akt_buf_init(&b, 0);
	form_add(&b, "client_id", client_id);
	return akt_buf_steal(&b);
}

char *akt_oauth_device_token_form(const char *client_id,
				  const char *device_code)
{
	struct akt_buf b;

	akt_buf_init(&b, 0);
	form_add(&b, "grant_type", AKT_DEVICE_GRANT);
	form_add(&b, "device_code", device_code);
	form_add(&b, "client_id", client_id);
	return akt_buf_steal(&b);
}

bool akt_oauth_device_decode(const json_t *j, struct akt_device_auth *out,
			     char **err)
{
	const struct akt_dec d = { "device authorization", "", err };

	memset(out, 0, sizeof(*out));
	out->interval = AKT_DEVICE_INTERVAL;
	if (!akt_dec_top(&d, j) ||
	    !akt_dec_str(&d, j, "device_code", &out->device_code) ||
	    !akt_dec_str(&d, j, "user_code", &out->user_code) ||
	    !akt_dec_str(&d, j, "verification_uri", &out->verification_uri) ||
	    !akt_dec_str_opt(&d, j, "verification_uri_complete",
			     &out->verification_uri_complete) ||
	    !akt_dec_int(&d, j, "expires_in", &out->expires_in) ||
	    (json_object_get(j, "interval") &&
	     !akt_dec_int(&d, j, "interval", &out->interval))) {
		akt_oauth_device_clear(out);
		return false;
	}
	if (!*out->device_code || !*out->user_code || out->expires_in <= 0) {
		*err = xstrdup("device authorization: empty code or no lifetime");
		akt_oauth_device_clear(out);
		return false;
	}
	/* a platform asking for no pause would have us hammer it */
	/* bounds keep a hostile answer from overflowing timer arithmetic */
	out->interval = AKT_MAX(1, AKT_MIN(out->interval, 3600));
	out->expires_in = AKT_MIN(out->expires_in, 86400);
	return true;
}

enum akt_device_next akt_oauth_device_next(const char *error,
					   int64_t *interval)
{
	if (!error)
		return AKT_DEVICE_FAILED;
	if (strcmp(error, "authorization_pending") == 0)
		return AKT_DEVICE_WAIT;
	if (strcmp(error, "slow_down") == 0) {
		/* RFC 8628 3.5: for this and all later polls */
		*interval += AKT_DEVICE_SLOW_DOWN;
		return AKT_DEVICE_SLOWER;
	}
	if (strcmp(error, "expired_token") == 0)
		return AKT_DEVICE_EXPIRED;
	if (strcmp(error, "access_denied") == 0)
		return AKT_DEVICE_DENIED;
	return AKT_DEVICE_FAILED;
}

void akt_oauth_device_clear(struct akt_device_auth *d)
{
	xfree_secret(&d->device_code);
	xfree(&d->user_code);
	xfree(&d->verification_uri);
	xfree(&d->verification_uri_complete);
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
	/* a year is beyond any access token; more is a broken answer */
	t->expires_at = expires_in > 0 ?
			(int64_t)now + AKT_MIN(expires_in, 366 * 86400) : 0;
	ok = true;
out:
	xfree_secret(&access);
	xfree_secret(&refresh);
	free(type);
	return ok;
}

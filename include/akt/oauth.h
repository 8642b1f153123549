/*
 * oauth.h — the OAuth 2.0 messages akt exchanges with a platform: form
 * bodies for the token and revocation endpoints (RFC 6749, RFC 7009) and
 * the token answer. No I/O; session.c and auth.c send them.
 */
#ifndef AKT_OAUTH_H
#define AKT_OAUTH_H

#include "akt/token_store.h"

#include <jansson.h>
#include <time.h>

#define AKT_FORM_TYPE "application/x-www-form-urlencoded"

/* Bodies are malloc'd; they hold secrets, free them with xfree_secret. */
char *akt_oauth_password_form(const char *client_id, const char *user,
			      const char *password);
char *akt_oauth_refresh_form(const char *client_id, const char *refresh);
char *akt_oauth_revoke_form(const char *token, const char *hint);

/*
 * Take access_token, refresh_token and expires_in from a token answer
 * into t (replacing those members; the rest of t is kept). A rotated
 * answer without refresh_token keeps no old one: it no longer works.
 */
bool akt_oauth_grant_decode(const json_t *j, time_t now,
			    struct akt_tokens *t, char **err);

#endif

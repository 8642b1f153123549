/*
 * auth.h — logging in and out. Login uses the OAuth password grant after
 * reading the platform's description (GET /v1/platform); logout revokes
 * the refresh token (which ends its access tokens too) and forgets the
 * login. Signing in through a browser (device flow) is not here yet.
 */
#ifndef AKT_AUTH_H
#define AKT_AUTH_H

#include "akt/session.h"

/* Log in to the session's server; on success the login is stored. The
 * password is copied and wiped when no longer needed. */
void akt_auth_login(struct akt_session *s, const char *user,
		    const char *password, akt_reply_cb *cb, void *arg);

/*
 * Revoke and forget. The login is forgotten here even when the platform
 * cannot be reached; the reply then says so (the platform ends unrevoked
 * logins on its own, after the refresh token's lifetime).
 */
void akt_auth_logout(struct akt_session *s, akt_reply_cb *cb, void *arg);

#endif

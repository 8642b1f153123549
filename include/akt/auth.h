/*
 * auth.h — logging in and out. Login reads the platform's description
 * (GET /v1/platform), then signs in through a browser with the device
 * authorization grant (RFC 8628) when no user name is given and the
 * platform offers it, else with the password grant; the password comes
 * from the request, from credential_command, or from asking. Logout
 * revokes the refresh token (which ends its access tokens too) and
 * forgets the login.
 */
#ifndef AKT_AUTH_H
#define AKT_AUTH_H

#include "akt/oauth.h"
#include "akt/session.h"

/* How a login gets what it needs from the officer. Every member may be
 * NULL; what is missing and cannot be asked for fails the login. */
struct akt_login_req {
	const char *user;        /* NULL: device flow if offered, else ask */
	const char *password;    /* NULL: credential_command, else ask */
	const char *credential_command;     /* NULL or "": none */
	/* Ask on the terminal; malloc'd answers (the password freed with
	 * xfree_secret), NULL with *err. */
	char *(*ask_user)(void *ui, char **err);
	char *(*ask_password)(void *ui, const char *user, char **err);
	/* Show the user code and where to enter it; then polling starts. */
	void (*show_device)(void *ui, const struct akt_device_auth *d);
	void *ui;
};

/* Log in to the session's server; on success the login is set on the
 * session (and stored, with a token store); its username says who. */
void akt_auth_login_with(struct akt_session *s,
			 const struct akt_login_req *req,
			 akt_reply_cb *cb, void *arg);

/* The password grant with this user name and password (copied, and
 * wiped when no longer needed). */
void akt_auth_login(struct akt_session *s, const char *user,
		    const char *password, akt_reply_cb *cb, void *arg);

/*
 * Let the session sign in by itself with the config's user and
 * credential_command whenever it has no login: for token_store = none,
 * where no login outlives a command.
 */
void akt_auth_auto_signin(struct akt_session *s);

/*
 * Revoke and forget. The login is forgotten here even when the platform
 * cannot be reached; the reply then says so (the platform ends unrevoked
 * logins on its own, after the refresh token's lifetime).
 */
void akt_auth_logout(struct akt_session *s, akt_reply_cb *cb, void *arg);

#endif

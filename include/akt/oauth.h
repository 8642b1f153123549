/*
 * oauth.h — the OAuth 2.0 messages akt exchanges with a platform: form
 * bodies for the token, device authorization and revocation endpoints
 * (RFC 6749, RFC 8628, RFC 7009), the token answer and the device
 * authorization answer. No I/O; session.c and auth.c send them.
 */
#ifndef AKT_OAUTH_H
#define AKT_OAUTH_H

#include "akt/token_store.h"

#include <jansson.h>
#include <time.h>

#define AKT_FORM_TYPE "application/x-www-form-urlencoded"
#define AKT_DEVICE_GRANT "urn:ietf:params:oauth:grant-type:device_code"

/* RFC 8628 3.2: the interval when the platform names none, and what a
 * slow_down adds to it (3.5), in seconds. */
#define AKT_DEVICE_INTERVAL 5
#define AKT_DEVICE_SLOW_DOWN 5

/* The answer of the device authorization endpoint. Strings are as the
 * platform sent them: sanitize before showing. */
struct akt_device_auth {
	char *device_code;
	char *user_code;
	char *verification_uri;
	char *verification_uri_complete;   /* NULL when not given */
	int64_t expires_in;                /* seconds */
	int64_t interval;                  /* seconds between polls */
};

/* Bodies are malloc'd; they hold secrets, free them with xfree_secret. */
char *akt_oauth_password_form(const char *client_id, const char *user,
			      const char *password);
char *akt_oauth_refresh_form(const char *client_id, const char *refresh);
char *akt_oauth_revoke_form(const char *token, const char *hint);
char *akt_oauth_device_form(const char *client_id);
char *akt_oauth_device_token_form(const char *client_id,
				  const char *device_code);

/* What a device token poll's OAuth error means for the next step. */
enum akt_device_next {
	AKT_DEVICE_WAIT,        /* authorization_pending: poll again */
	AKT_DEVICE_SLOWER,      /* slow_down: *interval grew; poll again */
	AKT_DEVICE_EXPIRED,     /* expired_token: the code ran out */
	AKT_DEVICE_DENIED,      /* access_denied: the officer refused */
	AKT_DEVICE_FAILED,      /* anything else ends the login */
};

enum akt_device_next akt_oauth_device_next(const char *error,
					   int64_t *interval);

bool akt_oauth_device_decode(const json_t *j, struct akt_device_auth *d,
			     char **err);
void akt_oauth_device_clear(struct akt_device_auth *d);

/*
 * Take access_token, refresh_token and expires_in from a token answer
 * into t (replacing those members; the rest of t is kept). A rotated
 * answer without refresh_token keeps no old one: it no longer works.
 */
bool akt_oauth_grant_decode(const json_t *j, time_t now,
			    struct akt_tokens *t, char **err);

#endif

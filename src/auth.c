/*
 * auth.c — the login and logout exchanges, as small chains of calls:
 *   login:  GET /v1/platform → POST token (password) → [revoke old login]
 *   logout: POST revoke (refresh token) → forget
 */
#include "akt/auth.h"
#include "akt/oauth.h"
#include "akt/platform.h"
#include "akt/sanitize.h"
#include "akt/xalloc.h"

#include <time.h>

#define API_VERSION 1

struct login {
	struct akt_session *s;
	char *user;
	char *password;
	struct akt_platform platform;
	struct akt_tokens old;      /* the login this one replaces */
	akt_reply_cb *cb;
	void *arg;
};

static void login_end(struct login *l, enum akt_result result,
		      const char *error, const char *hint)
{
	struct akt_reply r;

	memset(&r, 0, sizeof(r));
	r.result = result;
	r.error = error;
	r.hint = hint;
	r.body = "";
	l->cb(&r, l->arg);
	free(l->user);
	xfree_secret(&l->password);
	akt_platform_clear(&l->platform);
	akt_tokens_clear(&l->old);
	free(l);
}

static void pass_on(struct login *l, const struct akt_reply *r)
{
	login_end(l, r->result, r->error, r->hint);
}

static void on_old_revoked(const struct akt_reply *r, void *arg)
{
	/* best effort: the old login expires by itself anyway */
	login_end(arg, AKT_OK, NULL, NULL);
}

static void on_token(const struct akt_reply *r, void *arg)
{
	struct login *l = arg;
	struct akt_tokens t;
	char *err = NULL;

	if (r->result != AKT_OK) {
		if (r->status == 400 && r->problem && r->problem->oauth_error &&
		    strcmp(r->problem->oauth_error, "invalid_grant") == 0) {
			login_end(l, AKT_E_AUTH, "login failed: wrong user "
				  "name or password", NULL);
			return;
		}
		pass_on(l, r);
		return;
	}
	memset(&t, 0, sizeof(t));
	t.server = xstrdup(akt_session_server(l->s));
	t.username = xstrdup(l->user);
	t.token_endpoint = xstrdup(l->platform.token_endpoint);
	t.revocation_endpoint = xstrdup_opt(l->platform.revocation_endpoint);
	t.client_id = xstrdup(l->platform.client_id);
	if (!akt_oauth_grant_decode(r->json, time(NULL), &t, &err)) {
		login_end(l, AKT_E_PROTOCOL, err, NULL);
		akt_tokens_clear(&t);
		free(err);
		return;
	}
	if (!akt_session_set_tokens(l->s, &t, &err)) {
		char *msg = xasprintf("logged in, but the login cannot be kept "
				      "for the next run: %s", err);

		akt_tokens_clear(&t);
		free(err);
		login_end(l, AKT_E_REFUSED, msg, "fix the directory, or "
			  "'set token_store = none'");
		free(msg);
		return;
	}
	akt_tokens_clear(&t);
	if (l->old.refresh_token && l->old.revocation_endpoint) {
		char *form = akt_oauth_revoke_form(l->old.refresh_token,
						   "refresh_token");
		struct akt_call c = {
			.method = "POST", .path = l->old.revocation_endpoint,
			.body = form, .body_len = strlen(form),
			.content_type = AKT_FORM_TYPE, .anonymous = true,
		};

		akt_session_call(l->s, &c, on_old_revoked, l);
		xfree_secret(&form);
		return;
	}
	login_end(l, AKT_OK, NULL, NULL);
}

static void on_platform(const struct akt_reply *r, void *arg)
{
	struct login *l = arg;
	char *err = NULL, *msg;
	struct akt_call c = { .method = "POST", .anonymous = true,
			      .content_type = AKT_FORM_TYPE };
	char *form;

	if (r->result != AKT_OK) {
		pass_on(l, r);
		return;
	}
	if (!akt_platform_decode(r->json, &l->platform, &err)) {
		login_end(l, AKT_E_PROTOCOL, err, "is the URL that of an akt "
			  "platform?");
		free(err);
		return;
	}
	if (l->platform.api_version != API_VERSION) {
		msg = xasprintf("the platform speaks API version %lld; this akt "
				"speaks %d", (long long)l->platform.api_version,
				API_VERSION);
		login_end(l, AKT_E_PROTOCOL, msg, "use an akt made for it");
		free(msg);
		return;
	}
	if (!akt_platform_has_grant(&l->platform, "password")) {
		login_end(l, AKT_E_REFUSED, "this platform does not take "
			  "passwords from akt", "signing in through a browser "
			  "is not supported yet");
		return;
	}
	form = akt_oauth_password_form(l->platform.client_id, l->user,
				       l->password);
	xfree_secret(&l->password);
	c.path = l->platform.token_endpoint;
	c.body = form;
	c.body_len = strlen(form);
	akt_session_call(l->s, &c, on_token, l);
	xfree_secret(&form);
}

void akt_auth_login(struct akt_session *s, const char *user,
		    const char *password, akt_reply_cb *cb, void *arg)
{
	struct login *l = xcalloc(1, sizeof(*l));
	const struct akt_tokens *old = akt_session_tokens(s);
	struct akt_call c = { .method = "GET", .path = "/v1/platform",
			      .anonymous = true };

	l->s = s;
	l->user = xstrdup(user);
	l->password = xstrdup(password);
	l->cb = cb;
	l->arg = arg;
	if (old)
		akt_tokens_copy(&l->old, old);
	akt_session_call(s, &c, on_platform, l);
}

/* ---- logout ------------------------------------------------------- */

struct logout {
	struct akt_session *s;
	akt_reply_cb *cb;
	void *arg;
};

static void logout_end(struct logout *o, const struct akt_reply *revoke)
{
	struct akt_reply r;
	char *err = NULL, *msg = NULL;

	memset(&r, 0, sizeof(r));
	r.body = "";
	if (!akt_session_forget(o->s, &err)) {
		r.result = AKT_E_REFUSED;
		r.error = msg = xasprintf("cannot forget the login: %s", err);
	} else if (revoke && revoke->result != AKT_OK) {
		r.result = revoke->result;
		r.error = msg = xasprintf("logged out here, but the platform "
					  "did not confirm ending the login: %s",
					  revoke->error);
		r.hint = "the platform ends it by itself when it expires";
	}
	o->cb(&r, o->arg);
	free(err);
	free(msg);
	free(o);
}

static void on_revoked(const struct akt_reply *r, void *arg)
{
	logout_end(arg, r);
}

void akt_auth_logout(struct akt_session *s, akt_reply_cb *cb, void *arg)
{
	const struct akt_tokens *t = akt_session_tokens(s);
	struct logout *o = xcalloc(1, sizeof(*o));
	char *form;

	o->s = s;
	o->cb = cb;
	o->arg = arg;
	if (!t || !t->revocation_endpoint) {
		logout_end(o, NULL);
		return;
	}
	/* revoking the refresh token ends its access tokens too */
	form = t->refresh_token ?
	       akt_oauth_revoke_form(t->refresh_token, "refresh_token") :
	       akt_oauth_revoke_form(t->access_token, "access_token");
	struct akt_call c = {
		.method = "POST", .path = t->revocation_endpoint,
		.body = form, .body_len = strlen(form),
		.content_type = AKT_FORM_TYPE, .anonymous = true,
	};

	akt_session_call(s, &c, on_revoked, o);
	xfree_secret(&form);
}

/*
 * auth.c — the login and logout exchanges, as small chains of calls:
 *   login:  GET /v1/platform → password: [credential_command] → POST token
 *                            → device:   POST device → show the code →
 *                                        POST token every interval (a
 *                                        timer) → GET /v1/me (who it is)
 *           → [revoke the login it replaces]
 *   logout: POST revoke (refresh token) → forget
 */
#include "akt/auth.h"
#include "akt/credential.h"
#include "akt/officer.h"
#include "akt/platform.h"
#include "akt/xalloc.h"

#include <time.h>

#define API_VERSION 1

struct login {
	struct akt_session *s;
	struct akt_login_req req;   /* its strings are ours */
	char *user;
	char *password;
	struct akt_platform platform;
	struct akt_tokens old;      /* the login this one replaces */
	struct akt_credential *cred;
	bool from_command;          /* the password is credential_command's */
	struct akt_device_auth device;
	struct akt_timer *poll;
	int64_t deadline;           /* of the device code, loop clock */
	int poll_failures;          /* in a row, without an answer */
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
	akt_log_note(akt_session_log(l->s), "login %s%s%s",
		     result == AKT_OK ? "done" : "failed",
		     error ? ": " : "", error ? error : "");
	l->cb(&r, l->arg);
	free(l->user);
	xfree_secret(&l->password);
	free((char *)l->req.credential_command);
	akt_platform_clear(&l->platform);
	akt_tokens_clear(&l->old);
	akt_credential_cancel(&l->cred);
	akt_oauth_device_clear(&l->device);
	akt_timer_free(&l->poll);
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

/* The new login is in place: end the one it replaces. */
static void revoke_old(struct login *l)
{
	const struct akt_tokens *now = akt_session_tokens(l->s);

	if (l->old.refresh_token && l->old.revocation_endpoint && now &&
	    strcmp(l->old.refresh_token, now->refresh_token ?
		   now->refresh_token : "") != 0) {
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

/* Set the login on the session; false (and the login ended) when it
 * cannot be kept. */
static bool keep(struct login *l, const struct akt_tokens *t)
{
	char *err = NULL;

	if (akt_session_set_tokens(l->s, t, &err))
		return true;
	char *msg = xasprintf("logged in, but the login cannot be kept for "
			      "the next run: %s", err);

	free(err);
	login_end(l, AKT_E_REFUSED, msg, "fix the directory, or "
		  "'set token_store = none'");
	free(msg);
	return false;
}

/* Who signed in: the name only labels the login, so the login stands
 * even when the platform does not say. */
static void on_me(const struct akt_reply *r, void *arg)
{
	struct login *l = arg;
	struct akt_officer o;
	struct akt_tokens t;
	char *err = NULL;

	if (r->result != AKT_OK || !akt_officer_decode(r->json, &o, &err)) {
		akt_log_note(akt_session_log(l->s), "logged in, but who is not "
			     "known: %s", err ? err : r->error);
		free(err);
		revoke_old(l);
		return;
	}
	memset(&t, 0, sizeof(t));
	akt_tokens_copy(&t, akt_session_tokens(l->s));
	free(t.username);
	t.username = xstrdup(o.username);
	akt_officer_clear(&o);
	if (keep(l, &t))
		revoke_old(l);
	akt_tokens_clear(&t);
}

/* A token answer for l: keep it, learn the user name when a browser
 * sign-in did not say it, and end the old login. */
static void got_tokens(struct login *l, const json_t *json)
{
	struct akt_tokens t;
	char *err = NULL;

	memset(&t, 0, sizeof(t));
	t.server = xstrdup(akt_session_server(l->s));
	t.username = xstrdup(l->user ? l->user : "");
	t.token_endpoint = xstrdup(l->platform.token_endpoint);
	t.revocation_endpoint = xstrdup_opt(l->platform.revocation_endpoint);
	t.client_id = xstrdup(l->platform.client_id);
	if (!akt_oauth_grant_decode(json, time(NULL), &t, &err)) {
		login_end(l, AKT_E_PROTOCOL, err, NULL);
		akt_tokens_clear(&t);
		free(err);
		return;
	}
	if (!keep(l, &t)) {
		akt_tokens_clear(&t);
		return;
	}
	akt_tokens_clear(&t);
	if (!l->user) {
		struct akt_call c = { .method = "GET", .path = "/v1/me" };

		akt_session_call(l->s, &c, on_me, l);
		return;
	}
	revoke_old(l);
}

/* ---- password ----------------------------------------------------- */

static void on_token(const struct akt_reply *r, void *arg)
{
	struct login *l = arg;

	if (r->result != AKT_OK) {
		if (r->status == 400 && r->problem && r->problem->oauth_error &&
		    strcmp(r->problem->oauth_error, "invalid_grant") == 0) {
			login_end(l, AKT_E_AUTH, l->from_command ?
				  "login failed: wrong user name or password "
				  "(the password from credential_command)" :
				  "login failed: wrong user name or password",
				  NULL);
			return;
		}
		pass_on(l, r);
		return;
	}
	got_tokens(l, r->json);
}

static void send_password(struct login *l)
{
	struct akt_call c = { .method = "POST", .anonymous = true,
			      .content_type = AKT_FORM_TYPE };
	char *form = akt_oauth_password_form(l->platform.client_id, l->user,
					     l->password);

	xfree_secret(&l->password);
	c.path = l->platform.token_endpoint;
	c.body = form;
	c.body_len = strlen(form);
	akt_session_call(l->s, &c, on_token, l);
	xfree_secret(&form);
}

static void on_credential(char *password, const char *error, void *arg)
{
	struct login *l = arg;

	l->cred = NULL;             /* it frees itself */
	if (!password) {
		login_end(l, AKT_E_AUTH, error, "see 'credential_command' in "
			  "akt.conf(5)");
		return;
	}
	l->password = password;
	l->from_command = true;
	send_password(l);
}

static void password_login(struct login *l)
{
	char *err = NULL;

	if (!akt_platform_has_grant(&l->platform, "password")) {
		login_end(l, AKT_E_REFUSED, "this platform does not take "
			  "passwords from akt", "run 'akt login' without "
			  "--user to sign in through a browser");
		return;
	}
	if (!l->user) {
		l->user = l->req.ask_user ? l->req.ask_user(l->req.ui, &err) :
			  NULL;
		if (!l->user) {
			login_end(l, AKT_E_INVALID, err ? err : "no user name",
				  err ? NULL : "give --user NAME, or 'set user' "
				  "in the config");
			free(err);
			return;
		}
	}
	if (l->password) {
		send_password(l);
		return;
	}
	if (l->req.credential_command && *l->req.credential_command) {
		akt_log_note(akt_session_log(l->s), "running credential_command "
			     "for %s", l->user);
		l->cred = akt_credential_run(akt_session_loop(l->s),
					     l->req.credential_command, l->user,
					     akt_session_server(l->s),
					     on_credential, l);
		return;
	}
	l->password = l->req.ask_password ?
		      l->req.ask_password(l->req.ui, l->user, &err) : NULL;
	if (!l->password) {
		login_end(l, AKT_E_INVALID, err ? err : "no password",
			  err ? NULL : "use --password-stdin, or set "
			  "credential_command");
		free(err);
		return;
	}
	send_password(l);
}

/* ---- device flow -------------------------------------------------- */

/* Polls that got no answer in a row before the login gives up: a
 * network that fails once should not cost a sign-in in the browser. */
#define POLL_FAILURES_MAX 5

static void poll_later(struct login *l)
{
	akt_timer_start(l->poll, (long)(l->device.interval * 1000));
}

static void on_device_token(const struct akt_reply *r, void *arg)
{
	struct login *l = arg;

	if (r->result == AKT_OK) {
		got_tokens(l, r->json);
		return;
	}
	if (r->result == AKT_E_UNREACHABLE &&
	    ++l->poll_failures < POLL_FAILURES_MAX) {
		poll_later(l);      /* a poll may be repeated at no cost */
		return;
	}
	l->poll_failures = 0;
	if (r->status != 400 || !r->problem) {
		pass_on(l, r);
		return;
	}
	switch (akt_oauth_device_next(r->problem->oauth_error,
				      &l->device.interval)) {
	case AKT_DEVICE_WAIT:
		poll_later(l);
		break;
	case AKT_DEVICE_SLOWER:
		akt_log_note(akt_session_log(l->s), "asked to poll slower: "
			     "every %lld s", (long long)l->device.interval);
		poll_later(l);
		break;
	case AKT_DEVICE_EXPIRED:
		login_end(l, AKT_E_AUTH, "the code expired",
			  "run 'akt login' again");
		break;
	case AKT_DEVICE_DENIED:
		login_end(l, AKT_E_AUTH, "login refused: the sign-in was "
			  "denied in the browser", NULL);
		break;
	case AKT_DEVICE_FAILED:
		pass_on(l, r);
		break;
	}
}

static void on_poll(struct akt_timer *t, void *arg)
{
	struct login *l = arg;
	struct akt_call c = { .method = "POST", .anonymous = true,
			      .content_type = AKT_FORM_TYPE };
	char *form;

	/* the platform says so too, but need not be asked */
	if (akt_loop_now() >= l->deadline) {
		login_end(l, AKT_E_AUTH, "the code expired",
			  "run 'akt login' again");
		return;
	}
	form = akt_oauth_device_token_form(l->platform.client_id,
					   l->device.device_code);
	c.path = l->platform.token_endpoint;
	c.body = form;
	c.body_len = strlen(form);
	akt_session_call(l->s, &c, on_device_token, l);
	xfree_secret(&form);
}

static void on_device(const struct akt_reply *r, void *arg)
{
	struct login *l = arg;
	char *err = NULL;

	if (r->result != AKT_OK) {
		pass_on(l, r);
		return;
	}
	if (!akt_oauth_device_decode(r->json, &l->device, &err)) {
		login_end(l, AKT_E_PROTOCOL, err, NULL);
		free(err);
		return;
	}
	l->deadline = akt_loop_now() + l->device.expires_in * 1000;
	l->req.show_device(l->req.ui, &l->device);
	l->poll = akt_timer_new(akt_session_loop(l->s), on_poll, l);
	poll_later(l);
}

static void device_login(struct login *l)
{
	struct akt_call c = { .method = "POST", .anonymous = true,
			      .content_type = AKT_FORM_TYPE };
	char *form = akt_oauth_device_form(l->platform.client_id);

	c.path = l->platform.device_endpoint;
	c.body = form;
	c.body_len = strlen(form);
	akt_session_call(l->s, &c, on_device, l);
	free(form);
}

/* ---- discovery ---------------------------------------------------- */

static void on_platform(const struct akt_reply *r, void *arg)
{
	struct login *l = arg;
	char *err = NULL, *msg;

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
	if (!l->user && l->req.show_device && l->platform.device_endpoint &&
	    akt_platform_has_grant(&l->platform, AKT_DEVICE_GRANT))
		device_login(l);
	else
		password_login(l);
}

void akt_auth_login_with(struct akt_session *s,
			 const struct akt_login_req *req,
			 akt_reply_cb *cb, void *arg)
{
	struct login *l = xcalloc(1, sizeof(*l));
	const struct akt_tokens *old = akt_session_tokens(s);
	struct akt_call c = { .method = "GET", .path = "/v1/platform",
			      .anonymous = true };

	l->s = s;
	l->req = *req;
	l->req.user = l->req.password = NULL;
	l->req.credential_command = xstrdup_opt(req->credential_command);
	l->user = req->user && *req->user ? xstrdup(req->user) : NULL;
	l->password = xstrdup_opt(req->password);
	l->cb = cb;
	l->arg = arg;
	if (old)
		akt_tokens_copy(&l->old, old);
	akt_session_call(s, &c, on_platform, l);
}

void akt_auth_login(struct akt_session *s, const char *user,
		    const char *password, akt_reply_cb *cb, void *arg)
{
	struct akt_login_req req = { .user = user, .password = password };

	akt_auth_login_with(s, &req, cb, arg);
}

static void auto_signin(struct akt_session *s, akt_reply_cb *done,
			void *done_arg, void *arg)
{
	const struct akt_config *cfg = akt_session_config(s);
	struct akt_login_req req = {
		.user = cfg->user,
		.credential_command = cfg->credential_command,
	};

	akt_auth_login_with(s, &req, done, done_arg);
}

void akt_auth_auto_signin(struct akt_session *s)
{
	const struct akt_config *cfg = akt_session_config(s);

	if (*cfg->user && *cfg->credential_command)
		akt_session_set_signin(s, auto_signin, NULL);
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

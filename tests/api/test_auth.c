/*
 * test_auth.c — OAuth 2.0 as the platform offers it: password grant,
 * refresh rotation, revocation, expiry on the sandbox clock, and the
 * device flow (RFC 8628) with --device-interval 1.
 */
#include "harness.h"

#include <stdio.h>
#include <string.h>

static struct sb *S;

static int setup(void **state)
{
	int rc = group_start(state, "--device-interval 1");
	S = *state;
	return rc;
}

static struct http_resp *token_req(const char *form)
{
	return form_post(S, "/v1/oauth/token", form);
}

/* RFC 6749 error answer: 400, JSON {"error":name,"error_description":..} */
static void expect_oauth_error(const struct http_resp *r, const char *name)
{
	expect_status(r, 400);
	expect_true(strncmp(r->ctype, "application/json", 16) == 0, r);
	expect_true(jstr(r->json, "error") && !strcmp(jstr(r->json, "error"), name), r);
	json_t *d = jget(r->json, "error_description");
	expect_true(d == NULL || json_is_string(d), r);
}

static long me_status(const char *tok)
{
	return api_get(S, "/v1/me", tok)->status;
}

static bool has_scope(const char *scopes, const char *s)
{
	size_t n = strlen(s);
	for (const char *p = scopes; p && (p = strstr(p, s)) != NULL; p += n)
		if ((p == scopes || p[-1] == ' ') && (p[n] == 0 || p[n] == ' '))
			return true;
	return false;
}

static void password_grant(void **state)
{
	struct http_resp *r = login_full(S, "anna");
	const char *cc = resp_header(r, "Cache-Control");
	expect_true(cc && strstr(cc, "no-store"), r);
	expect_true(!strcmp(jstr(r->json, "token_type"), "Bearer"), r);
	expect_true(jint(r->json, "expires_in") == 900, r);
	expect_true(jstr(r->json, "refresh_token") != NULL, r);
	const char *sc = jstr(r->json, "scope");
	expect_true(has_scope(sc, "cases:read") && has_scope(sc, "cases:write") &&
		    has_scope(sc, "pin:reveal") && !has_scope(sc, "retention:admin"), r);
	expect_true(me_status(jstr(r->json, "access_token")) == 200, r);

	struct http_resp *s = login_full(S, "sara");
	sc = jstr(s->json, "scope");
	expect_true(has_scope(sc, "retention:admin") && !has_scope(sc, "pin:reveal"), s);
	/* two logins, two different tokens */
	struct http_resp *r2 = login_full(S, "anna");
	expect_true(strcmp(jstr(r->json, "access_token"),
			   jstr(r2->json, "access_token")) != 0, r2);
}

static void token_errors(void **state)
{
	expect_oauth_error(token_req("grant_type=password&username=anna"
				     "&password=wrong&client_id=akt"), "invalid_grant");
	expect_oauth_error(token_req("grant_type=password&username=nobody"
				     "&password=demo&client_id=akt"), "invalid_grant");
	expect_oauth_error(token_req("grant_type=password&username=anna"
				     "&client_id=akt"), "invalid_request");
	expect_oauth_error(token_req("username=anna&password=demo&client_id=akt"),
			   "invalid_request");
	expect_oauth_error(token_req("grant_type=magic&client_id=akt"),
			   "unsupported_grant_type");
	expect_oauth_error(token_req("grant_type=refresh_token&refresh_token=nope"
				     "&client_id=akt"), "invalid_grant");
	expect_oauth_error(token_req("grant_type=urn%3Aietf%3Aparams%3Aoauth"
				     "%3Agrant-type%3Adevice_code&device_code=nope"
				     "&client_id=akt"), "invalid_grant");
}

/* Refresh rotates: the new pair works, the old refresh token is refused. */
static void refresh_rotation(void **state)
{
	struct http_resp *l = login_full(S, "anna");
	const char *rt = jstr(l->json, "refresh_token");
	struct http_resp *r = token_req(sb_fmt(S, "grant_type=refresh_token"
				"&refresh_token=%s&client_id=akt", url_enc(S, rt)));
	expect_status(r, 200);
	const char *rt2 = jstr(r->json, "refresh_token");
	expect_true(rt2 && strcmp(rt2, rt) != 0, r);
	expect_true(me_status(jstr(r->json, "access_token")) == 200, r);
	const char *cc = resp_header(r, "Cache-Control");
	expect_true(cc && strstr(cc, "no-store"), r);

	expect_oauth_error(token_req(sb_fmt(S, "grant_type=refresh_token"
				"&refresh_token=%s&client_id=akt", url_enc(S, rt))),
			   "invalid_grant");
	struct http_resp *r3 = token_req(sb_fmt(S, "grant_type=refresh_token"
				"&refresh_token=%s&client_id=akt", url_enc(S, rt2)));
	expect_status(r3, 200);
}

/* Revoking an access token revokes it only; revoking a refresh token
 * also kills its access tokens; unknown tokens still answer 200. */
static void revocation(void **state)
{
	struct http_resp *l = login_full(S, "anna");
	const char *at = jstr(l->json, "access_token");
	const char *rt = jstr(l->json, "refresh_token");
	struct http_resp *r = form_post(S, "/v1/oauth/revoke",
		sb_fmt(S, "token=%s&token_type_hint=access_token", url_enc(S, at)));
	expect_status(r, 200);
	assert_int_equal(me_status(at), 401);
	struct http_resp *n = token_req(sb_fmt(S, "grant_type=refresh_token"
				"&refresh_token=%s&client_id=akt", url_enc(S, rt)));
	expect_status(n, 200);

	const char *at2 = jstr(n->json, "access_token");
	const char *rt2 = jstr(n->json, "refresh_token");
	assert_int_equal(me_status(at2), 200);
	r = form_post(S, "/v1/oauth/revoke", sb_fmt(S, "token=%s", url_enc(S, rt2)));
	expect_status(r, 200);
	assert_int_equal(me_status(at2), 401);
	expect_oauth_error(token_req(sb_fmt(S, "grant_type=refresh_token"
				"&refresh_token=%s&client_id=akt", url_enc(S, rt2))),
			   "invalid_grant");

	r = form_post(S, "/v1/oauth/revoke", "token=never-issued");
	expect_status(r, 200);
	/* other sessions are untouched */
	assert_int_equal(me_status(login(S, "anna")), 200);
}

/* tokens/expire ends access tokens now; refresh tokens still work. */
static void expired_access_token(void **state)
{
	struct http_resp *l = login_full(S, "anna");
	const char *at = jstr(l->json, "access_token");
	const char *erik = login(S, "erik");
	struct http_resp *r = sb_post_json(S, "/v1/sandbox/tokens/expire",
					   "{\"username\":\"anna\"}");
	expect_status(r, 200);
	r = api_get(S, "/v1/me", at);
	expect_problem(r, 401, "unauthorized");
	expect_true(resp_header(r, "WWW-Authenticate") != NULL, r);
	assert_int_equal(me_status(erik), 200);

	struct http_resp *n = token_req(sb_fmt(S, "grant_type=refresh_token"
				"&refresh_token=%s&client_id=akt",
				url_enc(S, jstr(l->json, "refresh_token"))));
	expect_status(n, 200);
	assert_int_equal(me_status(jstr(n->json, "access_token")), 200);

	r = sb_post_json(S, "/v1/sandbox/tokens/expire", "{}");
	expect_status(r, 200);
	assert_int_equal(me_status(erik), 401);
	assert_int_equal(me_status(jstr(n->json, "access_token")), 401);
}

static struct http_resp *device_start(void)
{
	struct http_resp *r = form_post(S, "/v1/oauth/device", "client_id=akt");
	expect_status(r, 200);
	expect_true(jstr(r->json, "device_code") != NULL, r);
	expect_true(rx_match(jstr(r->json, "user_code"), "^[A-Z]{4}-[A-Z]{4}$"), r);
	expect_true(jint(r->json, "interval") == 1, r);
	expect_true(jint(r->json, "expires_in") == 600, r);
	const char *uri = jstr(r->json, "verification_uri");
	expect_true(uri && !strcmp(uri, sb_fmt(S, "%s/device", sb_base(S))), r);
	const char *full = jstr(r->json, "verification_uri_complete");
	expect_true(full && !strcmp(full, sb_fmt(S, "%s/device?code=%s", sb_base(S),
					       jstr(r->json, "user_code"))), r);
	return r;
}

static struct http_resp *device_poll(const struct http_resp *d)
{
	return token_req(sb_fmt(S, "grant_type=urn%%3Aietf%%3Aparams%%3Aoauth"
				"%%3Agrant-type%%3Adevice_code&device_code=%s"
				"&client_id=akt",
				url_enc(S, jstr(d->json, "device_code"))));
}

/* Pending → slow_down when too fast; approve → token; deny → denied;
 * the browser form approves too. */
static void device_flow(void **state)
{
	struct http_resp *pend = device_start();
	struct http_resp *ok = device_start();
	struct http_resp *no = device_start();
	struct http_resp *web = device_start();
	expect_true(strcmp(jstr(pend->json, "user_code"),
			   jstr(ok->json, "user_code")) != 0, ok);

	struct http_resp *r = sb_post_json(S, "/v1/sandbox/device/approve",
		sb_fmt(S, "{\"user_code\":\"%s\",\"username\":\"anna\"}",
		       jstr(ok->json, "user_code")));
	expect_status(r, 200);
	r = sb_post_json(S, "/v1/sandbox/device/approve",
		sb_fmt(S, "{\"user_code\":\"%s\",\"username\":\"anna\","
		       "\"deny\":true}", jstr(no->json, "user_code")));
	expect_status(r, 200);

	r = api_get(S, sb_fmt(S, "/device?code=%s", jstr(web->json, "user_code")), NULL);
	expect_status(r, 200);
	expect_true(strncmp(r->ctype, "text/html", 9) == 0, r);
	/* a wrong password at the form approves nothing */
	r = form_post(S, "/device", sb_fmt(S, "user_code=%s&username=erik"
					   "&password=wrong",
					   jstr(web->json, "user_code")));
	expect_true(r->status >= 200 && r->status < 500, r);
	sleep_s(1.2);
	expect_oauth_error(device_poll(web), "authorization_pending");
	r = form_post(S, "/device", sb_fmt(S, "user_code=%s&username=erik"
					   "&password=demo",
					   jstr(web->json, "user_code")));
	expect_status(r, 200);

	expect_oauth_error(device_poll(pend), "authorization_pending");
	expect_oauth_error(device_poll(pend), "slow_down");

	r = device_poll(ok);
	expect_status(r, 200);
	expect_true(!strcmp(jstr(r->json, "token_type"), "Bearer"), r);
	expect_true(jstr(r->json, "refresh_token") != NULL, r);
	struct http_resp *me = api_get(S, "/v1/me", jstr(r->json, "access_token"));
	expect_status(me, 200);
	expect_true(!strcmp(jstr(me->json, "username"), "anna"), me);

	expect_oauth_error(device_poll(no), "access_denied");

	sleep_s(1.2);
	r = device_poll(web);
	expect_status(r, 200);
	me = api_get(S, "/v1/me", jstr(r->json, "access_token"));
	expect_status(me, 200);
	expect_true(!strcmp(jstr(me->json, "username"), "erik"), me);

	/* after slow_down the interval is 1 + 5 s: 1.2 s later is still too fast */
	expect_oauth_error(device_poll(pend), "slow_down");
}

/* Access tokens live 900 s on the sandbox clock, refresh tokens 30 days;
 * device codes 600 s. (Last: moves the clock.) */
static void lifetimes_on_sandbox_clock(void **state)
{
	struct http_resp *l = login_full(S, "anna");
	const char *at = jstr(l->json, "access_token");
	struct http_resp *d = device_start();
	struct http_resp *r = sb_post_json(S, "/v1/sandbox/clock",
					   "{\"advance_seconds\":890}");
	expect_status(r, 200);
	assert_int_equal(me_status(at), 200);
	r = sb_post_json(S, "/v1/sandbox/clock", "{\"advance_seconds\":20}");
	expect_status(r, 200);
	assert_int_equal(me_status(at), 401);
	expect_oauth_error(device_poll(d), "expired_token");

	r = token_req(sb_fmt(S, "grant_type=refresh_token&refresh_token=%s"
			     "&client_id=akt",
			     url_enc(S, jstr(l->json, "refresh_token"))));
	expect_status(r, 200);
	const char *rt = jstr(r->json, "refresh_token");
	r = sb_post_json(S, "/v1/sandbox/clock", "{\"advance_days\":31}");
	expect_status(r, 200);
	expect_oauth_error(token_req(sb_fmt(S, "grant_type=refresh_token"
				"&refresh_token=%s&client_id=akt", url_enc(S, rt))),
			   "invalid_grant");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(password_grant),
		cmocka_unit_test(token_errors),
		cmocka_unit_test(refresh_rotation),
		cmocka_unit_test(revocation),
		cmocka_unit_test(expired_access_token),
		cmocka_unit_test(device_flow),
		cmocka_unit_test(lifetimes_on_sandbox_clock),
	};
	return cmocka_run_group_tests_name("auth", tests, setup, group_stop);
}

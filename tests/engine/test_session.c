/*
 * test_session.c — authenticated calls (src/session.c, src/auth.c)
 * against a real akt-sandbox: the refresh after a 401 (once, shared by
 * concurrent calls, saved), a spent refresh token, replies and their
 * classification, login and logout, and freeing a session with a call
 * in flight. Tokens are the platform's own; they are expired with
 * POST /v1/sandbox/tokens/expire, and requests are counted with faults
 * that only delay them.
 */
#include "engine.h"

#include "akt/auth.h"
#include "akt/session.h"
#include "akt/token_store.h"
#include "akt/xalloc.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static struct sb *S;

static int group_setup(void **state)
{
	int rc = group_start(state, "");

	S = *state;
	return rc;
}

struct fixture {
	struct akt_loop *loop;
	struct akt_config cfg;
	struct akt_session *s;
	char dir[256];
	char store[300];
	char *access, *refresh;     /* the login the session started with */
};

static const struct akt_retry_policy fast = { 2, 10, 20, 2000 };

/* A session for the sandbox, its login kept in a private store; logged
 * in as anna with tokens from the platform when logged_in. */
static void setup(struct fixture *f, bool logged_in)
{
	const char *tmp = getenv("TMPDIR");
	char *err = NULL;

	memset(f, 0, sizeof(*f));
	f->loop = akt_loop_new();
	akt_config_init(&f->cfg);
	snprintf(f->dir, sizeof(f->dir), "%s/akt-engine-session-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->store, sizeof(f->store), "%s/akt/tokens", f->dir);
	f->s = akt_session_new(f->loop, &f->cfg);
	akt_session_set_store(f->s, f->store);
	akt_session_set_retry(f->s, &fast);
	akt_session_use_server(f->s, sb_base(S));
	if (logged_in) {
		struct http_resp *g = login_full(S, "anna");
		struct akt_tokens t = {
			.server = (char *)sb_base(S), .username = "anna",
			.access_token = (char *)jstr(g->json, "access_token"),
			.refresh_token = (char *)jstr(g->json, "refresh_token"),
			.token_endpoint = "/v1/oauth/token",
			.revocation_endpoint = "/v1/oauth/revoke",
			.client_id = "akt",
		};

		assert_non_null(t.refresh_token);
		f->access = xstrdup(t.access_token);
		f->refresh = xstrdup(t.refresh_token);
		assert_true(akt_session_set_tokens(f->s, &t, &err));
	}
}

static void teardown(struct fixture *f)
{
	char path[300];

	akt_session_free(&f->s);
	akt_config_clear(&f->cfg);
	akt_loop_free(&f->loop);
	unlink(f->store);
	snprintf(path, sizeof(path), "%s/akt", f->dir);
	rmdir(path);
	rmdir(f->dir);
	free(f->access);
	free(f->refresh);
}

struct got {
	bool done;
	enum akt_result result;
	int status;
	char *error;
	bool has_json;
};

static void on_reply(const struct akt_reply *r, void *arg)
{
	struct got *g = arg;

	g->done = true;
	g->result = r->result;
	g->status = r->status;
	g->error = r->error ? xstrdup(r->error) : NULL;
	g->has_json = r->json != NULL;
}

static void call(struct fixture *f, const char *path, struct got *g)
{
	struct akt_call c = { .method = "GET", .path = path };

	memset(g, 0, sizeof(*g));
	akt_session_call(f->s, &c, on_reply, g);
}

static void wait_for(struct fixture *f, struct got *g)
{
	assert_true(akt_loop_run_until(f->loop, &g->done));
}

/* The platform ends anna's access tokens now. */
static void expire_access_tokens(void)
{
	struct http_resp *r = sb_post_json(S, "/v1/sandbox/tokens/expire",
					   "{\"username\":\"anna\"}");

	expect_status(r, 200);
}

/* Counts the token requests from now on (a 1 ms delay is all it does). */
static int64_t count_token_requests(void)
{
	return fault_add(S, "{\"method\":\"POST\",\"path\":\"/v1/oauth/token\","
			 "\"latency_ms\":1}");
}

/* Does the platform still take this refresh token? Spends it if so. */
static long refresh_status(const char *refresh)
{
	struct http_resp *r = form_post(S, "/v1/oauth/token",
					sb_fmt(S, "grant_type=refresh_token&"
					       "refresh_token=%s&client_id=akt",
					       url_enc(S, refresh)));

	return r->status;
}

static void test_refresh_on_401(void **state)
{
	struct fixture f;
	struct got g;
	struct akt_tokens stored;
	char *err = NULL;
	int64_t tokens;

	setup(&f, true);
	expire_access_tokens();
	expect_status(api_get(S, "/v1/me", f.access), 401);
	tokens = count_token_requests();
	call(&f, "/v1/me", &g);
	wait_for(&f, &g);
	assert_int_equal(g.result, AKT_OK);
	assert_int_equal(g.status, 200);
	assert_true(g.has_json);
	assert_int_equal(fault_fired(S, tokens), 1);
	/* the rotated tokens were saved, privately, and are the live ones */
	assert_int_equal(akt_tokens_load(f.store, &stored, &err), 1);
	assert_string_not_equal(stored.access_token, f.access);
	assert_string_not_equal(stored.refresh_token, f.refresh);
	assert_true(stored.expires_at > 0);
	expect_status(api_get(S, "/v1/me", stored.access_token), 200);
	/* the refresh token it had is spent: the refresh really happened */
	assert_int_equal(refresh_status(f.refresh), 400);
	akt_tokens_clear(&stored);
	free(g.error);
	teardown(&f);
}

/* A 401 after a successful refresh is the answer: no second refresh. */
static void test_refresh_only_once(void **state)
{
	struct fixture f;
	struct got g;
	int64_t me, tokens;

	setup(&f, true);
	me = fault_add(S, "{\"path\":\"/v1/me\",\"status\":401}");
	tokens = count_token_requests();
	call(&f, "/v1/me", &g);
	wait_for(&f, &g);
	assert_int_equal(g.result, AKT_E_AUTH);
	assert_int_equal(g.status, 401);
	assert_int_equal(fault_fired(S, me), 2);
	assert_int_equal(fault_fired(S, tokens), 1);
	assert_true(akt_session_logged_in(f.s));
	free(g.error);
	teardown(&f);
}

/* Two calls meet a 401 while one refresh is under way (it is slowed
 * down so they do): one refresh, both calls answered. */
static void test_concurrent_401_share_one_refresh(void **state)
{
	struct fixture f;
	struct got a, b;
	int64_t tokens;

	setup(&f, true);
	expire_access_tokens();
	tokens = fault_add(S, "{\"method\":\"POST\",\"path\":\"/v1/oauth/token\","
			   "\"latency_ms\":300}");
	call(&f, "/v1/me", &a);
	call(&f, "/v1/queues", &b);
	wait_for(&f, &a);
	wait_for(&f, &b);
	assert_int_equal(a.result, AKT_OK);
	assert_int_equal(b.result, AKT_OK);
	assert_true(a.has_json && b.has_json);
	assert_int_equal(fault_fired(S, tokens), 1);
	free(a.error);
	free(b.error);
	teardown(&f);
}

/* A refresh token the platform no longer takes (used elsewhere): the
 * login is over, here and in the store. */
static void test_spent_refresh_token(void **state)
{
	struct fixture f;
	struct got g;
	struct stat st;

	setup(&f, true);
	assert_int_equal(refresh_status(f.refresh), 200);
	expire_access_tokens();
	call(&f, "/v1/me", &g);
	wait_for(&f, &g);
	assert_int_equal(g.result, AKT_E_AUTH);
	assert_string_equal(g.error, "session expired");
	assert_false(akt_session_logged_in(f.s));
	assert_int_equal(stat(f.store, &st), -1);
	free(g.error);
	teardown(&f);
}

/* Not logged in: answered at once, nothing sent. */
static void test_not_logged_in(void **state)
{
	struct fixture f;
	struct got g;
	int64_t any = fault_add(S, "{\"path\":\"/v1/*\",\"latency_ms\":1}");

	setup(&f, false);
	call(&f, "/v1/me", &g);
	assert_true(g.done);
	assert_int_equal(g.result, AKT_E_AUTH);
	assert_non_null(strstr(g.error, "not logged in to http://127.0.0.1:"));
	assert_int_equal(fault_fired(S, any), 0);
	free(g.error);
	teardown(&f);
}

/* A refusal is classified and described with the platform's words, made
 * safe for a terminal: a stale If-Match is a conflict; an escape sequence
 * the platform quotes back is shown, not obeyed. */
static void test_problem_described_and_sanitized(void **state)
{
	struct fixture f;
	struct got g;
	char etag[128];
	int64_t id;
	struct akt_call c = { .method = "POST", .body = "{\"body\":\"x\"}",
			      .body_len = 12, .if_match = "\"stale\"" };

	setup(&f, true);
	id = fresh_case(S, f.access, etag);
	c.path = sb_fmt(S, "/v1/cases/%lld/notes", (long long)id);
	memset(&g, 0, sizeof(g));
	akt_session_call(f.s, &c, on_reply, &g);
	wait_for(&f, &g);
	assert_int_equal(g.result, AKT_E_CONFLICT);
	assert_int_equal(g.status, 412);
	assert_true(rx_match(g.error, "^changed by someone else meanwhile: "
			     ".+ \\(HTTP 412\\)$"));
	free(g.error);

	call(&f, "/v1/%1B%5B7merik", &g);
	wait_for(&f, &g);
	assert_int_equal(g.result, AKT_E_NOT_FOUND);
	assert_non_null(strstr(g.error, "/v1/␛[7merik"));
	assert_null(strchr(g.error, '\033'));
	assert_true(rx_match(g.error, "^not found: .*\\(HTTP 404\\)$"));
	free(g.error);
	teardown(&f);
}

static void test_classification(void **state)
{
	assert_int_equal(akt_result_of_status(200), AKT_OK);
	assert_int_equal(akt_result_of_status(201), AKT_OK);
	assert_int_equal(akt_result_of_status(304), AKT_OK);
	assert_int_equal(akt_result_of_status(400), AKT_E_INVALID);
	assert_int_equal(akt_result_of_status(401), AKT_E_AUTH);
	assert_int_equal(akt_result_of_status(403), AKT_E_REFUSED);
	assert_int_equal(akt_result_of_status(404), AKT_E_NOT_FOUND);
	assert_int_equal(akt_result_of_status(410), AKT_E_NOT_FOUND);
	assert_int_equal(akt_result_of_status(409), AKT_E_CONFLICT);
	assert_int_equal(akt_result_of_status(412), AKT_E_CONFLICT);
	assert_int_equal(akt_result_of_status(428), AKT_E_CONFLICT);
	assert_int_equal(akt_result_of_status(429), AKT_E_UNREACHABLE);
	assert_int_equal(akt_result_of_status(503), AKT_E_UNREACHABLE);
	assert_int_equal(akt_result_of_status(302), AKT_E_PROTOCOL);
}

static void test_malformed_json(void **state)
{
	struct fixture f;
	struct got g;

	setup(&f, true);
	fault_add(S, "{\"path\":\"/v1/queues\",\"malformed\":true,\"times\":1}");
	call(&f, "/v1/queues", &g);
	wait_for(&f, &g);
	assert_int_equal(g.result, AKT_E_PROTOCOL);
	assert_non_null(strstr(g.error, "not valid JSON"));
	free(g.error);
	teardown(&f);
}

/* Login reads the platform's description and uses the password grant;
 * the login is stored privately and works. Logout revokes the refresh
 * token (and with it the access token) and forgets the login. */
static void test_login_and_logout(void **state)
{
	struct fixture f;
	struct got g = { .done = false };
	struct akt_tokens stored;
	struct stat st;
	char *err = NULL;

	setup(&f, false);
	akt_auth_login(f.s, "anna", "demo", on_reply, &g);
	wait_for(&f, &g);
	assert_int_equal(g.result, AKT_OK);
	assert_true(akt_session_logged_in(f.s));
	assert_int_equal(akt_tokens_load(f.store, &stored, &err), 1);
	assert_string_equal(stored.server, sb_base(S));
	assert_string_equal(stored.username, "anna");
	assert_string_equal(stored.token_endpoint, "/v1/oauth/token");
	assert_string_equal(stored.revocation_endpoint, "/v1/oauth/revoke");
	assert_string_equal(stored.client_id, "akt");
	assert_true(stored.expires_at > 0);
	assert_int_equal(stat(f.store, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	expect_status(api_get(S, "/v1/me", stored.access_token), 200);

	memset(&g, 0, sizeof(g));
	call(&f, "/v1/me", &g);
	wait_for(&f, &g);
	assert_int_equal(g.result, AKT_OK);

	memset(&g, 0, sizeof(g));
	akt_auth_logout(f.s, on_reply, &g);
	wait_for(&f, &g);
	assert_int_equal(g.result, AKT_OK);
	assert_false(akt_session_logged_in(f.s));
	assert_int_equal(stat(f.store, &st), -1);
	expect_status(api_get(S, "/v1/me", stored.access_token), 401);
	assert_int_equal(refresh_status(stored.refresh_token), 400);
	akt_tokens_clear(&stored);
	teardown(&f);
}

static void test_login_wrong_password(void **state)
{
	struct fixture f;
	struct got g = { .done = false };
	struct stat st;

	setup(&f, false);
	akt_auth_login(f.s, "anna", "nope", on_reply, &g);
	wait_for(&f, &g);
	assert_int_equal(g.result, AKT_E_AUTH);
	assert_string_equal(g.error, "login failed: wrong user name or password");
	assert_false(akt_session_logged_in(f.s));
	assert_int_equal(stat(f.store, &st), -1);
	free(g.error);
	teardown(&f);
}

/* Freeing the session while the platform works on a call: no callback,
 * nothing leaks (AddressSanitizer builds check the latter). */
static void test_free_with_call_in_flight(void **state)
{
	struct fixture f;
	struct got g;
	int64_t slow = fault_add(S, "{\"path\":\"/v1/me\",\"latency_ms\":500,"
				 "\"times\":1}");

	setup(&f, true);
	call(&f, "/v1/me", &g);
	loop_until_fired(S, f.loop, slow);
	teardown(&f);       /* frees the session first */
	assert_false(g.done);
}

#define T(name) cmocka_unit_test_teardown(name, faults_clear)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_refresh_on_401),
		T(test_refresh_only_once),
		T(test_concurrent_401_share_one_refresh),
		T(test_spent_refresh_token),
		T(test_not_logged_in),
		T(test_problem_described_and_sanitized),
		T(test_classification),
		T(test_malformed_json),
		T(test_login_and_logout),
		T(test_login_wrong_password),
		T(test_free_with_call_in_flight),
	};

	return cmocka_run_group_tests_name("engine session", tests, group_setup,
					   group_stop);
}

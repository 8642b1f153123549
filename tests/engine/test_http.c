/*
 * test_http.c — the HTTP client (src/http.c) against a real akt-sandbox:
 * headers of interest, compression, retries and their limits (Retry-After,
 * giving up, a POST sent again only with an Idempotency-Key), the ETag
 * cache, the body cap, and failures without an answer (dropped, refused,
 * timed out), and cancelling. Faults are the sandbox's own
 * (POST /v1/sandbox/faults); what reached the platform is checked on the
 * platform: how often a fault fired, which notes exist.
 */
#include "engine.h"

#include "akt/http.h"
#include "akt/xalloc.h"

#include <arpa/inet.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

static struct sb *S;

static int group_setup(void **state)
{
	int rc = group_start(state, "");

	S = *state;
	return rc;
}

/* What the callback saw, copied out. */
struct result {
	bool done;
	int status;
	enum akt_http_fail fail;
	char *error;
	char *etag, *link, *location, *ctype;
	long retry_after;
	char *body;
	size_t body_len;
	bool from_cache;
	int attempts;
};

static void on_answer(const struct akt_http_resp *r, void *arg)
{
	struct result *res = arg;

	res->done = true;
	res->status = r->status;
	res->fail = r->fail;
	res->error = xstrdup_opt(r->error);
	res->etag = xstrdup_opt(r->etag);
	res->link = xstrdup_opt(r->link);
	res->location = xstrdup_opt(r->location);
	res->ctype = xstrdup_opt(r->content_type);
	res->retry_after = r->retry_after;
	res->body = xstrndup(r->body, r->body_len);
	res->body_len = r->body_len;
	res->from_cache = r->from_cache;
	res->attempts = r->attempts;
}

static void result_clear(struct result *r)
{
	free(r->error);
	free(r->etag);
	free(r->link);
	free(r->location);
	free(r->ctype);
	free(r->body);
	memset(r, 0, sizeof(*r));
}

struct fixture {
	struct akt_loop *loop;
	struct akt_config cfg;
	struct akt_http *http;
};

static const struct akt_retry_policy fast = { 3, 10, 40, 5000 };

/* An engine for base; max_body 0 keeps the default. */
static void setup_for(struct fixture *f, const char *base, long max_body)
{
	f->loop = akt_loop_new();
	akt_config_init(&f->cfg);
	if (max_body)
		f->cfg.max_body = max_body;
	f->http = akt_http_new(f->loop, base, &f->cfg);
	akt_http_set_retry(f->http, &fast);
}

static void setup(struct fixture *f)
{
	setup_for(f, sb_base(S), 0);
}

static void teardown(struct fixture *f)
{
	akt_http_free(&f->http);
	akt_config_clear(&f->cfg);
	akt_loop_free(&f->loop);
}

static void run(struct fixture *f, const struct akt_http_req *req,
		struct result *res)
{
	memset(res, 0, sizeof(*res));
	akt_http_request(f->http, req, on_answer, res);
	assert_true(akt_loop_run_until(f->loop, &res->done));
}

static char *bearer(const char *token)
{
	return xasprintf("Bearer %s", token);
}

/*
 * Bytes this process has received on its open TCP connections to port:
 * the engine keeps its connection open after an answer, so this is what
 * came over the wire for it (Linux TCP_INFO).
 */
static uint64_t wire_bytes_from(int port)
{
	uint64_t sum = 0;

	for (int fd = 3; fd < 1024; fd++) {
		struct stat st;
		struct sockaddr_in peer;
		socklen_t plen = sizeof(peer);
		struct tcp_info ti;
		socklen_t tlen = sizeof(ti);

		if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode) ||
		    getpeername(fd, (struct sockaddr *)&peer, &plen) != 0 ||
		    peer.sin_family != AF_INET || ntohs(peer.sin_port) != port)
			continue;
		memset(&ti, 0, sizeof(ti));
		if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &tlen) == 0)
			sum += ti.tcpi_bytes_received;
	}
	return sum;
}

static int sandbox_port(void)
{
	const char *colon = strrchr(sb_base(S), ':');

	return colon ? atoi(colon + 1) : 0;
}

/* A GET with Authorization: the status, the body, the headers of
 * interest (ETag, Link, Content-Type; no Location), one attempt — and
 * the answer came compressed, as the engine asks for (Accept-Encoding),
 * and was decoded. */
static void test_get_with_headers(void **state)
{
	const char *tok = login(S, "anna");
	char *auth = bearer(tok);
	struct fixture f;
	struct result r;
	struct akt_http_req req = { .method = "GET", .path = "/v1/cases?limit=20",
				    .authorization = auth };
	struct http_resp *plain = api_get(S, "/v1/cases?limit=20", tok);
	json_t *j;
	uint64_t wire;

	expect_status(plain, 200);
	setup(&f);
	run(&f, &req, &r);
	assert_int_equal(r.fail, AKT_HTTP_OK);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.attempts, 1);
	assert_false(r.from_cache);
	j = json_loadb(r.body, r.body_len, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 20);
	json_decref(j);
	/* the same answer as the harness's uncompressed one, same ETag */
	assert_int_equal(r.body_len, plain->len);
	assert_memory_equal(r.body, plain->body, plain->len);
	assert_non_null(r.etag);
	assert_string_equal(r.etag, plain->etag);
	assert_non_null(r.link);
	assert_non_null(strstr(r.link, "rel=\"next\""));
	assert_non_null(strstr(r.link, "cursor="));
	assert_non_null(r.ctype);
	assert_int_equal(strncmp(r.ctype, "application/json", 16), 0);
	assert_null(r.location);
	wire = wire_bytes_from(sandbox_port());
	assert_true(wire > 0);
	assert_true(wire < r.body_len / 2);
	result_clear(&r);

	/* without Authorization the platform refuses: the header was what
	 * let the first request in */
	req.authorization = NULL;
	run(&f, &req, &r);
	assert_int_equal(r.status, 401);
	assert_int_equal(r.attempts, 1);
	result_clear(&r);
	free(auth);
	teardown(&f);
}

/* 503 with Retry-After: waited for as a minimum, then tried again. */
static void test_retry_after_503(void **state)
{
	const char *tok = login(S, "anna");
	char *auth = bearer(tok);
	int64_t fault = fault_add(S, "{\"path\":\"/v1/me\",\"status\":503,"
				  "\"retry_after\":1,\"times\":1}");
	struct fixture f;
	struct result r;
	struct akt_http_req req = { .method = "GET", .path = "/v1/me",
				    .authorization = auth };
	int64_t t0;

	setup(&f);
	t0 = akt_loop_now();
	run(&f, &req, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.attempts, 2);
	assert_true(akt_loop_now() - t0 >= 1000);
	assert_non_null(strstr(r.body, "\"username\":\"anna\""));
	assert_int_equal(fault_fired(S, fault), 1);
	result_clear(&r);
	free(auth);
	teardown(&f);
}

/* A platform failing every time: the engine stops after max_attempts and
 * hands on the last answer. */
static void test_retries_give_up(void **state)
{
	const char *tok = login(S, "anna");
	char *auth = bearer(tok);
	int64_t fault = fault_add(S, "{\"path\":\"/v1/me\",\"status\":502}");
	struct fixture f;
	struct result r;
	struct akt_http_req req = { .method = "GET", .path = "/v1/me",
				    .authorization = auth };

	setup(&f);
	run(&f, &req, &r);
	assert_int_equal(r.fail, AKT_HTTP_OK);
	assert_int_equal(r.status, 502);
	assert_int_equal(r.attempts, 3);
	assert_int_equal(fault_fired(S, fault), 3);
	result_clear(&r);
	free(auth);
	teardown(&f);
}

/*
 * A note POST that the platform wrote but answered 503 (phase "after"):
 * without an Idempotency-Key it is not sent again — the note exists once
 * and the caller sees the 503 with its Retry-After; with a key it is
 * sent again, the platform replays the first answer (201, Location),
 * and that note too exists exactly once.
 */
static void test_post_retried_only_with_key(void **state)
{
	const char *tok = login(S, "anna");
	char *auth = bearer(tok);
	char etag[128];
	int64_t id = fresh_case(S, tok, etag);
	const char *path = sb_fmt(S, "/v1/cases/%lld/notes", (long long)id);
	const char *once = "{\"body\":\"Skriven en gång\"}";
	const char *keyed = "{\"body\":\"Skriven med nyckel\"}";
	struct fixture f;
	struct result r;
	struct akt_http_req req = { .method = "POST", .path = path,
				    .body = once, .body_len = strlen(once),
				    .authorization = auth, .if_match = etag };
	int64_t fault;

	setup(&f);
	fault = fault_add(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/notes\","
			  "\"status\":503,\"retry_after\":1,\"phase\":\"after\","
			  "\"times\":1}");
	run(&f, &req, &r);
	assert_int_equal(r.status, 503);
	assert_int_equal(r.attempts, 1);
	assert_int_equal(r.retry_after, 1);
	assert_int_equal(fault_fired(S, fault), 1);
	assert_int_equal(notes_count(S, tok, id, "Skriven en gång"), 1);
	result_clear(&r);

	case_etag(S, tok, id, etag);
	fault = fault_add(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/notes\","
			  "\"status\":503,\"retry_after\":1,\"phase\":\"after\","
			  "\"times\":1}");
	req.body = keyed;
	req.body_len = strlen(keyed);
	req.idempotency_key = "engine-k-1";
	run(&f, &req, &r);
	assert_int_equal(r.status, 201);
	assert_int_equal(r.attempts, 2);
	assert_int_equal(fault_fired(S, fault), 1);
	assert_non_null(r.location);
	assert_true(rx_match(r.location, sb_fmt(S, "^/v1/cases/%lld/notes/[0-9]+$",
						(long long)id)));
	assert_non_null(strstr(r.body, "Skriven med nyckel"));
	assert_int_equal(notes_count(S, tok, id, "Skriven med nyckel"), 1);
	assert_int_equal(notes_count(S, tok, id, NULL), 2);
	result_clear(&r);
	free(auth);
	teardown(&f);
}

/*
 * The connection closes without an answer after the platform wrote the
 * note (drop, phase "after"). A POST without a key must not be sent
 * again — by the engine or by libcurl, which on its own resends a request
 * whose reused connection died before any answer — so the engine
 * reports the broken connection and the note exists once. The engine's
 * connection is warm from an earlier GET, as it is in real use.
 */
static void test_post_without_key_not_resent_after_drop(void **state)
{
	const char *tok = login(S, "anna");
	char *auth = bearer(tok);
	char etag[128];
	int64_t id = fresh_case(S, tok, etag);
	const char *path = sb_fmt(S, "/v1/cases/%lld/notes", (long long)id);
	const char *text = "{\"body\":\"Bara en gång\"}";
	const char *keyed = "{\"body\":\"Med nyckel\"}";
	struct fixture f;
	struct result r;
	struct akt_http_req get = { .method = "GET",
				    .path = sb_fmt(S, "/v1/cases/%lld", (long long)id),
				    .authorization = auth };
	struct akt_http_req post = { .method = "POST", .path = path,
				     .body = text, .body_len = strlen(text),
				     .authorization = auth };
	int64_t drop, later;

	setup(&f);
	run(&f, &get, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.etag, etag);
	result_clear(&r);

	drop = fault_add(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/notes\","
			 "\"drop\":true,\"phase\":\"after\",\"times\":1}");
	/* catches (and so counts) any later POST, which it only delays */
	later = fault_add(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/notes\","
			  "\"latency_ms\":1}");
	post.if_match = etag;
	run(&f, &post, &r);
	assert_int_equal(r.fail, AKT_HTTP_LOST);
	assert_int_equal(r.status, 0);
	assert_int_equal(r.attempts, 1);
	assert_non_null(strstr(r.error, "the connection to "));
	assert_non_null(strstr(r.error, " broke"));
	assert_int_equal(fault_fired(S, drop), 1);
	assert_int_equal(fault_fired(S, later), 0);
	assert_int_equal(notes_count(S, tok, id, "Bara en gång"), 1);
	result_clear(&r);

	/* With a key the same loss is repaired: sent once more (by libcurl
	 * when the connection was a reused one, else by the engine) and
	 * answered with the replayed 201; the note exists once. */
	sb_faults_clear(S);
	case_etag(S, tok, id, etag);
	drop = fault_add(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/notes\","
			 "\"drop\":true,\"phase\":\"after\",\"times\":1}");
	later = fault_add(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/notes\","
			  "\"latency_ms\":1}");
	post.body = keyed;
	post.body_len = strlen(keyed);
	post.idempotency_key = "engine-k-2";
	run(&f, &post, &r);
	assert_int_equal(r.status, 201);
	assert_true(r.attempts == 1 || r.attempts == 2);
	assert_int_equal(fault_fired(S, drop), 1);
	assert_int_equal(fault_fired(S, later), 1);
	assert_non_null(strstr(r.body, "Med nyckel"));
	assert_int_equal(notes_count(S, tok, id, "Med nyckel"), 1);
	assert_int_equal(notes_count(S, tok, id, NULL), 2);
	result_clear(&r);
	free(auth);
	teardown(&f);
}

/* A repeated GET sends the ETag it has; the platform's 304 is answered
 * from the cache as a 200. Once the resource changes, the new body. */
static void test_etag_cache(void **state)
{
	const char *tok = login(S, "anna");
	char *auth = bearer(tok);
	char etag[128];
	int64_t id = fresh_case(S, tok, etag);
	struct fixture f;
	struct result first, r;
	struct akt_http_req req = { .method = "GET", .authorization = auth,
				    .path = sb_fmt(S, "/v1/cases/%lld/notes",
						   (long long)id) };
	struct http_resp *w;

	setup(&f);
	run(&f, &req, &first);
	assert_int_equal(first.status, 200);
	assert_false(first.from_cache);
	assert_non_null(first.etag);
	run(&f, &req, &r);
	assert_int_equal(r.status, 200);
	assert_true(r.from_cache);
	assert_string_equal(r.body, first.body);
	assert_string_equal(r.etag, first.etag);
	result_clear(&r);

	w = api_post(S, req.path, tok, "{\"body\":\"Ny anteckning\"}", etag, NULL);
	expect_status(w, 201);
	run(&f, &req, &r);
	assert_int_equal(r.status, 200);
	assert_false(r.from_cache);
	assert_string_not_equal(r.etag, first.etag);
	assert_non_null(strstr(r.body, "Ny anteckning"));
	result_clear(&r);
	result_clear(&first);
	free(auth);
	teardown(&f);
}

/* A caller's own If-None-Match bypasses the cache: the 304 is handed on
 * as it is, and a tag that no longer matches brings the body. */
static void test_caller_if_none_match_passes_304(void **state)
{
	const char *tok = login(S, "anna");
	char *auth = bearer(tok);
	struct http_resp *me = api_get(S, "/v1/me", tok);
	struct fixture f;
	struct result r;
	struct akt_http_req req = { .method = "GET", .path = "/v1/me",
				    .authorization = auth };

	expect_status(me, 200);
	setup(&f);
	run(&f, &req, &r);          /* the cache now holds /v1/me */
	assert_int_equal(r.status, 200);
	result_clear(&r);

	req.if_none_match = me->etag;
	run(&f, &req, &r);
	assert_int_equal(r.status, 304);
	assert_false(r.from_cache);
	assert_int_equal(r.body_len, 0);
	result_clear(&r);

	req.if_none_match = "\"h-not-this-one\"";
	run(&f, &req, &r);
	assert_int_equal(r.status, 200);
	assert_false(r.from_cache);
	assert_non_null(strstr(r.body, "\"username\":\"anna\""));
	result_clear(&r);
	free(auth);
	teardown(&f);
}

/* An answer larger than max_body is refused, and not asked again. */
static void test_body_cap(void **state)
{
	const char *tok = login(S, "anna");
	char *auth = bearer(tok);
	struct fixture f;
	struct result r;
	struct akt_http_req req = { .method = "GET", .path = "/v1/cases?limit=60",
				    .authorization = auth };

	setup_for(&f, sb_base(S), 1024);
	run(&f, &req, &r);
	assert_int_equal(r.fail, AKT_HTTP_TOO_BIG);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.error, "larger than 1 KiB (max_body)"));
	assert_int_equal(r.attempts, 1);
	result_clear(&r);

	/* a small answer still passes */
	req.path = "/v1/units";
	run(&f, &req, &r);
	assert_int_equal(r.status, 200);
	assert_true(r.body_len > 0 && r.body_len <= 1024);
	result_clear(&r);
	free(auth);
	teardown(&f);
}

/* A GET whose connection closed without an answer is sent again. */
static void test_dropped_connection_retried(void **state)
{
	const char *tok = login(S, "anna");
	char *auth = bearer(tok);
	int64_t fault = fault_add(S, "{\"path\":\"/v1/me\",\"drop\":true,"
				  "\"times\":1}");
	struct fixture f;
	struct result r;
	struct akt_http_req req = { .method = "GET", .path = "/v1/me",
				    .authorization = auth };

	setup(&f);
	run(&f, &req, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.attempts, 2);
	assert_int_equal(fault_fired(S, fault), 1);
	result_clear(&r);
	free(auth);
	teardown(&f);
}

/* A platform that is gone (its port closed): refused, and since nothing
 * was sent, even a POST is tried again, up to max_attempts. */
static void test_connection_refused(void **state)
{
	struct sb *gone = sb_start("--cases 1");
	char base[64], want[128];
	struct fixture f;
	struct result r;
	struct akt_http_req req = { .method = "POST", .path = "/v1/oauth/token",
				    .body = "", .body_len = 0 };

	assert_non_null(gone);
	snprintf(base, sizeof(base), "%s", sb_base(gone));
	assert_int_equal(sb_stop(gone), 0);
	setup_for(&f, base, 0);
	run(&f, &req, &r);
	assert_int_equal(r.fail, AKT_HTTP_CONNECT);
	assert_int_equal(r.status, 0);
	assert_int_equal(r.attempts, 3);
	snprintf(want, sizeof(want), "cannot reach %s: connection refused", base);
	assert_string_equal(r.error, want);
	result_clear(&r);
	teardown(&f);
}

/* A platform slower than the request's timeout: given up in time. */
static void test_timeout(void **state)
{
	static const struct akt_retry_policy once = { 1, 10, 10, 1000 };
	const char *tok = login(S, "anna");
	char *auth = bearer(tok);
	int64_t fault = fault_add(S, "{\"path\":\"/v1/me\",\"latency_ms\":2000,"
				  "\"times\":1}");
	struct fixture f;
	struct result r;
	struct akt_http_req req = { .method = "GET", .path = "/v1/me",
				    .authorization = auth, .timeout_ms = 300 };
	int64_t t0;

	setup(&f);
	akt_http_set_retry(f.http, &once);
	t0 = akt_loop_now();
	run(&f, &req, &r);
	assert_true(akt_loop_now() - t0 < 1500);
	assert_int_equal(r.fail, AKT_HTTP_TIMEOUT);
	assert_int_equal(r.attempts, 1);
	assert_non_null(strstr(r.error, "did not answer within"));
	assert_int_equal(fault_fired(S, fault), 1);
	result_clear(&r);
	free(auth);
	teardown(&f);
}

/* A request cancelled while the platform works on it: no callback, even
 * after the answer would have come; the client goes on working. */
static void test_cancel(void **state)
{
	const char *tok = login(S, "anna");
	char *auth = bearer(tok);
	int64_t fault = fault_add(S, "{\"path\":\"/v1/me\",\"latency_ms\":500,"
				  "\"times\":1}");
	struct fixture f;
	struct result r = { .done = false }, after;
	struct akt_http_req req = { .method = "GET", .path = "/v1/me",
				    .authorization = auth };
	struct akt_http_xfer *x;

	setup(&f);
	x = akt_http_request(f.http, &req, on_answer, &r);
	loop_until_fired(S, f.loop, fault);
	akt_http_cancel(x);
	loop_run_for(f.loop, 800);
	assert_false(r.done);

	run(&f, &req, &after);
	assert_int_equal(after.status, 200);
	result_clear(&after);
	free(auth);
	teardown(&f);
}

#define T(name) cmocka_unit_test_teardown(name, faults_clear)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_get_with_headers),
		T(test_retry_after_503),
		T(test_retries_give_up),
		T(test_post_retried_only_with_key),
		T(test_post_without_key_not_resent_after_drop),
		T(test_etag_cache),
		T(test_caller_if_none_match_passes_304),
		T(test_body_cap),
		T(test_dropped_connection_retried),
		T(test_connection_refused),
		T(test_timeout),
		T(test_cancel),
	};

	return cmocka_run_group_tests_name("engine http", tests, group_setup,
					   group_stop);
}

/*
 * harness.h — what the API contract tests share: a sandbox process per
 * test group, blocking HTTP requests (libcurl easy interface), JSON
 * helpers and assertions that print the answer when they fail.
 *
 * Memory: responses and strings made by the harness belong to the
 * sandbox handle and are freed by sb_stop(), so a failing assertion
 * (which leaves the test by longjmp) does not leak. http_free() may still
 * be called early to keep long loops small.
 */
#ifndef AKT_TEST_HARNESS_H
#define AKT_TEST_HARNESS_H

#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#define HTTP_TIMEOUT_S 5

struct sb;  /* a running sandbox */

struct http_hdr {
	char *name;
	char *value;
};

struct http_resp {
	long status;          /* 0 when no HTTP answer arrived */
	int curl_code;        /* CURLcode, 0 = complete transfer */
	char *body;           /* NUL-terminated (extra byte), may hold NULs */
	size_t len;
	json_t *json;         /* body parsed as object/array, or NULL */
	double seconds;       /* wall time of the request */
	char etag[128];
	char location[256];
	char link[1024];
	char retry_after[32];
	char ctype[128];
	struct http_hdr *hdrs;  /* every header of the final answer */
	size_t nhdrs;
	char method[16];
	char path[512];
	/* private */
	struct sb *sb_;
	struct http_resp *next_, *prev_;
};

/* ---- the sandbox process ---- */
/*
 * Start $AKT_BUILD/akt-sandbox (default build/) on a free port with
 * --quiet --cases 60 (unless extra_args names --cases) plus extra_args
 * (split on spaces). Waits up to 10 s for the port. The port file lives
 * in a fresh directory under $TMPDIR. Call from the main thread: the
 * child gets SIGTERM when the starting thread dies.
 */
struct sb *sb_start(const char *extra_args);
/* Same, waiting up to start_s seconds (large seeds take a while). */
struct sb *sb_start_wait(const char *extra_args, double start_s);
/* SIGTERM, wait ≤ 5 s (then SIGKILL), free everything. Returns 0 when
 * the sandbox was still running and stopped cleanly, -1 otherwise. */
int sb_stop(struct sb *sb);
/* Stop the sandbox process (SIGTERM, wait) but keep the handle, its
 * port and directory: requests are refused until sb_restart. */
void sb_halt(struct sb *sb);
/* Start it again on the same port, with extra_args as for sb_start; to
 * keep its data, both runs name the same "--db FILE". False (and the
 * sandbox halted) when it did not start. */
bool sb_restart(struct sb *sb, const char *extra_args);
const char *sb_base(const struct sb *sb);  /* "http://127.0.0.1:PORT" */
int sb_port(const struct sb *sb);

/* cmocka group setup/teardown helpers: *state = the sandbox */
int group_start(void **state, const char *extra_args);
int group_stop(void **state);
/* group_start with the database in a fresh directory of its own (removed
 * at the stop): sb_restart(sb, sb_db_args(sb)) starts it again on the
 * same port with the same data. */
int group_start_db(void **state, const char *extra_args);
const char *sb_db_args(const struct sb *sb);

/* ---- requests ---- */
/*
 * One request. path is appended to the base URL. token (may be NULL)
 * becomes "Authorization: Bearer <token>". body (may be NULL) is sent
 * as is, with Content-Type: application/json unless extra_headers names
 * another. extra_headers: NULL-terminated array of "Name: value", or NULL.
 */
struct http_resp *http_req(struct sb *sb, const char *method,
			   const char *path, const char *token,
			   const char *body, const char *const extra_headers[]);
/* Same with a body length and a timeout in seconds. */
struct http_resp *http_req_ex(struct sb *sb, const char *method,
			      const char *path, const char *token,
			      const char *body, size_t body_len,
			      const char *const extra_headers[], long timeout_s);
const char *resp_header(const struct http_resp *r, const char *name);
void http_free(struct http_resp *r);

struct http_resp *api_get(struct sb *sb, const char *path, const char *token);
/* GET with If-None-Match */
struct http_resp *api_get_inm(struct sb *sb, const char *path,
			      const char *token, const char *inm);
/* if_match / idem_key may be NULL (header left out) */
struct http_resp *api_post(struct sb *sb, const char *path, const char *token,
			   const char *body, const char *if_match,
			   const char *idem_key);
struct http_resp *api_put(struct sb *sb, const char *path, const char *token,
			  const char *body, const char *if_match);
struct http_resp *api_delete(struct sb *sb, const char *path,
			     const char *token, const char *if_match);
/* application/x-www-form-urlencoded POST (OAuth) */
struct http_resp *form_post(struct sb *sb, const char *path, const char *form);
/* POST JSON to a sandbox-only route (no auth) */
struct http_resp *sb_post_json(struct sb *sb, const char *path,
			       const char *json);

/* Password grant; returns the access token (owned by sb). Fails the test
 * when the login does not work. */
const char *login(struct sb *sb, const char *username);
/* Same, returning the whole token response (access + refresh). */
struct http_resp *login_full(struct sb *sb, const char *username);

/* Add a fault (JSON object text), assert 201; clear all faults. */
void sb_fault(struct sb *sb, const char *json);
void sb_faults_clear(struct sb *sb);
/* How often the first fault fired; waiting (≤ 10 s) until it has. */
int64_t sb_fault_fired(struct sb *sb);
void sb_fault_wait_fired(struct sb *sb);

/* A request in a thread of its own (long polls, concurrency); no
 * assertions run there. bg_join waits and returns the answer. */
struct bg;
struct bg *bg_req(struct sb *sb, const char *method, const char *path,
		  const char *token, const char *body,
		  const char *const extra_headers[], long timeout_s);
struct http_resp *bg_join(struct bg *b);

/* ---- strings owned by the sandbox handle ---- */
const char *sb_fmt(struct sb *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
const char *sb_keep(struct sb *sb, char *malloced);
/* Release a JSON value, or remove a directory tree, when sb stops. */
void sb_keep_json(struct sb *sb, json_t *json);
void sb_remove_at_stop(struct sb *sb, const char *dir);
const char *url_enc(struct sb *sb, const char *s);

/* ---- JSON ---- */
/* Path "a.b[2].c" into a JSON value; NULL when absent. */
json_t *jget(json_t *root, const char *path);
const char *jstr(json_t *root, const char *path);      /* NULL if not string */
#define JINT_NONE INT64_MIN
int64_t jint(json_t *root, const char *path);          /* JINT_NONE if not int */
size_t jlen(json_t *root, const char *path);           /* array size, 0 */
/* Does the object have exactly these keys (NULL-terminated list)? */
bool jkeys_exactly(json_t *obj, const char *const keys[]);

/* ---- misc ---- */
bool rx_match(const char *s, const char *ere);
int64_t ts_parse(const char *rfc3339);   /* -1 if not "YYYY-MM-DDTHH:MM:SSZ" */
#define RE_TS "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"
uint64_t fnv1a64(const void *data, size_t len);
double now_s(void);                      /* monotonic seconds */
void sleep_s(double s);

/* ---- domain helpers (fail the test on unexpected answers) ---- */
/* GET the case; fills etag (may be NULL), returns the version. */
int64_t case_etag(struct sb *sb, const char *token, int64_t id, char etag[128]);
/* First case id matching a /v1/cases query ("e_service=felanmalan"), 0 if none. */
int64_t case_find(struct sb *sb, const char *token, const char *query);
/* POST /v1/sandbox/citizen/cases; returns the id, number copied if given. */
int64_t citizen_case(struct sb *sb, const char *e_service, const char *applicant,
		     char number[64]);
/* Change status with a fresh If-Match; returns the answer. */
struct http_resp *case_transition(struct sb *sb, const char *token, int64_t id,
				  const char *to);
/* Same, asserting 200. */
void case_move(struct sb *sb, const char *token, int64_t id, const char *to);
/* Queue id of an e-service as seen by token. */
int64_t queue_of(struct sb *sb, const char *token, const char *e_service);

/* ---- assertions ---- */
void expect_status_at(const struct http_resp *r, long want,
		      const char *file, int line);
void expect_problem_at(const struct http_resp *r, long want, const char *name,
		       const char *file, int line);
void expect_true_at(bool ok, const char *what, const struct http_resp *r,
		    const char *file, int line);
#define expect_status(r, want) expect_status_at((r), (want), __FILE__, __LINE__)
/* status, problem+json type urn:akt:problem:<name>, title/status/detail
 * (instance is checked once, in test_general) */
#define expect_problem(r, want, name) \
	expect_problem_at((r), (want), (name), __FILE__, __LINE__)
/* Like assert_true but shows the answer r (may be NULL) when it fails. */
#define expect_true(cond, r) expect_true_at((cond), #cond, (r), __FILE__, __LINE__)

#endif

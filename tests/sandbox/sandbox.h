/*
 * sandbox.h — internal interface of akt-sandbox, the reference platform.
 *
 * Threading: libmicrohttpd runs one thread per connection. Every handler
 * runs with the global lock (sb_lock) held, so the single SQLite connection
 * and all in-memory state are used by one thread at a time. Requests other
 * than GET/HEAD run inside one transaction that the dispatcher commits when
 * the answer is below 400 and rolls back otherwise. A handler that waits
 * (the change feed) does so on sb_feed_cond, which releases the lock.
 */
#ifndef AKT_SANDBOX_H
#define AKT_SANDBOX_H

#include <jansson.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SB_MAX_BODY   (1024 * 1024)  /* request bodies larger → 413 */
#define SB_MAX_SEG    12
#define SB_PAGE_DEF   50
#define SB_PAGE_MAX   200

/* ---- configuration (main.c) ---- */
struct sb_config {
	int token_ttl;        /* access token lifetime, seconds */
	int device_interval;  /* device flow poll interval, seconds */
	int rate_limit;       /* requests per second per officer, 0 = off */
	int max_inflight;     /* concurrent requests before 503 */
	int purge_interval;   /* seconds between retention runs */
	bool quiet;
	bool tls;
	char base_url[128];   /* scheme://host:port, for device URIs */
};
extern struct sb_config sb_cfg;

/* ---- global state ---- */
extern sqlite3 *sb_db;
extern pthread_mutex_t sb_lock;
extern pthread_cond_t sb_feed_cond;  /* broadcast on every new event */
extern bool sb_stopping;             /* set under sb_lock at shutdown */

/* ---- the signed-in officer ---- */
struct sb_officer {
	int64_t id;
	char username[64];
	char name[128];
	bool admin;        /* role admin */
	bool reveal;       /* scope pin:reveal */
};

/* ---- request and response ---- */
struct sb_req {
	const char *method;
	const char *path;                 /* without query */
	const char *seg[SB_MAX_SEG];      /* path segments, seg[0] == "v1" */
	int nseg;
	const char *body;                 /* NUL-terminated copy, may be "" */
	size_t body_len;
	json_t *json;                     /* parsed by sb_body(), owned */
	const struct sb_officer *me;      /* NULL on unauthenticated routes */
	const char *if_match;
	const char *if_none_match;
	const char *idem_key;
	const char *client;               /* peer address, for scoping */
	bool bad_token;                   /* a token was sent but refused */
	void *conn;                       /* struct MHD_Connection * */
};

struct sb_resp {
	int status;
	char *body;                       /* malloc'd, owned */
	size_t len;
	const char *ctype;                /* static string */
	char etag[80];                    /* with quotes; "" = let dispatcher hash */
	char location[256];
	char *link;                       /* malloc'd Link header or NULL */
	char disposition[512];            /* Content-Disposition or "" */
	int retry_after;                  /* seconds, 0 = none */
	bool no_store;                    /* Cache-Control: no-store */
	bool www_auth;                    /* WWW-Authenticate: Bearer … */
	char allow[64];                   /* Allow header for 405 */
	bool replayed;                    /* answered from the idempotency store */
	bool keep_writes;                 /* commit even though status >= 400 */
};

typedef void sb_handler(struct sb_req *rq, struct sb_resp *rs);

/* ---- responses (util.c) ---- */
/* Answer with JSON; takes the reference to body. */
void sb_json(struct sb_resp *rs, int status, json_t *body);
/* Answer with bytes copied from data. */
void sb_bytes(struct sb_resp *rs, int status, const char *ctype,
	      const void *data, size_t len);
/* problem+json; name is the short type ("not-found"); detail is printf. */
void sb_problem(struct sb_resp *rs, int status, const char *name,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Same with extension members merged in (takes the reference to ext). */
void sb_problem_ext(struct sb_resp *rs, int status, const char *name,
		    json_t *ext, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* The request path that problems name as "instance" (per thread). */
void sb_set_instance(const char *path);
/* 400 bad-request naming a field or parameter. */
void sb_bad(struct sb_resp *rs, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- request access (util.c) ---- */
const char *sb_query(const struct sb_req *rq, const char *name);
/* The body as a JSON object; on failure answers 400 and returns NULL. */
json_t *sb_body(struct sb_req *rq, struct sb_resp *rs);
/*
 * Typed fields of a body object. Each returns 0 when the field is present
 * and well-typed, 1 when absent and not required (out untouched), -1 after
 * answering 400 naming the field.
 */
int sb_field_str(struct sb_resp *rs, json_t *obj, const char *name,
		 bool required, const char **out);
int sb_field_int(struct sb_resp *rs, json_t *obj, const char *name,
		 bool required, int64_t *out);
int sb_field_bool(struct sb_resp *rs, json_t *obj, const char *name,
		  bool required, bool *out);
/* Parse a decimal id (path segment or parameter); false if not one. */
bool sb_parse_id(const char *s, int64_t *out);

/* ---- time (util.c) — the sandbox clock = real time + offset ---- */
int64_t sb_now(void);
int64_t sb_clock_offset(void);
void sb_clock_advance(int64_t seconds);
/* RFC 3339 UTC "2026-11-23T14:02:00Z"; t == 0 → JSON null */
json_t *sb_ts(int64_t t);
void sb_fmt_ts(int64_t t, char buf[32]);
/* Accepts "YYYY-MM-DD" (midnight UTC) or RFC 3339 with Z or ±hh:mm. */
bool sb_parse_ts(const char *s, int64_t *out);
void sb_fmt_date(int64_t t, char buf[16]);  /* "YYYY-MM-DD" */

/* ---- small utilities (util.c) ---- */
uint64_t sb_fnv1a(const void *data, size_t len);
/* Case-fold for search: ASCII and Latin-1/Swedish letters lowered. */
char *sb_fold(const char *utf8);  /* malloc'd */
char *sb_b64url(const void *data, size_t len);          /* malloc'd */
void *sb_unb64url(const char *s, size_t *len);          /* malloc'd or NULL */
void sb_random_token(char *buf, size_t nbytes_hex);     /* hex, NUL-terminated */
json_t *sb_names(const char *sv, const char *en);       /* {"sv":..,"en":..} */
/* A JSON string, or null for NULL (or text that is not UTF-8). */
json_t *sb_jstr(const char *s);
/* NULL, empty or only white space: no text. */
bool sb_blank(const char *s);

/* ---- database (db.c) ---- */
int sb_db_open(const char *path, bool *fresh);
void sb_db_close(void);
/*
 * A cached prepared statement for a static SQL string, reset and with
 * bindings cleared. Do not use the same SQL string twice at once.
 * Aborts on a preparation error (a bug in the sandbox, not bad input).
 */
sqlite3_stmt *sb_sql(const char *sql);
/* Run SQL with no results; false on error (logged). */
bool sb_exec(const char *sql);
/* Text column as a C string, never NULL. */
const char *sb_col_text(sqlite3_stmt *st, int col);
/* Nullable columns as JSON (null when SQL NULL). */
json_t *sb_col_json_text(sqlite3_stmt *st, int col);
json_t *sb_col_json_ts(sqlite3_stmt *st, int col);

/* ---- actors and events (events.c) ---- */
struct sb_actor {
	const char *kind;    /* "officer" "citizen" "system" */
	const char *name;
	int64_t officer_id;  /* 0 unless kind is officer */
};
struct sb_actor sb_actor_of(const struct sb_req *rq);   /* the officer */
extern const struct sb_actor sb_system;
/* Record an event (takes data's reference; NULL = {}). case_id 0 = none. */
int64_t sb_event(int64_t case_id, const char *type,
		 const struct sb_actor *actor, json_t *data);
/* Event as the JSON object of the feed and case history; st is a row of
 * SB_EVENT_COLS from events. */
#define SB_EVENT_COLS "seq, type, at, actor_kind, actor_name, actor_officer, " \
		      "case_id, case_number, queue_id, data"
json_t *sb_event_json(sqlite3_stmt *st);
/* Short officer ref {"id","username","name"} or null for id 0. */
json_t *sb_officer_ref(int64_t officer_id);

/* ---- cases (cases.c, case_*.c) ---- */
struct sb_case {
	int64_t id;
	char number[40];
	int64_t queue_id;
	int64_t unit_id;
	char e_service[40];
	char status[40];
	char category[20];
	int64_t version;
	int64_t closed_at, purge_at;
	bool hold;
};
/*
 * Look up a case by id or number for the signed-in officer. Answers
 * 404/410/403 and returns false when it cannot be used.
 */
bool sb_case_find(struct sb_req *rq, struct sb_resp *rs, const char *ref,
		  struct sb_case *c);
/* Load by id with no access check (citizen and system paths). */
bool sb_case_load(int64_t id, struct sb_case *c);
/* Resolve id-or-number to an id; answers 404/410 and returns 0 if none. */
int64_t sb_case_resolve(struct sb_resp *rs, const char *ref);
bool sb_officer_in_unit(int64_t officer_id, int64_t unit_id);
/* ETag of the case detail: "\"<id>.<version>\"". */
void sb_case_etag(const struct sb_case *c, char buf[80]);
/*
 * Check If-Match for a write to c: answers 428 or 412 (with the current
 * representation) and returns false when the write must not go on.
 */
bool sb_case_precondition(struct sb_req *rq, struct sb_resp *rs,
			  const struct sb_case *c);
/* After a write: version + 1, updated_at = now, changed_by = actor;
 * reloads c and sets rs->etag to the new case ETag. */
void sb_case_touch(struct sb_resp *rs, struct sb_case *c,
		   const struct sb_actor *actor);
json_t *sb_case_detail_json(int64_t id);
json_t *sb_case_summary_json(int64_t id);
json_t *sb_status_json(const char *status_id);
/* Create a case as filed by a citizen; returns its id (0 on error). */
int64_t sb_case_create(const char *e_service, const char *title,
		       const char *applicant, int64_t created_at);

/* The request's path and query with one parameter replaced (server.c);
 * malloc'd, for Link headers. */
char *sb_url_with_param(const struct sb_req *rq, const char *name,
			const char *value);

/* ---- pagination (page.c) ---- */
struct sb_bind {
	enum { SB_B_INT, SB_B_TEXT } type;
	int64_t i;
	const char *s;
};
struct sb_list {
	/* "FROM cases c" and "c.id", the id column for the key */
	const char *from;
	const char *id_col;
	/* extra filter SQL (without WHERE, may be NULL) and its bindings */
	const char *where;
	struct sb_bind binds[16];
	int nbinds;
	/* sort: SQL expression (must not be NULL for any row), name as the
	 * client gave it (for the cursor), direction, and whether the key is
	 * an integer or text */
	const char *sort_expr;
	const char *sort_name;
	bool desc;
	bool sort_int;
	/* columns selected for each row (after the key and id), and the row
	 * builder that turns a row into an item; its columns start at 2 */
	const char *columns;
	json_t *(*row)(sqlite3_stmt *st, void *ctx);
	void *ctx;
};
void sb_list_bind_int(struct sb_list *l, int64_t v);
void sb_list_bind_text(struct sb_list *l, const char *s);
/*
 * Answer a paginated list: parses limit and cursor from the request,
 * counts, fetches one page in the requested direction, builds
 * {"items","next","prev","total"} and the Link header. Answers 400 for a
 * bad limit or cursor.
 */
void sb_list_answer(struct sb_req *rq, struct sb_resp *rs, struct sb_list *l);
/* Split "-updated" into name "updated" and desc = true. */
const char *sb_sort_parse(const char *s, bool *desc);

/* ---- auth (auth.c) ---- */
/* Resolve the bearer token; fills me and returns true when valid. */
bool sb_auth(const char *authorization, struct sb_officer *me);
bool sb_officer_load(int64_t id, struct sb_officer *me);

/* ---- faults (faults.c) ---- */
struct sb_fault {
	int status, retry_after, latency_ms, stall_ms;
	bool drop, reset, truncate, malformed, wrong_shape, after;
};
/* Find the fault for a request (consumes one firing); false if none. */
bool sb_fault_match(const char *method, const char *path, struct sb_fault *f);

/* ---- retention (retention.c) ---- */
int sb_retention_run(void);    /* purges what is due; returns how many */

/* ---- seed (seed.c) ---- */
/* 0 ok; times count back from now, the sandbox clock at seeding */
int sb_seed(unsigned seed, int ncases, int64_t now);

/* ---- handlers ---- */
/* platform + OAuth (auth.c) */
sb_handler h_platform, h_oauth_token, h_oauth_device, h_oauth_revoke,
	h_device_page, h_sb_device_approve, h_sb_tokens_expire;
/* directory.c */
sb_handler h_me, h_officers, h_units, h_e_services, h_statuses;
/* queues.c */
sb_handler h_queues, h_queue, h_queue_cases, h_cases_search;
/* cases.c, case_transitions.c, case_assign.c, case_hold.c, case_reveal.c */
sb_handler h_case, h_case_events, h_case_transitions, h_case_transition,
	h_case_assign, h_case_unassign, h_case_hold, h_party_reveal;
/* documents.c */
sb_handler h_documents, h_document, h_document_content;
/* journal.c */
sb_handler h_notes, h_note, h_note_create, h_note_publish, h_note_receipts;
/* messages.c */
sb_handler h_threads, h_thread, h_thread_create, h_message_reply,
	h_thread_read, h_message_file;
/* retention.c */
sb_handler h_policies, h_policy, h_policy_put, h_upcoming, h_purge_log;
/* feed.c */
sb_handler h_feed;
/* citizen.c (sandbox-only) */
sb_handler h_sb_clock_get, h_sb_clock_post, h_sb_retention_run,
	h_sb_citizen_case, h_sb_citizen_message, h_sb_citizen_read;
/* faults.c (sandbox-only) */
sb_handler h_sb_faults_list, h_sb_faults_add, h_sb_faults_clear;

/* added by journal.c, messages.c (also used by citizen.c) */
/* A note or message as JSON (as in the note and thread answers); NULL when
 * there is no such row. Used by filing and the citizen endpoints. */
json_t *sb_note_json(int64_t note_id);
json_t *sb_message_json(int64_t message_id);
/* Whether the note belongs to the case; *published (may be NULL) tells
 * whether the citizen can see it. */
bool sb_note_in_case(int64_t note_id, int64_t case_id, bool *published);
bool sb_thread_in_case(int64_t thread_id, int64_t case_id);
/* Start a thread in a case; returns its id (0 on error). */
int64_t sb_thread_add(int64_t case_id, const char *subject, int64_t now);
/*
 * Store a message by author (an officer or the citizen) in a thread: moves
 * the thread's last_message_at, keeps the case's unread count and records
 * message.created. Returns its id (0 on error).
 */
int64_t sb_message_add(int64_t case_id, int64_t thread_id,
		       const struct sb_actor *author, const char *text,
		       int64_t now);

/* added to share code between handlers (util.c, directory.c, cases.c) */
/* The body as a JSON object where an empty body (or only white space)
 * means {}; on failure answers 400 and returns NULL. */
json_t *sb_body_or_empty(struct sb_req *rq, struct sb_resp *rs);
/* sb_field_str for text that must say something: a blank string answers
 * 400 "<name> must not be empty" and returns -1. */
int sb_field_text(struct sb_resp *rs, json_t *obj, const char *name,
		  bool required, const char **out);
/*
 * The start of a write with a JSON body to the case at path segment 2: the
 * case for the signed-in officer (404/410/403), If-Match (428/412), then
 * the body as an object (400). Returns the body, or NULL after answering.
 */
json_t *sb_case_write_body(struct sb_req *rq, struct sb_resp *rs,
			   struct sb_case *c);
/* Whether an e-service with this id exists. */
bool sb_e_service_known(const char *id);
/* The officer with this user name, or 0. */
int64_t sb_officer_by_username(const char *username);
/* A unit as answers show it: {"id","name"}. */
json_t *sb_unit_json(int64_t id, const char *name);

#endif

/*
 * session.h — calls to the platform as the signed-in officer.
 *
 * A session knows the server, holds the tokens (loaded from and saved to
 * the token store) and sends calls with Authorization. The access token
 * is renewed once per call, with the refresh token: before sending, when
 * its expiry time has passed, and after a 401; calls that need a renewal
 * while one is under way wait for it instead of renewing again (a
 * refresh token works once). Without a usable refresh token a sign-in
 * hook, when set, signs in anew (token_store = none with
 * credential_command). Answers are parsed as JSON and failures
 * classified, with a sanitized one-line message and a hint for the user.
 * Every answer is written to the debug log, when there is one.
 */
#ifndef AKT_SESSION_H
#define AKT_SESSION_H

#include "akt/config.h"
#include "akt/http.h"
#include "akt/log.h"
#include "akt/loop.h"
#include "akt/problem.h"
#include "akt/token_store.h"

#include <jansson.h>

/* What became of a call; the CLI maps these to exit codes. */
enum akt_result {
	AKT_OK,
	AKT_E_UNREACHABLE,  /* no answer, or the platform failed (5xx, busy) */
	AKT_E_AUTH,         /* not logged in, session expired, wrong password */
	AKT_E_NOT_FOUND,    /* 404, 410 gone (purged) */
	AKT_E_REFUSED,      /* 403, or the platform cannot do what is asked */
	AKT_E_CONFLICT,     /* 409, 412, 422, 428: someone else changed it */
	AKT_E_INVALID,      /* 400, 405, 413: the request itself was wrong */
	AKT_E_PROTOCOL,     /* an answer akt does not understand */
	AKT_E_LOCKED,       /* not sent: the idle lock holds the session */
};

struct akt_call {
	const char *method;
	const char *path;             /* "/v1/queues" */
	const char *body;             /* NULL = none */
	size_t body_len;
	const char *content_type;     /* default application/json */
	const char *if_match;
	const char *idempotency_key;
	bool anonymous;               /* no Authorization (discovery, OAuth) */
	bool no_cache;                /* a one-off read (a page of a long walk,
					 a download): keep it out of the
					 ETag cache */
	long timeout_ms;              /* overall; 0 = request_timeout */
	bool long_poll;               /* the platform holds it until something
					 happens (the change feed): no stall
					 timeout */
};

struct akt_reply {
	enum akt_result result;
	int status;                   /* HTTP status; 0 without an answer */
	const json_t *json;           /* parsed body, or NULL */
	const char *body;             /* the body as received */
	size_t body_len;
	const char *etag, *location, *link;
	const struct akt_problem *problem;   /* error body, or NULL */
	const char *error;            /* sanitized, one line; NULL when OK */
	const char *hint;             /* what to do, or NULL */
};

/* Called once; the reply lives until it returns. */
typedef void akt_reply_cb(const struct akt_reply *r, void *arg);

struct akt_session *akt_session_new(struct akt_loop *loop,
				    const struct akt_config *cfg);
/* Calls not answered yet are dropped, without their callbacks. Not from
 * inside a callback. */
void akt_session_free(struct akt_session **s);

/*
 * Choose the server (the config's, else the one of the stored login) and
 * load the stored login when it is for that server. False with *err when
 * the store cannot be used.
 */
bool akt_session_restore(struct akt_session *s, char **err);

/* Switch to another server (login URL); a login for another is dropped
 * from memory, not from the store. Only while no call is under way. */
void akt_session_use_server(struct akt_session *s, const char *server);

/* Keep the login at path (NULL: in memory only). */
void akt_session_set_store(struct akt_session *s, const char *path);

const char *akt_session_server(const struct akt_session *s);
const struct akt_tokens *akt_session_tokens(const struct akt_session *s);
bool akt_session_logged_in(const struct akt_session *s);

/* Replace the login (a copy is taken) and save it; false with *err
 * when saving failed (the login is still used for this run). */
bool akt_session_set_tokens(struct akt_session *s,
			    const struct akt_tokens *t, char **err);
/* Drop the login from memory and the store. */
bool akt_session_forget(struct akt_session *s, char **err);

/* Send a call; cb is called once with the reply — possibly before this
 * returns, when the call cannot even be sent (not logged in). */
void akt_session_call(struct akt_session *s, const struct akt_call *c,
		      akt_reply_cb *cb, void *arg);

/*
 * The idle lock. While held, calls that need the login fail at once
 * (AKT_E_LOCKED, "akt is locked") instead of renewing it or signing in;
 * anonymous ones (a password check) still go.
 */
void akt_session_hold(struct akt_session *s, bool hold);
/* Forget the login (wiped; the token store keeps it) and close the
 * connections, with their buffers and the cache of answers. False,
 * doing nothing, while calls are under way: they hold the login. */
bool akt_session_wipe(struct akt_session *s);

/* A problem worth telling the user that did not fail a call (the
 * refreshed login could not be saved); malloc'd or NULL. */
char *akt_session_take_warning(struct akt_session *s);

/* Write every request to log (NULL: none); the log stays the caller's. */
void akt_session_set_log(struct akt_session *s, struct akt_log *log);
struct akt_log *akt_session_log(const struct akt_session *s);

struct akt_loop *akt_session_loop(const struct akt_session *s);
const struct akt_config *akt_session_config(const struct akt_session *s);

/*
 * Signing in without asking anyone, for when a call needs a login and
 * there is none or its refresh token no longer works. fn must call done
 * once, after setting the new login on the session when it succeeds;
 * the calls waiting are then sent again, or fail with its reply.
 */
typedef void akt_signin_fn(struct akt_session *s, akt_reply_cb *done,
			   void *done_arg, void *arg);
void akt_session_set_signin(struct akt_session *s, akt_signin_fn *fn,
			    void *arg);

/* What to tell a user whose login is gone: "run 'akt login'", or how to
 * let each command sign in when logins are not kept. */
const char *akt_session_login_hint(const struct akt_session *s);

/* The classification of an HTTP status (2xx and 304 are AKT_OK). */
enum akt_result akt_result_of_status(int status);

/*
 * The connection as a status bar shows it. A session starts ONLINE; it
 * is RETRYING when a request failed for now and is sent again in
 * retry_in_ms, OFFLINE when one failed for good without an answer (no
 * connection, name not found, timeout, connection lost, TLS), and ONLINE
 * again as soon as an answer comes, whatever its status. The observer is
 * told of changes only, and of each new retry time.
 */
enum akt_net_state { AKT_NET_ONLINE, AKT_NET_RETRYING, AKT_NET_OFFLINE };
typedef void akt_net_observer(enum akt_net_state st, long retry_in_ms,
			      void *arg);
void akt_session_set_net_observer(struct akt_session *s,
				  akt_net_observer *cb, void *arg);
enum akt_net_state akt_session_net_state(const struct akt_session *s);

/* Calls not answered yet, long polls included. */
unsigned akt_session_inflight(const struct akt_session *s);

/* Drop every call not answered yet whose callback argument is arg: its
 * transfer is abandoned (or it stops waiting for a renewed login) and
 * its callback is never called. Safe from inside any callback. */
void akt_session_cancel_arg(struct akt_session *s, const void *arg);

/* The same for tests and other clients: use this retry policy. */
void akt_session_set_retry(struct akt_session *s,
			   const struct akt_retry_policy *p);

#endif

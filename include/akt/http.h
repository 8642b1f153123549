/*
 * http.h — the platform's HTTP client, on libcurl's multi interface and
 * the event loop. Requests are queued and answered by callback; nothing
 * here blocks.
 *
 * What every request gets: one multi handle, so connections are reused
 * (and HTTP/2 multiplexes when the server offers it); compression; TLS
 * verification, always; connect, overall and stall timeouts from the
 * config; the answer capped at max_body; retries of transient failures
 * with backoff (see retry.h); and for GET an ETag cache, so a repeated
 * GET sends If-None-Match and a 304 is answered from the cache.
 *
 * Header values given here (Authorization above all) are never logged
 * or put in messages.
 */
#ifndef AKT_HTTP_H
#define AKT_HTTP_H

#include "akt/base.h"
#include "akt/config.h"
#include "akt/loop.h"
#include "akt/retry.h"

struct akt_http;
struct akt_http_xfer;

struct akt_http_req {
	const char *method;           /* "GET", "POST", "PUT", "DELETE" */
	const char *path;             /* "/v1/me", appended to the server URL */
	const char *body;             /* NULL = no body */
	size_t body_len;
	const char *content_type;     /* of body; default application/json */
	const char *authorization;    /* header value, "Bearer …" */
	const char *if_match;
	const char *if_none_match;    /* set by the caller: cache not used */
	const char *idempotency_key;  /* also makes a POST retryable */
	bool no_cache;                /* neither use nor fill the ETag cache */
	long timeout_ms;              /* 0 = request_timeout */
	bool long_poll;               /* the server may stay silent until it
					 answers: no stall timeout, and
					 timeout_ms is the overall one */
};

/* How a request failed to get an answer. */
enum akt_http_fail {
	AKT_HTTP_OK,        /* an answer came, whatever its status */
	AKT_HTTP_RESOLVE,   /* host name not found */
	AKT_HTTP_CONNECT,   /* no connection (refused, unreachable) */
	AKT_HTTP_TIMEOUT,   /* connect timeout, overall timeout or stall */
	AKT_HTTP_TLS,       /* certificate not trusted, handshake failed */
	AKT_HTTP_LOST,      /* connection broke during the exchange */
	AKT_HTTP_TOO_BIG,   /* answer larger than max_body */
	AKT_HTTP_OTHER,
};

struct akt_http_resp {
	int status;                 /* 0 when fail != AKT_HTTP_OK */
	enum akt_http_fail fail;
	const char *error;          /* one sanitized line when failed */
	const char *hint;           /* what the user can do, or NULL */
	const char *etag;           /* headers of interest, NULL if absent */
	const char *location;
	const char *link;
	const char *content_type;
	const char *cache_control;
	long retry_after;           /* seconds; -1 when absent */
	const char *body;           /* NUL-terminated, never NULL */
	size_t body_len;
	bool from_cache;            /* a 304, answered as 200 from the cache */
	int attempts;
};

/* Called once per request; resp and its strings live until it returns. */
typedef void akt_http_cb(const struct akt_http_resp *resp, void *arg);

/* A client for one server (base URL as checked by akt_server_check). */
struct akt_http *akt_http_new(struct akt_loop *loop, const char *base,
			      const struct akt_config *cfg);
/* Cancels whatever is in flight, without callbacks. Not from a callback. */
void akt_http_free(struct akt_http **http);

const char *akt_http_base(const struct akt_http *http);
void akt_http_set_retry(struct akt_http *http,
			const struct akt_retry_policy *policy);

/* Told each time a request failed for now and will be sent again in
 * wait_ms (the connection state of a status bar). */
typedef void akt_http_retry_cb(long wait_ms, void *arg);
void akt_http_set_retry_observer(struct akt_http *http,
				 akt_http_retry_cb *cb, void *arg);

struct akt_http_xfer *akt_http_request(struct akt_http *http,
				       const struct akt_http_req *req,
				       akt_http_cb *cb, void *arg);
/* Abandon a request; its callback will not be called. */
void akt_http_cancel(struct akt_http_xfer *x);

#endif

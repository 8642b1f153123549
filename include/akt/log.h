/*
 * log.h — the debug log (akt --log FILE): one line per request with the
 * time, method, URL, status, duration and retries, and a few notes (a
 * login renewed, a sign-in). Written for whoever has to find out why a
 * request failed, so it must be safe to send to them: the file is 0600,
 * every string in it passes the sanitizer, and it never holds a header
 * value (Authorization above all), a token, a password or a request
 * body; answer bodies only for failures, and never those of the OAuth
 * endpoints or of a revealed identity number.
 */
#ifndef AKT_LOG_H
#define AKT_LOG_H

#include "akt/base.h"

struct akt_log;

/* What one request came to. */
struct akt_log_req {
	const char *method;
	const char *url;            /* server and path */
	int status;                 /* 0: no answer */
	const char *error;          /* why there was no answer, or NULL */
	int64_t ms;                 /* from sending to the answer */
	int attempts;               /* 1 = no retries */
	bool from_cache;            /* a 304 answered from the ETag cache */
	const char *body;           /* a failure's answer, or NULL */
	size_t body_len;
	bool withheld;              /* a sensitive body: say so, write nothing */
	const char *oauth_error;    /* of a withheld OAuth error, or NULL */
};

/*
 * Open FILE for appending (created 0600; an existing file of ours is
 * made 0600). A file of another user, a link or not a regular file is
 * refused. NULL with *err.
 */
struct akt_log *akt_log_open(const char *path, char **err);
void akt_log_close(struct akt_log **log);

/* Both do nothing when log is NULL. */
void akt_log_request(struct akt_log *log, const struct akt_log_req *r);
void akt_log_note(struct akt_log *log, const char *fmt, ...) AKT_PRINTF(2, 3);

/* The line of a request without the time, for tests; malloc'd. */
char *akt_log_format(const struct akt_log_req *r);

#endif

/*
 * proxy.h — a loopback TCP proxy between akt and a test sandbox, for the
 * faults a sandbox cannot make itself: a refused connection, a connect
 * that times out, a connection reset.
 *
 * Every request gets a fresh connection to the sandbox with
 * "Connection: close", and its answer is read whole before it is passed
 * on, so the proxy knows where each exchange ends. A fault is armed on a
 * pattern for the request's target, path and query (fnmatch(3)), and
 * fires on the next request that matches. It can also add a sandbox
 * fault just before that request goes on, so that a fault meant for one
 * screen's read starts exactly there. It runs in threads of its own and asserts
 * nothing, so it may be driven from any thread.
 */
#ifndef AKT_TEST_PROXY_H
#define AKT_TEST_PROXY_H

#include <stdbool.h>

enum proxy_fault {
	PROXY_RESET,     /* reset the next `times` matching requests (RST) */
	PROXY_REFUSE,    /* reset the matching request, then refuse every
			    connection (no listener) until lift_file exists */
	PROXY_BLACKHOLE, /* reset it, then leave every connect unanswered
			    (a full backlog) until lift_file exists */
	PROXY_SANDBOX,   /* add fault_json with POST /v1/sandbox/faults,
			    then pass the request on */
	PROXY_EXPIRE,    /* expire every access token on the sandbox, then
			    pass the request on: it is sent with a token
			    that has just expired */
};

struct proxy;

/* Listen on a free loopback port in front of 127.0.0.1:upstream_port;
 * NULL when that fails. */
struct proxy *proxy_start(int upstream_port);
int proxy_port(const struct proxy *p);
/* Arm a fault (one at a time; a new one replaces the old). Strings are
 * copied; times counts for PROXY_RESET only, lift_file is for
 * PROXY_REFUSE and PROXY_BLACKHOLE, fault_json for PROXY_SANDBOX. */
void proxy_arm(struct proxy *p, enum proxy_fault f, const char *pattern,
	       int times, const char *lift_file, const char *fault_json);
/* How often the armed fault fired (requests reset). */
int proxy_fired(struct proxy *p);
/* Requests passed on to the sandbox whose path matched the pattern. */
int proxy_passed(struct proxy *p);
/* A request of the test's own straight to the sandbox: the HTTP status
 * (0 when it failed), the body in *answer (malloc'd) when answer is not
 * NULL. */
int proxy_sandbox_call(struct proxy *p, const char *method, const char *path,
		       const char *body, char **answer);
/* Stop listening, end every connection, free p. */
void proxy_stop(struct proxy *p);

#endif

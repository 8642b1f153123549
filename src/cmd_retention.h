/*
 * cmd_retention.h — private to the files of 'akt retention': what the
 * subcommands share (calls that wait, messages, every page of a list,
 * finding an e-service) and the subcommands themselves.
 */
#ifndef AKT_CMD_RETENTION_H
#define AKT_CMD_RETENTION_H

#include "akt/cmd.h"
#include "akt/retention.h"

/* Options of 'akt retention', in the order of its option table. */
enum { RET_OPT_JSON, RET_OPT_BEFORE, RET_OPT_SERVICE, RET_OPT_REASON };

struct ret {
	struct akt_cli *cli;
	const struct akt_args *a;
	char **words;                /* after the subcommand's name */
	const char *lang;            /* "sv" or "en" */
	bool json;
};

/* Called with the reply while it lives; returns an exit code. */
typedef int ret_reply_fn(const struct akt_reply *r, void *arg);

/* Send one call, wait for it and return what fn made of the reply. */
int ret_call(struct ret *rt, const char *method, const char *path,
	     const char *body, const char *if_match, ret_reply_fn *fn,
	     void *arg);

/* Wait for a call the engine sent (an akt_op_*) with ret_wait_cb and
 * a struct ret_wait { fn, arg } as its callback; fn's exit code. */
struct ret_wait {
	ret_reply_fn *fn;
	void *arg;
	bool done;
	int rc;
};
void ret_wait_cb(const struct akt_reply *r, void *arg);
int ret_wait(struct ret *rt, struct ret_wait *w);

/* "akt: WHAT: ERROR; HINT" for a failed reply; returns its exit code. */
int ret_fail(const struct akt_reply *r, const char *fmt, ...)
	AKT_PRINTF(2, 3);
/* An answer akt cannot read; returns AKT_EXIT_UNREACHABLE. */
int ret_not_understood(const char *err);

/* A line on standard output, sanitized whole (it quotes the platform). */
void ret_say(struct ret *rt, const char *fmt, ...) AKT_PRINTF(2, 3);

/* GET /v1/retention/policies into *l (and *json when not NULL, a new
 * reference). */
int ret_policies(struct ret *rt, struct akt_retention_policy_list *l,
		 json_t **json);
/* The policy named by what the officer typed; exit 2 with a message
 * when there is none. */
int ret_resolve(const struct akt_retention_policy_list *l, const char *name,
		const struct akt_retention_policy **out);
/* The e-service's name in the officer's language. */
const char *ret_name(const struct ret *rt, const struct akt_names *n);

/* Reads the next cursor of a page; false with *err when the page is not
 * understood. */
typedef bool ret_page_fn(const json_t *page, char **next, char **err);
/* Builds the path of a page; cursor NULL for the first. */
typedef char *ret_path_fn(void *arg, const char *cursor);

/*
 * Every page of a list, as one page holding all items:
 * {"items":[…],"next":null,"prev":null,"total":N}, a new reference in
 * *all. what names the list in messages ("the purge log").
 */
int ret_all_pages(struct ret *rt, const char *what, ret_path_fn *path,
		  void *arg, ret_page_fn *page, json_t **all);

/* A platform time in local time, "2026-12-01 14:02", and its date only,
 * "2026-12-01"; malloc'd. */
char *ret_when(const char *ts);
char *ret_date(const char *ts);

int ret_list(struct ret *rt);
int ret_show(struct ret *rt);
int ret_set(struct ret *rt);
int ret_upcoming(struct ret *rt);
int ret_log(struct ret *rt);
int ret_hold(struct ret *rt);
int ret_release(struct ret *rt);

#endif

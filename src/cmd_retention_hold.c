/*
 * cmd_retention_hold.c — akt retention hold CASE --reason TEXT |
 * release CASE: set and lift a legal hold, which keeps a closed case
 * from being purged while it lasts.
 */
#include "akt/case_cli.h"
#include "akt/conflict.h"
#include "akt/ops.h"
#include "akt/xalloc.h"
#include "cmd_retention.h"

struct hold {
	struct ret *rt;
	const char *ref;             /* as typed */
	bool active;                 /* what is asked for */
	const char *reason;
	struct akt_case before;      /* as read before the write */
	bool have_before;
	char *etag;
};

static int decode_case(const json_t *j, struct akt_case *c)
{
	char *err = NULL;
	int rc;

	if (akt_case_decode(j, c, &err))
		return AKT_EXIT_OK;
	rc = ret_not_understood(err);
	free(err);
	return rc;
}

static int on_case(const struct akt_reply *r, void *arg)
{
	struct hold *h = arg;
	int rc;

	if (r->result != AKT_OK)
		return akt_case_fail(r, h->ref);
	if ((rc = decode_case(r->json, &h->before)) != AKT_EXIT_OK)
		return rc;
	h->have_before = true;
	if (!r->etag)
		return ret_not_understood("the case came without an ETag");
	h->etag = xstrdup(r->etag);
	/* nothing to change: say so and show the case as it is */
	if (h->before.retention.hold == h->active &&
	    (!h->active || (h->before.retention.hold_reason &&
			    strcmp(h->before.retention.hold_reason,
				   h->reason) == 0))) {
		if (h->rt->json)
			akt_cli_print_json(h->rt->cli, r->json);
		else if (h->active)
			ret_say(h->rt, "%s: already under legal hold: %s",
				h->before.s.number, h->reason);
		else
			ret_say(h->rt, "%s: not under legal hold",
				h->before.s.number);
		xfree(&h->etag);
	}
	return AKT_EXIT_OK;
}

static void say_done(struct hold *h, const struct akt_case *c)
{
	const struct akt_retention *rn = &c->retention;
	char *when;

	if (rn->hold) {
		ret_say(h->rt, "%s: legal hold %s: %s; the case is not purged "
			"while the hold lasts", c->s.number,
			h->before.retention.hold ? "reason changed" : "set",
			rn->hold_reason ? rn->hold_reason : h->reason);
	} else if (rn->purge_at) {
		when = ret_when(rn->purge_at);
		ret_say(h->rt, "%s: legal hold lifted; purged when due (%s)",
			c->s.number, when);
		free(when);
	} else {
		ret_say(h->rt, "%s: legal hold lifted; the case is open and "
			"not due for purging", c->s.number);
	}
}

static int on_put(const struct akt_reply *r, void *arg)
{
	struct hold *h = arg;
	const char *number = h->before.s.number;
	struct akt_case c;
	int rc;

	if (r->result != AKT_OK) {
		char *what = h->active ?
			xasprintf("set a legal hold on %s", number) :
			xasprintf("lift the legal hold on %s", number);

		/* someone changed the case meanwhile, or akt's request
		 * lost its If-Match: the shared messages for case writes */
		if (r->status == 412 || r->status == 428 || r->status == 409)
			rc = akt_conflict_fail(r, number, what);
		else
			rc = ret_fail(r, "cannot %s", what);
		free(what);
		return rc;
	}
	if ((rc = decode_case(r->json, &c)) != AKT_EXIT_OK)
		return rc;
	if (h->rt->json)
		akt_cli_print_json(h->rt->cli, r->json);
	else
		say_done(h, &c);
	akt_case_clear(&c);
	return AKT_EXIT_OK;
}

static int run(struct ret *rt, bool active, const char *reason)
{
	struct hold h = { .rt = rt, .ref = rt->words[0], .active = active,
			  .reason = reason };
	struct ret_wait w = { on_put, &h, false, AKT_EXIT_OK };
	char *path;
	int rc;

	if (!*h.ref) {
		akt_cli_error("retention: CASE is empty; give a case number or "
			      "id");
		return AKT_EXIT_USAGE;
	}
	/* checked before the case is read: nothing is sent for a typo */
	if (active && !akt_op_text_ok(reason)) {
		akt_cli_error("retention: the reason is not valid UTF-8 text");
		return AKT_EXIT_USAGE;
	}
	path = akt_case_path(h.ref, NULL);
	rc = ret_call(rt, "GET", path, NULL, NULL, on_case, &h);
	free(path);
	if (rc != AKT_EXIT_OK || !h.etag)
		goto out;
	/* the id the platform gave, not what was typed: the write goes
	 * to the very case that was read */
	if (akt_op_legal_hold(rt->cli->session, h.before.s.id, h.etag, active,
			      reason, ret_wait_cb, &w) == AKT_OP_SENT) {
		rc = ret_wait(rt, &w);
	} else {
		akt_cli_error("retention: the reason is too long");
		rc = AKT_EXIT_USAGE;
	}
out:
	free(h.etag);
	if (h.have_before)
		akt_case_clear(&h.before);
	return rc;
}

int ret_hold(struct ret *rt)
{
	const char *reason = rt->a->opt[RET_OPT_REASON];
	const char *p = reason;

	while (p && (*p == ' ' || *p == '\t'))
		p++;
	if (!p || !*p) {
		akt_cli_error("retention: hold needs --reason TEXT: why the "
			      "case must be kept");
		return AKT_EXIT_USAGE;
	}
	return run(rt, true, reason);
}

int ret_release(struct ret *rt)
{
	return run(rt, false, NULL);
}

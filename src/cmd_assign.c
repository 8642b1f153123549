/*
 * cmd_assign.c — akt assign CASE [me|USER|none] [--json]
 *
 * Reads the case for its ETag and assignees, then assigns (POST with
 * If-Match and an Idempotency-Key) or, for "none", removes the assignees
 * one after another, each DELETE with the tag the previous answer gave,
 * so that a change by someone else in between stops the run instead of
 * being overwritten.
 */
#include "akt/case.h"
#include "akt/case_cli.h"
#include "akt/cmd.h"
#include "akt/conflict.h"
#include "akt/i18n.h"
#include "akt/idem.h"
#include "akt/officer.h"
#include "akt/ops.h"
#include "akt/sanitize.h"
#include "akt/xalloc.h"

enum { OPT_JSON };

static const struct akt_opt opts[] = {
	[OPT_JSON] = { "json", NULL, false,
		"print the platform's answer (the case) as JSON" },
	{ NULL, NULL, false, NULL },
};

struct assign {
	struct akt_cli *cli;
	bool json;
	const char *ref;             /* the case as typed */
	const char *who;             /* me, none or a username as typed */
	char *user;                  /* the username to assign */
	char *etag;                  /* the case's latest tag */
	struct akt_case c;           /* as first read */
	bool have_case;
	bool me_read;                /* "me": the answer about me came */
	size_t next;                 /* "none": the assignee to remove next */
	char key[AKT_IDEM_LEN + 1];
	bool done;
	int rc;
};

static void finish(struct assign *as, int rc)
{
	as->rc = rc;
	as->done = true;
}

/* Keep the tag of a write's answer for the next write. */
static bool take_etag(struct assign *as, const struct akt_reply *r)
{
	if (!r->etag || !*r->etag) {
		akt_cli_error("the platform sent no ETag for %s, so it cannot be "
			      "changed safely", as->c.s.number);
		finish(as, AKT_EXIT_UNREACHABLE);
		return false;
	}
	free(as->etag);
	as->etag = xstrdup(r->etag);
	return true;
}

/* ---- none: remove every assignee ---------------------------------- */

static void unassign_next(struct assign *as);

static void on_unassigned(const struct akt_reply *r, void *arg)
{
	struct assign *as = arg;
	const struct akt_officer_ref *o = &as->c.s.assignees[as->next];

	if (r->result != AKT_OK) {
		char *what = xasprintf("unassign %s from %s", o->name,
				       as->c.s.number);

		finish(as, akt_conflict_fail(r, as->c.s.number, what));
		free(what);
		return;
	}
	if (!take_etag(as, r))
		return;
	if (!as->json)
		akt_cli_say(as->cli, "%s no longer assigned to %s",
			    as->c.s.number, o->name);
	as->next++;
	if (as->next < as->c.s.nassignees) {
		unassign_next(as);
		return;
	}
	if (as->json)
		akt_cli_print_json(as->cli, r->json);
	finish(as, AKT_EXIT_OK);
}

static void unassign_next(struct assign *as)
{
	const struct akt_officer_ref *o = &as->c.s.assignees[as->next];
	/* by id: the platform takes it for the username */
	char id[32];

	snprintf(id, sizeof(id), "%lld", (long long)o->id);
	akt_op_unassign(as->cli->session, as->c.s.id, as->etag, id,
			on_unassigned, as);
}

/* ---- me or USER --------------------------------------------------- */

static void on_assigned(const struct akt_reply *r, void *arg)
{
	struct assign *as = arg;
	struct akt_case c;
	const char *name;
	char *err = NULL;

	if (r->result != AKT_OK) {
		const char *type = r->problem ? r->problem->type : NULL;
		const char *field = r->problem ? r->problem->field : NULL;
		char *what = xasprintf("assign %s to %s", as->c.s.number,
				       as->user);

		if (r->status == 409 && type && strcmp(type, "conflict") == 0) {
			akt_cli_error("cannot %s: not in the case's unit", what);
			finish(as, AKT_EXIT_CONFLICT);
		} else if (r->status == 400 && field &&
			   strcmp(field, "officer") == 0) {
			akt_cli_error("cannot %s: there is no such officer", what);
			finish(as, AKT_EXIT_USAGE);
		} else {
			finish(as, akt_conflict_fail(r, as->c.s.number, what));
		}
		free(what);
		return;
	}
	if (!akt_case_decode(r->json, &c, &err)) {
		/* a 2xx came, but akt cannot say what it did */
		akt_cli_error(_("cannot tell whether %s was assigned: the "
				"platform's answer is not understood: %s; see "
				"'akt show %s'"), as->c.s.number, err,
			      as->c.s.number);
		free(err);
		finish(as, AKT_EXIT_UNREACHABLE);
		return;
	}
	name = as->user;
	for (size_t i = 0; i < c.s.nassignees; i++)
		if (c.s.assignees[i].username &&
		    strcmp(c.s.assignees[i].username, as->user) == 0)
			name = c.s.assignees[i].name;
	if (as->json)
		akt_cli_print_json(as->cli, r->json);
	else
		akt_cli_say(as->cli, "%s assigned to %s", c.s.number, name);
	akt_case_clear(&c);
	finish(as, AKT_EXIT_OK);
}

static void assign_user(struct assign *as)
{
	switch (akt_op_assign(as->cli->session, as->c.s.id, as->etag,
			      as->user, as->key, on_assigned, as)) {
	case AKT_OP_SENT:
		break;
	case AKT_OP_NO_KEY:
		akt_cli_error("cannot assign %s: no random numbers for the "
			      "request's Idempotency-Key", as->c.s.number);
		finish(as, AKT_EXIT_UNREACHABLE);
		break;
	default:
		/* not UTF-8, or too long to be one */
		akt_cli_error("cannot assign %s to '%s': not a user name",
			      as->c.s.number, as->user);
		finish(as, AKT_EXIT_USAGE);
		break;
	}
}

/* ---- reading ------------------------------------------------------ */

static void on_me(const struct akt_reply *r, void *arg)
{
	struct assign *as = arg;
	struct akt_officer o;
	char *err = NULL;

	as->me_read = true;
	if (r->result != AKT_OK) {
		finish(as, akt_cli_fail(r));
		return;
	}
	if (!akt_officer_decode(r->json, &o, &err)) {
		finish(as, akt_cli_not_understood(err));
		return;
	}
	as->user = xstrdup(o.username);
	akt_officer_clear(&o);
}

/* Then the case, its tag as fresh as can be for the write. */
static void start(struct assign *as)
{
	json_t *json = NULL;
	int rc = akt_case_read_for_write(as->cli, as->ref, &as->c, &as->etag,
					 NULL, &json);

	if (rc != AKT_EXIT_OK) {
		finish(as, rc);
		return;
	}
	as->have_case = true;
	if (strcmp(as->who, "none") != 0) {
		assign_user(as);
	} else if (as->c.s.nassignees > 0) {
		unassign_next(as);
	} else {
		if (as->json)
			akt_cli_print_json(as->cli, json);
		else
			akt_cli_say(as->cli, "%s is assigned to nobody",
				    as->c.s.number);
		finish(as, AKT_EXIT_OK);
	}
	json_decref(json);
}

static int assign(struct akt_cli *cli, const struct akt_args *a)
{
	struct assign as;

	memset(&as, 0, sizeof(as));
	as.cli = cli;
	as.json = a->opt[OPT_JSON] != NULL;
	as.ref = a->pos[0];
	as.who = a->npos > 1 ? a->pos[1] : "me";
	if (!*as.who) {
		akt_cli_error("no user name given; say me, a user name or none");
		return AKT_EXIT_USAGE;
	}
	if (strcmp(as.who, "me") == 0) {
		struct akt_call c = { .method = "GET", .path = "/v1/me" };

		akt_session_call(cli->session, &c, on_me, &as);
		akt_cli_wait(cli, &as.me_read);
	} else if (strcmp(as.who, "none") != 0) {
		as.user = xstrdup(as.who);
	}
	if (!as.done)
		start(&as);
	akt_cli_wait(cli, &as.done);
	if (as.have_case)
		akt_case_clear(&as.c);
	free(as.user);
	free(as.etag);
	return as.rc;
}

const struct akt_cmd akt_cmd_assign = {
	.name = "assign",
	.args = "CASE [me|USER|none]",
	.min_pos = 1,
	.max_pos = 2,
	.summary = "assign a case to yourself, a colleague or nobody",
	.help = "Assign CASE (its number or id) to yourself (me, the default),\n"
		"to the officer with the user name USER, or, with none, to\n"
		"nobody: every assignee is removed. Only officers of the\n"
		"case's unit can be assigned. If someone else changed the case\n"
		"since akt read it, nothing more is changed and akt says who\n"
		"did it and when.",
	.opts = opts,
	.session = true,
	.exec = assign,
};

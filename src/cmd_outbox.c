/*
 * cmd_outbox.c — writing through the outbox on the command line: the
 * text becomes a draft, the draft an outbox item, and the command waits
 * for the platform's answer to it. When the platform cannot be reached
 * the item stays in the outbox for 'akt sync', and the command says so.
 */
#include "cmd_outbox.h"

#include "akt/case_cli.h"
#include "akt/conflict.h"
#include "akt/when.h"
#include "akt/xalloc.h"

const char *ob_noun(enum akt_draft_kind k)
{
	switch (k) {
	case AKT_DRAFT_NOTE:
		return "note";
	case AKT_DRAFT_REPLY:
		return "reply";
	case AKT_DRAFT_STATUS:
		return "status change";
	case AKT_DRAFT_FILE:
		return "filing";
	}
	return "item";
}

char *ob_changed(const struct akt_draft *d)
{
	char when[AKT_WHEN_LEN];
	const char *by = d->changed_by && *d->changed_by ? d->changed_by :
			 "someone else";

	if (d->changed_at)
		return xasprintf("changed by %s at %s", by,
				 akt_when_near(d->changed_at, time(NULL),
					       when));
	return xasprintf("changed by %s", by);
}

struct one {
	struct akt_cli *cli;
	struct akt_drafts *store;
	struct akt_outbox *ob;
	const struct ob_one *how;
	char id[AKT_DRAFT_ID_MAX + 1];
	char *typed;            /* the case as typed */
	bool done;
	int rc;
};

static void mine_refused(struct one *o, const struct akt_outbox_event *e)
{
	const struct akt_draft *d = e->item;
	const struct akt_reply *r = e->reply;
	char *what, *err = NULL;

	if (!r) {
		akt_cli_error("cannot %s: %s", o->how->what,
			      e->message ? e->message : "refused");
		o->rc = AKT_EXIT_USAGE;
	} else if (d->case_id <= 0) {
		/* the case itself could not be read */
		o->rc = akt_case_fail(r, o->typed);
	} else if (o->how->refused) {
		o->rc = o->how->refused(o->cli, d, r, o->how->arg);
	} else {
		what = xasprintf("%s to %s", o->how->what, d->case_number);
		o->rc = akt_conflict_fail(r, d->case_number, what);
		free(what);
	}
	/* The command failed before anything happened and said why, and
	 * its caller still has the text: no draft is left behind. */
	if (!akt_draft_remove(o->store, AKT_BOX_DRAFTS, d->id, &err)) {
		akt_cli_error("%s", err);
		free(err);
	}
}

static void on_event(const struct akt_outbox_event *e, void *arg)
{
	struct one *o = arg;
	bool mine = e->item && strcmp(e->item->id, o->id) == 0;
	char *changed;

	if (o->done)
		return;
	switch (e->what) {
	case AKT_OB_QUEUED:
		return;
	case AKT_OB_SENT:
		if (!mine)
			return;
		o->rc = o->how->sent(o->cli, e->item, e->reply, o->how->arg);
		break;
	case AKT_OB_CONFLICT:
		changed = ob_changed(e->item);
		if (mine)
			akt_cli_error("%s: conflict — %s; see 'akt drafts "
				      "show %s'", e->item->case_number,
				      changed, e->item->id);
		else
			akt_cli_error("an earlier %s for %s came back as a "
				      "conflict — %s; see 'akt drafts show "
				      "%s'", ob_noun(e->item->kind),
				      e->item->case_number, changed,
				      e->item->id);
		free(changed);
		if (!mine)
			return;
		o->rc = AKT_EXIT_CONFLICT;
		break;
	case AKT_OB_REFUSED:
		if (!mine) {
			akt_cli_error("an earlier %s for %s was refused: %s; "
				      "see 'akt drafts show %s'",
				      ob_noun(e->item->kind),
				      e->item->case_number,
				      e->message ? e->message : "",
				      e->item->id);
			return;
		}
		mine_refused(o, e);
		break;
	case AKT_OB_WAITING:
		/* one line, with what went wrong at the end */
		if (e->message)
			akt_cli_error("cannot reach the platform; the %s is "
				      "kept in the outbox and 'akt sync' sends "
				      "it (%s)", o->how->noun, e->message);
		else
			akt_cli_error("cannot reach the platform; the %s is "
				      "kept in the outbox and 'akt sync' sends "
				      "it", o->how->noun);
		o->rc = AKT_EXIT_QUEUED;
		break;
	case AKT_OB_AUTH:
		o->rc = e->reply ? akt_cli_fail(e->reply) : AKT_EXIT_AUTH;
		akt_cli_error("the %s is kept in the outbox; 'akt sync' sends "
			      "it once you are logged in", o->how->noun);
		break;
	case AKT_OB_DISK:
		akt_cli_error("%s", e->message ? e->message : "disk error");
		if (akt_outbox_busy(o->ob))
			return;
		o->rc = AKT_EXIT_UNREACHABLE;
		break;
	case AKT_OB_IDLE:
		/* not in the outbox any more: another akt sent it meanwhile */
		o->rc = AKT_EXIT_OK;
		break;
	}
	o->done = true;
}

int ob_send_one(struct akt_cli *cli, struct akt_draft *d,
		const struct ob_one *how)
{
	struct one o = { .cli = cli, .how = how, .rc = AKT_EXIT_OK };
	const char *server = akt_session_server(cli->session);
	char *err = NULL;

	if (!(o.store = akt_drafts_open(NULL, &err))) {
		akt_cli_error("cannot %s: %s", how->what, err);
		free(err);
		return AKT_EXIT_USAGE;
	}
	free(d->server);
	d->server = xstrdup_opt(server);
	snprintf(o.id, sizeof(o.id), "%s", d->id);
	o.typed = xstrdup(d->case_number ? d->case_number : "");
	o.ob = akt_outbox_new(cli->session, o.store, on_event, &o);
	if (!akt_outbox_send(o.ob, d, &err)) {
		akt_cli_error("cannot %s: %s", how->what, err);
		free(err);
		o.rc = AKT_EXIT_USAGE;
		o.done = true;
	}
	while (!o.done)
		if (!akt_loop_run_once(cli->loop, -1))
			break;   /* nothing under way: nothing more will come */
	akt_outbox_free(&o.ob);
	akt_drafts_close(&o.store);
	free(o.typed);
	return o.rc;
}

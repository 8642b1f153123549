/*
 * cmd_outbox.c — writing through the outbox on the command line: the
 * text becomes a draft, the draft an outbox item, and the command waits
 * for the platform's answer to it. When the platform cannot be reached
 * the item stays in the outbox for 'akt sync', and the command says so.
 */
#include "cmd_outbox.h"

#include <unistd.h>

#include "akt/case_cli.h"
#include "akt/conflict.h"
#include "akt/i18n.h"
#include "akt/text_input.h"
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

const char *ob_case(const struct akt_draft *d, char buf[32])
{
	if (d->case_number && d->case_number[0])
		return d->case_number;
	if (d->case_id > 0)
		snprintf(buf, 32, "case %lld", (long long)d->case_id);
	else
		snprintf(buf, 32, "its case");
	return buf;
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
	bool keep_refused;
	bool done, heard;        /* heard: an event about the item came */
	int rc;
};

/* A refused write typed at the terminal is kept as a draft with the
 * platform's reason, as every refused outbox item is: the officer may
 * fix and send it. Text from a file or a pipe is still there, and the
 * error stays one line. */
static void kept_as_draft(struct one *o, const char *id)
{
	char *err = NULL;

	if (o->keep_refused) {
		akt_cli_error("kept as draft %s; 'akt drafts delete %s' "
			      "removes it", id, id);
	} else if (!akt_draft_remove(o->store, AKT_BOX_DRAFTS, id, &err)) {
		akt_cli_error("%s", err);
		free(err);
	}
}

bool ob_text_draft(struct akt_draft *d, enum akt_draft_kind k,
		   const char *typed, const char *file, const char *what,
		   int *rc)
{
	char *text = NULL, *err = NULL;

	if (!akt_text_read(file, &text, &err)) {
		akt_cli_error("cannot %s: %s", what, err);
		free(err);
		*rc = AKT_EXIT_USAGE;
		return false;
	}
	if (!akt_draft_new(d, k, &err)) {
		akt_cli_error("cannot %s: %s", what, err);
		free(err);
		free(text);
		*rc = AKT_EXIT_UNREACHABLE;
		return false;
	}
	free(d->text);
	d->text = text;
	d->case_number = xstrdup(typed);
	return true;
}

bool ob_typed_here(const char *file_opt)
{
	return (!file_opt || strcmp(file_opt, "-") == 0) &&
	       isatty(STDIN_FILENO);
}

static void mine_refused(struct one *o, const struct akt_outbox_event *e)
{
	const struct akt_draft *d = e->item;
	const struct akt_reply *r = e->reply;
	char *what, cb[32];

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
		what = xasprintf("%s to %s", o->how->what, ob_case(d, cb));
		o->rc = akt_conflict_fail(r, ob_case(d, cb), what);
		free(what);
	}
	kept_as_draft(o, d->id);
}

/* The round ended without a word about the item: another akt took it
 * from the outbox. Its record tells what became of it. */
static void taken_by_another(struct one *o)
{
	struct akt_draft d;
	char *err = NULL, *changed, cb[32];

	if (!akt_draft_load(o->store, AKT_BOX_DRAFTS, o->id, &d, &err)) {
		free(err);
		if (akt_draft_load(o->store, AKT_BOX_OUTBOX, o->id, &d, &err)) {
			/* still there: for another server, or unreadable */
			akt_draft_clear(&d);
			akt_cli_error("the %s is kept in the outbox; 'akt sync' "
				      "sends it", o->how->noun);
			o->rc = AKT_EXIT_QUEUED;
			return;
		}
		free(err);
		akt_cli_error("another akt sent the %s meanwhile",
			      o->how->noun);
		o->rc = AKT_EXIT_OK;
		return;
	}
	if (d.state == AKT_DS_CONFLICT) {
		changed = ob_changed(&d);
		akt_cli_error("%s: conflict — %s; see 'akt drafts show %s'",
			      ob_case(&d, cb), changed, d.id);
		free(changed);
		o->rc = AKT_EXIT_CONFLICT;
	} else if (d.state == AKT_DS_REFUSED) {
		akt_cli_error("cannot %s: %s", o->how->what,
			      d.reason ? d.reason : "refused");
		kept_as_draft(o, d.id);
		o->rc = AKT_EXIT_REFUSED;
	} else {
		akt_cli_error("the %s is a draft again; see 'akt drafts show "
			      "%s'", o->how->noun, d.id);
		o->rc = AKT_EXIT_QUEUED;
	}
	akt_draft_clear(&d);
}

static void on_event(const struct akt_outbox_event *e, void *arg)
{
	struct one *o = arg;
	bool mine = e->item && strcmp(e->item->id, o->id) == 0;
	char *changed, cb[32];

	if (o->done)
		return;
	if (mine && e->what != AKT_OB_QUEUED)
		o->heard = true;
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
				      "show %s'", ob_case(e->item, cb),
				      changed, e->item->id);
		else
			akt_cli_error("an earlier %s for %s came back as a "
				      "conflict — %s; see 'akt drafts show "
				      "%s'", ob_noun(e->item->kind),
				      ob_case(e->item, cb), changed,
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
				      ob_case(e->item, cb),
				      e->message ? e->message : "",
				      e->item->id);
			return;
		}
		mine_refused(o, e);
		break;
	case AKT_OB_WAITING:
		/* one line, with what went wrong at the end */
		if (e->reply && e->reply->status >= 200 &&
		    e->reply->status < 300)
			akt_cli_error(_("cannot tell whether the platform "
					"took the %s: %s; it is kept in the "
					"outbox and 'akt sync' sends it again, "
					"to be made once"), o->how->noun,
				      e->message ? e->message : "");
		else if (e->reply && e->reply->status && e->message)
			/* it answered: failing or busy, not out of reach */
			akt_cli_error(_("the platform cannot take the %s now; "
					"it is kept in the outbox and 'akt sync' "
					"sends it (%s)"), o->how->noun,
				      e->message);
		else if (e->message)
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
		/* a file moved aside is a warning; the round goes on */
		if (!akt_outbox_stopped(o->ob))
			return;
		o->rc = AKT_EXIT_UNREACHABLE;
		break;
	case AKT_OB_IDLE:
		if (!o->heard)
			taken_by_another(o);
		break;
	}
	o->done = true;
}

int ob_send_one(struct akt_cli *cli, struct akt_draft *d,
		const struct ob_one *how, bool keep_refused)
{
	struct one o = { .cli = cli, .how = how, .rc = AKT_EXIT_OK,
			 .keep_refused = keep_refused };
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

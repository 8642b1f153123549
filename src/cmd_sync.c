/*
 * cmd_sync.c — akt sync
 *
 * Sends what the outbox holds, once, oldest first, and says what became
 * of each item, one line each. For scripts and cron: the exit code says
 * whether everything went (0), items still wait for the platform (4), a
 * conflict came back (3) or the platform refused one (2) — the first of
 * these that applies, in that order.
 */
#include "cmd_outbox.h"

#include "akt/cmd.h"
#include "akt/xalloc.h"

/* Another akt may be sending the outbox; wait this long for it. */
#define LOCK_WAIT_MS 15000

struct sync {
	struct akt_cli *cli;
	struct akt_outbox *ob;
	size_t sent, conflicts, refused;
	bool waiting, auth, disk, done;
	int auth_rc;
	char *why;           /* WAITING: what failed */
};

static void on_event(const struct akt_outbox_event *e, void *arg)
{
	struct sync *s = arg;
	const struct akt_draft *d = e->item;
	char *changed, cb[32];

	if (s->done)
		return;
	switch (e->what) {
	case AKT_OB_QUEUED:
		break;
	case AKT_OB_SENT:
		s->sent++;
		akt_cli_say(s->cli, "%s: %s sent", ob_case(d, cb),
			    ob_noun(d->kind));
		break;
	case AKT_OB_CONFLICT:
		s->conflicts++;
		changed = ob_changed(d);
		akt_cli_say(s->cli, "%s: conflict — %s; see 'akt drafts show "
			    "%s'", ob_case(d, cb), changed, d->id);
		free(changed);
		break;
	case AKT_OB_REFUSED:
		s->refused++;
		/* kept as a draft with the reason: say where */
		akt_cli_say(s->cli, "%s: refused: %s; see 'akt drafts show %s'",
			    ob_case(d, cb),
			    e->message ? e->message : "no reason given", d->id);
		break;
	case AKT_OB_WAITING:
		s->waiting = true;
		s->why = xstrdup(e->message ? e->message :
				 "the platform cannot be reached");
		s->done = true;
		break;
	case AKT_OB_AUTH:
		s->auth = true;
		s->auth_rc = e->reply ? akt_cli_fail(e->reply) : AKT_EXIT_AUTH;
		s->done = true;
		break;
	case AKT_OB_DISK:
		akt_cli_error("%s", e->message ? e->message : "disk error");
		/* a file moved aside is a warning; the round goes on */
		if (!akt_outbox_stopped(s->ob))
			break;
		s->disk = true;
		s->done = true;
		break;
	case AKT_OB_IDLE:
		s->done = true;
		break;
	}
}

static int sync_outbox(struct akt_cli *cli, const struct akt_args *a)
{
	struct sync s = { .cli = cli };
	struct akt_drafts *store;
	char *err = NULL;
	size_t left, others;
	int64_t end = akt_loop_now() + LOCK_WAIT_MS;
	int rc;

	if (!(store = akt_drafts_open(NULL, &err))) {
		akt_cli_error("cannot read the outbox: %s", err);
		free(err);
		return AKT_EXIT_USAGE;
	}
	s.ob = akt_outbox_new(cli->session, store, on_event, &s);
	akt_outbox_flush(s.ob);
	while (!s.done) {
		if (akt_outbox_locked_out(s.ob) && akt_loop_now() > end) {
			akt_cli_error("another akt is sending the outbox now; "
				      "try again when it is done");
			s.waiting = true;
			break;
		}
		if (!akt_loop_run_once(cli->loop, -1))
			break;
	}
	left = akt_outbox_count(s.ob);
	others = akt_outbox_others(s.ob);
	if (s.why)
		akt_cli_say(cli, "%zu item%s still waiting: %s", left,
			    left == 1 ? "" : "s", s.why);
	else if (!s.sent && !s.conflicts && !s.refused && !left && !s.auth &&
		 !s.disk && !others)
		akt_cli_say(cli, "The outbox is empty.");
	if (others)
		akt_cli_say(cli, "%zu item%s for another server kept; 'akt sync' "
			    "sends %s when akt uses that server", others,
			    others == 1 ? " is" : "s are",
			    others == 1 ? "it" : "them");
	if (s.auth)
		rc = s.auth_rc;
	else if (s.waiting || s.disk)
		rc = AKT_EXIT_UNREACHABLE;
	else if (s.conflicts)
		rc = AKT_EXIT_CONFLICT;
	else if (s.refused)
		rc = AKT_EXIT_REFUSED;
	else
		rc = AKT_EXIT_OK;
	akt_outbox_free(&s.ob);
	akt_drafts_close(&store);
	free(s.why);
	return rc;
}

static const struct akt_opt opts[] = {
	{ NULL, NULL, false, NULL },
};

const struct akt_cmd akt_cmd_sync = {
	.name = "sync",
	.args = "",
	.min_pos = 0,
	.max_pos = 0,
	.summary = "send what the outbox holds",
	.help = "Send the notes, replies and status changes kept in the outbox,\n"
		"oldest first, and say what became of each, one line each: sent,\n"
		"a conflict (back among the drafts), or refused with the\n"
		"platform's reason. When the platform cannot be reached, say how\n"
		"many items still wait. Exit 0 when everything went, 4 when items\n"
		"still wait, 3 when a conflict came back, 2 when one was refused.",
	.opts = opts,
	.session = true,
	.exec = sync_outbox,
};

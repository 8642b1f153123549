/*
 * cmd_reply.c — akt reply CASE THREAD [--file F]
 *
 * Replies in a conversation with the citizen, with the text from F or
 * standard input, checked before anything is sent. Like a note it goes
 * through the outbox, and is kept there while the platform cannot be
 * reached (exit 6).
 */
#include "cmd_journal.h"
#include "cmd_outbox.h"
#include "akt/conflict.h"
#include "akt/thread.h"
#include "akt/xalloc.h"

enum { OPT_FILE, OPT_JSON };

static const struct akt_opt opts[] = {
	[OPT_FILE] = { "file", "F", false,
		"read the text from F instead of standard input" },
	[OPT_JSON] = { "json", NULL, false,
		"print the platform's answer as JSON" },
	{ NULL, NULL, false, NULL },
};

struct reply {
	bool json;
	int64_t thread;
};

static int on_sent(struct akt_cli *cli, const struct akt_draft *d,
		   const struct akt_reply *r, void *arg)
{
	const struct reply *rp = arg;
	struct akt_message m;
	char *err = NULL;

	if (!akt_message_decode(r->json, &m, &err)) {
		akt_cli_error("the reply was sent, but the platform's answer "
			      "is not understood: %s", err);
		free(err);
		return AKT_EXIT_UNREACHABLE;
	}
	if (rp->json)
		akt_cli_print_json(cli, r->json);
	else
		jr_say(cli, "%s: message %lld sent in thread %lld",
		       d->case_number, (long long)m.id,
		       (long long)rp->thread);
	akt_message_clear(&m);
	return AKT_EXIT_OK;
}

static int on_refused(struct akt_cli *cli, const struct akt_draft *d,
		      const struct akt_reply *r, void *arg)
{
	const struct reply *rp = arg;
	char *what;
	int rc;

	if (r->status == 404) {
		akt_cli_error("no thread %lld in %s", (long long)rp->thread,
			      d->case_number);
		return AKT_EXIT_REFUSED;
	}
	what = xasprintf("reply in thread %lld of %s", (long long)rp->thread,
			 d->case_number);
	rc = akt_conflict_fail(r, d->case_number, what);
	free(what);
	return rc;
}

static int reply(struct akt_cli *cli, const struct akt_args *a)
{
	struct reply rp = { a->opt[OPT_JSON] != NULL, 0 };
	const struct ob_one how = { "send the reply", "reply", on_sent,
				    on_refused, &rp };
	struct akt_draft d;
	int rc;

	if (!jr_id(a->pos[1], "THREAD", &rp.thread))
		return AKT_EXIT_USAGE;
	if (!ob_text_draft(&d, AKT_DRAFT_REPLY, a->pos[0], a->opt[OPT_FILE],
			   how.what, &rc))
		return rc;
	d.thread_id = rp.thread;
	rc = ob_send_one(cli, &d, &how,
			 ob_typed_here(a->opt[OPT_FILE]));
	akt_draft_clear(&d);
	return rc;
}

const struct akt_cmd akt_cmd_reply = {
	.name = "reply",
	.args = "CASE THREAD",
	.min_pos = 2,
	.max_pos = 2,
	.summary = "reply to the citizen in a thread",
	.help = "Send a message in the conversation THREAD of CASE, with the\n"
		"text read from standard input, or from the file F. Line breaks\n"
		"at the end are dropped; an empty text is refused before\n"
		"anything is sent. Like a note, it goes through the outbox and\n"
		"is kept there while the platform cannot be reached (exit 6).",
	.opts = opts,
	.session = true,
	.exec = reply,
};

/*
 * cmd_reply.c — akt reply CASE THREAD [--file F]
 *
 * Replies in a conversation with the citizen, with the text from F or
 * standard input, checked before anything is sent. Like a note: the
 * case is read for its tag, the reply posted with If-Match and an
 * Idempotency-Key.
 */
#include "cmd_journal.h"
#include "akt/case_write.h"
#include "akt/conflict.h"
#include "akt/idem.h"
#include "akt/ops.h"
#include "akt/text_input.h"
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
	struct akt_cli *cli;
	const char *case_ref;
	bool json;
	int64_t thread;
	bool done;
	int rc;
};

static void on_sent(const struct akt_case_write_result *res, void *arg)
{
	struct reply *rp = arg;
	const struct akt_reply *r = res->reply;
	struct akt_message m;
	char *err = NULL, *what;

	rp->done = true;
	if (res->case_failed) {
		rp->rc = akt_case_fail(r, rp->case_ref);
		return;
	}
	if (r->status == 404) {
		akt_cli_error("no thread %lld in %s", (long long)rp->thread,
			      res->case_number);
		rp->rc = AKT_EXIT_REFUSED;
		return;
	}
	if (r->result != AKT_OK) {
		what = xasprintf("reply in thread %lld of %s",
				 (long long)rp->thread, res->case_number);
		rp->rc = akt_conflict_fail(r, res->case_number, what);
		free(what);
		return;
	}
	if (!akt_message_decode(r->json, &m, &err)) {
		akt_cli_error("the reply was sent, but the platform's answer "
			      "is not understood: %s", err);
		free(err);
		rp->rc = AKT_EXIT_UNREACHABLE;
		return;
	}
	if (rp->json)
		akt_cli_print_json(rp->cli, r->json);
	else
		jr_say(rp->cli, "%s: message %lld sent in thread %lld",
		       res->case_number, (long long)m.id,
		       (long long)rp->thread);
	akt_message_clear(&m);
	rp->rc = AKT_EXIT_OK;
}

static int reply(struct akt_cli *cli, const struct akt_args *a)
{
	struct reply rp = { cli, a->pos[0], a->opt[OPT_JSON] != NULL, 0, false,
			    AKT_EXIT_OK };
	char key[AKT_IDEM_LEN + 1] = "";
	char *text = NULL, *err = NULL;
	size_t len = 0;

	if (!jr_id(a->pos[1], "THREAD", &rp.thread))
		return AKT_EXIT_USAGE;
	if (!akt_text_read(a->opt[OPT_FILE], &text, &err)) {
		akt_cli_error("cannot send the reply: %s", err);
		free(err);
		return AKT_EXIT_USAGE;
	}
	switch (akt_op_reply(cli->session, rp.case_ref, rp.thread, text, key,
			     &len, on_sent, &rp)) {
	case AKT_OP_SENT:
		akt_cli_wait(cli, &rp.done);
		break;
	case AKT_OP_TOO_LONG:
		akt_cli_error("the reply is too long: %zu bytes as sent, the "
			      "platform takes at most %zu", len, AKT_BODY_MAX);
		rp.rc = AKT_EXIT_USAGE;
		break;
	case AKT_OP_NO_KEY:
		akt_cli_error("cannot send the reply: no random numbers for the "
			      "request's Idempotency-Key");
		rp.rc = AKT_EXIT_UNREACHABLE;
		break;
	default:
		/* the text was checked to be UTF-8 */
		akt_cli_error("cannot send the reply: its text cannot be sent "
			      "as JSON");
		rp.rc = AKT_EXIT_USAGE;
		break;
	}
	free(text);
	return rp.rc;
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
		"anything is sent.",
	.opts = opts,
	.session = true,
	.exec = reply,
};

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
#include "akt/text_input.h"
#include "akt/thread.h"
#include "akt/xalloc.h"

enum { OPT_FILE };

static const struct akt_opt opts[] = {
	[OPT_FILE] = { "file", "F", false,
		"read the text from F instead of standard input" },
	{ NULL, NULL, false, NULL },
};

/* The platform refuses request bodies over 1 MiB (413). */
#define BODY_MAX ((size_t)1 << 20)

struct reply {
	struct akt_cli *cli;
	const char *case_ref;
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
	jr_say(rp->cli, "%s: message %lld sent in thread %lld",
	       res->case_number, (long long)m.id, (long long)rp->thread);
	akt_message_clear(&m);
	rp->rc = AKT_EXIT_OK;
}

static int reply(struct akt_cli *cli, const struct akt_args *a)
{
	struct reply rp = { cli, a->pos[0], 0, false, AKT_EXIT_OK };
	char key[AKT_IDEM_LEN + 1];
	char *text = NULL, *err = NULL, *body = NULL, *path = NULL;
	json_t *j;
	struct akt_case_write w = { .case_ref = rp.case_ref, .method = "POST" };

	if (!jr_id(a->pos[1], "THREAD", &rp.thread))
		return AKT_EXIT_USAGE;
	if (!akt_text_read(a->opt[OPT_FILE], &text, &err)) {
		akt_cli_error("cannot send the reply: %s", err);
		free(err);
		return AKT_EXIT_USAGE;
	}
	j = json_pack("{s:s}", "body", text);
	body = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!body) {
		/* the text was checked to be UTF-8; only memory is left */
		akt_cli_error("cannot send the reply: its text cannot be sent "
			      "as JSON");
		rp.rc = AKT_EXIT_USAGE;
		goto out;
	}
	if (strlen(body) > BODY_MAX) {
		akt_cli_error("the reply is too long: %zu bytes as sent, the "
			      "platform takes at most %zu", strlen(body),
			      BODY_MAX);
		rp.rc = AKT_EXIT_USAGE;
		goto out;
	}
	if (!akt_idem_new(key)) {
		akt_cli_error("cannot send the reply: no random numbers for the "
			      "request's Idempotency-Key");
		rp.rc = AKT_EXIT_UNREACHABLE;
		goto out;
	}
	path = xasprintf("/threads/%lld/messages", (long long)rp.thread);
	w.path = path;
	w.body = body;
	w.idempotency_key = key;
	akt_case_write(cli->session, &w, on_sent, &rp);
	akt_cli_wait(cli, &rp.done);
out:
	free(path);
	free(body);
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

/*
 * cmd_note.c — akt note CASE [--publish] [--file F]
 *
 * Adds a journal note with the text from F or standard input. The text
 * is checked before anything is sent; then the case is read for its tag
 * and the note posted with If-Match and an Idempotency-Key, so a lost
 * answer can be repeated by the engine without a second note.
 */
#include "cmd_journal.h"
#include "akt/case_write.h"
#include "akt/conflict.h"
#include "akt/idem.h"
#include "akt/note.h"
#include "akt/ops.h"
#include "akt/text_input.h"
#include "akt/xalloc.h"

enum { OPT_PUBLISH, OPT_FILE, OPT_JSON };

static const struct akt_opt opts[] = {
	[OPT_PUBLISH] = { "publish", NULL, false,
		"publish the note to the citizen at once" },
	[OPT_FILE] = { "file", "F", false,
		"read the text from F instead of standard input" },
	[OPT_JSON] = { "json", NULL, false,
		"print the platform's answer as JSON" },
	{ NULL, NULL, false, NULL },
};

struct send {
	struct akt_cli *cli;
	const char *case_ref;
	bool json;
	bool done;
	int rc;
};

static void on_sent(const struct akt_case_write_result *res, void *arg)
{
	struct send *s = arg;
	const struct akt_reply *r = res->reply;
	struct akt_note n;
	char *err = NULL, *what;

	s->done = true;
	if (res->case_failed) {
		s->rc = akt_case_fail(r, s->case_ref);
		return;
	}
	if (r->result != AKT_OK) {
		what = xasprintf("add a note to %s", res->case_number);
		s->rc = akt_conflict_fail(r, res->case_number, what);
		free(what);
		return;
	}
	if (!akt_note_decode(r->json, &n, &err)) {
		akt_cli_error("the note was added to %s, but the platform's "
			      "answer is not understood: %s", res->case_number,
			      err);
		free(err);
		s->rc = AKT_EXIT_UNREACHABLE;
		return;
	}
	if (s->json)
		akt_cli_print_json(s->cli, r->json);
	else
		jr_say(s->cli, "%s: note %lld added (%s)", res->case_number,
		       (long long)n.id, n.published ? "published" : "internal");
	akt_note_clear(&n);
	s->rc = AKT_EXIT_OK;
}

/*
 * Send one note and report the outcome; the exit code. Everything 'akt
 * note' does once it has the text, so that keeping a note to send later
 * can wrap it: key is the caller's, and sending again with the same key
 * gives the first answer instead of a second note.
 */
static int note_send(struct akt_cli *cli, const char *case_ref,
		     const char *text, bool publish, bool json, char *key)
{
	struct send s = { cli, case_ref, json, false, AKT_EXIT_OK };
	size_t len = 0;

	switch (akt_op_note(cli->session, case_ref, text, publish, key, &len,
			    on_sent, &s)) {
	case AKT_OP_SENT:
		akt_cli_wait(cli, &s.done);
		return s.rc;
	case AKT_OP_TOO_LONG:
		akt_cli_error("the note is too long: %zu bytes as sent, the "
			      "platform takes at most %zu", len, AKT_BODY_MAX);
		return AKT_EXIT_USAGE;
	case AKT_OP_NO_KEY:
		/* not reached: the caller's key is set */
		akt_cli_error("cannot add the note: no random numbers for the "
			      "request's Idempotency-Key");
		return AKT_EXIT_UNREACHABLE;
	default:
		/* the text was checked to be UTF-8 */
		akt_cli_error("cannot add the note: its text cannot be sent "
			      "as JSON");
		return AKT_EXIT_USAGE;
	}
}

static int note(struct akt_cli *cli, const struct akt_args *a)
{
	char key[AKT_IDEM_LEN + 1];
	char *text = NULL, *err = NULL;
	int rc;

	if (!akt_text_read(a->opt[OPT_FILE], &text, &err)) {
		akt_cli_error("cannot add the note: %s", err);
		free(err);
		return AKT_EXIT_USAGE;
	}
	if (!akt_idem_new(key)) {
		akt_cli_error("cannot add the note: no random numbers for the "
			      "request's Idempotency-Key");
		free(text);
		return AKT_EXIT_UNREACHABLE;
	}
	rc = note_send(cli, a->pos[0], text, a->opt[OPT_PUBLISH] != NULL,
		       a->opt[OPT_JSON] != NULL, key);
	free(text);
	return rc;
}

const struct akt_cmd akt_cmd_note = {
	.name = "note",
	.args = "CASE",
	.min_pos = 1,
	.max_pos = 1,
	.summary = "add a journal note to a case",
	.help = "Add a journal note (journalanteckning) to CASE with the text\n"
		"read from standard input, or from the file F. Line breaks at\n"
		"the end are dropped; an empty text is refused before anything\n"
		"is sent. The note is internal unless --publish is given, which\n"
		"makes it visible to the citizen at once.",
	.opts = opts,
	.session = true,
	.exec = note,
};

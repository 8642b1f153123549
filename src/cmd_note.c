/*
 * cmd_note.c — akt note CASE [--publish] [--file F]
 *
 * Adds a journal note with the text from F or standard input. The text
 * is checked before anything is sent; then it goes through the outbox
 * like every write of akt: a draft with its own Idempotency-Key, moved
 * into outbox/, sent with the case's tag. When the platform cannot be
 * reached the note stays there for 'akt sync' (exit 6).
 */
#include "cmd_journal.h"
#include "cmd_outbox.h"
#include "akt/note.h"

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

static int on_sent(struct akt_cli *cli, const struct akt_draft *d,
		   const struct akt_reply *r, void *arg)
{
	const bool *json = arg;
	struct akt_note n;
	char *err = NULL;

	if (!akt_note_decode(r->json, &n, &err)) {
		akt_cli_error("the note was added to %s, but the platform's "
			      "answer is not understood: %s", d->case_number,
			      err);
		free(err);
		return AKT_EXIT_UNREACHABLE;
	}
	if (*json)
		akt_cli_print_json(cli, r->json);
	else
		jr_say(cli, "%s: note %lld added (%s)", d->case_number,
		       (long long)n.id, n.published ? "published" : "internal");
	akt_note_clear(&n);
	return AKT_EXIT_OK;
}

static int note(struct akt_cli *cli, const struct akt_args *a)
{
	bool json = a->opt[OPT_JSON] != NULL;
	const struct ob_one how = { "add the note", "note", on_sent, NULL,
				    &json };
	struct akt_draft d;
	int rc;

	if (!ob_text_draft(&d, AKT_DRAFT_NOTE, a->pos[0], a->opt[OPT_FILE],
			   how.what, &rc))
		return rc;
	d.publish = a->opt[OPT_PUBLISH] != NULL;
	rc = ob_send_one(cli, &d, &how,
			 ob_typed_here(a->opt[OPT_FILE]));
	akt_draft_clear(&d);
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
		"makes it visible to the citizen at once. It goes through the\n"
		"outbox: when the platform cannot be reached it is kept there,\n"
		"'akt sync' sends it, and the exit code is 6.",
	.opts = opts,
	.session = true,
	.exec = note,
};

/*
 * cmd_notes.c — akt notes CASE [--json]
 *
 * The case journal, oldest first: every page of the note list, each
 * note a block with who wrote it when, whether the citizen can see it
 * and has read it, and the text.
 */
#include "cmd_journal.h"
#include "akt/case_format.h"
#include "akt/note.h"
#include "akt/page_walk.h"
#include "akt/xalloc.h"

enum { OPT_JSON };

static const struct akt_opt opts[] = {
	[OPT_JSON] = { "json", NULL, false,
		"print the notes as a JSON array, as the platform has them" },
	{ NULL, NULL, false, NULL },
};

static void print_note(struct akt_cli *cli, const struct akt_note *n)
{
	char *who = akt_fmt_officers(&n->author, 1);
	char *when = akt_fmt_time(n->created_at);
	char *read = akt_fmt_time(n->read_by_citizen_at);

	jr_say(cli, "Note %lld  %s  %s", (long long)n->id, when, who);
	if (!n->published)
		jr_say(cli, "  internal");
	else if (n->read_by_citizen_at)
		jr_say(cli, "  published, read by the applicant on %s", read);
	else
		jr_say(cli, "  published, not read yet");
	if (n->source_message_id)
		jr_say(cli, "  filed from message %lld",
		       (long long)n->source_message_id);
	jr_text(cli, n->body, "    ");
	free(who);
	free(when);
	free(read);
}

static int on_page(struct akt_walk *w, const json_t *page, bool first)
{
	struct akt_note_page p;
	char *err = NULL;

	if (!akt_note_page_decode(page, &p, &err))
		return akt_cli_not_understood(err);
	for (size_t i = 0; i < p.n && !w->json; i++) {
		/* a blank line between notes, also across pages */
		if (w->items + i > 0)
			fputc('\n', w->cli->out);
		print_note(w->cli, &p.items[i]);
	}
	akt_note_page_clear(&p);
	return AKT_EXIT_OK;
}

static int notes(struct akt_cli *cli, const struct akt_args *a)
{
	const char *ref = a->pos[0];
	/* the largest page there is: a long journal in few requests */
	char *path = akt_case_path(ref, "/notes?limit=200");
	struct akt_walk w = {
		.cli = cli, .all = true, .json = a->opt[OPT_JSON] != NULL,
		.page = on_page, .fail = akt_case_fail, .what = ref,
	};
	int rc = akt_walk_pages(&w, path);

	if (rc == AKT_EXIT_OK && !w.json && w.items == 0)
		jr_say(cli, "No journal notes in %s.", ref);
	free(path);
	return rc;
}

const struct akt_cmd akt_cmd_notes = {
	.name = "notes",
	.args = "CASE",
	.min_pos = 1,
	.max_pos = 1,
	.summary = "show the journal notes of a case",
	.help = "Show the journal notes (journalanteckningar) of CASE, a case\n"
		"number or id, oldest first: who wrote each and when, whether\n"
		"it is internal or published to the citizen, and for a\n"
		"published note whether the applicant has read it, then the\n"
		"text.",
	.opts = opts,
	.session = true,
	.exec = notes,
};

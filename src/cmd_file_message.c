/*
 * cmd_file_message.c — akt file-message CASE MESSAGE [--comment TEXT]
 *
 * Files (journalför) a message into the case journal as a new internal
 * note. Filing is idempotent on the platform: a message filed before
 * answers 200 with the note it became, so running this twice gives the
 * same note.
 */
#include "cmd_journal.h"
#include "akt/case_write.h"
#include "akt/conflict.h"
#include "akt/i18n.h"
#include "akt/idem.h"
#include "akt/note.h"
#include "akt/ops.h"
#include "akt/xalloc.h"

enum { OPT_COMMENT, OPT_JSON };

static const struct akt_opt opts[] = {
	[OPT_COMMENT] = { "comment", "TEXT", false,
		"a comment added below the message in the note" },
	[OPT_JSON] = { "json", NULL, false,
		"print the platform's answer as JSON" },
	{ NULL, NULL, false, NULL },
};

struct file {
	struct akt_cli *cli;
	const char *case_ref;
	bool json;
	int64_t message;
	bool done;
	int rc;
};

static void on_filed(const struct akt_case_write_result *res, void *arg)
{
	struct file *f = arg;
	const struct akt_reply *r = res->reply;
	struct akt_note n;
	char *err = NULL, *what;

	f->done = true;
	if (res->case_failed) {
		f->rc = akt_case_fail(r, f->case_ref);
		return;
	}
	if (r->status == 404) {
		akt_cli_error("no message %lld in %s", (long long)f->message,
			      res->case_number);
		f->rc = AKT_EXIT_REFUSED;
		return;
	}
	if (r->result != AKT_OK) {
		what = xasprintf("file message %lld of %s",
				 (long long)f->message, res->case_number);
		f->rc = akt_conflict_fail(r, res->case_number, what);
		free(what);
		return;
	}
	if (!akt_note_decode(r->json, &n, &err)) {
		/* a 2xx came, but akt cannot say what it did */
		akt_cli_error(_("cannot tell whether message %lld was filed: "
				"the platform's answer is not understood: %s; "
				"run the command again, a message is filed "
				"only once"), (long long)f->message, err);
		free(err);
		f->rc = AKT_EXIT_UNREACHABLE;
		return;
	}
	/* 201: a new note; 200: the note it was filed as before */
	if (f->json)
		akt_cli_print_json(f->cli, r->json);
	else
		jr_say(f->cli, "%s: message %lld %s as note %lld",
		       res->case_number, (long long)f->message,
		       r->status == 201 ? "filed" : "was already filed",
		       (long long)n.id);
	akt_note_clear(&n);
	f->rc = AKT_EXIT_OK;
}

static int file_message(struct akt_cli *cli, const struct akt_args *a)
{
	struct file f = { cli, a->pos[0], a->opt[OPT_JSON] != NULL, 0, false,
			  AKT_EXIT_OK };
	char key[AKT_IDEM_LEN + 1] = "";

	if (!jr_id(a->pos[1], "MESSAGE", &f.message))
		return AKT_EXIT_USAGE;
	switch (akt_op_file_message(cli->session, f.case_ref, f.message,
				    a->opt[OPT_COMMENT], key, on_filed, &f)) {
	case AKT_OP_SENT:
		akt_cli_wait(cli, &f.done);
		return f.rc;
	case AKT_OP_NO_KEY:
		akt_cli_error("cannot file message %lld: no random numbers for "
			      "the request's Idempotency-Key",
			      (long long)f.message);
		return AKT_EXIT_UNREACHABLE;
	case AKT_OP_TOO_LONG:
		akt_cli_error("cannot file message %lld: the comment is too "
			      "long", (long long)f.message);
		return AKT_EXIT_USAGE;
	default:
		akt_cli_error("cannot file message %lld: the comment is not "
			      "valid UTF-8", (long long)f.message);
		return AKT_EXIT_USAGE;
	}
}

const struct akt_cmd akt_cmd_file_message = {
	.name = "file-message",
	.args = "CASE MESSAGE",
	.min_pos = 2,
	.max_pos = 2,
	.summary = "file a message into the case journal",
	.help = "File (journalför) the message MESSAGE of CASE, the citizen's\n"
		"or an officer's, into the case journal: the platform makes an\n"
		"internal journal note of it with its author, time and subject,\n"
		"and the comment TEXT when one is given. A message is filed only\n"
		"once; filing it again names the note it already is.",
	.opts = opts,
	.session = true,
	.exec = file_message,
};

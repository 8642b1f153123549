/*
 * cmd_outbox.h — private to the commands that write through the outbox
 * (note, reply, sync): opening the store and the outbox on the command
 * line, turning the loop until the outbox has done what it can, and the
 * lines they print about items.
 */
#ifndef AKT_CMD_OUTBOX_H
#define AKT_CMD_OUTBOX_H

#include "akt/cli.h"
#include "akt/outbox.h"

/* Exit code of a write kept in the outbox (akt(1)). */
#define AKT_EXIT_QUEUED 6

/* "note", "reply", "status change", "filing" */
const char *ob_noun(enum akt_draft_kind k);

/* The case of d as the officer knows it: its number, else "case 123"
 * (in buf), never NULL. */
const char *ob_case(const struct akt_draft *d, char buf[32]);

/* "changed by erik at 14:02" (what is known of it); malloc'd, not
 * sanitized. */
char *ob_changed(const struct akt_draft *d);

/* A command's side of one item sent through the outbox. */
struct ob_one {
	const char *what;      /* "add the note", for messages */
	const char *noun;      /* "note": "the note is kept in the outbox" */
	/* The platform took it: say so, return the exit code. */
	int (*sent)(struct akt_cli *cli, const struct akt_draft *d,
		    const struct akt_reply *r, void *arg);
	/* It refused the write itself (not the read of the case): say so,
	 * return the exit code; NULL for the general message. */
	int (*refused)(struct akt_cli *cli, const struct akt_draft *d,
		       const struct akt_reply *r, void *arg);
	void *arg;
};

/*
 * A new draft of kind k for the case as typed, holding the text read from
 * file (standard input when NULL or "-") and checked: the start of every
 * write of a text. False after one line saying why, nothing sent, with
 * *rc the exit code; what is how->what ("add the note").
 */
bool ob_text_draft(struct akt_draft *d, enum akt_draft_kind k,
		   const char *typed, const char *file, const char *what,
		   int *rc);

/*
 * Send d (kind, case_number as typed, text and what its kind needs set;
 * server and the rest filled here) through the outbox, wait until the
 * platform took it, refused it, or cannot be reached, and report it.
 * Returns the exit code: 6 when it is kept in the outbox. A write the
 * platform refuses stays a draft with the reason when keep_refused.
 */
int ob_send_one(struct akt_cli *cli, struct akt_draft *d,
		const struct ob_one *how, bool keep_refused);

/* Was the text typed at the terminal (standard input, no --file)? Then
 * a refused write keeps it as a draft; a file or a pipe still has it. */
bool ob_typed_here(const char *file_opt);

#endif

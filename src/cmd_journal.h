/*
 * cmd_journal.h — private to the journal and message commands (notes,
 * note, receipts, messages, reply, file-message): a GET that hands its
 * reply to a function, the messages for what was not found, and
 * printing texts from the platform.
 */
#ifndef AKT_CMD_JOURNAL_H
#define AKT_CMD_JOURNAL_H

#include "akt/case_cli.h"
#include "akt/cmd.h"

/* Called with the reply while it lives; returns an exit code. */
typedef int jr_reply_fn(const struct akt_reply *r, void *arg);

/* GET path, wait, and return what fn made of the reply. */
int jr_get(struct akt_cli *cli, const char *path, jr_reply_fn *fn,
	   void *arg);

/* A NOTE, THREAD or MESSAGE word: a positive number, else a usage
 * error naming what (false; exit 1). */
bool jr_id(const char *word, const char *what, int64_t *out);

/* A thing below the case (what: "note") answered 404: read the case to
 * tell "no note N in BYGG-…" from "no case REF". Exit code. */
int jr_not_found(struct akt_cli *cli, const char *case_ref,
		 const char *what, int64_t id);

/* A line on standard output, sanitized whole (it quotes the platform). */
void jr_say(struct akt_cli *cli, const char *fmt, ...) AKT_PRINTF(2, 3);

/* A text from the platform, sanitized with its line breaks kept, every
 * line indented. */
void jr_text(struct akt_cli *cli, const char *text, const char *indent);

#endif

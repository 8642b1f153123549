/*
 * cmd.h — command-line commands as data. Each command file defines one
 * struct akt_cmd; the table in cmd.c lists them. The same table parses
 * the command line and writes 'akt --help' and 'akt help COMMAND'.
 */
#ifndef AKT_CMD_H
#define AKT_CMD_H

#include "akt/cli.h"

#define AKT_CMD_MAXOPTS 12

/* A long option of a command ("--user NAME"). */
struct akt_opt {
	const char *name;        /* without "--" */
	const char *arg;         /* name of its argument; NULL for a flag */
	bool required;
	const char *help;
};

/* A parsed command line: opt[i] is the argument of option i ("" for a
 * flag that was given), NULL when absent; pos are the other words. */
struct akt_args {
	const char *opt[AKT_CMD_MAXOPTS];
	char **pos;
	int npos;
};

struct akt_cmd {
	const char *name;
	const char *args;        /* synopsis of the words: "[URL]" */
	int min_pos, max_pos;
	const char *summary;     /* one line, for 'akt --help' */
	const char *help;        /* paragraphs, for 'akt help NAME' */
	const struct akt_opt *opts;   /* ends with { NULL } */
	bool session;            /* needs the config, loop and session */
	int (*exec)(struct akt_cli *cli, const struct akt_args *a);
};

extern const struct akt_cmd akt_cmd_help;
extern const struct akt_cmd akt_cmd_login;
extern const struct akt_cmd akt_cmd_logout;
extern const struct akt_cmd akt_cmd_whoami;
extern const struct akt_cmd akt_cmd_queues;
extern const struct akt_cmd akt_cmd_cases;
extern const struct akt_cmd akt_cmd_show;
extern const struct akt_cmd akt_cmd_events;
extern const struct akt_cmd akt_cmd_document;
extern const struct akt_cmd akt_cmd_status;
extern const struct akt_cmd akt_cmd_assign;
extern const struct akt_cmd akt_cmd_retention;
extern const struct akt_cmd akt_cmd_notes;
extern const struct akt_cmd akt_cmd_note;
extern const struct akt_cmd akt_cmd_receipts;
extern const struct akt_cmd akt_cmd_messages;
extern const struct akt_cmd akt_cmd_reply;
extern const struct akt_cmd akt_cmd_file_message;
extern const struct akt_cmd akt_cmd_sync;
extern const struct akt_cmd akt_cmd_drafts;

/* Options before the command, shown in 'akt --help'. */
extern const struct akt_opt akt_global_opts[];

const struct akt_cmd *akt_cmd_find(const char *name);

/* Parse argv (argv[0] is the command name); an exit code, or OK. The
 * usage is printed on errors. Free a with akt_args_free either way. */
int akt_cmd_parse(const struct akt_cmd *cmd, int argc, char **argv,
		  struct akt_args *a);
void akt_args_free(struct akt_args *a);

void akt_cmd_usage(const struct akt_cmd *cmd, FILE *out);
void akt_cmd_help_text(const struct akt_cmd *cmd, FILE *out);
void akt_help_overview(FILE *out);
void akt_help_config(FILE *out);

#endif

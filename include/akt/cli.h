/*
 * cli.h — what the command-line commands share: their context (config,
 * loop, session), the exit codes, error output, and running the loop
 * until a command's calls are answered.
 */
#ifndef AKT_CLI_H
#define AKT_CLI_H

#include "akt/config.h"
#include "akt/loop.h"
#include "akt/session.h"

/* Exit codes, documented in akt(1). */
enum akt_exit {
	AKT_EXIT_OK = 0,
	AKT_EXIT_USAGE = 1,          /* bad command line or config */
	AKT_EXIT_REFUSED = 2,        /* not found, or refused */
	AKT_EXIT_CONFLICT = 3,
	AKT_EXIT_UNREACHABLE = 4,    /* platform unreachable or failing */
	AKT_EXIT_AUTH = 5,           /* not logged in, login failed */
};

struct akt_cli {
	const char *config_path;     /* --config FILE, or NULL */
	const char *log_path;        /* --log FILE, or NULL */
	struct akt_log *log;
	struct akt_config cfg;
	struct akt_loop *loop;
	struct akt_session *session;
	FILE *out;
	size_t columns;              /* of the terminal on out; 0 = not one */
};

/* Load the config, start the loop and restore the session. Returns an
 * exit code; AKT_EXIT_OK when ready. */
int akt_cli_open(struct akt_cli *cli);
void akt_cli_close(struct akt_cli *cli);

/* Run the loop until *done. */
void akt_cli_wait(struct akt_cli *cli, const bool *done);

/* One line on the command's output, sanitized as one line: for text
 * that quotes the platform. */
void akt_cli_say(struct akt_cli *cli, const char *fmt, ...) AKT_PRINTF(2, 3);
void akt_cli_vsay(struct akt_cli *cli, const char *fmt, va_list ap)
	AKT_PRINTF(2, 0);

/* "akt: MESSAGE" on stderr. */
void akt_cli_error(const char *fmt, ...) AKT_PRINTF(1, 2);

/* Report a failed reply ("akt: ERROR; HINT") and return its exit code. */
int akt_cli_fail(const struct akt_reply *r);
int akt_cli_exit_code(enum akt_result result);

/* Print platform JSON for --json; returns AKT_EXIT_OK. */
int akt_cli_print_json(struct akt_cli *cli, const json_t *j);

#endif

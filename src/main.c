/*
 * main.c — akt's entry: global options, then one command from the table.
 */
#include "akt/cmd.h"
#include "akt/ui.h"
#include "akt/i18n.h"
#include "akt/wipe.h"

#include <locale.h>
#include <signal.h>
#include <sys/stat.h>

/* Global options before the command; returns the index of the command
 * word, or -1 after handling --help/--version, or -2 on a usage error. */
static int global_options(struct akt_cli *cli, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0)
			return i + 1;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			akt_help_overview(stdout);
			return -1;
		}
		if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			printf("akt %s\n", AKT_VERSION);
			return -1;
		}
		if (strncmp(a, "--config=", 9) == 0) {
			cli->config_path = a + 9;
		} else if (strcmp(a, "--config") == 0 && i + 1 < argc) {
			cli->config_path = argv[++i];
		} else if (strncmp(a, "--log=", 6) == 0 && a[6]) {
			cli->log_path = a + 6;
		} else if (strcmp(a, "--log") == 0 && i + 1 < argc) {
			cli->log_path = argv[++i];
		} else if (strcmp(a, "--config") == 0 ||
			   strcmp(a, "--log") == 0 || strcmp(a, "--log=") == 0) {
			akt_cli_error("%.*s needs FILE; see 'akt --help'",
				      (int)strcspn(a, "="), a);
			return -2;
		} else {
			akt_cli_error("unknown option '%s'; see 'akt --help'", a);
			return -2;
		}
	}
	return i;
}

int main(int argc, char **argv)
{
	struct akt_cli cli;
	struct akt_args args;
	const struct akt_cmd *cmd;
	int first, rc;

	/* First of all, before any token is read: no core dump, debugger
	 * or /proc/PID/mem of another process of the officer may carry a
	 * token or a citizen's data, and freed memory is overwritten.
	 * Everything akt writes (the token store above all) is private. */
	akt_wipe_harden();
	umask(077);
	setlocale(LC_ALL, "");
	akt_i18n_init();
	/* A closed pipe on stdout should end output, not kill us mid-write
	 * of the token store; write errors are checked at exit. */
	signal(SIGPIPE, SIG_IGN);

	memset(&cli, 0, sizeof(cli));
	cli.out = stdout;
	first = global_options(&cli, argc, argv);
	if (first == -1)
		return AKT_EXIT_OK;
	if (first == -2)
		return AKT_EXIT_USAGE;
	if (first >= argc) {
		/* No command: the full-screen client. */
		rc = akt_cli_open(&cli);
		if (rc == AKT_EXIT_OK)
			rc = ui_run(&cli);
		akt_cli_close(&cli);
		akt_wipe_freed();
		return rc;
	}
	cmd = akt_cmd_find(argv[first]);
	if (!cmd) {
		akt_cli_error("'%s' is not a command; see 'akt --help'",
			      argv[first]);
		return AKT_EXIT_USAGE;
	}
	rc = akt_cmd_parse(cmd, argc - first, argv + first, &args);
	if (rc == AKT_EXIT_OK && cmd->session)
		rc = akt_cli_open(&cli);
	if (rc == AKT_EXIT_OK)
		rc = cmd->exec(&cli, &args);
	akt_args_free(&args);
	akt_cli_close(&cli);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE) {
			akt_cli_error("cannot write the output: %s",
				      strerror(errno));
			if (rc == AKT_EXIT_OK)
				rc = AKT_EXIT_USAGE;
		}
	}
	/* what was freed (tokens, the platform's answers) is overwritten
	 * before the memory goes back */
	akt_wipe_freed();
	return rc;
}

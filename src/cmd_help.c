/*
 * cmd_help.c — akt help [COMMAND | config | keys]
 */
#include "akt/cmd.h"
#include "akt/keys.h"

static int help(struct akt_cli *cli, const struct akt_args *a)
{
	const struct akt_cmd *cmd;

	if (a->npos == 0) {
		akt_help_overview(stdout);
		return AKT_EXIT_OK;
	}
	if (strcmp(a->pos[0], "config") == 0) {
		akt_help_config(stdout);
		return AKT_EXIT_OK;
	}
	if (strcmp(a->pos[0], "keys") == 0) {
		akt_keys_help(stdout);
		return AKT_EXIT_OK;
	}
	cmd = akt_cmd_find(a->pos[0]);
	if (!cmd) {
		akt_cli_error("no help for '%s': not a command; see 'akt --help'",
			      a->pos[0]);
		return AKT_EXIT_USAGE;
	}
	akt_cmd_help_text(cmd, stdout);
	return AKT_EXIT_OK;
}

static const struct akt_opt opts[] = {
	{ NULL, NULL, false, NULL },
};

const struct akt_cmd akt_cmd_help = {
	.name = "help",
	.args = "[COMMAND | config | keys]",
	.min_pos = 0,
	.max_pos = 1,
	.summary = "show help for a command or the settings",
	.help = "Without an argument, list the commands. With a command, show\n"
		"its usage and options. 'akt help config' lists the settings\n"
		"of the config file with their defaults; 'akt help keys' the\n"
		"keys of the full-screen client.",
	.opts = opts,
	.exec = help,
};

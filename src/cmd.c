/*
 * cmd.c — the table of commands, command-line parsing, and the help
 * texts built from the tables.
 */
#include "akt/cmd.h"
#include "akt/xalloc.h"

static const struct akt_cmd *const commands[] = {
	&akt_cmd_help,
	&akt_cmd_login,
	&akt_cmd_logout,
	&akt_cmd_whoami,
	&akt_cmd_queues,
	&akt_cmd_cases,
	&akt_cmd_show,
	&akt_cmd_events,
	&akt_cmd_document,
	&akt_cmd_status,
	&akt_cmd_assign,
	&akt_cmd_retention,
	&akt_cmd_notes,
	&akt_cmd_note,
	&akt_cmd_receipts,
	&akt_cmd_messages,
	&akt_cmd_reply,
	&akt_cmd_file_message,
	&akt_cmd_sync,
	&akt_cmd_drafts,
};

const struct akt_opt akt_global_opts[] = {
	{ "config", "FILE", false, "read settings from FILE" },
	{ "log", "FILE", false, "write a debug log of the requests to FILE" },
	{ "help", NULL, false, "show this help" },
	{ "version", NULL, false, "print the version" },
	{ NULL, NULL, false, NULL },
};

const struct akt_cmd *akt_cmd_find(const char *name)
{
	for (size_t i = 0; i < AKT_LEN(commands); i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static void usage_error(const struct akt_cmd *cmd, const char *fmt, ...)
	AKT_PRINTF(2, 3);

/* "-" before a one-letter option ("-o FILE"), "--" before the others. */
static const char *dashes(const struct akt_opt *opt)
{
	return opt->name[0] && !opt->name[1] ? "-" : "--";
}

static void usage_error(const struct akt_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "akt %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	akt_cmd_usage(cmd, stderr);
}

int akt_cmd_parse(const struct akt_cmd *cmd, int argc, char **argv,
		  struct akt_args *a)
{
	/* a->opt has room for AKT_CMD_MAXOPTS: a longer table is a bug */
	for (int o = 0; cmd->opts[o].name; o++)
		if (o >= AKT_CMD_MAXOPTS) {
			fprintf(stderr, "akt: command '%s' has more than %d "
				"options\n", cmd->name, AKT_CMD_MAXOPTS);
			abort();
		}
	bool options = true;

	memset(a, 0, sizeof(*a));
	a->pos = xcalloc((size_t)argc + 1, sizeof(char *));
	for (int i = 1; i < argc; i++) {
		const char *w = argv[i], *value;
		size_t len;
		bool letter;
		int o;

		if (!options || w[0] != '-' || !w[1]) {
			a->pos[a->npos++] = argv[i];
			continue;
		}
		if (strcmp(w, "--") == 0) {
			options = false;
			continue;
		}
		/* a one-letter option is written "-o", the others "--name" */
		letter = w[1] != '-';
		w += letter ? 1 : 2;
		len = letter ? strlen(w) : strcspn(w, "=");
		for (o = 0; cmd->opts[o].name; o++)
			if (strlen(cmd->opts[o].name) == len &&
			    (len == 1) == letter &&
			    strncmp(cmd->opts[o].name, w, len) == 0)
				break;
		if (!cmd->opts[o].name) {
			usage_error(cmd, "unknown option '%s%.*s'",
				    letter ? "-" : "--", (int)len, w);
			return AKT_EXIT_USAGE;
		}
		value = w[len] == '=' ? w + len + 1 : NULL;
		if (!cmd->opts[o].arg) {
			if (value) {
				usage_error(cmd, "%s%s takes no value",
					    dashes(&cmd->opts[o]),
					    cmd->opts[o].name);
				return AKT_EXIT_USAGE;
			}
			value = "";
		} else if (!value) {
			if (i + 1 >= argc) {
				usage_error(cmd, "%s%s needs %s",
					    dashes(&cmd->opts[o]),
					    cmd->opts[o].name, cmd->opts[o].arg);
				return AKT_EXIT_USAGE;
			}
			value = argv[++i];
		}
		a->opt[o] = value;
	}
	for (int o = 0; cmd->opts[o].name; o++) {
		if (cmd->opts[o].required && !a->opt[o]) {
			usage_error(cmd, "%s%s %s is required",
				    dashes(&cmd->opts[o]), cmd->opts[o].name,
				    cmd->opts[o].arg);
			return AKT_EXIT_USAGE;
		}
	}
	if (a->npos < cmd->min_pos || a->npos > cmd->max_pos) {
		usage_error(cmd, a->npos < cmd->min_pos ? "too few arguments" :
			    "too many arguments");
		return AKT_EXIT_USAGE;
	}
	return AKT_EXIT_OK;
}

void akt_args_free(struct akt_args *a)
{
	xfree(&a->pos);
	a->npos = 0;
}

void akt_cmd_usage(const struct akt_cmd *cmd, FILE *out)
{
	fprintf(out, "usage: akt %s", cmd->name);
	if (cmd->args && *cmd->args)
		fprintf(out, " %s", cmd->args);
	for (int o = 0; cmd->opts[o].name; o++) {
		const struct akt_opt *opt = &cmd->opts[o];

		fprintf(out, " %s%s%s%s%s%s", opt->required ? "" : "[",
			dashes(opt), opt->name, opt->arg ? " " : "",
			opt->arg ? opt->arg : "", opt->required ? "" : "]");
	}
	fputc('\n', out);
}

static void print_opts(const struct akt_opt *opts, FILE *out)
{
	int width = 0;

	for (int o = 0; opts[o].name; o++) {
		int w = (int)(strlen(dashes(&opts[o])) + strlen(opts[o].name) +
			      (opts[o].arg ? strlen(opts[o].arg) + 1 : 0));

		width = AKT_MAX(width, w);
	}
	for (int o = 0; opts[o].name; o++) {
		char *left = xasprintf("%s%s%s%s", dashes(&opts[o]),
				       opts[o].name, opts[o].arg ? " " : "",
				       opts[o].arg ? opts[o].arg : "");

		fprintf(out, "  %-*s  %s\n", width, left, opts[o].help);
		free(left);
	}
}

void akt_cmd_help_text(const struct akt_cmd *cmd, FILE *out)
{
	akt_cmd_usage(cmd, out);
	fprintf(out, "\n%s\n", cmd->help);
	if (cmd->opts[0].name) {
		fputs("\nOptions:\n", out);
		print_opts(cmd->opts, out);
	}
}

void akt_help_overview(FILE *out)
{
	int width = 0;

	fputs("usage: akt [--config FILE] [--log FILE] COMMAND [ARGUMENTS]\n"
	      "       akt --help | --version\n\n"
	      "akt is a terminal client for case officers.\n\n"
	      "Commands:\n", out);
	for (size_t i = 0; i < AKT_LEN(commands); i++)
		width = AKT_MAX(width, (int)strlen(commands[i]->name));
	for (size_t i = 0; i < AKT_LEN(commands); i++)
		fprintf(out, "  %-*s  %s\n", width, commands[i]->name,
			commands[i]->summary);
	fputs("\nOptions:\n", out);
	print_opts(akt_global_opts, out);
	fputs("\nSee 'akt help COMMAND' for a command, 'akt help config' for "
	      "the settings,\n'akt help keys' for the keys.\n", out);
}

void akt_help_config(FILE *out)
{
	char *path = akt_config_path();
	int width = 0;

	fprintf(out, "Settings are read from %s (or --config FILE),\n"
		"one per line: set NAME = VALUE. Lines starting with # are "
		"comments.\n\n", path ? path : "$XDG_CONFIG_HOME/akt/config");
	for (size_t i = 0; i < akt_noptions; i++)
		width = AKT_MAX(width, (int)strlen(akt_options[i].name));
	for (size_t i = 0; i < akt_noptions; i++) {
		const struct akt_option *o = &akt_options[i];

		fprintf(out, "  %-*s  %s\n  %-*s  default: %s\n", width, o->name,
			o->help, width, "", *o->value ? o->value : "(none)");
	}
	fputs("\nAKT_SERVER in the environment overrides 'server'.\n"
	      "Lines 'bind SCREEN KEY ACTION' and 'color OBJECT FG BG [ATTR...]'\n"
	      "change keys and colours ('akt help keys', akt-themes(5)).\n"
	      "akt.conf(5) describes every setting.\n", out);
	free(path);
}

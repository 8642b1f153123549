/*
 * cmd_login.c — akt login [URL] --user NAME [--password-stdin]
 */
#include "akt/auth.h"
#include "akt/cmd.h"
#include "akt/password.h"
#include "akt/sanitize.h"
#include "akt/xalloc.h"

enum { OPT_USER, OPT_PASSWORD_STDIN };

static const struct akt_opt opts[] = {
	[OPT_USER] = { "user", "NAME", true, "your user name on the platform" },
	[OPT_PASSWORD_STDIN] = { "password-stdin", NULL, false,
		"read the password from the first line of standard input" },
	{ NULL, NULL, false, NULL },
};

struct login {
	bool done;
	int rc;
};

static void on_login(const struct akt_reply *r, void *arg)
{
	struct login *l = arg;

	l->done = true;
	l->rc = r->result == AKT_OK ? AKT_EXIT_OK : akt_cli_fail(r);
}

static int login(struct akt_cli *cli, const struct akt_args *a)
{
	const char *user = a->opt[OPT_USER];
	struct login l = { false, AKT_EXIT_OK };
	char *server = NULL, *err = NULL, *password = NULL, *prompt, *shown;

	if (a->npos == 1) {
		if (!akt_server_check(a->pos[0], &server, &err)) {
			akt_cli_error("%s", err);
			free(err);
			return AKT_EXIT_USAGE;
		}
		akt_session_use_server(cli->session, server);
		free(server);
	}
	if (!akt_session_server(cli->session)) {
		akt_cli_error("which platform? give its URL: 'akt login "
			      "https://…', or 'set server' in the config");
		return AKT_EXIT_USAGE;
	}
	if (!*user) {
		akt_cli_error("login: the user name is empty");
		return AKT_EXIT_USAGE;
	}
	shown = akt_sanitize_str(akt_session_server(cli->session),
				 AKT_SAN_ONELINE);
	if (a->opt[OPT_PASSWORD_STDIN]) {
		password = akt_password_stdin(&err);
	} else {
		char *who = akt_sanitize_str(user, AKT_SAN_ONELINE);

		prompt = xasprintf("Password for %s at %s: ", who, shown);
		password = akt_password_prompt(prompt, &err);
		free(prompt);
		free(who);
	}
	if (!password) {
		akt_cli_error("login: %s", err);
		free(err);
		free(shown);
		return AKT_EXIT_USAGE;
	}
	akt_auth_login(cli->session, user, password, on_login, &l);
	xfree_secret(&password);
	akt_cli_wait(cli, &l.done);
	if (l.rc == AKT_EXIT_OK) {
		char *who = akt_sanitize_str(user, AKT_SAN_ONELINE);

		fprintf(cli->out, "Logged in to %s as %s.\n", shown, who);
		if (cli->cfg.token_store == AKT_TOKENS_NONE)
			akt_cli_error("note: token_store is none, so the login "
				      "ends with this command");
		free(who);
	}
	free(shown);
	return l.rc;
}

const struct akt_cmd akt_cmd_login = {
	.name = "login",
	.args = "[URL]",
	.min_pos = 0,
	.max_pos = 1,
	.summary = "log in to a platform",
	.help = "Log in to the platform at URL, or to the configured server\n"
		"('set server' or AKT_SERVER), with your user name and password.\n"
		"The password is asked for on the terminal, without echo; with\n"
		"--password-stdin it is read from standard input instead, for\n"
		"scripts. It is never taken from the command line.\n"
		"\n"
		"The login is kept in a private file for the next commands and\n"
		"renewed when it expires; 'akt logout' ends it. Signing in\n"
		"through a browser (device flow) comes in a later version.\n"
		"\n"
		"Plain http is accepted only for this computer (localhost);\n"
		"anything else must be https.",
	.opts = opts,
	.session = true,
	.exec = login,
};

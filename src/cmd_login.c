/*
 * cmd_login.c — akt login [URL] [--user NAME] [--password-stdin]
 *
 * Without --user the platform's browser sign-in (device flow) is used
 * when it has one; otherwise a user name and password, from the options,
 * the config (user, credential_command) or the terminal.
 */
#include "akt/auth.h"
#include "akt/cmd.h"
#include "akt/password.h"
#include "akt/sanitize.h"
#include "akt/xalloc.h"

#include <unistd.h>

enum { OPT_USER, OPT_PASSWORD_STDIN };

static const struct akt_opt opts[] = {
	[OPT_USER] = { "user", "NAME", false,
		"log in with this user name and a password" },
	[OPT_PASSWORD_STDIN] = { "password-stdin", NULL, false,
		"read the password from the first line of standard input" },
	{ NULL, NULL, false, NULL },
};

struct login {
	struct akt_cli *cli;
	char *shown;            /* the server, sanitized */
	bool done;
	int rc;
};

static void on_login(const struct akt_reply *r, void *arg)
{
	struct login *l = arg;

	l->done = true;
	l->rc = r->result == AKT_OK ? AKT_EXIT_OK : akt_cli_fail(r);
}

/* The user name from the config, else asked on the terminal. */
static char *ask_user(void *ui, char **err)
{
	struct login *l = ui;
	char line[256];
	FILE *tty;
	size_t len;

	if (*l->cli->cfg.user)
		return xstrdup(l->cli->cfg.user);
	tty = fopen("/dev/tty", "r+e");
	if (!tty) {
		*err = xstrdup("no terminal to ask for the user name on; give "
			       "--user NAME");
		return NULL;
	}
	fprintf(tty, "User name at %s: ", l->shown);
	fflush(tty);
	if (!fgets(line, sizeof(line), tty)) {
		fclose(tty);
		*err = xstrdup("no user name given");
		return NULL;
	}
	fclose(tty);
	len = strcspn(line, "\r\n");
	line[len] = '\0';
	if (!len) {
		*err = xstrdup("no user name given");
		return NULL;
	}
	return xstrdup(line);
}

static char *ask_password(void *ui, const char *user, char **err)
{
	struct login *l = ui;
	char *who = akt_sanitize_str(user, AKT_SAN_ONELINE);
	char *prompt = xasprintf("Password for %s at %s: ", who, l->shown);
	char *password = akt_password_prompt(prompt, err);

	free(prompt);
	free(who);
	return password;
}

/* The code and where to enter it, on standard output so that a script
 * or a test can read it while akt waits. */
static void show_device(void *ui, const struct akt_device_auth *d)
{
	struct login *l = ui;
	FILE *out = l->cli->out;
	char *code = akt_sanitize_str(d->user_code, AKT_SAN_ONELINE);
	char *uri = akt_sanitize_str(d->verification_uri, AKT_SAN_ONELINE);
	long minutes = (long)((d->expires_in + 59) / 60);

	if (d->verification_uri_complete) {
		char *full = akt_sanitize_str(d->verification_uri_complete,
					      AKT_SAN_ONELINE);

		fprintf(out, "To log in, open this address in a browser:\n"
			"  %s\n"
			"or open %s and enter the code\n", full, uri);
		free(full);
	} else {
		fprintf(out, "To log in, open %s in a browser\n"
			"and enter the code\n", uri);
	}
	fprintf(out, "  %s\n"
		"The code is valid for %ld minute%s. Waiting for you to "
		"approve...\n", code, minutes, minutes == 1 ? "" : "s");
	fflush(out);
	free(code);
	free(uri);
}

static int login(struct akt_cli *cli, const struct akt_args *a)
{
	struct login l = { cli, NULL, false, AKT_EXIT_OK };
	struct akt_login_req req = {
		.user = a->opt[OPT_USER],
		.credential_command = cli->cfg.credential_command,
		.ask_user = ask_user, .ask_password = ask_password,
		.show_device = show_device, .ui = &l,
	};
	char *server = NULL, *err = NULL, *password = NULL;
	const struct akt_tokens *t;

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
	if (req.user && !*req.user) {
		akt_cli_error("login: the user name is empty");
		return AKT_EXIT_USAGE;
	}
	/* a configured password manager stands in for --user */
	if (!req.user && *cli->cfg.user && *cli->cfg.credential_command)
		req.user = cli->cfg.user;
	if (a->opt[OPT_PASSWORD_STDIN]) {
		if (!req.user)
			req.user = *cli->cfg.user ? cli->cfg.user : NULL;
		if (!req.user) {
			akt_cli_error("login: --password-stdin needs --user NAME "
				      "(or 'set user' in the config)");
			return AKT_EXIT_USAGE;
		}
		password = akt_password_stdin(&err);
		if (!password) {
			akt_cli_error("login: %s", err);
			free(err);
			return AKT_EXIT_USAGE;
		}
		req.password = password;
	}
	l.shown = akt_sanitize_str(akt_session_server(cli->session),
				   AKT_SAN_ONELINE);
	akt_auth_login_with(cli->session, &req, on_login, &l);
	xfree_secret(&password);
	akt_cli_wait(cli, &l.done);
	t = akt_session_tokens(cli->session);
	if (l.rc == AKT_EXIT_OK && t) {
		char *who = akt_sanitize_str(t->username, AKT_SAN_ONELINE);

		if (*who)
			fprintf(cli->out, "Logged in to %s as %s.\n", l.shown,
				who);
		else
			fprintf(cli->out, "Logged in to %s.\n", l.shown);
		if (cli->cfg.token_store == AKT_TOKENS_NONE)
			akt_cli_error("note: token_store is none, so the login "
				      "ends with this command; set user and "
				      "credential_command to let each command "
				      "sign in");
		free(who);
	}
	free(l.shown);
	return l.rc;
}

const struct akt_cmd akt_cmd_login = {
	.name = "login",
	.args = "[URL]",
	.min_pos = 0,
	.max_pos = 1,
	.summary = "log in to a platform",
	.help = "Log in to the platform at URL, or to the configured server\n"
		"('set server' or AKT_SERVER).\n"
		"\n"
		"Without --user, and when the platform offers it, you sign in\n"
		"in a browser: akt shows an address and a code, you open the\n"
		"address (on any device), sign in there and approve the code,\n"
		"and akt finishes the login by itself.\n"
		"\n"
		"With --user, or when the platform has no browser sign-in, you\n"
		"log in with your user name and password. The password is\n"
		"asked for on the terminal without echo, taken from\n"
		"credential_command (see akt.conf(5)), or with --password-stdin\n"
		"read from standard input, for scripts. It is never taken from\n"
		"the command line.\n"
		"\n"
		"The login is kept in a private file for the next commands and\n"
		"renewed when it expires; 'akt logout' ends it.\n"
		"\n"
		"Plain http is accepted only for this computer (localhost);\n"
		"anything else must be https.",
	.opts = opts,
	.session = true,
	.exec = login,
};

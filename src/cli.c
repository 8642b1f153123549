/*
 * cli.c — the context and helpers of the command-line commands.
 */
#include "akt/cli.h"
#include "akt/auth.h"
#include "akt/i18n.h"
#include "akt/json_text.h"
#include "akt/sanitize.h"
#include "akt/xalloc.h"

#include <sys/ioctl.h>
#include <unistd.h>

void akt_cli_error(const char *fmt, ...)
{
	va_list ap;
	char *msg, *safe;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* Messages quote the platform, file names and URLs; passing the
	 * whole line through the sanitizer covers them all at once. */
	safe = akt_sanitize_str(msg, AKT_SAN_ONELINE);
	fflush(stdout);
	fprintf(stderr, "akt: %s\n", safe);
	free(msg);
	free(safe);
}

void akt_cli_vsay(struct akt_cli *cli, const char *fmt, va_list ap)
{
	char *line = xvasprintf(fmt, ap);
	char *safe = akt_sanitize_str(line, AKT_SAN_ONELINE);

	fprintf(cli->out, "%s\n", safe);
	free(line);
	free(safe);
}

void akt_cli_say(struct akt_cli *cli, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	akt_cli_vsay(cli, fmt, ap);
	va_end(ap);
}

int akt_cli_exit_code(enum akt_result result)
{
	switch (result) {
	case AKT_OK:            return AKT_EXIT_OK;
	case AKT_E_INVALID:     return AKT_EXIT_USAGE;
	case AKT_E_NOT_FOUND:
	case AKT_E_REFUSED:     return AKT_EXIT_REFUSED;
	case AKT_E_CONFLICT:    return AKT_EXIT_CONFLICT;
	case AKT_E_UNREACHABLE:
	case AKT_E_PROTOCOL:    return AKT_EXIT_UNREACHABLE;
	case AKT_E_AUTH:
	case AKT_E_LOCKED:      return AKT_EXIT_AUTH;
	}
	return AKT_EXIT_UNREACHABLE;
}

int akt_cli_fail(const struct akt_reply *r)
{
	/* r->error is sanitized by the engine; hints are ours */
	if (r->hint)
		akt_cli_error("%s; %s", r->error, r->hint);
	else
		akt_cli_error("%s", r->error);
	return akt_cli_exit_code(r->result);
}

int akt_cli_print_json(struct akt_cli *cli, const json_t *j)
{
	char *text = akt_json_text(j);

	fprintf(cli->out, "%s\n", text);
	free(text);
	return AKT_EXIT_OK;
}

static size_t terminal_columns(FILE *f)
{
	struct winsize ws;

	if (!isatty(fileno(f)) || ioctl(fileno(f), TIOCGWINSZ, &ws) != 0)
		return 0;
	return ws.ws_col ? ws.ws_col : 80;
}

int akt_cli_open(struct akt_cli *cli)
{
	char *path = cli->config_path ? xstrdup(cli->config_path) :
		     akt_config_path();
	char *err = NULL;
	int rc = AKT_EXIT_OK;

	akt_config_init(&cli->cfg);
	cli->out = stdout;
	cli->columns = terminal_columns(stdout);
	if ((path && !akt_config_load(&cli->cfg, path, cli->config_path != NULL,
				      &err)) ||
	    !akt_config_env(&cli->cfg, &err)) {
		/* one line per problem, each its own "akt:" line */
		for (char *line = err, *next; line; line = next) {
			next = strchr(line, '\n');
			if (next)
				*next++ = '\0';
			akt_cli_error("%s", line);
		}
		rc = AKT_EXIT_USAGE;
		goto out;
	}
	/* On every start, so that it is never forgotten in the file (the
	 * only place that can set it: path is not NULL). */
	if (cli->cfg.tls_verify == AKT_TLS_NO_VERIFY)
		akt_cli_error(_("warning: tls_verify = no in %s: the platform's "
				"certificate is not checked, so anyone on the "
				"network can read and change what akt sends"),
			      path);
	if (cli->log_path) {
		cli->log = akt_log_open(cli->log_path, &err);
		if (!cli->log) {
			akt_cli_error("%s", err);
			rc = AKT_EXIT_USAGE;
			goto out;
		}
		akt_log_note(cli->log, "akt %s", AKT_VERSION);
	}
	cli->loop = akt_loop_new();
	cli->session = akt_session_new(cli->loop, &cli->cfg);
	akt_session_set_log(cli->session, cli->log);
	/* logins that last one command: each command signs in itself */
	if (cli->cfg.token_store == AKT_TOKENS_NONE)
		akt_auth_auto_signin(cli->session);
	if (!akt_session_restore(cli->session, &err)) {
		akt_cli_error("%s", err);
		rc = AKT_EXIT_AUTH;
	}
out:
	free(path);
	free(err);
	return rc;
}

void akt_cli_close(struct akt_cli *cli)
{
	if (cli->session) {
		char *warning = akt_session_take_warning(cli->session);

		if (warning)
			akt_cli_error("warning: %s", warning);
		free(warning);
	}
	akt_session_free(&cli->session);
	akt_loop_free(&cli->loop);
	akt_log_close(&cli->log);
	akt_config_clear(&cli->cfg);
}

void akt_cli_wait(struct akt_cli *cli, const bool *done)
{
	if (!akt_loop_run_until(cli->loop, done)) {
		/* a call that can never be answered: a bug, not bad input */
		akt_cli_error("internal error: waiting for nothing");
		abort();
	}
}

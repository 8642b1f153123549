/*
 * cmd_logout.c — akt logout
 */
#include "akt/auth.h"
#include "akt/cmd.h"
#include "akt/sanitize.h"

struct logout {
	bool done;
	int rc;
};

static void on_logout(const struct akt_reply *r, void *arg)
{
	struct logout *o = arg;

	o->done = true;
	o->rc = r->result == AKT_OK ? AKT_EXIT_OK : akt_cli_fail(r);
}

static int logout(struct akt_cli *cli, const struct akt_args *a)
{
	struct logout o = { false, AKT_EXIT_OK };
	char *shown;

	if (!akt_session_logged_in(cli->session)) {
		fprintf(cli->out, "Not logged in.\n");
		return AKT_EXIT_OK;
	}
	shown = akt_sanitize_str(akt_session_server(cli->session),
				 AKT_SAN_ONELINE);
	akt_auth_logout(cli->session, on_logout, &o);
	akt_cli_wait(cli, &o.done);
	if (o.rc == AKT_EXIT_OK)
		fprintf(cli->out, "Logged out of %s.\n", shown);
	free(shown);
	return o.rc;
}

static const struct akt_opt opts[] = {
	{ NULL, NULL, false, NULL },
};

const struct akt_cmd akt_cmd_logout = {
	.name = "logout",
	.args = "",
	.min_pos = 0,
	.max_pos = 0,
	.summary = "end the login and forget it",
	.help = "Ask the platform to revoke the login, then forget it here.\n"
		"When the platform cannot be reached the login is forgotten\n"
		"all the same and akt says so; the platform ends it by itself\n"
		"when it expires.",
	.opts = opts,
	.session = true,
	.exec = logout,
};

/*
 * cmd_whoami.c — akt whoami [--json]
 */
#include "akt/buf.h"
#include "akt/cmd.h"
#include "akt/officer.h"
#include "akt/table.h"

enum { OPT_JSON };

static const struct akt_opt opts[] = {
	[OPT_JSON] = { "json", NULL, false,
		"print the platform's officer object as JSON" },
	{ NULL, NULL, false, NULL },
};

struct whoami {
	struct akt_cli *cli;
	bool json;
	bool done;
	int rc;
};

static void row(struct akt_table *t, const char *key, const char *value)
{
	const char *cells[] = { key, value };

	akt_table_row(t, cells);
}

static void print_officer(struct akt_cli *cli, const struct akt_officer *o)
{
	struct akt_table *t = akt_table_new(2, NULL);
	struct akt_buf units, roles, scopes;

	akt_buf_init(&units, 0);
	akt_buf_init(&roles, 0);
	akt_buf_init(&scopes, 0);
	for (size_t i = 0; i < o->nunits; i++)
		akt_buf_printf(&units, "%s%s (%lld)", i ? ", " : "",
			       o->units[i].name, (long long)o->units[i].id);
	for (size_t i = 0; i < o->nroles; i++)
		akt_buf_printf(&roles, "%s%s", i ? ", " : "", o->roles[i]);
	for (size_t i = 0; i < o->nscopes; i++)
		akt_buf_printf(&scopes, "%s%s", i ? ", " : "", o->scopes[i]);
	row(t, "name", o->name);
	row(t, "user", o->username);
	row(t, "email", o->email ? o->email : "");
	row(t, "units", akt_buf_str(&units));
	row(t, "roles", akt_buf_str(&roles));
	row(t, "scopes", akt_buf_str(&scopes));
	row(t, "server", akt_session_server(cli->session));
	akt_table_col(t, 1, AKT_COL_FLEX);
	akt_table_print(t, cli->out, cli->columns);
	akt_table_free(&t);
	akt_buf_free(&units);
	akt_buf_free(&roles);
	akt_buf_free(&scopes);
}

static void on_me(const struct akt_reply *r, void *arg)
{
	struct whoami *w = arg;
	struct akt_officer o;
	char *err = NULL;

	w->done = true;
	if (r->result != AKT_OK) {
		w->rc = akt_cli_fail(r);
		return;
	}
	if (!akt_officer_decode(r->json, &o, &err)) {
		akt_cli_error("the platform's answer is not understood: %s; "
			      "if it persists, tell the platform's support", err);
		free(err);
		w->rc = AKT_EXIT_UNREACHABLE;
		return;
	}
	/* decoded first even for --json: what akt cannot read, it does
	 * not pass on as if it were fine */
	if (w->json)
		w->rc = akt_cli_print_json(w->cli, r->json);
	else
		print_officer(w->cli, &o);
	akt_officer_clear(&o);
}

static int whoami(struct akt_cli *cli, const struct akt_args *a)
{
	struct whoami w = { cli, a->opt[OPT_JSON] != NULL, false, AKT_EXIT_OK };
	struct akt_call c = { .method = "GET", .path = "/v1/me" };

	akt_session_call(cli->session, &c, on_me, &w);
	akt_cli_wait(cli, &w.done);
	return w.rc;
}

const struct akt_cmd akt_cmd_whoami = {
	.name = "whoami",
	.args = "",
	.min_pos = 0,
	.max_pos = 0,
	.summary = "show who is logged in",
	.help = "Show the logged-in officer as the platform knows them: name,\n"
		"user name, e-mail, units, roles and permissions (scopes).",
	.opts = opts,
	.session = true,
	.exec = whoami,
};

/*
 * cmd_receipts.c — akt receipts CASE NOTE [--json]
 *
 * Who of the citizen's side has read a published note, and when.
 */
#include "cmd_journal.h"
#include "akt/case_format.h"
#include "akt/note.h"
#include "akt/table.h"
#include "akt/when.h"
#include "akt/xalloc.h"

enum { OPT_JSON };

static const struct akt_opt opts[] = {
	[OPT_JSON] = { "json", NULL, false,
		"print the platform's answer as JSON" },
	{ NULL, NULL, false, NULL },
};

enum { C_READER, C_ROLE, C_READ, NCOLS };

static const char *const headers[NCOLS] = {
	[C_READER] = "READER", [C_ROLE] = "ROLE", [C_READ] = "READ",
};

struct receipts {
	struct akt_cli *cli;
	const char *case_ref;
	int64_t note;
	bool json;
	bool not_found;
};

/* The role as the officer says it: "co-applicant". */
static const char *role_text(const char *role)
{
	if (strcmp(role, "co_applicant") == 0)
		return "co-applicant";
	return role;
}

static void print_receipts(struct akt_cli *cli, const struct receipts *rc,
			   const struct akt_receipt_list *l)
{
	struct akt_table *t;

	if (l->n == 0) {
		jr_say(cli, "Nobody has read note %lld yet (only published "
		       "notes can be read).", (long long)rc->note);
		return;
	}
	t = akt_table_new(NCOLS, headers);
	akt_table_col(t, C_READER, AKT_COL_FLEX);
	for (size_t i = 0; i < l->n; i++) {
		char when[AKT_WHEN_LEN];
		const char *cells[NCOLS] = {
			[C_READER] = l->items[i].party_name,
			[C_ROLE] = role_text(l->items[i].party_role),
			[C_READ] = akt_when(l->items[i].read_at, when),
		};

		akt_table_row(t, cells);
	}
	akt_table_print(t, cli->out, cli->columns);
	akt_table_free(&t);
}

static int on_receipts(const struct akt_reply *r, void *arg)
{
	struct receipts *rc = arg;
	struct akt_receipt_list l;
	char *err = NULL;

	if (r->status == 404) {
		rc->not_found = true;
		return AKT_EXIT_REFUSED;
	}
	if (r->result != AKT_OK)
		return akt_case_fail(r, rc->case_ref);
	if (!akt_receipt_list_decode(r->json, &l, &err))
		return akt_cli_not_understood(err);
	if (rc->json)
		akt_cli_print_json(rc->cli, r->json);
	else
		print_receipts(rc->cli, rc, &l);
	akt_receipt_list_clear(&l);
	return AKT_EXIT_OK;
}

static int receipts(struct akt_cli *cli, const struct akt_args *a)
{
	struct receipts rc = { cli, a->pos[0], 0, a->opt[OPT_JSON] != NULL,
			       false };
	char *suffix, *path;
	int code;

	if (!jr_id(a->pos[1], "NOTE", &rc.note))
		return AKT_EXIT_USAGE;
	suffix = xasprintf("/notes/%lld/receipts", (long long)rc.note);
	path = akt_case_path(a->pos[0], suffix);
	code = jr_get(cli, path, on_receipts, &rc);
	if (rc.not_found)
		code = jr_not_found(cli, a->pos[0], "note", rc.note);
	free(path);
	free(suffix);
	return code;
}

const struct akt_cmd akt_cmd_receipts = {
	.name = "receipts",
	.args = "CASE NOTE",
	.min_pos = 2,
	.max_pos = 2,
	.summary = "show who has read a published note",
	.help = "Show who on the citizen's side (the applicant, a co-applicant\n"
		"or a representative) has read the published journal note NOTE\n"
		"of CASE, and when they first read it.",
	.opts = opts,
	.session = true,
	.exec = receipts,
};

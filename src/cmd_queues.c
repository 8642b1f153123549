/*
 * cmd_queues.c — akt queues [--json]
 */
#include "akt/cmd.h"
#include "akt/queue.h"
#include "akt/table.h"
#include "akt/xalloc.h"

enum { OPT_JSON };

static const struct akt_opt opts[] = {
	[OPT_JSON] = { "json", NULL, false,
		"print the platform's answer as JSON" },
	{ NULL, NULL, false, NULL },
};

enum { C_ID, C_QUEUE, C_UNIT, C_NEW, C_REG, C_PROG, C_CLOSED, C_TOTAL,
       C_UNREAD, NCOLS };

static const char *const headers[NCOLS] = {
	[C_ID] = "ID", [C_QUEUE] = "QUEUE", [C_UNIT] = "UNIT",
	[C_NEW] = "NEW", [C_REG] = "REG", [C_PROG] = "IN-PROG",
	[C_CLOSED] = "CLOSED", [C_TOTAL] = "TOTAL", [C_UNREAD] = "UNREAD",
};

struct queues {
	struct akt_cli *cli;
	bool json;
	bool done;
	int rc;
};

static void print_queues(struct akt_cli *cli, const struct akt_queue_list *l)
{
	struct akt_table *t = akt_table_new(NCOLS, headers);

	for (size_t c = 0; c < NCOLS; c++)
		akt_table_col(t, c, c == C_QUEUE || c == C_UNIT ? AKT_COL_FLEX :
				    AKT_COL_RIGHT);
	for (size_t i = 0; i < l->n; i++) {
		const struct akt_queue *q = &l->items[i];
		const int64_t nums[NCOLS] = {
			[C_ID] = q->id, [C_NEW] = q->counts.submitted,
			[C_REG] = q->counts.registered,
			[C_PROG] = q->counts.in_progress,
			[C_CLOSED] = q->counts.closed, [C_TOTAL] = q->counts.total,
			[C_UNREAD] = q->unread_messages,
		};
		char *text[NCOLS] = { NULL };
		const char *cells[NCOLS];

		for (size_t c = 0; c < NCOLS; c++)
			if (c != C_QUEUE && c != C_UNIT)
				text[c] = xasprintf("%lld", (long long)nums[c]);
		text[C_QUEUE] = q->name;
		text[C_UNIT] = q->unit.name;
		for (size_t c = 0; c < NCOLS; c++)
			cells[c] = text[c];
		akt_table_row(t, cells);
		for (size_t c = 0; c < NCOLS; c++)
			if (c != C_QUEUE && c != C_UNIT)
				free(text[c]);
	}
	akt_table_print(t, cli->out, cli->columns);
	akt_table_free(&t);
}

static void on_queues(const struct akt_reply *r, void *arg)
{
	struct queues *q = arg;
	struct akt_queue_list l;
	char *err = NULL;

	q->done = true;
	if (r->result != AKT_OK) {
		q->rc = akt_cli_fail(r);
		return;
	}
	if (!akt_queue_list_decode(r->json, &l, &err)) {
		akt_cli_error("the platform's answer is not understood: %s; "
			      "if it persists, tell the platform's support", err);
		free(err);
		q->rc = AKT_EXIT_UNREACHABLE;
		return;
	}
	if (q->json)
		q->rc = akt_cli_print_json(q->cli, r->json);
	else if (l.n == 0)
		fprintf(q->cli->out, "No queues: you belong to no unit with "
			"queues.\n");
	else
		print_queues(q->cli, &l);
	akt_queue_list_clear(&l);
}

static int queues(struct akt_cli *cli, const struct akt_args *a)
{
	struct queues q = { cli, a->opt[OPT_JSON] != NULL, false, AKT_EXIT_OK };
	struct akt_call c = { .method = "GET", .path = "/v1/queues" };

	akt_session_call(cli->session, &c, on_queues, &q);
	akt_cli_wait(cli, &q.done);
	return q.rc;
}

const struct akt_cmd akt_cmd_queues = {
	.name = "queues",
	.args = "",
	.min_pos = 0,
	.max_pos = 0,
	.summary = "list your work queues",
	.help = "List the work queues of your units with the number of cases\n"
		"in each status category: NEW (Inskickat), REG (Registrerat),\n"
		"IN-PROG (Under handläggning and the service's own statuses),\n"
		"CLOSED (Avslutat) and TOTAL, and UNREAD, the citizens'\n"
		"messages no officer has read yet.",
	.opts = opts,
	.session = true,
	.exec = queues,
};

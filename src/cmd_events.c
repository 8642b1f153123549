/*
 * cmd_events.c — akt events CASE [--all] [--json]
 *
 * The audit trail of a case, GET /v1/cases/{case}/events, oldest first:
 * one line per event with its time, who did it and what happened.
 */
#include "akt/case_format.h"
#include "akt/cmd.h"
#include "akt/conflict.h"
#include "akt/event.h"
#include "akt/page_walk.h"
#include "akt/table.h"
#include "akt/xalloc.h"

enum { OPT_ALL, OPT_JSON };

static const struct akt_opt opts[] = {
	[OPT_ALL] = { "all", NULL, false,
		"every event, not only the first 200" },
	[OPT_JSON] = { "json", NULL, false,
		"print the platform's answer as JSON" },
	{ NULL, NULL, false, NULL },
};

#define PAGE_EVENTS 200

enum { C_TIME, C_ACTOR, C_WHAT, NCOLS };

static const char *const headers[NCOLS] = {
	[C_TIME] = "TIME", [C_ACTOR] = "WHO", [C_WHAT] = "WHAT",
};

struct events {
	const char *lang;
	bool header_done;
};

static void print_page(struct akt_walk *w, const struct akt_event_page *p)
{
	struct events *ev = w->arg;
	struct akt_table *t = akt_table_new(NCOLS, ev->header_done ? NULL :
					    headers);

	akt_table_col(t, C_ACTOR, AKT_COL_FLEX);
	akt_table_col(t, C_WHAT, AKT_COL_FLEX);
	for (size_t i = 0; i < p->n; i++) {
		const struct akt_event *e = &p->items[i];
		char *at = akt_fmt_time(e->at);
		char *what = akt_event_describe(e, ev->lang);
		const char *cells[NCOLS] = {
			[C_TIME] = at, [C_ACTOR] = e->actor_name,
			[C_WHAT] = what,
		};

		akt_table_row(t, cells);
		free(at);
		free(what);
	}
	akt_table_print(t, w->cli->out, w->cli->columns);
	akt_table_free(&t);
	ev->header_done = true;
}

static int on_page(struct akt_walk *w, const json_t *page, bool first)
{
	struct akt_event_page p;
	char *err = NULL;

	if (!akt_event_page_decode(page, &p, &err))
		return akt_cli_not_understood(err);
	if (!w->json && p.n > 0)
		print_page(w, &p);
	akt_event_page_clear(&p);
	return AKT_EXIT_OK;
}

static int events(struct akt_cli *cli, const struct akt_args *a)
{
	struct events ev = { akt_ui_lang(), false };
	struct akt_walk w = {
		.cli = cli, .all = a->opt[OPT_ALL] != NULL,
		.json = a->opt[OPT_JSON] != NULL, .page = on_page, .arg = &ev,
		.fail = akt_case_fail, .what = a->pos[0],
	};
	char *query = xasprintf("/events?limit=%d", PAGE_EVENTS);
	char *path = akt_case_path(a->pos[0], query);
	int rc = akt_walk_pages(&w, path);

	if (rc == AKT_EXIT_OK && !w.json) {
		if (w.items == 0)
			fprintf(cli->out, "No events.\n");
		else if (!w.all && w.more)
			fprintf(cli->out, "Showing the first %zu of %lld "
				"events; --all shows them all.\n", w.items,
				(long long)w.total);
	}
	free(query);
	free(path);
	return rc;
}

const struct akt_cmd akt_cmd_events = {
	.name = "events",
	.args = "CASE",
	.min_pos = 1,
	.max_pos = 1,
	.summary = "show the audit trail of a case",
	.help = "Show the audit trail of the case CASE (its number or id),\n"
		"oldest first: one line per event with its time, who did it\n"
		"and what happened — status changes, assignments, notes,\n"
		"messages, downloads, revealed personal numbers. The first 200\n"
		"events are shown unless --all is given.",
	.opts = opts,
	.session = true,
	.exec = events,
};

/*
 * cmd_cases.c — akt cases [--queue Q] [--status S] [--assignee A]
 *               [--service X] [--search TEXT] [--sort FIELD]
 *               [--limit N | --all] [--json]
 *
 * GET /v1/cases with the filters as query parameters. Queues, statuses
 * and e-services may be named as the officer knows them; those names
 * are turned into the platform's ids first.
 */
#include "akt/buf.h"
#include "akt/case_format.h"
#include "akt/cmd.h"
#include "akt/conflict.h"
#include "akt/eservice.h"
#include "akt/page_walk.h"
#include "akt/queue.h"
#include "akt/status.h"
#include "akt/table.h"
#include "akt/urlenc.h"
#include "akt/xalloc.h"

enum { OPT_QUEUE, OPT_STATUS, OPT_ASSIGNEE, OPT_SERVICE, OPT_SEARCH,
       OPT_SORT, OPT_LIMIT, OPT_ALL, OPT_JSON };

static const struct akt_opt opts[] = {
	[OPT_QUEUE] = { "queue", "Q", false,
		"cases of queue Q: its id or its name" },
	[OPT_STATUS] = { "status", "S", false,
		"in status S: id or name; several separated by commas" },
	[OPT_ASSIGNEE] = { "assignee", "WHO", false,
		"assigned to me, to none, or to the user WHO" },
	[OPT_SERVICE] = { "service", "X", false,
		"of e-service X: id, prefix or name; commas for several" },
	[OPT_SEARCH] = { "search", "TEXT", false,
		"TEXT in the number, diary number, title or a party's name" },
	[OPT_SORT] = { "sort", "FIELD", false,
		"number, created, updated, deadline, priority, status; "
		"-FIELD reverses" },
	[OPT_LIMIT] = { "limit", "N", false,
		"show N cases, 1 to 200 (default 50)" },
	[OPT_ALL] = { "all", NULL, false, "show every matching case" },
	[OPT_JSON] = { "json", NULL, false,
		"print the platform's answer as JSON" },
	{ NULL, NULL, false, NULL },
};

#define DEFAULT_LIMIT 50
#define MAX_LIMIT 200
/* Page size of --all: the largest the API allows, fewest requests; the
 * walk keeps no page once it is printed. */
#define ALL_PAGE MAX_LIMIT

enum { C_CASE, C_STATUS, C_SERVICE, C_APPLICANT, C_ASSIGNEE, C_UPDATED,
       C_DEADLINE, NCOLS };

static const char *const headers[NCOLS] = {
	[C_CASE] = "CASE", [C_STATUS] = "STATUS", [C_SERVICE] = "E-SERVICE",
	[C_APPLICANT] = "APPLICANT", [C_ASSIGNEE] = "ASSIGNEE",
	[C_UPDATED] = "UPDATED", [C_DEADLINE] = "DEADLINE",
};

struct cases {
	const char *lang;
	bool header_done;
};

static void print_page(struct akt_walk *w, const struct akt_case_page *p)
{
	struct cases *cs = w->arg;
	struct akt_table *t = akt_table_new(NCOLS, cs->header_done ? NULL :
					    headers);

	for (size_t c = 0; c < NCOLS; c++)
		if (c == C_STATUS || c == C_SERVICE || c == C_APPLICANT ||
		    c == C_ASSIGNEE)
			akt_table_col(t, c, AKT_COL_FLEX);
	for (size_t i = 0; i < p->n; i++) {
		const struct akt_case_summary *s = &p->items[i];
		char *applicant = akt_fmt_applicant(&s->applicant);
		char *assignees = akt_fmt_assignees(s->assignees,
						    s->nassignees);
		char *updated = akt_fmt_date(s->updated_at);
		const char *cells[NCOLS] = {
			[C_CASE] = s->number,
			[C_STATUS] = akt_names_pick(&s->status.name, cs->lang),
			[C_SERVICE] = akt_names_pick(&s->e_service, cs->lang),
			[C_APPLICANT] = applicant,
			[C_ASSIGNEE] = assignees,
			[C_UPDATED] = updated,
			[C_DEADLINE] = s->deadline ? s->deadline : "",
		};

		akt_table_row(t, cells);
		free(applicant);
		free(assignees);
		free(updated);
	}
	akt_table_print(t, w->cli->out, w->cli->columns);
	akt_table_free(&t);
	cs->header_done = true;
}

static int on_page(struct akt_walk *w, const json_t *page, bool first)
{
	struct akt_case_page p;
	char *err = NULL;

	if (!akt_case_page_decode(page, &p, &err))
		return akt_cli_not_understood(err);
	if (!w->json && p.n > 0)
		print_page(w, &p);
	akt_case_page_clear(&p);
	return AKT_EXIT_OK;
}

/* ---- names the officer typed, as the platform's ids ------------------- */

/* The id of queue q: as given when it is a number, else by name. */
static char *queue_id(struct akt_cli *cli, const char *q, int *rc)
{
	struct akt_queue_list l;
	struct akt_buf names;
	json_t *j;
	char *err = NULL, *id = NULL;

	if (akt_all_digits(q))
		return xstrdup(q);
	if (!(j = akt_cli_get(cli, "/v1/queues", NULL, NULL, rc)))
		return NULL;
	if (!akt_queue_list_decode(j, &l, &err)) {
		*rc = akt_cli_not_understood(err);
		json_decref(j);
		return NULL;
	}
	akt_buf_init(&names, 0);
	for (size_t i = 0; i < l.n && !id; i++) {
		if (akt_name_eq(l.items[i].name, q))
			id = xasprintf("%lld", (long long)l.items[i].id);
		akt_buf_printf(&names, "%s%s (%lld)", i ? ", " : "",
			       l.items[i].name, (long long)l.items[i].id);
	}
	if (!id) {
		akt_cli_error("you have no queue named '%s'; your queues: %s", q,
			      l.n ? akt_buf_str(&names) : "none");
		*rc = AKT_EXIT_REFUSED;
	}
	akt_buf_free(&names);
	akt_queue_list_clear(&l);
	json_decref(j);
	return id;
}

/* The id of the status or e-service of list that word names; NULL if
 * none. */
typedef const char *find_fn(const void *list, const char *word);

static const char *find_status(const void *list, const char *word)
{
	const struct akt_status *s = akt_status_find(list, word);

	return s ? s->id : NULL;
}

static const char *find_service(const void *list, const char *word)
{
	const struct akt_eservice *e = akt_eservice_find(list, word);

	return e ? e->id : NULL;
}

/*
 * Each comma-separated word of list as the id find gives for it in l;
 * unknown words are a usage error that lists the ids there are (known).
 * Returns the ids joined by commas.
 */
static char *resolve_list(const char *what, const char *list, find_fn *find,
			  const void *l, const char *known, int *rc)
{
	struct akt_buf ids;
	char *word, *result = NULL;
	bool ok = true;

	akt_buf_init(&ids, 0);
	for (const char *p = list; *p && ok; p += *p == ',') {
		size_t len = strcspn(p, ",");
		const char *id;

		/* "inskickat, registrerat": the spaces are not the name's */
		word = xstrndup(p, len);
		p += len;
		while (*word == ' ')
			memmove(word, word + 1, strlen(word));
		for (len = strlen(word); len > 0 && word[len - 1] == ' ';)
			word[--len] = '\0';
		if (!*word) {
			free(word);
			continue;
		}
		if (!(id = find(l, word))) {
			akt_cli_error("there is no %s '%s' (there are: %s)",
				      what, word, known);
			*rc = AKT_EXIT_USAGE;
			ok = false;
		} else {
			akt_buf_printf(&ids, "%s%s", ids.len ? "," : "", id);
		}
		free(word);
	}
	if (ok && ids.len == 0) {
		akt_cli_error("no %s named in '%s'", what, list);
		*rc = AKT_EXIT_USAGE;
		ok = false;
	}
	if (ok)
		result = akt_buf_steal(&ids);
	akt_buf_free(&ids);
	return result;
}

/* The statuses named in list, as their ids. */
static char *status_ids(struct akt_cli *cli, const char *list, int *rc)
{
	json_t *j = akt_cli_get(cli, "/v1/statuses", NULL, NULL, rc);
	struct akt_status_list l;
	struct akt_buf known;
	char *err = NULL, *ids;

	if (!j)
		return NULL;
	if (!akt_status_list_decode(j, &l, &err)) {
		*rc = akt_cli_not_understood(err);
		json_decref(j);
		return NULL;
	}
	json_decref(j);
	akt_buf_init(&known, 0);
	for (size_t i = 0; i < l.n; i++)
		akt_buf_printf(&known, "%s%s", i ? ", " : "", l.items[i].id);
	ids = resolve_list("status", list, find_status, &l,
			   akt_buf_str(&known), rc);
	akt_buf_free(&known);
	akt_status_list_clear(&l);
	return ids;
}

/* The e-services named in list, as their ids. */
static char *service_ids(struct akt_cli *cli, const char *list, int *rc)
{
	json_t *j = akt_cli_get(cli, "/v1/e-services", NULL, NULL, rc);
	struct akt_eservice_list l;
	struct akt_buf known;
	char *err = NULL, *ids;

	if (!j)
		return NULL;
	if (!akt_eservice_list_decode(j, &l, &err)) {
		*rc = akt_cli_not_understood(err);
		json_decref(j);
		return NULL;
	}
	json_decref(j);
	akt_buf_init(&known, 0);
	for (size_t i = 0; i < l.n; i++)
		akt_buf_printf(&known, "%s%s", i ? ", " : "", l.items[i].id);
	ids = resolve_list("e-service", list, find_service, &l,
			   akt_buf_str(&known), rc);
	akt_buf_free(&known);
	akt_eservice_list_clear(&l);
	return ids;
}

/* ---- the command ------------------------------------------------------ */

/* "&name=value" with the value percent-encoded. */
static void add_param(struct akt_buf *b, const char *name, const char *value)
{
	char *esc = akt_url_escape(value);

	akt_buf_printf(b, "&%s=%s", name, esc);
	free(esc);
}

static bool parse_limit(const char *s, long *out)
{
	char *end;

	if (!akt_all_digits(s))
		return false;
	errno = 0;
	*out = strtol(s, &end, 10);
	return errno == 0 && *out >= 1 && *out <= MAX_LIMIT;
}

static void footer(struct akt_cli *cli, const struct akt_walk *w)
{
	if (w->items == 0)
		fprintf(cli->out, "No cases match.\n");
	else if (w->all)
		fprintf(cli->out, "%zu case%s.\n", w->items,
			w->items == 1 ? "" : "s");
	else if (w->more || (w->total >= 0 && (size_t)w->total > w->items))
		fprintf(cli->out, "Showing %zu of %lld cases; --all shows "
			"them all.\n", w->items, (long long)w->total);
}

static int cases(struct akt_cli *cli, const struct akt_args *a)
{
	struct cases cs = { akt_ui_lang(), false };
	struct akt_walk w = {
		.cli = cli, .all = a->opt[OPT_ALL] != NULL,
		.json = a->opt[OPT_JSON] != NULL, .page = on_page, .arg = &cs,
	};
	struct akt_buf path;
	long limit = DEFAULT_LIMIT;
	char *id;
	int rc = AKT_EXIT_OK;

	if (a->opt[OPT_LIMIT] && a->opt[OPT_ALL]) {
		akt_cli_error("--limit and --all exclude each other");
		return AKT_EXIT_USAGE;
	}
	if (a->opt[OPT_LIMIT] && !parse_limit(a->opt[OPT_LIMIT], &limit)) {
		akt_cli_error("--limit wants a number from 1 to %d, not '%s'",
			      MAX_LIMIT, a->opt[OPT_LIMIT]);
		return AKT_EXIT_USAGE;
	}
	akt_buf_init(&path, 0);
	akt_buf_printf(&path, "/v1/cases?limit=%ld", w.all ? ALL_PAGE : limit);
	if (a->opt[OPT_QUEUE]) {
		if (!(id = queue_id(cli, a->opt[OPT_QUEUE], &rc)))
			goto out;
		add_param(&path, "queue", id);
		free(id);
	}
	if (a->opt[OPT_STATUS]) {
		if (!(id = status_ids(cli, a->opt[OPT_STATUS], &rc)))
			goto out;
		add_param(&path, "status", id);
		free(id);
	}
	if (a->opt[OPT_SERVICE]) {
		if (!(id = service_ids(cli, a->opt[OPT_SERVICE], &rc)))
			goto out;
		add_param(&path, "e_service", id);
		free(id);
	}
	if (a->opt[OPT_ASSIGNEE])
		add_param(&path, "assignee", a->opt[OPT_ASSIGNEE]);
	if (a->opt[OPT_SEARCH])
		add_param(&path, "q", a->opt[OPT_SEARCH]);
	if (a->opt[OPT_SORT])
		add_param(&path, "sort", a->opt[OPT_SORT]);
	rc = akt_walk_pages(&w, akt_buf_str(&path));
	if (rc == AKT_EXIT_OK && !w.json)
		footer(cli, &w);
out:
	akt_buf_free(&path);
	return rc;
}

const struct akt_cmd akt_cmd_cases = {
	.name = "cases",
	.args = "",
	.min_pos = 0,
	.max_pos = 0,
	.summary = "list and search cases",
	.help = "List the cases of your queues, most recently updated first:\n"
		"number, status, e-service, applicant (with the personal number\n"
		"masked as the platform sends it), assignees, the date of the\n"
		"last update and the deadline. The filters combine. Statuses\n"
		"and e-services are shown in Swedish when LANG (or LC_MESSAGES)\n"
		"is Swedish, otherwise in English; both names are understood.\n"
		"--all reads page after page, printing each as it comes, so any\n"
		"number of cases can be listed; with --json it prints one JSON\n"
		"array of all the cases.",
	.opts = opts,
	.session = true,
	.exec = cases,
};

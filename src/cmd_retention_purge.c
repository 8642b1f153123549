/*
 * cmd_retention_purge.c — akt retention upcoming [--before DATE]
 * [--service SERVICE] | log: the cases due for purging and the cases
 * purged, every page of each.
 */
#include "akt/table.h"
#include "akt/xalloc.h"
#include "cmd_retention.h"

/* ---- upcoming ---------------------------------------------------------- */

struct upcoming_query {
	const char *before;
	const char *e_service;       /* id */
};

static char *upcoming_path(void *arg, const char *cursor)
{
	const struct upcoming_query *q = arg;

	return akt_retention_upcoming_path(q->before, q->e_service, cursor);
}

static bool upcoming_page(const json_t *j, char **next, char **err)
{
	struct akt_upcoming_page p;

	if (!akt_upcoming_page_decode(j, &p, err))
		return false;
	*next = p.next;
	p.next = NULL;
	akt_upcoming_page_clear(&p);
	return true;
}

/* the hold before the service: the service, last, may be shortened */
enum { U_PURGE, U_CASE, U_HOLD, U_SERVICE, UCOLS };

static const char *const u_headers[UCOLS] = {
	[U_PURGE] = "PURGE AT", [U_CASE] = "CASE", [U_SERVICE] = "E-SERVICE",
	[U_HOLD] = "LEGAL HOLD",
};

static void print_upcoming(struct ret *rt, const struct akt_upcoming_page *p)
{
	struct akt_table *t = akt_table_new(UCOLS, u_headers);
	size_t held = 0;

	akt_table_col(t, U_SERVICE, AKT_COL_FLEX);
	for (size_t i = 0; i < p->n; i++) {
		const struct akt_upcoming_purge *u = &p->items[i];
		char *date = ret_when(u->purge_at);
		/* a word, not a colour: the mark must survive any terminal */
		const char *cells[UCOLS] = {
			[U_PURGE] = date, [U_CASE] = u->c.number,
			[U_SERVICE] = ret_name(rt, &u->c.e_service),
			[U_HOLD] = u->legal_hold ? "held" : "",
		};

		held += u->legal_hold;
		akt_table_row(t, cells);
		free(date);
	}
	akt_table_print(t, rt->cli->out, rt->cli->columns);
	akt_table_free(&t);
	if (held)
		fprintf(rt->cli->out, "\n%zu of %zu %s under legal hold and "
			"will not be purged while the hold lasts.\n", held,
			p->n, p->n == 1 ? "is" : "are");
}

int ret_upcoming(struct ret *rt)
{
	struct upcoming_query q = { rt->a->opt[RET_OPT_BEFORE], NULL };
	struct akt_retention_policy_list l = { NULL, 0 };
	struct akt_upcoming_page p;
	json_t *all = NULL;
	char *err = NULL;
	int rc = AKT_EXIT_OK;

	if (q.before && !akt_retention_date_ok(q.before)) {
		akt_cli_error("retention: --before takes a date (2026-12-31) or "
			      "a UTC time (2026-12-31T12:00:00Z), not '%s'",
			      q.before);
		return AKT_EXIT_USAGE;
	}
	if (rt->a->opt[RET_OPT_SERVICE]) {
		const struct akt_retention_policy *pol;

		/* names are resolved through the policies, which cover
		 * every e-service of the platform */
		if ((rc = ret_policies(rt, &l, NULL)) != AKT_EXIT_OK ||
		    (rc = ret_resolve(&l, rt->a->opt[RET_OPT_SERVICE], &pol)) !=
		    AKT_EXIT_OK)
			goto out;
		q.e_service = pol->e_service_id;
	}
	rc = ret_all_pages(rt, "the upcoming purges", upcoming_path, &q,
			   upcoming_page, &all);
	if (rc != AKT_EXIT_OK)
		goto out;
	if (rt->json) {
		akt_cli_print_json(rt->cli, all);
		goto out;
	}
	if (!akt_upcoming_page_decode(all, &p, &err)) {
		rc = ret_not_understood(err);
		goto out;
	}
	if (p.n == 0 && q.before)
		ret_say(rt, "No closed cases of your units are due for purging "
			"before %s.", q.before);
	else if (p.n == 0)
		fprintf(rt->cli->out, "No closed cases of your units are due "
			"for purging.\n");
	else
		print_upcoming(rt, &p);
	akt_upcoming_page_clear(&p);
out:
	free(err);
	json_decref(all);
	akt_retention_policy_list_clear(&l);
	return rc;
}

/* ---- log --------------------------------------------------------------- */

static char *log_path(void *arg, const char *cursor)
{
	return akt_retention_log_path(cursor);
}

static bool log_page(const json_t *j, char **next, char **err)
{
	struct akt_purge_log_page p;

	if (!akt_purge_log_page_decode(j, &p, err))
		return false;
	*next = p.next;
	p.next = NULL;
	akt_purge_log_page_clear(&p);
	return true;
}

enum { L_PURGED, L_CASE, L_SERVICE, L_CLOSED, L_DAYS, LCOLS };

static const char *const l_headers[LCOLS] = {
	[L_PURGED] = "PURGED", [L_CASE] = "CASE", [L_SERVICE] = "E-SERVICE",
	[L_CLOSED] = "CLOSED", [L_DAYS] = "DAYS",
};

/* The log names e-services by id; the policies know their names. */
static const char *service_name(struct ret *rt,
				const struct akt_retention_policy_list *l,
				const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].e_service_id, id) == 0)
			return ret_name(rt, &l->items[i].e_service);
	return id;
}

static void print_log(struct ret *rt, const struct akt_purge_log_page *p,
		      const struct akt_retention_policy_list *l)
{
	struct akt_table *t = akt_table_new(LCOLS, l_headers);

	akt_table_col(t, L_SERVICE, AKT_COL_FLEX);
	akt_table_col(t, L_DAYS, AKT_COL_RIGHT);
	for (size_t i = 0; i < p->n; i++) {
		const struct akt_purge_entry *e = &p->items[i];
		char *purged = ret_when(e->purged_at);
		char *closed = ret_when(e->closed_at);
		char *days = xasprintf("%lld", (long long)e->policy_days);
		const char *cells[LCOLS] = {
			[L_PURGED] = purged, [L_CASE] = e->case_number,
			[L_SERVICE] = service_name(rt, l, e->e_service),
			[L_CLOSED] = closed, [L_DAYS] = days,
		};

		akt_table_row(t, cells);
		free(purged);
		free(closed);
		free(days);
	}
	akt_table_print(t, rt->cli->out, rt->cli->columns);
	akt_table_free(&t);
}

int ret_log(struct ret *rt)
{
	struct akt_retention_policy_list l = { NULL, 0 };
	struct akt_purge_log_page p;
	json_t *all = NULL;
	char *err = NULL;
	int rc;

	rc = ret_all_pages(rt, "the purge log", log_path, NULL, log_page, &all);
	if (rc != AKT_EXIT_OK)
		goto out;
	if (rt->json) {
		akt_cli_print_json(rt->cli, all);
		goto out;
	}
	if (!akt_purge_log_page_decode(all, &p, &err)) {
		rc = ret_not_understood(err);
		goto out;
	}
	if (p.n == 0)
		fprintf(rt->cli->out, "No cases of your units have been "
			"purged.\n");
	else if ((rc = ret_policies(rt, &l, NULL)) == AKT_EXIT_OK)
		print_log(rt, &p, &l);
	akt_purge_log_page_clear(&p);
out:
	free(err);
	json_decref(all);
	akt_retention_policy_list_clear(&l);
	return rc;
}

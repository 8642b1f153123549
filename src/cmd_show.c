/*
 * cmd_show.c — akt show CASE [--json]
 *
 * The case from GET /v1/cases/{case}, and its status history from the
 * newest page of GET /v1/cases/{case}/events: one request, enough for a
 * history; the whole trail is 'akt events'.
 */
#include "akt/buf.h"
#include "akt/case_cli.h"
#include "akt/case_format.h"
#include "akt/cmd.h"
#include "akt/sanitize.h"
#include "akt/conflict.h"
#include "akt/event.h"
#include "akt/table.h"
#include "akt/xalloc.h"

enum { OPT_JSON };

static const struct akt_opt opts[] = {
	[OPT_JSON] = { "json", NULL, false,
		"print the case as the platform sent it, as JSON" },
	{ NULL, NULL, false, NULL },
};

/* Events read for the history: the newest page, as large as it gets. */
#define HISTORY_EVENTS 200

static void row(struct akt_table *t, const char *key, const char *value)
{
	const char *cells[] = { key, value ? value : "" };

	akt_table_row(t, cells);
}

static void print_retention(struct akt_table *t, const struct akt_retention *r)
{
	char *s;

	if (r->closed_at) {
		s = akt_fmt_time(r->closed_at);
		row(t, "closed", s);
		free(s);
	}
	if (r->purge_at) {
		s = akt_fmt_time(r->purge_at);
		row(t, "purge at", s);
		free(s);
	}
	if (r->policy_days >= 0) {
		s = xasprintf("purged %lld days after closing",
			      (long long)r->policy_days);
		row(t, "retention", s);
		free(s);
	}
	if (r->hold) {
		struct akt_buf b;

		akt_buf_init(&b, 0);
		akt_buf_printf(&b, "active: %s", r->hold_reason ?
			       r->hold_reason : "(no reason given)");
		if (r->hold_by.id || r->hold_at) {
			akt_buf_addstr(&b, " (set");
			if (r->hold_by.id)
				akt_buf_printf(&b, " by %s", r->hold_by.name);
			if (r->hold_at) {
				s = akt_fmt_time(r->hold_at);
				akt_buf_printf(&b, " at %s", s);
				free(s);
			}
			akt_buf_addc(&b, ')');
		}
		row(t, "legal hold", akt_buf_str(&b));
		akt_buf_free(&b);
	} else {
		row(t, "legal hold", "none");
	}
}

static void print_summary(struct akt_cli *cli, const struct akt_case *c,
			  const char *lang)
{
	const struct akt_case_summary *s = &c->s;
	struct akt_table *t = akt_table_new(2, NULL);
	char *applicant = akt_fmt_applicant(&s->applicant);
	char *assignees = akt_fmt_officers(s->assignees, s->nassignees);
	char *created = akt_fmt_time(s->created_at);
	char *updated = akt_fmt_time(s->updated_at);
	char *id = xasprintf("%s (id %lld)", s->number, (long long)s->id);

	row(t, "case", id);
	row(t, "diary number", s->diary_number);
	row(t, "title", s->title);
	row(t, "e-service", akt_names_pick(&s->e_service, lang));
	row(t, "status", akt_names_pick(&s->status.name, lang));
	row(t, "priority", akt_priority_id(s->priority));
	row(t, "applicant", applicant);
	row(t, "assignees", s->nassignees ? assignees : "nobody");
	row(t, "created", created);
	row(t, "updated", updated);
	row(t, "deadline", s->deadline ? s->deadline : "none");
	print_retention(t, &c->retention);
	akt_table_col(t, 1, AKT_COL_FLEX);
	akt_table_print(t, cli->out, cli->columns);
	akt_table_free(&t);
	free(applicant);
	free(assignees);
	free(created);
	free(updated);
	free(id);
}

static const char *role_label(enum akt_party_role r)
{
	switch (r) {
	case AKT_PARTY_APPLICANT:      return "applicant";
	case AKT_PARTY_CO_APPLICANT:   return "co-applicant";
	case AKT_PARTY_REPRESENTATIVE: return "representative";
	}
	return "party";
}

static const struct akt_party *party_by_id(const struct akt_case *c,
					   int64_t id)
{
	for (size_t i = 0; i < c->nparties; i++)
		if (c->parties[i].id == id)
			return &c->parties[i];
	return NULL;
}

static void print_parties(struct akt_cli *cli, const struct akt_case *c)
{
	static const char *const hdr[] = { "ROLE", "NAME", "NUMBER",
					   "SIGNING", "FOR" };
	struct akt_table *t;

	fprintf(cli->out, "\nParties:%s\n", c->nparties ? "" : " none");
	if (!c->nparties)
		return;
	t = akt_table_new(AKT_LEN(hdr), hdr);
	akt_table_col(t, 1, AKT_COL_FLEX);
	akt_table_col(t, 4, AKT_COL_FLEX);
	for (size_t i = 0; i < c->nparties; i++) {
		const struct akt_party *p = &c->parties[i];
		const struct akt_party *of = p->represents ?
					     party_by_id(c, p->represents) : NULL;
		char *signing = NULL, *rep = NULL;
		const char *cells[5];

		if (p->signing_state) {
			char *at = p->signing_at ? akt_fmt_time(p->signing_at) :
				   NULL;

			signing = xasprintf("%s%s%s", p->signing_state,
					    at ? " " : "", at ? at : "");
			free(at);
		}
		if (p->represents)
			rep = of ? xstrdup(of->name) :
			      xasprintf("party %lld", (long long)p->represents);
		cells[0] = role_label(p->role);
		cells[1] = p->name;
		cells[2] = p->personal_number ? p->personal_number :
			   p->organisation_number;
		cells[3] = signing;
		cells[4] = rep;
		akt_table_row(t, cells);
		free(signing);
		free(rep);
	}
	akt_table_print(t, cli->out, cli->columns);
	akt_table_free(&t);
}

static void print_documents(struct akt_cli *cli, const struct akt_case *c)
{
	static const char *const hdr[] = { "ID", "NAME", "SIZE", "KIND" };
	struct akt_table *t;

	fprintf(cli->out, "\nDocuments:%s\n", c->ndocuments ? "" : " none");
	if (!c->ndocuments)
		return;
	t = akt_table_new(AKT_LEN(hdr), hdr);
	akt_table_col(t, 0, AKT_COL_RIGHT);
	akt_table_col(t, 1, AKT_COL_FLEX);
	akt_table_col(t, 2, AKT_COL_RIGHT);
	for (size_t i = 0; i < c->ndocuments; i++) {
		const struct akt_document *d = &c->documents[i];
		char *id = xasprintf("%lld", (long long)d->id);
		char *size = akt_fmt_size(d->size);
		const char *cells[] = { id, d->name, size, d->kind };

		akt_table_row(t, cells);
		free(id);
		free(size);
	}
	akt_table_print(t, cli->out, cli->columns);
	akt_table_free(&t);
}

/* The status changes among the newest events, oldest first. */
static void print_history(struct akt_cli *cli, const struct akt_case *c,
			  const struct akt_event_page *p, const char *lang)
{
	static const char *const hdr[] = { "TIME", "BY", "CHANGE" };
	struct akt_table *t = akt_table_new(AKT_LEN(hdr), hdr);
	size_t n = 0;

	akt_table_col(t, 1, AKT_COL_FLEX);
	akt_table_col(t, 2, AKT_COL_FLEX);
	for (size_t i = p->n; i-- > 0;) {
		const struct akt_event *e = &p->items[i];
		const char *cells[3];
		char *at, *what;

		if (!e->type || strcmp(e->type, "case.status_changed") != 0)
			continue;
		at = akt_fmt_time(e->at);
		what = akt_event_describe(e, lang);
		cells[0] = at;
		cells[1] = e->actor_name;
		cells[2] = what;
		akt_table_row(t, cells);
		free(at);
		free(what);
		n++;
	}
	fprintf(cli->out, "\nStatus history:%s\n", n ? "" :
		p->next ? " no changes among the latest events" : " none");
	if (n)
		akt_table_print(t, cli->out, cli->columns);
	akt_table_free(&t);
	if (p->next) {
		char *number = akt_sanitize_str(c->s.number, AKT_SAN_ONELINE);

		fprintf(cli->out, "Only the latest %zu events were read; 'akt "
			"events %s --all' shows the whole trail.\n", p->n,
			number);
		free(number);
	}
}

static int show(struct akt_cli *cli, const struct akt_args *a)
{
	const char *ref = a->pos[0], *lang = akt_ui_lang();
	char *path = akt_case_path(ref, ""), *err = NULL;
	json_t *j, *ej = NULL;
	struct akt_case c;
	struct akt_event_page ev;
	bool have_ev = false;
	int rc = AKT_EXIT_OK;

	j = akt_cli_get(cli, path, akt_case_fail, ref, &rc);
	xfree(&path);
	if (!j)
		return rc;
	if (!akt_case_decode(j, &c, &err)) {
		json_decref(j);
		return akt_cli_not_understood(err);
	}
	if (a->opt[OPT_JSON]) {
		rc = akt_cli_print_json(cli, j);
		goto out;
	}
	/* by id from here: the number could have been typed in any case */
	path = xasprintf("/v1/cases/%lld/events?sort=-seq&limit=%d",
			 (long long)c.s.id, HISTORY_EVENTS);
	ej = akt_cli_get(cli, path, akt_case_fail, c.s.number, &rc);
	free(path);
	if (ej && !(have_ev = akt_event_page_decode(ej, &ev, &err)))
		rc = akt_cli_not_understood(err);
	print_summary(cli, &c, lang);
	print_parties(cli, &c);
	print_documents(cli, &c);
	if (have_ev) {
		print_history(cli, &c, &ev, lang);
		akt_event_page_clear(&ev);
	}
out:
	json_decref(ej);
	json_decref(j);
	akt_case_clear(&c);
	return rc;
}

const struct akt_cmd akt_cmd_show = {
	.name = "show",
	.args = "CASE",
	.min_pos = 1,
	.max_pos = 1,
	.summary = "show a case",
	.help = "Show the case CASE, given by its number (BYGG-2026-000123) or\n"
		"id: its details, retention and legal hold, parties (personal\n"
		"numbers masked as the platform sends them), documents, and\n"
		"the status changes among its latest events. 'akt events CASE'\n"
		"shows the whole audit trail. With --json the case is printed\n"
		"exactly as the platform sent it, without the events.",
	.opts = opts,
	.session = true,
	.exec = show,
};

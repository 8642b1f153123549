/*
 * cmd_status.c — akt status CASE STATUS [--comment TEXT]
 * [--notify|--no-notify] [--json]
 *
 * Reads the case (its ETag is the version the officer saw) and the moves
 * open now, finds STATUS among them, and posts the change with If-Match,
 * so that a change made by someone else in between is refused rather
 * than overwritten, and with one Idempotency-Key for the run, so that a
 * repeat of the POST by the engine is recognised and done once.
 */
#include "akt/case.h"
#include "akt/case_cli.h"
#include "akt/cmd.h"
#include "akt/conflict.h"
#include "akt/i18n.h"
#include "akt/idem.h"
#include "akt/ops.h"
#include "akt/sanitize.h"
#include "akt/urlenc.h"
#include "akt/transition.h"
#include "akt/xalloc.h"

enum { OPT_COMMENT, OPT_NOTIFY, OPT_NO_NOTIFY, OPT_JSON };

static const struct akt_opt opts[] = {
	[OPT_COMMENT] = { "comment", "TEXT", false,
		"a comment kept with the change in the case history" },
	[OPT_NOTIFY] = { "notify", NULL, false,
		"tell the citizen of the new status" },
	[OPT_NO_NOTIFY] = { "no-notify", NULL, false,
		"do not tell the citizen" },
	[OPT_JSON] = { "json", NULL, false,
		"print the platform's answer (the changed case) as JSON" },
	{ NULL, NULL, false, NULL },
};

struct status {
	struct akt_cli *cli;
	const struct akt_args *a;
	const char *want;            /* STATUS as typed */
	const char *lang;
	char *path;                  /* "/v1/cases/123" */
	char *number;                /* "BYGG-2026-000123" */
	char *e_service;
	char *etag;                  /* of the case as read */
	int64_t id;
	struct akt_transitions tr;
	bool have_tr;
	char *from, *to;             /* names in lang, for messages */
	char *what;                  /* "change BYGG-… to Avslutat" */
	char key[AKT_IDEM_LEN + 1];
	bool done;
	int rc;
};

static void finish(struct status *st, int rc)
{
	st->rc = rc;
	st->done = true;
}

/* The names of the allowed targets in lang (borrowed). */
static const char **allowed_names(const struct status *st)
{
	const char **names = xcalloc(st->tr.n + 1, sizeof(*names));

	for (size_t i = 0; i < st->tr.n; i++)
		names[i] = akt_names_pick(&st->tr.items[i].to.name, st->lang);
	return names;
}

static void on_changed(const struct akt_reply *r, void *arg)
{
	struct status *st = arg;
	struct akt_case c;
	char *err = NULL;

	if (r->result != AKT_OK) {
		finish(st, akt_conflict_fail(r, st->number, st->what));
		return;
	}
	if (!akt_case_decode(r->json, &c, &err)) {
		/* a 2xx came, but akt cannot say what it did */
		akt_cli_error(_("cannot tell whether %s was changed to %s: "
				"the platform's answer is not understood: %s; "
				"see 'akt show %s'"), st->number, st->to, err,
			      st->number);
		free(err);
		finish(st, AKT_EXIT_UNREACHABLE);
		return;
	}
	if (st->a->opt[OPT_JSON])
		akt_cli_print_json(st->cli, r->json);
	else
		/* the names are the platform's: sanitized like any */
		akt_cli_say(st->cli, "%s %s → %s", c.s.number, st->from,
			    akt_names_pick(&c.s.status.name, st->lang));
	akt_case_clear(&c);
	finish(st, AKT_EXIT_OK);
}

static void change(struct status *st, const struct akt_transition *t)
{
	bool notify = t->notify_default;

	if (st->a->opt[OPT_NOTIFY])
		notify = true;
	if (st->a->opt[OPT_NO_NOTIFY])
		notify = false;
	/* the key is set already: only the comment can be refused */
	switch (akt_op_status(st->cli->session, st->id, st->etag, t->to.id,
			      st->a->opt[OPT_COMMENT], notify, st->key,
			      on_changed, st)) {
	case AKT_OP_SENT:
		break;
	case AKT_OP_TOO_LONG:
		akt_cli_error("cannot %s: the comment is too long", st->what);
		finish(st, AKT_EXIT_USAGE);
		break;
	default:
		akt_cli_error("cannot %s: the comment is not valid UTF-8",
			      st->what);
		finish(st, AKT_EXIT_USAGE);
		break;
	}
}

/* STATUS is not among the moves open now: a status the case's service
 * has (not allowed now, exit 3) or none at all (a typo, exit 1). */
static void on_statuses(const struct akt_reply *r, void *arg)
{
	struct status *st = arg;
	struct akt_status_list l;
	struct akt_transitions all;
	const struct akt_transition *t;
	const char **names;
	char *err = NULL, *text;

	if (r->result != AKT_OK) {
		finish(st, akt_cli_fail(r));
		return;
	}
	if (!akt_status_list_decode(r->json, &l, &err)) {
		finish(st, akt_cli_not_understood(err));
		return;
	}
	/* Matched like the transitions are, by the same function: the
	 * statuses stand in as targets (borrowed, not freed here). */
	memset(&all, 0, sizeof(all));
	all.items = xcalloc(l.n + 1, sizeof(*all.items));
	for (size_t i = 0; i < l.n; i++)
		all.items[i].to = l.items[i];
	all.n = l.n;
	t = akt_transitions_find(&all, st->want);
	names = allowed_names(st);
	if (!t) {
		text = akt_allowed_text(names, st->tr.n);
		akt_cli_error("cannot change %s to '%s': there is no such status "
			      "(%s)", st->number, st->want, text);
		finish(st, AKT_EXIT_USAGE);
	} else if (strcmp(t->to.id, st->tr.from.id) == 0) {
		text = NULL;
		akt_cli_error("cannot change %s to %s: it is %s already",
			      st->number, akt_names_pick(&t->to.name, st->lang),
			      st->from);
		finish(st, AKT_EXIT_CONFLICT);
	} else {
		text = akt_not_allowed_text(st->from, names, st->tr.n);
		akt_cli_error("cannot change %s to %s: %s", st->number,
			      akt_names_pick(&t->to.name, st->lang), text);
		finish(st, AKT_EXIT_CONFLICT);
	}
	free(text);
	free(names);
	free(all.items);
	akt_status_list_clear(&l);
}

static void on_transitions(const struct akt_reply *r, void *arg)
{
	struct status *st = arg;
	const struct akt_transition *t;
	char *err = NULL, *path;
	struct akt_call c = { .method = "GET" };

	if (r->result != AKT_OK) {
		finish(st, akt_cli_fail(r));
		return;
	}
	if (!akt_transitions_decode(r->json, &st->tr, &err)) {
		finish(st, akt_cli_not_understood(err));
		return;
	}
	st->have_tr = true;
	st->from = xstrdup(akt_names_pick(&st->tr.from.name, st->lang));
	t = akt_transitions_find(&st->tr, st->want);
	if (!t) {
		/* the statuses the case's service has (all of them, should
		 * the case name none) */
		if (st->e_service) {
			char *svc = akt_url_escape(st->e_service);

			path = xasprintf("/v1/statuses?e_service=%s", svc);
			free(svc);
		} else {
			path = xstrdup("/v1/statuses");
		}
		c.path = path;
		akt_session_call(st->cli->session, &c, on_statuses, st);
		free(path);
		return;
	}
	st->to = xstrdup(akt_names_pick(&t->to.name, st->lang));
	st->what = xasprintf("change %s to %s", st->number, st->to);
	if (!akt_idem_new(st->key)) {
		akt_cli_error("cannot %s: no random numbers for the request's "
			      "Idempotency-Key", st->what);
		finish(st, AKT_EXIT_UNREACHABLE);
		return;
	}
	change(st, t);
}

static int status(struct akt_cli *cli, const struct akt_args *a)
{
	struct status st;
	struct akt_case c;
	struct akt_call call = { .method = "GET" };
	char *path;
	int rc;

	if (a->opt[OPT_NOTIFY] && a->opt[OPT_NO_NOTIFY]) {
		akt_cli_error("--notify and --no-notify exclude each other");
		return AKT_EXIT_USAGE;
	}
	memset(&st, 0, sizeof(st));
	st.cli = cli;
	st.a = a;
	st.want = a->pos[1];
	st.lang = akt_ui_lang();
	rc = akt_case_read_for_write(cli, a->pos[0], &c, &st.etag, &st.path,
				     NULL);
	if (rc != AKT_EXIT_OK)
		return rc;
	st.number = xstrdup(c.s.number);
	st.e_service = xstrdup_opt(c.s.e_service_id);
	st.id = c.s.id;
	akt_case_clear(&c);
	path = xasprintf("%s/transitions", st.path);
	call.path = path;
	akt_session_call(cli->session, &call, on_transitions, &st);
	free(path);
	akt_cli_wait(cli, &st.done);
	if (st.have_tr)
		akt_transitions_clear(&st.tr);
	free(st.path);
	free(st.number);
	free(st.e_service);
	free(st.etag);
	free(st.from);
	free(st.to);
	free(st.what);
	return st.rc;
}

const struct akt_cmd akt_cmd_status = {
	.name = "status",
	.args = "CASE STATUS",
	.min_pos = 2,
	.max_pos = 2,
	.summary = "change a case's status",
	.help = "Change the status of CASE (its number or id) to STATUS, named\n"
		"by its id or its Swedish or English name in any case\n"
		"(\"registrerat\", \"In progress\", \"closed\"). Only the moves\n"
		"the platform allows now are made; otherwise akt lists them.\n"
		"If someone else changed the case since akt read it, nothing\n"
		"is changed and akt says who did it and when.\n"
		"The citizen is told of the new status as the platform\n"
		"proposes unless --notify or --no-notify says otherwise.",
	.opts = opts,
	.session = true,
	.exec = status,
};

/*
 * ui_act.c — asking what a status change should be: the statuses the
 * cases may move to now (for several cases, every one allowed for at
 * least one, with how many), or the one typed; an optional comment; and
 * whether to notify the citizen, the platform's proposal first.
 * ui_act_run.c then makes the change.
 *
 * One case, with a draft store: the comment is written in the editor as
 * a draft of its own, against the version of the case the officer was
 * looking at, and sent through the outbox — so it survives a lost link
 * and a conflict never loses it. Tagged cases keep the one-line comment
 * and the report.
 */
#include "ui_act_run.h"
#include "akt/case_format.h"
#include "akt/ops.h"
#include "akt/views.h"
#include "akt/xalloc.h"

static void compose_status(struct act_run *run);

/* One case, and somewhere to keep what is written: the editor. */
static bool by_draft(const struct act_run *run)
{
	return run->n == 1 && run->ui->drafts && run->ui->outbox;
}

static const char *transitions_path(struct act_item *it, char *buf,
				    size_t size)
{
	snprintf(buf, size, "/v1/cases/%lld/transitions", (long long)it->id);
	return buf;
}

struct status_ask {
	struct act_run *run;
	struct act_target *targets;
	size_t ntargets;
};

static void on_notify(struct ui *ui, int choice, void *arg)
{
	struct act_run *run = arg;

	if (!act_run_alive(run))
		return;
	if (choice < 0) {
		ui_msg(ui, _("Status not changed"));
		act_run_free(run);
		return;
	}
	/* the platform's proposal is the first entry */
	if (choice != 0)
		run->notify = !run->notify;
	act_run_start(run);
}

static void ask_notify(struct act_run *run)
{
	static const char *const yes_no[] = { N_("Yes"), N_("No") };
	const char *items[2];

	items[0] = _(yes_no[run->notify ? 0 : 1]);
	items[1] = _(yes_no[run->notify ? 1 : 0]);
	ui_menu(run->ui, _("Notify the citizen?"), items, 2, on_notify, run);
}

static void on_comment(struct ui *ui, const char *text, void *arg)
{
	struct act_run *run = arg;

	if (!act_run_alive(run))
		return;
	if (!text) {
		ui_msg(ui, _("Status not changed"));
		act_run_free(run);
		return;
	}
	if (!akt_op_text_ok(text)) {
		ui_err(ui, _("Status not changed: the comment is not valid "
			     "UTF-8"));
		act_run_free(run);
		return;
	}
	if (strspn(text, " \t") < strlen(text))
		run->comment = xstrdup(text);
	ask_notify(run);
}

/* The target is chosen (run->to, run->notify as proposed). */
static void ask_comment(struct act_run *run)
{
	/* one case: the comment in the editor, which asks whether to
	 * notify when it sends (the platform's proposal first) */
	if (by_draft(run)) {
		compose_status(run);
		return;
	}
	ui_prompt(run->ui, _("Comment (optional):"), NULL, NULL, on_comment,
		  run);
}

static void choose_target(struct act_run *run, const struct act_target *t)
{
	free(run->to);
	free(run->to_name);
	run->to = xstrdup(t->to->id);
	run->to_name = xstrdup(ui_name(run->ui, &t->to->name));
	run->notify = t->notify_default;
	ask_comment(run);
}

static void on_target(struct ui *ui, int choice, void *arg)
{
	struct status_ask *ask = arg;
	struct act_run *run = ask->run;

	if (!act_run_alive(run)) {
		free(ask->targets);
		free(ask);
		return;
	}
	if (choice < 0 || (size_t)choice >= ask->ntargets) {
		ui_msg(ui, _("Status not changed"));
		act_run_free(run);
	} else {
		choose_target(run, &ask->targets[choice]);
	}
	free(ask->targets);
	free(ask);
}

/* The status typed: the target of the cases that allow it. None does:
 * the run says for each why (it is left to the platform's word). */
static void typed_target(struct act_run *run)
{
	const struct akt_transition *first = NULL;

	run->notify = false;
	for (size_t i = 0; i < run->n; i++) {
		const struct akt_transition *t;

		if (!run->items[i].have_tr)
			continue;
		t = akt_transitions_find(&run->items[i].tr, run->to);
		if (!t)
			continue;
		if (!first)
			first = t;
		run->notify |= t->notify_default;
	}
	if (!first) {
		act_run_start(run);
		return;
	}
	free(run->to_name);
	run->to_name = xstrdup(ui_name(run->ui, &first->to.name));
	free(run->to);
	run->to = xstrdup(first->to.id);
	ask_comment(run);
}

/* ---- one case: the comment as a draft -------------------------------------- */

/* The draft of the change, opened in the editor: ^S there sends it. */
static void open_draft(struct act_run *run, const char *etag)
{
	struct act_item *it = &run->items[0];
	struct ui *ui = run->ui;
	struct akt_draft d;
	char *err = NULL;

	if (!akt_draft_new(&d, AKT_DRAFT_STATUS, &err)) {
		ui_err(ui, _("Status not changed: %s"), err);
		free(err);
		act_run_free(run);
		return;
	}
	d.server = xstrdup_opt(akt_session_server(ui->session));
	d.case_id = it->id;
	d.case_number = xstrdup(it->number);
	d.etag = xstrdup(etag);
	d.status_to = xstrdup(run->to);
	d.status_name = xstrdup_opt(run->to_name);
	d.notify = run->notify;
	if (!akt_draft_save(ui->drafts, &d, &err)) {
		ui_err(ui, _("Status not changed: the draft could not be "
			     "saved: %s"), err);
		free(err);
	} else {
		view_compose_open(ui, &d);
	}
	akt_draft_clear(&d);
	act_run_free(run);
}

/* The version shown was not known (a case list has only the time of
 * its last change): read it, and go on only if nobody changed the case
 * since the officer loaded it. */
static void got_version(struct ui_view *v, const struct akt_reply *r,
			void *arg)
{
	struct act_run *run = arg;
	struct act_item *it = &run->items[0];
	struct akt_case c;
	char *err = NULL;
	bool changed;

	(void)v;
	if (r->result != AKT_OK) {
		char *why = act_refusal(r, ACT_STATUS, run->ui->lang,
					ui_now());

		ui_err(run->ui, _("Cannot change the status of %s: %s"),
		       it->number, why);
		free(why);
		act_run_free(run);
		return;
	}
	if (!akt_case_decode(r->json, &c, &err)) {
		ui_err(run->ui, _("the platform's answer is not understood: "
				  "%s"), err);
		free(err);
		act_run_free(run);
		return;
	}
	changed = it->seen_at && c.s.updated_at &&
		  strcmp(it->seen_at, c.s.updated_at) != 0;
	if (changed) {
		char *why = act_changed_since(NULL, c.s.updated_at, ui_now());

		ui_err(run->ui, _("%s: %s; status not changed (^R shows it "
				  "as it is now)"), it->number, why);
		free(why);
	}
	akt_case_clear(&c);
	if (changed || !r->etag || !*r->etag) {
		if (!changed)
			ui_err(run->ui, "%s", _("the platform sent no ETag, so "
						"the case cannot be changed "
						"safely"));
		act_run_free(run);
		return;
	}
	open_draft(run, r->etag);
}

static void compose_status(struct act_run *run)
{
	struct act_item *it = &run->items[0];
	char path[64];

	if (it->seen_etag) {
		open_draft(run, it->seen_etag);
		return;
	}
	snprintf(path, sizeof(path), "/v1/cases/%lld", (long long)it->id);
	/* a step of a write: Esc leaves it; the run is freed by the answer,
	 * or when the view closes first */
	ui_get_keep(run->v, path, got_version, act_run_dropped, run);
}

/* ---- reading the transitions ------------------------------------------------ */

static void status_read(struct act_item *it, const struct akt_reply *r)
{
	char *err = NULL;

	if (r->result != AKT_OK) {
		it->out.reason = act_refusal(r, ACT_STATUS, it->run->ui->lang,
					     ui_now());
		return;
	}
	if (!akt_transitions_decode(r->json, &it->tr, &err)) {
		it->out.reason = xasprintf(_("the platform's answer is not "
					     "understood: %s"), err);
		free(err);
		return;
	}
	it->have_tr = true;
}

static void status_then(struct act_run *run)
{
	const struct akt_transitions **tr;
	struct status_ask *ask;
	char **labels, *title;

	if (!act_run_alive(run))
		return;
	if (run->n == 1 && !run->items[0].have_tr) {
		ui_err(run->ui, _("Cannot change the status of %s: %s"),
		       run->items[0].number, run->items[0].out.reason);
		act_run_free(run);
		return;
	}
	if (run->to) {
		typed_target(run);
		return;
	}
	ask = xcalloc(1, sizeof(*ask));
	ask->run = run;
	tr = xcalloc(run->n + 1, sizeof(*tr));
	for (size_t i = 0; i < run->n; i++)
		tr[i] = run->items[i].have_tr ? &run->items[i].tr : NULL;
	ask->targets = act_targets(tr, run->n, &ask->ntargets);
	free(tr);
	if (ask->ntargets == 0) {
		if (run->n == 1)
			ui_err(run->ui, _("No status change is allowed from %s"),
			       ui_name(run->ui, &run->items[0].tr.from.name));
		else
			ui_err(run->ui, _("No status change is allowed for "
					  "these cases"));
		act_run_free(run);
		free(ask);
		return;
	}
	labels = xcalloc(ask->ntargets + 1, sizeof(*labels));
	for (size_t i = 0; i < ask->ntargets; i++)
		labels[i] = act_target_label(ui_name(run->ui,
						     &ask->targets[i].to->name),
					     ask->targets[i].count, run->n);
	if (run->n == 1)
		title = xasprintf(_("Change %s from %s to:"),
				  run->items[0].number,
				  ui_name(run->ui, &run->items[0].tr.from.name));
	else
		title = xasprintf(_("Change %zu cases to:"), run->n);
	act_menu(run->ui, title, labels, ask->ntargets, on_target, ask);
	free(title);
}

static void status_start(struct ui_view *v, const struct ui_act_case *cases,
			 size_t n, const char *etag, const char *to,
			 ui_act_done_fn *done, void *arg)
{
	struct act_run *run;

	if (n == 0) {
		ui_err(v->ui, _("No case to change"));
		return;
	}
	run = act_run_new(v, ACT_STATUS, cases, n, done, arg);
	if (n == 1)
		run->items[0].seen_etag = xstrdup_opt(etag);
	if (to && *to) {
		const struct akt_status *s = akt_status_find(&v->ui->statuses, to);

		if (!s && v->ui->statuses.n > 0) {
			ui_err(v->ui, _("There is no status '%s'; press s for "
					"a menu of those allowed"), to);
			act_run_free(run);
			return;
		}
		run->to = xstrdup(to);
		run->to_name = xstrdup(s ? ui_name(v->ui, &s->name) : to);
	}
	act_read_all(run, transitions_path, status_read, status_then);
}

void ui_act_status(struct ui_view *v, const struct ui_act_case *cases,
		   size_t n, const char *to, ui_act_done_fn *done, void *arg)
{
	status_start(v, cases, n, NULL, to, done, arg);
}

void ui_act_status_one(struct ui_view *v, const struct ui_act_case *c,
		       const char *etag, const char *to, ui_act_done_fn *done,
		       void *arg)
{
	status_start(v, c, 1, etag, to, done, arg);
}

/*
 * ui_act_assign.c — asking whom to assign (a colleague, "me" first) or
 * to unassign (everyone assigned to any of the cases, with how many).
 * ui_act_run.c then makes the change.
 */
#include "ui_act_run.h"
#include "akt/xalloc.h"

static const char *case_path(struct act_item *it, char *buf, size_t size)
{
	snprintf(buf, size, "/v1/cases/%lld", (long long)it->id);
	return buf;
}

/* The colleagues offered: "me" first, then the others. */
struct assign_ask {
	struct act_run *run;
	struct akt_officer_ref *own;      /* loaded here, or NULL */
	size_t nown;
	const struct akt_officer_ref **refs;
	size_t nrefs;
	bool me_first;
};

static void assign_ask_free(struct assign_ask *ask)
{
	akt_officer_ref_list_free(&ask->own, &ask->nown);
	free(ask->refs);
	free(ask);
}

static void set_who(struct act_run *run, const char *username,
		    const char *name)
{
	free(run->who);
	free(run->who_name);
	run->who = xstrdup(username);
	run->who_name = xstrdup(name && *name ? name : username);
}

static bool set_me(struct act_run *run)
{
	const struct ui *ui = run->ui;

	if (!ui->me_loaded || !ui->me.username) {
		ui_err(run->ui, _("Who you are is not known yet; try again in a "
				  "moment"));
		return false;
	}
	set_who(run, ui->me.username, ui->me.name);
	return true;
}

/* A username typed: the name of the colleague, when known. */
static void set_typed(struct act_run *run, const char *who)
{
	const struct ui *ui = run->ui;

	for (size_t i = 0; i < ui->nofficers; i++)
		if (ui->officers[i].username &&
		    strcmp(ui->officers[i].username, who) == 0) {
			set_who(run, who, ui->officers[i].name);
			return;
		}
	set_who(run, who, who);
}

/*
 * The start assign and unassign share: refuse an empty selection (with
 * none, translated), and when the command named the person ("me" or a
 * username) start the run at once. The run whose person is still to be
 * asked, or NULL when there is nothing more to do.
 */
static struct act_run *run_named(struct ui_view *v, enum act_kind kind,
				 const struct ui_act_case *cases, size_t n,
				 const char *who, const char *none,
				 ui_act_done_fn *done, void *arg)
{
	struct act_run *run;

	if (n == 0) {
		ui_err(v->ui, "%s", none);
		return NULL;
	}
	run = act_run_new(v, kind, cases, n, done, arg);
	if (who && strcmp(who, "me") == 0) {
		if (set_me(run))
			act_run_start(run);
		else
			act_run_free(run);
		return NULL;
	}
	if (who && *who) {
		set_typed(run, who);
		act_run_start(run);
		return NULL;
	}
	return run;
}

static void on_colleague(struct ui *ui, int choice, void *arg)
{
	struct assign_ask *ask = arg;
	struct act_run *run = ask->run;
	size_t i;

	if (!act_run_alive(run)) {
		assign_ask_free(ask);
		return;
	}
	if (choice < 0) {
		ui_msg(ui, _("Not assigned"));
		act_run_free(run);
	} else if (ask->me_first && choice == 0) {
		if (set_me(run))
			act_run_start(run);
		else
			act_run_free(run);
	} else if ((i = (size_t)choice - ask->me_first) < ask->nrefs) {
		set_who(run, ask->refs[i]->username, ask->refs[i]->name);
		act_run_start(run);
	} else {
		act_run_free(run);
	}
	assign_ask_free(ask);
}

static void ask_colleague(struct assign_ask *ask,
			  const struct akt_officer_ref *all, size_t n)
{
	struct act_run *run = ask->run;
	const struct ui *ui = run->ui;
	char **labels = xcalloc(n + 2, sizeof(*labels)), *title;
	size_t k = 0;

	ask->refs = xcalloc(n + 1, sizeof(*ask->refs));
	ask->me_first = ui->me_loaded && ui->me.username;
	if (ask->me_first)
		labels[k++] = xasprintf(_("Me (%s)"), ui->me.name ?
					ui->me.name : ui->me.username);
	for (size_t i = 0; i < n; i++) {
		if (!all[i].username || (ask->me_first &&
		    strcmp(all[i].username, ui->me.username) == 0))
			continue;
		ask->refs[ask->nrefs++] = &all[i];
		labels[k++] = act_person_label(&all[i], 1, 1);
	}
	if (run->n == 1)
		title = xasprintf(_("Assign %s to:"), run->items[0].number);
	else
		title = xasprintf(_("Assign %zu cases to:"), run->n);
	act_menu(run->ui, title, labels, k, on_colleague, ask);
	free(title);
}

static void on_officers(struct ui_view *v, const struct akt_reply *r,
			void *arg)
{
	struct assign_ask *ask = arg;
	char *err = NULL;
	bool ok = r->result == AKT_OK &&
		  akt_officer_ref_list_decode(r->json, &ask->own, &ask->nown,
					      &err);

	if (!ok) {
		ui_err(v->ui, _("Cannot list your colleagues: %s"),
		       r->result != AKT_OK ? r->error : err);
		free(err);
		act_run_free(ask->run);
		assign_ask_free(ask);
		return;
	}
	ask_colleague(ask, ask->own, ask->nown);
}

/* Esc, or the view closed, before the colleagues came. */
static void officers_dropped(void *arg)
{
	struct assign_ask *ask = arg;

	act_run_free(ask->run);
	assign_ask_free(ask);
}

void ui_act_assign(struct ui_view *v, const struct ui_act_case *cases,
		   size_t n, const char *who, ui_act_done_fn *done, void *arg)
{
	struct akt_call call = { .method = "GET",
				 .path = "/v1/officers?limit=200" };
	struct act_run *run;
	struct assign_ask *ask;
	struct ui_req *req;

	run = run_named(v, ACT_ASSIGN, cases, n, who, _("No case to assign"),
			done, arg);
	if (!run)
		return;
	ask = xcalloc(1, sizeof(*ask));
	ask->run = run;
	if (v->ui->nofficers > 0) {
		ask_colleague(ask, v->ui->officers, v->ui->nofficers);
		return;
	}
	/* not loaded at start (or nobody shares a unit): ask now */
	req = ui_req_new(v, on_officers, ask);
	ui_req_on_drop(req, officers_dropped);
	akt_session_call(v->ui->session, &call, ui_req_cb, req);
}

/* ---- unassign ------------------------------------------------------- */

struct unassign_ask {
	struct act_run *run;
	struct act_person *people;
	size_t npeople;
};

static void on_assignee(struct ui *ui, int choice, void *arg)
{
	struct unassign_ask *ask = arg;
	struct act_run *run = ask->run;

	if (!act_run_alive(run)) {
		free(ask->people);
		free(ask);
		return;
	}
	if (choice < 0 || (size_t)choice >= ask->npeople) {
		ui_msg(ui, _("Nobody unassigned"));
		act_run_free(run);
	} else {
		const struct akt_officer_ref *o = ask->people[choice].who;
		char id[32];

		/* the platform takes the id for the username too */
		snprintf(id, sizeof(id), "%lld", (long long)o->id);
		set_who(run, o->username ? o->username : id, o->name);
		act_run_start(run);
	}
	free(ask->people);
	free(ask);
}

static void unassign_read(struct act_item *it, const struct akt_reply *r)
{
	char *err = NULL;

	if (r->result != AKT_OK) {
		it->out.reason = act_refusal(r, ACT_UNASSIGN, it->run->ui->lang,
					     ui_now());
		return;
	}
	if (!akt_case_decode(r->json, &it->seen, &err)) {
		it->out.reason = xasprintf(_("the platform's answer is not "
					     "understood: %s"), err);
		free(err);
		return;
	}
	it->have_seen = true;
}

static void unassign_then(struct act_run *run)
{
	const struct akt_case_summary **cases;
	struct unassign_ask *ask;
	char **labels, *title;

	if (!act_run_alive(run))
		return;
	if (run->n == 1 && !run->items[0].have_seen) {
		ui_err(run->ui, _("Cannot read %s: %s"), run->items[0].number,
		       run->items[0].out.reason);
		act_run_free(run);
		return;
	}
	ask = xcalloc(1, sizeof(*ask));
	ask->run = run;
	cases = xcalloc(run->n + 1, sizeof(*cases));
	for (size_t i = 0; i < run->n; i++)
		cases[i] = run->items[i].have_seen ? &run->items[i].seen.s : NULL;
	ask->people = act_assignees(cases, run->n, &ask->npeople);
	free(cases);
	if (ask->npeople == 0) {
		if (run->n == 1)
			ui_msg(run->ui, _("Nobody is assigned to %s"),
			       run->items[0].number);
		else
			ui_msg(run->ui, _("Nobody is assigned to these cases"));
		act_run_free(run);
		free(ask);
		return;
	}
	labels = xcalloc(ask->npeople + 1, sizeof(*labels));
	for (size_t i = 0; i < ask->npeople; i++)
		labels[i] = act_person_label(ask->people[i].who,
					     ask->people[i].count, run->n);
	if (run->n == 1)
		title = xasprintf(_("Unassign from %s:"), run->items[0].number);
	else
		title = xasprintf(_("Unassign from %zu cases:"), run->n);
	act_menu(run->ui, title, labels, ask->npeople, on_assignee, ask);
	free(title);
}

void ui_act_unassign(struct ui_view *v, const struct ui_act_case *cases,
		     size_t n, const char *who, ui_act_done_fn *done,
		     void *arg)
{
	struct act_run *run;

	run = run_named(v, ACT_UNASSIGN, cases, n, who,
			_("No case to unassign"), done, arg);
	if (!run)
		return;
	act_read_all(run, case_path, unassign_read, unassign_then);
}

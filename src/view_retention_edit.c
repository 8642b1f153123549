/*
 * view_retention_edit.c — an administrator changes how many days after
 * closing the cases of an e-service are purged.
 *
 * The policy is read first for its tag (ETag) and its days now; the
 * officer is asked for the days (unless ":edit DAYS" gave them), then
 * shown what the change does and asked to confirm; the change is sent
 * with If-Match, so a change by someone else in between is refused (412)
 * and shown instead of overwritten. An officer who may not change the
 * policy is told the platform's reason and nothing is sent.
 */
#include "akt/conflict.h"
#include "akt/ops.h"
#include "akt/when.h"
#include "akt/xalloc.h"
#include "view_retention.h"

void ret_edit_free(struct ret_edit **e)
{
	if (!*e)
		return;
	free((*e)->id);
	free((*e)->name);
	free((*e)->etag);
	xfree(e);
}

static void done(struct ui_view *v)
{
	ret_edit_free(&ret_of(v)->edit);
	ui_dirty(v->ui);
}

static const char *reason_of(const struct akt_retention_policy *p)
{
	return p->reason && *p->reason ? p->reason :
	       _("the platform gave no reason");
}

/* Put the policy as the platform has it now in its row (p is taken). */
static void replace_row(struct ret_view *r, struct akt_retention_policy *p)
{
	for (size_t i = 0; i < r->pol.n; i++)
		if (strcmp(r->pol.items[i].e_service_id, p->e_service_id) == 0) {
			akt_retention_policy_clear(&r->pol.items[i]);
			r->pol.items[i] = *p;
			return;
		}
	akt_retention_policy_clear(p);
}

/* ---- sending ----------------------------------------------------------- */

static void on_put(struct ui_view *v, const struct akt_reply *rep, void *arg)
{
	struct ret_view *r = ret_of(v);
	struct ret_edit *e = r->edit;
	struct akt_retention_policy p;
	char *err = NULL;

	if (!e)
		return;
	e->waiting = false;
	if (rep->result == AKT_OK &&
	    akt_retention_policy_decode(rep->json, &p, &err)) {
		ui_msg(v->ui, _("%s: closed cases are purged %lld days after "
				"closing (was %lld)"), e->name,
		       (long long)p.days, (long long)e->from);
		replace_row(r, &p);
		/* the purge dates of its closed cases moved */
		ret_load_pages(v, RET_UPCOMING, true);
	} else if (rep->result == AKT_OK) {
		ui_err(v->ui, _("%s was changed, but the answer was not "
				"understood (%s); reloaded"), e->name, err);
		ret_load_policies(v, false);
	} else if (rep->status == 412) {
		const char *who, *name, *at;
		char when[AKT_WHEN_LEN];

		akt_changed_by(rep->json, &who, &name, &at);
		if (!who)
			who = name;
		if (!who)
			who = _("someone else");
		if (at)
			ui_err(v->ui, _("%s was changed by %s at %s meanwhile; "
					"reloaded"),
			       e->name, who, akt_when(at, when));
		else
			ui_err(v->ui, _("%s was changed by %s meanwhile; "
					"reloaded"),
			       e->name, who);
		ret_load_policies(v, false);
	} else if (rep->status == 403) {
		/* the platform's reason says it best */
		const char *why = rep->problem ? akt_problem_text(rep->problem) :
				  NULL;

		ui_err(v->ui, _("cannot change %s: %s"), e->name,
		       why ? why : rep->error);
		ret_load_policies(v, true);
	} else {
		ui_err(v->ui, _("cannot change %s: %s"), e->name, rep->error);
	}
	free(err);
	done(v);
}

static void on_answer(struct ui *ui, int choice, void *arg)
{
	struct ui_view *v = view_of_tag(ui, arg);
	struct ret_edit *e;
	struct ui_req *rq;

	if (!v || !(e = ret_of(v)->edit))
		return;
	if (choice != 1) {
		ui_msg(ui, _("%s unchanged"), e->name);
		done(v);
		return;
	}
	e->waiting = true;
	rq = ui_req_new(v, on_put, NULL);
	/* once sent, a change runs to its end even if the view closes */
	ui_req_keep(rq);
	akt_op_retention_policy(ui->session, e->id, e->to, e->etag, ui_req_cb,
				rq);
}

/* The days are known: say what the change does and ask. */
static void ask(struct ui_view *v)
{
	struct ret_edit *e = ret_of(v)->edit;
	char *q;

	if (e->to == e->from) {
		ui_msg(v->ui, _("%s: already %lld days; nothing to change"),
		       e->name, (long long)e->to);
		done(v);
		return;
	}
	q = ret_edit_question(e->name, e->from, e->to, ui_now());
	ui_confirm(v->ui, q, on_answer, view_tag(v));
	free(q);
}

static void on_days(struct ui *ui, const char *text, void *arg)
{
	struct ui_view *v = view_of_tag(ui, arg);
	struct ret_edit *e;
	int64_t days;
	char *t;
	size_t len;

	if (!v || !(e = ret_of(v)->edit))
		return;
	if (!text) {
		ui_msg(ui, _("%s unchanged"), e->name);
		done(v);
		return;
	}
	while (*text == ' ')
		text++;
	t = xstrdup(text);
	for (len = strlen(t); len && t[len - 1] == ' '; len--)
		t[len - 1] = '\0';
	if (!akt_retention_days_parse(t, &days)) {
		ui_err(ui, _("days must be a whole number from %d to %d, not "
			     "'%s'; %s unchanged"), AKT_RETENTION_DAYS_MIN,
		       AKT_RETENTION_DAYS_MAX, t, e->name);
		free(t);
		done(v);
		return;
	}
	free(t);
	e->to = days;
	ask(v);
}

/* ---- reading the policy for its tag -------------------------------------- */

static void on_policy(struct ui_view *v, const struct akt_reply *rep,
		      void *arg)
{
	struct ret_view *r = ret_of(v);
	struct ret_edit *e = r->edit;
	struct akt_retention_policy p;
	char *err = NULL, *prompt, days[24];

	if (!e)
		return;
	e->waiting = false;
	if (rep->result != AKT_OK) {
		ui_err(v->ui, _("cannot read the retention policy of %s: %s"),
		       e->name, rep->error);
		done(v);
		return;
	}
	if (!akt_retention_policy_decode(rep->json, &p, &err)) {
		ui_err(v->ui, _("cannot read the retention policy of %s: %s"),
		       e->name, err);
		free(err);
		done(v);
		return;
	}
	if (!rep->etag) {
		ui_err(v->ui, _("cannot change %s: the platform sent the "
				"policy without its tag (ETag)"), e->name);
		akt_retention_policy_clear(&p);
		done(v);
		return;
	}
	e->etag = xstrdup(rep->etag);
	e->from = p.days;
	if (!p.can_edit) {
		ui_err(v->ui, _("%s is read-only: %s"), e->name,
		       reason_of(&p));
		replace_row(r, &p);
		done(v);
		return;
	}
	replace_row(r, &p);
	if (e->to) {
		ask(v);
		return;
	}
	snprintf(days, sizeof(days), "%lld", (long long)e->from);
	prompt = xasprintf(_("%s: days after closing (%d–%d):"), e->name,
			   AKT_RETENTION_DAYS_MIN, AKT_RETENTION_DAYS_MAX);
	ui_prompt(v->ui, prompt, days, NULL, on_days, view_tag(v));
	free(prompt);
}

void ret_edit_start(struct ui_view *v, int64_t days)
{
	struct ret_view *r = ret_of(v);
	const struct akt_retention_policy *p;
	struct ret_edit *e;
	char *path;

	if (r->edit) {
		ui_err(v->ui, _("a change of a policy is already under way"));
		return;
	}
	if (r->list[RET_POLICIES].sel >= r->pol.n) {
		ui_err(v->ui, _("no policy selected: choose one on the "
				"Policies tab"));
		return;
	}
	p = &r->pol.items[r->list[RET_POLICIES].sel];
	if (!p->can_edit) {
		/* the list says so already: nothing is asked of the platform */
		ui_err(v->ui, _("%s is read-only: %s"),
		       ui_name(v->ui, &p->e_service), reason_of(p));
		return;
	}
	e = r->edit = xcalloc(1, sizeof(*e));
	e->id = xstrdup(p->e_service_id);
	e->name = xstrdup(ui_name(v->ui, &p->e_service));
	e->from = p->days;
	e->to = days;
	e->waiting = true;
	path = akt_retention_policy_path(e->id);
	ui_get(v, path, on_policy, NULL);
	free(path);
}

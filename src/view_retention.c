/*
 * view_retention.c — the retention (gallring) screen: three tabs, the
 * policies of the e-services, the closed cases due for purging and the
 * purge log. Here: the view's operations — tabs, keys, ':' commands
 * (tab, edit, hold) and what the change feed says about retention.
 */
#include "akt/case_format.h"
#include "akt/ui_act.h"
#include "akt/views.h"
#include "akt/xalloc.h"
#include "view_retention.h"

static char *title(struct ui_view *v)
{
	return xasprintf("%s — %s", _("Retention"),
			 ret_tab_name(ret_of(v)->tab));
}

static void show_tab(struct ui_view *v, enum ret_tab t)
{
	ret_of(v)->tab = t;
	ui_dirty(v->ui);
}

/* ---- legal hold --------------------------------------------------------- */

static void on_hold_done(struct ui_view *v, size_t changed, void *arg)
{
	if (changed)
		ret_load_pages(v, RET_UPCOMING, true);
}

/* Set (on 1), lift (on 0) or toggle (on -1) the hold of the selected
 * upcoming purge. */
static void hold(struct ui_view *v, int on)
{
	struct ret_view *r = ret_of(v);
	const struct akt_upcoming_purge *u;
	struct ui_act_case c;

	if (r->tab != RET_UPCOMING) {
		ui_err(v->ui, _("a legal hold is set on a case: choose one on "
				"the Upcoming purges tab"));
		return;
	}
	if (r->list[RET_UPCOMING].sel >= r->up.n) {
		ui_err(v->ui, _("no case selected"));
		return;
	}
	u = ret_upcoming(r, r->list[RET_UPCOMING].sel);
	if (on >= 0 && (on == 1) == u->legal_hold) {
		ui_msg(v->ui, on ? _("%s is already on legal hold") :
			   _("%s has no legal hold"), u->c.number);
		return;
	}
	c.id = u->c.id;
	c.number = u->c.number;
	c.updated_at = u->c.updated_at;
	ui_act_legal_hold(v, &c, !u->legal_hold, on_hold_done, NULL);
}

/* ---- keys ---------------------------------------------------------------- */

static void enter(struct ui_view *v)
{
	struct ret_view *r = ret_of(v);
	size_t sel = r->list[r->tab].sel;

	switch (r->tab) {
	case RET_POLICIES:
		ret_edit_start(v, 0);
		break;
	case RET_UPCOMING:
		if (sel < r->up.n)
			view_case_open(v->ui, ret_upcoming(r, sel)->c.id,
				       ret_upcoming(r, sel)->c.number);
		break;
	default:
		if (sel < r->log.n)
			ui_msg(v->ui, _("%s was purged: nothing of it is left "
					"to open"), ret_entry(r, sel)->case_number);
		break;
	}
}

static bool action(struct ui_view *v, enum akt_action a)
{
	struct ret_view *r = ret_of(v);

	switch (a) {
	case AKT_A_NEXT_TAB:
	case AKT_A_PREV_TAB:
		show_tab(v, (enum ret_tab)view_tab_step(a, (int)r->tab,
							 RET_NTABS));
		return true;
	case AKT_A_ENTER:
		enter(v);
		return true;
	case AKT_A_EDIT:
		if (r->tab != RET_POLICIES)
			ui_err(v->ui, _("e changes a policy: choose one on the "
					"Policies tab"));
		else
			ret_edit_start(v, 0);
		return true;
	case AKT_A_HOLD:
		hold(v, -1);
		return true;
	default:
		break;
	}
	if (!ui_list_action(&r->list[r->tab], a, r->rows))
		return false;
	if (r->tab != RET_POLICIES)
		ret_load_more(v, r->tab);
	ui_dirty(v->ui);
	return true;
}

/* ---- commands -------------------------------------------------------------- */

static bool cmd_tab(struct ui_view *v, const char *args)
{
	int t = ret_tab_parse(args);

	if (t < 0)
		ui_err(v->ui, _("no tab '%s' here: policies, upcoming or log"),
		       args);
	else
		show_tab(v, (enum ret_tab)t);
	return true;
}

/* ":edit [SERVICE] [DAYS]": the selected policy, or the one named. */
static bool cmd_edit(struct ui_view *v, const char *args)
{
	struct ret_view *r = ret_of(v);
	const char *sp = strrchr(args, ' ');
	const char *last = sp ? sp + 1 : args;
	char *service = NULL;
	int64_t days = 0;

	if (*last && akt_retention_days_parse(last, &days))
		service = sp ? xstrndup(args, (size_t)(sp - args)) : NULL;
	else if (*last && akt_all_digits(last)) {
		ui_err(v->ui, _("days must be a whole number from %d to %d, "
				"not '%s'"), AKT_RETENTION_DAYS_MIN,
		       AKT_RETENTION_DAYS_MAX, last);
		return true;
	} else if (*args)
		service = xstrdup(args);
	if (service) {
		const struct akt_retention_policy *p =
			akt_retention_policy_find(&r->pol, service);

		if (!p) {
			ui_err(v->ui, _("no e-service '%s' has a retention "
					"policy"), service);
			free(service);
			return true;
		}
		r->list[RET_POLICIES].sel = (size_t)(p - r->pol.items);
		ui_list_clamp(&r->list[RET_POLICIES], r->rows);
		free(service);
	}
	show_tab(v, RET_POLICIES);
	ret_edit_start(v, days);
	return true;
}

static bool cmd_hold(struct ui_view *v, const char *args)
{
	if (!*args)
		hold(v, -1);
	else if (strcmp(args, "on") == 0)
		hold(v, 1);
	else if (strcmp(args, "off") == 0)
		hold(v, 0);
	else
		ui_err(v->ui, _("hold takes on or off, not '%s'"), args);
	return true;
}

static bool command(struct ui_view *v, const char *name, const char *args)
{
	if (strcmp(name, "tab") == 0)
		return cmd_tab(v, args);
	if (strcmp(name, "edit") == 0)
		return cmd_edit(v, args);
	if (strcmp(name, "hold") == 0)
		return cmd_hold(v, args);
	return false;
}

/* ---- the change feed -------------------------------------------------------- */

static bool in_upcoming(struct ret_view *r, int64_t case_id)
{
	for (size_t i = 0; i < r->up.n; i++)
		if (ret_upcoming(r, i)->c.id == case_id)
			return true;
	return false;
}

/* Reload quietly what the event changed; the rows stay on screen and the
 * selection on its row until the new ones are in. */
static void event(struct ui_view *v, const struct akt_event *e)
{
	struct ret_view *r = ret_of(v);

	if (!e->type)
		return;
	if (strcmp(e->type, "retention.policy_changed") == 0) {
		ret_load_policies(v, true);
		ret_load_pages(v, RET_UPCOMING, true);
	} else if (strcmp(e->type, "case.purged") == 0) {
		ret_load_pages(v, RET_UPCOMING, true);
		ret_load_pages(v, RET_LOG, true);
	} else if (strcmp(e->type, "case.legal_hold") == 0) {
		if (in_upcoming(r, e->case_id))
			ret_load_pages(v, RET_UPCOMING, true);
	} else if (strcmp(e->type, "case.status_changed") == 0) {
		/* a case closed now has a purge date; one reopened has not */
		ret_load_pages(v, RET_UPCOMING, true);
	}
}

/* ---- life --------------------------------------------------------------- */

static void reload(struct ui_view *v)
{
	ret_load_policies(v, false);
	ret_load_pages(v, RET_UPCOMING, false);
	ret_load_pages(v, RET_LOG, false);
}

static void done(struct ui_view *v)
{
	struct ret_view *r = ret_of(v);

	akt_retention_policy_list_clear(&r->pol);
	xfree(&r->pol_error);
	ret_pages_clear(&r->up, RET_UPCOMING);
	ret_pages_clear(&r->log, RET_LOG);
	ret_edit_free(&r->edit);
	xfree(&v->priv);
}

static const struct ui_view_ops ops = {
	.name = "retention",
	.screen = AKT_SCR_RETENTION,
	.title = title,
	.draw = ret_draw,
	.action = action,
	.command = command,
	.event = event,
	.reload = reload,
	.done = done,
};

void view_retention_open(struct ui *ui)
{
	struct ui_view *v = xcalloc(1, sizeof(*v));
	struct ret_view *r = xcalloc(1, sizeof(*r));

	v->ops = &ops;
	v->ui = ui;
	v->priv = r;
	r->rows = 18;                 /* until the first draw says */
	ret_pages_init(&r->up, sizeof(struct akt_upcoming_purge));
	ret_pages_init(&r->log, sizeof(struct akt_purge_entry));
	/* all three at once, so moving between tabs never waits */
	reload(v);
	ui_push(ui, v);
}

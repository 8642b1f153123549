/*
 * ui_act_hold.c — asking before a legal hold is set (its reason, which
 * the platform requires) or lifted (the case may then be purged).
 */
#include "ui_act_run.h"
#include "akt/ops.h"
#include "akt/xalloc.h"

static void on_reason(struct ui *ui, const char *text, void *arg)
{
	struct act_run *run = arg;

	if (!act_run_alive(run))
		return;
	if (!text) {
		ui_msg(ui, _("Legal hold not set"));
		act_run_free(run);
		return;
	}
	if (strspn(text, " \t") == strlen(text)) {
		ui_msg(ui, _("Legal hold not set: a reason is required"));
		act_run_free(run);
		return;
	}
	if (!akt_op_text_ok(text)) {
		ui_err(ui, _("Legal hold not set: the reason is not valid "
			     "UTF-8"));
		act_run_free(run);
		return;
	}
	run->reason = xstrdup(text);
	act_run_start(run);
}

static void on_lift(struct ui *ui, int choice, void *arg)
{
	struct act_run *run = arg;

	if (!act_run_alive(run))
		return;
	if (choice != 1) {
		ui_msg(ui, _("Legal hold kept"));
		act_run_free(run);
		return;
	}
	act_run_start(run);
}

void ui_act_legal_hold(struct ui_view *v, const struct ui_act_case *c,
		       bool active, ui_act_done_fn *done, void *arg)
{
	struct act_run *run = act_run_new(v, ACT_HOLD, c, 1, done, arg);
	char *question;

	run->active = active;
	if (active) {
		ui_prompt(v->ui, _("Reason for the legal hold:"), NULL, NULL,
			  on_reason, run);
		return;
	}
	/* lifting lets the case be purged: asked first */
	question = xasprintf(_("Lift the legal hold of %s? It may then be "
			       "purged."), c->number);
	ui_confirm(v->ui, question, on_lift, run);
	free(question);
}

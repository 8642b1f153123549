/*
 * ui_act.h — status changes and assignments from the full-screen client,
 * for one case or for every tagged case.
 *
 * Each case is read first, for its tag (ETag) and its state now. When
 * the caller says what the officer saw (updated_at from the list) and the
 * case has changed since, the case is left alone and reported as a
 * conflict ("changed by erik at 14:02 since you loaded it"): a bulk
 * change never overrides what someone else just did. Otherwise the write
 * is sent with If-Match and an Idempotency-Key (ops.h).
 *
 * One case: the result is a message on the bottom line. Several: a
 * report says how many succeeded and lists each failure with its reason.
 */
#ifndef AKT_UI_ACT_H
#define AKT_UI_ACT_H

#include "akt/ui.h"

/* The cases are copied: the caller's array may go once the call
 * returns. */
struct ui_act_case {
	int64_t id;
	const char *number;          /* "BYGG-2026-000123" */
	const char *updated_at;      /* as the officer saw it, or NULL */
};

/* After all cases were tried (the message or the report is up);
 * changed = how many succeeded, 0 included. The view reloads what it
 * shows. Not called when the officer cancelled, nor when v was closed
 * meanwhile. */
typedef void ui_act_done_fn(struct ui_view *v, size_t changed, void *arg);

/* Inside a done callback: whether the i-th case (in the order given)
 * was changed. */
bool ui_act_was_changed(size_t i);

/*
 * Change the status. to: the status as typed (id, Swedish or English
 * name), or NULL (or "") to choose from a menu of the transitions the
 * platform allows now (for several cases: every target allowed for at
 * least one, with how many). Then an optional comment and whether the
 * citizen is notified (the platform's proposal offered first). A case
 * the target is not allowed for is reported, not sent.
 */
void ui_act_status(struct ui_view *v, const struct ui_act_case *cases,
		   size_t n, const char *to, ui_act_done_fn *done, void *arg);
/*
 * The same for one case whose version the screen knows (etag: the ETag
 * of the read it shows). With a draft store the comment is then written
 * in the editor, as a draft against that version, and sent through the
 * outbox (a 412 comes back as a conflict draft); done is not called —
 * the outbox events tell the screens. Without one, as ui_act_status.
 */
void ui_act_status_one(struct ui_view *v, const struct ui_act_case *c,
		       const char *etag, const char *to, ui_act_done_fn *done,
		       void *arg);

/* Assign: who is "me", a username, or NULL (or "") to choose a
 * colleague (ui->officers, "me" first). */
void ui_act_assign(struct ui_view *v, const struct ui_act_case *cases,
		   size_t n, const char *who, ui_act_done_fn *done, void *arg);

/* Unassign: who is a username ("me" for oneself), or NULL (or "") to
 * choose among the assignees (of all the cases, with how many). */
void ui_act_unassign(struct ui_view *v, const struct ui_act_case *cases,
		     size_t n, const char *who, ui_act_done_fn *done,
		     void *arg);

/* Set the legal hold of one case (a reason is asked for; none given
 * sets nothing), or lift it (asked to confirm first: the case may then
 * be purged). */
void ui_act_legal_hold(struct ui_view *v, const struct ui_act_case *c,
		       bool active, ui_act_done_fn *done, void *arg);

#endif

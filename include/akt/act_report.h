/*
 * act_report.h — the parts of a status change or an assignment from the
 * full-screen client that need no terminal (ui_act.h does the asking and
 * the sending): what the tagged cases allow between them, who is
 * assigned to them, why a case was left alone, and the report of a
 * change to several cases.
 *
 * Every text made here is one line (the report: lines), sanitized.
 */
#ifndef AKT_ACT_REPORT_H
#define AKT_ACT_REPORT_H

#include "akt/case.h"
#include "akt/event.h"
#include "akt/session.h"
#include "akt/transition.h"
#include "akt/when.h"

#include <time.h>

enum act_kind { ACT_STATUS, ACT_ASSIGN, ACT_UNASSIGN, ACT_HOLD };

/* ---- choosing ------------------------------------------------------- */

/* A status some of the cases may move to, and how many may. */
struct act_target {
	const struct akt_status *to;      /* borrowed from the transitions */
	size_t count;
	bool notify_default;              /* any of them proposes notifying */
};

/*
 * Every target allowed for at least one of the ncases cases, in the
 * order first met; tr[i] is NULL for a case whose transitions are not
 * known. malloc'd, *n entries (NULL when none).
 */
struct act_target *act_targets(const struct akt_transitions *const *tr,
			       size_t ncases, size_t *n);

/* "Avslutat", or "Avslutat (allowed for 3 of 4)" when not every case
 * allows it. malloc'd. */
char *act_target_label(const char *name, size_t count, size_t ncases);

/* An officer assigned to some of the cases, and to how many. */
struct act_person {
	const struct akt_officer_ref *who;    /* borrowed from the cases */
	size_t count;
};

/* Everyone assigned to at least one of the cases (by id), in the order
 * first met; cases[i] may be NULL. malloc'd, *n entries. */
struct act_person *act_assignees(const struct akt_case_summary *const *cases,
				 size_t ncases, size_t *n);

/* "Anna Lindqvist (anna)", with " (assigned to 2 of 3)" when not
 * assigned to every case. malloc'd. */
char *act_person_label(const struct akt_officer_ref *who, size_t count,
		       size_t ncases);

/* ---- why a case was left alone ---------------------------------------- */

/*
 * "changed by erik at 14:02 since you loaded it"; without who "changed
 * at 14:02 …", without at "changed by erik since …".
 */
char *act_changed_since(const char *who, const char *at, time_t now);

/*
 * Who made the case what it is now, from its newest events (sort=-seq):
 * the newest event at the moment of updated_at, else the newest of all;
 * NULL when there are none.
 */
const struct akt_event *act_changer(const struct akt_event_page *p,
				    const char *updated_at);

/* Whether every change in p (newest first) after seen_at was made by
 * the officer me: the officer's own change since loading a list is not
 * a conflict. False when p does not reach back to seen_at. */
bool act_only_by(const struct akt_event_page *p, const char *seen_at,
		 const char *me);

/* An event's actor as the officer knows them: the username, else the
 * name; NULL when neither. Borrowed, not sanitized. */
const char *act_actor(const struct akt_event *e);

/*
 * Why the platform refused a write of kind, in the officer's words:
 * someone changed the case (412), the move is not allowed from here
 * (409 invalid-transition, names in lang), the officer is not of the
 * case's unit (assign, 409), no such officer (assign, 400), If-Match
 * lost on the way (428, akt_no_if_match_text), else the reply's own
 * message. malloc'd.
 */
char *act_refusal(const struct akt_reply *r, enum act_kind kind,
		  const char *lang, time_t now);

/* ---- the report ---------------------------------------------------- */

struct act_outcome {
	const char *number;               /* borrowed */
	bool ok;
	char *reason;                     /* failures; owned */
};

/* "Status change to Avslutat: 2 of 3 changed", "Assign to Anna
 * Lindqvist: 3 of 3 assigned" … name: the status or the officer, NULL
 * for a legal hold. malloc'd. */
char *act_report_title(enum act_kind kind, const char *name, size_t changed,
		       size_t n);

/*
 * One line per case, in order: its number and "OK" or the reason it was
 * left alone. A reason that does not fit in width columns goes on under
 * itself. Lines end in '\n'. malloc'd.
 */
char *act_report_text(const struct act_outcome *o, size_t n, int width);

#endif

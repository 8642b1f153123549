/*
 * views.h — opening the screens of the full-screen client. Each screen is
 * a view (ui.h) in a file of its own: view_queues.c, view_cases.c,
 * view_case.c, view_retention.c, view_help.c.
 */
#ifndef AKT_VIEWS_H
#define AKT_VIEWS_H

#include "akt/case_list.h"
#include "akt/draft.h"
#include "akt/ui.h"

/* The officer's work queues, with "My cases" and "Unassigned" on top. */
void view_queues_open(struct ui *ui);

/* A list of cases: a queue's (queue_id > 0, path /v1/queues/ID/cases) or
 * one across queues (/v1/cases with a filter such as assignee=me). The
 * query's strings are copied. */
void view_cases_open(struct ui *ui, const char *title,
		     const struct akt_case_query *q, int64_t queue_id);

/* One case by id (number shown until it is loaded; may be NULL). */
void view_case_open(struct ui *ui, int64_t id, const char *number);

/* Retention: policies, upcoming purges, the purge log. */
void view_retention_open(struct ui *ui);

/*
 * The editor on draft d (view_compose.c): a copy is taken; the screen
 * takes the draft's lock, or says who holds it and opens nothing. The
 * draft is saved from the first key. ^S sends it through the outbox.
 */
void view_compose_open(struct ui *ui, const struct akt_draft *d);
/* A new draft of kind for a case (etag: the version shown), opened in
 * the editor; thread/message for REPLY/FILE, status_to/name for
 * STATUS (else 0/NULL). */
void view_compose_new(struct ui *ui, enum akt_draft_kind kind,
		      int64_t case_id, const char *case_number,
		      const char *etag, int64_t thread_id, int64_t message_id,
		      const char *status_to, const char *status_name);
/* The drafts: resume, send again, discard; conflicts and refusals with
 * what the platform said (view_drafts.c). */
void view_drafts_open(struct ui *ui);
/* A message thread of a case: its messages, reply, file one into the
 * journal (view_thread.c). */
void view_thread_open(struct ui *ui, int64_t case_id, const char *number,
		      int64_t thread_id);

/* The keys of a screen, from the key table. */
void view_help_open(struct ui *ui, enum akt_screen screen);

#endif

/*
 * views.h — opening the screens of the full-screen client. Each screen is
 * a view (ui.h) in a file of its own: view_queues.c, view_cases.c,
 * view_case.c, view_retention.c, view_help.c.
 */
#ifndef AKT_VIEWS_H
#define AKT_VIEWS_H

#include "akt/case_list.h"
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

/* The keys of a screen, from the key table. */
void view_help_open(struct ui *ui, enum akt_screen screen);

#endif

/*
 * case_list.h — a list of case summaries as long as the platform's
 * (100,000 cases and more), loaded a page at a time where the officer
 * looks.
 *
 * Rows are numbered 0 … count-1 in the list's sort order. Pages are
 * read forward from the top (following "next"), and backward from the
 * bottom by asking for the reversed sort: jumping to the end reads one
 * page, never what lies between. The two runs meet when the officer
 * scrolls far enough. Rows not loaded yet read as NULL; asking for them
 * (akt_case_list_want) starts the page they need, and the changed
 * callback says when it came.
 *
 * The engine's list, with no drawing: the UI keeps the cursor. Rows are
 * kept compactly (see case_rows.h: about 120 bytes a case), so a list
 * of 100,000 read through stays at some 12 MB.
 */
#ifndef AKT_CASE_LIST_H
#define AKT_CASE_LIST_H

#include "akt/case.h"
#include "akt/session.h"

struct akt_case_list;

struct akt_case_query {
	const char *path;        /* "/v1/queues/3/cases" or "/v1/cases" */
	const char *filter;      /* "assignee=me&status=closed" or NULL;
				  * already URL-encoded */
	const char *sort;        /* "-updated" (the platform's default when
				  * NULL) */
	const char *q;           /* free text, or NULL; encoded here */
};

/* What changed; the UI redraws. error is one sanitized line, or NULL;
 * after an error the list is still usable and asks again by itself
 * after a pause (1, 2, 4 … 30 s) for the rows last wanted. The callback
 * may free the list. */
typedef void akt_case_list_cb(struct akt_case_list *l, const char *error,
			      void *arg);

struct akt_case_list *akt_case_list_new(struct akt_session *s,
					const struct akt_case_query *q,
					akt_case_list_cb *cb, void *arg);
/* Requests under way are dropped without callbacks. Not from inside a
 * callback of the session, other than this list's own. */
void akt_case_list_free(struct akt_case_list **l);

/* Start loading the first page. */
void akt_case_list_open(struct akt_case_list *l);

/* Rows known: the platform's total once a page came (then rows may
 * still be unloaded), else 0. A platform that gives no total gets the
 * rows read so far plus one empty row while there are more: wanting it
 * reads on. */
size_t akt_case_list_count(const struct akt_case_list *l);
bool akt_case_list_ready(const struct akt_case_list *l);  /* first page */

/* Row i, or NULL while it is not loaded. The summary is lent: valid
 * until the list changes (a callback, update, insert_top) or rows
 * AKT_CASE_ROWS_VIEWS (1024) apart have been asked for; copy what you
 * keep longer. Unread counts stop at 65535. */
const struct akt_case_summary *akt_case_list_get(
	const struct akt_case_list *l, size_t i);

/* Make sure rows from … to (inclusive, clipped) get loaded, and half a
 * page around them: starts the request of the chain nearer to them (the
 * backward one when they are closer to the end than to the rows loaded
 * from the top), none while that chain has one under way, and goes on
 * page after page until they are there. Pages are of the set limit near
 * the loaded rows and of 200 further away. Cheap to call on every
 * draw. */
void akt_case_list_want(struct akt_case_list *l, size_t from, size_t to);

/* Requests of this list under way. */
unsigned akt_case_list_loading(const struct akt_case_list *l);

/* Stop the pages under way (Esc); wanting rows starts them again.
 * Returns how many were stopped. */
unsigned akt_case_list_stop(struct akt_case_list *l);

/* Row of the case with this id among the loaded rows, or -1. */
ssize_t akt_case_list_find(const struct akt_case_list *l, int64_t id);

/* Replace the loaded row of c->id with a copy of c (a live update),
 * in place: it does not move; false when it is not loaded. */
bool akt_case_list_update(struct akt_case_list *l,
			  const struct akt_case_summary *c);

/* A new case at the top (live update of a list sorted by -created or
 * -updated): rows below move down by one. A case already loaded is
 * updated where it is instead; before the first page, nothing (the page
 * will have it). */
void akt_case_list_insert_top(struct akt_case_list *l,
			      const struct akt_case_summary *c);

/* Pages of 'limit' rows (default 100; 1…200). */
void akt_case_list_set_limit(struct akt_case_list *l, unsigned limit);

#endif

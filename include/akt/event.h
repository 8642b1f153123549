/*
 * event.h — an event of the audit trail (GET /v1/cases/{case}/events)
 * and of the change feed (GET /v1/feed): who did what to which case.
 */
#ifndef AKT_EVENT_H
#define AKT_EVENT_H

#include "akt/case.h"

struct akt_event {
	char *seq;                   /* the feed cursor after this event */
	char *type;                  /* "case.status_changed" … */
	char *at;
	char *actor_kind;            /* officer citizen system */
	char *actor_name;
	struct akt_officer_ref actor_officer;   /* id 0 unless an officer */
	int64_t case_id;             /* 0 when not about a case */
	char *case_number;
	int64_t queue_id;
	json_t *data;                /* the type's own members; owned, released by akt_event_clear */
};

/* A page of events: {"items","next","prev","total"} for a case's
 * history, or {"events","cursor"} for the feed (then next = cursor). */
struct akt_event_page {
	struct akt_event *items;
	size_t n;
	char *next;
	int64_t total;               /* -1 for the feed */
};

bool akt_event_decode(const json_t *j, struct akt_event *out, char **err);
void akt_event_clear(struct akt_event *e);
bool akt_event_page_decode(const json_t *j, struct akt_event_page *out,
			   char **err);
bool akt_feed_decode(const json_t *j, struct akt_event_page *out,
		     char **err);
void akt_event_page_clear(struct akt_event_page *p);

/*
 * One line saying what happened, in English, from the type and data:
 * "status Inskickat → Registrerat (comment)", "assigned Anna Lindqvist".
 * Platform strings are included as they are; sanitize before showing.
 * malloc'd.
 */
char *akt_event_describe(const struct akt_event *e, const char *lang);

/* A member of e->data for those who must not touch JSON (event_data.c):
 * an integer ("note_id"), 0 when missing or not one. */
int64_t akt_event_data_int(const struct akt_event *e, const char *member);

#endif

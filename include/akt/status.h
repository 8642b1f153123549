/*
 * status.h — a case status (Inskickat, Registrerat, Under handläggning,
 * Avslutat, or a service's own) and names in both languages, as they
 * appear in cases, transitions, events and GET /v1/statuses.
 */
#ifndef AKT_STATUS_H
#define AKT_STATUS_H

#include "akt/decode.h"

/* {"sv":"…","en":"…"} */
struct akt_names {
	char *sv;
	char *en;
};

/* Every status falls in one of the four standard categories. */
enum akt_category {
	AKT_CAT_SUBMITTED,      /* Inskickat */
	AKT_CAT_REGISTERED,     /* Registrerat */
	AKT_CAT_IN_PROGRESS,    /* Under handläggning */
	AKT_CAT_CLOSED,         /* Avslutat */
};

struct akt_status {
	char *id;               /* "in_progress", "awaiting_completion" */
	struct akt_names name;
	enum akt_category category;
	bool standard;
	char *e_service;        /* custom statuses: the service; else NULL */
};

struct akt_status_list {
	struct akt_status *items;
	size_t n;
};

/* Decode the object j; d's path names where it sits ("status."). */
bool akt_names_decode(const struct akt_dec *d, const json_t *j,
		      struct akt_names *out);
void akt_names_clear(struct akt_names *n);
/* The name in the officer's language: "sv" or "en" (sv when unknown). */
const char *akt_names_pick(const struct akt_names *n, const char *lang);

bool akt_status_decode(const struct akt_dec *d, const json_t *j,
		       struct akt_status *out);
void akt_status_clear(struct akt_status *s);
/* Category id as the API spells it ("in_progress"); false if unknown. */
bool akt_category_parse(const char *s, enum akt_category *out);
const char *akt_category_id(enum akt_category c);

/* GET /v1/statuses: {"items":[status…]} */
bool akt_status_list_decode(const json_t *j, struct akt_status_list *out,
			    char **err);
void akt_status_list_clear(struct akt_status_list *l);

/* The status of l that word names by its id or its Swedish or English
 * name (case-insensitive, see akt_name_eq); NULL if none or l is NULL. */
const struct akt_status *akt_status_find(const struct akt_status_list *l,
					 const char *word);

#endif

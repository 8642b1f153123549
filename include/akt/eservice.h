/*
 * eservice.h — an e-service (e-tjänst) of the caller's units:
 * GET /v1/e-services. Its prefix is the first part of its case numbers.
 */
#ifndef AKT_ESERVICE_H
#define AKT_ESERVICE_H

#include "akt/status.h"
#include "akt/unit.h"

struct akt_eservice {
	char *id;               /* "bygglov" */
	struct akt_names name;
	char *prefix;           /* "BYGG" */
	struct akt_unit unit;
	int64_t queue_id;
};

struct akt_eservice_list {
	struct akt_eservice *items;
	size_t n;
};

bool akt_eservice_decode(const json_t *j, struct akt_eservice *out,
			 char **err);
void akt_eservice_clear(struct akt_eservice *e);

/* {"items":[e-service…]} */
bool akt_eservice_list_decode(const json_t *j, struct akt_eservice_list *out,
			      char **err);
void akt_eservice_list_clear(struct akt_eservice_list *l);

/* The e-service of l that word names by its id, its Swedish or English
 * name or its case number prefix (case-insensitive, see akt_name_eq);
 * NULL if none or l is NULL. */
const struct akt_eservice *akt_eservice_find(const struct akt_eservice_list *l,
					     const char *word);

#endif

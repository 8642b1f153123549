/*
 * officer.h — a case officer (handläggare): GET /v1/me.
 */
#ifndef AKT_OFFICER_H
#define AKT_OFFICER_H

#include "akt/unit.h"

struct akt_officer {
	int64_t id;
	char *username;
	char *name;
	char *email;            /* NULL when the platform has none */
	struct akt_unit *units;
	size_t nunits;
	char **roles;           /* "officer", "admin" */
	size_t nroles;
	char **scopes;          /* "cases:read", "pin:reveal", … */
	size_t nscopes;
};

/* Decode an officer object; on failure *err names the field and out is
 * left empty. */
bool akt_officer_decode(const json_t *j, struct akt_officer *out,
			char **err);
void akt_officer_clear(struct akt_officer *o);

bool akt_officer_has_scope(const struct akt_officer *o, const char *scope);

#endif

/*
 * transition.h — the status changes allowed now
 * (GET /v1/cases/{case}/transitions):
 * {"from":status,"items":[{"to":status,"notify_default":bool}]}
 */
#ifndef AKT_TRANSITION_H
#define AKT_TRANSITION_H

#include "akt/status.h"

struct akt_transition {
	struct akt_status to;
	bool notify_default;
};

struct akt_transitions {
	struct akt_status from;
	struct akt_transition *items;
	size_t n;
};

bool akt_transitions_decode(const json_t *j, struct akt_transitions *out,
			    char **err);
void akt_transitions_clear(struct akt_transitions *t);

/*
 * The allowed transition whose target is named by what the officer typed:
 * the status id, or its Swedish or English name, compared without regard
 * to case ("avslutat", "Under handläggning", "closed"). NULL if none.
 */
const struct akt_transition *akt_transitions_find(
	const struct akt_transitions *t, const char *name);

#endif

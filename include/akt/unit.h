/*
 * unit.h — an organisational unit (förvaltning), as it appears inside
 * officers, queues and e-services: {"id":1,"name":"…"}.
 */
#ifndef AKT_UNIT_H
#define AKT_UNIT_H

#include "akt/decode.h"

struct akt_unit {
	int64_t id;
	char *name;
};

/* Decode the unit object j; d's path names where it sits ("unit."). */
bool akt_unit_decode(const struct akt_dec *d, const json_t *j,
		     struct akt_unit *out);
void akt_unit_clear(struct akt_unit *u);

#endif

/*
 * unit.c — decoding of unit references.
 */
#include "akt/unit.h"
#include "akt/xalloc.h"

bool akt_unit_decode(const struct akt_dec *d, const json_t *j,
		     struct akt_unit *out)
{
	memset(out, 0, sizeof(*out));
	if (!akt_dec_int(d, j, "id", &out->id) ||
	    !akt_dec_str(d, j, "name", &out->name)) {
		akt_unit_clear(out);
		return false;
	}
	return true;
}

void akt_unit_clear(struct akt_unit *u)
{
	xfree(&u->name);
}

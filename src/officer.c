/*
 * officer.c — decoding of the officer object.
 */
#include "akt/officer.h"
#include "akt/xalloc.h"

bool akt_officer_decode(const json_t *j, struct akt_officer *out,
			char **err)
{
	const struct akt_dec d = { "officer", "", err };
	const json_t *units;

	memset(out, 0, sizeof(*out));
	if (!akt_dec_top(&d, j) ||
	    !akt_dec_int(&d, j, "id", &out->id) ||
	    !akt_dec_str(&d, j, "username", &out->username) ||
	    !akt_dec_str(&d, j, "name", &out->name) ||
	    !akt_dec_str_opt(&d, j, "email", &out->email) ||
	    !(units = akt_dec_array(&d, j, "units")) ||
	    !akt_dec_str_array(&d, j, "roles", &out->roles, &out->nroles) ||
	    !akt_dec_str_array(&d, j, "scopes", &out->scopes, &out->nscopes))
		goto fail;

	out->units = xcalloc(json_array_size(units) + 1, sizeof(*out->units));
	for (size_t i = 0; i < json_array_size(units); i++) {
		const json_t *u = json_array_get(units, i);
		char path[64];
		struct akt_dec sub = akt_dec_sub(&d, path, sizeof(path),
						 "units", (long)i);

		if (!akt_dec_elem(&d, "units", i, u) ||
		    !akt_unit_decode(&sub, u, &out->units[i]))
			goto fail;
		out->nunits++;
	}
	return true;
fail:
	akt_officer_clear(out);
	return false;
}

void akt_officer_clear(struct akt_officer *o)
{
	xfree(&o->username);
	xfree(&o->name);
	xfree(&o->email);
	for (size_t i = 0; i < o->nunits; i++)
		akt_unit_clear(&o->units[i]);
	xfree(&o->units);
	o->nunits = 0;
	akt_str_array_free(&o->roles, &o->nroles);
	akt_str_array_free(&o->scopes, &o->nscopes);
}

bool akt_officer_has_scope(const struct akt_officer *o, const char *scope)
{
	for (size_t i = 0; i < o->nscopes; i++)
		if (strcmp(o->scopes[i], scope) == 0)
			return true;
	return false;
}

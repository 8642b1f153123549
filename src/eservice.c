/*
 * eservice.c — decoding of e-services.
 */
#include "akt/eservice.h"
#include "akt/xalloc.h"

static bool decode(const struct akt_dec *d, const json_t *j,
		   struct akt_eservice *e)
{
	const json_t *name, *unit;
	char npath[64], upath[64];
	struct akt_dec nd = akt_dec_sub(d, npath, sizeof(npath), "name", -1);
	struct akt_dec ud = akt_dec_sub(d, upath, sizeof(upath), "unit", -1);

	memset(e, 0, sizeof(*e));
	if (akt_dec_str(d, j, "id", &e->id) &&
	    (name = akt_dec_object(d, j, "name")) &&
	    akt_names_decode(&nd, name, &e->name) &&
	    akt_dec_str(d, j, "prefix", &e->prefix) &&
	    (unit = akt_dec_object(d, j, "unit")) &&
	    akt_unit_decode(&ud, unit, &e->unit) &&
	    akt_dec_int(d, j, "queue_id", &e->queue_id))
		return true;
	akt_eservice_clear(e);
	return false;
}

bool akt_eservice_decode(const json_t *j, struct akt_eservice *out,
			 char **err)
{
	const struct akt_dec d = { "e-service", "", err };

	memset(out, 0, sizeof(*out));
	return akt_dec_top(&d, j) && decode(&d, j, out);
}

void akt_eservice_clear(struct akt_eservice *e)
{
	xfree(&e->id);
	akt_names_clear(&e->name);
	xfree(&e->prefix);
	akt_unit_clear(&e->unit);
}

bool akt_eservice_list_decode(const json_t *j, struct akt_eservice_list *out,
			      char **err)
{
	const struct akt_dec d = { "e-services", "", err };
	const json_t *items;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (!akt_dec_top(&d, j) || !(items = akt_dec_array(&d, j, "items")))
		return false;
	n = json_array_size(items);
	out->items = xcalloc(n + 1, sizeof(*out->items));
	for (size_t i = 0; i < n; i++) {
		const json_t *e = json_array_get(items, i);
		char path[64];
		struct akt_dec sub = akt_dec_sub(&d, path, sizeof(path),
						 "items", (long)i);

		if (!akt_dec_elem(&d, "items", i, e) ||
		    !decode(&sub, e, &out->items[i])) {
			akt_eservice_list_clear(out);
			return false;
		}
		out->n++;
	}
	return true;
}

void akt_eservice_list_clear(struct akt_eservice_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		akt_eservice_clear(&l->items[i]);
	xfree(&l->items);
	l->n = 0;
}

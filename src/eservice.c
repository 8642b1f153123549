/*
 * eservice.c — decoding of e-services.
 */
#include "akt/eservice.h"
#include "akt/case_format.h"
#include "akt/xalloc.h"

static bool decode(const struct akt_dec *d, const json_t *j, void *out)
{
	struct akt_eservice *e = out;
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
	bool ok;

	memset(out, 0, sizeof(*out));
	out->items = akt_dec_list(j, "e-services", err, sizeof(*out->items),
				  decode, &out->n, &ok);
	if (!ok)
		akt_eservice_list_clear(out);
	return ok;
}

void akt_eservice_list_clear(struct akt_eservice_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		akt_eservice_clear(&l->items[i]);
	xfree(&l->items);
	l->n = 0;
}

const struct akt_eservice *akt_eservice_find(const struct akt_eservice_list *l,
					     const char *word)
{
	for (size_t i = 0; l && i < l->n; i++) {
		const struct akt_eservice *e = &l->items[i];

		if (akt_name_eq(word, e->id) ||
		    (e->name.sv && akt_name_eq(word, e->name.sv)) ||
		    (e->name.en && akt_name_eq(word, e->name.en)) ||
		    (e->prefix && akt_name_eq(word, e->prefix)))
			return e;
	}
	return NULL;
}

/*
 * transition.c — decoding of the allowed status changes, and finding one
 * by what the officer typed.
 */
#include "akt/transition.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

static bool decode_status(const struct akt_dec *d, const json_t *obj,
			  const char *field, struct akt_status *out)
{
	const json_t *s;
	char path[64];
	struct akt_dec sub = akt_dec_sub(d, path, sizeof(path), field, -1);

	memset(out, 0, sizeof(*out));
	return (s = akt_dec_object(d, obj, field)) &&
	       akt_status_decode(&sub, s, out);
}

static bool decode_item(const struct akt_dec *d, const json_t *j,
			struct akt_transition *t)
{
	if (decode_status(d, j, "to", &t->to) &&
	    akt_dec_bool(d, j, "notify_default", &t->notify_default))
		return true;
	akt_status_clear(&t->to);
	return false;
}

bool akt_transitions_decode(const json_t *j, struct akt_transitions *out,
			    char **err)
{
	const struct akt_dec d = { "transitions", "", err };
	const json_t *items;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (!akt_dec_top(&d, j) || !decode_status(&d, j, "from", &out->from))
		return false;
	if (!(items = akt_dec_array(&d, j, "items"))) {
		akt_transitions_clear(out);
		return false;
	}
	n = json_array_size(items);
	out->items = xcalloc(n + 1, sizeof(*out->items));
	for (size_t i = 0; i < n; i++) {
		const json_t *t = json_array_get(items, i);
		char path[64];
		struct akt_dec sub = akt_dec_sub(&d, path, sizeof(path),
						 "items", (long)i);

		if (!akt_dec_elem(&d, "items", i, t) ||
		    !decode_item(&sub, t, &out->items[i])) {
			akt_transitions_clear(out);
			return false;
		}
		out->n++;
	}
	return true;
}

void akt_transitions_clear(struct akt_transitions *t)
{
	akt_status_clear(&t->from);
	for (size_t i = 0; i < t->n; i++)
		akt_status_clear(&t->items[i].to);
	xfree(&t->items);
	t->n = 0;
}

/*
 * Lower case for comparing names: ASCII and the Latin-1 letters, which
 * covers Å, Ä, Ö, É and the rest a Swedish status name may hold. The C
 * library's tolower works on single bytes and misses all of these.
 */
static uint32_t fold(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	return cp;
}

static bool same_folded(const char *a, const char *b)
{
	size_t la, lb;

	if (!a || !b)
		return false;
	la = strlen(a);
	lb = strlen(b);
	while (la && lb) {
		uint32_t ca, cb;
		size_t na = akt_utf8_decode(a, la, &ca);
		size_t nb = akt_utf8_decode(b, lb, &cb);

		if (ca == AKT_UTF8_BAD || cb == AKT_UTF8_BAD ||
		    fold(ca) != fold(cb))
			return false;
		a += na;
		la -= na;
		b += nb;
		lb -= nb;
	}
	return la == 0 && lb == 0;
}

const struct akt_transition *akt_transitions_find(
	const struct akt_transitions *t, const char *name)
{
	if (!name || !*name)
		return NULL;
	/* an id wins over a name, should a name ever spell another's id */
	for (size_t i = 0; i < t->n; i++)
		if (same_folded(t->items[i].to.id, name))
			return &t->items[i];
	for (size_t i = 0; i < t->n; i++)
		if (same_folded(t->items[i].to.name.sv, name) ||
		    same_folded(t->items[i].to.name.en, name))
			return &t->items[i];
	return NULL;
}

/*
 * status.c — decoding of bilingual names, statuses and the status list.
 */
#include "akt/status.h"
#include "akt/case_format.h"
#include "akt/xalloc.h"

static const char *const category_ids[] = {
	[AKT_CAT_SUBMITTED] = "submitted",
	[AKT_CAT_REGISTERED] = "registered",
	[AKT_CAT_IN_PROGRESS] = "in_progress",
	[AKT_CAT_CLOSED] = "closed",
};

bool akt_names_decode(const struct akt_dec *d, const json_t *j,
		      struct akt_names *out)
{
	memset(out, 0, sizeof(*out));
	if (akt_dec_str(d, j, "sv", &out->sv) &&
	    akt_dec_str(d, j, "en", &out->en))
		return true;
	akt_names_clear(out);
	return false;
}

void akt_names_clear(struct akt_names *n)
{
	xfree(&n->sv);
	xfree(&n->en);
}

/* Never NULL, so that a cleared name can still be printed. */
const char *akt_names_pick(const struct akt_names *n, const char *lang)
{
	if (lang && strcmp(lang, "en") == 0 && n->en)
		return n->en;
	if (n->sv)
		return n->sv;
	return n->en ? n->en : "";
}

bool akt_category_parse(const char *s, enum akt_category *out)
{
	for (size_t i = 0; i < AKT_LEN(category_ids); i++)
		if (s && strcmp(s, category_ids[i]) == 0) {
			*out = (enum akt_category)i;
			return true;
		}
	return false;
}

const char *akt_category_id(enum akt_category c)
{
	if ((size_t)c < AKT_LEN(category_ids))
		return category_ids[c];
	return "unknown";
}

bool akt_status_decode(const struct akt_dec *d, const json_t *j,
		       struct akt_status *out)
{
	const json_t *name;
	char npath[128];
	struct akt_dec nd = akt_dec_sub(d, npath, sizeof(npath), "name", -1);
	int cat = 0;

	memset(out, 0, sizeof(*out));
	if (akt_dec_str(d, j, "id", &out->id) &&
	    (name = akt_dec_object(d, j, "name")) &&
	    akt_names_decode(&nd, name, &out->name) &&
	    akt_dec_enum(d, j, "category", category_ids,
			 AKT_LEN(category_ids), NULL, &cat) &&
	    akt_dec_bool(d, j, "standard", &out->standard) &&
	    akt_dec_str_opt(d, j, "e_service", &out->e_service)) {
		out->category = (enum akt_category)cat;
		return true;
	}
	akt_status_clear(out);
	return false;
}

void akt_status_clear(struct akt_status *s)
{
	xfree(&s->id);
	akt_names_clear(&s->name);
	xfree(&s->e_service);
	s->category = AKT_CAT_SUBMITTED;
	s->standard = false;
}

static bool status_fn(const struct akt_dec *d, const json_t *j, void *out)
{
	return akt_status_decode(d, j, out);
}

bool akt_status_list_decode(const json_t *j, struct akt_status_list *out,
			    char **err)
{
	bool ok;

	memset(out, 0, sizeof(*out));
	out->items = akt_dec_list(j, "statuses", err, sizeof(*out->items),
				  status_fn, &out->n, &ok);
	if (!ok)
		akt_status_list_clear(out);
	return ok;
}

void akt_status_list_clear(struct akt_status_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		akt_status_clear(&l->items[i]);
	xfree(&l->items);
	l->n = 0;
}

const struct akt_status *akt_status_find(const struct akt_status_list *l,
					 const char *word)
{
	for (size_t i = 0; l && i < l->n; i++) {
		const struct akt_status *s = &l->items[i];

		if (akt_name_eq(word, s->id) ||
		    (s->name.sv && akt_name_eq(word, s->name.sv)) ||
		    (s->name.en && akt_name_eq(word, s->name.en)))
			return s;
	}
	return NULL;
}

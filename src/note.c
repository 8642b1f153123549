/*
 * note.c — decoding of journal notes and their read receipts.
 */
#include "akt/note.h"
#include "akt/xalloc.h"

static bool decode(const struct akt_dec *d, const json_t *j, void *out)
{
	struct akt_note *n = out;
	const json_t *author;
	char apath[96];
	struct akt_dec ad = akt_dec_sub(d, apath, sizeof(apath), "author", -1);

	memset(n, 0, sizeof(*n));
	if (akt_dec_int(d, j, "id", &n->id) &&
	    akt_dec_str(d, j, "body", &n->body) &&
	    (author = akt_dec_object(d, j, "author")) &&
	    akt_officer_ref_decode(&ad, author, &n->author) &&
	    akt_dec_str(d, j, "created_at", &n->created_at) &&
	    akt_dec_bool(d, j, "published", &n->published) &&
	    akt_dec_str_opt(d, j, "published_at", &n->published_at) &&
	    akt_dec_str_opt(d, j, "read_by_citizen_at",
			    &n->read_by_citizen_at) &&
	    akt_dec_int_opt(d, j, "source_message_id",
			    &n->source_message_id, 0) &&
	    akt_dec_str(d, j, "kind", &n->kind))
		return true;
	akt_note_clear(n);
	return false;
}

bool akt_note_decode(const json_t *j, struct akt_note *out, char **err)
{
	const struct akt_dec d = { "note", "", err };

	memset(out, 0, sizeof(*out));
	return akt_dec_top(&d, j) && decode(&d, j, out);
}

void akt_note_clear(struct akt_note *n)
{
	xfree(&n->body);
	akt_officer_ref_clear(&n->author);
	xfree(&n->created_at);
	xfree(&n->published_at);
	xfree(&n->read_by_citizen_at);
	xfree(&n->kind);
}

bool akt_note_page_decode(const json_t *j, struct akt_note_page *out,
			  char **err)
{
	const struct akt_dec d = { "notes", "", err };
	bool ok = false;

	memset(out, 0, sizeof(*out));
	if (akt_dec_top(&d, j) && akt_dec_array(&d, j, "items") &&
	    akt_dec_str_opt(&d, j, "next", &out->next) &&
	    akt_dec_str_opt(&d, j, "prev", &out->prev) &&
	    akt_dec_total(&d, j, &out->total))
		out->items = akt_dec_items(&d, j, "items", sizeof(*out->items),
					   decode, &out->n, &ok);
	if (!ok)
		akt_note_page_clear(out);
	return ok;
}

void akt_note_page_clear(struct akt_note_page *p)
{
	for (size_t i = 0; i < p->n; i++)
		akt_note_clear(&p->items[i]);
	xfree(&p->items);
	p->n = 0;
	xfree(&p->next);
	xfree(&p->prev);
}

static bool decode_receipt(const struct akt_dec *d, const json_t *j,
			   void *out)
{
	struct akt_receipt *r = out;
	const json_t *party;
	char ppath[96];
	struct akt_dec pd = akt_dec_sub(d, ppath, sizeof(ppath), "party", -1);

	memset(r, 0, sizeof(*r));
	if ((party = akt_dec_object(d, j, "party")) &&
	    akt_dec_int(&pd, party, "id", &r->party_id) &&
	    akt_dec_str(&pd, party, "name", &r->party_name) &&
	    akt_dec_str(&pd, party, "role", &r->party_role) &&
	    akt_dec_str(d, j, "read_at", &r->read_at))
		return true;
	xfree(&r->party_name);
	xfree(&r->party_role);
	xfree(&r->read_at);
	return false;
}

bool akt_receipt_list_decode(const json_t *j, struct akt_receipt_list *out,
			     char **err)
{
	bool ok;

	memset(out, 0, sizeof(*out));
	out->items = akt_dec_list(j, "receipts", err, sizeof(*out->items),
				  decode_receipt, &out->n, &ok);
	if (!ok)
		akt_receipt_list_clear(out);
	return ok;
}

void akt_receipt_list_clear(struct akt_receipt_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		xfree(&l->items[i].party_name);
		xfree(&l->items[i].party_role);
		xfree(&l->items[i].read_at);
	}
	xfree(&l->items);
	l->n = 0;
}

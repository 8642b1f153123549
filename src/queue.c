/*
 * queue.c — decoding of work queues.
 */
#include "akt/queue.h"
#include "akt/xalloc.h"

static bool decode_counts(const struct akt_dec *d, const json_t *j,
			  struct akt_queue_counts *c)
{
	return akt_dec_int(d, j, "submitted", &c->submitted) &&
	       akt_dec_int(d, j, "registered", &c->registered) &&
	       akt_dec_int(d, j, "in_progress", &c->in_progress) &&
	       akt_dec_int(d, j, "closed", &c->closed) &&
	       akt_dec_int(d, j, "total", &c->total);
}

static bool decode(const struct akt_dec *d, const json_t *j, void *out)
{
	struct akt_queue *q = out;
	const json_t *unit, *counts;
	char upath[64], cpath[64];
	struct akt_dec ud = akt_dec_sub(d, upath, sizeof(upath), "unit", -1);
	struct akt_dec cd = akt_dec_sub(d, cpath, sizeof(cpath), "counts", -1);

	memset(q, 0, sizeof(*q));
	if (akt_dec_int(d, j, "id", &q->id) &&
	    akt_dec_str(d, j, "name", &q->name) &&
	    (unit = akt_dec_object(d, j, "unit")) &&
	    akt_unit_decode(&ud, unit, &q->unit) &&
	    akt_dec_str_array(d, j, "e_services", &q->e_services,
			      &q->ne_services) &&
	    (counts = akt_dec_object(d, j, "counts")) &&
	    decode_counts(&cd, counts, &q->counts) &&
	    akt_dec_int(d, j, "unread_messages", &q->unread_messages))
		return true;
	akt_queue_clear(q);
	return false;
}

bool akt_queue_decode(const json_t *j, struct akt_queue *out, char **err)
{
	const struct akt_dec d = { "queue", "", err };

	memset(out, 0, sizeof(*out));
	return akt_dec_top(&d, j) && decode(&d, j, out);
}

void akt_queue_clear(struct akt_queue *q)
{
	xfree(&q->name);
	akt_unit_clear(&q->unit);
	akt_str_array_free(&q->e_services, &q->ne_services);
}

bool akt_queue_list_decode(const json_t *j, struct akt_queue_list *out,
			   char **err)
{
	bool ok;

	memset(out, 0, sizeof(*out));
	out->items = akt_dec_list(j, "queues", err, sizeof(*out->items),
				  decode, &out->n, &ok);
	if (!ok)
		akt_queue_list_clear(out);
	return ok;
}

void akt_queue_list_clear(struct akt_queue_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		akt_queue_clear(&l->items[i]);
	xfree(&l->items);
	l->n = 0;
}

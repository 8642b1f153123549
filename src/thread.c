/*
 * thread.c — decoding of message threads and messages.
 */
#include "akt/thread.h"
#include "akt/xalloc.h"

static const char *const kind_ids[] = {
	[AKT_AUTHOR_OFFICER] = "officer",
	[AKT_AUTHOR_CITIZEN] = "citizen",
	[AKT_AUTHOR_SYSTEM] = "system",
};

const char *akt_author_kind_id(enum akt_author_kind k)
{
	return (size_t)k < AKT_LEN(kind_ids) ? kind_ids[k] : "?";
}

bool akt_author_kind_parse(const char *s, enum akt_author_kind *out)
{
	for (size_t i = 0; i < AKT_LEN(kind_ids); i++) {
		if (strcmp(s, kind_ids[i]) == 0) {
			*out = (enum akt_author_kind)i;
			return true;
		}
	}
	return false;
}

/* An id that may be missing or null (then 0); ids are never 0. */
static bool int_opt(const struct akt_dec *d, const json_t *j,
		    const char *field, int64_t *out)
{
	const json_t *v = json_object_get(j, field);

	*out = 0;
	if (!v || json_is_null(v))
		return true;
	return akt_dec_int(d, j, field, out);
}

/* An officer reference that may be missing or null (then id 0). */
static bool ref_opt(const struct akt_dec *d, const json_t *j,
		    const char *field, struct akt_officer_ref *out)
{
	const json_t *v = json_object_get(j, field);
	char path[128];
	struct akt_dec sub = akt_dec_sub(d, path, sizeof(path), field, -1);

	memset(out, 0, sizeof(*out));
	if (!v || json_is_null(v))
		return true;
	return akt_dec_object(d, j, field) &&
	       akt_officer_ref_decode(&sub, v, out);
}

static bool decode_author(const struct akt_dec *d, const json_t *j,
			  struct akt_message *m)
{
	char *kind = NULL;
	bool ok;

	if (!akt_dec_str(d, j, "kind", &kind))
		return false;
	ok = akt_author_kind_parse(kind, &m->author_kind);
	if (!ok && !*d->err)
		*d->err = xasprintf("%s: field '%skind' is \"%s\", expected "
				    "officer, citizen or system", d->resource,
				    d->path, kind);
	free(kind);
	return ok && akt_dec_str(d, j, "name", &m->author_name) &&
	       ref_opt(d, j, "officer", &m->author_officer);
}

static bool decode_message(const struct akt_dec *d, const json_t *j,
			   struct akt_message *m)
{
	const json_t *author;
	char apath[96];
	struct akt_dec ad = akt_dec_sub(d, apath, sizeof(apath), "author", -1);

	memset(m, 0, sizeof(*m));
	if (akt_dec_int(d, j, "id", &m->id) &&
	    (author = akt_dec_object(d, j, "author")) &&
	    decode_author(&ad, author, m) &&
	    akt_dec_str(d, j, "body", &m->body) &&
	    akt_dec_str(d, j, "sent_at", &m->sent_at) &&
	    akt_dec_str_opt(d, j, "read_by_officer_at",
			    &m->read_by_officer_at) &&
	    ref_opt(d, j, "read_by_officer", &m->read_by_officer) &&
	    akt_dec_str_opt(d, j, "read_by_citizen_at",
			    &m->read_by_citizen_at) &&
	    int_opt(d, j, "filed_note_id", &m->filed_note_id))
		return true;
	akt_message_clear(m);
	return false;
}

bool akt_message_decode(const json_t *j, struct akt_message *out, char **err)
{
	const struct akt_dec d = { "message", "", err };

	memset(out, 0, sizeof(*out));
	return akt_dec_top(&d, j) && decode_message(&d, j, out);
}

void akt_message_clear(struct akt_message *m)
{
	xfree(&m->author_name);
	akt_officer_ref_clear(&m->author_officer);
	xfree(&m->body);
	xfree(&m->sent_at);
	xfree(&m->read_by_officer_at);
	akt_officer_ref_clear(&m->read_by_officer);
	xfree(&m->read_by_citizen_at);
}

/* The members a thread has in the list and in the detail. */
static bool decode_thread(const struct akt_dec *d, const json_t *j,
			  struct akt_thread *t)
{
	memset(t, 0, sizeof(*t));
	if (akt_dec_int(d, j, "id", &t->id) &&
	    akt_dec_str(d, j, "subject", &t->subject) &&
	    akt_dec_str(d, j, "created_at", &t->created_at) &&
	    akt_dec_str(d, j, "last_message_at", &t->last_message_at) &&
	    akt_dec_int(d, j, "message_count", &t->message_count) &&
	    akt_dec_int(d, j, "unread", &t->unread))
		return true;
	akt_thread_clear(t);
	return false;
}

bool akt_thread_decode(const json_t *j, struct akt_thread *out, char **err)
{
	const struct akt_dec d = { "thread", "", err };
	const json_t *msgs;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (!akt_dec_top(&d, j) || !decode_thread(&d, j, out))
		return false;
	if (!(msgs = akt_dec_array(&d, j, "messages")))
		goto fail;
	n = json_array_size(msgs);
	out->messages = xcalloc(n + 1, sizeof(*out->messages));
	for (size_t i = 0; i < n; i++) {
		const json_t *e = json_array_get(msgs, i);
		char path[64];
		struct akt_dec sub = akt_dec_sub(&d, path, sizeof(path),
						 "messages", (long)i);

		if (!akt_dec_elem(&d, "messages", i, e) ||
		    !decode_message(&sub, e, &out->messages[i]))
			goto fail;
		out->nmessages++;
	}
	return true;
fail:
	akt_thread_clear(out);
	return false;
}

void akt_thread_clear(struct akt_thread *t)
{
	xfree(&t->subject);
	xfree(&t->created_at);
	xfree(&t->last_message_at);
	for (size_t i = 0; i < t->nmessages; i++)
		akt_message_clear(&t->messages[i]);
	xfree(&t->messages);
	t->nmessages = 0;
}

bool akt_thread_list_decode(const json_t *j, struct akt_thread_list *out,
			    char **err)
{
	const struct akt_dec d = { "threads", "", err };
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
		    !decode_thread(&sub, e, &out->items[i])) {
			akt_thread_list_clear(out);
			return false;
		}
		out->n++;
	}
	return true;
}

void akt_thread_list_clear(struct akt_thread_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		akt_thread_clear(&l->items[i]);
	xfree(&l->items);
	l->n = 0;
}

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

static bool decode_author(const struct akt_dec *d, const json_t *j,
			  struct akt_message *m)
{
	int kind = 0;

	if (!akt_dec_enum(d, j, "kind", kind_ids, AKT_LEN(kind_ids),
			  "officer, citizen or system", &kind))
		return false;
	m->author_kind = (enum akt_author_kind)kind;
	return akt_dec_str(d, j, "name", &m->author_name) &&
	       akt_officer_ref_decode_opt(d, j, "officer", &m->author_officer);
}

static bool decode_message(const struct akt_dec *d, const json_t *j,
			   void *out)
{
	struct akt_message *m = out;
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
	    akt_officer_ref_decode_opt(d, j, "read_by_officer",
				       &m->read_by_officer) &&
	    akt_dec_str_opt(d, j, "read_by_citizen_at",
			    &m->read_by_citizen_at) &&
	    akt_dec_int_opt(d, j, "filed_note_id", &m->filed_note_id, 0))
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
			  void *out)
{
	struct akt_thread *t = out;
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
	bool ok;

	memset(out, 0, sizeof(*out));
	if (!akt_dec_top(&d, j) || !decode_thread(&d, j, out))
		return false;
	out->messages = akt_dec_items(&d, j, "messages",
				      sizeof(*out->messages), decode_message,
				      &out->nmessages, &ok);
	if (!ok)
		akt_thread_clear(out);
	return ok;
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
	bool ok;

	memset(out, 0, sizeof(*out));
	out->items = akt_dec_list(j, "threads", err, sizeof(*out->items),
				  decode_thread, &out->n, &ok);
	if (!ok)
		akt_thread_list_clear(out);
	return ok;
}

void akt_thread_list_clear(struct akt_thread_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		akt_thread_clear(&l->items[i]);
	xfree(&l->items);
	l->n = 0;
}

/*
 * event.c — decoding of events (a case's history and the change feed)
 * and the one-line description of each.
 */
#include "akt/event.h"
#include "akt/i18n.h"
#include "akt/buf.h"
#include "akt/xalloc.h"

/* actor: {"kind","name","officer":ref|null} */
static bool decode_actor(const struct akt_dec *d, const json_t *obj,
			 struct akt_event *e)
{
	const json_t *a;
	char apath[64];
	struct akt_dec ad = akt_dec_sub(d, apath, sizeof(apath), "actor", -1);

	return (a = akt_dec_object(d, obj, "actor")) &&
	       akt_dec_str(&ad, a, "kind", &e->actor_kind) &&
	       akt_dec_str(&ad, a, "name", &e->actor_name) &&
	       akt_officer_ref_decode_opt(&ad, a, "officer",
					  &e->actor_officer);
}

/* case: {"id","number","queue_id"}, or null for policy changes */
static bool decode_case(const struct akt_dec *d, const json_t *obj,
			struct akt_event *e)
{
	const json_t *c;
	char path[64];
	struct akt_dec cd = akt_dec_sub(d, path, sizeof(path), "case", -1);

	if (!akt_dec_object_opt(d, obj, "case", &c))
		return false;
	return !c ||
	       (akt_dec_int(&cd, c, "id", &e->case_id) &&
		akt_dec_str(&cd, c, "number", &e->case_number) &&
		akt_dec_int(&cd, c, "queue_id", &e->queue_id));
}

static bool decode(const struct akt_dec *d, const json_t *j, void *out)
{
	struct akt_event *e = out;
	const json_t *data;

	memset(e, 0, sizeof(*e));
	if (akt_dec_str(d, j, "seq", &e->seq) &&
	    akt_dec_str(d, j, "type", &e->type) &&
	    akt_dec_str(d, j, "at", &e->at) &&
	    decode_actor(d, j, e) &&
	    decode_case(d, j, e) &&
	    (data = akt_dec_object(d, j, "data"))) {
		/* kept with the event so that it may outlive the answer */
		e->data = json_incref((json_t *)data);
		return true;
	}
	akt_event_clear(e);
	return false;
}

bool akt_event_decode(const json_t *j, struct akt_event *out, char **err)
{
	const struct akt_dec d = { "event", "", err };

	memset(out, 0, sizeof(*out));
	return akt_dec_top(&d, j) && decode(&d, j, out);
}

void akt_event_clear(struct akt_event *e)
{
	xfree(&e->seq);
	xfree(&e->type);
	xfree(&e->at);
	xfree(&e->actor_kind);
	xfree(&e->actor_name);
	akt_officer_ref_clear(&e->actor_officer);
	xfree(&e->case_number);
	json_decref(e->data);
	memset(e, 0, sizeof(*e));
}

static bool decode_items(const struct akt_dec *d, const json_t *j,
			 const char *field, struct akt_event_page *p)
{
	bool ok;

	p->items = akt_dec_items(d, j, field, sizeof(*p->items), decode,
				 &p->n, &ok);
	return ok;
}

bool akt_event_page_decode(const json_t *j, struct akt_event_page *out,
			   char **err)
{
	const struct akt_dec d = { "events", "", err };

	memset(out, 0, sizeof(*out));
	if (akt_dec_top(&d, j) && decode_items(&d, j, "items", out) &&
	    akt_dec_str_opt(&d, j, "next", &out->next) &&
	    akt_dec_total(&d, j, &out->total))
		return true;
	akt_event_page_clear(out);
	return false;
}

bool akt_feed_decode(const json_t *j, struct akt_event_page *out,
		     char **err)
{
	const struct akt_dec d = { "feed", "", err };

	memset(out, 0, sizeof(*out));
	if (akt_dec_top(&d, j) && decode_items(&d, j, "events", out) &&
	    akt_dec_str(&d, j, "cursor", &out->next)) {
		out->total = -1;
		return true;
	}
	akt_event_page_clear(out);
	return false;
}

void akt_event_page_clear(struct akt_event_page *p)
{
	for (size_t i = 0; i < p->n; i++)
		akt_event_clear(&p->items[i]);
	xfree(&p->items);
	xfree(&p->next);
	memset(p, 0, sizeof(*p));
}

/* ---- description ------------------------------------------------------
 * The data members were not checked when the event was decoded (they
 * differ per type), so every look-up here tolerates a missing or
 * mistyped member and shows "?" instead.
 */

static const char *str_of(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s ? s : "?";
}

/* A string member that may be null or empty: NULL then. */
static const char *text_of(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s && *s ? s : NULL;
}

/* A status object's name in lang, else its other name, else its id. */
static const char *status_name(const json_t *status, const char *lang)
{
	const json_t *names = json_object_get(status, "name");
	const char *first = lang && strcmp(lang, "en") == 0 ? "en" : "sv";
	const char *s = json_string_value(json_object_get(names, first));

	if (!s)
		s = json_string_value(json_object_get(names, strcmp(first, "en")
						       ? "en" : "sv"));
	return s ? s : str_of(status, "id");
}

static const char *officer_name(const json_t *data)
{
	const json_t *o = json_object_get(data, "officer");
	const char *s = json_string_value(json_object_get(o, "name"));

	return s ? s : str_of(o, "username");
}

/* An integer member as text, "?" when it is missing or not a number. */
struct num_text {
	char s[24];
};

static struct num_text num(const json_t *obj, const char *key)
{
	const json_t *j = json_object_get(obj, key);
	struct num_text t = { "?" };

	if (json_is_integer(j))
		snprintf(t.s, sizeof(t.s), "%lld",
			 (long long)json_integer_value(j));
	return t;
}

/* The words of the author kinds, translated. */
static const char *kind_word(const char *kind)
{
	if (strcmp(kind, "officer") == 0)
		return _("officer");
	if (strcmp(kind, "citizen") == 0)
		return _("citizen");
	if (strcmp(kind, "system") == 0)
		return _("system");
	return kind;
}

static void describe_status(struct akt_buf *b, const json_t *data,
			    const char *lang)
{
	const char *comment = text_of(data, "comment");

	akt_buf_printf(b, _("status %s → %s"),
		       status_name(json_object_get(data, "from"), lang),
		       status_name(json_object_get(data, "to"), lang));
	if (comment)
		akt_buf_printf(b, " (%s)", comment);
}

static void describe_hold(struct akt_buf *b, const json_t *data)
{
	const char *reason = text_of(data, "reason");

	akt_buf_addstr(b, json_is_true(json_object_get(data, "active")) ?
		       _("legal hold on") : _("legal hold off"));
	if (reason)
		akt_buf_printf(b, ": %s", reason);
}

static void describe_note(struct akt_buf *b, const char *what,
			  const json_t *data)
{
	const struct num_text id = num(data, "note_id");

	if (strcmp(what, "created") == 0)
		akt_buf_printf(b, json_is_true(json_object_get(data,
							       "published")) ?
			       _("note %s created and published") :
			       _("note %s created"), id.s);
	else if (strcmp(what, "published") == 0)
		akt_buf_printf(b, _("note %s published"), id.s);
	else
		akt_buf_printf(b, _("note %s read by party %s"), id.s,
			       num(data, "party_id").s);
}

static void describe_message(struct akt_buf *b, const char *what,
			     const json_t *data)
{
	const struct num_text id = num(data, "message_id");

	if (strcmp(what, "filed") == 0)
		akt_buf_printf(b, _("message %s filed as note %s"), id.s,
			       num(data, "note_id").s);
	else if (strcmp(what, "created") == 0)
		akt_buf_printf(b, _("message %s in thread %s from %s"), id.s,
			       num(data, "thread_id").s,
			       kind_word(str_of(data, "author_kind")));
	else
		akt_buf_printf(b, _("message %s in thread %s read by %s"),
			       id.s, num(data, "thread_id").s,
			       kind_word(str_of(data, "by")));
}

char *akt_event_describe(const struct akt_event *e, const char *lang)
{
	const json_t *data = e->data;
	const char *t = e->type ? e->type : "";
	struct akt_buf b;

	akt_buf_init(&b, 0);
	if (strcmp(t, "case.created") == 0) {
		akt_buf_addstr(&b, _("case created"));
	} else if (strcmp(t, "case.status_changed") == 0) {
		describe_status(&b, data, lang);
	} else if (strcmp(t, "case.assigned") == 0) {
		akt_buf_printf(&b, _("assigned %s"), officer_name(data));
	} else if (strcmp(t, "case.unassigned") == 0) {
		akt_buf_printf(&b, _("unassigned %s"), officer_name(data));
	} else if (strcmp(t, "case.legal_hold") == 0) {
		describe_hold(&b, data);
	} else if (strncmp(t, "note.", 5) == 0 &&
		   (strcmp(t + 5, "created") == 0 ||
		    strcmp(t + 5, "published") == 0 ||
		    strcmp(t + 5, "read") == 0)) {
		describe_note(&b, t + 5, data);
	} else if (strncmp(t, "message.", 8) == 0 &&
		   (strcmp(t + 8, "created") == 0 ||
		    strcmp(t + 8, "read") == 0 ||
		    strcmp(t + 8, "filed") == 0)) {
		describe_message(&b, t + 8, data);
	} else if (strcmp(t, "party.revealed") == 0) {
		akt_buf_printf(&b, _("personal number of party %s revealed: "
				     "%s"), num(data, "party_id").s,
			       str_of(data, "reason"));
	} else if (strcmp(t, "document.downloaded") == 0) {
		akt_buf_printf(&b, _("document %s downloaded"),
			       num(data, "document_id").s);
	} else if (strcmp(t, "case.purged") == 0) {
		akt_buf_printf(&b, _("case %s purged"),
			       str_of(data, "case_number"));
	} else if (strcmp(t, "retention.policy_changed") == 0) {
		akt_buf_printf(&b, _("retention policy of %s set to %s days"),
			       str_of(data, "e_service"), num(data, "days").s);
	} else {
		akt_buf_addstr(&b, t);
	}
	return akt_buf_steal(&b);
}

/*
 * draft.c — the draft record: names of its kinds and states, making,
 * copying and freeing one, and its JSON form on disk ("format": 1).
 */
#include "akt/utf8.h"
#include "akt/when.h"
#include "akt/xalloc.h"
#include "draft_impl.h"

#include <jansson.h>
#include <sys/time.h>
#include <time.h>

#define FORMAT 1

static const char *const kinds[] = {
	[AKT_DRAFT_NOTE] = "note",
	[AKT_DRAFT_REPLY] = "reply",
	[AKT_DRAFT_STATUS] = "status",
	[AKT_DRAFT_FILE] = "file",
};

static const char *const states[] = {
	[AKT_DS_DRAFT] = "draft",
	[AKT_DS_CONFLICT] = "conflict",
	[AKT_DS_REFUSED] = "refused",
};

const char *akt_draft_kind_name(enum akt_draft_kind k)
{
	return (size_t)k < AKT_LEN(kinds) ? kinds[k] : "?";
}

bool akt_draft_kind_parse(const char *name, enum akt_draft_kind *out)
{
	for (size_t i = 0; name && i < AKT_LEN(kinds); i++)
		if (strcmp(kinds[i], name) == 0) {
			*out = (enum akt_draft_kind)i;
			return true;
		}
	return false;
}

const char *akt_draft_state_name(enum akt_draft_state s)
{
	return (size_t)s < AKT_LEN(states) ? states[s] : "?";
}

static bool state_parse(const char *name, enum akt_draft_state *out)
{
	for (size_t i = 0; i < AKT_LEN(states); i++)
		if (strcmp(states[i], name) == 0) {
			*out = (enum akt_draft_state)i;
			return true;
		}
	return false;
}

bool akt_draft_id_valid(const char *id)
{
	size_t n = id ? strlen(id) : 0;

	if (n == 0 || n > AKT_DRAFT_ID_MAX || id[0] == '-')
		return false;
	return strspn(id, "0123456789abcdefghijklmnopqrstuvwxyz"
		      "ABCDEFGHIJKLMNOPQRSTUVWXYZ-") == n;
}

/* ---- time and text ----------------------------------------------------- */

char *draft_now(void)
{
	struct timespec ts;
	struct tm tm;
	char buf[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	return xasprintf("%s.%03ldZ", buf, ts.tv_nsec / 1000000);
}

bool draft_time_ms(const char *ts, int64_t *ms)
{
	time_t t;
	const char *dot;
	int64_t frac = 0;

	if (!akt_when_parse(ts, &t))
		return false;
	/* akt_when_parse drops the fraction; keep its milliseconds */
	dot = strchr(ts, '.');
	if (dot) {
		int digits = 0;

		for (dot++; *dot >= '0' && *dot <= '9'; dot++)
			if (digits < 3) {
				frac = frac * 10 + (*dot - '0');
				digits++;
			}
		for (; digits < 3; digits++)
			frac *= 10;
	}
	*ms = (int64_t)t * 1000 + frac;
	return true;
}

char *draft_clean_text(const char *text, size_t len)
{
	char *out = xmalloc(len * 3 + 1), *o = out;
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = akt_utf8_decode(text + i, len - i, &cp);

		if (text[i] == '\0') {
			i++;
			continue;
		}
		if (cp == AKT_UTF8_BAD)
			o += akt_utf8_encode(0xFFFD, o);
		else {
			memcpy(o, text + i, n);
			o += n;
		}
		i += n;
	}
	*o = '\0';
	return out;
}

/* ---- new, clear, copy -------------------------------------------------- */

bool akt_draft_new(struct akt_draft *d, enum akt_draft_kind kind,
		   char **err)
{
	char rnd[AKT_IDEM_LEN + 1], stamp[20];
	time_t now = time(NULL);
	struct tm tm;

	memset(d, 0, sizeof(*d));
	if (!akt_idem_new(d->key) || !akt_idem_new(rnd)) {
		*err = xstrdup("cannot make a draft: the system gives no "
			       "random numbers");
		return false;
	}
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(d->id, sizeof(d->id), "%s-%.8s", stamp, rnd);
	d->kind = kind;
	d->created = draft_now();
	d->updated = xstrdup(d->created);
	d->text = xstrdup("");
	return true;
}

#define STRINGS(X) X(server) X(case_number) X(etag) X(status_to) \
	X(status_name) X(created) X(updated) X(queued) X(reason) \
	X(changed_by) X(changed_at) X(current_status) X(current_etag) \
	X(req_method) X(req_path) X(req_body)

void akt_draft_clear(struct akt_draft *d)
{
#define FREE(f) free(d->f);
	STRINGS(FREE)
#undef FREE
	free(d->text);
	memset(d, 0, sizeof(*d));
}

void akt_draft_copy(struct akt_draft *dst, const struct akt_draft *src)
{
	*dst = *src;
#define DUP(f) dst->f = xstrdup_opt(src->f);
	STRINGS(DUP)
#undef DUP
	dst->text = xstrdup(src->text ? src->text : "");
}

/* ---- JSON ---------------------------------------------------------------- */

/* A string as JSON, repaired when it is not UTF-8 (jansson refuses it,
 * and a record that cannot be written would lose the text). */
static json_t *jstr(const char *s)
{
	json_t *j = json_string(s);

	if (!j) {
		char *clean = draft_clean_text(s, strlen(s));

		j = json_string(clean);
		free(clean);
	}
	return j;
}

static void put(json_t *o, const char *name, const char *s)
{
	if (s)
		json_object_set_new(o, name, jstr(s));
}

/* True when text is valid UTF-8 without NUL (what JSON strings hold). */
static bool utf8_ok(const char *t, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;

		if ((unsigned char)t[i] < 0x80) {
			if (!t[i])
				return false;
			i++;
			continue;
		}
		i += akt_utf8_decode(t + i, len - i, &cp);
		if (cp == AKT_UTF8_BAD)
			return false;
	}
	return true;
}

/* The text as a JSON string, written here rather than by jansson: it is
 * most of the record, and an autosave of a long text must be quick.
 * out NULL: only the length. */
static size_t put_text(char *out, const char *t)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 0;

	for (; *t; t++) {
		unsigned char c = (unsigned char)*t;
		char e = c == '"' ? '"' : c == '\\' ? '\\' : c == '\n' ? 'n' :
			 c == '\t' ? 't' : c == '\r' ? 'r' : c < 0x20 ? 'u' : 0;

		if (!e) {
			if (out)
				out[n] = (char)c;
			n++;
		} else if (e != 'u') {
			if (out) {
				out[n] = '\\';
				out[n + 1] = e;
			}
			n += 2;
		} else {
			if (out)
				memcpy(out + n, (char[]){ '\\', 'u', '0', '0',
					hex[c >> 4], hex[c & 15] }, 6);
			n += 6;
		}
	}
	return n;
}

char *akt_draft_encode(const struct akt_draft *d)
{
	const char *text = d->text ? d->text : "";
	json_t *o = json_object();
	char *head, *clean = NULL, *out;
	size_t hlen, tlen;

	json_object_set_new(o, "format", json_integer(FORMAT));
	json_object_set_new(o, "id", json_string(d->id));
	json_object_set_new(o, "kind", json_string(akt_draft_kind_name(d->kind)));
	json_object_set_new(o, "state",
			    json_string(akt_draft_state_name(d->state)));
	json_object_set_new(o, "key", json_string(d->key));
	put(o, "created", d->created);
	put(o, "updated", d->updated);
	put(o, "queued", d->queued);
	put(o, "server", d->server);
	json_object_set_new(o, "case_id", json_integer(d->case_id));
	put(o, "case_number", d->case_number);
	json_object_set_new(o, "thread_id", json_integer(d->thread_id));
	json_object_set_new(o, "message_id", json_integer(d->message_id));
	put(o, "etag", d->etag);
	json_object_set_new(o, "publish", json_boolean(d->publish));
	put(o, "status_to", d->status_to);
	put(o, "status_name", d->status_name);
	json_object_set_new(o, "notify", json_boolean(d->notify));
	json_object_set_new(o, "open_pid", json_integer(d->open_pid));
	put(o, "reason", d->reason);
	put(o, "changed_by", d->changed_by);
	put(o, "changed_at", d->changed_at);
	put(o, "current_status", d->current_status);
	put(o, "current_etag", d->current_etag);
	put(o, "req_method", d->req_method);
	put(o, "req_path", d->req_path);
	put(o, "req_body", d->req_body);
	if (d->txt_known)
		json_object_set_new(o, "txt", json_pack(
			"{s:I, s:I, s:I}", "size", (json_int_t)d->txt_size,
			"mtime_ns", (json_int_t)d->txt_mtime_ns,
			/* the bits of the inode number, whatever its sign
			 * as a JSON integer */
			"ino", (json_int_t)d->txt_ino));
	head = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!head)
		return NULL;
	/* "{…\n}" → "{…,\n \"text\": \"…\"\n}\n" */
	hlen = strlen(head);
	if (hlen > 0 && head[hlen - 1] == '}')
		hlen--;
	while (hlen > 0 && head[hlen - 1] == '\n')
		hlen--;
	if (!utf8_ok(text, strlen(text)))
		text = clean = draft_clean_text(text, strlen(text));
	tlen = put_text(NULL, text);
	out = xmalloc(hlen + tlen + 18);
	memcpy(out, head, hlen);
	memcpy(out + hlen, ",\n \"text\": \"", 12);
	put_text(out + hlen + 12, text);
	memcpy(out + hlen + 12 + tlen, "\"\n}\n", 5);
	free(head);
	free(clean);
	return out;
}

struct dec {
	json_t *o;
	char *err;
	bool newer;        /* what failed may be a newer akt's record */
};

static bool fail(struct dec *c, const char *fmt, ...) AKT_PRINTF(2, 3);

static bool fail(struct dec *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->err) {
		va_start(ap, fmt);
		c->err = xvasprintf(fmt, ap);
		va_end(ap);
	}
	return false;
}

/* An optional string: absent or null is NULL. */
static bool get_str(struct dec *c, const char *name, char **out)
{
	json_t *v = json_object_get(c->o, name);

	if (!v || json_is_null(v))
		return true;
	if (!json_is_string(v))
		return fail(c, "\"%s\" is not a string", name);
	*out = xstrndup(json_string_value(v), json_string_length(v));
	return true;
}

static bool get_int(struct dec *c, const char *name, int64_t *out)
{
	json_t *v = json_object_get(c->o, name);

	if (!v)
		return true;
	if (!json_is_integer(v))
		return fail(c, "\"%s\" is not a whole number", name);
	*out = json_integer_value(v);
	return true;
}

static bool get_bool(struct dec *c, const char *name, bool *out)
{
	json_t *v = json_object_get(c->o, name);

	if (!v)
		return true;
	if (!json_is_boolean(v))
		return fail(c, "\"%s\" is not true or false", name);
	*out = json_is_true(v);
	return true;
}

static bool get_name(struct dec *c, const char *name, bool required,
		     const char **out)
{
	json_t *v = json_object_get(c->o, name);

	*out = NULL;
	if (!v && !required)
		return true;
	if (!json_is_string(v))
		return fail(c, "\"%s\" is %s", name,
			    v ? "not a string" : "missing");
	*out = json_string_value(v);
	return true;
}

/* "txt": {"size", "mtime_ns", "ino"}, optional. */
static bool decode_txt(struct dec *c, struct akt_draft *d)
{
	json_t *t = json_object_get(c->o, "txt");
	json_t *size, *mtime, *ino;

	if (!t || json_is_null(t))
		return true;
	size = json_object_get(t, "size");
	mtime = json_object_get(t, "mtime_ns");
	ino = json_object_get(t, "ino");
	if (!json_is_object(t) || !json_is_integer(size) ||
	    !json_is_integer(mtime) || !json_is_integer(ino))
		return fail(c, "\"txt\" is not a size, mtime_ns and ino");
	d->txt_known = true;
	d->txt_size = json_integer_value(size);
	d->txt_mtime_ns = json_integer_value(mtime);
	d->txt_ino = (uint64_t)json_integer_value(ino);
	return true;
}

static bool decode_fields(struct dec *c, struct akt_draft *d)
{
	json_t *format = json_object_get(c->o, "format");
	const char *id, *kind, *state, *key;
	int64_t pid = 0;

	if (json_is_integer(format) && json_integer_value(format) > FORMAT) {
		c->newer = true;
		return fail(c, "written by a newer akt (format %lld)",
			    (long long)json_integer_value(format));
	}
	if (!json_is_integer(format) || json_integer_value(format) != FORMAT)
		return fail(c, "not a draft record of a format this akt knows");
	if (!get_name(c, "id", true, &id) || !get_name(c, "kind", true, &kind) ||
	    !get_name(c, "state", false, &state) ||
	    !get_name(c, "key", true, &key))
		return false;
	if (!akt_draft_id_valid(id))
		return fail(c, "the id is not a draft id");
	snprintf(d->id, sizeof(d->id), "%s", id);
	/* a kind or state this akt does not know: a newer one's */
	c->newer = true;
	if (!akt_draft_kind_parse(kind, &d->kind))
		return fail(c, "unknown kind of draft \"%.20s\", perhaps "
			    "from a newer akt", kind);
	if (state && !state_parse(state, &d->state))
		return fail(c, "unknown state \"%.20s\", perhaps from a "
			    "newer akt", state);
	c->newer = false;
	if (strlen(key) != AKT_IDEM_LEN ||
	    strspn(key, "0123456789abcdefABCDEF") != AKT_IDEM_LEN)
		return fail(c, "the idempotency key is not 32 hex digits");
	memcpy(d->key, key, AKT_IDEM_LEN + 1);
	if (!json_is_string(json_object_get(c->o, "text")))
		return fail(c, "the text is missing");
#define GET(f) if (!get_str(c, #f, &d->f)) return false;
	STRINGS(GET)
#undef GET
	if (!get_str(c, "text", &d->text) ||
	    !get_int(c, "case_id", &d->case_id) ||
	    !get_int(c, "thread_id", &d->thread_id) ||
	    !get_int(c, "message_id", &d->message_id) ||
	    !get_int(c, "open_pid", &pid) ||
	    !get_bool(c, "publish", &d->publish) ||
	    !get_bool(c, "notify", &d->notify))
		return false;
	if (memchr(d->text, '\0', json_string_length(
			json_object_get(c->o, "text"))))
		return fail(c, "the text holds a NUL byte");
	if (pid < 0 || pid > INT32_MAX)
		return fail(c, "\"open_pid\" is not a process id");
	d->open_pid = (long)pid;
	return decode_txt(c, d);
}

enum draft_dec draft_decode(const char *json, size_t len,
			    struct akt_draft *out, char **err)
{
	json_error_t je;
	struct dec c = { NULL, NULL, false };

	memset(out, 0, sizeof(*out));
	c.o = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
	if (!c.o) {
		*err = xasprintf("not JSON: %s", je.text);
		return DRAFT_DEC_DAMAGED;
	}
	if (!json_is_object(c.o))
		fail(&c, "not a JSON object");
	else
		decode_fields(&c, out);
	json_decref(c.o);
	if (c.err) {
		akt_draft_clear(out);
		*err = c.err;
		return c.newer ? DRAFT_DEC_NEWER : DRAFT_DEC_DAMAGED;
	}
	return DRAFT_DEC_OK;
}

bool akt_draft_decode(const char *json, size_t len, struct akt_draft *out,
		      char **err)
{
	return draft_decode(json, len, out, err) == DRAFT_DEC_OK;
}

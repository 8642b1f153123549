/*
 * case_write.c — read the case for its tag, then write below it.
 */
#include "akt/case.h"
#include "akt/case_write.h"
#include "akt/urlenc.h"
#include "akt/xalloc.h"

struct write {
	struct akt_session *s;
	char *method, *path, *body, *key;
	akt_case_write_cb *cb;
	void *arg;
	int64_t case_id;
	char *number;
};

static void write_free(struct write *w)
{
	free(w->method);
	free(w->path);
	free(w->body);
	free(w->key);
	free(w->number);
	free(w);
}

/* The read of the case did not give what the write needs. */
static void case_failed(struct write *w, const struct akt_reply *r)
{
	struct akt_case_write_result res = { r, true, 0, NULL };

	w->cb(&res, w->arg);
	write_free(w);
}

static void unusable_case(struct write *w, const struct akt_reply *r,
			  const char *why)
{
	struct akt_reply bad = *r;
	char *msg = xasprintf("the platform's answer is not understood: %s",
			      why);

	bad.result = AKT_E_PROTOCOL;
	bad.error = msg;
	bad.hint = "try again; if it persists, tell the platform's support";
	bad.problem = NULL;
	case_failed(w, &bad);
	free(msg);
}

static void on_write(const struct akt_reply *r, void *arg)
{
	struct write *w = arg;
	struct akt_case_write_result res = { r, false, w->case_id, w->number };

	w->cb(&res, w->arg);
	write_free(w);
}

static void on_case(const struct akt_reply *r, void *arg)
{
	struct write *w = arg;
	struct akt_case c;
	struct akt_call call = { .method = w->method, .body = w->body,
				 .idempotency_key = w->key };
	char *err = NULL, *path;

	if (r->result != AKT_OK) {
		case_failed(w, r);
		return;
	}
	if (!akt_case_decode(r->json, &c, &err)) {
		unusable_case(w, r, err);
		free(err);
		return;
	}
	w->case_id = c.s.id;
	w->number = xstrdup(c.s.number);
	akt_case_clear(&c);
	if (!r->etag || !*r->etag) {
		unusable_case(w, r, "the case came without an ETag");
		return;
	}
	path = xasprintf("/v1/cases/%lld%s", (long long)w->case_id, w->path);
	call.path = path;
	call.body_len = w->body ? strlen(w->body) : 0;
	call.if_match = r->etag;
	akt_session_call(w->s, &call, on_write, w);
	free(path);
}

void akt_case_write(struct akt_session *s, const struct akt_case_write *cw,
		    akt_case_write_cb *cb, void *arg)
{
	struct write *w = xcalloc(1, sizeof(*w));
	char *ref = akt_url_escape(cw->case_ref);
	char *path = xasprintf("/v1/cases/%s", ref);
	struct akt_call call = { .method = "GET", .path = path };

	w->s = s;
	w->method = xstrdup(cw->method);
	w->path = xstrdup(cw->path);
	w->body = xstrdup_opt(cw->body);
	w->key = xstrdup_opt(cw->idempotency_key);
	w->cb = cb;
	w->arg = arg;
	akt_session_call(s, &call, on_case, w);
	free(path);
	free(ref);
}

/*
 * case_cli.c — case paths, the messages for cases that cannot be shown,
 * and a waiting GET for the reading commands.
 */
#include "akt/case_cli.h"
#include "akt/case_format.h"
#include "akt/urlenc.h"
#include "akt/xalloc.h"

char *akt_case_path(const char *ref, const char *suffix)
{
	char *esc = akt_url_escape(ref);
	char *path = xasprintf("/v1/cases/%s%s", esc, suffix ? suffix : "");

	free(esc);
	return path;
}

int akt_case_fail(const struct akt_reply *r, const char *ref)
{
	const json_t *num, *at;
	char *date;

	switch (r->status) {
	case 404:
		akt_cli_error("no case %s; check the number (akt cases "
			      "--search TEXT)", ref);
		return AKT_EXIT_REFUSED;
	case 410:
		/* the platform's own number: the officer may have typed an id */
		num = json_object_get(r->json, "case_number");
		at = json_object_get(r->json, "purged_at");
		date = json_is_string(at) ? akt_fmt_date(json_string_value(at)) :
		       NULL;
		akt_cli_error("%s was purged%s%s (gallring); it can no longer "
			      "be shown",
			      json_is_string(num) ? json_string_value(num) : ref,
			      date ? " on " : "", date ? date : "");
		free(date);
		return AKT_EXIT_REFUSED;
	case 403:
		akt_cli_error("%s belongs to a unit you are not in", ref);
		return AKT_EXIT_REFUSED;
	default:
		return akt_cli_fail(r);
	}
}

int akt_cli_not_understood(char *err)
{
	akt_cli_error("the platform's answer is not understood: %s; if it "
		      "persists, tell the platform's support",
		      err ? err : "unexpected content");
	free(err);
	return AKT_EXIT_UNREACHABLE;
}

struct get {
	akt_get_fail *fail;
	const char *what;
	json_t *json;
	int rc;
	bool done;
};

static void on_get(const struct akt_reply *r, void *arg)
{
	struct get *g = arg;

	g->done = true;
	if (r->result != AKT_OK) {
		g->rc = g->fail ? g->fail(r, g->what) : akt_cli_fail(r);
		return;
	}
	if (!r->json) {
		g->rc = akt_cli_not_understood(xstrdup("the answer is empty"));
		return;
	}
	g->json = json_incref((json_t *)r->json);
}

json_t *akt_cli_get(struct akt_cli *cli, const char *path,
		    akt_get_fail *fail, const char *what, int *rc)
{
	struct get g = { fail, what, NULL, AKT_EXIT_OK, false };
	struct akt_call c = { .method = "GET", .path = path };

	akt_session_call(cli->session, &c, on_get, &g);
	akt_cli_wait(cli, &g.done);
	if (!g.json)
		*rc = g.rc;
	return g.json;
}

struct read_for_write {
	const char *ref;
	struct akt_case *c;
	char **etag;
	json_t *json;
	int rc;
	bool done;
};

static void on_case(const struct akt_reply *r, void *arg)
{
	struct read_for_write *w = arg;
	char *err = NULL;

	w->done = true;
	if (r->result != AKT_OK) {
		/* no such case, or purged: said as show says it */
		w->rc = r->status == 404 || r->status == 410 ?
			akt_case_fail(r, w->ref) : akt_cli_fail(r);
		return;
	}
	if (!akt_case_decode(r->json, w->c, &err)) {
		w->rc = akt_cli_not_understood(err);
		return;
	}
	if (!r->etag || !*r->etag) {
		akt_cli_error("the platform sent no ETag for %s, so it cannot be "
			      "changed safely", w->c->s.number);
		akt_case_clear(w->c);
		w->rc = AKT_EXIT_UNREACHABLE;
		return;
	}
	*w->etag = xstrdup(r->etag);
	w->json = json_incref((json_t *)r->json);
}

int akt_case_read_for_write(struct akt_cli *cli, const char *ref,
			    struct akt_case *c, char **etag, char **path,
			    json_t **json)
{
	struct read_for_write w = { ref, c, etag, NULL, AKT_EXIT_OK, false };
	char *get = akt_case_path(ref, NULL);
	struct akt_call call = { .method = "GET", .path = get };

	akt_session_call(cli->session, &call, on_case, &w);
	free(get);
	akt_cli_wait(cli, &w.done);
	if (w.rc != AKT_EXIT_OK)
		return w.rc;
	if (path)
		*path = xasprintf("/v1/cases/%lld", (long long)c->s.id);
	if (json)
		*json = w.json;
	else
		json_decref(w.json);
	return AKT_EXIT_OK;
}

/*
 * retention.c — decoding of retention policies, upcoming purges and the
 * purge log; matching what the officer typed against e-services; the
 * request paths of the retention routes.
 */
#include "akt/buf.h"
#include "akt/retention.h"
#include "akt/urlenc.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

/* Largest page the platform gives; fewer round trips for "all pages". */
#define PAGE_LIMIT 200

/* ---- policies ---------------------------------------------------------- */

static bool decode_policy(const struct akt_dec *d, const json_t *j,
			  void *out)
{
	struct akt_retention_policy *p = out;
	const json_t *svc, *name;
	char spath[96], npath[96];
	struct akt_dec sd = akt_dec_sub(d, spath, sizeof(spath), "e_service", -1);
	struct akt_dec nd = akt_dec_sub(&sd, npath, sizeof(npath), "name", -1);

	memset(p, 0, sizeof(*p));
	if (!(svc = akt_dec_object(d, j, "e_service")) ||
	    !akt_dec_str(&sd, svc, "id", &p->e_service_id) ||
	    !(name = akt_dec_object(&sd, svc, "name")) ||
	    !akt_names_decode(&nd, name, &p->e_service) ||
	    !akt_dec_int(d, j, "days", &p->days) ||
	    !akt_dec_str(d, j, "updated_at", &p->updated_at) ||
	    !akt_dec_bool(d, j, "can_edit", &p->can_edit) ||
	    !akt_dec_str_opt(d, j, "reason", &p->reason) ||
	    !akt_officer_ref_decode_opt(d, j, "updated_by", &p->updated_by)) {
		akt_retention_policy_clear(p);
		return false;
	}
	return true;
}

bool akt_retention_policy_decode(const json_t *j,
				 struct akt_retention_policy *out, char **err)
{
	const struct akt_dec d = { "retention policy", "", err };

	memset(out, 0, sizeof(*out));
	return akt_dec_top(&d, j) && decode_policy(&d, j, out);
}

void akt_retention_policy_clear(struct akt_retention_policy *p)
{
	xfree(&p->e_service_id);
	akt_names_clear(&p->e_service);
	xfree(&p->updated_at);
	akt_officer_ref_clear(&p->updated_by);
	xfree(&p->reason);
}

bool akt_retention_policy_list_decode(const json_t *j,
				      struct akt_retention_policy_list *out,
				      char **err)
{
	bool ok;

	memset(out, 0, sizeof(*out));
	out->items = akt_dec_list(j, "retention policies", err,
				  sizeof(*out->items), decode_policy, &out->n,
				  &ok);
	if (!ok)
		akt_retention_policy_list_clear(out);
	return ok;
}

void akt_retention_policy_list_clear(struct akt_retention_policy_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		akt_retention_policy_clear(&l->items[i]);
	xfree(&l->items);
	l->n = 0;
}

/* ---- pages ------------------------------------------------------------- */

/*
 * The members every page has, the items decoded by fn once the others
 * are known good; *items holds what was decoded, also after a failure.
 */
static bool decode_page(const struct akt_dec *d, const json_t *j,
			char **next, int64_t *total, void **items, size_t *n,
			size_t size, akt_dec_fn *fn)
{
	bool ok = false;

	*next = NULL;
	if (akt_dec_top(d, j) && akt_dec_array(d, j, "items") &&
	    akt_dec_str_opt(d, j, "next", next) &&
	    akt_dec_total(d, j, total))
		*items = akt_dec_items(d, j, "items", size, fn, n, &ok);
	return ok;
}

static bool decode_upcoming(const struct akt_dec *d, const json_t *j,
			    void *out)
{
	struct akt_upcoming_purge *u = out;
	const json_t *c;
	char *cerr = NULL;

	memset(u, 0, sizeof(*u));
	if (!(c = akt_dec_object(d, j, "case")))
		return false;
	/* the summary decoder names its own fields; say where it sits */
	if (!akt_case_summary_decode(c, &u->c, &cerr)) {
		if (!*d->err)
			*d->err = xasprintf("%s: %scase: %s", d->resource,
					    d->path, cerr);
		free(cerr);
		return false;
	}
	if (akt_dec_str(d, j, "purge_at", &u->purge_at) &&
	    akt_dec_bool(d, j, "legal_hold", &u->legal_hold))
		return true;
	akt_case_summary_clear(&u->c);
	xfree(&u->purge_at);
	return false;
}

bool akt_upcoming_page_decode(const json_t *j, struct akt_upcoming_page *out,
			      char **err)
{
	const struct akt_dec d = { "upcoming purges", "", err };
	void *items = NULL;
	bool ok;

	memset(out, 0, sizeof(*out));
	ok = decode_page(&d, j, &out->next, &out->total, &items, &out->n,
			 sizeof(*out->items), decode_upcoming);
	out->items = items;
	if (!ok)
		akt_upcoming_page_clear(out);
	return ok;
}

void akt_upcoming_page_clear(struct akt_upcoming_page *p)
{
	for (size_t i = 0; i < p->n; i++) {
		akt_case_summary_clear(&p->items[i].c);
		xfree(&p->items[i].purge_at);
	}
	xfree(&p->items);
	xfree(&p->next);
	p->n = 0;
}

static bool decode_entry(const struct akt_dec *d, const json_t *j, void *out)
{
	struct akt_purge_entry *e = out;
	memset(e, 0, sizeof(*e));
	if (akt_dec_int(d, j, "id", &e->id) &&
	    akt_dec_str(d, j, "case_number", &e->case_number) &&
	    akt_dec_str(d, j, "e_service", &e->e_service) &&
	    akt_dec_str(d, j, "closed_at", &e->closed_at) &&
	    akt_dec_str(d, j, "purged_at", &e->purged_at) &&
	    akt_dec_int(d, j, "policy_days", &e->policy_days))
		return true;
	xfree(&e->case_number);
	xfree(&e->e_service);
	xfree(&e->closed_at);
	xfree(&e->purged_at);
	return false;
}

bool akt_purge_log_page_decode(const json_t *j, struct akt_purge_log_page *out,
			       char **err)
{
	const struct akt_dec d = { "purge log", "", err };
	void *items = NULL;
	bool ok;

	memset(out, 0, sizeof(*out));
	ok = decode_page(&d, j, &out->next, &out->total, &items, &out->n,
			 sizeof(*out->items), decode_entry);
	out->items = items;
	if (!ok)
		akt_purge_log_page_clear(out);
	return ok;
}

void akt_purge_log_page_clear(struct akt_purge_log_page *p)
{
	for (size_t i = 0; i < p->n; i++) {
		struct akt_purge_entry *e = &p->items[i];

		xfree(&e->case_number);
		xfree(&e->e_service);
		xfree(&e->closed_at);
		xfree(&e->purged_at);
	}
	xfree(&p->items);
	xfree(&p->next);
	p->n = 0;
}

/* ---- what the officer types -------------------------------------------- */

/* Lower case for ASCII and Latin-1 letters (Å Ä Ö É …): enough for the
 * names of Swedish e-services without a locale-dependent library. */
static uint32_t fold(uint32_t cp)
{
	if ((cp >= 'A' && cp <= 'Z') ||
	    (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7))
		return cp + 0x20;
	return cp;
}

static bool same_name(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	while (la && lb) {
		uint32_t ca, cb;
		size_t na = akt_utf8_decode(a, la, &ca);
		size_t nb = akt_utf8_decode(b, lb, &cb);

		if (ca == AKT_UTF8_BAD || cb == AKT_UTF8_BAD ||
		    fold(ca) != fold(cb))
			return false;
		a += na, la -= na;
		b += nb, lb -= nb;
	}
	return la == 0 && lb == 0;
}

const struct akt_retention_policy *akt_retention_policy_find(
	const struct akt_retention_policy_list *l, const char *name)
{
	/* the id first: it is what scripts use and it is unique */
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].e_service_id, name) == 0)
			return &l->items[i];
	for (size_t i = 0; i < l->n; i++) {
		const struct akt_retention_policy *p = &l->items[i];

		if (same_name(p->e_service_id, name) ||
		    (p->e_service.sv && same_name(p->e_service.sv, name)) ||
		    (p->e_service.en && same_name(p->e_service.en, name)))
			return p;
	}
	return NULL;
}

bool akt_retention_days_parse(const char *s, int64_t *out)
{
	int64_t v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
		if (v > AKT_RETENTION_DAYS_MAX)
			return false;
	}
	if (v < AKT_RETENTION_DAYS_MIN)
		return false;
	*out = v;
	return true;
}

/* n digits at s within [lo, hi] */
static bool digits(const char *s, int n, int lo, int hi)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	return v >= lo && v <= hi;
}

bool akt_retention_date_ok(const char *s)
{
	size_t len = strlen(s);

	if (len != 10 && len != 20)
		return false;
	if (!digits(s, 4, 1, 9999) || s[4] != '-' || !digits(s + 5, 2, 1, 12) ||
	    s[7] != '-' || !digits(s + 8, 2, 1, 31))
		return false;
	if (len == 10)
		return true;
	return s[10] == 'T' && digits(s + 11, 2, 0, 23) && s[13] == ':' &&
	       digits(s + 14, 2, 0, 59) && s[16] == ':' &&
	       digits(s + 17, 2, 0, 60) && s[19] == 'Z';
}

/* ---- paths ------------------------------------------------------------- */

static void add_escaped(struct akt_buf *b, const char *s)
{
	char *e = akt_url_escape(s);

	akt_buf_addstr(b, e);
	free(e);
}

static void add_param(struct akt_buf *b, const char *name, const char *value)
{
	if (!value)
		return;
	akt_buf_printf(b, "&%s=", name);
	add_escaped(b, value);
}

char *akt_retention_policy_path(const char *e_service_id)
{
	struct akt_buf b;

	akt_buf_init(&b, SIZE_MAX);
	akt_buf_addstr(&b, "/v1/retention/policies/");
	add_escaped(&b, e_service_id);
	return akt_buf_steal(&b);
}

char *akt_retention_upcoming_path(const char *before, const char *e_service,
				  const char *cursor)
{
	struct akt_buf b;

	akt_buf_init(&b, SIZE_MAX);
	akt_buf_printf(&b, "/v1/retention/upcoming?limit=%d", PAGE_LIMIT);
	add_param(&b, "before", before);
	add_param(&b, "e_service", e_service);
	add_param(&b, "cursor", cursor);
	return akt_buf_steal(&b);
}

char *akt_retention_log_path(const char *cursor)
{
	struct akt_buf b;

	akt_buf_init(&b, SIZE_MAX);
	akt_buf_printf(&b, "/v1/retention/log?limit=%d", PAGE_LIMIT);
	add_param(&b, "cursor", cursor);
	return akt_buf_steal(&b);
}

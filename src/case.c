/*
 * case.c — decoding of case summaries, case details and pages of cases.
 */
#include "akt/case.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

static const char *const priority_ids[] = {
	[AKT_PRIO_LOW] = "low", [AKT_PRIO_NORMAL] = "normal",
	[AKT_PRIO_HIGH] = "high", [AKT_PRIO_URGENT] = "urgent",
};

static const char *const role_ids[] = {
	[AKT_PARTY_APPLICANT] = "applicant",
	[AKT_PARTY_CO_APPLICANT] = "co_applicant",
	[AKT_PARTY_REPRESENTATIVE] = "representative",
};

static const char *const kind_ids[] = { "person", "organisation" };

/* Path buffers: "items[199].assignees[12]." and the like fit easily. */
#define PATH_MAX_LEN 128

const char *akt_priority_id(enum akt_priority p)
{
	return (size_t)p < AKT_LEN(priority_ids) ? priority_ids[p] : "unknown";
}

const char *akt_party_role_id(enum akt_party_role r)
{
	return (size_t)r < AKT_LEN(role_ids) ? role_ids[r] : "unknown";
}

/*
 * A string member from a closed set: its index into ids. An unknown
 * value is an error listing the set; the value is cut short because it
 * came from the platform and could be of any length.
 */
static bool dec_enum(const struct akt_dec *d, const json_t *obj,
		     const char *field, const char *const *ids, size_t n,
		     int *out)
{
	char *s = NULL;
	char list[160] = "";
	size_t cut;

	if (!akt_dec_str(d, obj, field, &s))
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, ids[i]) == 0) {
			*out = (int)i;
			free(s);
			return true;
		}
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(list);

		snprintf(list + len, sizeof(list) - len, "%s%s",
			 i ? ", " : "", ids[i]);
	}
	cut = akt_utf8_fit(s, 40, NULL);
	if (!*d->err)
		*d->err = xasprintf("%s: field '%s%s' is \"%.*s%s\", expected "
				    "one of %s", d->resource, d->path, field,
				    (int)cut, s, s[cut] ? "…" : "", list);
	free(s);
	return false;
}

/* An integer that may be missing or null: then none. */
static bool dec_int_opt(const struct akt_dec *d, const json_t *obj,
			const char *field, int64_t *out, int64_t none)
{
	const json_t *j = json_object_get(obj, field);

	*out = none;
	if (!j || json_is_null(j))
		return true;
	return akt_dec_int(d, obj, field, out);
}

/* An object member that may be missing or null: *out NULL then. */
static bool dec_object_opt(const struct akt_dec *d, const json_t *obj,
			   const char *field, const json_t **out)
{
	const json_t *j = json_object_get(obj, field);

	*out = NULL;
	if (!j || json_is_null(j))
		return true;
	return (*out = akt_dec_object(d, obj, field)) != NULL;
}

bool akt_officer_ref_decode(const struct akt_dec *d, const json_t *j,
			    struct akt_officer_ref *out)
{
	memset(out, 0, sizeof(*out));
	if (akt_dec_int(d, j, "id", &out->id) &&
	    akt_dec_str(d, j, "username", &out->username) &&
	    akt_dec_str(d, j, "name", &out->name))
		return true;
	akt_officer_ref_clear(out);
	return false;
}

void akt_officer_ref_clear(struct akt_officer_ref *r)
{
	r->id = 0;
	xfree(&r->username);
	xfree(&r->name);
}

/* A short officer reference or null (then id 0, names NULL). */
static bool dec_ref_opt(const struct akt_dec *d, const json_t *obj,
			const char *field, struct akt_officer_ref *out)
{
	const json_t *j;
	char path[PATH_MAX_LEN];
	struct akt_dec sub = akt_dec_sub(d, path, sizeof(path), field, -1);

	memset(out, 0, sizeof(*out));
	if (!dec_object_opt(d, obj, field, &j))
		return false;
	return !j || akt_officer_ref_decode(&sub, j, out);
}

static bool decode_e_service(const struct akt_dec *d, const json_t *obj,
			     struct akt_case_summary *c)
{
	const json_t *svc, *name;
	char spath[PATH_MAX_LEN], npath[PATH_MAX_LEN];
	struct akt_dec sd = akt_dec_sub(d, spath, sizeof(spath), "e_service",
					-1);
	struct akt_dec nd = akt_dec_sub(&sd, npath, sizeof(npath), "name", -1);

	return (svc = akt_dec_object(d, obj, "e_service")) &&
	       akt_dec_str(&sd, svc, "id", &c->e_service_id) &&
	       (name = akt_dec_object(&sd, svc, "name")) &&
	       akt_names_decode(&nd, name, &c->e_service);
}

static bool decode_status(const struct akt_dec *d, const json_t *obj,
			  struct akt_status *out)
{
	const json_t *s;
	char path[PATH_MAX_LEN];
	struct akt_dec sub = akt_dec_sub(d, path, sizeof(path), "status", -1);

	return (s = akt_dec_object(d, obj, "status")) &&
	       akt_status_decode(&sub, s, out);
}

/* The applicant is null for a case without one. */
static bool decode_applicant(const struct akt_dec *d, const json_t *obj,
			     struct akt_applicant *a)
{
	const json_t *j;
	char path[PATH_MAX_LEN];
	struct akt_dec sub = akt_dec_sub(d, path, sizeof(path), "applicant",
					 -1);

	if (!dec_object_opt(d, obj, "applicant", &j))
		return false;
	return !j ||
	       (akt_dec_str(&sub, j, "name", &a->name) &&
		akt_dec_str_opt(&sub, j, "personal_number",
				&a->personal_number) &&
		akt_dec_str_opt(&sub, j, "organisation_number",
				&a->organisation_number));
}

static bool decode_assignees(const struct akt_dec *d, const json_t *obj,
			     struct akt_case_summary *c)
{
	const json_t *arr = akt_dec_array(d, obj, "assignees");
	size_t n;

	if (!arr)
		return false;
	n = json_array_size(arr);
	c->assignees = xcalloc(n + 1, sizeof(*c->assignees));
	for (size_t i = 0; i < n; i++) {
		const json_t *r = json_array_get(arr, i);
		char path[PATH_MAX_LEN];
		struct akt_dec sub = akt_dec_sub(d, path, sizeof(path),
						 "assignees", (long)i);

		if (!akt_dec_elem(d, "assignees", i, r) ||
		    !akt_officer_ref_decode(&sub, r, &c->assignees[i]))
			return false;
		c->nassignees++;
	}
	return true;
}

/* The detail is the summary without unread_messages. */
static bool decode_summary(const struct akt_dec *d, const json_t *j,
			   struct akt_case_summary *c, bool detail)
{
	int prio = 0;

	memset(c, 0, sizeof(*c));
	if (akt_dec_int(d, j, "id", &c->id) &&
	    akt_dec_str(d, j, "number", &c->number) &&
	    akt_dec_str(d, j, "diary_number", &c->diary_number) &&
	    akt_dec_str(d, j, "title", &c->title) &&
	    decode_e_service(d, j, c) &&
	    akt_dec_int(d, j, "queue_id", &c->queue_id) &&
	    decode_status(d, j, &c->status) &&
	    decode_applicant(d, j, &c->applicant) &&
	    decode_assignees(d, j, c) &&
	    dec_enum(d, j, "priority", priority_ids, AKT_LEN(priority_ids),
		     &prio) &&
	    akt_dec_str(d, j, "created_at", &c->created_at) &&
	    akt_dec_str(d, j, "updated_at", &c->updated_at) &&
	    akt_dec_str_opt(d, j, "deadline", &c->deadline) &&
	    (detail ||
	     akt_dec_int(d, j, "unread_messages", &c->unread_messages))) {
		c->priority = (enum akt_priority)prio;
		return true;
	}
	akt_case_summary_clear(c);
	return false;
}

bool akt_case_summary_decode(const json_t *j, struct akt_case_summary *out,
			     char **err)
{
	const struct akt_dec d = { "case", "", err };

	memset(out, 0, sizeof(*out));
	return akt_dec_top(&d, j) && decode_summary(&d, j, out, false);
}

void akt_case_summary_clear(struct akt_case_summary *c)
{
	xfree(&c->number);
	xfree(&c->diary_number);
	xfree(&c->title);
	xfree(&c->e_service_id);
	akt_names_clear(&c->e_service);
	akt_status_clear(&c->status);
	xfree(&c->applicant.name);
	xfree(&c->applicant.personal_number);
	xfree(&c->applicant.organisation_number);
	for (size_t i = 0; i < c->nassignees; i++)
		akt_officer_ref_clear(&c->assignees[i]);
	xfree(&c->assignees);
	xfree(&c->created_at);
	xfree(&c->updated_at);
	xfree(&c->deadline);
	memset(c, 0, sizeof(*c));
}

static void party_clear(struct akt_party *p)
{
	xfree(&p->name);
	xfree(&p->personal_number);
	xfree(&p->organisation_number);
	xfree(&p->signing_state);
	xfree(&p->signing_at);
	xfree(&p->email);
	xfree(&p->phone);
}

/* signing is {"state","at"} for co-applicants and null for the rest. */
static bool decode_signing(const struct akt_dec *d, const json_t *obj,
			   struct akt_party *p)
{
	const json_t *j;
	char path[PATH_MAX_LEN];
	struct akt_dec sub = akt_dec_sub(d, path, sizeof(path), "signing", -1);

	if (!dec_object_opt(d, obj, "signing", &j))
		return false;
	return !j ||
	       (akt_dec_str(&sub, j, "state", &p->signing_state) &&
		akt_dec_str_opt(&sub, j, "at", &p->signing_at));
}

static bool decode_party(const struct akt_dec *d, const json_t *j,
			 struct akt_party *p)
{
	int role = 0, kind = 0;

	memset(p, 0, sizeof(*p));
	if (akt_dec_int(d, j, "id", &p->id) &&
	    dec_enum(d, j, "role", role_ids, AKT_LEN(role_ids), &role) &&
	    dec_enum(d, j, "kind", kind_ids, AKT_LEN(kind_ids), &kind) &&
	    akt_dec_str(d, j, "name", &p->name) &&
	    akt_dec_str_opt(d, j, "personal_number", &p->personal_number) &&
	    akt_dec_str_opt(d, j, "organisation_number",
			    &p->organisation_number) &&
	    decode_signing(d, j, p) &&
	    dec_int_opt(d, j, "represents", &p->represents, 0) &&
	    akt_dec_str_opt(d, j, "email", &p->email) &&
	    akt_dec_str_opt(d, j, "phone", &p->phone)) {
		p->role = (enum akt_party_role)role;
		p->organisation = kind == 1;
		return true;
	}
	party_clear(p);
	return false;
}

static void document_clear(struct akt_document *doc)
{
	xfree(&doc->name);
	xfree(&doc->media_type);
	xfree(&doc->kind);
	xfree(&doc->created_at);
}

static bool decode_document(const struct akt_dec *d, const json_t *j,
			    struct akt_document *doc)
{
	memset(doc, 0, sizeof(*doc));
	if (akt_dec_int(d, j, "id", &doc->id) &&
	    akt_dec_str(d, j, "name", &doc->name) &&
	    akt_dec_str(d, j, "media_type", &doc->media_type) &&
	    akt_dec_int(d, j, "size", &doc->size) &&
	    akt_dec_str(d, j, "kind", &doc->kind) &&
	    akt_dec_str(d, j, "created_at", &doc->created_at))
		return true;
	document_clear(doc);
	return false;
}

static void retention_clear(struct akt_retention *r)
{
	xfree(&r->closed_at);
	xfree(&r->purge_at);
	xfree(&r->hold_reason);
	akt_officer_ref_clear(&r->hold_by);
	xfree(&r->hold_at);
}

static bool decode_retention(const struct akt_dec *d, const json_t *obj,
			     struct akt_retention *r)
{
	const json_t *j, *hold;
	char rpath[PATH_MAX_LEN], hpath[PATH_MAX_LEN];
	struct akt_dec rd = akt_dec_sub(d, rpath, sizeof(rpath), "retention",
					-1);
	struct akt_dec hd = akt_dec_sub(&rd, hpath, sizeof(hpath),
					"legal_hold", -1);

	return (j = akt_dec_object(d, obj, "retention")) &&
	       akt_dec_str_opt(&rd, j, "closed_at", &r->closed_at) &&
	       akt_dec_str_opt(&rd, j, "purge_at", &r->purge_at) &&
	       dec_int_opt(&rd, j, "policy_days", &r->policy_days, -1) &&
	       (hold = akt_dec_object(&rd, j, "legal_hold")) &&
	       akt_dec_bool(&hd, hold, "active", &r->hold) &&
	       akt_dec_str_opt(&hd, hold, "reason", &r->hold_reason) &&
	       dec_ref_opt(&hd, hold, "set_by", &r->hold_by) &&
	       akt_dec_str_opt(&hd, hold, "set_at", &r->hold_at);
}

/*
 * An array member of objects, each decoded by fn into an element of
 * *items (size bytes each); *n counts the ones decoded, so a clear
 * after a failure frees exactly those.
 */
static bool decode_array(const struct akt_dec *d, const json_t *obj,
			 const char *field, void **items, size_t *n,
			 size_t size,
			 bool (*fn)(const struct akt_dec *, const json_t *,
				    void *))
{
	const json_t *arr = akt_dec_array(d, obj, field);
	size_t len;

	if (!arr)
		return false;
	len = json_array_size(arr);
	*items = xcalloc(len + 1, size);
	for (size_t i = 0; i < len; i++) {
		const json_t *e = json_array_get(arr, i);
		char path[PATH_MAX_LEN];
		struct akt_dec sub = akt_dec_sub(d, path, sizeof(path), field,
						 (long)i);

		if (!akt_dec_elem(d, field, i, e) ||
		    !fn(&sub, e, (char *)*items + i * size))
			return false;
		(*n)++;
	}
	return true;
}

static bool party_fn(const struct akt_dec *d, const json_t *j, void *out)
{
	return decode_party(d, j, out);
}

static bool document_fn(const struct akt_dec *d, const json_t *j, void *out)
{
	return decode_document(d, j, out);
}

bool akt_case_decode(const json_t *j, struct akt_case *out, char **err)
{
	const struct akt_dec d = { "case", "", err };
	void *parties = NULL, *documents = NULL;
	bool ok;

	memset(out, 0, sizeof(*out));
	if (!akt_dec_top(&d, j) || !decode_summary(&d, j, &out->s, true))
		return false;
	ok = akt_dec_int(&d, j, "version", &out->version) &&
	     decode_array(&d, j, "parties", &parties, &out->nparties,
			  sizeof(struct akt_party), party_fn);
	out->parties = parties;
	ok = ok && decode_array(&d, j, "documents", &documents,
				&out->ndocuments, sizeof(struct akt_document),
				document_fn);
	out->documents = documents;
	if (ok && decode_retention(&d, j, &out->retention))
		return true;
	akt_case_clear(out);
	return false;
}

void akt_case_clear(struct akt_case *c)
{
	akt_case_summary_clear(&c->s);
	for (size_t i = 0; i < c->nparties; i++)
		party_clear(&c->parties[i]);
	xfree(&c->parties);
	for (size_t i = 0; i < c->ndocuments; i++)
		document_clear(&c->documents[i]);
	xfree(&c->documents);
	retention_clear(&c->retention);
	memset(c, 0, sizeof(*c));
}

static bool summary_fn(const struct akt_dec *d, const json_t *j, void *out)
{
	return decode_summary(d, j, out, false);
}

bool akt_case_page_decode(const json_t *j, struct akt_case_page *out,
			  char **err)
{
	const struct akt_dec d = { "cases", "", err };
	void *items = NULL;
	bool ok;

	memset(out, 0, sizeof(*out));
	if (!akt_dec_top(&d, j))
		return false;
	ok = decode_array(&d, j, "items", &items, &out->n,
			  sizeof(struct akt_case_summary), summary_fn);
	out->items = items;
	if (ok && akt_dec_str_opt(&d, j, "next", &out->next) &&
	    akt_dec_str_opt(&d, j, "prev", &out->prev) &&
	    akt_dec_total(&d, j, &out->total))
		return true;
	akt_case_page_clear(out);
	return false;
}

void akt_case_page_clear(struct akt_case_page *p)
{
	for (size_t i = 0; i < p->n; i++)
		akt_case_summary_clear(&p->items[i]);
	xfree(&p->items);
	xfree(&p->next);
	xfree(&p->prev);
	memset(p, 0, sizeof(*p));
}

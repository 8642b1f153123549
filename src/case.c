/*
 * case.c — decoding of case summaries, case details and pages of cases.
 */
#include "akt/case.h"
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

bool akt_officer_ref_decode_opt(const struct akt_dec *d, const json_t *obj,
				const char *field,
				struct akt_officer_ref *out)
{
	const json_t *j;
	char path[PATH_MAX_LEN];
	struct akt_dec sub = akt_dec_sub(d, path, sizeof(path), field, -1);

	memset(out, 0, sizeof(*out));
	if (!akt_dec_object_opt(d, obj, field, &j))
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

	if (!akt_dec_object_opt(d, obj, "applicant", &j))
		return false;
	return !j ||
	       (akt_dec_str(&sub, j, "name", &a->name) &&
		akt_dec_str_opt(&sub, j, "personal_number",
				&a->personal_number) &&
		akt_dec_str_opt(&sub, j, "organisation_number",
				&a->organisation_number));
}

static bool ref_fn(const struct akt_dec *d, const json_t *j, void *out)
{
	return akt_officer_ref_decode(d, j, out);
}

bool akt_officer_ref_list_decode(const json_t *j,
				 struct akt_officer_ref **out, size_t *n,
				 char **err)
{
	bool ok = false;

	*n = 0;
	*out = akt_dec_list(j, "officers", err, sizeof(**out), ref_fn, n,
			    &ok);
	if (!ok)
		akt_officer_ref_list_free(out, n);
	return ok;
}

void akt_officer_ref_list_free(struct akt_officer_ref **refs, size_t *n)
{
	for (size_t i = 0; *refs && i < *n; i++)
		akt_officer_ref_clear(&(*refs)[i]);
	free(*refs);
	*refs = NULL;
	*n = 0;
}

static bool decode_assignees(const struct akt_dec *d, const json_t *obj,
			     struct akt_case_summary *c)
{
	bool ok;

	c->assignees = akt_dec_items(d, obj, "assignees",
				     sizeof(*c->assignees), ref_fn,
				     &c->nassignees, &ok);
	return ok;
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
	    akt_dec_enum(d, j, "priority", priority_ids,
			 AKT_LEN(priority_ids), NULL, &prio) &&
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

	if (!akt_dec_object_opt(d, obj, "signing", &j))
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
	    akt_dec_enum(d, j, "role", role_ids, AKT_LEN(role_ids), NULL,
			 &role) &&
	    akt_dec_enum(d, j, "kind", kind_ids, AKT_LEN(kind_ids), NULL,
			 &kind) &&
	    akt_dec_str(d, j, "name", &p->name) &&
	    akt_dec_str_opt(d, j, "personal_number", &p->personal_number) &&
	    akt_dec_str_opt(d, j, "organisation_number",
			    &p->organisation_number) &&
	    decode_signing(d, j, p) &&
	    akt_dec_int_opt(d, j, "represents", &p->represents, 0) &&
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
	       akt_dec_int_opt(&rd, j, "policy_days", &r->policy_days, -1) &&
	       (hold = akt_dec_object(&rd, j, "legal_hold")) &&
	       akt_dec_bool(&hd, hold, "active", &r->hold) &&
	       akt_dec_str_opt(&hd, hold, "reason", &r->hold_reason) &&
	       akt_officer_ref_decode_opt(&hd, hold, "set_by", &r->hold_by) &&
	       akt_dec_str_opt(&hd, hold, "set_at", &r->hold_at);
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
	bool ok;

	memset(out, 0, sizeof(*out));
	if (!akt_dec_top(&d, j) || !decode_summary(&d, j, &out->s, true))
		return false;
	ok = akt_dec_int(&d, j, "version", &out->version);
	if (ok)
		out->parties = akt_dec_items(&d, j, "parties",
					     sizeof(*out->parties), party_fn,
					     &out->nparties, &ok);
	if (ok)
		out->documents = akt_dec_items(&d, j, "documents",
					       sizeof(*out->documents),
					       document_fn, &out->ndocuments,
					       &ok);
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
	bool ok;

	memset(out, 0, sizeof(*out));
	if (!akt_dec_top(&d, j))
		return false;
	out->items = akt_dec_items(&d, j, "items", sizeof(*out->items),
				   summary_fn, &out->n, &ok);
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

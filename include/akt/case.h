/*
 * case.h — a case (ärende): the summary in lists (GET /v1/cases,
 * GET /v1/queues/{id}/cases) and the detail (GET /v1/cases/{case}) with
 * parties, documents and retention.
 */
#ifndef AKT_CASE_H
#define AKT_CASE_H

#include "akt/status.h"

/* {"id","username","name"} — an officer as cases and events name them. */
struct akt_officer_ref {
	int64_t id;
	char *username;
	char *name;
};

/* The applicant in a summary: a person (masked number) or a company. */
struct akt_applicant {
	char *name;
	char *personal_number;       /* "19850312-****", or NULL */
	char *organisation_number;   /* "556123-4567", or NULL */
};

enum akt_priority { AKT_PRIO_LOW, AKT_PRIO_NORMAL, AKT_PRIO_HIGH,
		    AKT_PRIO_URGENT };

struct akt_case_summary {
	int64_t id;
	char *number;                /* "BYGG-2026-000123" */
	char *diary_number;
	char *title;
	char *e_service_id;
	struct akt_names e_service;
	int64_t queue_id;
	struct akt_status status;
	struct akt_applicant applicant;   /* name NULL when there is none */
	struct akt_officer_ref *assignees;
	size_t nassignees;
	enum akt_priority priority;
	char *created_at, *updated_at;    /* RFC 3339 as sent */
	char *deadline;                   /* "2026-12-15" or NULL */
	int64_t unread_messages;          /* lists only; 0 in a detail */
};

enum akt_party_role { AKT_PARTY_APPLICANT, AKT_PARTY_CO_APPLICANT,
		      AKT_PARTY_REPRESENTATIVE };

struct akt_party {
	int64_t id;
	enum akt_party_role role;
	bool organisation;           /* kind "organisation", else "person" */
	char *name;
	char *personal_number;       /* masked; persons */
	char *organisation_number;   /* organisations */
	char *signing_state;         /* co-applicants: signed pending declined */
	char *signing_at;
	int64_t represents;          /* representatives: party id, else 0 */
	char *email, *phone;         /* NULL when absent */
};

struct akt_document {
	int64_t id;
	char *name;
	char *media_type;
	int64_t size;
	char *kind;                  /* attachment decision protocol */
	char *created_at;
};

struct akt_retention {
	char *closed_at, *purge_at;  /* NULL while open */
	int64_t policy_days;         /* -1 when the service has no policy */
	bool hold;
	char *hold_reason;
	struct akt_officer_ref hold_by;   /* id 0 when nobody */
	char *hold_at;
};

struct akt_case {
	struct akt_case_summary s;
	int64_t version;
	struct akt_party *parties;
	size_t nparties;
	struct akt_document *documents;
	size_t ndocuments;
	struct akt_retention retention;
};

/* One page of a case list: {"items","next","prev","total"} */
struct akt_case_page {
	struct akt_case_summary *items;
	size_t n;
	char *next, *prev;           /* cursors, NULL at the ends */
	int64_t total;               /* -1 when the platform left it out */
};

bool akt_officer_ref_decode(const struct akt_dec *d, const json_t *j,
			    struct akt_officer_ref *out);
void akt_officer_ref_clear(struct akt_officer_ref *r);
/* The member field: an officer reference, or missing or null (then id 0,
 * names NULL). */
bool akt_officer_ref_decode_opt(const struct akt_dec *d, const json_t *obj,
				const char *field,
				struct akt_officer_ref *out);

/* GET /v1/officers: {"items":[ref…]} into a new array of *n refs;
 * false with *err (nothing kept) when it does not decode. */
bool akt_officer_ref_list_decode(const json_t *j,
				 struct akt_officer_ref **out, size_t *n,
				 char **err);
void akt_officer_ref_list_free(struct akt_officer_ref **refs, size_t *n);

bool akt_case_summary_decode(const json_t *j, struct akt_case_summary *out,
			     char **err);
void akt_case_summary_clear(struct akt_case_summary *c);

bool akt_case_decode(const json_t *j, struct akt_case *out, char **err);
void akt_case_clear(struct akt_case *c);

bool akt_case_page_decode(const json_t *j, struct akt_case_page *out,
			  char **err);
void akt_case_page_clear(struct akt_case_page *p);

const char *akt_priority_id(enum akt_priority p);     /* "normal" */
const char *akt_party_role_id(enum akt_party_role r); /* "co_applicant" */

#endif

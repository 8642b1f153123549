/*
 * retention.h — gallring: the retention policy of an e-service
 * (GET /v1/retention/policies[/{e_service}]), the cases due for purging
 * (GET /v1/retention/upcoming) and the purge log (GET /v1/retention/log),
 * with the checks of what an officer types before it is sent.
 */
#ifndef AKT_RETENTION_H
#define AKT_RETENTION_H

#include "akt/case.h"

/* The platform's bounds for a policy's days. */
#define AKT_RETENTION_DAYS_MIN 1
#define AKT_RETENTION_DAYS_MAX 36500

struct akt_retention_policy {
	char *e_service_id;          /* "bygglov" */
	struct akt_names e_service;  /* Bygglov / Building permit */
	int64_t days;
	char *updated_at;
	struct akt_officer_ref updated_by;   /* id 0 when nobody changed it */
	bool can_edit;               /* may the caller change it */
	char *reason;                /* why not; NULL when can_edit */
};

struct akt_retention_policy_list {
	struct akt_retention_policy *items;
	size_t n;
};

/* A closed case due for purging: {"case","purge_at","legal_hold"} */
struct akt_upcoming_purge {
	struct akt_case_summary c;
	char *purge_at;
	bool legal_hold;
};

/* An entry of the purge log; it names no person by design. */
struct akt_purge_entry {
	int64_t id;
	char *case_number;
	char *e_service;             /* id */
	char *closed_at, *purged_at;
	int64_t policy_days;
};

/* One page of either list: {"items","next","prev","total"}. */
struct akt_upcoming_page {
	struct akt_upcoming_purge *items;
	size_t n;
	char *next;                  /* cursor, NULL on the last page */
	int64_t total;
};

struct akt_purge_log_page {
	struct akt_purge_entry *items;
	size_t n;
	char *next;
	int64_t total;
};

bool akt_retention_policy_decode(const json_t *j,
				 struct akt_retention_policy *out, char **err);
void akt_retention_policy_clear(struct akt_retention_policy *p);

/* {"items":[policy…]} */
bool akt_retention_policy_list_decode(const json_t *j,
				      struct akt_retention_policy_list *out,
				      char **err);
void akt_retention_policy_list_clear(struct akt_retention_policy_list *l);

bool akt_upcoming_page_decode(const json_t *j, struct akt_upcoming_page *out,
			      char **err);
void akt_upcoming_page_clear(struct akt_upcoming_page *p);

bool akt_purge_log_page_decode(const json_t *j, struct akt_purge_log_page *out,
			       char **err);
void akt_purge_log_page_clear(struct akt_purge_log_page *p);

/*
 * The policy of the e-service the officer named: its id, or its Swedish
 * or English name regardless of case ("BYGGLOV", "building permit",
 * "förskoleplats" = "FÖRSKOLEPLATS"). NULL when none matches.
 */
const struct akt_retention_policy *akt_retention_policy_find(
	const struct akt_retention_policy_list *l, const char *name);

/* DAYS as typed: plain decimal digits within the platform's bounds. */
bool akt_retention_days_parse(const char *s, int64_t *out);

/* A date "2026-12-01" or a UTC time "2026-12-01T12:00:00Z", as the
 * platform's before= takes them. */
bool akt_retention_date_ok(const char *s);

/*
 * Request paths, with every value percent-encoded; malloc'd. NULL
 * arguments are left out; cursor continues a list.
 */
char *akt_retention_policy_path(const char *e_service_id);
char *akt_retention_upcoming_path(const char *before, const char *e_service,
				  const char *cursor);
char *akt_retention_log_path(const char *cursor);

#endif

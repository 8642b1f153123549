/*
 * case_filter.h — what a case list shows and in which order, as the
 * officer types it ("status=inskickat,registrerat assignee=me",
 * "-deadline") and as the platform takes it (query parameters).
 *
 * Plain data with no I/O: the full-screen client's filter prompt, its
 * ':sort' command and its live updates (does a new case belong in this
 * list, and where would the platform put it) all use it.
 */
#ifndef AKT_CASE_FILTER_H
#define AKT_CASE_FILTER_H

#include "akt/case.h"
#include "akt/eservice.h"
#include "akt/status.h"

/* ---- filters -------------------------------------------------------- */

/* Each list matches any of its elements; empty lists match everything. */
struct akt_case_filter {
	char **status;          /* status ids */
	size_t nstatus;
	char **category;        /* submitted registered in_progress closed */
	size_t ncategory;
	char **e_service;       /* e-service ids */
	size_t ne_service;
	char *assignee;         /* "me", "none", a username, or NULL */
};

void akt_case_filter_clear(struct akt_case_filter *f);
void akt_case_filter_copy(struct akt_case_filter *dst,
			  const struct akt_case_filter *src);
bool akt_case_filter_empty(const struct akt_case_filter *f);
bool akt_case_filter_equal(const struct akt_case_filter *a,
			   const struct akt_case_filter *b);

/*
 * Parse "status=ID[,ID] assignee=WHO e_service=ID category=ID" (words
 * separated by white space or '&', so a query string parses too) into
 * *out; "" and "clear" give the empty filter. Statuses may be named by
 * id or by their Swedish or English name, categories by id or name, and
 * e-services by id, name or case number prefix (letter case ignored);
 * a name with spaces is quoted or simply written out
 * ("status=under handläggning"). statuses and eservices may be NULL
 * (then only ids are known, and unknown ids are left to the platform).
 * False with *err (one line: what is wrong and what is allowed); *out is
 * then empty.
 */
bool akt_case_filter_parse(const char *text,
			   const struct akt_status_list *statuses,
			   const struct akt_eservice_list *eservices,
			   struct akt_case_filter *out, char **err);

/* base with every key that over sets replaced by over's: a list opened
 * as "assignee=me" and filtered by "status=closed" shows both. */
void akt_case_filter_merge(struct akt_case_filter *dst,
			   const struct akt_case_filter *base,
			   const struct akt_case_filter *over);

/* The filter as the officer writes it ("status=closed assignee=me"),
 * "" when empty. malloc'd. */
char *akt_case_filter_text(const struct akt_case_filter *f);

/* The filter as query parameters ("status=closed&assignee=me", values
 * URL-encoded), or NULL when empty. malloc'd. */
char *akt_case_filter_query(const struct akt_case_filter *f);

/* Does case c pass the filter? me is the officer's username (for
 * assignee=me; NULL: unknown, such a filter matches nothing). */
bool akt_case_filter_match(const struct akt_case_filter *f,
			   const struct akt_case_summary *c, const char *me);

/* The category with this id or name (Swedish or English); false when
 * there is none. */
bool akt_category_lookup(const char *word, enum akt_category *out);

/* ---- order ----------------------------------------------------------- */

/* The platform's sort keys, in the order 'o' cycles through them. */
enum akt_case_sort {
	AKT_SORT_UPDATED,
	AKT_SORT_CREATED,
	AKT_SORT_NUMBER,
	AKT_SORT_DEADLINE,
	AKT_SORT_PRIORITY,
	AKT_SORT_STATUS,
	AKT_SORT_COUNT
};

struct akt_case_order {
	enum akt_case_sort key;
	bool desc;
};

/* The platform's name of a key: "updated". */
const char *akt_case_sort_id(enum akt_case_sort k);

/* The direction a key reads best in when chosen: newest, most urgent
 * first; numbers, deadlines and statuses from the start. */
bool akt_case_sort_natural_desc(enum akt_case_sort k);

/* "updated", "-deadline", or a unique prefix ("dead"); false when it
 * names no key. */
bool akt_case_order_parse(const char *text, struct akt_case_order *out);

/* "-updated" into buf. Returns buf. */
const char *akt_case_order_str(struct akt_case_order o, char buf[16]);

/* The next key for 'o', in its natural direction. */
struct akt_case_order akt_case_order_next(struct akt_case_order o);

/*
 * Compare two cases as the platform orders a list: by the key (no
 * deadline after every date; statuses in the order of the statuses
 * list, unknown ones last; priority low to urgent), then by id, both in
 * the order's direction. < 0 when a comes first.
 */
int akt_case_cmp(const struct akt_case_summary *a,
		 const struct akt_case_summary *b, struct akt_case_order o,
		 const struct akt_status_list *statuses);

#endif

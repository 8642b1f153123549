/*
 * problem.h — error bodies: RFC 9457 problem+json from the API, and the
 * RFC 6749 {"error","error_description"} of the OAuth endpoints. Reading
 * them is best effort: an error answer is advice, so nothing here fails.
 * Every string is as the platform sent it; sanitize before showing.
 */
#ifndef AKT_PROBLEM_H
#define AKT_PROBLEM_H

#include "akt/base.h"

#include <jansson.h>

struct akt_problem {
	int status;          /* from the body; 0 when absent */
	char *type;          /* short name: "precondition-failed" */
	char *title;
	char *detail;
	char *field;         /* 400: the offending field or parameter */
	char *oauth_error;   /* "invalid_grant", … */
	char *oauth_description;
};

/* Fill p from an error body (NULL or any JSON is fine). */
void akt_problem_decode(const json_t *j, struct akt_problem *p);
void akt_problem_clear(struct akt_problem *p);

/* The most telling text: detail, else OAuth description, else title;
 * NULL when the body said nothing. */
const char *akt_problem_text(const struct akt_problem *p);

#endif

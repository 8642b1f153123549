/* routes.h — the route table: method, path pattern, handler, flags. */
#ifndef AKT_SANDBOX_ROUTES_H
#define AKT_SANDBOX_ROUTES_H

#include "sandbox.h"

#include <stdio.h>

enum {
	SB_R_AUTH = 1,      /* needs a bearer token */
	SB_R_SANDBOX = 2,   /* sandbox control: no auth, no faults */
	SB_R_OAUTH = 4,     /* sign-in: no auth, answers never stored for replay */
};

struct sb_route {
	const char *method;
	const char *pattern;   /* "/v1/cases/ * /notes" with '*' per segment */
	sb_handler *handler;
	int flags;
};

/*
 * The route for a request, or NULL. When the path exists under other
 * methods, allow lists them (for 405).
 */
const struct sb_route *sb_route_find(const char *method, const char *const *seg,
				     int nseg, char *allow, size_t allow_len);

#endif

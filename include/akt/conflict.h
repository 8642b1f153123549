/*
 * conflict.h — the officer's message for a case write the platform
 * refused because of the case's state, and the little that the commands
 * writing a case share with it.
 *
 *   412 precondition-failed  someone changed the case since akt read it:
 *                            who and when, and what to do
 *   409 invalid-transition   the move is not allowed from the current
 *                            status: the statuses that are
 *   428 precondition-required akt sent no If-Match: akt's fault (or a
 *                            proxy's), never the officer's
 *
 * Every name taken from the platform is sanitized here.
 */
#ifndef AKT_CONFLICT_H
#define AKT_CONFLICT_H

#include "akt/cli.h"

#include <time.h>

/* The officer's language for platform names: akt_lang(), the language
 * of the interface's messages. */
const char *akt_ui_lang(void);

/* "allowed: Registrerat, Under handläggning", or "nothing is allowed
 * now" when n is 0. Sanitized, malloc'd. */
char *akt_allowed_text(const char *const *allowed, size_t n);

/*
 * "not allowed from Inskickat (allowed: Registrerat, Under
 * handläggning)" — from and the allowed names as the platform has them.
 * Sanitized, malloc'd.
 */
char *akt_not_allowed_text(const char *from, const char *const *allowed,
			   size_t n);

/*
 * The same from a 409 invalid-transition body, its members "from" and
 * "allowed" (status objects), with names in lang. NULL when the body
 * does not have them.
 */
char *akt_not_allowed_problem(const json_t *problem, const char *lang);

/*
 * "BYGG-2026-000123 was changed by erik at 14:02 since you loaded it;
 * run 'akt show BYGG-2026-000123' and try again" — from a 412 body: the
 * number of its "current" case (else number), "changed_by" (username,
 * else name) and "changed_at" in local time, as HH:MM when that is the
 * same day as now, else YYYY-MM-DD HH:MM. Sanitized, malloc'd.
 */
char *akt_changed_text(const char *number, const json_t *problem, time_t now);

/* Who changed it and when, from a 412 body (any resource): "changed_by"
 * "username" and "name", and "changed_at"; each borrowed from problem,
 * NULL when missing. Not sanitized. */
void akt_changed_by(const json_t *problem, const char **username,
		    const char **name, const char **at);

/* Why a case write came back 428 precondition-required: akt always
 * sends If-Match, so something on the way dropped it. One translated
 * line, static. */
const char *akt_no_if_match_text(void);

/*
 * Report a refused case write and return the exit code: the messages
 * above for 412 and 409 invalid-transition ("cannot WHAT: not allowed
 * …"), an internal error for 428, "cannot WHAT: …" for another 409
 * and any other failure but a lost login (akt_cli_fail). what: "change
 * BYGG-… to Avslutat".
 */
int akt_conflict_fail(const struct akt_reply *r, const char *number,
		      const char *what);

#endif

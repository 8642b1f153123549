/*
 * case_cli.h — what the reading commands share on the command line: the
 * path of a case as the officer named it, the messages for a case that
 * cannot be shown, and a GET that waits for its answer.
 */
#ifndef AKT_CASE_CLI_H
#define AKT_CASE_CLI_H

#include "akt/case.h"
#include "akt/cli.h"

/* "/v1/cases/BYGG-2026-000123" + suffix ("/events?limit=200", or "");
 * ref (a case number or id as typed) is percent-encoded. malloc'd. */
char *akt_case_path(const char *ref, const char *suffix);

/*
 * Report a failed read of case ref and return the exit code:
 *   404 "no case REF; check the number (akt cases --search TEXT)"
 *   410 "NUMBER was purged on DATE (gallring); it can no longer be shown"
 *   403 "REF belongs to a unit you are not in"
 * all exit 2; anything else as akt_cli_fail.
 */
int akt_case_fail(const struct akt_reply *r, const char *ref);

/* How a failed GET is reported; returns the exit code. */
typedef int akt_get_fail(const struct akt_reply *r, const char *what);

/*
 * GET path and wait for the answer. Returns its JSON (a reference the
 * caller releases with json_decref), or NULL after reporting the
 * failure with fail(r, what) (NULL: akt_cli_fail) and setting *rc.
 */
json_t *akt_cli_get(struct akt_cli *cli, const char *path,
		    akt_get_fail *fail, const char *what, int *rc);

/* "the platform's answer is not understood: ERR; if it persists, tell
 * the platform's support"; frees err, returns the exit code (4). */
int akt_cli_not_understood(char *err);

/*
 * Read case ref (as typed) before changing it, and wait for the answer:
 * *c the case, *etag its tag for If-Match and, for those not NULL, *path
 * "/v1/cases/ID" so that the writes name the case one way however it was
 * typed, and *json the answer (the caller releases it). A missing or
 * purged case is reported as akt show says it, and so are an answer not
 * understood and one without an ETag. Returns the exit code; only with
 * AKT_EXIT_OK is anything set (the caller clears and frees it).
 */
int akt_case_read_for_write(struct akt_cli *cli, const char *ref,
			    struct akt_case *c, char **etag, char **path,
			    json_t **json);

#endif

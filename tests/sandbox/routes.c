/* routes.c — the table of every route the sandbox answers. */
#include "routes.h"

#include <string.h>

#define A SB_R_AUTH
#define S SB_R_SANDBOX
#define O SB_R_OAUTH

static const struct sb_route routes[] = {
	/* discovery and sign-in */
	{"GET",    "/v1/platform",                         h_platform,          0},
	{"POST",   "/v1/oauth/token",                      h_oauth_token,       O},
	{"POST",   "/v1/oauth/device",                     h_oauth_device,      O},
	{"POST",   "/v1/oauth/revoke",                     h_oauth_revoke,      O},
	{"GET",    "/device",                              h_device_page,       O},
	{"POST",   "/device",                              h_device_page,       O},
	/* the officer and the organisation */
	{"GET",    "/v1/me",                               h_me,                A},
	{"GET",    "/v1/officers",                         h_officers,          A},
	{"GET",    "/v1/units",                            h_units,             A},
	{"GET",    "/v1/e-services",                       h_e_services,        A},
	{"GET",    "/v1/statuses",                         h_statuses,          A},
	/* queues and cases */
	{"GET",    "/v1/queues",                           h_queues,            A},
	{"GET",    "/v1/queues/*",                         h_queue,             A},
	{"GET",    "/v1/queues/*/cases",                   h_queue_cases,       A},
	{"GET",    "/v1/cases",                            h_cases_search,      A},
	{"GET",    "/v1/cases/*",                          h_case,              A},
	{"GET",    "/v1/cases/*/events",                   h_case_events,       A},
	{"GET",    "/v1/cases/*/transitions",              h_case_transitions,  A},
	{"POST",   "/v1/cases/*/transitions",              h_case_transition,   A},
	{"POST",   "/v1/cases/*/assignees",                h_case_assign,       A},
	{"DELETE", "/v1/cases/*/assignees/*",              h_case_unassign,     A},
	{"PUT",    "/v1/cases/*/legal-hold",               h_case_hold,         A},
	{"POST",   "/v1/cases/*/parties/*/reveal",         h_party_reveal,      A},
	{"GET",    "/v1/cases/*/documents",                h_documents,         A},
	{"GET",    "/v1/cases/*/documents/*",              h_document,          A},
	{"GET",    "/v1/cases/*/documents/*/content",      h_document_content,  A},
	/* journal */
	{"GET",    "/v1/cases/*/notes",                    h_notes,             A},
	{"POST",   "/v1/cases/*/notes",                    h_note_create,       A},
	{"GET",    "/v1/cases/*/notes/*",                  h_note,              A},
	{"POST",   "/v1/cases/*/notes/*/publish",          h_note_publish,      A},
	{"GET",    "/v1/cases/*/notes/*/receipts",         h_note_receipts,     A},
	/* secure messages */
	{"GET",    "/v1/cases/*/threads",                  h_threads,           A},
	{"POST",   "/v1/cases/*/threads",                  h_thread_create,     A},
	{"GET",    "/v1/cases/*/threads/*",                h_thread,            A},
	{"POST",   "/v1/cases/*/threads/*/messages",       h_message_reply,     A},
	{"POST",   "/v1/cases/*/threads/*/read",           h_thread_read,       A},
	{"POST",   "/v1/cases/*/messages/*/file",          h_message_file,      A},
	/* retention */
	{"GET",    "/v1/retention/policies",               h_policies,          A},
	{"GET",    "/v1/retention/policies/*",             h_policy,            A},
	{"PUT",    "/v1/retention/policies/*",             h_policy_put,        A},
	{"GET",    "/v1/retention/upcoming",               h_upcoming,          A},
	{"GET",    "/v1/retention/log",                    h_purge_log,         A},
	/* change feed */
	{"GET",    "/v1/feed",                             h_feed,              A},
	/* the sandbox's own controls */
	{"GET",    "/v1/sandbox/clock",                    h_sb_clock_get,      S},
	{"POST",   "/v1/sandbox/clock",                    h_sb_clock_post,     S},
	{"POST",   "/v1/sandbox/retention/run",            h_sb_retention_run,  S},
	{"POST",   "/v1/sandbox/citizen/cases",            h_sb_citizen_case,   S},
	{"POST",   "/v1/sandbox/citizen/messages",         h_sb_citizen_message, S},
	{"POST",   "/v1/sandbox/citizen/reads",            h_sb_citizen_read,   S},
	{"POST",   "/v1/sandbox/device/approve",           h_sb_device_approve, S},
	{"POST",   "/v1/sandbox/tokens/expire",            h_sb_tokens_expire,  S},
	{"GET",    "/v1/sandbox/faults",                   h_sb_faults_list,    S},
	{"POST",   "/v1/sandbox/faults",                   h_sb_faults_add,     S},
	{"DELETE", "/v1/sandbox/faults",                   h_sb_faults_clear,   S},
};

/* A pattern segment '*' matches any one non-empty segment. */
static bool path_matches(const char *pattern, const char *const *seg, int nseg)
{
	int i = 0;
	const char *p = pattern;
	while (*p == '/') {
		p++;
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (i >= nseg)
			return false;
		if (!(len == 1 && *p == '*') &&
		    (strlen(seg[i]) != len || strncmp(seg[i], p, len) != 0))
			return false;
		if (!*seg[i])
			return false;
		i++;
		p += len;
	}
	return i == nseg;
}

const struct sb_route *sb_route_find(const char *method, const char *const *seg,
				     int nseg, char *allow, size_t allow_len)
{
	const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;
	allow[0] = '\0';
	for (size_t i = 0; i < sizeof routes / sizeof *routes; i++) {
		if (!path_matches(routes[i].pattern, seg, nseg))
			continue;
		if (strcmp(routes[i].method, m) == 0)
			return &routes[i];
		size_t used = strlen(allow);
		snprintf(allow + used, allow_len - used, "%s%s",
			 used ? ", " : "", routes[i].method);
	}
	return NULL;
}

/*
 * officer.h — an engine session signed in to the test's sandbox as one
 * of its officers, with tokens from the platform kept in memory only,
 * and a retry policy fast enough for tests.
 */
#ifndef AKT_TEST_OFFICER_H
#define AKT_TEST_OFFICER_H

#include "engine.h"

#include "akt/session.h"
#include "akt/xalloc.h"

struct officer {
	struct akt_loop *loop;
	struct akt_config cfg;
	struct akt_session *s;
};

/* Two attempts, 10–20 ms apart: failures show quickly. */
static const struct akt_retry_policy officer_fast_retry = { 2, 10, 20, 2000 };

static inline void officer_start(struct officer *o, struct sb *sb,
				 const char *username)
{
	struct http_resp *g = login_full(sb, username);
	struct akt_tokens t = {
		.server = (char *)sb_base(sb), .username = (char *)username,
		.access_token = (char *)jstr(g->json, "access_token"),
		.refresh_token = (char *)jstr(g->json, "refresh_token"),
		.token_endpoint = "/v1/oauth/token",
		.revocation_endpoint = "/v1/oauth/revoke",
		.client_id = "akt",
	};
	char *err = NULL;

	memset(o, 0, sizeof(*o));
	o->loop = akt_loop_new();
	akt_config_init(&o->cfg);
	o->s = akt_session_new(o->loop, &o->cfg);
	akt_session_set_store(o->s, NULL);
	akt_session_set_retry(o->s, &officer_fast_retry);
	akt_session_use_server(o->s, sb_base(sb));
	assert_non_null(t.access_token);
	assert_true(akt_session_set_tokens(o->s, &t, &err));
}

static inline void officer_stop(struct officer *o)
{
	akt_session_free(&o->s);
	akt_config_clear(&o->cfg);
	akt_loop_free(&o->loop);
}

/* Turn the loop until *flag or ms have passed; the flag's value. */
static inline bool officer_wait(struct officer *o, const bool *flag, long ms)
{
	int64_t end = akt_loop_now() + ms;

	while (!*flag && akt_loop_now() < end)
		if (!akt_loop_run_once(o->loop, 20))
			break;      /* nothing left that could set it */
	return *flag;
}

#endif

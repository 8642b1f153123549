/*
 * test_e2e_retention.c — retention policies in the full-screen client
 * end to end: sara (an administrator) changes the days of a policy with
 * R, e, the days and a yes; anna (an officer) is refused with the
 * platform's reason and nothing changes.
 */
#include "e2e.h"

#include <stdio.h>
#include <string.h>

static struct http_resp *policy(struct sb *sb, const char *token,
				const char *e_service)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/retention/policies/"
						 "%s", e_service), token);

	expect_status(r, 200);
	return r;
}

/* Open retention (R) and select the policy of the e-service named so. */
static void select_policy(struct tmux *t, const char *name)
{
	struct sb *sb = tmux_sb(t);

	tmux_keys(t, "R");
	tmux_expect(t, "Policies", E2E_WAIT);
	tmux_expect(t, e2e_rx(sb, name), E2E_WAIT);
	e2e_select(t, e2e_rx(sb, name), 10);
}

static void test_admin_edits(void **state)
{
	struct sb *sb = *state;
	const char *tok = login(sb, "sara");
	struct http_resp *r = policy(sb, tok, "parkeringstillstand");
	const char *name = sb_fmt(sb, "%s", jstr(r->json, "e_service.name.en"));
	int64_t from = jint(r->json, "days");
	int64_t to = from + 30;
	struct tmux *t;

	expect_true(json_is_true(jget(r->json, "can_edit")), r);
	t = e2e_open(sb, "sara", 80, 24, NULL);
	select_policy(t, name);
	tmux_keys(t, "e");
	tmux_expect(t, sb_fmt(sb, "%s: days after closing", e2e_rx(sb, name)),
		    E2E_WAIT);
	/* the prompt holds the days now: ^U clears what is before the
	 * cursor */
	tmux_keys(t, "C-u");
	tmux_text(t, sb_fmt(sb, "%lld", (long long)to));
	tmux_keys(t, "Enter");
	tmux_expect(t, sb_fmt(sb, "Change %s from %lld to %lld days",
			      e2e_rx(sb, name), (long long)from,
			      (long long)to), E2E_WAIT);
	tmux_keys(t, "y");
	tmux_expect(t, sb_fmt(sb, "%s: closed cases are purged %lld days after "
			      "closing \\(was %lld\\)", e2e_rx(sb, name),
			      (long long)to, (long long)from), E2E_WAIT);

	r = policy(sb, tok, "parkeringstillstand");
	expect_true(jint(r->json, "days") == to, r);
	expect_true(jstr(r->json, "updated_by.username") &&
		    strcmp(jstr(r->json, "updated_by.username"), "sara") == 0,
		    r);
	/* the list shows the new days */
	const char *s = tmux_screen(t);
	assert_true(tmux_match(e2e_selected(t, s),
			       sb_fmt(sb, " %lld ", (long long)to)));
	tmux_stop(t);
}

static void test_officer_refused(void **state)
{
	struct sb *sb = *state;
	const char *tok = login(sb, "anna");
	struct http_resp *r = policy(sb, tok, "felanmalan");
	const char *name = sb_fmt(sb, "%s", jstr(r->json, "e_service.name.en"));
	const char *reason = jstr(r->json, "reason");
	int64_t days = jint(r->json, "days");
	const char *updated = sb_fmt(sb, "%s", jstr(r->json, "updated_at"));
	struct tmux *t;

	expect_true(json_is_false(jget(r->json, "can_edit")), r);
	expect_true(reason && *reason, r);
	reason = sb_fmt(sb, "%s", reason);
	t = e2e_open(sb, "anna", 80, 24, NULL);
	select_policy(t, name);
	tmux_keys(t, "e");
	/* the bottom line: why not, in the platform's words */
	tmux_expect(t, sb_fmt(sb, "^%s is read-only: %s", e2e_rx(sb, name),
			      e2e_rx(sb, reason)), E2E_WAIT);
	/* no question was asked: a y now does not change anything */
	const char *s = tmux_screen(t);
	assert_false(tmux_match(s, "days after closing \\("));
	assert_false(tmux_match(s, "Change .* from .* days"));

	r = policy(sb, tok, "felanmalan");
	expect_true(jint(r->json, "days") == days, r);
	expect_true(strcmp(jstr(r->json, "updated_at"), updated) == 0, r);
	tmux_stop(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_admin_edits, e2e_stop_tmux),
		cmocka_unit_test_teardown(test_officer_refused, e2e_stop_tmux),
	};

	return cmocka_run_group_tests(tests, e2e_group_start, group_stop);
}

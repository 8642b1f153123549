/*
 * test_write_status.c — akt status and akt assign against a sandbox:
 * the change is made once and shows on the platform; refusals change
 * nothing; a change made by someone else between akt's read and its
 * write is reported with who made it; a 5xx whose write did happen is
 * repeated with the same Idempotency-Key and done once.
 */
#include "cli.h"

#include <string.h>

#define S ((struct sb *)*state)

static int setup(void **state) { return group_start(state, NULL); }
static int teardown(void **state) { return group_stop(state); }

/* A fresh building-permit case (Inskickat, nobody assigned), in the
 * unit of anna and maria. */
static int64_t new_case(struct sb *sb, char number[64])
{
	return citizen_case(sb, "bygglov", "Test Testsson", number);
}

static json_t *case_json(struct sb *sb, int64_t id)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld",
						 (long long)id),
				      login(sb, "sara"));
	expect_status(r, 200);
	return r->json;
}

static const char *status_of(struct sb *sb, int64_t id)
{
	return jstr(case_json(sb, id), "status.id");
}

/* The case's events of one type, oldest first (one page is plenty for
 * a fresh case). */
static json_t *events_of(struct sb *sb, int64_t id, const char *type)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/events"
						 "?limit=100", (long long)id),
				      login(sb, "sara"));
	expect_status(r, 200);
	json_t *out = json_array();
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *e = json_array_get(jget(r->json, "items"), i);
		if (strcmp(jstr(e, "type") ? jstr(e, "type") : "", type) == 0)
			json_array_append(out, e);
	}
	sb_keep_json(sb, out);
	return out;
}

static struct cli_run *run_sv(struct sb *sb, const char *home,
			      const char *const argv[])
{
	const char *env[] = {"LC_MESSAGES=sv_SE.UTF-8", NULL};
	return cli_run_env(sb, home, NULL, env, argv, 20.0);
}

/* ---- status ------------------------------------------------------- */

/* Done: the platform shows the new status, one event with the comment,
 * the citizen notified as the platform proposes; one line printed. */
static void status_changed(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *argv[] = {"status", number, "Registrerat", "--comment",
			      "Komplett ansökan", NULL};
	struct cli_run *r = cli_run(S, home, NULL, argv);

	assert_int_equal(r->status, 0);
	assert_string_equal(r->out, sb_fmt(S, "%s Submitted → Registered\n",
					   number));
	assert_string_equal(r->err, "");
	assert_string_equal(status_of(S, id), "registered");
	json_t *ev = events_of(S, id, "case.status_changed");
	assert_int_equal(json_array_size(ev), 1);
	assert_string_equal(jstr(json_array_get(ev, 0), "data.comment"),
			    "Komplett ansökan");
	assert_string_equal(jstr(json_array_get(ev, 0), "data.to.id"),
			    "registered");
	assert_true(json_is_true(jget(json_array_get(ev, 0), "data.notify")));
	assert_string_equal(jstr(json_array_get(ev, 0),
				 "actor.officer.username"), "anna");
}

/* In Swedish, with --json: the platform's changed case is printed. */
static void status_swedish_json(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *argv[] = {"status", number, "under handläggning", NULL};
	struct cli_run *r = run_sv(S, home, argv);

	assert_int_equal(r->status, 0);
	assert_string_equal(r->out, sb_fmt(S, "%s Inskickat → Under "
					   "handläggning\n", number));
	const char *json[] = {"status", sb_fmt(S, "%lld", (long long)id),
			      "closed", "--json", NULL};
	r = cli_run(S, home, NULL, json);
	assert_int_equal(r->status, 0);
	assert_non_null(r->json);
	assert_string_equal(jstr(r->json, "status.id"), "closed");
	assert_string_equal(jstr(r->json, "number"), number);
	assert_string_equal(status_of(S, id), "closed");
}

/* Not allowed from the current status: the allowed ones are listed in
 * the officer's language, exit 3, and nothing changes. */
static void status_refused(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	int64_t version = jint(case_json(S, id), "version");
	const char *home = cli_home_login(S, "anna");
	const char *argv[] = {"status", number, "Avslutat", NULL};

	struct cli_run *r = run_sv(S, home, argv);
	assert_int_equal(r->status, 3);
	assert_string_equal(r->err, sb_fmt(S, "akt: cannot change %s to "
		"Avslutat: not allowed from Inskickat (allowed: Registrerat, "
		"Under handläggning)\n", number));
	assert_string_equal(r->out, "");

	r = cli_run(S, home, NULL, argv);
	assert_int_equal(r->status, 3);
	assert_string_equal(r->err, sb_fmt(S, "akt: cannot change %s to "
		"Closed: not allowed from Submitted (allowed: Registered, "
		"In progress)\n", number));

	/* the status it has already */
	const char *same[] = {"status", number, "submitted", NULL};
	r = cli_run(S, home, NULL, same);
	assert_int_equal(r->status, 3);
	assert_non_null(strstr(r->err, "it is Submitted already"));

	json_t *c = case_json(S, id);
	assert_string_equal(jstr(c, "status.id"), "submitted");
	assert_int_equal(jint(c, "version"), version);
	assert_int_equal(json_array_size(events_of(S, id,
						   "case.status_changed")), 0);
}

/* A name that is no status at all: a usage error, with the list. */
static void status_unknown(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *argv[] = {"status", number, "Avslutad", NULL};
	struct cli_run *r = cli_run(S, home, NULL, argv);

	assert_int_equal(r->status, 1);
	assert_string_equal(r->err, sb_fmt(S, "akt: cannot change %s to "
		"'Avslutad': there is no such status (allowed: Registered, "
		"In progress)\n", number));
	assert_string_equal(status_of(S, id), "submitted");
}

/* Ids, Swedish and English names, in any case, custom statuses too. */
static void status_names(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "maria");
	static const char *const steps[][2] = {
		{"REGISTERED", "registered"},
		{"UNDER HANDLÄGGNING", "in_progress"},
		{"awaiting completion", "awaiting_completion"},
		{"Beslut fattat", "decision_made"},
		{"closed", "closed"},
	};

	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		const char *argv[] = {"status", number, steps[i][0], NULL};
		struct cli_run *r = cli_run(S, home, NULL, argv);
		if (r->status != 0)
			fail_msg("akt status %s %s: %d %s", number, steps[i][0],
				 r->status, r->err);
		assert_string_equal(status_of(S, id), steps[i][1]);
	}
	assert_int_equal(json_array_size(events_of(S, id,
						   "case.status_changed")), 5);
}

/* --no-notify and --notify reach the platform; both at once do not. */
static void status_notify(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *quiet[] = {"status", number, "registered", "--no-notify",
			       NULL};
	const char *loud[] = {"status", number, "in_progress", "--notify",
			      NULL};
	const char *both[] = {"status", number, "closed", "--notify",
			      "--no-notify", NULL};

	assert_int_equal(cli_run(S, home, NULL, quiet)->status, 0);
	assert_int_equal(cli_run(S, home, NULL, loud)->status, 0);
	assert_int_equal(cli_run(S, home, NULL, both)->status, 1);
	json_t *ev = events_of(S, id, "case.status_changed");
	assert_int_equal(json_array_size(ev), 2);
	assert_true(json_is_false(jget(json_array_get(ev, 0), "data.notify")));
	assert_true(json_is_true(jget(json_array_get(ev, 1), "data.notify")));
	assert_true(json_is_null(jget(json_array_get(ev, 0), "data.comment")));
	assert_string_equal(status_of(S, id), "in_progress");
}

/* The write happens but its answer is a 503: the engine repeats the POST
 * with the same Idempotency-Key and gets the first answer, so the status
 * changes once. */
static void status_retried_once(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *argv[] = {"status", number, "registered", NULL};

	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/transitions\","
		 "\"status\":503,\"retry_after\":1,\"phase\":\"after\","
		 "\"times\":1}");
	struct cli_run *r = cli_run(S, home, NULL, argv);
	struct http_resp *f = api_get(S, "/v1/sandbox/faults", NULL);
	sb_faults_clear(S);

	assert_int_equal(r->status, 0);
	assert_string_equal(r->out, sb_fmt(S, "%s Submitted → Registered\n",
					   number));
	assert_int_equal(jint(f->json, "items[0].fired"), 1);
	assert_string_equal(status_of(S, id), "registered");
	assert_int_equal(json_array_size(events_of(S, id,
						   "case.status_changed")), 1);
}

/* ---- the race ----------------------------------------------------- */

/*
 * akt has read the case; its POST is held by the sandbox for 1.5 s, and
 * in that time maria assigns herself. The POST's If-Match is now old:
 * nothing is changed and akt names maria and the time.
 */
static void status_changed_meanwhile(void **state)
{
	char number[64], etag[128];
	int64_t id = new_case(S, number);
	const char *maria = login(S, "maria");
	const char *argv[] = {"status", number, "registered", NULL};
	const char *home = cli_home_login(S, "anna");

	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/transitions\","
		 "\"latency_ms\":1500,\"times\":1}");
	struct cli_bg *b = cli_run_bg(S, home, NULL, argv);
	sb_fault_wait_fired(S);
	case_etag(S, maria, id, etag);
	struct http_resp *w = api_post(S, sb_fmt(S, "/v1/cases/%lld/assignees",
						 (long long)id), maria,
				       "{\"officer\":\"maria\"}", etag, NULL);
	struct cli_run *res = cli_bg_join(b);
	sb_faults_clear(S);
	expect_status(w, 200);

	assert_int_equal(res->status, 3);
	/* TZ=UTC in the test, and the change was just now: HH:MM alone */
	const char *at = jstr(w->json, "updated_at");
	assert_non_null(at);
	assert_string_equal(res->err, sb_fmt(S, "akt: %s was changed by maria "
		"at %.5s since you loaded it; run 'akt show %s' and try again\n",
		number, at + 11, number));
	assert_string_equal(res->out, "");
	assert_string_equal(status_of(S, id), "submitted");
	assert_int_equal(json_array_size(events_of(S, id,
						   "case.status_changed")), 0);
}

/* ---- assign ------------------------------------------------------- */

static size_t assignees(struct sb *sb, int64_t id, const char *who)
{
	json_t *c = case_json(sb, id);
	size_t n = jlen(c, "assignees");
	if (who) {
		for (size_t i = 0; i < n; i++) {
			const char *u = jstr(json_array_get(jget(c, "assignees"),
							    i), "username");
			if (u && strcmp(u, who) == 0)
				return 1;
		}
		return 0;
	}
	return n;
}

/* me (the default), a colleague, then none; and none once more. */
static void assign_me_user_none(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *me[] = {"assign", number, NULL};
	const char *maria[] = {"assign", number, "maria", NULL};
	const char *none[] = {"assign", number, "none", NULL};

	struct cli_run *r = cli_run(S, home, NULL, me);
	assert_int_equal(r->status, 0);
	assert_string_equal(r->out, sb_fmt(S, "%s assigned to Anna Lindqvist\n",
					   number));
	assert_int_equal(assignees(S, id, NULL), 1);
	assert_int_equal(assignees(S, id, "anna"), 1);

	r = cli_run(S, home, NULL, maria);
	assert_int_equal(r->status, 0);
	assert_string_equal(r->out, sb_fmt(S, "%s assigned to Maria Björk\n",
					   number));
	assert_int_equal(assignees(S, id, NULL), 2);
	assert_int_equal(assignees(S, id, "maria"), 1);
	assert_int_equal(json_array_size(events_of(S, id, "case.assigned")), 2);

	r = cli_run(S, home, NULL, none);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "no longer assigned to Anna Lindqvist"));
	assert_non_null(strstr(r->out, "no longer assigned to Maria Björk"));
	assert_int_equal(assignees(S, id, NULL), 0);
	assert_int_equal(json_array_size(events_of(S, id, "case.unassigned")),
			 2);

	r = cli_run(S, home, NULL, none);
	assert_int_equal(r->status, 0);
	assert_string_equal(r->out, sb_fmt(S, "%s is assigned to nobody\n",
					   number));
	assert_int_equal(json_array_size(events_of(S, id, "case.unassigned")),
			 2);
}

/* An officer of another unit cannot be assigned; no such officer is a
 * usage error; neither changes anything. */
static void assign_refused(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	int64_t version = jint(case_json(S, id), "version");
	const char *home = cli_home_login(S, "anna");
	const char *erik[] = {"assign", number, "erik", NULL};
	const char *nobody[] = {"assign", number, "nosuchofficer", NULL};

	struct cli_run *r = cli_run(S, home, NULL, erik);
	assert_int_equal(r->status, 3);
	assert_string_equal(r->err, sb_fmt(S, "akt: cannot assign %s to erik: "
					   "not in the case's unit\n", number));
	r = cli_run(S, home, NULL, nobody);
	assert_int_equal(r->status, 1);
	assert_non_null(strstr(r->err, "no such officer"));
	assert_int_equal(assignees(S, id, NULL), 0);
	assert_int_equal(jint(case_json(S, id), "version"), version);
}

/* A case of a unit anna is not in: refused, exit 2, nothing changed. */
static void other_unit_refused(void **state)
{
	char number[64];
	int64_t id = citizen_case(S, "ekonomiskt_bistand", "Test Testsson",
				  number);
	int64_t version = jint(case_json(S, id), "version");
	const char *home = cli_home_login(S, "anna");
	const char *st[] = {"status", number, "registered", NULL};
	const char *as[] = {"assign", number, NULL};

	struct cli_run *r = cli_run(S, home, NULL, st);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "not allowed"));
	r = cli_run(S, home, NULL, as);
	assert_int_equal(r->status, 2);
	assert_int_equal(jint(case_json(S, id), "version"), version);
	assert_string_equal(status_of(S, id), "submitted");
}

/* A case that does not exist, and a number that is no path segment. */
static void not_found(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *missing[] = {"status", "BYGG-2026-999999", "registered",
				 NULL};
	const char *odd[] = {"assign", "../me", NULL};

	assert_int_equal(cli_run(S, home, NULL, missing)->status, 2);
	assert_int_equal(cli_run(S, home, NULL, odd)->status, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(status_changed),
		cmocka_unit_test(status_swedish_json),
		cmocka_unit_test(status_refused),
		cmocka_unit_test(status_unknown),
		cmocka_unit_test(status_names),
		cmocka_unit_test(status_notify),
		cmocka_unit_test(status_retried_once),
		cmocka_unit_test(status_changed_meanwhile),
		cmocka_unit_test(assign_me_user_none),
		cmocka_unit_test(assign_refused),
		cmocka_unit_test(other_unit_refused),
		cmocka_unit_test(not_found),
	};
	return cmocka_run_group_tests_name("cli status and assign", tests,
					   setup, teardown);
}

/*
 * test_retention.c — the retention screen, headless, against a sandbox:
 * an administrator changes a policy (with e and with ":edit DAYS") and
 * the platform has exactly the new days; an officer sees every policy
 * read-only with the platform's reason and changes nothing; upcoming
 * purges and the purge log show what the platform has, including a
 * legal hold set from the screen that keeps a case through a purge.
 */
#include "screen.h"

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#define S ((struct sb *)*state)

static int setup(void **state) { return screen_group_start(state, NULL); }
static int teardown(void **state) { return group_stop(state); }

/* The line of text that contains needle, copied; "" when none. */
static const char *line_with(void **state, const char *text,
			     const char *needle)
{
	const char *p = strstr(text, needle), *start;

	if (!p)
		return "";
	for (start = p; start > text && start[-1] != '\n'; start--)
		;
	return sb_fmt(S, "%.*s", (int)strcspn(start, "\n"), start);
}

/* The screen without its last two lines (status bar with the server's
 * port, and the message line): what the retention view itself drew. */
static const char *body_of(void **state, const char *shot)
{
	size_t len = strlen(shot);
	int nl = 0;

	while (len > 0) {
		if (shot[len - 1] == '\n' && ++nl == 3)
			break;
		len--;
	}
	return sb_fmt(S, "%.*s", (int)len, shot);
}

static json_t *policy(void **state, const char *token, const char *id)
{
	struct http_resp *r = api_get(S, sb_fmt(S, "/v1/retention/policies/%s",
						id), token);

	expect_status(r, 200);
	return r->json;
}

static int64_t policy_days(void **state, const char *id)
{
	return jint(policy(state, login(S, "sara"), id), "days");
}

/* ---- policies ---------------------------------------------------------- */

/* sara is an administrator: e on a row asks for the days (the current
 * ones offered), shows the effect, and after yes the platform has the
 * new days exactly; ":edit DAYS" does the same for the selected row. */
static void admin_changes_policy(void **state)
{
	const char *home = cli_home_login(S, "sara");
	struct screen_run *r;
	const char *row, *updated;

	assert_int_equal(policy_days(state, "felanmalan"), 30);
	assert_int_equal(policy_days(state, "forskoleplats"), 365);
	/* rows are sorted by e-service id: bygglov, ekonomiskt_bistand,
	 * felanmalan, forskoleplats … */
	/* (prompts and questions are modal: no screen is saved while one
	 * is open; their text is checked in tests/unit) */
	r = screen_run(S, home,
		       "R\n"
		       "%SHOT\n"
		       "jj\n"
		       "e\n"
		       "<C-u>60<Enter>\n"
		       "y\n"
		       "%SHOT\n"
		       "j\n"
		       ":edit 400\n"
		       "y\n"
		       "%SHOT\n", NULL);
	assert_int_equal(r->run->status, 0);
	assert_int_equal(r->nshots, 3);

	/* the list as the platform has it, editable for sara */
	row = line_with(state, r->shots[0], "Fault report");
	assert_true(screen_has(row, " 30 "));
	assert_true(screen_has(row, "you may change it"));
	assert_true(screen_has(r->shots[0], "[Policies]"));
	/* done: the row shows the new days, the platform has them */
	row = line_with(state, r->shots[1], "Fault report");
	assert_true(screen_has(row, "› Fault report"));
	assert_true(screen_has(row, " 60 "));
	assert_true(screen_has(row, "Sara Holm"));
	assert_int_equal(policy_days(state, "felanmalan"), 60);
	/* ":edit DAYS" on the next row */
	row = line_with(state, r->shots[2], "Preschool place");
	assert_true(screen_has(row, "› Preschool place"));
	assert_true(screen_has(row, " 400 "));
	assert_int_equal(policy_days(state, "forskoleplats"), 400);
	assert_true(screen_has(line_with(state, r->shots[2], "Fault report"),
			       " 60 "));

	/* saying no changes nothing, nor does the same number of days */
	updated = jstr(policy(state, login(S, "sara"), "felanmalan"),
		       "updated_at");
	assert_non_null(updated);
	r = screen_run(S, home,
		       "R\n"
		       ":edit felanmalan 10\n"
		       "n\n"
		       ":edit 60\n"
		       "%SHOT\n", NULL);
	assert_int_equal(r->run->status, 0);
	assert_int_equal(r->nshots, 1);
	row = line_with(state, r->shots[0], "Fault report");
	assert_true(screen_has(row, "› Fault report"));
	assert_true(screen_has(row, " 60 "));
	assert_int_equal(policy_days(state, "felanmalan"), 60);
	assert_string_equal(jstr(policy(state, login(S, "sara"), "felanmalan"),
				 "updated_at"), updated);
}

/* anna is an officer: every policy is read-only with the platform's
 * reason, e and ":edit" change nothing on the platform. */
static void officer_sees_read_only(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *token = login(S, "anna");
	struct http_resp *before = api_get(S, "/v1/retention/policies", token);
	struct http_resp *after;
	struct screen_run *r;
	const char *reason;

	expect_status(before, 200);
	reason = jstr(before->json, "items[0].reason");
	assert_non_null(reason);
	r = screen_run(S, home,
		       "R\n"
		       "%SHOT\n"
		       "e\n"
		       ":edit 5\n"
		       "j\n"
		       "<Enter>\n"
		       "%SHOT\n", NULL);
	assert_int_equal(r->run->status, 0);
	assert_true(screen_has(line_with(state, r->shots[0], "Building permit"),
			       "read-only: only a…"));
	/* the selected policy's reason in full, as the platform gave it */
	assert_true(screen_has(r->shots[0], sb_fmt(S, "Building permit: "
						     "read-only: %s", reason)));
	assert_true(screen_has(r->shots[1], sb_fmt(S, "Financial assistance: "
						     "read-only: %s", reason)));
	assert_false(screen_has(r->shots[1], "days after closing ("));
	screen_expect("retention-policies-officer",
		      body_of(state, r->shots[0]));

	after = api_get(S, "/v1/retention/policies", token);
	expect_status(after, 200);
	assert_true(json_equal(before->json, after->json));
}

/* ---- purges ------------------------------------------------------------- */

/* A felanmalan case of anna's units, closed now (purged after its
 * policy's days). */
static int64_t closed_case(void **state, const char *applicant,
			   char number[64])
{
	const char *anna = login(S, "anna");
	int64_t id = citizen_case(S, "felanmalan", applicant, number);

	case_move(S, anna, id, "registered");
	case_move(S, anna, id, "closed");
	return id;
}

/* Where the upcoming purges list the case, counting from 0. */
static size_t upcoming_row(void **state, const char *token, int64_t id)
{
	struct http_resp *r = api_get(S, "/v1/retention/upcoming?limit=200",
				      token);
	size_t n;

	expect_status(r, 200);
	n = jlen(r->json, "items");
	for (size_t i = 0; i < n; i++)
		if (jint(r->json, sb_fmt(S, "items[%zu].case.id", i)) == id)
			return i;
	fail_msg("case %lld is not among the upcoming purges", (long long)id);
	return 0;
}

/*
 * Two closed cases; a legal hold on one set from the screen (H and a
 * reason); the clock moves past their purge date: the other is purged
 * and in the log, the held one is still due and marked.
 */
static void upcoming_hold_and_log(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *token = login(S, "anna");
	char gone[64], kept[64];
	int64_t gone_id = closed_case(state, "Göran Gallrad", gone);
	int64_t kept_id = closed_case(state, "Kerstin Kvar", kept);
	size_t row = upcoming_row(state, token, kept_id);
	char *moves = malloc(row + 1);
	struct screen_run *r;
	struct http_resp *c, *adv;
	const char *line;

	(void)gone_id;
	assert_non_null(moves);
	memset(moves, 'j', row);
	moves[row] = '\0';
	r = screen_run(S, home, sb_fmt(S,
		       "R\n"
		       ":tab upcoming\n"
		       "g%s\n"
		       "%%SHOT\n"
		       "H\n"
		       "Tvist om bygglov<Enter>\n"
		       ":sleep 300\n"
		       "%%SHOT\n"
		       "<Enter>\n"
		       "%%SHOT\n"
		       "q\n"
		       "%%SHOT\n", moves), NULL);
	free(moves);
	assert_int_equal(r->run->status, 0);
	assert_int_equal(r->nshots, 4);
	assert_true(screen_has(r->shots[0], "[Upcoming purges]"));
	line = line_with(state, r->shots[0], kept);
	assert_true(screen_has(line, "› "));
	assert_true(screen_has(line, "Fault report"));
	assert_false(screen_has(line, "legal hold"));
	assert_true(screen_has(line_with(state, r->shots[0], gone),
			       "Fault report"));
	/* after H: marked on screen, held on the platform */
	line = line_with(state, r->shots[1], kept);
	assert_true(screen_has(line, "› "));
	assert_true(screen_has(line, "legal hold"));
	c = api_get(S, sb_fmt(S, "/v1/cases/%lld", (long long)kept_id), token);
	expect_status(c, 200);
	assert_true(json_is_true(jget(c->json, "retention.legal_hold.active")));
	/* Enter opens the case; closing it comes back to the same row */
	line = sb_fmt(S, "%.*s", (int)strcspn(r->shots[2], "\n"),
		      r->shots[2]);
	assert_true(screen_has(line, kept));
	assert_false(screen_has(r->shots[2], "[Upcoming purges]"));
	assert_true(screen_has(r->shots[3], "[Upcoming purges]"));
	assert_true(screen_has(line_with(state, r->shots[3], kept), "› "));

	/* past the purge date: one goes, the held one stays */
	adv = sb_post_json(S, "/v1/sandbox/clock", "{\"advance_days\":31}");
	expect_status(adv, 200);
	assert_true(jint(adv->json, "purged") >= 1);

	/* the old login has expired on the new clock */
	home = cli_home_login(S, "anna");
	r = screen_run(S, home,
		       "R\n"
		       ":tab log\n"
		       "%SHOT\n"
		       ":tab upcoming\n"
		       "%SHOT\n", NULL);
	assert_int_equal(r->run->status, 0);
	assert_int_equal(r->nshots, 2);
	assert_true(screen_has(r->shots[0], "[Purge log]"));
	line = line_with(state, r->shots[0], gone);
	assert_true(screen_has(line, "Fault report"));
	assert_true(screen_has(line, " 30"));
	assert_false(screen_has(r->shots[0], kept));
	assert_true(screen_has(line_with(state, r->shots[1], kept),
			       "legal hold"));
	assert_false(screen_has(r->shots[1], gone));
}

int main(void)
{
	const struct CMUnitTest policies[] = {
		cmocka_unit_test(officer_sees_read_only),
		cmocka_unit_test(admin_changes_policy),
	};
	const struct CMUnitTest purges[] = {
		cmocka_unit_test(upcoming_hold_and_log),
	};
	int failed = 0;

	failed += cmocka_run_group_tests_name("retention policies", policies,
					      setup, teardown);
	/* the clock moves forward here: a sandbox of its own */
	failed += cmocka_run_group_tests_name("retention purges", purges,
					      setup, teardown);
	return failed;
}

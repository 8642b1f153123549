/*
 * test_retention.c — akt retention with the real binary: the policies
 * as the platform has them, changing one as an administrator and being
 * refused as an officer, the cases due for purging (every page), legal
 * holds that keep a case through a clock advance, and the purge log.
 */
#include "cli.h"

#include <string.h>
#include <time.h>

#define S ((struct sb *)*state)

/* Enough cases that sara's upcoming purges fill more than one page. */
static int setup(void **state) { return group_start(state, "--cases 1000"); }
static int teardown(void **state) { return group_stop(state); }

static const char *const SV[] = {"LC_MESSAGES=sv_SE.UTF-8", NULL};

#define ARGV(...) ((const char *const[]){__VA_ARGS__, NULL})

static struct cli_run *akt(void **state, const char *home,
			   const char *const argv[])
{
	return cli_run(S, home, NULL, argv);
}

/* The line of out that contains needle, copied; "" when none. */
static const char *line_with(void **state, const char *out, const char *needle)
{
	const char *p = strstr(out, needle);
	if (!p)
		return "";
	const char *start = p;
	while (start > out && start[-1] != '\n')
		start--;
	size_t len = strcspn(start, "\n");
	return sb_fmt(S, "%.*s", (int)len, start);
}

/* A felanmalan case of anna's units, closed now (purged after 30 days). */
static int64_t closed_case(void **state, const char *applicant, char number[64])
{
	const char *anna = login(S, "anna");
	int64_t id = citizen_case(S, "felanmalan", applicant, number);
	case_move(S, anna, id, "registered");
	case_move(S, anna, id, "closed");
	return id;
}

static json_t *policy(void **state, const char *id)
{
	struct http_resp *r = api_get(S, sb_fmt(S, "/v1/retention/policies/%s", id),
				      login(S, "sara"));
	expect_status(r, 200);
	return r->json;
}

/* Every e-service with its days as the platform has them, in English
 * by default and in Swedish for a Swedish locale; --json is exact. */
static void list_matches_platform(void **state)
{
	const char *home = cli_home_login(S, "anna");
	struct http_resp *api = api_get(S, "/v1/retention/policies",
					login(S, "anna"));
	expect_status(api, 200);
	size_t n = jlen(api->json, "items");
	assert_int_equal(n, 7);

	struct cli_run *en = akt(state, home, ARGV("retention", "list"));
	assert_int_equal(en->status, 0);
	struct cli_run *sv = cli_run_env(S, home, NULL, SV,
					 ARGV("retention", "list"), 20);
	assert_int_equal(sv->status, 0);
	for (size_t i = 0; i < n; i++) {
		json_t *p = json_array_get(jget(api->json, "items"), i);
		const char *id = jstr(p, "e_service.id");
		const char *days = sb_fmt(S, " %lld ", (long long)jint(p, "days"));
		const char *l = line_with(state, en->out, sb_fmt(S, " %s ", id));
		assert_non_null(strstr(l, jstr(p, "e_service.name.en")));
		assert_non_null(strstr(l, days));
		/* anna is no administrator: she may not change it */
		assert_non_null(strstr(l, " no"));
		l = line_with(state, sv->out, sb_fmt(S, " %s ", id));
		assert_non_null(strstr(l, jstr(p, "e_service.name.sv")));
		assert_non_null(strstr(l, days));
	}
	/* why not, in the platform's words */
	assert_non_null(strstr(en->out, "only administrators change retention "
				"policies"));

	struct cli_run *js = akt(state, home, ARGV("retention", "list", "--json"));
	assert_int_equal(js->status, 0);
	assert_non_null(js->json);
	assert_true(json_equal(js->json, api->json));

	/* show takes the id or either name, regardless of case */
	struct cli_run *r = akt(state, home, ARGV("retention", "show",
						  "FÖRSKOLEPLATS", "--json"));
	assert_int_equal(r->status, 0);
	assert_string_equal(jstr(r->json, "e_service.id"), "forskoleplats");
	r = akt(state, home, ARGV("retention", "show", "preschool PLACE"));
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "(forskoleplats)"));
	assert_non_null(strstr(r->out, "after 365 days"));
	r = akt(state, home, ARGV("retention", "show", "Bygglovv"));
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "no e-service 'Bygglovv'"));
}

/* sara, an administrator, changes the platform's policy. */
static void set_as_admin(void **state)
{
	const char *home = cli_home_login(S, "sara");
	struct cli_run *r = cli_run_env(S, home, NULL, SV,
					ARGV("retention", "set", "strandskyddsdispens",
					     "400"), 20);
	assert_int_equal(r->status, 0);
	assert_string_equal(r->out, "Strandskyddsdispens: closed cases are "
			    "purged after 400 days (was 3650)\n");
	json_t *p = policy(state, "strandskydd");
	assert_int_equal(jint(p, "days"), 400);
	assert_string_equal(jstr(p, "updated_by.username"), "sara");

	/* DAYS out of range is refused before anything is sent: with every
	 * retention route failing, the answer is still a usage error */
	sb_fault(S, "{\"path\":\"/v1/retention/*\",\"status\":500}");
	const char *bad[] = {"0", "36501", "12x", "", "99999999999999999999"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		r = akt(state, home, ARGV("retention", "set", "strandskydd", bad[i]));
		assert_int_equal(r->status, 1);
		assert_non_null(strstr(r->err, "DAYS must be a whole number from 1 "
				       "to 36500"));
	}
	sb_faults_clear(S);
	assert_int_equal(jint(policy(state, "strandskydd"), "days"), 400);

	r = akt(state, home, ARGV("retention", "set", "strandskydd", "36500"));
	assert_int_equal(r->status, 0);
	assert_string_equal(r->out, "Shoreline protection exemption: closed "
			    "cases are purged after 36500 days (was 400)\n");
	assert_int_equal(jint(policy(state, "strandskydd"), "days"), 36500);

	/* a change by someone else between akt's read and write: exit 3,
	 * the platform's policy as it was */
	sb_fault(S, "{\"method\":\"PUT\",\"path\":\"/v1/retention/policies/*\","
		 "\"status\":412,\"times\":1}");
	r = akt(state, home, ARGV("retention", "set", "strandskydd", "500"));
	sb_faults_clear(S);
	assert_int_equal(r->status, 3);
	assert_non_null(strstr(r->err, "cannot change retention of Shoreline "
			       "protection exemption: changed by"));
	assert_int_equal(jint(policy(state, "strandskydd"), "days"), 36500);
}

/* anna is refused with the platform's reason; nothing changes. */
static void set_as_officer_refused(void **state)
{
	const char *home = cli_home_login(S, "anna");
	json_t *before = json_deep_copy(policy(state, "bygglov"));
	sb_keep_json(S, before);

	struct cli_run *r = cli_run_env(S, home, NULL, SV,
					ARGV("retention", "set", "bygglov", "10"), 20);
	assert_int_equal(r->status, 2);
	assert_string_equal(r->err, "akt: cannot change retention of Bygglov: "
			    "only administrators change retention policies\n");
	assert_string_equal(r->out, "");
	r = akt(state, home, ARGV("retention", "set", "Building permit", "10"));
	assert_int_equal(r->status, 2);
	assert_string_equal(r->err, "akt: cannot change retention of Building "
			    "permit: only administrators change retention "
			    "policies\n");
	assert_true(json_equal(policy(state, "bygglov"), before));
}

/* upcoming --before lists the cases due before the date and none
 * after; all pages are read. */
static void upcoming_before(void **state)
{
	char num[64];
	closed_case(state, "Ulla Ödeslöf", num);
	struct http_resp *clock = api_get(S, "/v1/sandbox/clock", NULL);
	expect_status(clock, 200);
	int64_t now = ts_parse(jstr(clock->json, "now"));
	char late[32], early[32];
	time_t t = (time_t)(now + 31 * 86400LL);
	strftime(late, sizeof late, "%Y-%m-%d", gmtime(&t));
	t = (time_t)(now + 29 * 86400LL);
	strftime(early, sizeof early, "%Y-%m-%d", gmtime(&t));

	const char *home = cli_home_login(S, "anna");
	struct cli_run *r = akt(state, home, ARGV("retention", "upcoming",
						  "--before", late));
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, num));
	assert_non_null(strstr(line_with(state, r->out, num), "Fault report"));
	r = akt(state, home, ARGV("retention", "upcoming", "--before", early,
				  "--service", "felanmälan"));
	assert_int_equal(r->status, 0);
	assert_null(strstr(r->out, num));

	/* the JSON: exactly the platform's cases due before the date */
	r = akt(state, home, ARGV("retention", "upcoming", "--before", late,
				  "--json"));
	assert_int_equal(r->status, 0);
	struct http_resp *api = api_get(S, sb_fmt(S, "/v1/retention/upcoming?"
						  "before=%s&limit=200", late),
					login(S, "anna"));
	expect_status(api, 200);
	assert_int_equal(jlen(r->json, "items"), jint(api->json, "total"));
	int64_t limit = ts_parse(sb_fmt(S, "%sT00:00:00Z", late));
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *it = json_array_get(jget(r->json, "items"), i);
		assert_true(ts_parse(jstr(it, "purge_at")) < limit);
	}

	/* sara sees more than one page: every item once, soonest first */
	home = cli_home_login(S, "sara");
	r = akt(state, home, ARGV("retention", "upcoming", "--json"));
	assert_int_equal(r->status, 0);
	api = api_get(S, "/v1/retention/upcoming?limit=1", login(S, "sara"));
	expect_status(api, 200);
	int64_t total = jint(api->json, "total");
	assert_true(total > 200);
	assert_int_equal(jlen(r->json, "items"), total);
	assert_int_equal(jint(r->json, "total"), total);
	const char *prev = "";
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *it = json_array_get(jget(r->json, "items"), i);
		assert_true(strcmp(prev, jstr(it, "purge_at")) <= 0);
		prev = jstr(it, "purge_at");
		for (size_t k = 0; k < i; k++)
			assert_true(jint(json_array_get(jget(r->json, "items"), k),
					 "case.id") != jint(it, "case.id"));
	}

	r = akt(state, home, ARGV("retention", "upcoming", "--before",
				  "2026-02-30x"));
	assert_int_equal(r->status, 1);
	r = akt(state, home, ARGV("retention", "upcoming", "--reason", "x"));
	assert_int_equal(r->status, 1);
}

static char held[64], released[64];

/* A hold and a release reach the platform; after the clock passes the
 * purge date the held case survives and the released one is purged. */
static void hold_and_release(void **state)
{
	int64_t h = closed_case(state, "Hjördis Åhl", held);
	int64_t rel = closed_case(state, "Rut Ängström", released);
	const char *anna = login(S, "anna");
	const char *home = cli_home_login(S, "anna");

	/* a hold needs a reason; nothing is sent without one */
	struct cli_run *r = akt(state, home, ARGV("retention", "hold", held));
	assert_int_equal(r->status, 1);
	r = akt(state, home, ARGV("retention", "hold", held, "--reason", " "));
	assert_int_equal(r->status, 1);
	struct http_resp *g = api_get(S, sb_fmt(S, "/v1/cases/%lld", (long long)h),
				      anna);
	assert_true(json_is_false(jget(g->json, "retention.legal_hold.active")));

	r = akt(state, home, ARGV("retention", "hold", held, "--reason",
				  "Överklagat till förvaltningsrätten"));
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "legal hold set"));
	g = api_get(S, sb_fmt(S, "/v1/cases/%lld", (long long)h), anna);
	assert_true(json_is_true(jget(g->json, "retention.legal_hold.active")));
	assert_string_equal(jstr(g->json, "retention.legal_hold.reason"),
			    "Överklagat till förvaltningsrätten");
	int64_t version = jint(g->json, "version");

	/* the same hold again changes nothing */
	r = akt(state, home, ARGV("retention", "hold", held, "--reason",
				  "Överklagat till förvaltningsrätten"));
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "already under legal hold"));
	g = api_get(S, sb_fmt(S, "/v1/cases/%lld", (long long)h), anna);
	assert_int_equal(jint(g->json, "version"), version);

	/* the id works as well as the number */
	r = akt(state, home, ARGV("retention", "hold",
				  sb_fmt(S, "%lld", (long long)rel), "--reason",
				  "Tillfälligt"));
	assert_int_equal(r->status, 0);
	g = api_get(S, sb_fmt(S, "/v1/cases/%lld", (long long)rel), anna);
	assert_true(json_is_true(jget(g->json, "retention.legal_hold.active")));
	r = akt(state, home, ARGV("retention", "release", released));
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "legal hold lifted"));
	g = api_get(S, sb_fmt(S, "/v1/cases/%lld", (long long)rel), anna);
	assert_true(json_is_false(jget(g->json, "retention.legal_hold.active")));

	/* someone else changed the case meanwhile: exit 3, still held */
	sb_fault(S, "{\"method\":\"PUT\",\"path\":\"/v1/cases/*/legal-hold\","
		 "\"status\":412,\"times\":1}");
	r = akt(state, home, ARGV("retention", "release", held));
	sb_faults_clear(S);
	assert_int_equal(r->status, 3);
	assert_non_null(strstr(r->err, "was changed by"));
	g = api_get(S, sb_fmt(S, "/v1/cases/%lld", (long long)h), anna);
	assert_true(json_is_true(jget(g->json, "retention.legal_hold.active")));

	/* upcoming marks the hold in words */
	r = akt(state, home, ARGV("retention", "upcoming", "--service",
				  "felanmalan"));
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(line_with(state, r->out, held), "held"));
	assert_null(strstr(line_with(state, r->out, released), "held"));

	struct http_resp *adv = sb_post_json(S, "/v1/sandbox/clock",
					     "{\"advance_days\":31}");
	expect_status(adv, 200);
	/* 31 days outlive every login: sign in afresh */
	anna = login(S, "anna");
	home = cli_home_login(S, "anna");
	g = api_get(S, sb_fmt(S, "/v1/cases/%lld", (long long)h), anna);
	expect_status(g, 200);
	g = api_get(S, sb_fmt(S, "/v1/cases/%lld", (long long)rel), anna);
	expect_problem(g, 410, "case-purged");

	/* a purged case cannot be held any more */
	r = akt(state, home, ARGV("retention", "hold", released, "--reason", "x"));
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "was purged"));
}

/* The log lists the purged case, and no personal data. */
static void log_after_purge(void **state)
{
	assert_true(released[0] != '\0');
	const char *home = cli_home_login(S, "anna");
	struct cli_run *r = akt(state, home, ARGV("retention", "log"));
	assert_int_equal(r->status, 0);
	const char *l = line_with(state, r->out, released);
	assert_non_null(strstr(l, "Fault report"));
	assert_non_null(strstr(l, " 30"));
	assert_null(strstr(r->out, held));
	assert_null(strstr(r->out, "Ängström"));

	r = akt(state, home, ARGV("retention", "log", "--json"));
	assert_int_equal(r->status, 0);
	static const char *const keys[] = {"id", "case_number", "e_service",
					   "closed_at", "purged_at",
					   "policy_days", NULL};
	bool seen = false;
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *e = json_array_get(jget(r->json, "items"), i);
		assert_true(jkeys_exactly(e, keys));
		if (!strcmp(jstr(e, "case_number"), released)) {
			seen = true;
			assert_string_equal(jstr(e, "e_service"), "felanmalan");
			assert_int_equal(jint(e, "policy_days"), 30);
		}
	}
	assert_true(seen);
	assert_null(strstr(r->out, "Ängström"));
	struct http_resp *api = api_get(S, "/v1/retention/log?limit=1",
					login(S, "anna"));
	assert_int_equal(jlen(r->json, "items"), jint(api->json, "total"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(list_matches_platform),
		cmocka_unit_test(set_as_admin),
		cmocka_unit_test(set_as_officer_refused),
		cmocka_unit_test(upcoming_before),
		cmocka_unit_test(hold_and_release),
		cmocka_unit_test(log_after_purge),
	};
	return cmocka_run_group_tests_name("cli retention", tests, setup,
					   teardown);
}

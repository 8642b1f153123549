/*
 * test_read.c — the reading commands with the real akt binary: cases
 * (table, --json, --all, filters, language), show, events and document,
 * each checked against the platform's own answers; the messages for a
 * case that does not exist, was purged or belongs to another unit; and
 * platform text that tries to reach the terminal.
 */
#include "cli.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#define S ((struct sb *)*state)

static int setup(void **state) { return group_start(state, "--cases 300"); }
static int teardown(void **state) { return group_stop(state); }

/* ---- helpers ---------------------------------------------------------- */

static struct cli_run *akt(struct sb *sb, const char *home,
			   const char *const argv[])
{
	return cli_run_env(sb, home, NULL, NULL, argv, 60.0);
}

/* Every item of a platform list, following next, as one array. */
static json_t *api_all(struct sb *sb, const char *token, const char *path)
{
	json_t *all = json_array();
	const char *first = sb_fmt(sb, "%s%climit=200", path,
				   strchr(path, '?') ? '&' : '?');
	const char *page = first;

	sb_keep_json(sb, all);
	for (int guard = 0; guard < 1000; guard++) {
		struct http_resp *r = api_get(sb, page, token);
		expect_status(r, 200);
		json_array_extend(all, jget(r->json, "items"));
		const char *next = jstr(r->json, "next");
		if (!next)
			return all;
		page = sb_fmt(sb, "%s&cursor=%s", first, url_enc(sb, next));
	}
	fail_msg("%s: more than 1000 pages", path);
	return NULL;
}

/* The line of out that contains needle; "" when none (owned by sb). */
static const char *line_with(struct sb *sb, const char *out,
			     const char *needle)
{
	const char *p = strstr(out, needle);
	if (!p)
		return "";
	const char *start = p, *end = strchr(p, '\n');
	while (start > out && start[-1] != '\n')
		start--;
	if (!end)
		end = p + strlen(p);
	return sb_keep(sb, strndup(start, (size_t)(end - start)));
}

static size_t count_lines(const char *out)
{
	size_t n = 0;
	for (const char *p = out; *p; p++)
		n += *p == '\n';
	return n;
}

static size_t count_of(const char *out, const char *needle)
{
	size_t n = 0;
	for (const char *p = out; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* A JSON array of items: no id twice. */
static void expect_unique_ids(json_t *items)
{
	size_t n = json_array_size(items);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (jint(json_array_get(items, i), "id") ==
			    jint(json_array_get(items, j), "id"))
				fail_msg("id %lld twice", (long long)
					 jint(json_array_get(items, i), "id"));
}

static void expect_json_equal(json_t *got, json_t *want)
{
	if (!got || !want || !json_equal(got, want)) {
		char *g = got ? json_dumps(got, JSON_COMPACT) : NULL;
		fail_msg("JSON differs: got %.600s", g ? g : "(nothing)");
	}
}

/* A case of anna's with documents and at least two parties. */
static json_t *rich_case(struct sb *sb, const char *token)
{
	json_t *all = api_all(sb, token, "/v1/cases?sort=number");
	size_t i;
	json_t *it;
	json_array_foreach(all, i, it) {
		struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld",
				(long long)jint(it, "id")), token);
		expect_status(r, 200);
		if (jlen(r->json, "documents") > 0 &&
		    jlen(r->json, "parties") > 1 &&
		    strcmp(jstr(r->json, "status.id"), "submitted") != 0)
			return r->json;
	}
	fail_msg("no case with documents and parties");
	return NULL;
}

/* ---- cases ------------------------------------------------------------ */

/* The table shows each case with the values the platform has for it. */
static void cases_table(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *token = login(S, "anna");
	const char *argv[] = {"cases", "--limit", "20", NULL};
	struct cli_run *r = akt(S, home, argv);
	assert_int_equal(r->status, 0);

	struct http_resp *api = api_get(S, "/v1/cases?limit=20", token);
	expect_status(api, 200);
	size_t i;
	json_t *it;
	json_array_foreach(jget(api->json, "items"), i, it) {
		const char *line = line_with(S, r->out, jstr(it, "number"));
		assert_true(*line);
		assert_non_null(strstr(line, jstr(it, "status.name.en")));
		assert_non_null(strstr(line, jstr(it, "e_service.name.en")));
		assert_non_null(strstr(line, jstr(it, "applicant.name")));
		const char *num = jstr(it, "applicant.personal_number");
		if (!num)
			num = jstr(it, "applicant.organisation_number");
		assert_non_null(strstr(line, num));
		/* TZ=UTC: the local date is the date sent */
		assert_non_null(strstr(line, sb_fmt(S, "%.10s",
						    jstr(it, "updated_at"))));
		if (jstr(it, "deadline"))
			assert_non_null(strstr(line, jstr(it, "deadline")));
		for (size_t a = 0; a < jlen(it, "assignees"); a++)
			assert_non_null(strstr(line, jstr(it, sb_fmt(S,
				"assignees[%zu].username", a))));
	}
	/* header, 20 cases, the line saying there are more */
	assert_int_equal(count_lines(r->out), 22);
	assert_non_null(strstr(r->out, sb_fmt(S, "Showing 20 of %lld cases",
					      (long long)jint(api->json, "total"))));
}

/* --json prints the platform's page exactly. */
static void cases_json(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *token = login(S, "anna");
	int64_t q = queue_of(S, token, "strandskydd");
	const char *qs = sb_fmt(S, "%lld", (long long)q);

	const char *argv[] = {"cases", "--json", "--limit", "7", "--queue", qs,
			      NULL};
	struct cli_run *r = akt(S, home, argv);
	assert_int_equal(r->status, 0);
	expect_json_equal(r->json, api_get(S, sb_fmt(S, "/v1/cases?limit=7&"
						     "queue=%s", qs), token)->json);

	const char *plain[] = {"cases", "--json", NULL};
	r = akt(S, home, plain);
	assert_int_equal(r->status, 0);
	expect_json_equal(r->json, api_get(S, "/v1/cases", token)->json);
}

/* --all walks every case of a queue, once each, over several pages,
 * with the queue named as the officer knows it. */
static void cases_all(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *token = login(S, "anna");
	int64_t q = queue_of(S, token, "bygglov");
	json_t *want = api_all(S, token, sb_fmt(S, "/v1/cases?queue=%lld",
					       (long long)q));
	struct http_resp *one = api_get(S, sb_fmt(S, "/v1/cases?limit=1&"
						  "queue=%lld", (long long)q),
					token);
	int64_t total = jint(one->json, "total");
	assert_true(total > 60);     /* more than two pages of --all */
	assert_int_equal(json_array_size(want), (size_t)total);

	const char *argv[] = {"cases", "--queue", "BYGGLOV", "--all", "--json",
			      NULL};
	struct cli_run *r = akt(S, home, argv);
	assert_int_equal(r->status, 0);
	assert_true(json_is_array(r->json));
	assert_int_equal(json_array_size(r->json), (size_t)total);
	expect_unique_ids(r->json);
	expect_json_equal(r->json, want);

	/* the table: one line per case, then the count */
	const char *table[] = {"cases", "--queue", sb_fmt(S, "%lld",
				(long long)q), "--all", NULL};
	r = akt(S, home, table);
	assert_int_equal(r->status, 0);
	assert_int_equal(count_of(r->out, "\nBYGG-"), (size_t)total);
	assert_int_equal(count_of(r->out, "CASE "), 1);   /* one header */
	assert_non_null(strstr(r->out, sb_fmt(S, "\n%lld cases.\n",
					      (long long)total)));

	/* every case of every queue of anna's */
	json_t *every = api_all(S, token, "/v1/cases");
	const char *all[] = {"cases", "--all", "--json", NULL};
	r = akt(S, home, all);
	assert_int_equal(r->status, 0);
	assert_int_equal(json_array_size(r->json), json_array_size(every));
	expect_unique_ids(r->json);
	expect_json_equal(r->json, every);

	/* an unknown queue name is named, with the queues there are */
	const char *bad[] = {"cases", "--queue", "Hundskatt", NULL};
	r = akt(S, home, bad);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "no queue named 'Hundskatt'"));
	assert_non_null(strstr(r->err, "Bygglov"));
}

/* Each filter gives what the platform gives for it. */
static void cases_filters(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *token = login(S, "anna");
	struct {
		const char *opt, *value, *query;
	} f[] = {
		{"--status", "closed", "status=closed"},
		{"--status", "Avslutat", "status=closed"},
		{"--status", "under handläggning,Closed", "status=in_progress,closed"},
		{"--assignee", "me", "assignee=me"},
		{"--assignee", "none", "assignee=none"},
		{"--assignee", "maria", "assignee=maria"},
		{"--service", "STRAND", "e_service=strandskydd"},
		{"--service", "shoreline protection exemption", "e_service=strandskydd"},
		{"--service", "Felanmälan", "e_service=felanmalan"},
		{"--search", "öberg", "q=%C3%B6berg"},
		{"--sort", "deadline", "sort=deadline"},
	};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
		const char *argv[] = {"cases", f[i].opt, f[i].value, "--all",
				      "--json", NULL};
		struct cli_run *r = akt(S, home, argv);
		json_t *want = api_all(S, token, sb_fmt(S, "/v1/cases?%s",
							f[i].query));
		if (r->status != 0)
			fail_msg("%s %s: exit %d: %s", f[i].opt, f[i].value,
				 r->status, r->err);
		assert_true(json_array_size(want) > 0);
		expect_json_equal(r->json, want);
	}

	/* what the filters mean, checked on the items themselves */
	const char *me[] = {"cases", "--assignee", "me", "--all", "--json", NULL};
	struct cli_run *r = akt(S, home, me);
	size_t i;
	json_t *it;
	json_array_foreach(r->json, i, it) {
		bool anna = false;
		for (size_t a = 0; a < jlen(it, "assignees"); a++)
			anna |= strcmp(jstr(it, sb_fmt(S, "assignees[%zu].username",
						      a)), "anna") == 0;
		assert_true(anna);
	}
	const char *none[] = {"cases", "--assignee", "none", "--all", "--json",
			      NULL};
	r = akt(S, home, none);
	json_array_foreach(r->json, i, it)
		assert_int_equal(jlen(it, "assignees"), 0);

	/* å/ä/ö in any letter case find the same case */
	char number[64];
	citizen_case(S, "bygglov", "Östen Åkerström-Ärlig", number);
	const char *lower[] = {"cases", "--search", "östen åkerström", NULL};
	const char *upper[] = {"cases", "--search", "ÖSTEN ÅKERSTRÖM-ÄRLIG",
			       NULL};
	r = akt(S, home, lower);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, number));
	assert_non_null(strstr(r->out, "Östen Åkerström-Ärlig"));
	r = akt(S, home, upper);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, number));

	/* nothing matches */
	const char *nothing[] = {"cases", "--search", "zzxqy", NULL};
	r = akt(S, home, nothing);
	assert_int_equal(r->status, 0);
	assert_string_equal(r->out, "No cases match.\n");
}

static void cases_usage(void **state)
{
	const char *home = cli_home_login(S, "anna");
	struct {
		const char *argv[6];
		int status;
		const char *err;
	} c[] = {
		{{"cases", "--status", "bogus", NULL}, 1, "no status 'bogus'"},
		{{"cases", "--service", "hundskatt", NULL}, 1,
		 "no e-service 'hundskatt'"},
		{{"cases", "--limit", "0", NULL}, 1, "1 to 200"},
		{{"cases", "--limit", "201", NULL}, 1, "1 to 200"},
		{{"cases", "--limit", "5", "--all", NULL}, 1, "exclude"},
		{{"cases", "--sort", "colour", NULL}, 1, "sort"},
		{{"cases", "--assignee", "nobody", NULL}, 1, "nobody"},
	};
	for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
		struct cli_run *r = akt(S, home, c[i].argv);
		if (r->status != c[i].status || !strstr(r->err, c[i].err))
			fail_msg("%s %s: exit %d: %s", c[i].argv[1],
				 c[i].argv[2], r->status, r->err);
		assert_string_equal(r->out, "");
	}
}

/* Statuses and e-services in the officer's language. */
static void cases_language(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *argv[] = {"cases", "--status", "in_progress", "--service",
			      "bygglov", NULL};
	const char *sv[] = {"LC_MESSAGES=sv_SE.UTF-8", NULL};

	struct cli_run *r = cli_run_env(S, home, NULL, sv, argv, 20.0);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "Under handläggning"));
	assert_non_null(strstr(r->out, "Bygglov"));
	assert_null(strstr(r->out, "In progress"));

	r = akt(S, home, argv);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "In progress"));
	assert_non_null(strstr(r->out, "Building permit"));
	assert_null(strstr(r->out, "Under handläggning"));
}

/* ---- show and events -------------------------------------------------- */

static void show_case(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *token = login(S, "anna");
	json_t *c = rich_case(S, token);
	const char *number = jstr(c, "number");
	int64_t id = jint(c, "id");

	const char *argv[] = {"show", number, NULL};
	struct cli_run *r = akt(S, home, argv);
	assert_int_equal(r->status, 0);
	const char *want[] = {
		number, jstr(c, "diary_number"), jstr(c, "title"),
		jstr(c, "e_service.name.en"), jstr(c, "status.name.en"),
		jstr(c, "priority"), "Parties:", "Documents:", "Status history:",
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!strstr(r->out, want[i]))
			fail_msg("'%s' missing from:\n%s", want[i], r->out);
	size_t i;
	json_t *p;
	json_array_foreach(jget(c, "parties"), i, p) {
		const char *line = line_with(S, r->out, jstr(p, "name"));
		assert_true(*line);
		const char *num = jstr(p, "personal_number");
		if (!num)
			num = jstr(p, "organisation_number");
		assert_non_null(strstr(line, num));
		if (jstr(p, "signing.state"))
			assert_non_null(strstr(line, jstr(p, "signing.state")));
	}
	json_array_foreach(jget(c, "documents"), i, p) {
		const char *line = line_with(S, r->out, jstr(p, "name"));
		assert_non_null(strstr(line, sb_fmt(S, "%lld",
						    (long long)jint(p, "id"))));
		assert_non_null(strstr(line, jstr(p, "kind")));
	}
	/* every status change, in order */
	struct http_resp *ev = api_get(S, sb_fmt(S, "/v1/cases/%lld/events?"
						 "limit=200", (long long)id),
				       token);
	const char *at = r->out;
	size_t changes = 0;
	json_array_foreach(jget(ev->json, "items"), i, p) {
		if (strcmp(jstr(p, "type"), "case.status_changed") != 0)
			continue;
		const char *text = sb_fmt(S, "status %s → %s",
					  jstr(p, "data.from.name.en"),
					  jstr(p, "data.to.name.en"));
		at = strstr(at, text);
		if (!at)
			fail_msg("'%s' missing or out of order:\n%s", text, r->out);
		changes++;
	}
	assert_true(changes > 0);

	/* --json: the case exactly; by id and in lower case alike */
	const char *json[] = {"show", sb_fmt(S, "%lld", (long long)id),
			      "--json", NULL};
	r = akt(S, home, json);
	assert_int_equal(r->status, 0);
	expect_json_equal(r->json, api_get(S, sb_fmt(S, "/v1/cases/%lld",
						     (long long)id), token)->json);
	char lower[64];
	snprintf(lower, sizeof lower, "%s", number);
	for (char *q = lower; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	const char *low[] = {"show", lower, "--json", NULL};
	r = akt(S, home, low);
	assert_int_equal(r->status, 0);
	assert_int_equal(jint(r->json, "id"), id);
}

/* The party with role in case c, or NULL. */
static json_t *party_with(json_t *c, const char *role)
{
	size_t i;
	json_t *p;
	json_array_foreach(jget(c, "parties"), i, p)
		if (strcmp(jstr(p, "role"), role) == 0)
			return p;
	return NULL;
}

/* Co-applicants with their signing, representatives with whom they act
 * for, a legal hold with its reason. */
static void show_parties_and_hold(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *token = login(S, "anna");
	json_t *all = api_all(S, token, "/v1/cases?sort=number");
	json_t *co = NULL, *rep = NULL, *hold = NULL;
	size_t i;
	json_t *it;
	json_array_foreach(all, i, it) {
		json_t *c = api_get(S, sb_fmt(S, "/v1/cases/%lld",
				    (long long)jint(it, "id")), token)->json;
		if (!co && party_with(c, "co_applicant"))
			co = c;
		if (!rep && party_with(c, "representative"))
			rep = c;
		if (!hold && json_is_true(jget(c, "retention.legal_hold.active")))
			hold = c;
	}
	assert_non_null(co);
	assert_non_null(rep);
	assert_non_null(hold);

	const char *argv[] = {"show", jstr(co, "number"), NULL};
	struct cli_run *r = akt(S, home, argv);
	assert_int_equal(r->status, 0);
	json_t *p = party_with(co, "co_applicant");
	const char *line = line_with(S, r->out, sb_fmt(S, "co-applicant  %s",
						       jstr(p, "name")));
	assert_non_null(strstr(line, jstr(p, "signing.state")));
	assert_non_null(strstr(line, jstr(p, "personal_number")));

	argv[1] = jstr(rep, "number");
	r = akt(S, home, argv);
	assert_int_equal(r->status, 0);
	p = party_with(rep, "representative");
	const char *of = NULL;
	json_array_foreach(jget(rep, "parties"), i, it)
		if (jint(it, "id") == jint(p, "represents"))
			of = jstr(it, "name");
	assert_non_null(of);
	line = line_with(S, r->out, sb_fmt(S, "representative  %s",
					   jstr(p, "name")));
	assert_true(strlen(line) > strlen(of));
	assert_string_equal(line + strlen(line) - strlen(of), of);

	argv[1] = jstr(hold, "number");
	r = akt(S, home, argv);
	assert_int_equal(r->status, 0);
	line = line_with(S, r->out, "legal hold");
	assert_non_null(strstr(line, "active"));
	assert_non_null(strstr(line, jstr(hold, "retention.legal_hold.reason")));
	const char *purge = jstr(hold, "retention.purge_at");
	if (purge)
		assert_non_null(strstr(line_with(S, r->out, "purge at"),
				       sb_fmt(S, "%.10s %.5s", purge,
					      purge + 11)));
}

/* events: one line per event; --json exact; --all over pages. */
static void events_trail(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *token = login(S, "anna");
	json_t *c = rich_case(S, token);
	const char *number = jstr(c, "number");
	int64_t id = jint(c, "id");
	int64_t doc = jint(c, "documents[0].id");

	const char *argv[] = {"events", number, NULL};
	struct cli_run *r = akt(S, home, argv);
	assert_int_equal(r->status, 0);
	struct http_resp *api = api_get(S, sb_fmt(S, "/v1/cases/%lld/events?"
						  "limit=200", (long long)id),
					token);
	size_t n = jlen(api->json, "items");
	assert_int_equal(count_lines(r->out), n + 1);
	size_t i;
	json_t *e;
	const char *at = r->out;
	json_array_foreach(jget(api->json, "items"), i, e) {
		/* "2026-11-23T14:02:00Z" → "2026-11-23 14:02" under TZ=UTC */
		const char *ts = jstr(e, "at");
		const char *when = sb_fmt(S, "%.10s %.5s", ts, ts + 11);
		at = strstr(at, when);
		if (!at)
			fail_msg("event %s at %s missing:\n%s", jstr(e, "seq"),
				 when, r->out);
		assert_non_null(strstr(line_with(S, at, when),
				       jstr(e, "actor.name")));
	}
	const char *json[] = {"events", number, "--json", NULL};
	r = akt(S, home, json);
	assert_int_equal(r->status, 0);
	expect_json_equal(r->json, api->json);

	/* more than a page: each download is an event */
	for (int k = 0; k < 210; k++)
		http_free(api_get(S, sb_fmt(S, "/v1/cases/%lld/documents/%lld/"
					    "content", (long long)id,
					    (long long)doc), token));
	json_t *every = api_all(S, token, sb_fmt(S, "/v1/cases/%lld/events",
						 (long long)id));
	assert_true(json_array_size(every) > 210);
	const char *all[] = {"events", number, "--all", "--json", NULL};
	r = akt(S, home, all);
	assert_int_equal(r->status, 0);
	expect_json_equal(r->json, every);
	r = akt(S, home, argv);
	assert_int_equal(r->status, 0);
	/* header, the first 200 events, the line saying there are more */
	assert_int_equal(count_lines(r->out), 202);
	assert_non_null(strstr(r->out, sb_fmt(S, "Showing the first 200 of "
					      "%zu events",
					      json_array_size(every))));
	const char *all_table[] = {"events", number, "--all", NULL};
	r = akt(S, home, all_table);
	assert_int_equal(r->status, 0);
	assert_int_equal(count_lines(r->out), json_array_size(every) + 1);

	/* show reads the newest page only, and says so */
	const char *show[] = {"show", number, NULL};
	r = akt(S, home, show);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "Only the latest 200 events were read"));
}

/* ---- cases that cannot be shown --------------------------------------- */

static void missing_purged_foreign(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *token = login(S, "anna");

	/* 404 */
	const char *cmds[][4] = {
		{"show", "BYGG-2026-999999", NULL, NULL},
		{"events", "BYGG-2026-999999", NULL, NULL},
		{"document", "BYGG-2026-999999", "1", NULL},
	};
	for (size_t i = 0; i < 3; i++) {
		struct cli_run *r = akt(S, home, cmds[i]);
		assert_int_equal(r->status, 2);
		assert_string_equal(r->err, "akt: no case BYGG-2026-999999; check "
				    "the number (akt cases --search TEXT)\n");
		assert_string_equal(r->out, "");
	}

	/* 410: a case purged when the sandbox started */
	struct http_resp *log = api_get(S, "/v1/retention/log?limit=1", token);
	expect_status(log, 200);
	const char *gone = jstr(log->json, "items[0].case_number");
	const char *when = jstr(log->json, "items[0].purged_at");
	assert_non_null(gone);
	const char *show[] = {"show", gone, NULL};
	struct cli_run *r = akt(S, home, show);
	assert_int_equal(r->status, 2);
	assert_string_equal(r->err, sb_fmt(S, "akt: %s was purged on %.10s "
					   "(gallring); it can no longer be "
					   "shown\n", gone, when));
	const char *events[] = {"events", gone, NULL};
	r = akt(S, home, events);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "was purged on"));

	/* 403: a case of erik's unit */
	struct http_resp *theirs = api_get(S, "/v1/cases?limit=1",
					   login(S, "erik"));
	const char *foreign = jstr(theirs->json, "items[0].number");
	assert_non_null(foreign);
	const char *f[] = {"show", foreign, NULL};
	r = akt(S, home, f);
	assert_int_equal(r->status, 2);
	assert_string_equal(r->err, sb_fmt(S, "akt: %s belongs to a unit you "
					   "are not in\n", foreign));
	const char *fd[] = {"document", foreign, "1", NULL};
	r = akt(S, home, fd);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "belongs to a unit you are not in"));
}

/* ---- documents -------------------------------------------------------- */

static void document_download(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *token = login(S, "anna");
	json_t *c = rich_case(S, token);
	const char *number = jstr(c, "number");
	const char *name = jstr(c, "documents[0].name");
	int64_t doc = jint(c, "documents[0].id");
	struct http_resp *want = api_get(S, sb_fmt(S, "/v1/cases/%lld/"
						   "documents/%lld/content",
						   (long long)jint(c, "id"),
						   (long long)doc), token);
	expect_status(want, 200);
	assert_true(want->len > 0);

	/* by name, into the current directory (the home) */
	const char *argv[] = {"document", number, name, NULL};
	struct cli_run *r = akt(S, home, argv);
	assert_int_equal(r->status, 0);
	const char *path = sb_fmt(S, "%s/%s", home, name);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal((size_t)st.st_size, want->len);
	FILE *f = fopen(path, "rb");
	char *got = malloc(want->len + 1);
	assert_int_equal(fread(got, 1, want->len + 1, f), want->len);
	fclose(f);
	assert_memory_equal(got, want->body, want->len);
	free(got);

	/* never overwritten */
	f = fopen(path, "wb");
	fputs("mine", f);
	fclose(f);
	r = akt(S, home, argv);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "exists already"));
	f = fopen(path, "rb");
	char mine[16] = "";
	assert_int_equal(fread(mine, 1, sizeof mine - 1, f), 4);
	fclose(f);
	assert_string_equal(mine, "mine");

	/* by id, to a file named with -o */
	const char *out[] = {"document", number, sb_fmt(S, "%lld",
			     (long long)doc), "-o", "copy.bin", NULL};
	r = akt(S, home, out);
	assert_int_equal(r->status, 0);
	path = sb_fmt(S, "%s/copy.bin", home);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal((size_t)st.st_size, want->len);
	r = akt(S, home, out);
	assert_int_equal(r->status, 2);

	/* -o -: the bytes on standard output (a pipe here) */
	const char *dash[] = {"document", number, name, "-o", "-", NULL};
	r = akt(S, home, dash);
	assert_int_equal(r->status, 0);
	assert_int_equal(r->out_len, want->len);
	assert_memory_equal(r->out, want->body, want->len);

	/* a document the case does not have */
	const char *none[] = {"document", number, "Ritning.dwg", NULL};
	r = akt(S, home, none);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "has no document 'Ritning.dwg'"));
	assert_non_null(strstr(r->err, name));
}

/* ---- platform text that tries to reach the terminal -------------------- */

static void hostile_text(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *token = login(S, "anna");
	struct http_resp *made = sb_post_json(S, "/v1/sandbox/citizen/cases",
		"{\"e_service\":\"bygglov\",\"title\":\"Zyxwv \\u001b[31mred"
		"\\u001b]0;pwned\\u0007 \\u009b2J\",\"applicant\":"
		"\"Eva \\u202eZyxwvsson\"}");
	expect_status(made, 201);
	const char *number = jstr(made->json, "number");
	const char *const runs[][6] = {
		{"cases", "--search", "zyxwv", NULL},
		{"cases", "--search", "zyxwv", "--all", NULL},
		{"show", number, NULL},
		{"events", number, NULL},
	};
	for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
		struct cli_run *r = akt(S, home, runs[i]);
		assert_int_equal(r->status, 0);
		assert_non_null(strstr(r->out, strcmp(runs[i][0], "events") ?
					       number : "case created"));
		assert_null(strchr(r->out, '\x1b'));
		assert_null(strchr(r->out, '\a'));
		assert_null(strstr(r->out, "\u202e"));
		assert_null(strstr(r->out, "\xc2\x9b"));
		/* the title, shown by show only, its ESC made visible */
		if (strcmp(runs[i][0], "show") == 0)
			assert_non_null(strstr(r->out, "␛[31mred"));
	}
	/* --json: the same value, escaped */
	const char *json[] = {"show", number, "--json", NULL};
	struct cli_run *r = akt(S, home, json);
	assert_int_equal(r->status, 0);
	assert_null(strchr(r->out, '\x1b'));
	assert_null(strstr(r->out, "\u202e"));
	expect_json_equal(r->json, api_get(S, sb_fmt(S, "/v1/cases/%s", number),
					   token)->json);
}

/* ---- memory: a list of any length --------------------------------------- */

/* Enough pages (150 of 200) that keeping them would pass the limit;
 * the 100,000-case figure itself is measured by make bench. */
#define BIG_CASES 30000
#define RSS_LIMIT_KB (20 * 1024)

static int big_setup(void **state)
{
	*state = sb_start_wait("--cases 30000", 180.0);
	return *state ? 0 : -1;
}

/*
 * --all goes through 30,000 cases with akt's peak memory under 20 MB:
 * pages are printed and freed as they come. This group runs first, so
 * the only children reaped before the measurement are akt's own runs.
 */
static void all_in_flat_memory(void **state)
{
#ifdef __SANITIZE_ADDRESS__
	skip();     /* the sanitizer keeps freed memory in quarantine */
#endif
	const char *home = cli_home_login(S, "sara");
	struct http_resp *one = api_get(S, "/v1/cases?limit=1", login(S, "sara"));
	int64_t total = jint(one->json, "total");
	assert_true(total >= BIG_CASES - 100);   /* a few purged at start */

	const char *argv[] = {"cases", "--all", NULL};
	struct cli_run *r = cli_run_env(S, home, NULL, NULL, argv, 240.0);
	assert_int_equal(r->status, 0);
	/* header, one line per case, the count */
	assert_int_equal(count_lines(r->out), (size_t)total + 2);
	assert_non_null(strstr(r->out, sb_fmt(S, "\n%lld cases.\n",
					      (long long)total)));

	struct rusage ru;
	assert_int_equal(getrusage(RUSAGE_CHILDREN, &ru), 0);
	if (ru.ru_maxrss >= RSS_LIMIT_KB)
		fail_msg("akt cases --all peaked at %ld kB (limit %d kB)",
			 ru.ru_maxrss, RSS_LIMIT_KB);
}

int main(void)
{
	const struct CMUnitTest big[] = {
		cmocka_unit_test(all_in_flat_memory),
	};
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cases_table),
		cmocka_unit_test(cases_json),
		cmocka_unit_test(cases_all),
		cmocka_unit_test(cases_filters),
		cmocka_unit_test(cases_usage),
		cmocka_unit_test(cases_language),
		cmocka_unit_test(show_case),
		cmocka_unit_test(show_parties_and_hold),
		cmocka_unit_test(events_trail),
		cmocka_unit_test(missing_purged_foreign),
		cmocka_unit_test(document_download),
		cmocka_unit_test(hostile_text),
	};
	int failed = cmocka_run_group_tests_name("cli read memory", big,
						 big_setup, teardown);

	return failed + cmocka_run_group_tests_name("cli read", tests, setup,
						    teardown);
}

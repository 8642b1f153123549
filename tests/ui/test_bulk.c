/*
 * test_bulk.c — a status change to every tagged case, headless: three
 * cases tagged in a queue, one of which a colleague changed after they
 * were tagged (the feed may well show the change meanwhile: a tag keeps
 * the case as the officer saw it). That one is left alone and the
 * report names who changed it; the platform shows exactly the two
 * others changed.
 */
#include "screen.h"

#include <cmocka.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int setup(void **state)
{
	return screen_group_start(state, "--cases 200");
}

/* How many status changes the case's history holds, and who made the
 * last one. */
static int64_t status_changes(struct sb *sb, const char *token, int64_t id,
			      const char **last_by)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/events?"
						 "limit=200", (long long)id),
				      token);
	int64_t n = 0;

	expect_status(r, 200);
	*last_by = NULL;
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *e = json_array_get(json_object_get(r->json, "items"), i);

		if (strcmp(jstr(e, "type"), "case.status_changed") != 0)
			continue;
		n++;
		*last_by = jstr(e, "actor.officer.username");
	}
	return n;
}

/* The colleague's change, made once akt shows the tagged list: the
 * moment is the file akt writes then. */
struct colleague {
	struct sb *sb;
	const char *ready;                /* the file to wait for */
	const char *token;
	int64_t id;
	char etag[128];
	long status;                      /* of the change; 0 if not made */
};

static void *colleague_changes(void *arg)
{
	struct colleague *c = arg;
	const char *hdr[2] = { NULL, NULL };
	struct stat st;
	struct http_resp *r;
	char im[160];

	for (int i = 0; i < 2000 && stat(c->ready, &st) != 0; i++)
		usleep(10000);
	if (stat(c->ready, &st) != 0)
		return NULL;
	/* a minute later, so the case's time differs from what akt saw */
	http_free(sb_post_json(c->sb, "/v1/sandbox/clock",
			       "{\"advance_seconds\":60}"));
	snprintf(im, sizeof(im), "If-Match: %s", c->etag);
	hdr[0] = im;
	r = http_req(c->sb, "POST", sb_fmt(c->sb, "/v1/cases/%lld/transitions",
					   (long long)c->id),
		     c->token, "{\"to\":\"in_progress\"}", hdr);
	c->status = r->status;
	return NULL;
}

static void bulk_status_leaves_the_changed_case_alone(void **state)
{
	struct sb *sb = *state;
	const char *home = cli_home_login(sb, "anna");
	const char *anna = login(sb, "anna");
	struct colleague maria = { .sb = sb };
	char number[3][64];
	int64_t id[3], before[3];
	const char *by, *dir, *script;
	struct screen_run *r;
	pthread_t th;

	/* three new cases, Registrerat: the top of the queue by -updated */
	for (int i = 0; i < 3; i++) {
		id[i] = citizen_case(sb, "bygglov", NULL, number[i]);
		case_move(sb, anna, id[i], "registered");
		before[i] = status_changes(sb, anna, id[i], &by);
		assert_int_equal(before[i], 1);
	}
	maria.token = login(sb, "maria");
	maria.id = id[1];
	case_etag(sb, maria.token, id[1], maria.etag);
	dir = sb_fmt(sb, "%s/bulk", home);
	assert_int_equal(mkdir(dir, 0700), 0);
	maria.ready = sb_fmt(sb, "%s/ready", dir);
	assert_int_equal(pthread_create(&th, NULL, colleague_changes, &maria),
			 0);
	script = sb_fmt(sb,
		":queue Bygglov\n"
		"t\nt\nt\n"
		":save-display %s\n"
		":sleep 1500\n"
		":status Avslutat\n"
		"# no comment; notify as the platform proposes\n"
		"<Enter>\n"
		"<Enter>\n"
		"%%SHOT\n", maria.ready);
	r = screen_run(sb, home, script, NULL);
	pthread_join(th, NULL);
	assert_int_equal(maria.status, 200);

	assert_int_equal(r->run->status, 0);
	assert_int_equal(r->nshots, 1);
	if (getenv("AKT_SHOW_SCREENS"))
		fputs(r->shots[0], stderr);
	/* the report: two of three, the third with who changed it (status
	 * names in the interface's language, English here) */
	assert_true(screen_has(r->shots[0], "Status change to Closed: 2 of "
			       "3 changed"));
	for (int i = 0; i < 3; i++)
		assert_true(screen_has(r->shots[0], number[i]));
	assert_true(screen_has(r->shots[0], sb_fmt(sb, "%s  changed by maria "
						   "at 09:0", number[1])));
	assert_true(screen_has(r->shots[0], sb_fmt(sb, "%s  OK", number[0])));
	assert_true(screen_has(r->shots[0], sb_fmt(sb, "%s  OK", number[2])));

	/* the platform: one more status change for each of the two, and
	 * maria's alone on the third */
	assert_int_equal(status_changes(sb, anna, id[0], &by), 2);
	assert_string_equal(by, "anna");
	assert_int_equal(status_changes(sb, anna, id[2], &by), 2);
	assert_string_equal(by, "anna");
	assert_int_equal(status_changes(sb, anna, id[1], &by), 2);
	assert_string_equal(by, "maria");
	assert_string_equal(jstr(api_get(sb, sb_fmt(sb, "/v1/cases/%lld",
						     (long long)id[0]), anna)->json,
				 "status.id"), "closed");
	assert_string_equal(jstr(api_get(sb, sb_fmt(sb, "/v1/cases/%lld",
						     (long long)id[1]), anna)->json,
				 "status.id"), "in_progress");
}

/* Unassigning tagged cases offers everyone assigned to any of them;
 * a case the chosen officer is not assigned to is reported, not sent. */
static void bulk_unassign_from_the_menu(void **state)
{
	struct sb *sb = *state;
	const char *home = cli_home_login(sb, "anna");
	const char *anna = login(sb, "anna");
	char number[2][64], etag[128];
	int64_t id[2];
	struct screen_run *r;
	struct http_resp *h;

	id[1] = citizen_case(sb, "bygglov", NULL, number[1]);
	id[0] = citizen_case(sb, "bygglov", NULL, number[0]);
	/* the latest change puts the first case at the top */
	case_etag(sb, anna, id[0], etag);
	expect_status(api_post(sb, sb_fmt(sb, "/v1/cases/%lld/assignees",
					  (long long)id[0]), anna,
			       "{\"officer\":\"maria\"}", etag, NULL), 200);

	r = screen_run(sb, home,
		       ":queue Bygglov\n"
		       "t\nt\n"
		       ":unassign\n"
		       "# the one entry: Maria, assigned to 1 of 2\n"
		       "<Enter>\n"
		       "%SHOT\n", NULL);
	assert_int_equal(r->run->status, 0);
	assert_int_equal(r->nshots, 1);
	if (getenv("AKT_SHOW_SCREENS"))
		fputs(r->shots[0], stderr);
	assert_true(screen_has(r->shots[0], "Unassign Maria Björk: 1 of 2 "
			       "unassigned"));
	assert_true(screen_has(r->shots[0], sb_fmt(sb, "%s  OK", number[0])));
	assert_true(screen_has(r->shots[0], sb_fmt(sb, "%s  not assigned to "
						   "this case", number[1])));

	/* maria is gone from the first; the second was not written to */
	h = api_get(sb, sb_fmt(sb, "/v1/cases/%lld", (long long)id[0]), anna);
	assert_int_equal(jlen(h->json, "assignees"), 0);
	h = api_get(sb, sb_fmt(sb, "/v1/cases/%lld", (long long)id[1]), anna);
	assert_int_equal(jint(h->json, "version"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bulk_status_leaves_the_changed_case_alone),
		cmocka_unit_test(bulk_unassign_from_the_menu),
	};

	return cmocka_run_group_tests(tests, setup, group_stop);
}

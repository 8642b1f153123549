/*
 * test_session.c — signing in and out with the real akt binary, and the
 * commands that read the officer and the queues.
 */
#include "cli.h"

#include <string.h>
#include <sys/stat.h>

#define S ((struct sb *)*state)

static int setup(void **state) { return group_start(state, NULL); }
static int teardown(void **state) { return group_stop(state); }

/* login stores a private token file; whoami and queues then work. */
static void login_whoami_queues(void **state)
{
	const char *home = cli_home_login(S, "anna");
	struct stat st;
	char path[600];
	snprintf(path, sizeof path, "%s/state/akt", home);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);

	const char *who[] = {"whoami", "--json", NULL};
	struct cli_run *r = cli_run(S, home, NULL, who);
	assert_int_equal(r->status, 0);
	assert_non_null(r->json);
	assert_string_equal(jstr(r->json, "username"), "anna");

	const char *queues[] = {"queues", NULL};
	r = cli_run(S, home, NULL, queues);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "Bygglov"));
	/* anna's units only */
	assert_null(strstr(r->out, "Ekonomiskt bistånd"));
}

/* The password never reaches standard output or error. */
static void wrong_password(void **state)
{
	const char *home = cli_home(S);
	const char *argv[] = {"login", "--user", "anna", "--password-stdin", NULL};
	struct cli_run *r = cli_run(S, home, "not-the-password\n", argv);
	assert_int_equal(r->status, 5);
	assert_non_null(strstr(r->err, "akt:"));
	assert_null(strstr(r->err, "not-the-password"));
	assert_null(strstr(r->out, "not-the-password"));
}

/* logout revokes: the stored session no longer works. */
static void logout_forgets(void **state)
{
	const char *home = cli_home_login(S, "erik");
	const char *out[] = {"logout", NULL};
	assert_int_equal(cli_run(S, home, NULL, out)->status, 0);
	const char *who[] = {"whoami", NULL};
	struct cli_run *r = cli_run(S, home, NULL, who);
	assert_int_equal(r->status, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(login_whoami_queues),
		cmocka_unit_test(wrong_password),
		cmocka_unit_test(logout_forgets),
	};
	return cmocka_run_group_tests_name("cli session", tests, setup, teardown);
}

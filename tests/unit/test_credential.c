/*
 * test_credential.c — credential_command: the first line of its output
 * is the password; failures say what went wrong; the user name reaches
 * it through the environment, never spliced into the command.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <signal.h>

#include "akt/credential.h"
#include "akt/xalloc.h"

struct got {
	bool done;
	char *password;
	char *error;
};

static void on_done(char *password, const char *error, void *arg)
{
	struct got *g = arg;

	g->done = true;
	g->password = password;
	g->error = error ? xstrdup(error) : NULL;
}

static void run(const char *command, const char *user, struct got *g)
{
	struct akt_loop *loop = akt_loop_new();

	memset(g, 0, sizeof(*g));
	akt_credential_run(loop, command, user, "https://k.example", on_done,
			   g);
	assert_true(g->done || akt_loop_run_until(loop, &g->done));
	akt_loop_free(&loop);
}

static void test_parse(void **state)
{
	char *err = NULL, *pw;

	pw = akt_credential_parse("s3cret\r\nmore\n", 14, &err);
	assert_string_equal(pw, "s3cret");
	free(pw);
	assert_null(akt_credential_parse("\nlater\n", 7, &err));
	assert_string_equal(err, "credential_command printed no password");
	free(err);
}

static void test_first_line(void **state)
{
	struct got g;

	run("printf 'demo\\nsecond\\n'", "anna", &g);
	assert_null(g.error);
	assert_string_equal(g.password, "demo");
	xfree_secret(&g.password);
}

/* What the command gets is the environment, where a hostile user name
 * is only data: "$AKT_USER" is not run. */
static void test_environment(void **state)
{
	struct got g;

	run("printf '%s@%s\\n' \"$AKT_USER\" \"$AKT_SERVER\"", "x;$(id)", &g);
	assert_null(g.error);
	assert_string_equal(g.password, "x;$(id)@https://k.example");
	xfree_secret(&g.password);
}

static void test_failures(void **state)
{
	struct got g;

	run("echo demo; exit 3", "anna", &g);
	assert_null(g.password);
	assert_string_equal(g.error, "credential_command failed (exit status "
				     "3); check that it prints your password");
	free(g.error);
	run("true", "anna", &g);
	assert_null(g.password);
	assert_string_equal(g.error, "credential_command printed no password");
	free(g.error);
	run("kill -9 $$", "anna", &g);
	assert_null(g.password);
	assert_string_equal(g.error, "credential_command was killed by signal 9");
	free(g.error);
}

/* akt ignores SIGPIPE; the command must not inherit that, or a pipeline
 * in it would go on writing into a closed pipe. */
static void test_sigpipe_restored(void **state)
{
	struct got g;

	signal(SIGPIPE, SIG_IGN);
	run("kill -PIPE $$; echo alive", "anna", &g);
	signal(SIGPIPE, SIG_DFL);
	assert_null(g.password);
	assert_string_equal(g.error, "credential_command was killed by "
				     "signal 13");
	free(g.error);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_first_line),
		cmocka_unit_test(test_environment),
		cmocka_unit_test(test_failures),
		cmocka_unit_test(test_sigpipe_restored),
	};

	return cmocka_run_group_tests_name("credential", tests, NULL, NULL);
}

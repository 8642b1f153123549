/*
 * test_cmd.c — the command table: lookup, option parsing, usage lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/cmd.h"

static int parse(const char *const *words, int n, struct akt_args *a)
{
	const struct akt_cmd *cmd = akt_cmd_find(words[0]);

	assert_non_null(cmd);
	return akt_cmd_parse(cmd, n, (char **)words, a);
}

static void test_lookup(void **state)
{
	assert_ptr_equal(akt_cmd_find("login"), &akt_cmd_login);
	assert_ptr_equal(akt_cmd_find("queues"), &akt_cmd_queues);
	assert_null(akt_cmd_find("log"));
}

static void test_options_and_words(void **state)
{
	static const char *const w[] = {
		"login", "https://akt.example.se", "--user", "anna",
		"--password-stdin",
	};
	static const char *const w2[] = { "login", "--user=erik", "--", "--x" };
	struct akt_args a;

	assert_int_equal(parse(w, 5, &a), AKT_EXIT_OK);
	assert_string_equal(a.opt[0], "anna");
	assert_string_equal(a.opt[1], "");
	assert_int_equal(a.npos, 1);
	assert_string_equal(a.pos[0], "https://akt.example.se");
	akt_args_free(&a);
	assert_int_equal(parse(w2, 4, &a), AKT_EXIT_OK);
	assert_string_equal(a.opt[0], "erik");
	assert_null(a.opt[1]);
	assert_string_equal(a.pos[0], "--x");
	akt_args_free(&a);
}

/* A command with a required option, as no command of the table has one
 * at the moment. */
static const struct akt_opt required_opts[] = {
	{ "to", "STATUS", true, "the new status" },
	{ NULL, NULL, false, NULL },
};
static const struct akt_cmd required_cmd = {
	.name = "change", .args = "", .min_pos = 0, .max_pos = 0,
	.summary = "", .help = "", .opts = required_opts,
};

static void test_usage_errors(void **state)
{
	static const char *const missing[] = { "change" };
	static const char *const noval[] = { "login", "--user" };
	static const char *const unknown[] = { "queues", "--jsn" };
	static const char *const flagval[] = { "queues", "--json=yes" };
	static const char *const extra[] = { "whoami", "anna" };
	struct akt_args a;

	assert_int_equal(akt_cmd_parse(&required_cmd, 1, (char **)missing, &a),
			 AKT_EXIT_USAGE);
	akt_args_free(&a);
	assert_int_equal(parse(noval, 2, &a), AKT_EXIT_USAGE);
	akt_args_free(&a);
	assert_int_equal(parse(unknown, 2, &a), AKT_EXIT_USAGE);
	akt_args_free(&a);
	assert_int_equal(parse(flagval, 2, &a), AKT_EXIT_USAGE);
	akt_args_free(&a);
	assert_int_equal(parse(extra, 2, &a), AKT_EXIT_USAGE);
	akt_args_free(&a);
}

static void test_usage_from_table(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	akt_cmd_usage(&akt_cmd_login, f);
	akt_cmd_usage(&akt_cmd_queues, f);
	fclose(f);
	assert_string_equal(text,
		"usage: akt login [URL] [--user NAME] [--password-stdin]\n"
		"usage: akt queues [--json]\n");
	free(text);
}

static void test_exit_codes(void **state)
{
	assert_int_equal(akt_cli_exit_code(AKT_OK), 0);
	assert_int_equal(akt_cli_exit_code(AKT_E_INVALID), 1);
	assert_int_equal(akt_cli_exit_code(AKT_E_NOT_FOUND), 2);
	assert_int_equal(akt_cli_exit_code(AKT_E_REFUSED), 2);
	assert_int_equal(akt_cli_exit_code(AKT_E_CONFLICT), 3);
	assert_int_equal(akt_cli_exit_code(AKT_E_UNREACHABLE), 4);
	assert_int_equal(akt_cli_exit_code(AKT_E_PROTOCOL), 4);
	assert_int_equal(akt_cli_exit_code(AKT_E_AUTH), 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_options_and_words),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_usage_from_table),
		cmocka_unit_test(test_exit_codes),
	};

	return cmocka_run_group_tests_name("cmd", tests, NULL, NULL);
}

/*
 * test_config.c — option table defaults, the "set" language, the bind
 * and color lines kept for the full-screen client, errors with file and
 * line, permissions of the file, and AKT_SERVER.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <unistd.h>

#include "akt/config.h"

static void test_defaults(void **state)
{
	struct akt_config cfg;

	akt_config_init(&cfg);
	assert_string_equal(cfg.server, "");
	assert_int_equal(cfg.token_store, AKT_TOKENS_FILE);
	assert_int_equal(cfg.connect_timeout, 10);
	assert_int_equal(cfg.request_timeout, 60);
	assert_int_equal(cfg.low_speed_time, 20);
	assert_int_equal(cfg.max_body, 8 << 20);
	assert_string_equal(cfg.ca_file, "");
	assert_string_equal(cfg.user, "");
	assert_string_equal(cfg.credential_command, "");
	assert_string_equal(cfg.theme, "default");
	assert_int_equal(cfg.lock_after, 10);
	assert_string_equal(cfg.open_command, "");
	assert_int_equal(cfg.history_size, 500);
	assert_int_equal(cfg.nlines, 0);
	akt_config_clear(&cfg);
}

/* A command is taken as written, quotes and all; a control character
 * in a user name or command is refused. */
static void test_user_and_credential_command(void **state)
{
	struct akt_config cfg;
	char *err = NULL;

	akt_config_init(&cfg);
	assert_true(akt_config_parse(&cfg,
		"set user = anna\n"
		"set credential_command = pass show \"akt/$AKT_USER\" # pw\n",
		"cfg", &err));
	assert_string_equal(cfg.user, "anna");
	assert_string_equal(cfg.credential_command,
			    "pass show \"akt/$AKT_USER\"");
	assert_false(akt_config_set(&cfg, "user", "an\033na", &err));
	assert_string_equal(err, "user: the value holds a control character");
	free(err);
	assert_string_equal(cfg.user, "anna");
	akt_config_clear(&cfg);
}

/* 'akt help config' fits an 80-column terminal: "  NAME  help". */
static void test_help_fits(void **state)
{
	size_t width = 0;

	for (size_t i = 0; i < akt_noptions; i++)
		if (strlen(akt_options[i].name) > width)
			width = strlen(akt_options[i].name);
	for (size_t i = 0; i < akt_noptions; i++)
		assert_true(2 + width + 2 + strlen(akt_options[i].help) <= 80);
}

static void test_option_kinds(void **state)
{
	const char *want[][2] = {
		{ "server", "url" }, { "token_store", "file|none" },
		{ "connect_timeout", "seconds" }, { "max_body", "size" },
		{ "ca_file", "file" }, { "user", "text" },
		{ "credential_command", "command" }, { "theme", "text" },
		{ "lock_after", "minutes" }, { "open_command", "command" },
		{ "history_size", "number" },
	};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct akt_option *o = NULL;

		for (size_t k = 0; k < akt_noptions; k++)
			if (strcmp(akt_options[k].name, want[i][0]) == 0)
				o = &akt_options[k];
		assert_non_null(o);
		assert_string_equal(akt_option_kind(o), want[i][1]);
	}
}

static void test_parse_good(void **state)
{
	struct akt_config cfg;
	char *err = NULL;

	akt_config_init(&cfg);
	assert_true(akt_config_parse(&cfg,
		"# akt configuration\n"
		"\n"
		"set server = https://akt.example.se/\n"
		"  set connect_timeout=5   # short\n"
		"set request_timeout = \"90\"\n"
		"set low_speed_time = 0\r\n"
		"set max_body = 16M\n"
		"set token_store = none\n", "cfg", &err));
	assert_null(err);
	assert_string_equal(cfg.server, "https://akt.example.se");
	assert_int_equal(cfg.connect_timeout, 5);
	assert_int_equal(cfg.request_timeout, 90);
	assert_int_equal(cfg.low_speed_time, 0);
	assert_int_equal(cfg.max_body, 16 << 20);
	assert_int_equal(cfg.token_store, AKT_TOKENS_NONE);
	akt_config_clear(&cfg);
}

static void test_errors_name_file_and_line(void **state)
{
	struct akt_config cfg;
	char *err = NULL;

	akt_config_init(&cfg);
	assert_false(akt_config_parse(&cfg,
		"set server = https://ok.example.se\n"
		"set colour = red\n"
		"set connect_timeout = soon\n"
		"set max_body = 12X\n"
		"set token_store = keyring\n"
		"set request_timeout 5\n"
		"bindings main q quit\n"
		"set ca_file = \"/x\n"
		"bind\n"
		"color   # nothing\n", "my.conf", &err));
	assert_string_equal(err,
		"my.conf:2: unknown option 'colour'\n"
		"my.conf:3: connect_timeout: 'soon' is not a number of seconds "
		"from 1 to 300\n"
		"my.conf:4: max_body: '12X' is not a size from 1K to 1G "
		"(a number, optionally with K, M or G)\n"
		"my.conf:5: token_store: 'keyring' is not one of file|none\n"
		"my.conf:6: expected 'set NAME = VALUE'\n"
		"my.conf:7: unknown command 'bindings' (lines are 'set', 'bind' "
		"and 'color'; see akt.conf(5))\n"
		"my.conf:8: unterminated or misplaced quote in value\n"
		"my.conf:9: expected 'bind SCREEN KEY ACTION'\n"
		"my.conf:10: expected 'color OBJECT FG BG [ATTR...]'");
	/* good lines still took effect */
	assert_string_equal(cfg.server, "https://ok.example.se");
	free(err);
	akt_config_clear(&cfg);
}

static void test_ranges(void **state)
{
	struct akt_config cfg;
	char *err = NULL;

	akt_config_init(&cfg);
	assert_false(akt_config_set(&cfg, "connect_timeout", "0", &err));
	free(err);
	err = NULL;
	assert_false(akt_config_set(&cfg, "request_timeout", "-1", &err));
	free(err);
	err = NULL;
	assert_false(akt_config_set(&cfg, "max_body", "2G", &err));
	free(err);
	err = NULL;
	assert_true(akt_config_set(&cfg, "max_body", "512k", &err));
	assert_int_equal(cfg.max_body, 512 << 10);
	assert_true(akt_config_set(&cfg, "max_body", "4096", &err));
	assert_int_equal(cfg.max_body, 4096);
	akt_config_clear(&cfg);
}

static void test_server_urls(void **state)
{
	char *url = NULL, *err = NULL;

	assert_true(akt_server_check("http://127.0.0.1:8080/", &url, &err));
	assert_string_equal(url, "http://127.0.0.1:8080");
	free(url);
	assert_true(akt_server_check("http://localhost:1", &url, &err));
	free(url);
	assert_true(akt_server_check("https://akt.example.se/platform/", &url,
				     &err));
	assert_string_equal(url, "https://akt.example.se/platform");
	free(url);
	assert_false(akt_server_check("http://akt.example.se", &url, &err));
	assert_non_null(strstr(err, "use https"));
	free(err);
	/* a name that only looks like a loopback address is not one */
	assert_false(akt_server_check("http://127.example.com", &url, &err));
	assert_non_null(strstr(err, "use https"));
	free(err);
	assert_true(akt_server_check("http://127.1.2.3:9", &url, &err));
	free(url);
	assert_false(akt_server_check("ftp://x.se", &url, &err));
	free(err);
	assert_false(akt_server_check("https://anna:pw@x.se", &url, &err));
	free(err);
	assert_false(akt_server_check("not a url", &url, &err));
	free(err);
}

static void test_ca_file_must_be_readable(void **state)
{
	struct akt_config cfg;
	char *err = NULL;

	akt_config_init(&cfg);
	assert_false(akt_config_set(&cfg, "ca_file", "/nonexistent/ca.pem",
				    &err));
	assert_non_null(strstr(err, "cannot read"));
	free(err);
	akt_config_clear(&cfg);
}

static char *write_file(const char *text, mode_t mode)
{
	char *path = strdup("/tmp/akt-test-config-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
	return path;
}

static void test_load_checks_permissions(void **state)
{
	struct akt_config cfg;
	char *err = NULL;
	char *path = write_file("set connect_timeout = 7\n", 0664);

	akt_config_init(&cfg);
	assert_false(akt_config_load(&cfg, path, true, &err));
	assert_non_null(strstr(err, "may be changed by others"));
	assert_non_null(strstr(err, "chmod go-w"));
	free(err);
	err = NULL;
	assert_int_equal(chmod(path, 0644), 0);
	assert_true(akt_config_load(&cfg, path, true, &err));
	assert_int_equal(cfg.connect_timeout, 7);
	unlink(path);
	/* missing: fine unless it was asked for */
	assert_true(akt_config_load(&cfg, path, false, &err));
	assert_false(akt_config_load(&cfg, path, true, &err));
	assert_non_null(strstr(err, "cannot open config"));
	free(err);
	free(path);
	akt_config_clear(&cfg);
}

static void test_load_reports_path(void **state)
{
	struct akt_config cfg;
	char *err = NULL, *want;
	char *path = write_file("set connect_timeout = 7\nset nope = 1\n", 0600);

	akt_config_init(&cfg);
	assert_false(akt_config_load(&cfg, path, true, &err));
	want = NULL;
	assert_true(asprintf(&want, "%s:2: unknown option 'nope'", path) > 0);
	assert_string_equal(err, want);
	free(want);
	free(err);
	unlink(path);
	free(path);
	akt_config_clear(&cfg);
}

/* bind and color lines are kept as written, in order, with where they
 * came from; they are the full-screen client's to check. */
static void test_ui_lines_kept(void **state)
{
	struct akt_config cfg;
	char *err = NULL;

	akt_config_init(&cfg);
	assert_true(akt_config_parse(&cfg,
		"set theme = light\n"
		"bind cases x tag   \n"
		"  color cursor blue default reverse # mine\n"
		"# bind cases y tag\n"
		"bind generic # help\n"
		"bind nowhere at all\n", "ui.conf", &err));
	assert_null(err);
	assert_string_equal(cfg.theme, "light");
	assert_int_equal(cfg.nlines, 4);
	assert_string_equal(cfg.lines[0].where, "ui.conf:2");
	assert_string_equal(cfg.lines[0].kind, "bind");
	assert_string_equal(cfg.lines[0].text, "cases x tag");
	assert_string_equal(cfg.lines[1].where, "ui.conf:3");
	assert_string_equal(cfg.lines[1].kind, "color");
	assert_string_equal(cfg.lines[1].text,
			    "cursor blue default reverse # mine");
	assert_string_equal(cfg.lines[2].where, "ui.conf:5");
	assert_string_equal(cfg.lines[2].text, "generic # help");
	assert_string_equal(cfg.lines[3].where, "ui.conf:6");
	/* a second file adds to the first */
	assert_true(akt_config_parse(&cfg, "color text red default\n", "b",
				     &err));
	assert_int_equal(cfg.nlines, 5);
	assert_string_equal(cfg.lines[4].where, "b:1");
	akt_config_clear(&cfg);
	assert_null(cfg.lines);
	assert_int_equal(cfg.nlines, 0);
}

static void test_ui_options(void **state)
{
	struct akt_config cfg;
	char *err = NULL;

	akt_config_init(&cfg);
	assert_true(akt_config_set(&cfg, "lock_after", "0", &err));
	assert_int_equal(cfg.lock_after, 0);
	assert_true(akt_config_set(&cfg, "lock_after", "1440", &err));
	assert_false(akt_config_set(&cfg, "lock_after", "1441", &err));
	assert_string_equal(err, "lock_after: '1441' is not a number of "
			    "minutes from 0 to 1440");
	free(err);
	assert_false(akt_config_set(&cfg, "history_size", "lots", &err));
	assert_string_equal(err, "history_size: 'lots' is not a number from 0 "
			    "to 100000");
	free(err);
	assert_true(akt_config_set(&cfg, "history_size", "0", &err));
	assert_int_equal(cfg.history_size, 0);
	assert_true(akt_config_set(&cfg, "theme", "~/my.theme", &err));
	assert_string_equal(cfg.theme, "~/my.theme");
	akt_config_clear(&cfg);
}

/* open_command, else xdg-open with a display, else nothing. */
static void test_open_command(void **state)
{
	struct akt_config cfg;
	char *err = NULL;

	akt_config_init(&cfg);
	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
	assert_null(akt_config_open_command(&cfg));
	setenv("DISPLAY", "", 1);
	assert_null(akt_config_open_command(&cfg));
	setenv("WAYLAND_DISPLAY", "wayland-0", 1);
	assert_string_equal(akt_config_open_command(&cfg), "xdg-open");
	unsetenv("WAYLAND_DISPLAY");
	setenv("DISPLAY", ":0", 1);
	assert_string_equal(akt_config_open_command(&cfg), "xdg-open");
	assert_true(akt_config_set(&cfg, "open_command", "evince", &err));
	assert_string_equal(akt_config_open_command(&cfg), "evince");
	unsetenv("DISPLAY");
	assert_string_equal(akt_config_open_command(&cfg), "evince");
	akt_config_clear(&cfg);
}

/* The file checks serve theme files too, named as such. */
static void test_read_names_what(void **state)
{
	char *text = NULL, *err = NULL;
	char *path = write_file("color text red default\n", 0666);

	assert_false(akt_config_read(path, "theme", "could hide things", true,
				     &text, &err));
	assert_null(text);
	assert_non_null(strstr(err, "theme "));
	assert_non_null(strstr(err, "may be changed by others (mode 0666), "
			       "who could hide things; run 'chmod go-w"));
	free(err);
	assert_int_equal(chmod(path, 0600), 0);
	assert_true(akt_config_read(path, "theme", "x", true, &text, &err));
	assert_string_equal(text, "color text red default\n");
	free(text);
	unlink(path);
	assert_true(akt_config_read(path, "theme", "x", false, &text, &err));
	assert_null(text);
	free(path);
}

static void test_env_overrides_server(void **state)
{
	struct akt_config cfg;
	char *err = NULL;

	akt_config_init(&cfg);
	assert_true(akt_config_set(&cfg, "server", "https://file.example.se",
				   &err));
	setenv("AKT_SERVER", "http://127.0.0.1:9/", 1);
	assert_true(akt_config_env(&cfg, &err));
	assert_string_equal(cfg.server, "http://127.0.0.1:9");
	setenv("AKT_SERVER", "http://remote.example.se", 1);
	assert_false(akt_config_env(&cfg, &err));
	assert_non_null(strstr(err, "AKT_SERVER: refusing plain http"));
	free(err);
	unsetenv("AKT_SERVER");
	akt_config_clear(&cfg);
}

static void test_show_values(void **state)
{
	struct akt_config cfg;

	akt_config_init(&cfg);
	for (size_t i = 0; i < akt_noptions; i++) {
		char *v = akt_config_show(&cfg, &akt_options[i]);

		/* the default shows as it is written in the table */
		assert_string_equal(v, akt_options[i].value);
		free(v);
	}
	akt_config_clear(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_user_and_credential_command),
		cmocka_unit_test(test_option_kinds),
		cmocka_unit_test(test_help_fits),
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_errors_name_file_and_line),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_server_urls),
		cmocka_unit_test(test_ca_file_must_be_readable),
		cmocka_unit_test(test_load_checks_permissions),
		cmocka_unit_test(test_load_reports_path),
		cmocka_unit_test(test_env_overrides_server),
		cmocka_unit_test(test_show_values),
		cmocka_unit_test(test_ui_lines_kept),
		cmocka_unit_test(test_ui_options),
		cmocka_unit_test(test_open_command),
		cmocka_unit_test(test_read_names_what),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}

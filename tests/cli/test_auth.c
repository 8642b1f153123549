/*
 * test_auth.c — signing in with the real akt binary: the browser sign-in
 * (device flow) approved, denied and expired; the login renewed when the
 * platform refuses its access token and when its expiry time has passed;
 * a revoked login; token_store = none with credential_command; the debug
 * log and what it must never hold; and the config file's checks.
 *
 * The sandbox polls at a 1 s interval here (--device-interval 1).
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define S ((struct sb *)*state)

#define USER_CODE "[B-DF-HJ-NP-TV-Z]{4}-[B-DF-HJ-NP-TV-Z]{4}"

static int setup(void **state)
{
	return group_start(state, "--device-interval 1");
}

static int teardown(void **state) { return group_stop(state); }

/* ---- helpers ---- */

static void write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0)
		fail_msg("%s: %s", path, strerror(errno));
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		fail_msg("%s: %s", path, strerror(errno));
	close(fd);
	chmod(path, mode);
}

/* The whole file, owned by sb; "" when it does not exist. */
static const char *read_text(struct sb *sb, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return "";
	char *buf = NULL;
	size_t cap = 0, len = 0, n;
	char chunk[4096];
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf = realloc(buf, cap = len + n + 1);
		memcpy(buf + len, chunk, n);
		len += n;
	}
	fclose(f);
	if (!buf)
		return "";
	buf[len] = '\0';
	(void)cap;
	return sb_keep(sb, buf);
}

/* The config file of home, made with the given lines (mode 0600). */
static void write_config(struct sb *sb, const char *home, const char *text)
{
	const char *dir = sb_fmt(sb, "%s/config/akt", home);
	mkdir(sb_fmt(sb, "%s/config", home), 0700);
	mkdir(dir, 0700);
	write_file(sb_fmt(sb, "%s/config", dir), text, 0600);
}

static const char *store_path(struct sb *sb, const char *home)
{
	return sb_fmt(sb, "%s/state/akt/tokens", home);
}

/* The token store of home, parsed (owned by sb); fails when absent. */
static json_t *store(struct sb *sb, const char *home)
{
	json_t *j = json_load_file(store_path(sb, home), 0, NULL);
	if (!j)
		fail_msg("no token store in %s", home);
	sb_keep_json(sb, j);
	return j;
}

/* The first match of ere in s, owned by sb. */
static const char *rx_find(struct sb *sb, const char *s, const char *ere)
{
	regex_t rx;
	regmatch_t m;
	if (regcomp(&rx, ere, REG_EXTENDED) != 0)
		fail_msg("bad regex %s", ere);
	int rc = regexec(&rx, s, 1, &m, 0);
	regfree(&rx);
	if (rc != 0)
		fail_msg("no '%s' in:\n%s", ere, s);
	return sb_fmt(sb, "%.*s", (int)(m.rm_eo - m.rm_so), s + m.rm_so);
}

/* Milliseconds of the day of a log line's time stamp. */
static long stamp_ms(const char *line)
{
	int h, mi, s, ms;
	if (sscanf(line, "%*d-%*d-%*dT%d:%d:%d.%dZ", &h, &mi, &s, &ms) != 4)
		fail_msg("log line without a time: %s", line);
	return ((h * 60L + mi) * 60 + s) * 1000 + ms;
}

/* Start `akt [--log LOG] login` and wait for the user code it shows. */
static struct cli_proc *device_start(struct sb *sb, const char *home,
				     const char *log, const char **code)
{
	const char *with_log[] = {"--log", log, "login", NULL};
	const char *plain[] = {"login", NULL};
	struct cli_proc *p = cli_start(sb, home, NULL, log ? with_log : plain);
	const char *out = cli_wait_out(p, "enter the code\n +" USER_CODE, 10);
	if (!out) {
		struct cli_run *r = cli_finish(p, 1);
		fail_msg("akt login showed no code (%d):\n%s%s", r->status,
			 r->out, r->err);
	}
	*code = rx_find(sb, strstr(out, "enter the code"), USER_CODE);
	return p;
}

static void device_decide(struct sb *sb, const char *code, const char *json)
{
	struct http_resp *r = sb_post_json(
		sb, "/v1/sandbox/device/approve",
		sb_fmt(sb, "{\"user_code\":\"%s\",%s}", code, json));
	expect_status(r, 200);
}

/* ---- device flow ---- */

/* No --user: the code and the address are shown, akt polls at the
 * platform's interval until the officer approves, and then knows who
 * signed in and keeps the login. */
static void device_login_approved(void **state)
{
	const char *home = cli_home(S), *code;
	const char *log = sb_fmt(S, "%s/akt.log", home);
	struct cli_proc *p = device_start(S, home, log, &code);

	/* let it poll a few times before the officer approves */
	sleep_s(3.2);
	device_decide(S, code, "\"username\":\"anna\"");
	struct cli_run *r = cli_finish(p, 20);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, sb_fmt(S, "%s/device?code=%s\n",
					      sb_base(S), code)));
	assert_non_null(strstr(r->out, sb_fmt(S, "or open %s/device and "
					      "enter the code", sb_base(S))));
	assert_non_null(strstr(r->out, sb_fmt(S, "Logged in to %s as anna.",
					      sb_base(S))));
	assert_string_equal(jstr(store(S, home), "username"), "anna");

	const char *who[] = {"whoami", "--json", NULL};
	r = cli_run(S, home, NULL, who);
	assert_int_equal(r->status, 0);
	assert_string_equal(jstr(r->json, "username"), "anna");

	/* the polls kept the interval: never answered slow_down, and at
	 * least a second apart */
	const char *text = read_text(S, log);
	const char *poll = sb_fmt(S, "POST %s/v1/oauth/token", sb_base(S));
	long prev = -1;
	int polls = 0;
	for (const char *l = text; (l = strstr(l, poll)); l++) {
		const char *line = l;
		while (line > text && line[-1] != '\n')
			line--;
		long t = stamp_ms(line);
		if (prev >= 0)
			assert_true(t - prev >= 950);
		prev = t;
		polls++;
	}
	assert_true(polls >= 3);
	assert_non_null(strstr(text, "error authorization_pending"));
	assert_null(strstr(text, "slow_down"));
}

static void device_login_denied(void **state)
{
	const char *home = cli_home(S), *code;
	struct cli_proc *p = device_start(S, home, NULL, &code);

	device_decide(S, code, "\"deny\":true");
	struct cli_run *r = cli_finish(p, 20);
	assert_int_equal(r->status, 5);
	assert_non_null(strstr(r->err, "akt: login refused: the sign-in was "
				   "denied in the browser"));
	assert_int_equal(access(store_path(S, home), F_OK), -1);
}

/* The code outlives its 600 s on the platform's clock. Runs last: the
 * sandbox clock only moves forward. */
static void device_code_expired(void **state)
{
	const char *home = cli_home(S), *code;
	struct cli_proc *p = device_start(S, home, NULL, &code);

	expect_status(sb_post_json(S, "/v1/sandbox/clock",
				   "{\"advance_seconds\":601}"), 200);
	struct cli_run *r = cli_finish(p, 20);
	assert_int_equal(r->status, 5);
	assert_non_null(strstr(r->err, "akt: the code expired; run 'akt login' "
				   "again"));
	assert_int_equal(access(store_path(S, home), F_OK), -1);
}

/* ---- renewing the login ---- */

/* The platform ends the access token early: the next command meets a
 * 401, renews with the refresh token and succeeds, without a login.
 * The log shows it, and holds neither the old nor the new tokens. */
static void expired_token_refreshed(void **state)
{
	const char *home = cli_home_login(S, "erik");
	json_t *before = store(S, home);
	const char *old_access = jstr(before, "access_token");
	const char *old_refresh = jstr(before, "refresh_token");
	const char *log = sb_fmt(S, "%s/akt.log", home);

	expect_status(sb_post_json(S, "/v1/sandbox/tokens/expire",
				   "{\"username\":\"erik\"}"), 200);
	expect_status(api_get(S, "/v1/me", old_access), 401);
	const char *argv[] = {"--log", log, "queues", NULL};
	struct cli_run *r = cli_run(S, home, NULL, argv);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "Ekonomiskt bistånd"));

	json_t *after = store(S, home);
	const char *access = jstr(after, "access_token");
	const char *refresh = jstr(after, "refresh_token");
	assert_string_not_equal(access, old_access);
	expect_status(api_get(S, "/v1/me", access), 200);

	const char *text = read_text(S, log);
	const char *refused = strstr(text, sb_fmt(S, "GET %s/v1/queues 401",
						  sb_base(S)));
	const char *renewed = strstr(text, sb_fmt(S, "POST %s/v1/oauth/token "
						  "200", sb_base(S)));
	const char *again = strstr(text, sb_fmt(S, "GET %s/v1/queues 200",
						sb_base(S)));
	assert_non_null(refused);
	assert_non_null(renewed);
	assert_non_null(again);
	assert_true(refused < renewed && renewed < again);
	assert_null(strstr(text, old_access));
	assert_null(strstr(text, old_refresh));
	assert_null(strstr(text, access));
	assert_null(strstr(text, refresh));
}

/* The stored expiry time has passed: akt renews before sending, so the
 * platform never sees the old token. */
static void expiry_time_renews_first(void **state)
{
	const char *home = cli_home_login(S, "anna");
	json_t *t = json_deep_copy(store(S, home));
	const char *log = sb_fmt(S, "%s/akt.log", home);

	sb_keep_json(S, t);
	const char *old_access = sb_fmt(S, "%s", jstr(t, "access_token"));
	json_object_set_new(t, "expires_at", json_integer(1000));
	char *text = json_dumps(t, 0);
	write_file(store_path(S, home), text, 0600);
	free(text);

	const char *argv[] = {"--log", log, "whoami", NULL};
	struct cli_run *r = cli_run(S, home, NULL, argv);
	assert_int_equal(r->status, 0);
	json_t *after = store(S, home);
	assert_string_not_equal(jstr(after, "access_token"), old_access);
	assert_true(jint(after, "expires_at") > 1000);

	const char *l = read_text(S, log);
	assert_non_null(strstr(l, "the access token's expiry time has passed"));
	assert_null(strstr(l, " 401 "));
	const char *renewed = strstr(l, sb_fmt(S, "POST %s/v1/oauth/token 200",
					       sb_base(S)));
	const char *me = strstr(l, sb_fmt(S, "GET %s/v1/me 200", sb_base(S)));
	assert_non_null(renewed);
	assert_non_null(me);
	assert_true(renewed < me);
}

/* The refresh token was revoked and the access token has expired: the
 * login is over, the store is emptied, and akt says what to do. */
static void revoked_login_fails(void **state)
{
	const char *home = cli_home_login(S, "anna");
	json_t *t = store(S, home);
	const char *refresh = jstr(t, "refresh_token");

	expect_status(form_post(S, "/v1/oauth/revoke",
				sb_fmt(S, "token=%s", url_enc(S, refresh))), 200);
	expect_status(sb_post_json(S, "/v1/sandbox/tokens/expire",
				   "{\"username\":\"anna\"}"), 200);
	const char *argv[] = {"whoami", NULL};
	struct cli_run *r = cli_run(S, home, NULL, argv);
	assert_int_equal(r->status, 5);
	assert_non_null(strstr(r->err, "akt: session expired; run 'akt login'"));
	assert_int_equal(access(store_path(S, home), F_OK), -1);
	/* and stays so: no login, no second try */
	r = cli_run(S, home, NULL, argv);
	assert_int_equal(r->status, 5);
	assert_non_null(strstr(r->err, "not logged in"));
}

/* ---- token_store = none and credential_command ---- */

/* Nothing is written; each command signs in with the password the
 * command prints, which shows up nowhere. */
static void store_none_with_credential_command(void **state)
{
	const char *home = cli_home(S);
	const char *script = sb_fmt(S, "%s/password", home);
	const char *log = sb_fmt(S, "%s/akt.log", home);

	write_file(script, "#!/bin/sh\necho demo\n", 0700);
	write_config(S, home, sb_fmt(S, "set token_store = none\n"
				     "set user = anna\n"
				     "set credential_command = %s\n", script));
	const char *who[] = {"--log", log, "whoami", "--json", NULL};
	for (int i = 0; i < 2; i++) {
		struct cli_run *r = cli_run(S, home, NULL, who);
		assert_int_equal(r->status, 0);
		assert_string_equal(jstr(r->json, "username"), "anna");
		assert_null(strstr(r->err, "demo"));
	}
	assert_int_equal(access(sb_fmt(S, "%s/state", home), F_OK), -1);
	const char *text = read_text(S, log);
	assert_non_null(strstr(text, "signing in with credential_command"));
	assert_null(strstr(text, "demo"));

	/* a failing command is named; so is a wrong password from it */
	write_config(S, home, "set token_store = none\nset user = anna\n"
		     "set credential_command = echo demo; exit 3\n");
	const char *plain[] = {"whoami", NULL};
	struct cli_run *r = cli_run(S, home, NULL, plain);
	assert_int_equal(r->status, 5);
	assert_non_null(strstr(r->err, "akt: credential_command failed (exit "
				   "status 3)"));
	assert_null(strstr(r->err, "demo"));
	write_config(S, home, "set token_store = none\nset user = anna\n"
		     "set credential_command = echo not-it\n");
	r = cli_run(S, home, NULL, plain);
	assert_int_equal(r->status, 5);
	assert_non_null(strstr(r->err, "wrong user name or password (the "
				   "password from credential_command)"));
	assert_null(strstr(r->err, "not-it"));

	/* without a way to sign in, the message says how to get one */
	write_config(S, home, "set token_store = none\n");
	r = cli_run(S, home, NULL, plain);
	assert_int_equal(r->status, 5);
	assert_non_null(strstr(r->err, "token_store is none"));
	assert_non_null(strstr(r->err, "credential_command"));
}

/* With a file store, `akt login --user` takes the password from the
 * command instead of asking (there is no terminal here to ask on). */
static void login_user_with_credential_command(void **state)
{
	const char *home = cli_home(S);

	write_config(S, home, "set credential_command = "
		     "test \"$AKT_USER\" = erik && echo demo\n");
	const char *argv[] = {"login", "--user", "erik", NULL};
	struct cli_run *r = cli_run(S, home, NULL, argv);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "as erik."));
	assert_string_equal(jstr(store(S, home), "username"), "erik");
}

/* ---- the debug log ---- */

/* Requests are written with time, method, URL, status and duration,
 * the file is private, and no token or password is in it. */
static void log_redacts(void **state)
{
	const char *home = cli_home(S);
	const char *log = sb_fmt(S, "%s/akt.log", home);
	const char *in[] = {"--log", log, "login", "--user", "anna",
			    "--password-stdin", NULL};
	struct cli_run *r = cli_run(S, home, "demo\n", in);
	assert_int_equal(r->status, 0);
	const char *who[] = {"--log", log, "whoami", NULL};
	r = cli_run(S, home, NULL, who);
	assert_int_equal(r->status, 0);

	struct stat st;
	assert_int_equal(stat(log, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	json_t *t = store(S, home);
	const char *text = read_text(S, log);
	assert_true(rx_match(text, "(^|\n)[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z "
			     "GET http://127\\.0\\.0\\.1:[0-9]+/v1/me 200 "
			     "[0-9]+ ms\n"));
	assert_non_null(strstr(text, sb_fmt(S, "POST %s/v1/oauth/token 200",
					    sb_base(S))));
	assert_null(strstr(text, jstr(t, "access_token")));
	assert_null(strstr(text, jstr(t, "refresh_token")));
	assert_null(strstr(text, "demo"));
	assert_null(strstr(text, "Bearer"));
	assert_null(strstr(text, "password="));

	/* --log needs its file */
	const char *bad[] = {"--log", NULL};
	r = cli_run(S, home, NULL, bad);
	assert_int_equal(r->status, 1);
	assert_non_null(strstr(r->err, "--log needs FILE"));
}

/* ---- the config file ---- */

static void config_checked(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *path = sb_fmt(S, "%s/config/akt/config", home);
	const char *who[] = {"whoami", NULL};

	/* every bad line, with file and line */
	write_config(S, home, "# settings\nset colour = red\n"
		     "set connect_timeout = 0\n");
	struct cli_run *r = cli_run(S, home, NULL, who);
	assert_int_equal(r->status, 1);
	assert_non_null(strstr(r->err, sb_fmt(S, "akt: %s:2: unknown option "
					      "'colour'\n", path)));
	assert_non_null(strstr(r->err, sb_fmt(S, "akt: %s:3: connect_timeout: "
					      "'0' is not a number of seconds "
					      "from 1 to 300\n", path)));

	/* a config others may change is refused */
	write_config(S, home, "set request_timeout = 30\n");
	chmod(path, 0666);
	r = cli_run(S, home, NULL, who);
	assert_int_equal(r->status, 1);
	assert_non_null(strstr(r->err, "may be changed by others"));

	/* AKT_SERVER (the sandbox, set by the runner) overrides server */
	write_config(S, home, "set server = http://127.0.0.1:1\n");
	r = cli_run(S, home, NULL, who);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, sb_base(S)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(device_login_approved),
		cmocka_unit_test(device_login_denied),
		cmocka_unit_test(expired_token_refreshed),
		cmocka_unit_test(expiry_time_renews_first),
		cmocka_unit_test(revoked_login_fails),
		cmocka_unit_test(store_none_with_credential_command),
		cmocka_unit_test(login_user_with_credential_command),
		cmocka_unit_test(log_redacts),
		cmocka_unit_test(config_checked),
		cmocka_unit_test(device_code_expired),
	};
	return cmocka_run_group_tests_name("cli auth", tests, setup, teardown);
}

/*
 * test_tls_warning.c — the full-screen client and TLS, headless: with
 * 'set tls_verify = no' the status bar carries a warning mark on every
 * screen for as long as akt runs (and the start warns on standard error);
 * without it there is none; a certificate that is refused is named on
 * the screen in the words of the command line; and through nginx with a
 * valid certificate the client works, over HTTP/2 (tls_env.h).
 */
#include "screen.h"
#include "tls_env.h"

#include <cmocka.h>
#include <string.h>

#define S ((struct sb *)*state)
#define MARK "!TLS NOT VERIFIED!"

static struct tls_env *tls;

static int setup(void **state)
{
	if (screen_group_start(state, "--cases 40") != 0)
		return -1;
	tls = tls_env_start(*state);
	return 0;
}

static int teardown(void **state)
{
	tls_env_stop(tls);
	tls = NULL;
	return group_stop(state);
}

/* The status bar of a shot: its line rows - 2 (the bottom line is the
 * last). */
static const char *status_bar(struct sb *sb, const char *shot, int rows)
{
	const char *l = shot;

	for (int i = 0; i < rows - 2 && l; i++) {
		l = strchr(l, '\n');
		l = l ? l + 1 : NULL;
	}
	if (!l)
		return "";
	return sb_fmt(sb, "%.*s", (int)strcspn(l, "\n"), l);
}

static void status_bar_marks_unverified_tls(void **state)
{
	const char *home = cli_home_login(S, "anna");
	struct screen_run *r;

	tls_write_config(S, home, "set tls_verify = no\n");
	/* the queues, a queue's cases, and back */
	r = screen_run(S, home, "%SHOT\n<Enter>\n%SHOT\nq\n%SHOT\n", NULL);
	assert_int_equal(r->run->status, 0);
	assert_int_equal(r->nshots, 3);
	for (size_t i = 0; i < r->nshots; i++) {
		const char *bar = status_bar(S, r->shots[i], 24);

		if (strncmp(bar, MARK, strlen(MARK)) != 0 ||
		    !strstr(bar, "anna@127.0.0.1")) {
			print_error("shot %zu, status bar: %s\n%s", i, bar,
				    r->shots[i]);
			fail();
		}
	}
	/* and the start said so where the terminal keeps it */
	assert_non_null(strstr(r->run->err, sb_fmt(S, "akt: warning: "
			       "tls_verify = no in %s/config/akt/config: ",
			       home)));

	/* checked, as by default: no mark, no warning */
	tls_write_config(S, home, "set tls_verify = yes\n");
	r = screen_run(S, home, "%SHOT\n", NULL);
	assert_int_equal(r->nshots, 1);
	assert_non_null(strstr(status_bar(S, r->shots[0], 24), "anna@127.0.0.1"));
	assert_false(screen_has(r->shots[0], MARK));
	assert_null(strstr(r->run->err, "tls_verify"));
}

static void refused_certificate_named_on_screen(void **state)
{
	const char *home = cli_home(S);
	/* wide enough for the whole message */
	const char *env[] = { "AKT_SERVER=", "COLUMNS=160", NULL };
	const char *config = sb_fmt(S, "set server = %s\n",
				    tls_url(tls, TLS_SELF_SIGNED));
	struct cli_run *login;
	struct screen_run *r;

	/* a login kept for the server, made while checks were off */
	tls_write_config(S, home, sb_fmt(S, "%sset tls_verify = no\n",
					 config));
	login = cli_run_env(S, home, "demo\n", env,
			    (const char *[]){ "login", "--user", "anna",
					      "--password-stdin", NULL }, 20);
	assert_int_equal(login->status, 0);

	/* checked again: the client names the problem like the commands */
	tls_write_config(S, home, config);
	r = screen_run(S, home, "%SHOT\n", env);
	assert_int_equal(r->nshots, 1);
	if (!screen_has(r->shots[0], sb_fmt(S, "cannot trust %s: the "
			"certificate of localhost is self-signed and not "
			"trusted", tls_url(tls, TLS_SELF_SIGNED)))) {
		print_error("%s", r->shots[0]);
		fail();
	}
	assert_false(screen_has(r->shots[0], MARK));
}

/* The lines of nginx's log for a site holding text. */
static int log_lines(struct sb *sb, enum tls_site site, const char *text)
{
	const char *prefix = sb_fmt(sb, "%d ", tls_port(tls, site));
	int n = 0;

	for (const char *l = tls_access_log(tls); *l; ) {
		size_t len = strcspn(l, "\n");
		const char *line = sb_fmt(sb, "%.*s", (int)len, l);

		if (strncmp(line, prefix, strlen(prefix)) == 0 &&
		    strstr(line, text))
			n++;
		l += len + (l[len] == '\n');
	}
	return n;
}

static void full_screen_over_tls_and_http2(void **state)
{
	const char *home = cli_home(S);
	const char *env[] = { "AKT_SERVER=", NULL };
	struct cli_run *login;
	struct screen_run *r;

	tls_write_config(S, home, sb_fmt(S, "set server = %s\n"
					 "set ca_file = %s\n",
					 tls_url(tls, TLS_VALID),
					 tls_ca_file(tls)));
	login = cli_run_env(S, home, "demo\n", env,
			    (const char *[]){ "login", "--user", "anna",
					      "--password-stdin", NULL }, 20);
	assert_int_equal(login->status, 0);
	r = screen_run(S, home, "%SHOT\n", env);
	assert_int_equal(r->nshots, 1);
	assert_true(screen_has(r->shots[0], "Bygglov"));
	assert_true(screen_has(r->shots[0], sb_fmt(S, "anna@localhost:%d "
						   "[online]",
						   tls_port(tls, TLS_VALID))));
	assert_false(screen_has(r->shots[0], MARK));
	assert_string_equal(r->run->err, "");
	/* the client's requests, the change feed's among them, went over
	 * HTTP/2, all of them */
	assert_true(log_lines(S, TLS_VALID, " GET /v1/feed") >= 1);
	assert_int_equal(log_lines(S, TLS_VALID, " HTTP/2.0 "),
			 log_lines(S, TLS_VALID, "\"akt/"));
	assert_int_equal(log_lines(S, TLS_VALID, " HTTP/1.1 "), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(status_bar_marks_unverified_tls),
		cmocka_unit_test(refused_certificate_named_on_screen),
		cmocka_unit_test(full_screen_over_tls_and_http2),
	};

	return cmocka_run_group_tests_name("ui tls warning", tests, setup,
					   teardown);
}

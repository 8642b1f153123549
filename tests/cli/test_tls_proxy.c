/*
 * test_tls_proxy.c — TLS for real: the akt binary talks to the sandbox
 * through nginx with certificates made for the test (tls_env.h).
 *
 * A certificate from a private CA works once ca_file names the CA, and
 * over HTTP/2 (nginx's log says which protocol each request came in);
 * without ca_file, and whatever the environment says, it is refused. An
 * expired certificate, one for another host name and a self-signed one
 * are each refused with exit status 4 and one line naming the problem,
 * before anything is sent. Verification is off only through
 * 'set tls_verify = no', which warns on every start.
 */
#include "cli.h"
#include "tls_env.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S ((struct sb *)*state)

static struct tls_env *tls;

static int setup(void **state)
{
	if (group_start(state, NULL) != 0)
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

/* ---- helpers ------------------------------------------------------- */

/* akt's server comes from the config file only */
static const char *const no_env[] = { "AKT_SERVER=", NULL };

/* A home whose config names a site, with more lines after. */
static const char *home_for(struct sb *sb, enum tls_site site,
			    const char *more)
{
	const char *home = cli_home(sb);

	tls_write_config(sb, home, sb_fmt(sb, "set server = %s\n%s",
					  tls_url(tls, site), more));
	return home;
}

static const char *ca_line(struct sb *sb)
{
	return sb_fmt(sb, "set ca_file = %s\n", tls_ca_file(tls));
}

static struct cli_run *run_env(struct sb *sb, const char *home,
			       const char *input, const char *const env[],
			       const char *const argv[])
{
	return cli_run_env(sb, home, input, env, argv, 20.0);
}

static struct cli_run *login_env(struct sb *sb, const char *home,
				 const char *const env[])
{
	return run_env(sb, home, "demo\n", env,
		       (const char *[]){ "login", "--user", "anna",
					 "--password-stdin", NULL });
}

static struct cli_run *login_run(struct sb *sb, const char *home)
{
	return login_env(sb, home, no_env);
}

/*
 * Refused: exit status 4, nothing on standard output, and standard error
 * exactly the one line want.
 */
static void expect_refused_at(const struct cli_run *r, const char *want,
			      const char *file, int line)
{
	if (r->status != 4 || r->out_len != 0 || strcmp(r->err, want) != 0) {
		print_error("%s:%d: exit %d (want 4), stdout %zu bytes, "
			    "stderr:\n%s\nwant:\n%s", file, line, r->status,
			    r->out_len, r->err, want);
		fail();
	}
}
#define expect_refused(r, want) \
	expect_refused_at((r), (want), __FILE__, __LINE__)

/* The lines of nginx's log for a site's port. */
static int log_lines(struct sb *sb, enum tls_site site, const char *also)
{
	const char *log = tls_access_log(tls);
	const char *prefix = sb_fmt(sb, "%d ", tls_port(tls, site));
	int n = 0;

	for (const char *l = log; *l; ) {
		const char *nl = strchr(l, '\n');
		size_t len = nl ? (size_t)(nl - l) : strlen(l);
		char *line = strndup(l, len);

		if (strncmp(line, prefix, strlen(prefix)) == 0 &&
		    (!also || strstr(line, also)))
			n++;
		free(line);
		l += len + (nl != NULL);
	}
	return n;
}

/* nginx logs a request after its answer is sent, so the line may come
 * after akt has ended: wait (up to 20 s) until there are at least n
 * such lines. */
static int await_log_lines(struct sb *sb, enum tls_site site,
			   const char *also, int n)
{
	double end = now_s() + 20;
	int got;

	while ((got = log_lines(sb, site, also)) < n && now_s() < end)
		sleep_s(0.05);
	return got;
}

/* ---- a valid certificate ------------------------------------------- */

static void valid_certificate_works_over_http2(void **state)
{
	const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);
	const char *home = home_for(S, TLS_VALID, ca_line(S));
	struct cli_run *r;

	/* the libcurl akt is linked with speaks HTTP/2 */
	assert_true(v->features & CURL_VERSION_HTTP2);

	r = login_run(S, home);
	assert_int_equal(r->status, 0);
	assert_string_equal(r->err, "");
	assert_non_null(strstr(r->out, sb_fmt(S, "Logged in to %s as anna",
					       tls_url(tls, TLS_VALID))));
	r = run_env(S, home, NULL, no_env, (const char *[]){ "queues", NULL });
	assert_int_equal(r->status, 0);
	assert_string_equal(r->err, "");
	assert_non_null(strstr(r->out, "Bygglov"));
	r = run_env(S, home, NULL, no_env,
		    (const char *[]){ "cases", "--json", NULL });
	assert_int_equal(r->status, 0);
	assert_non_null(r->json);

	/* every request of akt's came in over HTTP/2: the platform, the
	 * token, the queues and the cases at least */
	await_log_lines(S, TLS_VALID, " GET /v1/queues 200 ", 1);
	await_log_lines(S, TLS_VALID, " GET /v1/cases", 1);
	await_log_lines(S, TLS_VALID, "\"akt/", 4);
	int all = log_lines(S, TLS_VALID, "\"akt/");
	int h2 = log_lines(S, TLS_VALID, " HTTP/2.0 ");
	if (all < 4 || h2 != all) {
		print_error("%d of %d requests over HTTP/2:\n%s", h2, all,
			    tls_access_log(tls));
		fail();
	}
	assert_int_equal(log_lines(S, TLS_VALID, " GET /v1/queues 200 "), 1);
}

/* ---- refused certificates ------------------------------------------ */

static void private_ca_needs_ca_file(void **state)
{
	const char *home = home_for(S, TLS_VALID, "");
	const char *want = sb_fmt(S, "akt: cannot trust %s: the certificate "
				  "of localhost is signed by an unknown "
				  "authority; name its CA with 'set ca_file'\n",
				  tls_url(tls, TLS_VALID));
	const char *dir = tls_ca_file(tls);
	/* the variables other TLS programs read to add a CA or stop
	 * checking change nothing for akt */
	const char *env[] = {
		"AKT_SERVER=",
		sb_fmt(S, "SSL_CERT_FILE=%s", tls_ca_file(tls)),
		sb_fmt(S, "SSL_CERT_DIR=%.*s", (int)(strrchr(dir, '/') - dir),
		       dir),
		sb_fmt(S, "CURL_CA_BUNDLE=%s", tls_ca_file(tls)),
		"AKT_TLS_VERIFY=no", "AKT_INSECURE=1", "CURL_INSECURE=1",
		"GIT_SSL_NO_VERIFY=1", "NODE_TLS_REJECT_UNAUTHORIZED=0",
		"PYTHONHTTPSVERIFY=0", NULL
	};
	int before = log_lines(S, TLS_VALID, NULL);

	expect_refused(login_run(S, home), want);
	expect_refused(login_env(S, home, env), want);
	/* a ca_file that names another authority */
	expect_refused(login_run(S, home_for(S, TLS_VALID,
		sb_fmt(S, "set ca_file = %s\n",
		       tls_cert_file(tls, TLS_SELF_SIGNED)))),
		sb_fmt(S, "akt: cannot trust %s: the certificate of localhost "
		       "is signed by an unknown authority; 'ca_file' does "
		       "not name the CA that signed it\n",
		       tls_url(tls, TLS_VALID)));
	/* refused in the handshake: no request, no password went out */
	assert_int_equal(log_lines(S, TLS_VALID, NULL), before);
}

static void expired_certificate_refused(void **state)
{
	const char *home = home_for(S, TLS_EXPIRED, ca_line(S));

	expect_refused(login_run(S, home),
		       sb_fmt(S, "akt: cannot trust %s: the certificate of "
			      "localhost has expired; tell the platform's "
			      "administrators, or check the date and time of "
			      "this computer\n", tls_url(tls, TLS_EXPIRED)));
	assert_int_equal(log_lines(S, TLS_EXPIRED, NULL), 0);
}

static void wrong_host_name_refused(void **state)
{
	const char *home = home_for(S, TLS_WRONG_HOST, ca_line(S));

	expect_refused(login_run(S, home),
		       sb_fmt(S, "akt: cannot trust %s: the certificate is for "
			      "another host name (wrong.example, not "
			      "localhost); check 'set server' or AKT_SERVER\n",
			      tls_url(tls, TLS_WRONG_HOST)));
	assert_int_equal(log_lines(S, TLS_WRONG_HOST, NULL), 0);
}

static void self_signed_refused(void **state)
{
	/* the CA named or not: nobody vouches for it */
	const char *want = sb_fmt(S, "akt: cannot trust %s: the certificate "
				  "of localhost is self-signed and not "
				  "trusted; if it is the platform's own, name "
				  "it with 'set ca_file'\n",
				  tls_url(tls, TLS_SELF_SIGNED));

	expect_refused(login_run(S, home_for(S, TLS_SELF_SIGNED, "")), want);
	expect_refused(login_run(S, home_for(S, TLS_SELF_SIGNED, ca_line(S))),
		       want);
	assert_int_equal(log_lines(S, TLS_SELF_SIGNED, NULL), 0);

	/* what the hint says: named in ca_file, that certificate is
	 * trusted, and nothing else changes */
	struct cli_run *r = login_run(S, home_for(S, TLS_SELF_SIGNED,
		sb_fmt(S, "set ca_file = %s\n",
		       tls_cert_file(tls, TLS_SELF_SIGNED))));
	assert_int_equal(r->status, 0);
	assert_string_equal(r->err, "");
	assert_true(log_lines(S, TLS_SELF_SIGNED, NULL) > 0);
}

/* ---- turning verification off -------------------------------------- */

/*
 * No setting silently turns verification off: libcurl's two switches
 * are set in one place, from the one option.
 */
static void only_the_setting_turns_verification_off(void **state)
{
	char *src = cli_slurp("src/http.c");
	int peer = 0, host = 0;

	assert_non_null(src);
	assert_non_null(strstr(src, "h->tls_verify = cfg->tls_verify != "
			       "AKT_TLS_NO_VERIFY;"));
	for (char *l = src; *l; ) {
		char *nl = strchr(l, '\n');

		if (nl)
			*nl = '\0';
		if (strstr(l, "CURLOPT_SSL_VERIFYPEER")) {
			assert_non_null(strstr(l, "h->tls_verify ? 1L : 0L"));
			peer++;
		}
		if (strstr(l, "CURLOPT_SSL_VERIFYHOST")) {
			assert_non_null(strstr(l, "h->tls_verify ? 2L : 0L"));
			host++;
		}
		l = nl ? nl + 1 : l + strlen(l);
	}
	assert_int_equal(peer, 1);
	assert_int_equal(host, 1);
	free(src);
	/* and the option takes nothing but yes and no */
	struct cli_run *r = run_env(S, home_for(S, TLS_SELF_SIGNED,
						"set tls_verify = off\n"),
				    NULL, no_env,
				    (const char *[]){ "queues", NULL });
	assert_int_equal(r->status, 1);
	assert_non_null(strstr(r->err, "tls_verify: 'off' is not one of "
			       "yes|no"));
}

static void insecure_setting_warns_on_every_start(void **state)
{
	const char *home = home_for(S, TLS_SELF_SIGNED,
				    "set tls_verify = no\n");
	const char *warning = sb_fmt(S, "akt: warning: tls_verify = no in "
				     "%s/config/akt/config: the platform's "
				     "certificate is not checked, so anyone "
				     "on the network can read and change "
				     "what akt sends\n", home);
	struct cli_run *r;

	/* the setting does what it says: the self-signed server works */
	r = login_run(S, home);
	assert_int_equal(r->status, 0);
	assert_string_equal(r->err, warning);
	r = run_env(S, home, NULL, no_env, (const char *[]){ "queues", NULL });
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "Bygglov"));
	assert_string_equal(r->err, warning);
	assert_true(await_log_lines(S, TLS_SELF_SIGNED, " GET /v1/queues 200 ",
				    1) >= 1);

	/* the host name is not checked either */
	home = home_for(S, TLS_WRONG_HOST, "set tls_verify = no\n");
	r = login_run(S, home);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->err, "akt: warning: tls_verify = no in "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_certificate_works_over_http2),
		cmocka_unit_test(private_ca_needs_ca_file),
		cmocka_unit_test(expired_certificate_refused),
		cmocka_unit_test(wrong_host_name_refused),
		cmocka_unit_test(self_signed_refused),
		cmocka_unit_test(only_the_setting_turns_verification_off),
		cmocka_unit_test(insecure_setting_warns_on_every_start),
	};

	return cmocka_run_group_tests_name("cli tls proxy", tests, setup,
					   teardown);
}

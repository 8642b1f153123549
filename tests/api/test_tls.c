/*
 * test_tls.c — the sandbox over HTTPS (--cert/--key): a client that trusts
 * the certificate signs in and reads; one that does not is refused by
 * certificate verification, which stays on.
 */
#include "harness.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256];
static char cert[300], key[300];

struct sink {
	char buf[65536];
	size_t len;
};

static size_t sink_write(char *p, size_t size, size_t n, void *ud)
{
	struct sink *s = ud;
	size_t len = size * n;
	if (len > sizeof s->buf - 1 - s->len)
		len = sizeof s->buf - 1 - s->len;
	memcpy(s->buf + s->len, p, len);
	s->len += len;
	s->buf[s->len] = '\0';
	return size * n;
}

/* One HTTPS request; the CURLcode, with status and body in *out. */
static CURLcode https(struct sb *sb, const char *host, const char *path,
		      const char *cafile, const char *token, const char *form,
		      long *status, struct sink *out)
{
	char url[256], auth[600];
	struct curl_slist *h = NULL;
	snprintf(url, sizeof url, "https://%s:%d%s", host, sb_port(sb), path);
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	/* name resolution of "localhost" must not leave loopback */
	struct curl_slist *res = NULL;
	char pin[128];
	snprintf(pin, sizeof pin, "localhost:%d:127.0.0.1", sb_port(sb));
	res = curl_slist_append(res, pin);
	curl_easy_setopt(c, CURLOPT_RESOLVE, res);
	if (cafile)
		curl_easy_setopt(c, CURLOPT_CAINFO, cafile);
	if (token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		h = curl_slist_append(h, auth);
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	}
	if (form)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
	out->len = 0;
	out->buf[0] = '\0';
	CURLcode rc = curl_easy_perform(c);
	*status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	curl_slist_free_all(res);
	return rc;
}

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/akt-tls-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	snprintf(cert, sizeof cert, "%s/cert.pem", dir);
	snprintf(key, sizeof key, "%s/key.pem", dir);
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
		 "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
		 "-nodes -days 2 -subj /CN=localhost "
		 "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 "
		 "-keyout '%s' -out '%s' 2>/dev/null", key, cert);
	if (system(cmd) != 0) {
		fprintf(stderr, "test_tls: openssl could not make a certificate\n");
		return -1;
	}
	char args[700];
	snprintf(args, sizeof args, "--cert %s --key %s", cert, key);
	return group_start(state, args);
}

static int teardown(void **state)
{
	int rc = group_stop(state);
	unlink(cert);
	unlink(key);
	rmdir(dir);
	return rc;
}

/* Trusting the certificate: discovery, sign-in and a read over TLS. */
static void trusted_certificate(void **state)
{
	struct sb *sb = *state;
	static struct sink out;
	long status;
	assert_int_equal(https(sb, "localhost", "/v1/platform", cert, NULL, NULL,
			       &status, &out), CURLE_OK);
	assert_int_equal(status, 200);
	assert_non_null(strstr(out.buf, "\"api_version\""));

	assert_int_equal(https(sb, "127.0.0.1", "/v1/oauth/token", cert, NULL,
			       "grant_type=password&username=anna&password=demo"
			       "&client_id=akt", &status, &out), CURLE_OK);
	assert_int_equal(status, 200);
	json_t *j = json_loads(out.buf, 0, NULL);
	assert_non_null(j);
	char token[256];
	snprintf(token, sizeof token, "%s", jstr(j, "access_token"));
	json_decref(j);

	assert_int_equal(https(sb, "localhost", "/v1/me", cert, token, NULL,
			       &status, &out), CURLE_OK);
	assert_int_equal(status, 200);
	assert_non_null(strstr(out.buf, "\"anna\""));
}

/* Not trusting it (the system's CAs only): verification refuses. */
static void untrusted_certificate_refused(void **state)
{
	struct sb *sb = *state;
	static struct sink out;
	long status;
	CURLcode rc = https(sb, "localhost", "/v1/platform", NULL, NULL, NULL,
			    &status, &out);
	assert_int_equal(rc, CURLE_PEER_FAILED_VERIFICATION);
	assert_int_equal(status, 0);
}

/* Plain HTTP to the TLS port gets no API answer. */
static void plain_http_gets_nothing(void **state)
{
	struct sb *sb = *state;
	struct http_resp *r = http_req_ex(sb, "GET", "/v1/platform", NULL, NULL,
					  0, NULL, 3);
	assert_true(r->status != 200);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(trusted_certificate),
		cmocka_unit_test(untrusted_certificate_refused),
		cmocka_unit_test(plain_http_gets_nothing),
	};
	return cmocka_run_group_tests_name("tls", tests, setup, teardown);
}

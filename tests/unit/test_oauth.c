/*
 * test_oauth.c — form bodies and the token answer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/oauth.h"

static void test_forms_encoded(void **state)
{
	char *f = akt_oauth_password_form("akt", "anna", "a b&c=d+é%");

	assert_string_equal(f, "grant_type=password&username=anna&"
			       "password=a%20b%26c%3Dd%2B%C3%A9%25&client_id=akt");
	free(f);
	f = akt_oauth_refresh_form("akt", "r.t-1_~");
	assert_string_equal(f, "grant_type=refresh_token&refresh_token=r.t-1_~"
			       "&client_id=akt");
	free(f);
	f = akt_oauth_revoke_form("tok", NULL);
	assert_string_equal(f, "token=tok");
	free(f);
}

static void test_grant_decoded(void **state)
{
	json_t *j = json_loads("{\"access_token\":\"A\",\"token_type\":\"bearer\","
			       "\"expires_in\":900,\"refresh_token\":\"R\","
			       "\"scope\":\"cases:read\"}", 0, NULL);
	struct akt_tokens t = { .access_token = NULL };
	char *err = NULL;

	t.username = strdup("anna");
	assert_true(akt_oauth_grant_decode(j, 1000, &t, &err));
	assert_string_equal(t.access_token, "A");
	assert_string_equal(t.refresh_token, "R");
	assert_int_equal(t.expires_at, 1900);
	assert_string_equal(t.username, "anna");
	/* a rotated answer without a refresh token drops the old one */
	json_object_del(j, "refresh_token");
	json_object_del(j, "expires_in");
	assert_true(akt_oauth_grant_decode(j, 1000, &t, &err));
	assert_null(t.refresh_token);
	assert_int_equal(t.expires_at, 0);
	akt_tokens_clear(&t);
	json_decref(j);
}

static void test_grant_rejected(void **state)
{
	json_t *j = json_loads("{\"access_token\":\"A\",\"token_type\":\"mac\"}",
			       0, NULL);
	struct akt_tokens t = { .access_token = NULL };
	char *err = NULL;

	assert_false(akt_oauth_grant_decode(j, 0, &t, &err));
	assert_string_equal(err, "token answer: field 'token_type' is not Bearer");
	free(err);
	err = NULL;
	json_object_set_new(j, "access_token", json_integer(5));
	assert_false(akt_oauth_grant_decode(j, 0, &t, &err));
	assert_string_equal(err, "token answer: field 'access_token' is an "
				 "integer, expected a string");
	assert_null(t.access_token);
	free(err);
	json_decref(j);
}

static void test_device_forms(void **state)
{
	char *f = akt_oauth_device_form("akt");

	assert_string_equal(f, "client_id=akt");
	free(f);
	f = akt_oauth_device_token_form("akt", "c0de");
	assert_string_equal(f, "grant_type=urn%3Aietf%3Aparams%3Aoauth%3A"
			       "grant-type%3Adevice_code&device_code=c0de&"
			       "client_id=akt");
	free(f);
}

static void test_device_decoded(void **state)
{
	json_t *j = json_loads("{\"device_code\":\"D\",\"user_code\":"
			       "\"BCDF-GHJK\",\"verification_uri\":"
			       "\"https://k.example/device\","
			       "\"verification_uri_complete\":"
			       "\"https://k.example/device?code=BCDF-GHJK\","
			       "\"expires_in\":600,\"interval\":3}", 0, NULL);
	struct akt_device_auth d;
	char *err = NULL;

	assert_true(akt_oauth_device_decode(j, &d, &err));
	assert_string_equal(d.device_code, "D");
	assert_string_equal(d.user_code, "BCDF-GHJK");
	assert_string_equal(d.verification_uri, "https://k.example/device");
	assert_string_equal(d.verification_uri_complete,
			    "https://k.example/device?code=BCDF-GHJK");
	assert_int_equal(d.expires_in, 600);
	assert_int_equal(d.interval, 3);
	akt_oauth_device_clear(&d);
	/* RFC 8628: no interval means 5 seconds; the complete URI is
	 * optional; an interval of 0 would have us poll without pause */
	json_object_del(j, "interval");
	json_object_del(j, "verification_uri_complete");
	assert_true(akt_oauth_device_decode(j, &d, &err));
	assert_int_equal(d.interval, AKT_DEVICE_INTERVAL);
	assert_null(d.verification_uri_complete);
	akt_oauth_device_clear(&d);
	json_object_set_new(j, "interval", json_integer(0));
	assert_true(akt_oauth_device_decode(j, &d, &err));
	assert_int_equal(d.interval, 1);
	akt_oauth_device_clear(&d);
	json_object_del(j, "user_code");
	assert_false(akt_oauth_device_decode(j, &d, &err));
	assert_string_equal(err, "device authorization: field 'user_code' "
				 "missing");
	assert_null(d.device_code);
	free(err);
	json_decref(j);
}

/* slow_down widens the interval by 5 s for good; the rest end or wait. */
static void test_device_next(void **state)
{
	int64_t interval = 1;

	assert_int_equal(akt_oauth_device_next("authorization_pending",
					       &interval), AKT_DEVICE_WAIT);
	assert_int_equal(interval, 1);
	assert_int_equal(akt_oauth_device_next("slow_down", &interval),
			 AKT_DEVICE_SLOWER);
	assert_int_equal(interval, 6);
	assert_int_equal(akt_oauth_device_next("slow_down", &interval),
			 AKT_DEVICE_SLOWER);
	assert_int_equal(interval, 11);
	assert_int_equal(akt_oauth_device_next("authorization_pending",
					       &interval), AKT_DEVICE_WAIT);
	assert_int_equal(interval, 11);
	assert_int_equal(akt_oauth_device_next("expired_token", &interval),
			 AKT_DEVICE_EXPIRED);
	assert_int_equal(akt_oauth_device_next("access_denied", &interval),
			 AKT_DEVICE_DENIED);
	assert_int_equal(akt_oauth_device_next("invalid_grant", &interval),
			 AKT_DEVICE_FAILED);
	assert_int_equal(akt_oauth_device_next(NULL, &interval),
			 AKT_DEVICE_FAILED);
	assert_int_equal(interval, 11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms_encoded),
		cmocka_unit_test(test_grant_decoded),
		cmocka_unit_test(test_grant_rejected),
		cmocka_unit_test(test_device_forms),
		cmocka_unit_test(test_device_decoded),
		cmocka_unit_test(test_device_next),
	};

	return cmocka_run_group_tests_name("oauth", tests, NULL, NULL);
}

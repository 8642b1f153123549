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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms_encoded),
		cmocka_unit_test(test_grant_decoded),
		cmocka_unit_test(test_grant_rejected),
	};

	return cmocka_run_group_tests_name("oauth", tests, NULL, NULL);
}

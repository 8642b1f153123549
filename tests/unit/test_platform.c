/*
 * test_platform.c — the platform description and error bodies.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/platform.h"
#include "akt/problem.h"

static const char sandbox[] =
	"{\"name\":\"Sandbox kommun\",\"api_version\":1,\"sandbox\":true,"
	"\"auth\":{\"token_endpoint\":\"/v1/oauth/token\","
	"\"device_authorization_endpoint\":\"/v1/oauth/device\","
	"\"revocation_endpoint\":\"/v1/oauth/revoke\","
	"\"grant_types\":[\"urn:ietf:params:oauth:grant-type:device_code\","
	"\"refresh_token\",\"password\"]},\"client_id\":\"akt\"}";

static void test_platform_good(void **state)
{
	json_t *j = json_loads(sandbox, 0, NULL);
	struct akt_platform p;
	char *err = NULL;

	assert_true(akt_platform_decode(j, &p, &err));
	assert_string_equal(p.name, "Sandbox kommun");
	assert_int_equal(p.api_version, 1);
	assert_true(p.sandbox);
	assert_string_equal(p.token_endpoint, "/v1/oauth/token");
	assert_string_equal(p.revocation_endpoint, "/v1/oauth/revoke");
	assert_true(akt_platform_has_grant(&p, "password"));
	assert_false(akt_platform_has_grant(&p, "client_credentials"));
	assert_string_equal(p.client_id, "akt");
	akt_platform_clear(&p);
	json_decref(j);
}

static void test_platform_without_optional_parts(void **state)
{
	json_t *j = json_loads(sandbox, 0, NULL);
	json_t *auth = json_object_get(j, "auth");
	struct akt_platform p;
	char *err = NULL;

	json_object_del(j, "sandbox");
	json_object_del(auth, "device_authorization_endpoint");
	json_object_del(auth, "revocation_endpoint");
	assert_true(akt_platform_decode(j, &p, &err));
	assert_false(p.sandbox);
	assert_null(p.device_endpoint);
	assert_null(p.revocation_endpoint);
	akt_platform_clear(&p);
	json_decref(j);
}

static void test_platform_endpoint_elsewhere_refused(void **state)
{
	json_t *j = json_loads(sandbox, 0, NULL);
	struct akt_platform p;
	char *err = NULL;

	json_object_set_new(json_object_get(j, "auth"), "token_endpoint",
			    json_string("https://evil.example/token"));
	assert_false(akt_platform_decode(j, &p, &err));
	assert_string_equal(err, "platform: field 'auth.token_endpoint' is not "
				 "a path on the same server");
	free(err);
	err = NULL;
	json_object_set_new(json_object_get(j, "auth"), "token_endpoint",
			    json_string("//evil.example/token"));
	assert_false(akt_platform_decode(j, &p, &err));
	free(err);
	json_decref(j);
}

static void test_problem_json(void **state)
{
	json_t *j = json_loads("{\"type\":\"urn:akt:problem:precondition-failed\","
			       "\"title\":\"Precondition failed\",\"status\":412,"
			       "\"detail\":\"changed by erik\",\"instance\":\"/x\"}",
			       0, NULL);
	struct akt_problem p;

	akt_problem_decode(j, &p);
	assert_int_equal(p.status, 412);
	assert_string_equal(p.type, "precondition-failed");
	assert_string_equal(akt_problem_text(&p), "changed by erik");
	akt_problem_clear(&p);
	json_decref(j);
}

static void test_problem_oauth_and_junk(void **state)
{
	json_t *j = json_loads("{\"error\":\"invalid_grant\","
			       "\"error_description\":\"bad password\"}", 0, NULL);
	struct akt_problem p;

	akt_problem_decode(j, &p);
	assert_string_equal(p.oauth_error, "invalid_grant");
	assert_string_equal(akt_problem_text(&p), "bad password");
	akt_problem_clear(&p);
	json_decref(j);
	j = json_loads("[\"not a problem\"]", 0, NULL);
	akt_problem_decode(j, &p);
	assert_null(akt_problem_text(&p));
	akt_problem_clear(&p);
	json_decref(j);
	akt_problem_decode(NULL, &p);
	assert_int_equal(p.status, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_platform_good),
		cmocka_unit_test(test_platform_without_optional_parts),
		cmocka_unit_test(test_platform_endpoint_elsewhere_refused),
		cmocka_unit_test(test_problem_json),
		cmocka_unit_test(test_problem_oauth_and_junk),
	};

	return cmocka_run_group_tests_name("platform", tests, NULL, NULL);
}

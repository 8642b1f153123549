/*
 * test_officer.c — decoding GET /v1/me: good, missing field, wrong type,
 * unknown fields ignored, nested errors named by path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/officer.h"
#include "json_fixture.h"

static const char good[] =
	"{\"id\":3,\"username\":\"anna\",\"name\":\"Anna Lindqvist\","
	"\"email\":\"anna@sandbox.example\","
	"\"units\":[{\"id\":1,\"name\":\"Samhällsbyggnadsförvaltningen\"},"
	"{\"id\":5,\"name\":\"Tekniska förvaltningen\"}],"
	"\"roles\":[\"officer\"],"
	"\"scopes\":[\"cases:read\",\"cases:write\",\"pin:reveal\"]}";

/* Decode good with one change applied (set or delete a member). */
static char *decode_changed(const char *field, json_t *value)
{
	json_t *j = parse(good);
	struct akt_officer o;
	char *err = NULL;

	if (value)
		json_object_set_new(j, field, value);
	else
		json_object_del(j, field);
	assert_false(akt_officer_decode(j, &o, &err));
	assert_null(o.username);
	assert_null(o.units);
	json_decref(j);
	return err;
}

static void test_good(void **state)
{
	json_t *j = parse(good);
	struct akt_officer o;
	char *err = NULL;

	assert_true(akt_officer_decode(j, &o, &err));
	assert_null(err);
	assert_int_equal(o.id, 3);
	assert_string_equal(o.username, "anna");
	assert_string_equal(o.name, "Anna Lindqvist");
	assert_string_equal(o.email, "anna@sandbox.example");
	assert_int_equal(o.nunits, 2);
	assert_int_equal(o.units[1].id, 5);
	assert_string_equal(o.units[0].name, "Samhällsbyggnadsförvaltningen");
	assert_int_equal(o.nroles, 1);
	assert_string_equal(o.roles[0], "officer");
	assert_int_equal(o.nscopes, 3);
	assert_true(akt_officer_has_scope(&o, "pin:reveal"));
	assert_false(akt_officer_has_scope(&o, "retention:admin"));
	akt_officer_clear(&o);
	assert_null(o.name);
	json_decref(j);
}

static void test_missing_field(void **state)
{
	static const char *const required[] = {
		"id", "username", "name", "units", "roles", "scopes",
	};

	for (size_t i = 0; i < AKT_LEN(required); i++) {
		char *err = decode_changed(required[i], NULL);
		char want[64];

		snprintf(want, sizeof(want), "officer: field '%s' missing",
			 required[i]);
		assert_string_equal(err, want);
		free(err);
	}
}

static void test_wrong_type(void **state)
{
	char *err = decode_changed("units", json_string("1"));

	assert_string_equal(err, "officer: field 'units' is a string, "
				 "expected an array");
	free(err);
	err = decode_changed("id", json_real(3.5));
	assert_string_equal(err, "officer: field 'id' is a number with a "
				 "fraction, expected an integer");
	free(err);
	err = decode_changed("email", json_integer(1));
	assert_string_equal(err, "officer: field 'email' is an integer, "
				 "expected a string");
	free(err);
	err = decode_changed("roles", json_pack("[s,i]", "officer", 2));
	assert_string_equal(err, "officer: field 'roles[1]' is an integer, "
				 "expected a string");
	free(err);
}

static void test_nested_error_names_path(void **state)
{
	char *err = decode_changed("units", json_pack("[{s:i,s:s},{s:i}]",
						      "id", 1, "name", "A",
						      "id", 2));

	assert_string_equal(err, "officer: field 'units[1].name' missing");
	free(err);
	err = decode_changed("units", json_pack("[s]", "x"));
	assert_string_equal(err, "officer: field 'units[0]' is a string, "
				 "expected an object");
	free(err);
}

static void test_unknown_fields_ignored_email_optional(void **state)
{
	json_t *j = parse(good);
	struct akt_officer o;
	char *err = NULL;

	json_object_set_new(j, "favourite_colour", json_string("blå"));
	json_object_set_new(j, "email", json_null());
	assert_true(akt_officer_decode(j, &o, &err));
	assert_null(o.email);
	akt_officer_clear(&o);
	json_object_del(j, "email");
	assert_true(akt_officer_decode(j, &o, &err));
	akt_officer_clear(&o);
	json_decref(j);
}

static void test_not_an_object(void **state)
{
	json_t *j = parse("[1,2,3]");
	struct akt_officer o;
	char *err = NULL;

	assert_false(akt_officer_decode(j, &o, &err));
	assert_string_equal(err, "officer: the answer is an array, expected "
				 "an object");
	free(err);
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_missing_field),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_nested_error_names_path),
		cmocka_unit_test(test_unknown_fields_ignored_email_optional),
		cmocka_unit_test(test_not_an_object),
	};

	return cmocka_run_group_tests_name("officer", tests, NULL, NULL);
}

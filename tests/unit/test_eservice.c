/*
 * test_eservice.c — decoding e-services as GET /v1/e-services gives
 * them: every field read, and a missing or mistyped one named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/eservice.h"
#include "json_fixture.h"

static const char one[] =
	"{\"id\":\"bygglov\",\"name\":{\"sv\":\"Bygglov\","
	"\"en\":\"Building permit\"},\"prefix\":\"BYGG\","
	"\"unit\":{\"id\":1,\"name\":\"Samhällsbyggnadsförvaltningen\"},"
	"\"queue_id\":1}";

static void test_good(void **state)
{
	json_t *j = parse(one);
	struct akt_eservice e;
	char *err = NULL;

	assert_true(akt_eservice_decode(j, &e, &err));
	assert_null(err);
	assert_string_equal(e.id, "bygglov");
	assert_string_equal(e.name.sv, "Bygglov");
	assert_string_equal(e.name.en, "Building permit");
	assert_string_equal(e.prefix, "BYGG");
	assert_int_equal(e.unit.id, 1);
	assert_string_equal(e.unit.name, "Samhällsbyggnadsförvaltningen");
	assert_int_equal(e.queue_id, 1);
	akt_eservice_clear(&e);
	assert_null(e.id);
	assert_null(e.prefix);
	json_decref(j);
}

static void test_list(void **state)
{
	char text[1024];
	json_t *j;
	struct akt_eservice_list l;
	char *err = NULL;

	snprintf(text, sizeof(text), "{\"items\":[%s,%s],\"total\":2}", one,
		 one);
	j = parse(text);
	assert_true(akt_eservice_list_decode(j, &l, &err));
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[1].prefix, "BYGG");
	akt_eservice_list_clear(&l);
	assert_null(l.items);
	assert_int_equal(l.n, 0);
	json_decref(j);
}

static void test_empty_list(void **state)
{
	json_t *j = parse("{\"items\":[]}");
	struct akt_eservice_list l;
	char *err = NULL;

	assert_true(akt_eservice_list_decode(j, &l, &err));
	assert_int_equal(l.n, 0);
	akt_eservice_list_clear(&l);
	json_decref(j);
}

static void test_missing_field(void **state)
{
	json_t *j = parse(one);
	struct akt_eservice e;
	char *err = NULL;

	json_object_del(j, "prefix");
	assert_false(akt_eservice_decode(j, &e, &err));
	assert_string_equal(err, "e-service: field 'prefix' missing");
	free(err);
	json_decref(j);
}

static void test_missing_nested(void **state)
{
	json_t *j = parse(one);
	struct akt_eservice e;
	char *err = NULL;

	json_object_del(json_object_get(j, "name"), "sv");
	assert_false(akt_eservice_decode(j, &e, &err));
	assert_non_null(strstr(err, "name.sv"));
	free(err);
	json_decref(j);
}

static void test_list_error_names_item(void **state)
{
	char text[1024];
	json_t *j;
	struct akt_eservice_list l;
	char *err = NULL;

	snprintf(text, sizeof(text), "{\"items\":[%s,%s]}", one, one);
	j = parse(text);
	json_object_set_new(json_array_get(json_object_get(j, "items"), 1),
			    "queue_id", json_string("1"));
	assert_false(akt_eservice_list_decode(j, &l, &err));
	assert_non_null(strstr(err, "items[1].queue_id"));
	assert_null(l.items);
	free(err);
	json_decref(j);
}

static void test_no_items(void **state)
{
	json_t *j = parse("{\"e_services\":[]}");
	struct akt_eservice_list l;
	char *err = NULL;

	assert_false(akt_eservice_list_decode(j, &l, &err));
	assert_string_equal(err, "e-services: field 'items' missing");
	free(err);
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_empty_list),
		cmocka_unit_test(test_missing_field),
		cmocka_unit_test(test_missing_nested),
		cmocka_unit_test(test_list_error_names_item),
		cmocka_unit_test(test_no_items),
	};

	return cmocka_run_group_tests_name("eservice", tests, NULL, NULL);
}

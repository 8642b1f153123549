/*
 * test_status.c — decoding statuses, bilingual names and the status list.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/status.h"
#include "json_fixture.h"

/* GET /v1/statuses as anna sees it on the reference platform */
static const char statuses[] =
	"{\"items\":[{\"id\":\"submitted\","
	"\"name\":{\"sv\":\"Inskickat\",\"en\":\"Submitted\"},"
	"\"category\":\"submitted\",\"standard\":true,"
	"\"e_service\":null},{\"id\":\"registered\","
	"\"name\":{\"sv\":\"Registrerat\",\"en\":\"Registered\"},"
	"\"category\":\"registered\",\"standard\":true,"
	"\"e_service\":null},{\"id\":\"in_progress\","
	"\"name\":{\"sv\":\"Under handläggning\",\"en\":\"In progress\"},"
	"\"category\":\"in_progress\",\"standard\":true,"
	"\"e_service\":null},{\"id\":\"closed\","
	"\"name\":{\"sv\":\"Avslutat\",\"en\":\"Closed\"},"
	"\"category\":\"closed\",\"standard\":true,\"e_service\":null},"
	"{\"id\":\"awaiting_completion\","
	"\"name\":{\"sv\":\"Väntar på komplettering\","
	"\"en\":\"Awaiting completion\"},\"category\":\"in_progress\","
	"\"standard\":false,\"e_service\":\"bygglov\"},"
	"{\"id\":\"referral_sent\",\"name\":{\"sv\":\"Remiss skickad\","
	"\"en\":\"Referral sent\"},\"category\":\"in_progress\","
	"\"standard\":false,\"e_service\":\"strandskydd\"},"
	"{\"id\":\"decision_made\",\"name\":{\"sv\":\"Beslut fattat\","
	"\"en\":\"Decision made\"},\"category\":\"in_progress\","
	"\"standard\":false,\"e_service\":\"bygglov\"}]}";

static json_t *item(json_t *list, size_t i)
{
	return json_array_get(json_object_get(list, "items"), i);
}

/* Decode a list expected to fail; check the message and the cleared
 * output. */
static void list_fails(json_t *j, const char *want)
{
	struct akt_status_list l;
	char *err = NULL;

	assert_false(akt_status_list_decode(j, &l, &err));
	assert_non_null(err);
	assert_string_equal(err, want);
	assert_null(l.items);
	assert_int_equal(l.n, 0);
	free(err);
}

static void test_list_good(void **state)
{
	json_t *j = parse(statuses);
	struct akt_status_list l;
	char *err = NULL;

	assert_true(akt_status_list_decode(j, &l, &err));
	assert_null(err);
	assert_int_equal(l.n, 7);
	assert_string_equal(l.items[0].id, "submitted");
	assert_string_equal(l.items[0].name.sv, "Inskickat");
	assert_int_equal(l.items[0].category, AKT_CAT_SUBMITTED);
	assert_true(l.items[0].standard);
	assert_null(l.items[0].e_service);
	assert_string_equal(l.items[2].name.sv, "Under handläggning");
	assert_string_equal(l.items[2].name.en, "In progress");
	assert_int_equal(l.items[3].category, AKT_CAT_CLOSED);
	assert_string_equal(l.items[4].id, "awaiting_completion");
	assert_false(l.items[4].standard);
	assert_int_equal(l.items[4].category, AKT_CAT_IN_PROGRESS);
	assert_string_equal(l.items[4].e_service, "bygglov");
	assert_string_equal(l.items[5].e_service, "strandskydd");
	akt_status_list_clear(&l);
	assert_null(l.items);
	assert_int_equal(l.n, 0);
	json_decref(j);
}

/* A status object on its own, the way case.c and transition.c use it. */
static void test_status_in_place(void **state)
{
	json_t *j = parse(statuses);
	struct akt_status s;
	char *err = NULL;
	const struct akt_dec d = { "case", "status.", &err };

	assert_true(akt_status_decode(&d, item(j, 4), &s));
	assert_string_equal(s.name.sv, "Väntar på komplettering");
	akt_status_clear(&s);
	assert_null(s.id);
	assert_null(s.name.sv);

	json_object_set_new(item(j, 4), "category", json_string("weird"));
	assert_false(akt_status_decode(&d, item(j, 4), &s));
	assert_string_equal(err, "case: field 'status.category' is \"weird\", "
				 "expected one of submitted, registered, "
				 "in_progress, closed");
	assert_null(s.id);
	assert_null(s.name.sv);
	free(err);
	json_decref(j);
}

static void test_missing_field(void **state)
{
	json_t *j = parse(statuses);

	json_object_del(item(j, 2), "standard");
	list_fails(j, "statuses: field 'items[2].standard' missing");
	json_decref(j);

	j = parse(statuses);
	json_object_del(json_object_get(item(j, 6), "name"), "en");
	list_fails(j, "statuses: field 'items[6].name.en' missing");
	json_decref(j);

	j = parse(statuses);
	json_object_del(item(j, 0), "category");
	list_fails(j, "statuses: field 'items[0].category' missing");
	json_decref(j);
}

static void test_wrong_type(void **state)
{
	json_t *j = parse(statuses);

	json_object_set_new(json_object_get(item(j, 0), "name"), "sv",
			    json_integer(1));
	list_fails(j, "statuses: field 'items[0].name.sv' is an integer, "
		      "expected a string");
	json_decref(j);

	j = parse(statuses);
	json_object_set_new(item(j, 1), "name", json_string("Registrerat"));
	list_fails(j, "statuses: field 'items[1].name' is a string, "
		      "expected an object");
	json_decref(j);

	j = parse(statuses);
	json_object_set_new(item(j, 4), "e_service", json_true());
	list_fails(j, "statuses: field 'items[4].e_service' is a boolean, "
		      "expected a string");
	json_decref(j);

	j = parse(statuses);
	json_array_set_new(json_object_get(j, "items"), 3, json_string("x"));
	list_fails(j, "statuses: field 'items[3]' is a string, "
		      "expected an object");
	json_decref(j);

	j = parse("[]");
	list_fails(j, "statuses: the answer is an array, expected an object");
	json_decref(j);
	/* the shape the sandbox's wrong_shape fault sends */
	j = parse("{\"unexpected\":[1,2,3]}");
	list_fails(j, "statuses: field 'items' missing");
	json_decref(j);
}

static void test_unknown_category(void **state)
{
	json_t *j = parse(statuses);

	json_object_set_new(item(j, 5), "category", json_string("archived"));
	list_fails(j, "statuses: field 'items[5].category' is \"archived\", "
		      "expected one of submitted, registered, in_progress, "
		      "closed");
	json_decref(j);
}

static void test_unknown_fields_ignored(void **state)
{
	json_t *j = parse(statuses);
	struct akt_status_list l;
	char *err = NULL;

	json_object_set_new(j, "etag", json_string("h1"));
	json_object_set_new(item(j, 0), "colour", json_string("grey"));
	json_object_set_new(json_object_get(item(j, 1), "name"), "fi",
			    json_string("Rekisteröity"));
	assert_true(akt_status_list_decode(j, &l, &err));
	assert_int_equal(l.n, 7);
	assert_string_equal(l.items[1].name.sv, "Registrerat");
	akt_status_list_clear(&l);
	json_decref(j);
}

/* e_service is null for standard statuses; a platform that leaves the
 * member out means the same. */
static void test_null_allowed(void **state)
{
	json_t *j = parse(statuses);
	struct akt_status_list l;
	char *err = NULL;

	json_object_del(item(j, 1), "e_service");
	json_object_set_new(item(j, 5), "e_service", json_null());
	assert_true(akt_status_list_decode(j, &l, &err));
	assert_null(l.items[0].e_service);
	assert_null(l.items[1].e_service);
	assert_null(l.items[5].e_service);
	akt_status_list_clear(&l);
	json_decref(j);
}

static void test_empty_list(void **state)
{
	json_t *j = parse("{\"items\":[]}");
	struct akt_status_list l;
	char *err = NULL;

	assert_true(akt_status_list_decode(j, &l, &err));
	assert_int_equal(l.n, 0);
	akt_status_list_clear(&l);
	json_decref(j);
}

static void test_names_pick(void **state)
{
	struct akt_names n = { "Under handläggning", "In progress" };
	struct akt_names only_en = { NULL, "Closed" };
	struct akt_names none = { NULL, NULL };

	assert_string_equal(akt_names_pick(&n, "sv"), "Under handläggning");
	assert_string_equal(akt_names_pick(&n, "en"), "In progress");
	assert_string_equal(akt_names_pick(&n, NULL), "Under handläggning");
	assert_string_equal(akt_names_pick(&n, "fi"), "Under handläggning");
	assert_string_equal(akt_names_pick(&only_en, "sv"), "Closed");
	assert_string_equal(akt_names_pick(&none, "en"), "");
}

static void test_category_ids(void **state)
{
	enum akt_category c = AKT_CAT_CLOSED;

	assert_true(akt_category_parse("in_progress", &c));
	assert_int_equal(c, AKT_CAT_IN_PROGRESS);
	assert_true(akt_category_parse("submitted", &c));
	assert_int_equal(c, AKT_CAT_SUBMITTED);
	assert_false(akt_category_parse("In_progress", &c));
	assert_false(akt_category_parse("", &c));
	assert_false(akt_category_parse(NULL, &c));
	assert_int_equal(c, AKT_CAT_SUBMITTED);
	assert_string_equal(akt_category_id(AKT_CAT_REGISTERED), "registered");
	assert_string_equal(akt_category_id(AKT_CAT_CLOSED), "closed");
	assert_string_equal(akt_category_id((enum akt_category)9), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_good),
		cmocka_unit_test(test_status_in_place),
		cmocka_unit_test(test_missing_field),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_unknown_category),
		cmocka_unit_test(test_unknown_fields_ignored),
		cmocka_unit_test(test_null_allowed),
		cmocka_unit_test(test_empty_list),
		cmocka_unit_test(test_names_pick),
		cmocka_unit_test(test_category_ids),
	};

	return cmocka_run_group_tests_name("status", tests, NULL, NULL);
}

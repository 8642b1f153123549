/*
 * test_transition.c — decoding the allowed status changes and finding
 * one by what the officer typed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/transition.h"
#include "json_fixture.h"

/* GET /v1/cases/BYGG-2026-000057/transitions: from Under handläggning */
static const char from_in_progress[] =
	"{\"from\":{\"id\":\"in_progress\","
	"\"name\":{\"sv\":\"Under handläggning\",\"en\":\"In progress\"},"
	"\"category\":\"in_progress\",\"standard\":true,"
	"\"e_service\":null},\"items\":[{\"to\":{\"id\":\"closed\","
	"\"name\":{\"sv\":\"Avslutat\",\"en\":\"Closed\"},"
	"\"category\":\"closed\",\"standard\":true,\"e_service\":null},"
	"\"notify_default\":true},"
	"{\"to\":{\"id\":\"awaiting_completion\","
	"\"name\":{\"sv\":\"Väntar på komplettering\","
	"\"en\":\"Awaiting completion\"},\"category\":\"in_progress\","
	"\"standard\":false,\"e_service\":\"bygglov\"},"
	"\"notify_default\":true},{\"to\":{\"id\":\"decision_made\","
	"\"name\":{\"sv\":\"Beslut fattat\",\"en\":\"Decision made\"},"
	"\"category\":\"in_progress\",\"standard\":false,"
	"\"e_service\":\"bygglov\"},\"notify_default\":true}]}";

/* GET /v1/cases/BYGG-2026-000042/transitions: from Inskickat */
static const char from_submitted[] =
	"{\"from\":{\"id\":\"submitted\",\"name\":{\"sv\":\"Inskickat\","
	"\"en\":\"Submitted\"},\"category\":\"submitted\","
	"\"standard\":true,\"e_service\":null},"
	"\"items\":[{\"to\":{\"id\":\"registered\","
	"\"name\":{\"sv\":\"Registrerat\",\"en\":\"Registered\"},"
	"\"category\":\"registered\",\"standard\":true,"
	"\"e_service\":null},\"notify_default\":true},"
	"{\"to\":{\"id\":\"in_progress\","
	"\"name\":{\"sv\":\"Under handläggning\",\"en\":\"In progress\"},"
	"\"category\":\"in_progress\",\"standard\":true,"
	"\"e_service\":null},\"notify_default\":true}]}";

static json_t *item(json_t *j, size_t i)
{
	return json_array_get(json_object_get(j, "items"), i);
}

static void fails(json_t *j, const char *want)
{
	struct akt_transitions t;
	char *err = NULL;

	assert_false(akt_transitions_decode(j, &t, &err));
	assert_non_null(err);
	assert_string_equal(err, want);
	assert_null(t.from.id);
	assert_null(t.items);
	assert_int_equal(t.n, 0);
	free(err);
}

static void test_good(void **state)
{
	json_t *j = parse(from_in_progress);
	struct akt_transitions t;
	char *err = NULL;

	assert_true(akt_transitions_decode(j, &t, &err));
	assert_null(err);
	assert_string_equal(t.from.id, "in_progress");
	assert_string_equal(t.from.name.sv, "Under handläggning");
	assert_int_equal(t.from.category, AKT_CAT_IN_PROGRESS);
	assert_int_equal(t.n, 3);
	assert_string_equal(t.items[0].to.id, "closed");
	assert_int_equal(t.items[0].to.category, AKT_CAT_CLOSED);
	assert_true(t.items[0].notify_default);
	assert_string_equal(t.items[1].to.id, "awaiting_completion");
	assert_string_equal(t.items[1].to.name.sv, "Väntar på komplettering");
	assert_string_equal(t.items[1].to.name.en, "Awaiting completion");
	assert_false(t.items[1].to.standard);
	assert_string_equal(t.items[1].to.e_service, "bygglov");
	assert_null(t.items[0].to.e_service);
	akt_transitions_clear(&t);
	assert_null(t.items);
	assert_null(t.from.id);
	assert_int_equal(t.n, 0);
	json_decref(j);

	/* nowhere to go: an empty list */
	j = parse(from_submitted);
	json_array_clear(json_object_get(j, "items"));
	assert_true(akt_transitions_decode(j, &t, &err));
	assert_int_equal(t.n, 0);
	assert_null(akt_transitions_find(&t, "registered"));
	akt_transitions_clear(&t);
	json_decref(j);
}

static void test_missing_field(void **state)
{
	json_t *j = parse(from_in_progress);

	json_object_del(item(j, 2), "notify_default");
	fails(j, "transitions: field 'items[2].notify_default' missing");
	json_decref(j);

	j = parse(from_in_progress);
	json_object_del(json_object_get(item(j, 1), "to"), "id");
	fails(j, "transitions: field 'items[1].to.id' missing");
	json_decref(j);

	j = parse(from_in_progress);
	json_object_del(j, "from");
	fails(j, "transitions: field 'from' missing");
	json_decref(j);

	j = parse(from_in_progress);
	json_object_del(j, "items");
	fails(j, "transitions: field 'items' missing");
	json_decref(j);
}

static void test_wrong_type(void **state)
{
	json_t *j = parse(from_in_progress);

	json_object_set_new(item(j, 0), "notify_default", json_string("true"));
	fails(j, "transitions: field 'items[0].notify_default' is a string, "
		 "expected a boolean");
	json_decref(j);

	j = parse(from_in_progress);
	json_object_set_new(item(j, 1), "to", json_string("closed"));
	fails(j, "transitions: field 'items[1].to' is a string, expected an "
		 "object");
	json_decref(j);

	j = parse(from_in_progress);
	json_object_set_new(json_object_get(json_object_get(j, "from"), "name"),
			    "sv", json_null());
	fails(j, "transitions: field 'from.name.sv' is null, expected a "
		 "string");
	json_decref(j);

	j = parse(from_in_progress);
	json_object_set_new(json_object_get(item(j, 2), "to"), "category",
			    json_string("paused"));
	fails(j, "transitions: field 'items[2].to.category' is \"paused\", "
		 "expected one of submitted, registered, in_progress, closed");
	json_decref(j);

	j = parse("[]");
	fails(j, "transitions: the answer is an array, expected an object");
	json_decref(j);
}

static void test_unknown_fields_ignored(void **state)
{
	json_t *j = parse(from_in_progress);
	struct akt_transitions t;
	char *err = NULL;

	json_object_set_new(j, "reason", json_string("delegation"));
	json_object_set_new(item(j, 0), "requires_comment", json_true());
	assert_true(akt_transitions_decode(j, &t, &err));
	assert_int_equal(t.n, 3);
	akt_transitions_clear(&t);
	json_decref(j);
}

static void test_null_allowed(void **state)
{
	json_t *j = parse(from_in_progress);
	struct akt_transitions t;
	char *err = NULL;

	json_object_set_new(json_object_get(item(j, 1), "to"), "e_service",
			    json_null());
	assert_true(akt_transitions_decode(j, &t, &err));
	assert_null(t.items[1].to.e_service);
	akt_transitions_clear(&t);
	json_decref(j);
}

static void test_find(void **state)
{
	json_t *j = parse(from_in_progress);
	struct akt_transitions t;
	char *err = NULL;

	assert_true(akt_transitions_decode(j, &t, &err));
	/* by id */
	assert_ptr_equal(akt_transitions_find(&t, "closed"), &t.items[0]);
	assert_ptr_equal(akt_transitions_find(&t, "decision_made"),
			 &t.items[2]);
	assert_ptr_equal(akt_transitions_find(&t, "AWAITING_COMPLETION"),
			 &t.items[1]);
	/* by the Swedish name, in any case, å/ä/ö too */
	assert_ptr_equal(akt_transitions_find(&t, "avslutat"), &t.items[0]);
	assert_ptr_equal(akt_transitions_find(&t, "Väntar på komplettering"),
			 &t.items[1]);
	assert_ptr_equal(akt_transitions_find(&t, "VÄNTAR PÅ KOMPLETTERING"),
			 &t.items[1]);
	assert_ptr_equal(akt_transitions_find(&t, "väntar PÅ komplettering"),
			 &t.items[1]);
	assert_ptr_equal(akt_transitions_find(&t, "BESLUT FATTAT"),
			 &t.items[2]);
	/* by the English name */
	assert_ptr_equal(akt_transitions_find(&t, "Awaiting completion"),
			 &t.items[1]);
	assert_ptr_equal(akt_transitions_find(&t, "decision made"),
			 &t.items[2]);
	/* misses: a status not allowed now, a prefix, accents that differ */
	assert_null(akt_transitions_find(&t, "registered"));
	assert_null(akt_transitions_find(&t, "Registrerat"));
	assert_null(akt_transitions_find(&t, "Under handläggning"));
	assert_null(akt_transitions_find(&t, "avslut"));
	assert_null(akt_transitions_find(&t, "avslutat "));
	assert_null(akt_transitions_find(&t, "Vantar pa komplettering"));
	assert_null(akt_transitions_find(&t, ""));
	assert_null(akt_transitions_find(&t, NULL));
	/* bytes that are not UTF-8 match nothing */
	assert_null(akt_transitions_find(&t, "V\xe4ntar p\xe5 komplettering"));
	akt_transitions_clear(&t);
	json_decref(j);

	j = parse(from_submitted);
	assert_true(akt_transitions_decode(j, &t, &err));
	assert_ptr_equal(akt_transitions_find(&t, "UNDER HANDLÄGGNING"),
			 &t.items[1]);
	assert_ptr_equal(akt_transitions_find(&t, "in progress"), &t.items[1]);
	assert_ptr_equal(akt_transitions_find(&t, "registrerat"), &t.items[0]);
	assert_null(akt_transitions_find(&t, "closed"));
	akt_transitions_clear(&t);
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_missing_field),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_unknown_fields_ignored),
		cmocka_unit_test(test_null_allowed),
		cmocka_unit_test(test_find),
	};

	return cmocka_run_group_tests_name("transition", tests, NULL, NULL);
}

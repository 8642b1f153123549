/*
 * test_queue.c — decoding queues and the queue list.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/queue.h"
#include "json_fixture.h"

static const char one[] =
	"{\"id\":1,\"name\":\"Bygglov\","
	"\"unit\":{\"id\":1,\"name\":\"Samhällsbyggnadsförvaltningen\"},"
	"\"e_services\":[\"bygglov\"],"
	"\"counts\":{\"submitted\":4,\"registered\":3,\"in_progress\":20,"
	"\"closed\":50,\"total\":77},\"unread_messages\":2}";

static void test_good(void **state)
{
	json_t *j = parse(one);
	struct akt_queue q;
	char *err = NULL;

	assert_true(akt_queue_decode(j, &q, &err));
	assert_int_equal(q.id, 1);
	assert_string_equal(q.name, "Bygglov");
	assert_int_equal(q.unit.id, 1);
	assert_int_equal(q.ne_services, 1);
	assert_string_equal(q.e_services[0], "bygglov");
	assert_int_equal(q.counts.submitted, 4);
	assert_int_equal(q.counts.in_progress, 20);
	assert_int_equal(q.counts.total, 77);
	assert_int_equal(q.unread_messages, 2);
	akt_queue_clear(&q);
	json_decref(j);
}

static void test_list(void **state)
{
	char text[1024];
	json_t *j;
	struct akt_queue_list l;
	char *err = NULL;

	snprintf(text, sizeof(text), "{\"items\":[%s,%s],\"extra\":1}", one, one);
	j = parse(text);
	assert_true(akt_queue_list_decode(j, &l, &err));
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[1].unit.name, "Samhällsbyggnadsförvaltningen");
	akt_queue_list_clear(&l);
	assert_null(l.items);
	json_decref(j);
}

static void test_missing_field(void **state)
{
	json_t *j = parse(one);
	struct akt_queue q;
	char *err = NULL;

	json_object_del(json_object_get(j, "counts"), "closed");
	assert_false(akt_queue_decode(j, &q, &err));
	assert_string_equal(err, "queue: field 'counts.closed' missing");
	free(err);
	json_decref(j);
}

static void test_wrong_type(void **state)
{
	json_t *j = parse(one);
	struct akt_queue q;
	char *err = NULL;

	json_object_set_new(json_object_get(j, "unit"), "id", json_string("1"));
	assert_false(akt_queue_decode(j, &q, &err));
	assert_string_equal(err, "queue: field 'unit.id' is a string, "
				 "expected an integer");
	assert_null(q.name);
	free(err);
	json_decref(j);
}

static void test_list_error_names_item(void **state)
{
	char text[1024];
	json_t *j;
	struct akt_queue_list l;
	char *err = NULL;

	snprintf(text, sizeof(text), "{\"items\":[%s,%s]}", one, one);
	j = parse(text);
	json_object_set_new(json_array_get(json_object_get(j, "items"), 1),
			    "unread_messages", json_true());
	assert_false(akt_queue_list_decode(j, &l, &err));
	assert_string_equal(err, "queues: field 'items[1].unread_messages' is "
				 "a boolean, expected an integer");
	assert_int_equal(l.n, 0);
	free(err);
	json_decref(j);
	/* the shape the sandbox's wrong_shape fault sends */
	j = parse("{\"unexpected\":[1,2,3]}");
	err = NULL;
	assert_false(akt_queue_list_decode(j, &l, &err));
	assert_string_equal(err, "queues: field 'items' missing");
	free(err);
	json_decref(j);
}

static void test_unknown_fields_ignored(void **state)
{
	json_t *j = parse(one);
	struct akt_queue q;
	char *err = NULL;

	json_object_set_new(j, "sla_days", json_integer(14));
	json_object_set_new(json_object_get(j, "counts"), "archived",
			    json_integer(9));
	assert_true(akt_queue_decode(j, &q, &err));
	akt_queue_clear(&q);
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_missing_field),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_list_error_names_item),
		cmocka_unit_test(test_unknown_fields_ignored),
	};

	return cmocka_run_group_tests_name("queue", tests, NULL, NULL);
}

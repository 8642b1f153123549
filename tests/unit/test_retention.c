/*
 * test_retention.c — decoding retention policies, upcoming purges and
 * the purge log; finding an e-service by what the officer typed; the
 * checks of DAYS and --before; the request paths.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/retention.h"
#include "json_fixture.h"

static const char bygglov[] =
	"{\"e_service\":{\"id\":\"bygglov\",\"name\":{\"sv\":\"Bygglov\","
	"\"en\":\"Building permit\"}},\"days\":3650,"
	"\"updated_at\":\"2026-01-15T10:00:00Z\",\"updated_by\":{\"id\":4,"
	"\"username\":\"sara\",\"name\":\"Sara Holm\"},\"can_edit\":false,"
	"\"reason\":\"only administrators change retention policies\"}";

static const char forskola[] =
	"{\"e_service\":{\"id\":\"forskoleplats\",\"name\":{\"sv\":"
	"\"Förskoleplats\",\"en\":\"Preschool place\"}},\"days\":365,"
	"\"updated_at\":\"2026-01-15T10:00:00Z\",\"updated_by\":null,"
	"\"can_edit\":true,\"reason\":null}";

static const char summary[] =
	"{\"id\":311,\"number\":\"FEL-2026-000311\",\"diary_number\":\"TN 2026/311\","
	"\"title\":\"Trasig gatlykta\",\"e_service\":{\"id\":\"felanmalan\","
	"\"name\":{\"sv\":\"Felanmälan\",\"en\":\"Fault report\"}},\"queue_id\":6,"
	"\"status\":{\"id\":\"closed\",\"name\":{\"sv\":\"Avslutat\",\"en\":\"Closed\"},"
	"\"category\":\"closed\",\"standard\":true,\"e_service\":null},"
	"\"applicant\":{\"name\":\"Åsa Öberg\",\"personal_number\":\"19850312-****\"},"
	"\"assignees\":[],\"priority\":\"normal\",\"created_at\":\"2026-10-02T08:15:00Z\","
	"\"updated_at\":\"2026-10-20T13:00:00Z\",\"deadline\":null,\"unread_messages\":0}";

static json_t *parsef(const char *fmt, ...)
{
	char text[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	return parse(text);
}

static void test_policy(void **state)
{
	json_t *j = parse(bygglov);
	struct akt_retention_policy p;
	char *err = NULL;

	assert_true(akt_retention_policy_decode(j, &p, &err));
	assert_string_equal(p.e_service_id, "bygglov");
	assert_string_equal(p.e_service.sv, "Bygglov");
	assert_string_equal(p.e_service.en, "Building permit");
	assert_int_equal(p.days, 3650);
	assert_string_equal(p.updated_by.username, "sara");
	assert_false(p.can_edit);
	assert_string_equal(p.reason,
			    "only administrators change retention policies");
	akt_retention_policy_clear(&p);
	assert_null(p.e_service_id);
	json_decref(j);

	/* nobody changed it yet; the caller may */
	j = parse(forskola);
	assert_true(akt_retention_policy_decode(j, &p, &err));
	assert_int_equal(p.updated_by.id, 0);
	assert_null(p.updated_by.username);
	assert_true(p.can_edit);
	assert_null(p.reason);
	akt_retention_policy_clear(&p);
	json_decref(j);
}

static void test_policy_errors(void **state)
{
	struct akt_retention_policy p;
	char *err = NULL;
	json_t *j = parse("{\"e_service\":{\"id\":\"bygglov\",\"name\":"
			  "{\"sv\":\"Bygglov\",\"en\":\"Building permit\"}},"
			  "\"days\":\"30\",\"updated_at\":\"x\",\"can_edit\":true}");

	assert_false(akt_retention_policy_decode(j, &p, &err));
	assert_string_equal(err, "retention policy: field 'days' is a string, "
			    "expected an integer");
	free(err);
	err = NULL;
	json_decref(j);

	j = parsef("{\"items\":[%s,{\"e_service\":{\"id\":7}}]}", bygglov);
	struct akt_retention_policy_list l;
	assert_false(akt_retention_policy_list_decode(j, &l, &err));
	assert_string_equal(err, "retention policies: field "
			    "'items[1].e_service.id' is an integer, expected "
			    "a string");
	assert_null(l.items);
	free(err);
	json_decref(j);
}

static void test_find(void **state)
{
	json_t *j = parsef("{\"items\":[%s,%s]}", bygglov, forskola);
	struct akt_retention_policy_list l;
	char *err = NULL;

	assert_true(akt_retention_policy_list_decode(j, &l, &err));
	assert_int_equal(l.n, 2);
	assert_ptr_equal(akt_retention_policy_find(&l, "bygglov"), &l.items[0]);
	assert_ptr_equal(akt_retention_policy_find(&l, "BYGGLOV"), &l.items[0]);
	assert_ptr_equal(akt_retention_policy_find(&l, "building Permit"),
			 &l.items[0]);
	/* å ä ö fold like ASCII */
	assert_ptr_equal(akt_retention_policy_find(&l, "FÖRSKOLEPLATS"),
			 &l.items[1]);
	assert_ptr_equal(akt_retention_policy_find(&l, "förskoleplats"),
			 &l.items[1]);
	assert_null(akt_retention_policy_find(&l, "forskoleplat"));
	assert_null(akt_retention_policy_find(&l, "Bygglov "));
	assert_null(akt_retention_policy_find(&l, ""));
	assert_null(akt_retention_policy_find(&l, "F\xd6RSKOLEPLATS"));
	akt_retention_policy_list_clear(&l);
	json_decref(j);
}

static void test_upcoming(void **state)
{
	json_t *j = parsef("{\"items\":[{\"case\":%s,\"purge_at\":"
			   "\"2026-11-19T13:00:00Z\",\"legal_hold\":true}],"
			   "\"next\":\"abc\",\"prev\":null,\"total\":3}", summary);
	struct akt_upcoming_page p;
	char *err = NULL;

	assert_true(akt_upcoming_page_decode(j, &p, &err));
	assert_int_equal(p.n, 1);
	assert_string_equal(p.items[0].c.number, "FEL-2026-000311");
	assert_string_equal(p.items[0].c.e_service.en, "Fault report");
	assert_string_equal(p.items[0].purge_at, "2026-11-19T13:00:00Z");
	assert_true(p.items[0].legal_hold);
	assert_string_equal(p.next, "abc");
	assert_int_equal(p.total, 3);
	akt_upcoming_page_clear(&p);
	assert_null(p.next);
	json_decref(j);

	/* the case decoder's complaint says where the case sits */
	j = parse("{\"items\":[{\"case\":{\"id\":1},\"purge_at\":\"x\","
		  "\"legal_hold\":false}],\"next\":null,\"total\":1}");
	assert_false(akt_upcoming_page_decode(j, &p, &err));
	assert_non_null(strstr(err, "upcoming purges: items[0].case: "));
	free(err);
	json_decref(j);
}

static void test_log(void **state)
{
	json_t *j = parse("{\"items\":[{\"id\":51,\"case_number\":"
			  "\"FEL-2026-000311\",\"e_service\":\"felanmalan\","
			  "\"closed_at\":\"2026-10-20T13:00:00Z\",\"purged_at\":"
			  "\"2026-11-19T13:00:00Z\",\"policy_days\":30}],"
			  "\"next\":null,\"prev\":null,\"total\":1}");
	struct akt_purge_log_page p;
	char *err = NULL;

	assert_true(akt_purge_log_page_decode(j, &p, &err));
	assert_int_equal(p.n, 1);
	assert_int_equal(p.items[0].id, 51);
	assert_string_equal(p.items[0].case_number, "FEL-2026-000311");
	assert_string_equal(p.items[0].e_service, "felanmalan");
	assert_int_equal(p.items[0].policy_days, 30);
	assert_null(p.next);
	akt_purge_log_page_clear(&p);
	json_decref(j);

	j = parse("{\"items\":[{\"id\":51}],\"next\":null,\"total\":1}");
	assert_false(akt_purge_log_page_decode(j, &p, &err));
	assert_string_equal(err, "purge log: field 'items[0].case_number' "
			    "missing");
	free(err);
	err = NULL;
	json_decref(j);
	j = parse("{\"items\":[],\"total\":0,\"next\":5}");
	assert_false(akt_purge_log_page_decode(j, &p, &err));
	free(err);
	json_decref(j);
}

static void test_days(void **state)
{
	int64_t d = 0;

	assert_true(akt_retention_days_parse("1", &d));
	assert_int_equal(d, 1);
	assert_true(akt_retention_days_parse("36500", &d));
	assert_int_equal(d, 36500);
	assert_true(akt_retention_days_parse("0030", &d));
	assert_int_equal(d, 30);
	d = 7;
	assert_false(akt_retention_days_parse("0", &d));
	assert_false(akt_retention_days_parse("36501", &d));
	assert_false(akt_retention_days_parse("", &d));
	assert_false(akt_retention_days_parse("-5", &d));
	assert_false(akt_retention_days_parse("+5", &d));
	assert_false(akt_retention_days_parse(" 5", &d));
	assert_false(akt_retention_days_parse("5d", &d));
	assert_false(akt_retention_days_parse("1e3", &d));
	assert_false(akt_retention_days_parse("99999999999999999999999", &d));
	assert_int_equal(d, 7);
}

static void test_dates(void **state)
{
	assert_true(akt_retention_date_ok("2026-12-01"));
	assert_true(akt_retention_date_ok("2026-12-01T23:59:59Z"));
	assert_false(akt_retention_date_ok("2026-13-01"));
	assert_false(akt_retention_date_ok("2026-12-00"));
	assert_false(akt_retention_date_ok("2026-1-01"));
	assert_false(akt_retention_date_ok("2026-12-01T24:00:00Z"));
	assert_false(akt_retention_date_ok("2026-12-01T12:00:00+01:00"));
	assert_false(akt_retention_date_ok("2026-12-01 12:00:00Z"));
	assert_false(akt_retention_date_ok("tomorrow"));
	assert_false(akt_retention_date_ok(""));
}

static void test_paths(void **state)
{
	char *p = akt_retention_policy_path("bygglov");

	assert_string_equal(p, "/v1/retention/policies/bygglov");
	free(p);
	p = akt_retention_policy_path("../cases");
	assert_string_equal(p, "/v1/retention/policies/..%2Fcases");
	free(p);
	p = akt_retention_upcoming_path(NULL, NULL, NULL);
	assert_string_equal(p, "/v1/retention/upcoming?limit=200");
	free(p);
	p = akt_retention_upcoming_path("2026-12-01T00:00:00Z", "felanmalan",
					"a+b/c=&");
	assert_string_equal(p, "/v1/retention/upcoming?limit=200"
			    "&before=2026-12-01T00%3A00%3A00Z"
			    "&e_service=felanmalan&cursor=a%2Bb%2Fc%3D%26");
	free(p);
	p = akt_retention_log_path("xyz");
	assert_string_equal(p, "/v1/retention/log?limit=200&cursor=xyz");
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy),
		cmocka_unit_test(test_policy_errors),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_upcoming),
		cmocka_unit_test(test_log),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_paths),
	};
	return cmocka_run_group_tests_name("retention", tests, NULL, NULL);
}

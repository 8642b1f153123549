/*
 * test_case_filter.c — the case list's filter as typed and as sent, which
 * new cases pass it, and the platform's sort orders.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/case_filter.h"
#include "akt/xalloc.h"

static struct akt_status statuses_v[] = {
	{ .id = "submitted", .name = { "Inskickat", "Submitted" },
	  .category = AKT_CAT_SUBMITTED, .standard = true },
	{ .id = "registered", .name = { "Registrerat", "Registered" },
	  .category = AKT_CAT_REGISTERED, .standard = true },
	{ .id = "in_progress", .name = { "Under handläggning", "In progress" },
	  .category = AKT_CAT_IN_PROGRESS, .standard = true },
	{ .id = "closed", .name = { "Avslutat", "Closed" },
	  .category = AKT_CAT_CLOSED, .standard = true },
	{ .id = "awaiting_completion",
	  .name = { "Väntar på komplettering", "Awaiting completion" },
	  .category = AKT_CAT_IN_PROGRESS },
};
static const struct akt_status_list statuses = { statuses_v, 5 };

static struct akt_eservice eservices_v[] = {
	{ .id = "bygglov", .name = { "Bygglov", "Building permit" },
	  .prefix = "BYGG" },
	{ .id = "ekonomiskt_bistand",
	  .name = { "Ekonomiskt bistånd", "Financial assistance" },
	  .prefix = "EB" },
};
static const struct akt_eservice_list eservices = { eservices_v, 2 };

/* Parse text that must be good and give it back as query and as text. */
static void parses_to(const char *text, const char *query,
		      const char *back)
{
	struct akt_case_filter f;
	char *err = NULL, *q, *t;

	assert_true(akt_case_filter_parse(text, &statuses, &eservices, &f,
					  &err));
	assert_null(err);
	q = akt_case_filter_query(&f);
	t = akt_case_filter_text(&f);
	if (query)
		assert_string_equal(q, query);
	else
		assert_null(q);
	assert_string_equal(t, back);
	free(q);
	free(t);
	akt_case_filter_clear(&f);
}

static void fails_with(const char *text, const char *want)
{
	struct akt_case_filter f;
	char *err = NULL;

	assert_false(akt_case_filter_parse(text, &statuses, &eservices, &f,
					   &err));
	assert_non_null(err);
	assert_string_equal(err, want);
	assert_true(akt_case_filter_empty(&f));
	free(err);
}

static void test_parse_ids(void **state)
{
	(void)state;
	parses_to("status=closed", "status=closed", "status=closed");
	parses_to("status=submitted,registered assignee=me",
		  "status=submitted,registered&assignee=me",
		  "status=submitted,registered assignee=me");
	parses_to("e_service=bygglov category=closed",
		  "category=closed&e_service=bygglov",
		  "category=closed e_service=bygglov");
	/* a query string parses as well: the view opens with one */
	parses_to("assignee=none&status=closed",
		  "status=closed&assignee=none",
		  "status=closed assignee=none");
}

static void test_parse_names(void **state)
{
	(void)state;
	/* names in either language, any letter case, map to ids */
	parses_to("status=inskickat,Registered", "status=submitted,registered",
		  "status=submitted,registered");
	/* a name with a space: written out, or quoted */
	parses_to("status=under handläggning assignee=me",
		  "status=in_progress&assignee=me",
		  "status=in_progress assignee=me");
	parses_to("status=\"väntar på komplettering\"",
		  "status=awaiting_completion", "status=awaiting_completion");
	parses_to("category=Avslutat", "category=closed", "category=closed");
	parses_to("category='in progress'", "category=in_progress",
		  "category=in_progress");
	/* e-services by name or by their case number prefix */
	parses_to("e_service=eb", "e_service=ekonomiskt_bistand",
		  "e_service=ekonomiskt_bistand");
	parses_to("service=Building permit", "e_service=bygglov",
		  "e_service=bygglov");
	/* the same status twice is one */
	parses_to("status=closed status=avslutat", "status=closed",
		  "status=closed");
}

static void test_parse_empty(void **state)
{
	(void)state;
	parses_to("", NULL, "");
	parses_to("  ", NULL, "");
	parses_to("clear", NULL, "");
	parses_to("CLEAR", NULL, "");
}

static void test_parse_errors(void **state)
{
	(void)state;
	fails_with("status=nosuch",
		   "there is no status 'nosuch'; name one by its id or name "
		   "(Tab completes)");
	fails_with("queue=3",
		   "there is no filter 'queue'; use status=, assignee=, "
		   "e_service= or category=");
	fails_with("closed",
		   "'closed' is not a filter; write KEY=VALUE with status, "
		   "assignee, e_service or category, or clear");
	fails_with("category=pending",
		   "there is no category 'pending'; use submitted, registered, "
		   "in_progress or closed");
	fails_with("status=", "status= needs a value (Tab completes)");
	fails_with("assignee=", "assignee= needs me, none or a username");
	fails_with("assignee=anna,erik",
		   "assignee takes one officer: me, none or a username, not "
		   "'anna,erik'");
	fails_with("clear status=closed",
		   "'clear' is not a filter; write KEY=VALUE with status, "
		   "assignee, e_service or category, or clear");
}

static void test_unknown_lists(void **state)
{
	struct akt_case_filter f;
	char *err = NULL, *q;

	(void)state;
	/* without the lists (not loaded yet) ids pass to the platform */
	assert_true(akt_case_filter_parse("status=x y&e_service=a b", NULL,
					  NULL, &f, &err));
	q = akt_case_filter_query(&f);
	assert_string_equal(q, "status=x%20y&e_service=a%20b");
	free(q);
	akt_case_filter_clear(&f);
}

static void test_copy_equal(void **state)
{
	struct akt_case_filter a, b, c;
	char *err = NULL;

	(void)state;
	assert_true(akt_case_filter_parse("status=closed,submitted assignee=me",
					  &statuses, NULL, &a, &err));
	assert_true(akt_case_filter_parse("assignee=me status=submitted,closed",
					  &statuses, NULL, &c, &err));
	akt_case_filter_copy(&b, &a);
	assert_true(akt_case_filter_equal(&a, &b));
	assert_true(akt_case_filter_equal(&a, &c));
	free(b.assignee);
	b.assignee = xstrdup("none");
	assert_false(akt_case_filter_equal(&a, &b));
	akt_case_filter_clear(&a);
	akt_case_filter_clear(&b);
	akt_case_filter_clear(&c);
	assert_true(akt_case_filter_empty(&a));
}

static void test_merge(void **state)
{
	struct akt_case_filter base, over, m;
	char *err = NULL, *q;

	(void)state;
	assert_true(akt_case_filter_parse("assignee=me category=closed",
					  &statuses, NULL, &base, &err));
	assert_true(akt_case_filter_parse("status=submitted category=submitted",
					  &statuses, NULL, &over, &err));
	akt_case_filter_merge(&m, &base, &over);
	q = akt_case_filter_query(&m);
	/* over's keys win, base's other keys stay */
	assert_string_equal(q, "status=submitted&category=submitted&"
			    "assignee=me");
	free(q);
	akt_case_filter_clear(&m);
	akt_case_filter_clear(&over);
	assert_true(akt_case_filter_parse("assignee=none", &statuses, NULL,
					  &over, &err));
	akt_case_filter_merge(&m, &base, &over);
	q = akt_case_filter_query(&m);
	assert_string_equal(q, "category=closed&assignee=none");
	free(q);
	akt_case_filter_clear(&m);
	akt_case_filter_clear(&over);
	akt_case_filter_clear(&base);
}

static struct akt_officer_ref anna = { 3, "anna", "Anna Lindqvist" };

static struct akt_case_summary make_case(int64_t id, const char *status,
					 enum akt_category cat)
{
	struct akt_case_summary c = { .id = id };

	c.status.id = (char *)status;
	c.status.category = cat;
	c.e_service_id = "bygglov";
	return c;
}

static bool matches(const char *filter, const struct akt_case_summary *c,
		    const char *me)
{
	struct akt_case_filter f;
	char *err = NULL;
	bool r;

	assert_true(akt_case_filter_parse(filter, &statuses, &eservices, &f,
					  &err));
	r = akt_case_filter_match(&f, c, me);
	akt_case_filter_clear(&f);
	return r;
}

static void test_match(void **state)
{
	struct akt_case_summary c = make_case(1, "awaiting_completion",
					      AKT_CAT_IN_PROGRESS);

	(void)state;
	assert_true(matches("", &c, NULL));
	assert_true(matches("status=awaiting_completion,closed", &c, NULL));
	assert_false(matches("status=closed", &c, NULL));
	assert_true(matches("category=in_progress", &c, NULL));
	assert_false(matches("category=submitted", &c, NULL));
	assert_true(matches("e_service=bygglov", &c, NULL));
	assert_false(matches("e_service=eb", &c, NULL));
	assert_true(matches("assignee=none", &c, "anna"));
	assert_false(matches("assignee=me", &c, "anna"));
	c.assignees = &anna;
	c.nassignees = 1;
	assert_false(matches("assignee=none", &c, "anna"));
	assert_true(matches("assignee=me", &c, "anna"));
	assert_false(matches("assignee=me", &c, "erik"));
	assert_false(matches("assignee=me", &c, NULL));
	assert_true(matches("assignee=anna category=in_progress", &c, NULL));
	assert_false(matches("assignee=anna category=closed", &c, NULL));
}

static void test_category_names(void **state)
{
	enum akt_category c;

	(void)state;
	assert_true(akt_category_lookup("UNDER HANDLÄGGNING", &c));
	assert_int_equal(c, AKT_CAT_IN_PROGRESS);
	assert_true(akt_category_lookup("submitted", &c));
	assert_int_equal(c, AKT_CAT_SUBMITTED);
	assert_false(akt_category_lookup("open", &c));
}

static void test_order_parse(void **state)
{
	struct akt_case_order o;
	char buf[16];

	(void)state;
	assert_true(akt_case_order_parse("-updated", &o));
	assert_int_equal(o.key, AKT_SORT_UPDATED);
	assert_true(o.desc);
	assert_string_equal(akt_case_order_str(o, buf), "-updated");
	assert_true(akt_case_order_parse("dead", &o));
	assert_int_equal(o.key, AKT_SORT_DEADLINE);
	assert_false(o.desc);
	assert_true(akt_case_order_parse(" +Number ", &o));
	assert_int_equal(o.key, AKT_SORT_NUMBER);
	assert_false(o.desc);
	assert_string_equal(akt_case_order_str(o, buf), "number");
	assert_true(akt_case_order_parse("-stat", &o));
	assert_int_equal(o.key, AKT_SORT_STATUS);
	assert_true(akt_case_order_parse("c", &o));
	assert_int_equal(o.key, AKT_SORT_CREATED);
	/* unknown, empty */
	assert_false(akt_case_order_parse("", &o));
	assert_false(akt_case_order_parse("-", &o));
	assert_false(akt_case_order_parse("title", &o));
	assert_false(akt_case_order_parse(NULL, &o));
}

static void test_order_next(void **state)
{
	struct akt_case_order o = { AKT_SORT_UPDATED, true };
	static const char *const cycle[] = {
		"-created", "number", "deadline", "-priority", "status",
		"-updated",
	};
	char buf[16];

	(void)state;
	for (size_t i = 0; i < AKT_LEN(cycle); i++) {
		o = akt_case_order_next(o);
		assert_string_equal(akt_case_order_str(o, buf), cycle[i]);
	}
}

static void test_cmp(void **state)
{
	struct akt_case_summary a = make_case(1, "closed", AKT_CAT_CLOSED);
	struct akt_case_summary b = make_case(2, "submitted",
					      AKT_CAT_SUBMITTED);
	struct akt_case_order o = { AKT_SORT_UPDATED, true };

	(void)state;
	a.updated_at = "2026-11-23T14:02:00Z";
	b.updated_at = "2026-11-22T09:00:00Z";
	assert_true(akt_case_cmp(&a, &b, o, &statuses) < 0);
	o.desc = false;
	assert_true(akt_case_cmp(&a, &b, o, &statuses) > 0);
	/* equal keys: by id, in the same direction */
	b.updated_at = a.updated_at;
	assert_true(akt_case_cmp(&a, &b, o, &statuses) < 0);
	o.desc = true;
	assert_true(akt_case_cmp(&a, &b, o, &statuses) > 0);
	assert_int_equal(akt_case_cmp(&a, &a, o, &statuses), 0);

	/* no deadline is after every date, so first when descending */
	o = (struct akt_case_order){ AKT_SORT_DEADLINE, false };
	a.deadline = "2027-01-01";
	b.deadline = NULL;
	assert_true(akt_case_cmp(&a, &b, o, &statuses) < 0);
	o.desc = true;
	assert_true(akt_case_cmp(&a, &b, o, &statuses) > 0);

	/* statuses in the order of the statuses list */
	o = (struct akt_case_order){ AKT_SORT_STATUS, false };
	assert_true(akt_case_cmp(&a, &b, o, &statuses) > 0);

	o = (struct akt_case_order){ AKT_SORT_PRIORITY, true };
	a.priority = AKT_PRIO_URGENT;
	b.priority = AKT_PRIO_LOW;
	assert_true(akt_case_cmp(&a, &b, o, &statuses) < 0);

	o = (struct akt_case_order){ AKT_SORT_NUMBER, false };
	a.number = "BYGG-2026-000010";
	b.number = "BYGG-2026-000009";
	assert_true(akt_case_cmp(&a, &b, o, &statuses) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_ids),
		cmocka_unit_test(test_parse_names),
		cmocka_unit_test(test_parse_empty),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_unknown_lists),
		cmocka_unit_test(test_copy_equal),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_category_names),
		cmocka_unit_test(test_order_parse),
		cmocka_unit_test(test_order_next),
		cmocka_unit_test(test_cmp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_case_rows.c — the compact rows of a case list: every field of a
 * summary comes back as it was put (shared values, optional strings,
 * times in and out of the platform's usual form), rows are replaced in
 * place or anew, inserted and removed, and 100,000 rows of realistic
 * cases take what a list of that length may take.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/case_rows.h"
#include "akt/xalloc.h"

#include <malloc.h>
#include <stdio.h>

static const char *const surnames[] = {
	"Lindqvist", "Öberg", "Kowalski", "Håkansson", "Sjögren", "Åkesson",
	"Björk", "Nilsson", "Yilmaz", "Eriksson", "Fröberg", "Al-Sayed",
};
static const char *const given[] = {
	"Anna", "Åsa", "Amira", "Signe", "Sölve", "Lars", "Maria", "Erik",
};
static const struct {
	const char *id, *sv, *en;
} services[] = {
	{ "bygglov", "Bygglov", "Building permit" },
	{ "felanmalan", "Felanmälan", "Fault report" },
	{ "parkeringstillstand", "Parkeringstillstånd", "Parking permit" },
	{ "ekonomiskt_bistand", "Ekonomiskt bistånd", "Financial aid" },
};
static const struct {
	const char *id, *sv, *en;
	enum akt_category cat;
} statuses[] = {
	{ "submitted", "Inskickat", "Submitted", AKT_CAT_SUBMITTED },
	{ "registered", "Registrerat", "Registered", AKT_CAT_REGISTERED },
	{ "in_progress", "Under handläggning", "In progress",
	  AKT_CAT_IN_PROGRESS },
	{ "closed", "Avslutat", "Closed", AKT_CAT_CLOSED },
};
static const struct {
	int64_t id;
	const char *username, *name;
} officers[] = {
	{ 1, "anna", "Anna Lindqvist" }, { 4, "lars", "Lars Åkesson" },
	{ 5, "maria", "Maria Björk" }, { 6, "erik", "Erik Sandberg" },
};

/* A case like the platform's: about 150 bytes of its own text. */
static void make(struct akt_case_summary *c, int i)
{
	int s = i % (int)AKT_LEN(services);

	memset(c, 0, sizeof(*c));
	c->id = 1000 + i;
	c->number = xasprintf("BYGG-2026-%06d", i);
	c->diary_number = xasprintf("SBN 2026/%d", i % 1000);
	c->title = xasprintf("Nybyggnad av enbostadshus, Björken %d:%d",
			     i % 97, i % 13);
	c->e_service_id = xstrdup(services[s].id);
	c->e_service.sv = xstrdup(services[s].sv);
	c->e_service.en = xstrdup(services[s].en);
	c->queue_id = s + 1;
	c->status.id = xstrdup(statuses[i % 4].id);
	c->status.name.sv = xstrdup(statuses[i % 4].sv);
	c->status.name.en = xstrdup(statuses[i % 4].en);
	c->status.category = statuses[i % 4].cat;
	c->status.standard = true;
	c->applicant.name = xasprintf("%s %s", given[i % 8],
				      surnames[i % 12]);
	c->applicant.personal_number = xasprintf("19%02d%02d%02d-****",
						 40 + i % 60, 1 + i % 12,
						 1 + i % 28);
	if (i % 3) {
		c->nassignees = 1;
		c->assignees = xcalloc(1, sizeof(*c->assignees));
		c->assignees[0].id = officers[i % 4].id;
		c->assignees[0].username = xstrdup(officers[i % 4].username);
		c->assignees[0].name = xstrdup(officers[i % 4].name);
	}
	c->priority = (enum akt_priority)(i % 4);
	c->created_at = xasprintf("2026-%02d-%02dT%02d:%02d:%02dZ", 1 + i % 11,
				  1 + i % 28, i % 24, i % 60, (i * 7) % 60);
	c->updated_at = xasprintf("2026-11-%02dT%02d:%02d:%02dZ", 1 + i % 22,
				  i % 24, (i * 3) % 60, i % 60);
	if (i % 2)
		c->deadline = xasprintf("2026-12-%02d", 1 + i % 28);
	c->unread_messages = i % 3;
}

static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void same(const struct akt_case_summary *a,
		 const struct akt_case_summary *b)
{
	assert_int_equal(a->id, b->id);
	same_str(a->number, b->number);
	same_str(a->diary_number, b->diary_number);
	same_str(a->title, b->title);
	same_str(a->e_service_id, b->e_service_id);
	same_str(a->e_service.sv, b->e_service.sv);
	same_str(a->e_service.en, b->e_service.en);
	assert_int_equal(a->queue_id, b->queue_id);
	same_str(a->status.id, b->status.id);
	same_str(a->status.name.sv, b->status.name.sv);
	same_str(a->status.name.en, b->status.name.en);
	assert_int_equal(a->status.category, b->status.category);
	assert_int_equal(a->status.standard, b->status.standard);
	same_str(a->status.e_service, b->status.e_service);
	same_str(a->applicant.name, b->applicant.name);
	same_str(a->applicant.personal_number, b->applicant.personal_number);
	same_str(a->applicant.organisation_number,
		 b->applicant.organisation_number);
	assert_int_equal(a->nassignees, b->nassignees);
	for (size_t k = 0; k < a->nassignees; k++) {
		assert_int_equal(a->assignees[k].id, b->assignees[k].id);
		same_str(a->assignees[k].username, b->assignees[k].username);
		same_str(a->assignees[k].name, b->assignees[k].name);
	}
	assert_int_equal(a->priority, b->priority);
	same_str(a->created_at, b->created_at);
	same_str(a->updated_at, b->updated_at);
	same_str(a->deadline, b->deadline);
	assert_int_equal(a->unread_messages, b->unread_messages);
}

/* Cases that exercise every optional part and every odd form. */
static void make_odd(struct akt_case_summary *c, int k)
{
	make(c, k);
	switch (k) {
	case 0:         /* no applicant, no deadline, two assignees */
		xfree(&c->applicant.name);
		xfree(&c->applicant.personal_number);
		xfree(&c->deadline);
		for (size_t j = 0; j < c->nassignees; j++)
			akt_officer_ref_clear(&c->assignees[j]);
		free(c->assignees);
		c->nassignees = 2;
		c->assignees = xcalloc(2, sizeof(*c->assignees));
		for (int j = 0; j < 2; j++) {
			c->assignees[j].id = officers[j].id;
			c->assignees[j].username = xstrdup(officers[j].username);
			c->assignees[j].name = xstrdup(officers[j].name);
		}
		break;
	case 1:         /* a company; times not in the usual form */
		xfree(&c->applicant.personal_number);
		c->applicant.organisation_number = xstrdup("556123-4567");
		free(c->created_at);
		c->created_at = xstrdup("2026-11-23T15:02:00+01:00");
		free(c->updated_at);
		c->updated_at = xstrdup("2026-11-23T14:02:00.250Z");
		break;
	case 2:         /* a service's own status; an empty title */
		free(c->status.id);
		c->status.id = xstrdup("awaiting_inspection");
		c->status.standard = false;
		c->status.e_service = xstrdup("bygglov");
		free(c->title);
		c->title = xstrdup("");
		c->unread_messages = 70000;     /* kept as 65535 */
		break;
	case 3:         /* dates that do not exist read back as given */
		free(c->updated_at);
		c->updated_at = xstrdup("2026-02-30T10:00:00Z");
		free(c->deadline);
		c->deadline = xstrdup("2026-13-01");
		/* a number without a shared part, a personal number in
		 * another form */
		free(c->number);
		c->number = xstrdup("ÄRENDE-ABC");
		free(c->diary_number);
		c->diary_number = xstrdup("2026/77");
		free(c->applicant.personal_number);
		c->applicant.personal_number = xstrdup("850312-****");
		break;
	case 4:         /* a number that is all digits; a revealed number */
		free(c->number);
		c->number = xstrdup("20260001");
		free(c->applicant.personal_number);
		c->applicant.personal_number = xstrdup("19850312-1234");
		c->unread_messages = -1;        /* kept as 0 */
		break;
	default:
		break;
	}
}

static void test_round_trip(void **state)
{
	struct akt_case_rows *r = akt_case_rows_new();
	struct akt_case_summary c[5];
	size_t at[5] = { 4, 0, 2, 1, 3 };
	char *err = NULL;

	for (int k = 0; k < 5; k++)
		make_odd(&c[k], k);
	akt_case_rows_resize(r, 5);
	assert_null(akt_case_rows_get(r, 0));
	assert_int_equal(akt_case_rows_id(r, 0), 0);
	assert_true(akt_case_rows_put(r, at, c, 5, &err));
	/* unread counts are kept from 0 to 65535 */
	assert_int_equal(akt_case_rows_get(r, at[2])->unread_messages, 65535);
	c[2].unread_messages = 65535;
	assert_int_equal(akt_case_rows_get(r, at[4])->unread_messages, 0);
	c[4].unread_messages = 0;
	for (int k = 0; k < 5; k++) {
		assert_true(akt_case_rows_loaded(r, at[k]));
		assert_int_equal(akt_case_rows_id(r, at[k]), c[k].id);
		same(akt_case_rows_get(r, at[k]), &c[k]);
	}
	/* shared values are shared: one e-service, one copy */
	assert_ptr_equal(akt_case_rows_get(r, 4)->e_service_id,
			 akt_case_rows_get(r, 4)->e_service_id);
	for (int k = 0; k < 5; k++)
		akt_case_summary_clear(&c[k]);
	assert_null(akt_case_rows_get(r, 5));
	akt_case_rows_free(&r);
	assert_null(r);
}

/* A live update: in place when it fits, anew when it grows; the rest of
 * the rows do not notice. */
static void test_replace(void **state)
{
	struct akt_case_rows *r = akt_case_rows_new();
	struct akt_case_summary a, b, c;
	size_t at[2] = { 0, 1 }, one = 1;
	char *err = NULL;

	make(&a, 1);
	make(&b, 2);
	akt_case_rows_resize(r, 2);
	{
		struct akt_case_summary two[2] = { a, b };

		assert_true(akt_case_rows_put(r, at, two, 2, &err));
	}
	make(&c, 2);
	free(c.title);
	c.title = xstrdup("Kort");
	free(c.status.id);
	c.status.id = xstrdup("closed");
	assert_true(akt_case_rows_put(r, &one, &c, 1, &err));
	same(akt_case_rows_get(r, 1), &c);
	free(c.title);
	c.title = xstrdup("En mycket längre rubrik än den som fanns där "
			  "förut, så att den inte får plats");
	assert_true(akt_case_rows_put(r, &one, &c, 1, &err));
	same(akt_case_rows_get(r, 1), &c);
	same(akt_case_rows_get(r, 0), &a);
	akt_case_summary_clear(&a);
	akt_case_summary_clear(&b);
	akt_case_summary_clear(&c);
	akt_case_rows_free(&r);
}

static void test_insert_remove(void **state)
{
	struct akt_case_rows *r = akt_case_rows_new();
	struct akt_case_summary c[2];
	size_t at[2] = { 1, 3 }, top = 0;
	char *err = NULL;

	make(&c[0], 10);
	make(&c[1], 11);
	akt_case_rows_resize(r, 5);
	assert_true(akt_case_rows_put(r, at, c, 2, &err));
	akt_case_rows_insert(r, 0);
	assert_int_equal(akt_case_rows_count(r), 6);
	assert_false(akt_case_rows_loaded(r, 0));
	assert_int_equal(akt_case_rows_id(r, 2), c[0].id);
	assert_int_equal(akt_case_rows_id(r, 4), c[1].id);
	assert_true(akt_case_rows_put(r, &top, &c[1], 1, &err));
	same(akt_case_rows_get(r, 0), &c[1]);
	/* rows 1 and 3 are empty: take out 3 */
	akt_case_rows_remove(r, 3, 1);
	assert_int_equal(akt_case_rows_count(r), 5);
	assert_int_equal(akt_case_rows_id(r, 3), c[1].id);
	same(akt_case_rows_get(r, 2), &c[0]);
	akt_case_rows_resize(r, 1);
	assert_int_equal(akt_case_rows_count(r), 1);
	assert_null(akt_case_rows_get(r, 2));
	akt_case_summary_clear(&c[0]);
	akt_case_summary_clear(&c[1]);
	akt_case_rows_free(&r);
}

/* A screenful of rows is readable at once. */
static void test_views(void **state)
{
	struct akt_case_rows *r = akt_case_rows_new();
	const struct akt_case_summary *seen[200];
	struct akt_case_summary c[200];
	size_t at[200];
	char *err = NULL;

	for (int i = 0; i < 200; i++) {
		make(&c[i], i);
		at[i] = (size_t)i;
	}
	akt_case_rows_resize(r, 200);
	assert_true(akt_case_rows_put(r, at, c, 200, &err));
	for (int i = 0; i < 200; i++)
		seen[i] = akt_case_rows_get(r, (size_t)i);
	for (int i = 0; i < 200; i++)
		same(seen[i], &c[i]);
	for (int i = 0; i < 200; i++)
		akt_case_summary_clear(&c[i]);
	akt_case_rows_free(&r);
}

#define BIG 100000
#define PAGE 100

/* 100,000 rows: what the heap grows by, per row, with malloc's own
 * overhead; the full-screen client must stay under 30 MB resident with
 * a queue this long scrolled through. */
static void test_memory(void **state)
{
	struct mallinfo2 before, after;
	struct akt_case_rows *r;
	struct akt_case_summary page[PAGE];
	size_t at[PAGE];
	char *err = NULL;
	double per_row, counted;

	before = mallinfo2();
	r = akt_case_rows_new();
	akt_case_rows_resize(r, BIG);
	for (int p = 0; p < BIG / PAGE; p++) {
		for (int k = 0; k < PAGE; k++) {
			make(&page[k], p * PAGE + k);
			at[k] = (size_t)(p * PAGE + k);
		}
		assert_true(akt_case_rows_put(r, at, page, PAGE, &err));
		for (int k = 0; k < PAGE; k++)
			akt_case_summary_clear(&page[k]);
	}
	after = mallinfo2();
	per_row = (double)(after.uordblks + after.hblkhd - before.uordblks -
			   before.hblkhd) / BIG;
	counted = (double)akt_case_rows_bytes(r) / BIG;
	print_message("case rows: %.0f bytes a row on the heap (%.0f counted), "
		      "%.1f MB for %d rows\n", per_row, counted,
		      per_row * BIG / 1e6, BIG);
	assert_true(counted < 130);
	/* a sanitizer's allocator tells mallinfo2 nothing */
	if (per_row > 0) {
		assert_true(per_row < 140);
		assert_true(counted <= per_row);
	}
	/* every row still reads back */
	make(&page[0], BIG - 1);
	same(akt_case_rows_get(r, BIG - 1), &page[0]);
	akt_case_summary_clear(&page[0]);
	akt_case_rows_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_insert_remove),
		cmocka_unit_test(test_views),
		cmocka_unit_test(test_memory),
	};

	return cmocka_run_group_tests_name("case rows", tests, NULL, NULL);
}

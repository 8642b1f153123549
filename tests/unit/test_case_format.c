/*
 * test_case_format.c — how the reading commands write a case's parts:
 * safe file names for documents, names compared as officers type them,
 * sizes, applicants, dates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/case_format.h"

#include <time.h>

static void expect_file_name(const char *name, const char *want)
{
	char *got = akt_fmt_file_name(name, 42);

	assert_string_equal(got, want);
	free(got);
}

static void test_file_name(void **state)
{
	expect_file_name("Situationsplan.pdf", "Situationsplan.pdf");
	expect_file_name("Förslag till kontrollplan.pdf",
			 "Förslag till kontrollplan.pdf");
	/* no directories, no way up, no hidden file, no option */
	expect_file_name("../../etc/passwd", "___.._etc_passwd");
	expect_file_name("/etc/passwd", "_etc_passwd");
	expect_file_name("a\\b.txt", "a_b.txt");
	expect_file_name(".bashrc", "_bashrc");
	expect_file_name("..", "__");
	expect_file_name("-rf", "_rf");
	/* control characters shown as symbols, invisible ones dropped */
	expect_file_name("evil\x1b[31m.txt", "evil␛[31m.txt");
	expect_file_name("a\nb\tc.txt", "a b c.txt");
	expect_file_name("gnp.\u202eexe", "gnp.exe");
	expect_file_name("  spaced  ", "spaced");
	/* nothing left */
	expect_file_name("", "document-42");
	expect_file_name("   ", "document-42");
	expect_file_name("\u200b", "document-42");
}

static void test_file_name_long(void **state)
{
	char name[2 * 300 + 1];
	char *got;

	/* 300 two-byte letters: cut between characters, not inside one */
	name[0] = '\0';
	for (int i = 0; i < 300; i++)
		strcat(name, "å");
	got = akt_fmt_file_name(name, 1);
	assert_true(strlen(got) <= AKT_FILE_NAME_MAX);
	assert_int_equal(strlen(got) % 2, 0);
	assert_int_equal(strncmp(got, "åå", 4), 0);
	free(got);
}

static void test_name_eq(void **state)
{
	assert_true(akt_name_eq("Förskoleplats", "förskoleplats"));
	assert_true(akt_name_eq("ÅSA ÖBERG", "åsa öberg"));
	assert_true(akt_name_eq("Under handläggning", "UNDER HANDLÄGGNING"));
	assert_true(akt_name_eq("", ""));
	assert_false(akt_name_eq("Bygglov", "Bygglo"));
	assert_false(akt_name_eq("a", "å"));
	assert_false(akt_name_eq("\xff", "\xff"));
}

static void test_size(void **state)
{
	const struct { int64_t n; const char *s; } c[] = {
		{ 0, "0 B" }, { 1023, "1023 B" }, { 1024, "1.0 KB" },
		{ 12390, "12.1 KB" }, { 3565158, "3.4 MB" },
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(*c); i++) {
		char *s = akt_fmt_size(c[i].n);

		assert_string_equal(s, c[i].s);
		free(s);
	}
}

static void test_applicant_and_people(void **state)
{
	struct akt_applicant p = { "Åsa Öberg", "19850312-****", NULL };
	struct akt_applicant o = { "Byggbolaget AB", NULL, "556123-4567" };
	struct akt_applicant none = { NULL, NULL, NULL };
	struct akt_officer_ref refs[] = {
		{ 1, "anna", "Anna Lindqvist" }, { 2, "erik", "Erik Sandberg" },
	};
	char *s;

	s = akt_fmt_applicant(&p);
	assert_string_equal(s, "Åsa Öberg (19850312-****)");
	free(s);
	s = akt_fmt_applicant(&o);
	assert_string_equal(s, "Byggbolaget AB (556123-4567)");
	free(s);
	s = akt_fmt_applicant(&none);
	assert_string_equal(s, "");
	free(s);
	s = akt_fmt_assignees(refs, 2);
	assert_string_equal(s, "anna, erik");
	free(s);
	s = akt_fmt_officers(refs, 2);
	assert_string_equal(s, "Anna Lindqvist (anna), Erik Sandberg (erik)");
	free(s);
	s = akt_fmt_assignees(refs, 0);
	assert_string_equal(s, "");
	free(s);
}

static void test_dates(void **state)
{
	char *s;

	/* Swedish time without needing the time zone files */
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	/* 23:30 UTC is the next day in Stockholm */
	s = akt_fmt_date("2026-11-23T23:30:00Z");
	assert_string_equal(s, "2026-11-24");
	free(s);
	s = akt_fmt_time("2026-11-23T14:02:00Z");
	assert_string_equal(s, "2026-11-23 15:02");
	free(s);
	/* not a timestamp: shown as sent, made safe */
	s = akt_fmt_date("soon\x1b");
	assert_string_equal(s, "soon␛");
	free(s);
	s = akt_fmt_time(NULL);
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_name),
		cmocka_unit_test(test_file_name_long),
		cmocka_unit_test(test_name_eq),
		cmocka_unit_test(test_size),
		cmocka_unit_test(test_applicant_and_people),
		cmocka_unit_test(test_dates),
	};

	return cmocka_run_group_tests_name("case_format", tests, NULL, NULL);
}

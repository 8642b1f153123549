/*
 * test_table.c — alignment by display width, sanitized cells, fitting.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/table.h"

static char *render(struct akt_table *t, size_t width)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	akt_table_print(t, f, width);
	fclose(f);
	return text;
}

static void test_alignment_by_display_width(void **state)
{
	static const char *const head[] = { "ID", "QUEUE", "TOTAL" };
	static const char *const r1[] = { "1", "Bygglov", "77" };
	static const char *const r2[] = { "12", "Förskoleplats", "5" };
	struct akt_table *t = akt_table_new(3, head);
	char *s;

	akt_table_col(t, 0, AKT_COL_RIGHT);
	akt_table_col(t, 2, AKT_COL_RIGHT);
	akt_table_row(t, r1);
	akt_table_row(t, r2);
	s = render(t, 0);
	assert_string_equal(s,
		"ID  QUEUE          TOTAL\n"
		" 1  Bygglov           77\n"
		"12  Förskoleplats      5\n");
	free(s);
	akt_table_free(&t);
}

static void test_cells_sanitized(void **state)
{
	static const char *const r[] = { "a\x1b[31mb\nc", "x\xe2\x80\xaey" };
	struct akt_table *t = akt_table_new(2, NULL);
	char *s;

	akt_table_row(t, r);
	s = render(t, 0);
	assert_string_equal(s, "a␛[31mb c  xy\n");
	free(s);
	akt_table_free(&t);
}

static void test_flex_columns_shortened(void **state)
{
	static const char *const r[] = {
		"Samhällsbyggnadsförvaltningen", "Bygglov", "4",
	};
	struct akt_table *t = akt_table_new(3, NULL);
	char *s;

	akt_table_col(t, 0, AKT_COL_FLEX);
	akt_table_row(t, r);
	s = render(t, 24);
	/* 12 + 2 + 7 + 2 + 1 = 24 */
	assert_string_equal(s, "Samhällsbyg…  Bygglov  4\n");
	free(s);
	/* never below the minimum, even when that overflows */
	s = render(t, 5);
	assert_string_equal(s, "Samhäll…  Bygglov  4\n");
	free(s);
	akt_table_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alignment_by_display_width),
		cmocka_unit_test(test_cells_sanitized),
		cmocka_unit_test(test_flex_columns_shortened),
	};

	return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}

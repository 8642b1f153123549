/*
 * test_template.c — the officer's templates: listing the directory,
 * reading one (size, UTF-8, names that are not paths, symbolic links
 * followed, FIFOs refused without waiting) and filling in
 * the placeholders, with values cleaned of control characters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/template.h"
#include "akt/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/akt-template-XXXXXX";

static void put(const char *name, const char *text, size_t len)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	free(path);
}

static int setup(void **state)
{
	if (!mkdtemp(dir))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);

	free(cmd);
	return rc == 0 ? 0 : -1;
}

static void test_list(void **state)
{
	char **names = NULL, *err = NULL, *sub;
	size_t n = 0;

	put("komplettering", "x", 1);
	put("beslut", "x", 1);
	put(".dold", "x", 1);
	put("beslut~", "x", 1);
	sub = xasprintf("%s/katalog", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	free(sub);
	assert_true(akt_template_list(dir, &names, &n, &err));
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "beslut");
	assert_string_equal(names[1], "komplettering");
	akt_template_list_free(&names, &n);
	assert_null(names);
	assert_int_equal(n, 0);
	/* no directory is no templates */
	assert_true(akt_template_list("/nonexistent/akt/templates", &names,
				      &n, &err));
	assert_int_equal(n, 0);
}

static void test_read(void **state)
{
	char *text = NULL, *err = NULL, *big;

	put("hej", "Hej {applicant}!\n\nMvh {officer}\n", 32);
	assert_true(akt_template_read(dir, "hej", &text, &err));
	/* one final line break is dropped: the text goes in at the cursor */
	assert_string_equal(text, "Hej {applicant}!\n\nMvh {officer}");
	free(text);

	assert_false(akt_template_read(dir, "saknas", &text, &err));
	assert_non_null(strstr(err, "no template 'saknas'"));
	xfree(&err);
	assert_false(akt_template_read(dir, "../etc/passwd", &text, &err));
	assert_non_null(strstr(err, "not a template name"));
	xfree(&err);
	assert_false(akt_template_read(dir, ".dold", &text, &err));
	xfree(&err);

	put("latin1", "h\xe4j", 3);
	assert_false(akt_template_read(dir, "latin1", &text, &err));
	assert_non_null(strstr(err, "not UTF-8"));
	xfree(&err);
	put("nul", "a\0b", 3);
	assert_false(akt_template_read(dir, "nul", &text, &err));
	xfree(&err);

	big = xmalloc(AKT_TEMPLATE_MAX + 10);
	memset(big, 'a', AKT_TEMPLATE_MAX + 10);
	put("stor", big, AKT_TEMPLATE_MAX + 10);
	free(big);
	assert_false(akt_template_read(dir, "stor", &text, &err));
	assert_non_null(strstr(err, "larger than"));
	xfree(&err);
}

/* A symbolic link to a template elsewhere (as dotfile managers make) is
 * listed and read; a FIFO or a directory is refused at once, never
 * waited on. */
static void test_links_and_special_files(void **state)
{
	char *elsewhere = xasprintf("%s/../%s-real", dir, strrchr(dir, '/') + 1);
	char *link = xasprintf("%s/länkad", dir), *fifo = xasprintf("%s/fifo",
								    dir);
	char *sub = xasprintf("%s/mapp", dir), *text = NULL, *err = NULL;
	char **names = NULL;
	size_t n = 0;
	bool listed_link = false;
	FILE *f = fopen(elsewhere, "w");

	assert_non_null(f);
	fputs("Hej {applicant}\n", f);
	fclose(f);
	assert_int_equal(symlink(elsewhere, link), 0);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	mkdir(sub, 0700);
	assert_true(akt_template_list(dir, &names, &n, &err));
	for (size_t i = 0; i < n; i++) {
		assert_string_not_equal(names[i], "fifo");
		listed_link = listed_link || strcmp(names[i], "länkad") == 0;
	}
	assert_true(listed_link);
	akt_template_list_free(&names, &n);
	assert_true(akt_template_read(dir, "länkad", &text, &err));
	assert_string_equal(text, "Hej {applicant}");
	xfree(&text);
	/* no writer: a blocking open would hang here */
	assert_false(akt_template_read(dir, "fifo", &text, &err));
	assert_non_null(strstr(err, "not a regular file"));
	xfree(&err);
	assert_false(akt_template_read(dir, "mapp", &text, &err));
	xfree(&err);
	unlink(link);
	unlink(fifo);
	unlink(elsewhere);
	free(elsewhere);
	free(link);
	free(fifo);
	free(sub);
}

static void test_expand(void **state)
{
	const struct akt_template_var vars[] = {
		{ "case", "BYGG-2026-000123" },
		{ "applicant", "Agnes Engström" },
		{ "officer", "Anna\x1b[31m Lindqvist\nX" },
		{ "date", NULL },
	};
	char *s;

	s = akt_template_expand("Ärende {case}: hej {applicant}! /{officer}",
				vars, AKT_LEN(vars));
	/* values cleaned: no ESC, no line break */
	assert_null(strchr(s, '\x1b'));
	assert_non_null(strstr(s, "Ärende BYGG-2026-000123: hej Agnes "
			       "Engström! /Anna"));
	assert_null(strchr(s, '\n'));
	free(s);
	/* unknown and valueless placeholders, and lone braces, stay */
	s = akt_template_expand("{date} {okänd} {x} { case} {case", vars,
				AKT_LEN(vars));
	assert_string_equal(s, "{date} {okänd} {x} { case} {case");
	free(s);
	s = akt_template_expand("{{case}}", vars, AKT_LEN(vars));
	assert_string_equal(s, "{BYGG-2026-000123}");
	free(s);
	s = akt_template_expand("", vars, AKT_LEN(vars));
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_links_and_special_files),
		cmocka_unit_test(test_expand),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

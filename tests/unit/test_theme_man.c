/*
 * test_theme_man.c — man/akt-themes.5 lists exactly the objects of
 * AKT_THEME_OBJECTS: under .Sh OBJECTS, in the table's order, each as
 *
 *	.It Ic NAME
 *	Help.
 *
 * with nothing the table does not know; and it names every shipped
 * theme under .Sh SHIPPED THEMES.
 *
 * Run from the top of the source tree (as 'make check' does).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <ctype.h>

#include "akt/buf.h"
#include "akt/theme.h"
#include "akt/xalloc.h"

#include "slurp.h"

#define MAN_PAGE "man/akt-themes.5"

/* The lines of section sh that start with .It, each with the line after
 * it: pairs in *out. */
static size_t items(char *text, const char *sh, char ***out)
{
	char **lines = NULL, *line, *next, *head = xasprintf(".Sh %s", sh);
	size_t n = 0;
	bool in = false, found = false, after_it = false;

	for (line = text; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (strncmp(line, ".Sh ", 4) == 0) {
			in = strcmp(line, head) == 0;
			found = found || in;
			continue;
		}
		if (in && (after_it || strncmp(line, ".It ", 4) == 0)) {
			lines = xreallocarray(lines, n + 1, sizeof(*lines));
			lines[n++] = line;
		}
		after_it = in && strncmp(line, ".It ", 4) == 0;
	}
	if (!found)
		fail_msg("%s has no %s", MAN_PAGE, head);
	free(head);
	*out = lines;
	return n;
}

/* The help as roff writes it: capital first, a full stop, and the
 * Swedish letters as roff escapes. */
static char *roff_sentence(const char *help)
{
	static const char *const map[][2] = {
		{ "\xc3\xa5", "\\(oa" }, { "\xc3\xa4", "\\(:a" },
		{ "\xc3\xb6", "\\(:o" }, { "\xc3\x85", "\\(oA" },
		{ "\xc3\x84", "\\(:A" }, { "\xc3\x96", "\\(:O" },
		{ "\xc3\xa9", "\\('e" },
	};
	struct akt_buf b;

	akt_buf_init(&b, 0);
	for (const char *p = help; *p;) {
		size_t i;

		for (i = 0; i < AKT_LEN(map); i++)
			if (strncmp(p, map[i][0], 2) == 0)
				break;
		if (i < AKT_LEN(map)) {
			akt_buf_addstr(&b, map[i][1]);
			p += 2;
		} else {
			akt_buf_addc(&b, p == help ?
				     (char)toupper((unsigned char)*p) : *p);
			p++;
		}
	}
	akt_buf_addc(&b, '.');
	return akt_buf_steal(&b);
}

static void test_objects_listed(void **state)
{
	char *text = slurp(MAN_PAGE), **got;
	size_t n = items(text, "OBJECTS", &got), k = 0;

	for (size_t i = 0; i < n; i += 2, k++) {
		char *item, *help;

		if (k == AKT_T_COUNT)
			fail_msg("%s lists '%s', which is not an object of "
				 "AKT_THEME_OBJECTS (include/akt/theme.h)",
				 MAN_PAGE, got[i]);
		item = xasprintf(".It Ic %s", akt_theme_objects[k].name);
		help = roff_sentence(akt_theme_objects[k].help);
		if (strcmp(got[i], item) != 0)
			fail_msg("%s: object %zu is %s, so its entry must be\n"
				 "  %s\nnot\n  %s", MAN_PAGE, k + 1,
				 akt_theme_objects[k].name, item, got[i]);
		if (i + 1 == n || strcmp(got[i + 1], help) != 0)
			fail_msg("%s: the entry of %s must begin with its help:"
				 "\n  %s", MAN_PAGE, akt_theme_objects[k].name,
				 help);
		free(item);
		free(help);
	}
	if (k != AKT_T_COUNT)
		fail_msg("%s does not list the object '%s' (and what follows "
			 "it)", MAN_PAGE, akt_theme_objects[k].name);
	free(got);
	free(text);
}

static void test_shipped_listed(void **state)
{
	char *text = slurp(MAN_PAGE), **got;
	size_t n = items(text, "SHIPPED THEMES", &got), k = 0;

	for (size_t i = 0; i < n; i += 2, k++) {
		char *item;

		assert_true(k < akt_theme_nbuiltin);
		item = xasprintf(".It Cm %s", akt_theme_builtin_names[k]);
		assert_string_equal(got[i], item);
		free(item);
	}
	assert_int_equal(k, akt_theme_nbuiltin);
	free(got);
	free(text);
}

/* The checker itself. */
static void test_roff_sentence(void **state)
{
	char *s = roff_sentence("statuses of category Under handläggning");

	assert_string_equal(s, "Statuses of category Under "
			    "handl\\(:aggning.");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roff_sentence),
		cmocka_unit_test(test_objects_listed),
		cmocka_unit_test(test_shipped_listed),
	};

	return cmocka_run_group_tests_name("akt-themes.5 and the theme objects",
					   tests, NULL, NULL);
}

/*
 * test_keys_man.c — the KEYS section of man/akt.1 and the action table
 * say the same: one .Ss per set of screens (generic first, then in the
 * table's order), headed like `akt help keys`, and under it every action
 * of those screens, in the table's order, as
 *
 *	.It Li "KEYS" Pq Ic NAME
 *	Help.
 *
 * and no entry the table does not know.
 *
 * Run from the top of the source tree (as 'make check' does).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/buf.h"
#include "akt/keys.h"
#include "akt/xalloc.h"

#include "slurp.h"

#define MAN_PAGE "man/akt.1"

/* The lines of .Sh KEYS that the check is about: .Ss, .It, and the line
 * after each .It, in order. */
static size_t keys_lines(char *text, char ***out)
{
	char **lines = NULL, *line, *next;
	size_t n = 0;
	bool in = false, after_it = false;

	for (line = text; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (strncmp(line, ".Sh ", 4) == 0) {
			if (in)
				break;
			in = strcmp(line, ".Sh KEYS") == 0;
			continue;
		}
		if (!in)
			continue;
		if (after_it || strncmp(line, ".Ss ", 4) == 0 ||
		    strncmp(line, ".It ", 4) == 0) {
			lines = xreallocarray(lines, n + 1, sizeof(*lines));
			lines[n++] = line;
		}
		after_it = strncmp(line, ".It ", 4) == 0;
	}
	if (!in && n == 0)
		fail_msg("%s has no .Sh KEYS", MAN_PAGE);
	*out = lines;
	return n;
}

/* roff inside a quoted argument */
static char *roff_quoted(const char *s)
{
	struct akt_buf b;

	akt_buf_init(&b, 0);
	for (; *s; s++) {
		if (*s == '\\')
			akt_buf_addstr(&b, "\\e");
		else if (*s == '"')
			akt_buf_addstr(&b, "\\(dq");
		else
			akt_buf_addc(&b, *s);
	}
	return akt_buf_steal(&b);
}

/* What the section must hold, in order. */
static size_t expected(char ***out)
{
	unsigned masks[AKT_A_COUNT];
	size_t nm = 0, n = 0;
	char **want = xcalloc(3 * AKT_A_COUNT + AKT_A_COUNT, sizeof(*want));

	for (int pass = 0; pass < 2; pass++) {
		for (int a = 0; a < AKT_A_COUNT; a++) {
			unsigned m = akt_actions[a].screens;
			bool seen = false;

			if (((m & AKT_S(GENERIC)) != 0) != (pass == 0))
				continue;
			for (size_t i = 0; i < nm; i++)
				seen = seen || masks[i] == m;
			if (!seen)
				masks[nm++] = m;
		}
	}
	for (size_t g = 0; g < nm; g++) {
		char *head = akt_screens_text(masks[g]);

		want[n++] = xasprintf(".Ss %s", head);
		free(head);
		for (int a = 0; a < AKT_A_COUNT; a++) {
			const struct akt_action_info *info = &akt_actions[a];
			char *keys;

			if (info->screens != masks[g])
				continue;
			keys = roff_quoted(info->keys);
			want[n++] = xasprintf(".It Li \"%s\" Pq Ic %s", keys,
					      info->name);
			want[n++] = xasprintf("%s.", info->help);
			free(keys);
		}
	}
	*out = want;
	return n;
}

static void test_keys_section_follows_table(void **state)
{
	char *text = slurp(MAN_PAGE), **got, **want;
	size_t ngot = keys_lines(text, &got), nwant = expected(&want);

	for (size_t i = 0; i < nwant; i++) {
		if (i == ngot)
			fail_msg("%s, KEYS: after\n  %s\nthe table has\n  %s\n"
				 "(and what follows it)", MAN_PAGE,
				 i ? got[i - 1] : "(start)", want[i]);
		if (strcmp(got[i], want[i]) != 0)
			fail_msg("%s, KEYS: the table says\n  %s\nwhere the "
				 "page has\n  %s", MAN_PAGE, want[i], got[i]);
	}
	if (ngot > nwant)
		fail_msg("%s, KEYS: '%s' is not in the action table "
			 "(include/akt/keys.h)", MAN_PAGE, got[nwant]);
	for (size_t i = 0; i < nwant; i++)
		free(want[i]);
	free(want);
	free(got);
	free(text);
}

/* The checker itself: a changed entry would be caught. */
static void test_expected_lines(void **state)
{
	char **want, *q;
	size_t n = expected(&want);
	bool found = false;

	assert_string_equal(want[0], ".Ss On every screen");
	for (size_t i = 0; i + 1 < n; i++) {
		if (strcmp(want[i], ".It Li \"j <Down>\" Pq Ic move-down") == 0) {
			assert_string_equal(want[i + 1],
					    "Move the selection down one row.");
			found = true;
		}
	}
	assert_true(found);
	q = roff_quoted("\\ \"");
	assert_string_equal(q, "\\e \\(dq");
	free(q);
	for (size_t i = 0; i < n; i++)
		free(want[i]);
	free(want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expected_lines),
		cmocka_unit_test(test_keys_section_follows_table),
	};

	return cmocka_run_group_tests_name("akt.1 KEYS and the action table",
					   tests, NULL, NULL);
}

/*
 * test_ui_cmd_man.c — akt(1) and the ':' command table say the same: the
 * list under "The command line" has one entry per command, in the
 * table's order, with its arguments and its help as the text; and the
 * help screen's source (the table) has no command the manual lacks.
 *
 * Run from the top of the source tree (as 'make check' does).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <ctype.h>

#include "akt/ui_cmd.h"
#include "akt/xalloc.h"

static char *read_man(void)
{
	FILE *f = fopen("man/akt.1", "r");
	char *text = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f)
		fail_msg("cannot open man/akt.1 (run from the top of the "
			 "source tree): %s", strerror(errno));
	n = getdelim(&text, &cap, '\0', f);
	fclose(f);
	assert_true(n > 0);
	return text;
}

/* The .It lines of the command list, in order. */
static size_t man_commands(char *text, char **names, size_t max)
{
	char *start = strstr(text, ".Ss The command line");
	char *end = start ? strstr(start, ".Ss The idle lock") : NULL;
	size_t n = 0;

	assert_non_null(start);
	assert_non_null(end);
	*end = '\0';
	for (char *p = start; (p = strstr(p, "\n.It Ic :")) && n < max;) {
		p += strlen("\n.It Ic :");
		names[n++] = p;
		p += strcspn(p, "\n");
		if (*p)
			*p++ = '\0';
	}
	return n;
}

static void the_manual_lists_every_command_in_order(void **state)
{
	char *text = read_man(), *copy = xstrdup(text);
	char *names[128];
	size_t n;

	(void)state;
	n = man_commands(copy, names, 128);
	assert_int_equal(n, ui_ncmds);
	for (size_t i = 0; i < ui_ncmds; i++) {
		const struct ui_cmd_info *c = &ui_cmds[i];
		size_t len = strlen(c->name);

		if (strncmp(names[i], c->name, len) != 0 ||
		    (names[i][len] != '\0' && names[i][len] != ' '))
			fail_msg("man/akt.1 lists ':%s' where the table has "
				 "':%s'", names[i], c->name);
		if (*c->args) {
			/* "me|USER" is written "Ar me | USER". */
			char *want = xstrdup(c->args), *got;
			char *w = want;
			char *p = names[i] + len;

			while (*p == ' ')
				p++;
			if (strncmp(p, "Ar ", 3) != 0)
				fail_msg(":%s: no arguments in the manual",
					 c->name);
			got = p + 3;
			for (char *g = got; *w; w++) {
				while (*g == ' ')
					g++;
				while (*w == ' ' || *w == '|') {
					if (*w == '|') {
						if (*g != '|')
							fail_msg(":%s: arguments "
								 "differ", c->name);
						g++;
					}
					w++;
					while (*g == ' ')
						g++;
				}
				if (!*w)
					break;
				if (*g != *w)
					fail_msg(":%s: arguments '%s' differ "
						 "from '%s'", c->name, got,
						 c->args);
				g++;
			}
			free(want);
		}
	}
	free(copy);
	free(text);
}

static void every_help_text_is_in_the_manual(void **state)
{
	char *text = read_man();

	(void)state;
	for (size_t i = 0; i < ui_ncmds; i++) {
		/* The manual capitalizes the help and ends it with '.'. */
		const char *h = ui_cmds[i].help;
		char *want = xasprintf("%c%s.\n", toupper((unsigned char)h[0]),
				       h + 1);

		if (!strstr(text, want))
			fail_msg(":%s: the manual lacks its help \"%s\"",
				 ui_cmds[i].name, want);
		free(want);
	}
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_manual_lists_every_command_in_order),
		cmocka_unit_test(every_help_text_is_in_the_manual),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_conf_man.c — man/akt.conf.5 and the option table say the same:
 * every option of the table has an entry in the OPTIONS list, in the
 * table's order, with its kind on the .It line, its help as the first
 * sentence, its default ("Default: X." or "No default.") and for seconds,
 * minutes and numbers its range; and the list has no entry the table
 * does not know.
 *
 * Run from the top of the source tree (as 'make check' does).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <ctype.h>

#include "akt/config.h"
#include "akt/xalloc.h"

#define MAN_PAGE "man/akt.conf.5"
#define MAX_LINES 2000

struct page {
	char *text;
	char *line[MAX_LINES];
	size_t n;
};

static void load(struct page *p)
{
	FILE *f = fopen(MAN_PAGE, "r");
	size_t len = 0, cap = 0;
	char buf[4096];

	if (!f)
		fail_msg("cannot open %s (run from the top of the source tree): "
			 "%s", MAN_PAGE, strerror(errno));
	p->text = NULL;
	while (fgets(buf, sizeof(buf), f)) {
		size_t n = strlen(buf);

		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			p->text = xrealloc(p->text, cap);
		}
		memcpy(p->text + len, buf, n + 1);
		len += n;
	}
	fclose(f);
	p->n = 0;
	for (char *s = p->text, *nl; s && *s && p->n < MAX_LINES; s = nl) {
		nl = strchr(s, '\n');
		if (nl)
			*nl++ = '\0';
		p->line[p->n++] = s;
	}
}

/* The lines of the list under .Sh OPTIONS: [*first, *end). */
static void options_list(const struct page *p, size_t *first, size_t *end)
{
	size_t i = 0;
	int depth = 0;

	while (i < p->n && strcmp(p->line[i], ".Sh OPTIONS") != 0)
		i++;
	if (i == p->n)
		fail_msg("%s has no .Sh OPTIONS", MAN_PAGE);
	while (i < p->n && strncmp(p->line[i], ".Bl", 3) != 0)
		i++;
	if (i == p->n)
		fail_msg("%s: no .Bl list under OPTIONS", MAN_PAGE);
	*first = i + 1;
	for (; i < p->n; i++) {
		if (strncmp(p->line[i], ".Bl", 3) == 0)
			depth++;
		else if (strncmp(p->line[i], ".El", 3) == 0 && --depth == 0)
			break;
	}
	if (i == p->n)
		fail_msg("%s: the OPTIONS list has no .El", MAN_PAGE);
	*end = i;
}

/* What the .It line of o must be. */
static char *item_line(const struct akt_option *o)
{
	if (o->type == AKT_OPT_CHOICE) {
		char *s = xasprintf(".It Ic %s Cm ", o->name), *t;

		for (const char *c = o->choices; *c;) {
			size_t len = strcspn(c, "|");

			t = xasprintf("%s%s%.*s", s, c == o->choices ? "" : " | Cm ",
				      (int)len, c);
			free(s);
			s = t;
			c += len + (c[len] == '|');
		}
		return s;
	}
	return xasprintf(".It Ic %s Ar %s", o->name, akt_option_kind(o));
}

static char *first_sentence(const struct akt_option *o)
{
	char *s = xasprintf("%s.", o->help);

	s[0] = (char)toupper((unsigned char)s[0]);
	return s;
}

static char *default_line(const struct akt_option *o)
{
	return *o->value ? xasprintf("Default: %s.", o->value) :
	       xstrdup("No default.");
}

/* Is want one of the lines [from, to)? */
static bool has_line(const struct page *p, size_t from, size_t to,
		     const char *want)
{
	for (size_t i = from; i < to; i++)
		if (strcmp(p->line[i], want) == 0)
			return true;
	return false;
}

static void test_every_option_documented(void **state)
{
	struct page p;
	size_t first, end, i;
	size_t k = 0;

	load(&p);
	options_list(&p, &first, &end);
	i = first;
	while (i < end && strncmp(p.line[i], ".It ", 4) != 0)
		i++;
	for (; i < end; k++) {
		size_t next = i + 1;

		while (next < end && strncmp(p.line[next], ".It ", 4) != 0)
			next++;
		if (k == akt_noptions)
			fail_msg("%s documents '%s', which is not an option of "
				 "the table (src/config.c)", MAN_PAGE, p.line[i]);

		const struct akt_option *o = &akt_options[k];
		char *item = item_line(o), *help = first_sentence(o);
		char *def = default_line(o);

		if (strcmp(p.line[i], item) != 0)
			fail_msg("%s: option %zu of the table is '%s', so its "
				 "entry must start with\n  %s\nnot\n  %s",
				 MAN_PAGE, k + 1, o->name, item, p.line[i]);
		if (next == i + 1 || strcmp(p.line[i + 1], help) != 0)
			fail_msg("%s: the entry of %s must begin with its help "
				 "from the table:\n  %s", MAN_PAGE, o->name, help);
		if (!has_line(&p, i + 1, next, def))
			fail_msg("%s: the entry of %s must say\n  %s", MAN_PAGE,
				 o->name, def);
		if (o->type == AKT_OPT_SECONDS || o->type == AKT_OPT_MINUTES ||
		    o->type == AKT_OPT_NUMBER) {
			char *range = xasprintf("From %ld to %ld.", o->min,
						o->max);

			if (!has_line(&p, i + 1, next, range))
				fail_msg("%s: the entry of %s must say\n  %s",
					 MAN_PAGE, o->name, range);
			free(range);
		}
		free(item);
		free(help);
		free(def);
		i = next;
	}
	if (k != akt_noptions)
		fail_msg("%s does not document '%s' (and what follows it in "
			 "the table)", MAN_PAGE, akt_options[k].name);
	free(p.text);
}

/* The checker itself: an entry out of step with the table is caught. */
static void test_item_lines(void **state)
{
	struct akt_option seconds = { "connect_timeout", AKT_OPT_SECONDS, 0,
				      "10", 1, 300, NULL, "seconds to wait" };
	struct akt_option choice = { "token_store", AKT_OPT_CHOICE, 0, "file",
				     0, 0, "file|none", "keep it" };
	struct akt_option none = { "ca_file", AKT_OPT_PATH, 0, "", 0, 0, NULL,
				   "file of CA certificates" };
	char *s;

	s = item_line(&seconds);
	assert_string_equal(s, ".It Ic connect_timeout Ar seconds");
	free(s);
	s = item_line(&choice);
	assert_string_equal(s, ".It Ic token_store Cm file | Cm none");
	free(s);
	s = first_sentence(&seconds);
	assert_string_equal(s, "Seconds to wait.");
	free(s);
	s = default_line(&seconds);
	assert_string_equal(s, "Default: 10.");
	free(s);
	s = default_line(&none);
	assert_string_equal(s, "No default.");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_item_lines),
		cmocka_unit_test(test_every_option_documented),
	};

	return cmocka_run_group_tests_name("akt.conf.5 and the option table",
					   tests, NULL, NULL);
}

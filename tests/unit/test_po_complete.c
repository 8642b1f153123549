/*
 * test_po_complete.c — the Swedish translation is complete: every string
 * marked _() or N_() in src/ and include/akt/ has a translation in
 * po/sv.po that is not fuzzy. A failure lists the strings to translate
 * (`make pot` merges them into po/sv.po).
 *
 * Runs the gettext tools: xgettext extracts as `make pot` does, msgmerge
 * matches the result against po/sv.po without guessing, and msgattrib
 * picks what is untranslated or fuzzy.
 */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sys/wait.h>
#include <unistd.h>

#include "akt/buf.h"
#include "akt/xalloc.h"

#define PO_FILE "po/sv.po"

static char *tmpdir;

static int setup(void **state)
{
	const char *t = getenv("TMPDIR");

	(void)state;
	tmpdir = xasprintf("%s/akt-po-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		fprintf(stderr, "test_po_complete: cannot make %s: %s\n",
			tmpdir, strerror(errno));
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);

	(void)state;
	if (system(cmd) != 0)
		fprintf(stderr, "test_po_complete: cannot remove %s\n", tmpdir);
	free(cmd);
	free(tmpdir);
	return 0;
}

/* Add s to a shell command, single-quoted. */
static void add_arg(struct akt_buf *cmd, const char *s)
{
	akt_buf_addstr(cmd, " '");
	for (; *s; s++)
		if (*s == '\'')
			akt_buf_addstr(cmd, "'\\''");
		else
			akt_buf_addc(cmd, *s);
	akt_buf_addc(cmd, '\'');
}

/* Run a shell command; its output (both streams) into *out. */
static int run(const char *cmd, char **out)
{
	struct akt_buf b;
	char chunk[4096];
	size_t n;
	char *full = xasprintf("(%s) 2>&1", cmd);
	FILE *p = popen(full, "r");
	int st;

	akt_buf_init(&b, SIZE_MAX);
	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		akt_buf_add(&b, chunk, n);
	st = pclose(p);
	free(full);
	*out = akt_buf_steal(&b);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The header entry: its msgid is empty (and has no continuation). */
static bool is_header(const char *entry)
{
	return strncmp(entry, "msgid \"\"\nmsgstr", 15) == 0 ||
	       strstr(entry, "\nmsgid \"\"\nmsgstr");
}

/*
 * The entries of po that the sources need and that are missing,
 * untranslated or fuzzy, as PO text; *count of them. The sources are
 * the files matching the globs.
 */
static char *missing(const char *po, const char *const *globs, size_t nglobs,
		     int *count)
{
	struct akt_buf cmd, report;
	glob_t g;
	char *pot = xasprintf("%s/akt.pot", tmpdir);
	char *merged = xasprintf("%s/merged.po", tmpdir);
	char *out;
	int flags = 0;
	const char *select[] = { "--untranslated", "--only-fuzzy" };

	memset(&g, 0, sizeof(g));
	for (size_t i = 0; i < nglobs; i++, flags = GLOB_APPEND)
		assert_int_not_equal(glob(globs[i], flags, NULL, &g),
				     GLOB_ABORTED);
	assert_true(g.gl_pathc > 0);

	/* the same options as `make pot` */
	akt_buf_init(&cmd, SIZE_MAX);
	akt_buf_addstr(&cmd, "xgettext --keyword=_ --keyword=N_ "
		       "--from-code=UTF-8 --package-name=akt -o");
	add_arg(&cmd, pot);
	for (size_t i = 0; i < g.gl_pathc; i++)
		add_arg(&cmd, g.gl_pathv[i]);
	if (run(akt_buf_str(&cmd), &out) != 0)
		fail_msg("xgettext failed (is gettext installed? make deps):"
			 "\n%s", out);
	free(out);
	globfree(&g);

	/* no fuzzy matching: a changed string is missing, not guessed */
	akt_buf_reset(&cmd);
	akt_buf_addstr(&cmd, "msgmerge --quiet --no-fuzzy-matching -o");
	add_arg(&cmd, merged);
	add_arg(&cmd, po);
	add_arg(&cmd, pot);
	if (run(akt_buf_str(&cmd), &out) != 0)
		fail_msg("msgmerge %s failed:\n%s", po, out);
	free(out);

	akt_buf_init(&report, SIZE_MAX);
	*count = 0;
	for (size_t i = 0; i < AKT_LEN(select); i++) {
		akt_buf_reset(&cmd);
		akt_buf_printf(&cmd, "msgattrib --no-wrap --no-obsolete %s",
			       select[i]);
		add_arg(&cmd, merged);
		if (run(akt_buf_str(&cmd), &out) != 0)
			fail_msg("msgattrib failed:\n%s", out);
		/* entries are separated by blank lines */
		for (char *e = out, *end; *e; e = end ? end + 2 : e + strlen(e)) {
			end = strstr(e, "\n\n");
			if (end)
				end[1] = '\0';
			if (!is_header(e)) {
				akt_buf_printf(&report, "%s\n", e);
				(*count)++;
			}
		}
		free(out);
	}
	akt_buf_free(&cmd);
	free(pot);
	free(merged);
	return akt_buf_steal(&report);
}

/* Every string of the sources has a finished Swedish translation. */
static void swedish_complete(void **state)
{
	static const char *const sources[] = { "src/*.c", "include/akt/*.h" };
	int n;
	char *report;

	(void)state;
	report = missing(PO_FILE, sources, AKT_LEN(sources), &n);
	if (n > 0) {
		print_error("%d string(s) of the sources lack a finished "
			    "translation in %s; run make pot and translate "
			    "them:\n", n, PO_FILE);
		/* one entry at a time: cmocka's messages have a size limit */
		for (char *e = strtok(report, "\n"); e; e = strtok(NULL, "\n"))
			print_error("%s%s\n", e[0] == '#' && e[1] == ':' ?
				    "\n" : "", e);
	}
	free(report);
	if (n > 0)
		fail_msg("%s is not complete", PO_FILE);
}

/* The check itself finds a new string, and a fuzzy one. */
static void check_finds_gaps(void **state)
{
	char *src = xasprintf("%s/new.c", tmpdir);
	char *po = xasprintf("%s/sv.po", tmpdir);
	const char *globs[] = { src };
	FILE *f;
	int n;
	char *report;

	(void)state;
	f = fopen(src, "w");
	assert_non_null(f);
	fputs("const char *a = _(\"Quit akt\");\n"
	      "const char *b = N_(\"A string nobody translated\");\n"
	      "const char *c = _(\"Go to the last row\");\n", f);
	assert_int_equal(fclose(f), 0);
	f = fopen(po, "w");
	assert_non_null(f);
	fputs("msgid \"\"\nmsgstr \"\"\n"
	      "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
	      "msgid \"Quit akt\"\nmsgstr \"Avsluta akt\"\n\n"
	      "#, fuzzy\nmsgid \"Go to the last row\"\n"
	      "msgstr \"Gå till sista raden\"\n", f);
	assert_int_equal(fclose(f), 0);

	report = missing(po, globs, 1, &n);
	assert_int_equal(n, 2);
	assert_non_null(strstr(report, "A string nobody translated"));
	assert_non_null(strstr(report, "Go to the last row"));
	assert_null(strstr(report, "Quit akt"));
	free(report);
	free(src);
	free(po);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(check_finds_gaps),
		cmocka_unit_test(swedish_complete),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

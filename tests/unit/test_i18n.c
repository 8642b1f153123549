/*
 * test_i18n.c — akt speaks Swedish when the locale says so, English
 * otherwise, and akt_lang() (which picks the platform's names) always
 * agrees with the language gettext chose for the messages.
 *
 * Uses the catalogs of the build ($AKT_BUILD/locale) and the sv_SE.UTF-8
 * locale, which `make deps` generates.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <unistd.h>

#include "akt/i18n.h"
#include "akt/xalloc.h"

/* a help text of keys.h, translated in po/sv.po */
#define QUIT_EN "Quit akt"
#define QUIT_SV "Avsluta akt"

static int setup(void **state)
{
	const char *build = getenv("AKT_BUILD");
	char *rel = xasprintf("%s/locale", build && *build ? build : "build");
	char *dir = realpath(rel, NULL);
	char *mo = dir ? xasprintf("%s/sv/LC_MESSAGES/akt.mo", dir) : NULL;

	(void)state;
	if (!mo || access(mo, R_OK) != 0) {
		fprintf(stderr, "test_i18n: no %s/sv/LC_MESSAGES/akt.mo; "
			"build it with make\n", rel);
		free(rel);
		free(dir);
		free(mo);
		return -1;
	}
	if (!setlocale(LC_ALL, "sv_SE.UTF-8")) {
		fprintf(stderr, "test_i18n: the sv_SE.UTF-8 locale is "
			"missing; run make deps\n");
		free(rel);
		free(dir);
		free(mo);
		return -1;
	}
	setenv("AKT_LOCALEDIR", dir, 1);
	free(rel);
	free(dir);
	free(mo);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C");
	return 0;
}

/* Set the environment as a shell would and start akt's way. */
static void start(const char *lc_all, const char *lc_messages,
		  const char *lang, const char *language)
{
	static const char *const names[] = { "LC_ALL", "LC_MESSAGES",
					     "LANG", "LANGUAGE" };
	const char *values[] = { lc_all, lc_messages, lang, language };

	for (size_t i = 0; i < AKT_LEN(names); i++)
		if (values[i])
			setenv(names[i], values[i], 1);
		else
			unsetenv(names[i]);
	assert_non_null(setlocale(LC_ALL, ""));
	akt_i18n_init();
}

static void swedish(void **state)
{
	(void)state;
	start(NULL, NULL, "sv_SE.UTF-8", NULL);
	assert_string_equal(_(QUIT_EN), QUIT_SV);
	/* the catalog is UTF-8 and so is what comes out */
	assert_string_equal(_("statuses of category Under handläggning"),
			    "statusar i kategorin Under handläggning");
	assert_string_equal(akt_lang(), "sv");
}

static void english(void **state)
{
	(void)state;
	start(NULL, NULL, "C.UTF-8", NULL);
	assert_string_equal(_(QUIT_EN), QUIT_EN);
	assert_string_equal(akt_lang(), "en");
	start("C", NULL, NULL, NULL);
	assert_string_equal(_(QUIT_EN), QUIT_EN);
	assert_string_equal(akt_lang(), "en");
}

/* What the command-line tests set: only the messages in Swedish. */
static void messages_only(void **state)
{
	(void)state;
	start(NULL, "sv_SE.UTF-8", "C.UTF-8", NULL);
	assert_string_equal(_(QUIT_EN), QUIT_SV);
	assert_string_equal(akt_lang(), "sv");
	start("C.UTF-8", "sv_SE.UTF-8", NULL, NULL);
	assert_string_equal(_(QUIT_EN), QUIT_EN);
	assert_string_equal(akt_lang(), "en");
}

/* An unknown string stays as it is, in Swedish too. */
static void untranslated(void **state)
{
	(void)state;
	start(NULL, NULL, "sv_SE.UTF-8", NULL);
	assert_string_equal(_("no such message in the catalog"),
			    "no such message in the catalog");
}

/* The catalog comes from AKT_LOCALEDIR; without it akt looks in the
 * installed directory, not in the build. */
static void localedir(void **state)
{
	char *dir = xstrdup(getenv("AKT_LOCALEDIR"));
	char *empty = xasprintf("%s/none", getenv("TMPDIR") ?
				getenv("TMPDIR") : "/tmp");

	(void)state;
	setenv("AKT_LOCALEDIR", empty, 1);
	start(NULL, NULL, "sv_SE.UTF-8", NULL);
	assert_string_equal(_(QUIT_EN), QUIT_EN);
	setenv("AKT_LOCALEDIR", dir, 1);
	start(NULL, NULL, "sv_SE.UTF-8", NULL);
	assert_string_equal(_(QUIT_EN), QUIT_SV);
	free(dir);
	free(empty);
}

/* LANGUAGE, as gettext reads it, and akt_lang() agreeing every time. */
static void language_list(void **state)
{
	static const struct {
		const char *lc_all, *language, *want;
	} cases[] = {
		{ "sv_SE.UTF-8", NULL, "sv" },
		{ "sv_SE.UTF-8", "", "sv" },
		{ "sv_SE.UTF-8", "de", "en" },
		{ "sv_SE.UTF-8", "de:sv", "sv" },
		{ "sv_SE.UTF-8", "sv_FI", "sv" },
		{ "sv_SE.UTF-8", "svx", "en" },
		/* no English catalog: gettext goes on to Swedish */
		{ "sv_SE.UTF-8", "en:sv", "sv" },
		{ "sv_SE.UTF-8", "C:sv", "en" },
		{ "sv_SE.UTF-8", "::", "en" },
		{ "C.UTF-8", "sv", "sv" },
		{ "C", "sv", "en" },
		{ "POSIX", "sv", "en" },
	};

	(void)state;
	for (size_t i = 0; i < AKT_LEN(cases); i++) {
		const char *got, *msg;

		start(cases[i].lc_all, NULL, NULL, cases[i].language);
		got = akt_lang();
		msg = _(QUIT_EN);
		if (strcmp(got, cases[i].want) != 0 ||
		    strcmp(msg, strcmp(got, "sv") ? QUIT_EN : QUIT_SV) != 0)
			fail_msg("LC_ALL=%s LANGUAGE=%s: akt_lang() %s, "
				 "message \"%s\"; want %s", cases[i].lc_all,
				 cases[i].language ? cases[i].language :
				 "(unset)", got, msg, cases[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(swedish),
		cmocka_unit_test(english),
		cmocka_unit_test(messages_only),
		cmocka_unit_test(untranslated),
		cmocka_unit_test(localedir),
		cmocka_unit_test(language_list),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/*
 * test_theme.c — the "color" line, the shipped themes (from their files
 * and compiled in), loading a theme of the user's, and NO_COLOR.
 *
 * Run from the top of the source tree (as 'make check' does): the
 * shipped themes are read from themes/ too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <unistd.h>

#include "akt/buf.h"
#include "akt/theme.h"
#include "akt/xalloc.h"

#include "slurp.h"

static bool same_styles(const struct akt_theme *a, const struct akt_theme *b)
{
	for (int i = 0; i < AKT_T_COUNT; i++)
		if (a->style[i].fg != b->style[i].fg ||
		    a->style[i].bg != b->style[i].bg ||
		    a->style[i].attrs != b->style[i].attrs)
			return false;
	return true;
}

/* Every shipped theme: its file sets every object and parses without a
 * word of complaint, the compiled-in copy is that file, and the selection
 * is reversed. */
static void test_shipped_themes(void **state)
{
	assert_int_equal(akt_theme_nbuiltin, 4);
	for (size_t i = 0; i < akt_theme_nbuiltin; i++) {
		const char *name = akt_theme_builtin_names[i];
		char *path = xasprintf("themes/%s.theme", name);
		char *text = slurp(path), *err = NULL;
		struct akt_theme file, loaded;

		memset(&file, 0, sizeof(file));
		for (int o = 0; o < AKT_T_COUNT; o++)
			file.style[o] = (struct akt_style){ -2, -2, 0x80 };
		if (!akt_theme_parse(&file, text, path, &err))
			fail_msg("%s", err);
		for (int o = 0; o < AKT_T_COUNT; o++)
			if (file.style[o].fg == -2)
				fail_msg("%s does not set %s", path,
					 akt_theme_objects[o].name);
		akt_theme_init(&loaded);
		if (!akt_theme_load(&loaded, name, &err))
			fail_msg("%s", err);
		assert_string_equal(loaded.name, name);
		assert_true(same_styles(&file, &loaded));
		assert_true(loaded.style[AKT_T_CURSOR].attrs &
			    AKT_ATTR_REVERSE);
		assert_true(loaded.style[AKT_T_POPUP_CURSOR].attrs &
			    AKT_ATTR_REVERSE);
		assert_int_equal(loaded.mono, strcmp(name, "mono") == 0);
		/* the file says so itself: the cursor is reversed anyway */
		assert_non_null(strstr(text, "\ncolor cursor"));
		akt_theme_clear(&loaded);
		free(text);
		free(path);
	}
}

static void test_mono_has_no_colours(void **state)
{
	struct akt_theme t;
	char *err = NULL;
	bool some_attrs = false;

	akt_theme_init(&t);
	assert_true(akt_theme_load(&t, "mono", &err));
	assert_true(t.mono);
	for (int o = 0; o < AKT_T_COUNT; o++) {
		assert_int_equal(t.style[o].fg, -1);
		assert_int_equal(t.style[o].bg, -1);
		some_attrs = some_attrs || t.style[o].attrs;
	}
	assert_true(some_attrs);
	/* attributes tell apart what colours would */
	assert_true(t.style[AKT_T_ERROR].attrs & AKT_ATTR_BOLD);
	assert_true(t.style[AKT_T_STATUS_BAR].attrs & AKT_ATTR_REVERSE);
	akt_theme_clear(&t);
}

/* default: the terminal's colours for text, accents elsewhere. */
static void test_default_theme(void **state)
{
	struct akt_theme t;

	akt_theme_init(&t);
	assert_string_equal(t.name, "default");
	assert_false(t.mono);
	assert_int_equal(t.style[AKT_T_TEXT].fg, -1);
	assert_int_equal(t.style[AKT_T_TEXT].bg, -1);
	assert_int_equal(t.style[AKT_T_ERROR].fg, 1);         /* red */
	assert_int_equal(t.style[AKT_T_CURSOR].attrs, AKT_ATTR_REVERSE);
	akt_theme_clear(&t);
	assert_null(t.name);
}

static void test_color_line(void **state)
{
	struct akt_theme t;
	char *err = NULL;

	akt_theme_init(&t);
	assert_true(akt_theme_color(&t, "text bright-red color17 bold "
				    "underline  # a comment", &err));
	assert_int_equal(t.style[AKT_T_TEXT].fg, 9);
	assert_int_equal(t.style[AKT_T_TEXT].bg, 17);
	assert_int_equal(t.style[AKT_T_TEXT].attrs,
			 AKT_ATTR_BOLD | AKT_ATTR_UNDERLINE);
	/* the line sets the whole look: no attribute is no attribute */
	assert_true(akt_theme_color(&t, "\ttext default black", &err));
	assert_int_equal(t.style[AKT_T_TEXT].fg, -1);
	assert_int_equal(t.style[AKT_T_TEXT].bg, 0);
	assert_int_equal(t.style[AKT_T_TEXT].attrs, 0);
	assert_true(akt_theme_color(&t, "dim white color255 normal dim italic "
				    "blink standout reverse", &err));
	assert_int_equal(t.style[AKT_T_DIM].fg, 7);
	assert_int_equal(t.style[AKT_T_DIM].bg, 255);
	assert_int_equal(t.style[AKT_T_DIM].attrs,
			 AKT_ATTR_DIM | AKT_ATTR_ITALIC | AKT_ATTR_BLINK |
			 AKT_ATTR_STANDOUT | AKT_ATTR_REVERSE);
	assert_true(akt_theme_color(&t, "tab bright-white color0", &err));
	assert_int_equal(t.style[AKT_T_TAB].fg, 15);
	/* the selection stays reversed whatever the line says */
	assert_true(akt_theme_color(&t, "cursor yellow blue bold", &err));
	assert_int_equal(t.style[AKT_T_CURSOR].attrs,
			 AKT_ATTR_BOLD | AKT_ATTR_REVERSE);
	assert_true(akt_theme_color(&t, "popup-cursor default default normal",
				    &err));
	assert_int_equal(t.style[AKT_T_POPUP_CURSOR].attrs, AKT_ATTR_REVERSE);
	assert_null(err);
	assert_int_equal(akt_theme_object_find("status-bar"), AKT_T_STATUS_BAR);
	assert_int_equal(akt_theme_object_find("statusbar"), -1);
	akt_theme_clear(&t);
}

static void expect_error(const char *line, const char *want)
{
	struct akt_theme t, before;
	char *err = NULL;

	akt_theme_init(&t);
	before = t;
	if (akt_theme_color(&t, line, &err))
		fail_msg("'color %s' should fail", line);
	if (strcmp(err, want) != 0)
		fail_msg("'color %s':\n  got  %s\n  want %s", line, err, want);
	assert_true(same_styles(&t, &before));
	free(err);
	akt_theme_clear(&t);
}

static void test_color_errors(void **state)
{
	expect_error("txt red default",
		     "unknown object 'txt'; objects: text, title, header, "
		     "cursor, tagged, unread, overdue, status-submitted, "
		     "status-registered, status-in-progress, status-closed, "
		     "label, dim, tab, tab-active, status-bar, offline, "
		     "message, error, prompt, popup, popup-cursor, lock");
	expect_error("text purple default",
		     "text: unknown colour 'purple'; colours: default, black, "
		     "red, green, yellow, blue, magenta, cyan, white, "
		     "bright-black ... bright-white, color0 ... color255");
	expect_error("title red color256",
		     "title: unknown colour 'color256'; colours: default, "
		     "black, red, green, yellow, blue, magenta, cyan, white, "
		     "bright-black ... bright-white, color0 ... color255");
	expect_error("title color007 red",
		     "title: unknown colour 'color007'; colours: default, "
		     "black, red, green, yellow, blue, magenta, cyan, white, "
		     "bright-black ... bright-white, color0 ... color255");
	expect_error("header red default bolder",
		     "header: unknown attribute 'bolder'; attributes: normal, "
		     "bold, dim, underline, reverse, standout, italic, blink");
	expect_error("text red", "expected 'color OBJECT FG BG [ATTR...]'");
	expect_error("text red # default",
		     "expected 'color OBJECT FG BG [ATTR...]'");
	expect_error("", "expected 'color OBJECT FG BG [ATTR...]'");
	expect_error("text red default bold bold bold bold bold bold bold "
		     "bold bold bold",
		     "expected 'color OBJECT FG BG [ATTR...]'");
	expect_error("te\033xt red default",
		     "unknown object 'te?xt'; objects: text, title, header, "
		     "cursor, tagged, unread, overdue, status-submitted, "
		     "status-registered, status-in-progress, status-closed, "
		     "label, dim, tab, tab-active, status-bar, offline, "
		     "message, error, prompt, popup, popup-cursor, lock");
}

/* Every bad line of a theme file, with where it is; good lines count. */
static void test_parse_reports_lines(void **state)
{
	struct akt_theme t;
	char *err = NULL;

	akt_theme_init(&t);
	assert_false(akt_theme_parse(&t,
		"# my theme\n"
		"\n"
		"color text green default\r\n"
		"colour title red default\n"
		"color title red\n"
		"   color label blue default bold\n"
		"set theme = x\n", "my.theme", &err));
	assert_string_equal(err,
		"my.theme:4: unknown command 'colour' (a theme holds only "
		"'color OBJECT FG BG [ATTR...]' lines)\n"
		"my.theme:5: expected 'color OBJECT FG BG [ATTR...]'\n"
		"my.theme:7: unknown command 'set' (a theme holds only "
		"'color OBJECT FG BG [ATTR...]' lines)");
	free(err);
	assert_int_equal(t.style[AKT_T_TEXT].fg, 2);
	assert_int_equal(t.style[AKT_T_LABEL].fg, 4);
	akt_theme_clear(&t);
}

static char *home;

static int make_home(void **state)
{
	char *dir;

	home = xstrdup("/tmp/akt-test-theme-XXXXXX");
	assert_non_null(mkdtemp(home));
	dir = xasprintf("%s/akt", home);
	assert_int_equal(mkdir(dir, 0700), 0);
	free(dir);
	dir = xasprintf("%s/akt/themes", home);
	assert_int_equal(mkdir(dir, 0700), 0);
	free(dir);
	setenv("XDG_CONFIG_HOME", home, 1);
	return 0;
}

static int remove_home(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", home);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	xfree(&home);
	unsetenv("XDG_CONFIG_HOME");
	return 0;
}

static char *write_theme(const char *file, const char *text, mode_t mode)
{
	char *path = xasprintf("%s/akt/themes/%s", home, file);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
	return path;
}

/* A theme of one's own: found by name, over the default; one of the
 * same name as a shipped theme wins; a path works too. */
static void test_load_user_theme(void **state)
{
	struct akt_theme t;
	char *err = NULL;
	char *mine = write_theme("mine.theme",
				 "color text magenta default\n", 0600);
	char *light = write_theme("light.theme",
				  "color title green default\n", 0644);

	akt_theme_init(&t);
	assert_true(akt_theme_load(&t, "mine", &err));
	assert_string_equal(t.name, "mine");
	assert_int_equal(t.style[AKT_T_TEXT].fg, 5);
	assert_int_equal(t.style[AKT_T_ERROR].fg, 1);   /* from default */
	assert_false(t.mono);
	assert_true(akt_theme_load(&t, "light", &err));
	assert_int_equal(t.style[AKT_T_TITLE].fg, 2);
	assert_int_equal(t.style[AKT_T_TEXT].fg, -1);   /* not light's */
	assert_true(akt_theme_load(&t, mine, &err));
	assert_string_equal(t.name, mine);
	assert_int_equal(t.style[AKT_T_TEXT].fg, 5);
	unlink(light);
	assert_true(akt_theme_load(&t, "light", &err));
	assert_int_equal(t.style[AKT_T_TEXT].fg, 0);    /* shipped light */
	assert_null(err);
	unlink(mine);
	free(mine);
	free(light);
	akt_theme_clear(&t);
}

static void test_load_errors(void **state)
{
	struct akt_theme t;
	char *err = NULL, *want;
	char *open = write_theme("open.theme", "color text red default\n",
				 0664);
	char *bad = write_theme("bad.theme", "color text red\n", 0600);

	akt_theme_init(&t);
	assert_true(akt_theme_load(&t, "light", &err));
	/* a theme that others may change is refused, like the config */
	assert_false(akt_theme_load(&t, "open", &err));
	want = xasprintf("theme %s may be changed by others (mode 0664), who "
			 "could hide or fake what akt shows; run 'chmod go-w "
			 "%s'", open, open);
	assert_string_equal(err, want);
	free(want);
	free(err);
	/* the theme in use stays as it was */
	assert_string_equal(t.name, "light");
	assert_int_equal(t.style[AKT_T_TEXT].fg, 0);
	assert_false(akt_theme_load(&t, "bad", &err));
	want = xasprintf("%s:1: expected 'color OBJECT FG BG [ATTR...]'", bad);
	assert_string_equal(err, want);
	free(want);
	free(err);
	assert_false(akt_theme_load(&t, "nope", &err));
	want = xasprintf("no theme 'nope': there is no %s/akt/themes/"
			 "nope.theme, and the shipped themes are default, "
			 "light, high-contrast and mono", home);
	assert_string_equal(err, want);
	free(want);
	free(err);
	assert_false(akt_theme_load(&t, ".hidden", &err));
	assert_non_null(strstr(err, "a theme name has letters"));
	free(err);
	assert_false(akt_theme_load(&t, "", &err));
	free(err);
	assert_false(akt_theme_load(&t, "/nonexistent/x.theme", &err));
	assert_non_null(strstr(err, "cannot open theme /nonexistent/x.theme"));
	free(err);
	assert_string_equal(t.name, "light");
	unlink(open);
	unlink(bad);
	free(open);
	free(bad);
	akt_theme_clear(&t);
}

static void test_start_name(void **state)
{
	unsetenv("NO_COLOR");
	assert_string_equal(akt_theme_start_name("light", true), "light");
	assert_string_equal(akt_theme_start_name("light", false), "mono");
	assert_string_equal(akt_theme_start_name("", true), "default");
	setenv("NO_COLOR", "", 1);
	assert_string_equal(akt_theme_start_name("light", true), "light");
	setenv("NO_COLOR", "1", 1);
	assert_string_equal(akt_theme_start_name("light", true), "mono");
	unsetenv("NO_COLOR");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_themes),
		cmocka_unit_test(test_mono_has_no_colours),
		cmocka_unit_test(test_default_theme),
		cmocka_unit_test(test_color_line),
		cmocka_unit_test(test_color_errors),
		cmocka_unit_test(test_parse_reports_lines),
		cmocka_unit_test_setup_teardown(test_load_user_theme,
						make_home, remove_home),
		cmocka_unit_test_setup_teardown(test_load_errors, make_home,
						remove_home),
		cmocka_unit_test(test_start_name),
	};

	return cmocka_run_group_tests_name("theme", tests, NULL, NULL);
}

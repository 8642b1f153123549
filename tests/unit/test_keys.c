/*
 * test_keys.c — the action table, keys as the manual writes them, the
 * keymap's screen precedence, `bind` lines and `akt help keys`.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/keys.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

#include <curses.h>

static akt_key key(const char *text)
{
	akt_key k = AKT_KEY_NONE;

	if (!akt_key_parse(text, &k))
		fail_msg("'%s' should be a key", text);
	return k;
}

/* Every default key of the table parses, and its name is how the table
 * writes it: the table is in canonical spelling. */
static void test_table_keys_round_trip(void **state)
{
	for (int a = 0; a < AKT_A_COUNT; a++) {
		const char *p = akt_actions[a].keys;

		assert_true(*p);
		while (*p) {
			size_t len = strcspn(p, " ");
			char *word = xstrndup(p, len), name[32];
			akt_key k2;

			akt_key_name(key(word), name);
			if (strcmp(name, word) != 0)
				fail_msg("action %s: key '%s' is named '%s'",
					 akt_actions[a].name, word, name);
			assert_true(akt_key_parse(name, &k2));
			assert_int_equal(k2, key(word));
			free(word);
			p += len;
			p += strspn(p, " ");
		}
	}
}

/* No two actions share a default key on a screen, and names are unique
 * and found again. */
static void test_table_is_consistent(void **state)
{
	struct akt_keymap *km = akt_keymap_new();

	for (int a = 0; a < AKT_A_COUNT; a++) {
		const struct akt_action_info *info = &akt_actions[a];
		const char *p = info->keys;

		assert_int_equal(akt_action_find(info->name), a);
		assert_true(info->screens != 0);
		assert_true(*info->help);
		while (*p) {
			size_t len = strcspn(p, " ");
			char *word = xstrndup(p, len);

			for (int s = 0; s < AKT_SCR_COUNT; s++) {
				if (!akt_action_on((enum akt_action)a,
						   (enum akt_screen)s))
					continue;
				if (akt_keymap_lookup(km, (enum akt_screen)s,
						      key(word)) != a)
					fail_msg("key %s on %s does not run %s: "
						 "two actions share it", word,
						 akt_screen_name((enum akt_screen)s),
						 info->name);
			}
			free(word);
			p += len;
			p += strspn(p, " ");
		}
	}
	assert_int_equal(akt_action_find("none"), AKT_A_NONE);
	assert_int_equal(akt_action_find("Move-Down"), AKT_A_NONE);
	akt_keymap_free(&km);
	assert_null(km);
}

static void test_screens(void **state)
{
	const char *names[] = { "generic", "queues", "cases", "case",
				"retention", "help", "compose", "drafts",
				"thread" };
	enum akt_screen s;
	char *t;

	for (int i = 0; i < AKT_SCR_COUNT; i++) {
		assert_string_equal(akt_screen_name((enum akt_screen)i),
				    names[i]);
		assert_true(akt_screen_parse(names[i], &s));
		assert_int_equal(s, i);
	}
	assert_false(akt_screen_parse("main", &s));
	assert_false(akt_screen_parse("Cases", &s));
	t = akt_screens_text(AKT_S(GENERIC));
	assert_string_equal(t, "On every screen");
	free(t);
	t = akt_screens_text(AKT_S(CASES) | AKT_S(CASE));
	assert_string_equal(t, "On cases and case");
	free(t);
	t = akt_screens_text(AKT_S_LISTS);
	assert_string_equal(t, "On queues, cases, case, retention, help, "
			    "drafts and thread");
	free(t);
	t = akt_screens_text(AKT_S(RETENTION));
	assert_string_equal(t, "On retention");
	free(t);
}

static void test_named_keys(void **state)
{
	char name[32];
	akt_key k;

	assert_int_equal(key("<Enter>"), '\r');
	assert_int_equal(key("<Esc>"), 27);
	assert_int_equal(key("<Tab>"), '\t');
	assert_int_equal(key("<S-Tab>"), AKT_KEY_FN | KEY_BTAB);
	assert_int_equal(key("<Space>"), ' ');
	assert_int_equal(key("<Backspace>"), 127);
	assert_int_equal(key("<Del>"), AKT_KEY_FN | KEY_DC);
	assert_int_equal(key("<Ins>"), AKT_KEY_FN | KEY_IC);
	assert_int_equal(key("<PgUp>"), AKT_KEY_FN | KEY_PPAGE);
	assert_int_equal(key("<PgDn>"), AKT_KEY_FN | KEY_NPAGE);
	assert_int_equal(key("<Home>"), AKT_KEY_FN | KEY_HOME);
	assert_int_equal(key("<End>"), AKT_KEY_FN | KEY_END);
	assert_int_equal(key("<Up>"), AKT_KEY_FN | KEY_UP);
	assert_int_equal(key("<Left>"), AKT_KEY_FN | KEY_LEFT);
	/* names are case-blind, written back canonically */
	assert_int_equal(key("<pgdn>"), AKT_KEY_FN | KEY_NPAGE);
	assert_int_equal(key("<c-D>"), 4);
	assert_string_equal(akt_key_name(key("<c-D>"), name), "<C-d>");
	for (int f = 1; f <= 12; f++) {
		char text[8];

		snprintf(text, sizeof(text), "<F%d>", f);
		assert_int_equal(key(text), AKT_KEY_FN | KEY_F(f));
		assert_string_equal(akt_key_name(key(text), name), text);
	}
	for (int c = 'a'; c <= 'z'; c++) {
		char text[8];

		snprintf(text, sizeof(text), "<C-%c>", c);
		assert_int_equal(key(text), akt_key_canon(c - 'a' + 1));
	}
	assert_string_equal(akt_key_name(1, name), "<C-a>");
	assert_string_equal(akt_key_name(26, name), "<C-z>");
	/* <C-i> is the Tab the terminal sends, <C-m> Enter, <C-h> Backspace */
	assert_string_equal(akt_key_name(key("<C-i>"), name), "<Tab>");
	assert_string_equal(akt_key_name(key("<C-m>"), name), "<Enter>");
	assert_string_equal(akt_key_name(key("<C-h>"), name), "<Backspace>");
	/* not keys */
	assert_false(akt_key_parse("<Foo>", &k));
	assert_false(akt_key_parse("<F0>", &k));
	assert_false(akt_key_parse("<F13>", &k));
	assert_false(akt_key_parse("<F1x>", &k));
	assert_false(akt_key_parse("<C-1>", &k));
	assert_false(akt_key_parse("<C-ab>", &k));
	assert_false(akt_key_parse("jj", &k));
	assert_false(akt_key_parse("<>", &k));
	assert_false(akt_key_parse("", &k));
	assert_false(akt_key_parse("\x01", &k));
	assert_false(akt_key_parse("\x7f", &k));
	assert_false(akt_key_parse("\xc3", &k));          /* cut UTF-8 */
	assert_false(akt_key_parse("\xcc\x81", &k));      /* combining */
	/* keys without a name show, but do not parse */
	assert_string_equal(akt_key_name(0x1c, name), "<U+001C>");
	assert_false(akt_key_parse(name, &k));
	assert_string_equal(akt_key_name(AKT_KEY_FN | KEY_RESIZE, name),
			    "<Key-410>");
	assert_false(akt_key_parse(name, &k));
}

/* Characters are code points of UTF-8 text; angle brackets alone are
 * characters too. */
static void test_character_keys(void **state)
{
	char name[32];

	assert_int_equal(key("j"), 'j');
	assert_int_equal(key("G"), 'G');
	assert_int_equal(key("ö"), 0xf6);
	assert_int_equal(key("Å"), 0xc5);
	assert_int_equal(key("漢"), 0x6f22);
	assert_int_equal(key("😀"), 0x1f600);
	assert_int_equal(key("<"), '<');
	assert_int_equal(key(">"), '>');
	assert_string_equal(akt_key_name(0xf6, name), "ö");
	assert_string_equal(akt_key_name(0x1f600, name), "😀");
	assert_string_equal(akt_key_name(' ', name), "<Space>");
	assert_string_equal(akt_key_name('<', name), "<");
}

/* Whatever a terminal sends for Enter and Backspace is one key. */
static void test_canonical_forms(void **state)
{
	struct akt_keymap *km = akt_keymap_new();
	char name[32];
	char *err = NULL;

	assert_int_equal(akt_key_canon('\n'), '\r');
	assert_int_equal(akt_key_canon(AKT_KEY_FN | KEY_ENTER), '\r');
	assert_int_equal(akt_key_canon('\b'), 127);
	assert_int_equal(akt_key_canon(AKT_KEY_FN | KEY_BACKSPACE), 127);
	assert_int_equal(akt_key_canon('j'), 'j');
	assert_string_equal(akt_key_name('\n', name), "<Enter>");
	assert_string_equal(akt_key_name(AKT_KEY_FN | KEY_ENTER, name),
			    "<Enter>");
	assert_string_equal(akt_key_name(AKT_KEY_FN | KEY_BACKSPACE, name),
			    "<Backspace>");
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASES, '\r'),
			 AKT_A_ENTER);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASES, '\n'),
			 AKT_A_ENTER);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASES,
					   AKT_KEY_FN | KEY_ENTER),
			 AKT_A_ENTER);
	assert_true(akt_keymap_bind(km, "generic <Backspace> back", &err));
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASE, 8), AKT_A_BACK);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASE, 127), AKT_A_BACK);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASE,
					   AKT_KEY_FN | KEY_BACKSPACE),
			 AKT_A_BACK);
	akt_keymap_free(&km);
}

static void test_default_lookups(void **state)
{
	struct akt_keymap *km = akt_keymap_new();

	/* generic keys work everywhere */
	for (int s = 0; s < AKT_SCR_COUNT; s++) {
		assert_int_equal(akt_keymap_lookup(km, (enum akt_screen)s, 'q'),
				 AKT_A_BACK);
		assert_int_equal(akt_keymap_lookup(km, (enum akt_screen)s,
						   key("<F1>")), AKT_A_HELP);
	}
	/* one key, two screens, two actions */
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASES, 'o'),
			 AKT_A_SORT);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASE, 'o'),
			 AKT_A_OPEN);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_QUEUES, 'o'),
			 AKT_A_NONE);
	/* vi keys and the arrows on every list */
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_HELP, 'j'), AKT_A_DOWN);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_QUEUES,
					   AKT_KEY_FN | KEY_NPAGE),
			 AKT_A_PAGE_DOWN);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_RETENTION, 4),
			 AKT_A_PAGE_DOWN);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASES, 'G'), AKT_A_LAST);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASES, ' '), AKT_A_TAG);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASE, key("<S-Tab>")),
			 AKT_A_PREV_TAB);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASES, 'e'), AKT_A_NONE);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_RETENTION, 'e'),
			 AKT_A_EDIT);
	/* a list action is not generic */
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_GENERIC, 'j'),
			 AKT_A_NONE);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASES, 'x'), AKT_A_NONE);
	akt_keymap_free(&km);
}

static void test_bind_precedence(void **state)
{
	struct akt_keymap *km = akt_keymap_new();
	char *err = NULL, *keys;

	/* a screen's binding wins over the generic one, only there */
	assert_true(akt_keymap_bind(km, "cases q quit", &err));
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASES, 'q'), AKT_A_QUIT);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASE, 'q'), AKT_A_BACK);
	/* a generic binding works where its action does */
	assert_true(akt_keymap_bind(km, "generic x change-status", &err));
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASES, 'x'),
			 AKT_A_STATUS);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASE, 'x'),
			 AKT_A_STATUS);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_QUEUES, 'x'),
			 AKT_A_NONE);
	/* ... and a screen's default wins over it */
	assert_true(akt_keymap_bind(km, "generic j quit", &err));
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASES, 'j'), AKT_A_DOWN);
	/* rebinding replaces; extra white space and a comment are fine */
	assert_true(akt_keymap_bind(km, "  cases\tj   move-up  # vi is wrong",
				    &err));
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASES, 'j'), AKT_A_UP);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_QUEUES, 'j'), AKT_A_DOWN);
	/* '#' in the key's place is the key */
	assert_true(akt_keymap_bind(km, "cases # search", &err));
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASES, '#'),
			 AKT_A_SEARCH);
	keys = akt_keymap_keys(km, AKT_SCR_CASES, AKT_A_SEARCH);
	assert_string_equal(keys, "/ #");
	free(keys);
	assert_null(err);
	akt_keymap_free(&km);
}

static void test_bind_none(void **state)
{
	struct akt_keymap *km = akt_keymap_new();
	char *err = NULL, *keys;

	/* on a screen: the key does nothing there, not even generic */
	assert_true(akt_keymap_bind(km, "cases q none", &err));
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASES, 'q'), AKT_A_NONE);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASE, 'q'), AKT_A_BACK);
	keys = akt_keymap_keys(km, AKT_SCR_CASES, AKT_A_BACK);
	assert_string_equal(keys, "");
	free(keys);
	assert_true(akt_keymap_bind(km, "cases j none", &err));
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASES, 'j'), AKT_A_NONE);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_QUEUES, 'j'), AKT_A_DOWN);
	keys = akt_keymap_keys(km, AKT_SCR_CASES, AKT_A_DOWN);
	assert_string_equal(keys, "<Down>");
	free(keys);
	/* generic: unbound on every screen */
	assert_true(akt_keymap_bind(km, "generic <Down> none", &err));
	for (int s = 0; s < AKT_SCR_COUNT; s++)
		assert_int_equal(akt_keymap_lookup(km, (enum akt_screen)s,
						   key("<Down>")), AKT_A_NONE);
	assert_true(akt_keymap_bind(km, "generic Q none", &err));
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_HELP, 'Q'), AKT_A_NONE);
	keys = akt_keymap_keys(km, AKT_SCR_GENERIC, AKT_A_QUIT);
	assert_string_equal(keys, "");
	free(keys);
	/* and bound again */
	assert_true(akt_keymap_bind(km, "queues <Down> move-down", &err));
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_QUEUES, key("<Down>")),
			 AKT_A_DOWN);
	assert_null(err);
	akt_keymap_free(&km);
}

static void expect_error(const char *line, const char *want)
{
	struct akt_keymap *km = akt_keymap_new();
	char *err = NULL;

	if (akt_keymap_bind(km, line, &err))
		fail_msg("'bind %s' should fail", line);
	if (strcmp(err, want) != 0)
		fail_msg("'bind %s':\n  got  %s\n  want %s", line, err, want);
	free(err);
	/* nothing changed */
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_CASES, 'j'), AKT_A_DOWN);
	assert_int_equal(akt_keymap_lookup(km, AKT_SCR_QUEUES, 'e'),
			 AKT_A_NONE);
	akt_keymap_free(&km);
}

static void test_bind_errors(void **state)
{
	expect_error("foo j move-down",
		     "unknown screen 'foo'; screens: generic, queues, cases, "
		     "case, retention, help, compose, drafts, thread");
	expect_error("cases <Foo> move-down",
		     "unknown key '<Foo>'; a key is one character or a name "
		     "such as <Enter>, <C-d> or <F5> (see akt(1) KEYS)");
	expect_error("cases jj move-down",
		     "unknown key 'jj'; a key is one character or a name such "
		     "as <Enter>, <C-d> or <F5> (see akt(1) KEYS)");
	expect_error("cases j jump", "unknown action 'jump'; see akt(1) KEYS");
	expect_error("queues e edit-policy",
		     "action 'edit-policy' does not work on screen 'queues' "
		     "(only on: retention)");
	expect_error("help s change-status",
		     "action 'change-status' does not work on screen 'help' "
		     "(only on: cases, case)");
	expect_error("cases j", "expected 'bind SCREEN KEY ACTION'");
	expect_error("", "expected 'bind SCREEN KEY ACTION'");
	expect_error("# cases j quit", "expected 'bind SCREEN KEY ACTION'");
	expect_error("cases j quit now", "expected 'bind SCREEN KEY ACTION'");
	/* a control character never reaches a message */
	expect_error("ca\033ses j quit",
		     "unknown screen 'ca?ses'; screens: generic, queues, "
		     "cases, case, retention, help, compose, drafts, "
		     "thread");
}

static void test_keys_for_help(void **state)
{
	struct akt_keymap *km = akt_keymap_new();
	char *err = NULL, *keys;

	keys = akt_keymap_keys(km, AKT_SCR_CASES, AKT_A_PAGE_DOWN);
	assert_string_equal(keys, "<C-d> <PgDn> <C-f>");
	free(keys);
	keys = akt_keymap_keys(km, AKT_SCR_CASES, AKT_A_HELP);
	assert_string_equal(keys, "? <F1>");
	free(keys);
	keys = akt_keymap_keys(km, AKT_SCR_GENERIC, AKT_A_HELP);
	assert_string_equal(keys, "? <F1>");
	free(keys);
	/* an action not on the screen has no keys there */
	keys = akt_keymap_keys(km, AKT_SCR_QUEUES, AKT_A_STATUS);
	assert_string_equal(keys, "");
	free(keys);
	keys = akt_keymap_keys(km, AKT_SCR_CASES, AKT_A_NONE);
	assert_string_equal(keys, "");
	free(keys);
	/* the screen's own keys first, then generic ones it does not hide */
	assert_true(akt_keymap_bind(km, "cases h help", &err));
	assert_true(akt_keymap_bind(km, "cases ? none", &err));
	keys = akt_keymap_keys(km, AKT_SCR_CASES, AKT_A_HELP);
	assert_string_equal(keys, "h <F1>");
	free(keys);
	keys = akt_keymap_keys(km, AKT_SCR_CASE, AKT_A_HELP);
	assert_string_equal(keys, "? <F1>");
	free(keys);
	akt_keymap_free(&km);
}

/* `akt help keys`: every action once, with its keys and help, under the
 * heading of its screens (generic first), in 80 columns. */
static void test_help_text(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int kw = 0, aw = 0;

	akt_keys_help(f);
	fclose(f);
	for (int a = 0; a < AKT_A_COUNT; a++) {
		kw = AKT_MAX(kw, (int)strlen(akt_actions[a].keys));
		aw = AKT_MAX(aw, (int)strlen(akt_actions[a].name));
	}
	for (int a = 0; a < AKT_A_COUNT; a++) {
		const struct akt_action_info *info = &akt_actions[a];
		char *head = akt_screens_text(info->screens);
		char *want = xasprintf("\n  %-*s  %-*s  %.20s", kw, info->keys,
				       aw, info->name, info->help);
		char *row = strstr(text, want), *last = NULL;

		if (!row)
			fail_msg("akt help keys lacks the row\n%s", want + 1);
		assert_null(strstr(row + 1, want));
		for (char *p = text; (p = strstr(p, "\nOn ")) && p < row; p++)
			last = p;
		assert_non_null(last);
		if (strncmp(last + 1, head, strlen(head)) != 0 ||
		    last[1 + strlen(head)] != ':')
			fail_msg("%s is not under '%s:'", info->name, head);
		free(head);
		free(want);
	}
	assert_non_null(strstr(text, "\n\nOn every screen:\n"));
	assert_true(strstr(text, "\nOn every screen:\n") <=
		    strstr(text, "\nOn "));
	for (char *line = text; *line;) {
		size_t n = strcspn(line, "\n");
		char *l = xstrndup(line, n);

		if (akt_utf8_width(l) > 80)
			fail_msg("line wider than 80 columns: %s", l);
		free(l);
		line += n + (line[n] == '\n');
	}
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_keys_round_trip),
		cmocka_unit_test(test_table_is_consistent),
		cmocka_unit_test(test_screens),
		cmocka_unit_test(test_named_keys),
		cmocka_unit_test(test_character_keys),
		cmocka_unit_test(test_canonical_forms),
		cmocka_unit_test(test_default_lookups),
		cmocka_unit_test(test_bind_precedence),
		cmocka_unit_test(test_bind_none),
		cmocka_unit_test(test_bind_errors),
		cmocka_unit_test(test_keys_for_help),
		cmocka_unit_test(test_help_text),
	};

	return cmocka_run_group_tests_name("keys", tests, NULL, NULL);
}

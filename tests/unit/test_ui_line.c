/*
 * test_ui_line.c — the one-line editor: libedit editing keys fed one at a
 * time with no terminal anywhere, UTF-8 text and cursor columns, Enter
 * and the ways to cancel, history recalled and kept in a private file,
 * Tab completion, and nothing written to standard output or error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/ui_line.h"
#include "akt/utf8.h"

#include <fcntl.h>
#include <locale.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#define FN(k) (AKT_KEY_FN | (k))
#define CTL(c) ((c) & 0x1f)

static struct ui_line *line_new(const char *file, int max)
{
	char *err = NULL;
	struct ui_line *l = ui_line_new(file, max, &err);

	if (!l)
		fail_msg("ui_line_new: %s", err);
	return l;
}

/* Every character of s as a key; each must keep the line open. */
static void type(struct ui_line *l, const char *s)
{
	size_t len = strlen(s);

	for (size_t i = 0; i < len;) {
		uint32_t cp;

		i += akt_utf8_decode(s + i, len - i, &cp);
		assert_int_equal(ui_line_key(l, (akt_key)cp), UI_LINE_EDITING);
	}
}

static void key(struct ui_line *l, akt_key k)
{
	assert_int_equal(ui_line_key(l, k), UI_LINE_EDITING);
}

static void expect(struct ui_line *l, const char *text, size_t col)
{
	assert_string_equal(ui_line_text(l), text);
	assert_int_equal(ui_line_cursor_col(l), col);
}

static void test_utf8_and_moves(void **state)
{
	struct ui_line *l = line_new(NULL, 0);

	ui_line_begin(l, ":", NULL, NULL, NULL);
	assert_string_equal(ui_line_prompt(l), ":");
	expect(l, "", 0);
	type(l, "hej åäö 中");
	/* 中 takes two columns */
	expect(l, "hej åäö 中", 10);
	key(l, CTL('A'));
	expect(l, "hej åäö 中", 0);
	key(l, FN(KEY_RIGHT));
	key(l, CTL('F'));
	expect(l, "hej åäö 中", 2);
	key(l, FN(KEY_END));
	expect(l, "hej åäö 中", 10);
	key(l, FN(KEY_LEFT));
	expect(l, "hej åäö 中", 8);
	key(l, FN(KEY_HOME));
	key(l, CTL('E'));
	key(l, CTL('B'));
	expect(l, "hej åäö 中", 8);
	/* Backspace before the cursor, Delete under it */
	key(l, FN(KEY_BACKSPACE));
	expect(l, "hej åäö中", 7);
	key(l, FN(KEY_DC));
	expect(l, "hej åäö", 7);
	key(l, 0x7f);
	expect(l, "hej åä", 6);
	key(l, CTL('H'));
	expect(l, "hej å", 5);
	/* typing in the middle */
	key(l, FN(KEY_HOME));
	type(l, "ö");
	expect(l, "öhej å", 1);
	/* ^T swaps the two characters before the cursor at the end */
	key(l, CTL('E'));
	key(l, CTL('T'));
	expect(l, "öhejå ", 6);
	ui_line_free(&l);
	assert_null(l);

	/* a line holds at most 4096 typed characters */
	l = line_new(NULL, 0);
	ui_line_begin(l, ":", NULL, NULL, NULL);
	for (int i = 0; i < 5000; i++)
		key(l, 'x');
	assert_int_equal(strlen(ui_line_text(l)), 4096);
	assert_int_equal(ui_line_cursor_col(l), 4096);
	key(l, 0x7f);
	type(l, "å");
	assert_int_equal(ui_line_cursor_col(l), 4096);
	ui_line_free(&l);
	assert_null(l);
}

static void test_kills(void **state)
{
	struct ui_line *l = line_new(NULL, 0);

	ui_line_begin(l, ":", "status Avslutat", NULL, NULL);
	expect(l, "status Avslutat", 15);
	key(l, CTL('W'));
	expect(l, "status ", 7);
	/* put back what was deleted */
	key(l, CTL('Y'));
	expect(l, "status Avslutat", 15);
	/* ^U deletes before the cursor, ^K after it */
	key(l, FN(KEY_LEFT));
	key(l, FN(KEY_LEFT));
	key(l, CTL('U'));
	expect(l, "at", 0);
	ui_line_begin(l, ":", "assign me", NULL, NULL);
	key(l, CTL('A'));
	key(l, CTL('F'));
	key(l, CTL('K'));
	expect(l, "a", 1);
	/* ^W over non-ASCII words */
	ui_line_begin(l, "/", "sök på ärende", NULL, NULL);
	key(l, CTL('W'));
	expect(l, "sök på ", 7);
	/* ^D deletes under the cursor, and is not the end of anything at
	 * the end of the line */
	key(l, CTL('A'));
	key(l, CTL('D'));
	expect(l, "ök på ", 0);
	key(l, CTL('E'));
	key(l, CTL('D'));
	key(l, FN(KEY_DC));
	expect(l, "ök på ", 6);
	ui_line_free(&l);
}

static void test_done_and_cancel(void **state)
{
	struct ui_line *l = line_new(NULL, 0);

	ui_line_begin(l, "/", NULL, NULL, NULL);
	type(l, "ärende");
	assert_int_equal(ui_line_key(l, '\n'), UI_LINE_DONE);
	assert_string_equal(ui_line_text(l), "ärende");
	assert_int_equal(ui_line_key(l, '\r'), UI_LINE_DONE);
	assert_int_equal(ui_line_key(l, FN(KEY_ENTER)), UI_LINE_DONE);

	/* a new line starts empty */
	ui_line_begin(l, "/", NULL, NULL, NULL);
	expect(l, "", 0);
	type(l, "x");
	assert_int_equal(ui_line_key(l, 0x1b), UI_LINE_CANCEL);
	assert_int_equal(ui_line_key(l, CTL('C')), UI_LINE_CANCEL);
	assert_int_equal(ui_line_key(l, CTL('G')), UI_LINE_CANCEL);

	/* Backspace cancels only once the line is empty */
	ui_line_begin(l, "/", "ab", NULL, NULL);
	key(l, FN(KEY_BACKSPACE));
	key(l, 0x7f);
	expect(l, "", 0);
	assert_int_equal(ui_line_key(l, FN(KEY_BACKSPACE)), UI_LINE_CANCEL);
	assert_int_equal(ui_line_key(l, 0x7f), UI_LINE_CANCEL);
	assert_int_equal(ui_line_key(l, CTL('H')), UI_LINE_CANCEL);
	/* but Delete on an empty line is nothing */
	key(l, FN(KEY_DC));
	key(l, CTL('D'));
	expect(l, "", 0);

	/* control keys without a meaning, function keys and control
	 * characters change nothing */
	ui_line_begin(l, "/", "a", NULL, NULL);
	key(l, CTL('R'));
	key(l, CTL('V'));
	key(l, CTL('L'));
	key(l, FN(KEY_F(2)));
	key(l, FN(KEY_NPAGE));
	key(l, 0x9b);
	key(l, 0x202e);
	expect(l, "a", 1);
	/* initial text is made safe to draw */
	ui_line_begin(l, "/", "a\x1b[31mb\tc", NULL, NULL);
	assert_null(strchr(ui_line_text(l), '\x1b'));
	assert_null(strchr(ui_line_text(l), '\t'));
	ui_line_free(&l);
}

static char *temp_dir(void)
{
	char *dir = strdup("/tmp/akt-line-XXXXXX");

	assert_non_null(mkdtemp(dir));
	return dir;
}

static void test_history(void **state)
{
	char *dir = temp_dir();
	char *sub, *file, *err = NULL;
	struct ui_line *l;
	struct stat st;

	assert_true(asprintf(&sub, "%s/state/akt", dir) > 0);
	assert_true(asprintf(&file, "%s/history", sub) > 0);
	l = line_new(file, 100);
	ui_line_remember(l, "queue Bygglov");
	ui_line_remember(l, "status Återkallad");
	ui_line_remember(l, "   ");                 /* blank: not kept */
	ui_line_remember(l, "status Återkallad");   /* repeat: not kept */
	ui_line_remember(l, "");

	ui_line_begin(l, ":", NULL, NULL, NULL);
	type(l, "so");
	key(l, FN(KEY_UP));
	expect(l, "status Återkallad", 17);
	key(l, CTL('P'));
	expect(l, "queue Bygglov", 13);
	key(l, FN(KEY_UP));                /* nothing older */
	expect(l, "queue Bygglov", 13);
	key(l, FN(KEY_DOWN));
	expect(l, "status Återkallad", 17);
	/* back past the newest: what was being typed */
	key(l, CTL('N'));
	expect(l, "so", 2);

	/* a new line starts the walk again from the newest */
	key(l, FN(KEY_UP));
	ui_line_begin(l, ":", NULL, NULL, NULL);
	key(l, FN(KEY_UP));
	expect(l, "status Återkallad", 17);

	assert_true(ui_line_save(l, &err));
	ui_line_free(&l);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);

	/* read back */
	l = line_new(file, 100);
	ui_line_begin(l, ":", NULL, NULL, NULL);
	key(l, FN(KEY_UP));
	expect(l, "status Återkallad", 17);
	key(l, FN(KEY_UP));
	expect(l, "queue Bygglov", 13);
	key(l, FN(KEY_UP));
	expect(l, "queue Bygglov", 13);
	/* a file opened up is private again once written */
	assert_int_equal(chmod(file, 0644), 0);
	assert_int_equal(chmod(sub, 0755), 0);
	ui_line_remember(l, "sort updated");
	assert_true(ui_line_save(l, &err));
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	ui_line_free(&l);

	/* only the newest max_history are kept */
	l = line_new(file, 1);
	ui_line_begin(l, ":", NULL, NULL, NULL);
	key(l, FN(KEY_UP));
	key(l, FN(KEY_UP));
	expect(l, "sort updated", 12);
	ui_line_free(&l);

	/* a line without history: Up does nothing, save is nothing */
	l = line_new(NULL, 0);
	ui_line_remember(l, "x");
	ui_line_begin(l, ":", "y", NULL, NULL);
	key(l, FN(KEY_UP));
	expect(l, "y", 1);
	assert_true(ui_line_save(l, &err));
	ui_line_free(&l);

	/* a file that cannot be written: one line naming it */
	l = line_new("/proc/no/such/history", 10);
	assert_false(ui_line_save(l, &err));
	assert_non_null(err);
	assert_non_null(strstr(err, "/proc/no"));
	assert_null(strchr(err, '\n'));
	free(err);
	ui_line_free(&l);

	unlink(file);
	rmdir(sub);
	free(file);
	assert_true(asprintf(&file, "%s/state", dir) > 0);
	rmdir(file);
	rmdir(dir);
	free(file);
	free(sub);
	free(dir);
}

struct seen {
	char line[64], word[64];
	size_t index;
	int calls;
};

/* name when it begins with word, ignoring case (for the letters used) */
static void offer_folded(struct ui_line *l, const char *word,
			 const char *name)
{
	static const char *const folds[][2] = {
		{ "å", "Å" }, { "ä", "Ä" }, { "ö", "Ö" },
	};
	char *w = strdup(word), *n = strdup(name);

	for (char **s = (char *[]){ w, n, NULL }; *s; s++) {
		for (size_t i = 0; i < AKT_LEN(folds); i++)
			for (char *p = *s; (p = strstr(p, folds[i][0]));)
				memcpy(p, folds[i][1], 2);
		for (char *p = *s; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
	}
	if (strncmp(n, w, strlen(w)) == 0)
		ui_line_add(l, name);
	free(w);
	free(n);
}

static void complete_words(struct ui_line *l, const char *line,
			   size_t index, const char *word, void *arg)
{
	static const char *const commands[] = {
		"status", "search", "sort", "quit", "queue",
	};
	static const char *const statuses[] = {
		"Återkallad", "Återställd", "Avslutat", "avbruten",
	};
	static const char *const third[] = { "ä1", "å1", "ä1" };
	struct seen *seen = arg;

	snprintf(seen->line, sizeof(seen->line), "%s", line);
	snprintf(seen->word, sizeof(seen->word), "%s", word);
	seen->index = index;
	seen->calls++;
	if (index == 0)
		for (size_t i = 0; i < AKT_LEN(commands); i++)
			offer_folded(l, word, commands[i]);
	else if (index == 1)
		for (size_t i = 0; i < AKT_LEN(statuses); i++)
			offer_folded(l, word, statuses[i]);
	else
		for (size_t i = 0; i < AKT_LEN(third); i++)
			ui_line_add(l, third[i]);
}

static void test_complete(void **state)
{
	struct ui_line *l = line_new(NULL, 0);
	struct seen seen = { 0 };

	/* one candidate: completed, and a space after it */
	ui_line_begin(l, ":", NULL, complete_words, &seen);
	type(l, "qui");
	key(l, '\t');
	assert_int_equal(seen.calls, 1);
	assert_int_equal(seen.index, 0);
	assert_string_equal(seen.word, "qui");
	expect(l, "quit ", 5);
	assert_string_equal(ui_line_candidates(l), "");

	/* several: their common beginning, and the list */
	ui_line_begin(l, ":", NULL, complete_words, &seen);
	type(l, "s");
	key(l, '\t');
	expect(l, "s", 1);
	assert_string_equal(ui_line_candidates(l), "status\nsearch\nsort");
	/* the list goes with the next key */
	type(l, "t");
	assert_string_equal(ui_line_candidates(l), "");
	key(l, '\t');
	expect(l, "status ", 7);

	/* the second word, with the line before the cursor */
	type(l, "Åt");
	key(l, '\t');
	assert_int_equal(seen.index, 1);
	assert_string_equal(seen.word, "Åt");
	assert_string_equal(seen.line, "status Åt");
	expect(l, "status Åter", 11);
	assert_string_equal(ui_line_candidates(l), "Återkallad\nÅterställd");

	/* an empty word: every candidate */
	ui_line_begin(l, ":", "status  ", complete_words, &seen);
	key(l, '\t');
	assert_int_equal(seen.index, 1);
	assert_string_equal(seen.word, "");
	expect(l, "status  ", 8);
	assert_string_equal(ui_line_candidates(l),
			    "Återkallad\nÅterställd\nAvslutat\navbruten");

	/* a common beginning never splits a character (ä and å share
	 * their first byte); a candidate added twice is listed once */
	ui_line_begin(l, ":", " a b ", complete_words, &seen);
	key(l, '\t');
	assert_int_equal(seen.index, 2);
	expect(l, " a b ", 5);
	assert_string_equal(ui_line_candidates(l), "ä1\nå1");

	/* candidates may differ from the word in case: they replace it */
	ui_line_begin(l, ":", "status avs", complete_words, &seen);
	key(l, '\t');
	expect(l, "status Avslutat ", 16);
	ui_line_begin(l, ":", "status åt", complete_words, &seen);
	key(l, '\t');
	expect(l, "status Åter", 11);
	assert_string_equal(ui_line_candidates(l), "Återkallad\nÅterställd");
	/* but what was typed is never shortened */
	ui_line_begin(l, ":", "status a", complete_words, &seen);
	key(l, '\t');
	expect(l, "status a", 8);
	assert_string_equal(ui_line_candidates(l), "Avslutat\navbruten");

	/* nothing matches: nothing changes */
	ui_line_begin(l, ":", "x", complete_words, &seen);
	key(l, '\t');
	expect(l, "x", 1);
	assert_string_equal(ui_line_candidates(l), "");

	/* completion in the middle of the line */
	ui_line_begin(l, ":", "qu Avslutat", complete_words, &seen);
	key(l, CTL('A'));
	key(l, CTL('F'));
	key(l, CTL('F'));
	key(l, '\t');
	assert_string_equal(seen.word, "qu");
	assert_string_equal(seen.line, "qu");
	expect(l, "qu Avslutat", 2);
	assert_string_equal(ui_line_candidates(l), "quit\nqueue");
	type(l, "e");
	key(l, '\t');
	expect(l, "queue  Avslutat", 6);

	/* without a hook Tab does nothing */
	ui_line_begin(l, ":", "s", NULL, NULL);
	key(l, '\t');
	expect(l, "s", 1);
	ui_line_free(&l);
}

/* The process's own locale is UTF-8 (as in the real program). */
static void test_utf8_locale(void **state)
{
	struct ui_line *l;

	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip();
	l = line_new(NULL, 0);
	ui_line_begin(l, ":", NULL, NULL, NULL);
	type(l, "åäö 中x");
	key(l, CTL('W'));
	expect(l, "åäö ", 4);
	key(l, CTL('W'));
	expect(l, "", 0);
	ui_line_free(&l);
	setlocale(LC_CTYPE, "C");
}

static long file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return (long)st.st_size;
}

/* libedit draws, beeps and complains about unknown terminals; none of
 * it may reach standard output or error, nor change curses's terminal. */
static void test_quiet(void **state)
{
	char *dir = temp_dir(), *out, *errf, *file, *err = NULL;
	int saved_out = dup(1), saved_err = dup(2), fd;
	char *saved_term = strdup(getenv("TERM"));
	TERMINAL *before = cur_term;
	struct ui_line *l;
	struct seen seen = { 0 };

	assert_true(asprintf(&out, "%s/out", dir) > 0);
	assert_true(asprintf(&errf, "%s/err", dir) > 0);
	assert_true(asprintf(&file, "%s/history", dir) > 0);
	fflush(stdout);
	fflush(stderr);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	dup2(fd, 1);
	close(fd);
	fd = open(errf, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	dup2(fd, 2);
	close(fd);

	for (int i = 0; i < 2; i++) {
		/* libedit complains about a terminal it does not know */
		if (i == 0)
			setenv("TERM", "no-such-terminal-here", 1);
		else
			setenv("TERM", saved_term, 1);
		l = ui_line_new(file, 10, &err);
		if (!l)
			break;
		ui_line_begin(l, ":", "start", complete_words, &seen);
		/* beeps: nothing older, nothing to complete, nothing
		 * after the cursor */
		ui_line_key(l, FN(KEY_UP));
		ui_line_key(l, '\t');
		ui_line_key(l, FN(KEY_DC));
		ui_line_key(l, FN(KEY_RIGHT));
		/* more drawing than a pseudo-terminal buffers: libedit
		 * would block on it if nobody read it */
		for (int k = 0; k < 20000; k++) {
			ui_line_key(l, 'a' + k % 26);
			if (k % 200 == 99)
				ui_line_key(l, CTL('U'));
			else if (k % 200 == 199)
				ui_line_begin(l, ":", "again", NULL, NULL);
		}
		ui_line_remember(l, "queue Bygglov");
		ui_line_save(l, &err);
		ui_line_free(&l);
	}

	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	setenv("TERM", saved_term, 1);
	free(saved_term);

	assert_null(err);
	assert_true(cur_term == before);
	assert_int_equal(file_size(out), 0);
	assert_int_equal(file_size(errf), 0);
	unlink(out);
	unlink(errf);
	unlink(file);
	rmdir(dir);
	free(out);
	free(errf);
	free(file);
	free(dir);
}

/* libedit looks up $TERM through curses's terminfo, which would make
 * that entry curses's terminal too; the screen keeps its own. */
static void test_curses_terminal_kept(void **state)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	struct ui_line *l;
	TERMINAL *screen_term;
	SCREEN *sc;
	FILE *f;

	assert_true(m >= 0);
	assert_int_equal(grantpt(m), 0);
	assert_int_equal(unlockpt(m), 0);
	f = fopen(ptsname(m), "r+");
	assert_non_null(f);
	/* a terminal other than the one libedit is told of ($TERM) */
	sc = newterm("vt100", f, f);
	if (!sc) {
		fclose(f);
		close(m);
		skip();
	}
	screen_term = cur_term;
	l = line_new(NULL, 0);
	assert_true(cur_term == screen_term);
	ui_line_begin(l, ":", "x", NULL, NULL);
	key(l, 'y');
	expect(l, "xy", 2);
	ui_line_free(&l);
	assert_true(cur_term == screen_term);
	endwin();
	delscreen(sc);
	fclose(f);
	close(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_and_moves),
		cmocka_unit_test(test_kills),
		cmocka_unit_test(test_done_and_cancel),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_utf8_locale),
		cmocka_unit_test(test_quiet),
		cmocka_unit_test(test_curses_terminal_kept),
	};

	/* the same terminal for libedit wherever the tests run */
	setenv("TERM", "xterm", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}

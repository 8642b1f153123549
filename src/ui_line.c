/*
 * ui_line.c — the one-line editor: libedit as an editing engine, with
 * curses (elsewhere) doing the drawing.
 *
 * libedit edits only on a terminal: el_init() marks an editor whose
 * output is not a tty as NO_TTY, and el_wgets() then merely appends what
 * it reads, with no editing at all. So each editor gets a private
 * pseudo-terminal. libedit puts it in raw mode and draws on it; we read
 * and discard that drawing after every call, and the real terminal (or
 * its absence, in tests) never comes into it.
 *
 * Keys are handed over one at a time: EL_UNBUFFERED makes el_wgets()
 * run one editing command and return, and EL_GETCFN makes it take its
 * input from us instead of reading the pseudo-terminal. Curses keys are
 * turned into the control characters bound below, so what each key does
 * is decided here and not by the terminal's settings.
 */
#include "akt/ui_line.h"

#include "akt/buf.h"
#include "akt/paths.h"
#include "akt/reveal.h"
#include "akt/sanitize.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include <histedit.h>

#include <curses.h>
#include <term.h>

#define CONTROL_KEY(c) ((c) & 0x1f)

/* Characters typed into one line at most: more is a paste gone wrong,
 * and each key copies the line. */
#define LINE_MAX_CHARS 4096

/* The keys we give libedit and what they do, bound over its defaults. */
static const struct {
	const wchar_t *key;
	const wchar_t *fn;
} bindings[] = {
	{ L"^A", L"ed-move-to-beg" },
	{ L"^B", L"ed-prev-char" },
	{ L"^D", L"ed-delete-next-char" },   /* never end-of-file */
	{ L"^E", L"ed-move-to-end" },
	{ L"^F", L"ed-next-char" },
	{ L"^H", L"em-delete-prev-char" },
	{ L"^I", L"akt-complete" },
	{ L"^K", L"ed-kill-line" },
	{ L"^N", L"ed-next-history" },
	{ L"^P", L"ed-prev-history" },
	{ L"^T", L"ed-transpose-chars" },
	{ L"^U", L"vi-kill-line-prev" },     /* before the cursor, as in sh */
	{ L"^W", L"ed-delete-prev-word" },
	{ L"^Y", L"em-yank" },
};

struct ui_line {
	EditLine *el;
	HistoryW *hist;           /* NULL: no history */
	char *file;               /* the history file, or NULL */
	int master;               /* our end of libedit's pseudo-terminal */
	FILE *tty;                /* libedit's end */
	/* libedit converts with the C library's current locale; when that
	 * is not UTF-8 it runs under this one (else (locale_t)0). */
	locale_t utf8;
	locale_t caller;          /* the locale to go back to */

	char *prompt;
	char *text;               /* UTF-8 copy of libedit's line */
	size_t cursor_col;

	ui_line_complete_fn *complete;
	void *arg;
	char **cands;             /* from the hook, during a Tab */
	size_t ncands, cands_cap;
	struct akt_buf listed;    /* candidates for ui_line_candidates */

	wchar_t input;            /* the key el_wgets is to read */
	bool pending;
};

/* ---- text ---------------------------------------------------------------- */

/* What the line may hold: what akt_sanitize keeps as it is. */
static bool line_char(uint32_t cp)
{
	enum akt_cp_class c = akt_cp_class(cp);

	return c == AKT_CP_PLAIN || c == AKT_CP_COMBINING;
}

/* UTF-8 from outside (initial text, candidates, the history file) made
 * fit for the line, as a wide string. malloc'd. */
static wchar_t *to_wide(const char *s)
{
	char *clean = akt_sanitize_str(s, AKT_SAN_ONELINE);
	size_t len = strlen(clean), n = 0;
	wchar_t *w = xreallocarray(NULL, len + 1, sizeof(*w));

	for (size_t i = 0; i < len;) {
		uint32_t cp;

		i += akt_utf8_decode(clean + i, len - i, &cp);
		if (cp != AKT_UTF8_BAD && line_char(cp))
			w[n++] = (wchar_t)cp;
	}
	w[n] = L'\0';
	free(clean);
	return w;
}

static char *to_utf8(const wchar_t *w, size_t n)
{
	char *s = xreallocarray(NULL, n + 1, AKT_UTF8_MAXLEN), *p = s;

	for (size_t i = 0; i < n; i++) {
		uint32_t cp = (uint32_t)w[i];

		if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			cp = 0xfffd;
		p += akt_utf8_encode(cp, p);
	}
	*p = '\0';
	return s;
}

static bool blank(const wchar_t *w)
{
	for (; *w; w++)
		if (*w != L' ')
			return false;
	return true;
}

/* ---- talking to libedit -------------------------------------------------- */

static void enter(struct ui_line *l)
{
	if (l->utf8)
		l->caller = uselocale(l->utf8);
}

static void leave(struct ui_line *l)
{
	if (l->utf8)
		uselocale(l->caller);
}

/* Throw away what libedit drew, so its writes never fill the
 * pseudo-terminal and block. */
static void drain(struct ui_line *l)
{
	char junk[4096];

	fflush(l->tty);
	while (read(l->master, junk, sizeof(junk)) > 0)
		;
}

static struct ui_line *of(EditLine *el)
{
	void *l = NULL;

	el_wget(el, EL_CLIENTDATA, &l);
	return l;
}

/* EL_GETCFN: the key being fed; then "end of input", which makes
 * el_wgets return instead of waiting. */
static int read_key(EditLine *el, wchar_t *c)
{
	struct ui_line *l = of(el);

	if (!l->pending)
		return 0;
	*c = l->input;
	l->pending = false;
	return 1;
}

static wchar_t *no_prompt(EditLine *el)
{
	static wchar_t empty[] = L"";

	(void)el;
	return empty;
}

/* Our copy of the line and the cursor's column. */
static void update(struct ui_line *l)
{
	const LineInfoW *li = el_wline(l->el);
	size_t n = (size_t)(li->lastchar - li->buffer);

	free(l->text);
	l->text = to_utf8(li->buffer, n);
	l->cursor_col = 0;
	for (const wchar_t *p = li->buffer; p < li->cursor; p++)
		l->cursor_col += (size_t)akt_cp_width((uint32_t)*p);
}

/* One key through libedit's key map: one editing command. */
static void run(struct ui_line *l, wchar_t c)
{
	int n;

	l->input = c;
	l->pending = true;
	enter(l);
	for (int i = 0; i < 2 && l->pending; i++)
		el_wgets(l->el, &n);
	l->pending = false;
	leave(l);
	drain(l);
	update(l);
}

/* ---- completion ---------------------------------------------------------- */

static void clear_candidates(struct ui_line *l)
{
	for (size_t i = 0; i < l->ncands; i++)
		free(l->cands[i]);
	l->ncands = 0;
	akt_buf_reset(&l->listed);
}

void ui_line_add(struct ui_line *l, const char *candidate)
{
	char *c = akt_sanitize_str(candidate, AKT_SAN_ONELINE);

	for (size_t i = 0; i < l->ncands; i++)
		if (strcmp(l->cands[i], c) == 0) {
			free(c);
			return;
		}
	if (l->ncands == l->cands_cap) {
		l->cands_cap = l->cands_cap ? 2 * l->cands_cap : 16;
		l->cands = xreallocarray(l->cands, l->cands_cap,
					 sizeof(*l->cands));
	}
	l->cands[l->ncands++] = c;
}

/* Bytes that all candidates begin with, not splitting a character. */
static size_t common_prefix(char *const *c, size_t n)
{
	size_t len = strlen(c[0]);

	for (size_t i = 1; i < n; i++) {
		size_t k = 0;

		while (k < len && c[i][k] == c[0][k])
			k++;
		len = k;
	}
	while (len > 0 && ((unsigned char)c[0][len] & 0xc0) == 0x80)
		len--;
	return len;
}

static void insert(struct ui_line *l, const char *utf8)
{
	wchar_t *w = to_wide(utf8);

	if (*w)
		el_winsertstr(l->el, w);
	free(w);
}

static size_t chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/*
 * Bound to Tab: ask the hook, then put what the candidates have in
 * common in place of the word (so a candidate may differ from it in
 * case), followed by a space when there is only one. What was typed is
 * never shortened: a common part shorter than the word leaves it be.
 */
static unsigned char complete(EditLine *el, int ch)
{
	struct ui_line *l = of(el);
	const LineInfoW *li = el_wline(el);
	size_t n = (size_t)(li->cursor - li->buffer), start = 0, index = 0;
	size_t wlen, common;
	char *before, *word, *put;

	(void)ch;
	clear_candidates(l);
	if (!l->complete)
		return CC_ERROR;
	for (size_t i = 0; i < n; i++) {
		if (li->buffer[i] != L' ')
			continue;
		if (i > start)
			index++;
		start = i + 1;
	}
	before = to_utf8(li->buffer, n);
	word = to_utf8(li->buffer + start, n - start);
	/* the hook runs in the caller's locale, not libedit's */
	leave(l);
	l->complete(l, before, index, word, l->arg);
	enter(l);
	free(before);

	if (l->ncands == 0) {
		free(word);
		return CC_ERROR;
	}
	wlen = strlen(word);
	common = common_prefix(l->cands, l->ncands);
	if (common >= wlen && strncmp(l->cands[0], word, wlen) == 0) {
		put = xstrndup(l->cands[0] + wlen, common - wlen);
	} else if (chars(l->cands[0], common) >= n - start) {
		el_deletestr(el, (int)(n - start));
		put = xstrndup(l->cands[0], common);
	} else {
		put = xstrdup("");
	}
	if (l->ncands == 1) {
		char *spaced = xasprintf("%s ", put);

		free(put);
		put = spaced;
	} else {
		for (size_t i = 0; i < l->ncands; i++) {
			akt_buf_addstr(&l->listed, l->cands[i]);
			if (i + 1 < l->ncands)
				akt_buf_addc(&l->listed, '\n');
		}
	}
	insert(l, put);
	free(put);
	free(word);
	for (size_t i = 0; i < l->ncands; i++)
		free(l->cands[i]);
	l->ncands = 0;
	return CC_REFRESH;
}

/* ---- the editor ---------------------------------------------------------- */

/* A pseudo-terminal; its master end does not block. */
static bool open_pty(int *master, FILE **tty, char **err)
{
	char name[128];
	int m, s = -1;

	m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) != 0 || unlockpt(m) != 0 ||
	    ptsname_r(m, name, sizeof(name)) != 0 ||
	    (s = open(name, O_RDWR | O_NOCTTY)) < 0)
		goto fail;
	if (fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK) != 0 ||
	    fcntl(m, F_SETFD, FD_CLOEXEC) != 0 ||
	    fcntl(s, F_SETFD, FD_CLOEXEC) != 0 ||
	    !(*tty = fdopen(s, "r+")))
		goto fail;
	*master = m;
	return true;
fail:
	*err = xasprintf("cannot open a pseudo-terminal for line editing: "
			 "%s; is /dev/pts mounted?", strerror(errno));
	if (s >= 0)
		close(s);
	if (m >= 0)
		close(m);
	return false;
}

/* A UTF-8 locale for libedit when the program's is something else. */
static locale_t utf8_locale(void)
{
	static const char *const names[] = {
		"C.UTF-8", "C.utf8", "en_US.UTF-8", "UTF-8",
	};
	const char *cs = nl_langinfo(CODESET);

	if (cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0))
		return (locale_t)0;
	for (size_t i = 0; i < AKT_LEN(names); i++) {
		locale_t base = duplocale(LC_GLOBAL_LOCALE), loc;

		if (!base)
			break;
		loc = newlocale(LC_CTYPE_MASK, names[i], base);
		if (loc)
			return loc;
		freelocale(base);
	}
	return (locale_t)0;
}

static void remember_wide(struct ui_line *l, const wchar_t *w)
{
	HistEventW ev;

	if (!l->hist || blank(w))
		return;
	if (history_w(l->hist, &ev, H_FIRST) == 0 && wcscmp(ev.str, w) == 0)
		return;
	history_w(l->hist, &ev, H_ENTER, w);
}

/* Read the history file through a scratch history, so what comes back
 * passes the same checks as what the officer typed. */
static void load(struct ui_line *l, int max)
{
	HistoryW *tmp = history_winit();
	HistEventW ev;

	/* a history's size starts at 0, which keeps nothing */
	history_w(tmp, &ev, H_SETSIZE, max);
	if (history_w(tmp, &ev, H_LOAD, l->file) >= 0) {
		/* oldest first */
		for (int r = history_w(tmp, &ev, H_LAST); r == 0;
		     r = history_w(tmp, &ev, H_PREV)) {
			char *s = to_utf8(ev.str, wcslen(ev.str));
			wchar_t *w = to_wide(s);

			/* a number an older akt kept goes at the next save */
			if (!akt_pin_holds(s))
				remember_wide(l, w);
			free(w);
			free(s);
		}
	}
	history_wend(tmp);
}

/*
 * libedit reads $TERM's description with tgetent(), from the terminfo
 * library curses uses too, and that makes the entry curses's current
 * terminal (and the screen's); curses gets its own back at once. Nobody
 * sees what libedit draws, so it needs no description at all: a name
 * terminfo refuses outright (it holds a '/') sets libedit to its plain
 * built-in one, and makes terminfo free the entry loaded for $TERM
 * (tgetent() frees what it loaded before into the same buffer).
 */
static EditLine *start_libedit(FILE *tty)
{
	TERMINAL *curses_term = cur_term;
	EditLine *el = el_init("akt", tty, tty, tty);

	set_curterm(curses_term);
	if (el)
		el_wset(el, EL_TERMINAL, "none/akt");
	return el;
}

struct ui_line *ui_line_new(const char *history_file, int max_history,
			    char **err)
{
	struct ui_line *l = xcalloc(1, sizeof(*l));

	l->master = -1;
	if (!open_pty(&l->master, &l->tty, err)) {
		free(l);
		return NULL;
	}
	l->utf8 = utf8_locale();
	l->prompt = xstrdup("");
	l->text = xstrdup("");
	akt_buf_init(&l->listed, SIZE_MAX);

	enter(l);
	l->el = start_libedit(l->tty);
	if (!l->el) {
		leave(l);
		*err = xstrdup("cannot start libedit for line editing");
		ui_line_free(&l);
		return NULL;
	}
	el_wset(l->el, EL_CLIENTDATA, (void *)l);
	el_wset(l->el, EL_EDITOR, L"emacs");
	el_wset(l->el, EL_PROMPT, no_prompt);
	el_wset(l->el, EL_SIGNAL, 0);
	el_wset(l->el, EL_ADDFN, L"akt-complete",
		L"Complete the word before the cursor", complete);
	for (size_t i = 0; i < AKT_LEN(bindings); i++)
		el_wset(l->el, EL_BIND, bindings[i].key, bindings[i].fn, NULL);
	el_wset(l->el, EL_GETCFN, read_key);
	if (max_history > 0) {
		HistEventW ev;

		l->hist = history_winit();
		history_w(l->hist, &ev, H_SETSIZE, max_history);
		history_w(l->hist, &ev, H_SETUNIQUE, 1);
		el_wset(l->el, EL_HIST, history_w, l->hist);
		if (history_file) {
			l->file = xstrdup(history_file);
			load(l, max_history);
		}
	}
	el_wset(l->el, EL_UNBUFFERED, 1);
	leave(l);
	drain(l);
	return l;
}

void ui_line_free(struct ui_line **lp)
{
	struct ui_line *l = *lp;

	if (!l)
		return;
	if (l->el) {
		enter(l);
		el_end(l->el);
		leave(l);
	}
	if (l->hist)
		history_wend(l->hist);
	if (l->tty)
		fclose(l->tty);
	if (l->master >= 0)
		close(l->master);
	if (l->utf8)
		freelocale(l->utf8);
	clear_candidates(l);
	free(l->cands);
	akt_buf_free(&l->listed);
	free(l->file);
	free(l->prompt);
	free(l->text);
	free(l);
	*lp = NULL;
}

void ui_line_begin(struct ui_line *l, const char *prompt, const char *text,
		   ui_line_complete_fn *complete_fn, void *arg)
{
	free(l->prompt);
	l->prompt = akt_sanitize_str(prompt ? prompt : "", AKT_SAN_ONELINE);
	l->complete = complete_fn;
	l->arg = arg;
	clear_candidates(l);
	enter(l);
	/* leaving and entering unbuffered mode starts a new line, with the
	 * history walk back at the newest entry */
	el_wset(l->el, EL_UNBUFFERED, 0);
	el_wset(l->el, EL_UNBUFFERED, 1);
	if (text)
		insert(l, text);
	leave(l);
	drain(l);
	update(l);
}

/* The character libedit is given for a key, 0 for none. */
static wchar_t libedit_key(akt_key k)
{
	switch (k) {
	case AKT_KEY_FN | KEY_LEFT:
		return CONTROL_KEY('B');
	case AKT_KEY_FN | KEY_RIGHT:
		return CONTROL_KEY('F');
	case AKT_KEY_FN | KEY_HOME:
		return CONTROL_KEY('A');
	case AKT_KEY_FN | KEY_END:
		return CONTROL_KEY('E');
	case AKT_KEY_FN | KEY_UP:
		return CONTROL_KEY('P');
	case AKT_KEY_FN | KEY_DOWN:
		return CONTROL_KEY('N');
	case AKT_KEY_FN | KEY_BACKSPACE:
	case 0x7f:
	case CONTROL_KEY('H'):
		return CONTROL_KEY('H');
	case AKT_KEY_FN | KEY_DC:
	case CONTROL_KEY('D'):
		return CONTROL_KEY('D');
	case CONTROL_KEY('A'):
	case CONTROL_KEY('B'):
	case CONTROL_KEY('E'):
	case CONTROL_KEY('F'):
	case CONTROL_KEY('I'):
	case CONTROL_KEY('K'):
	case CONTROL_KEY('N'):
	case CONTROL_KEY('P'):
	case CONTROL_KEY('T'):
	case CONTROL_KEY('U'):
	case CONTROL_KEY('W'):
	case CONTROL_KEY('Y'):
		return (wchar_t)k;
	default:
		break;
	}
	if (k > 0 && !(k & AKT_KEY_FN) && line_char((uint32_t)k))
		return (wchar_t)k;
	return 0;
}

enum ui_line_result ui_line_key(struct ui_line *l, akt_key k)
{
	wchar_t c;

	clear_candidates(l);
	if (k == '\n' || k == '\r' || k == (AKT_KEY_FN | KEY_ENTER))
		return UI_LINE_DONE;
	if (k == 0x1b || k == CONTROL_KEY('C') || k == CONTROL_KEY('G'))
		return UI_LINE_CANCEL;
	c = libedit_key(k);
	if (c == CONTROL_KEY('H') && !*l->text)
		return UI_LINE_CANCEL;
	if (c >= 0x20) {
		const LineInfoW *li = el_wline(l->el);

		if (li->lastchar - li->buffer >= LINE_MAX_CHARS)
			return UI_LINE_EDITING;
	}
	if (c)
		run(l, c);
	return UI_LINE_EDITING;
}

const char *ui_line_text(const struct ui_line *l)
{
	return l->text;
}

size_t ui_line_cursor_col(const struct ui_line *l)
{
	return l->cursor_col;
}

const char *ui_line_prompt(const struct ui_line *l)
{
	return l->prompt;
}

const char *ui_line_candidates(const struct ui_line *l)
{
	return akt_buf_str(&l->listed);
}

void ui_line_remember(struct ui_line *l, const char *text)
{
	wchar_t *w;

	/* A line with a personal identity number is not kept at all: the
	 * history is written to a file, and a masked line brought back
	 * would search for the mask. */
	if (!l->hist || !text || akt_pin_holds(text))
		return;
	w = to_wide(text);
	remember_wide(l, w);
	free(w);
}

bool ui_line_save(struct ui_line *l, char **err)
{
	char *tmp;
	int fd;
	FILE *f;
	HistEventW ev;
	bool ok;

	if (!l || !l->hist || !l->file)
		return true;
	if (!akt_path_private_dir(l->file, err))
		return false;
	/* a new file renamed over the old: a crash leaves one or the other */
	tmp = xasprintf("%s.XXXXXX", l->file);
	fd = mkstemp(tmp);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		*err = xasprintf("cannot write the history %s: %s", l->file,
				 strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return false;
	}
	enter(l);
	ok = history_w(l->hist, &ev, H_SAVE_FP, f) >= 0;
	leave(l);
	ok = fflush(f) == 0 && ok;
	ok = fsync(fd) == 0 && ok;
	ok = fclose(f) == 0 && ok;
	if (ok && rename(tmp, l->file) != 0)
		ok = false;
	if (!ok) {
		*err = xasprintf("cannot write the history %s: %s", l->file,
				 strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

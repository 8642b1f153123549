/*
 * bench_tui.c — the full-screen client's performance figures, each
 * printed beside its target: akt runs on a pseudo-terminal of 80×24
 * (TERM=xterm-256color, the default theme) against a sandbox of 100,000
 * cases (AKT_BENCH_CASES overrides), in the officer's largest queue.
 *
 *   - from exec to the queues screen, and from Enter on the largest
 *     queue to its first page drawn, pressed at once and once the
 *     queues screen has settled (start and Enter at once together: the
 *     first screen of the queue after starting akt);
 *   - bytes written to the terminal per key: j within the page, j that
 *     scrolls, page down (^D);
 *   - CPU per key while scrolling;
 *   - resident memory after paging (^D) through the whole queue;
 *   - idle with the queue open: requests a minute (akt --log) and CPU.
 *
 * What akt draws is followed by a small terminal emulator (enough of
 * xterm for what curses sends), so the figures wait for what is on the
 * screen, not for bytes that look like it.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define ROWS 24
#define COLS 80
#define START_ROUNDS 10
#define IN_PAGE_ROUNDS 10        /* of 19 j and 19 k */
#define SCROLL_KEYS 2000
#define PAGE_KEYS 300
#define IDLE_S 65.0
#define QUIET_MS 3               /* no output this long: the key is done */

static int missed, targets;

static void report(const char *what, double value, const char *unit,
		   double target, bool at_most, const char *note)
{
	bool ok = at_most ? value <= target : value < target;

	int width = 0;

	targets++;
	if (!ok)
		missed++;
	/* padded by characters, not bytes: labels hold "→" */
	for (const char *p = what; *p; p++)
		width += (*p & 0xC0) != 0x80;
	printf("%s%*s %10.3f %-3s %s %-6g %-3s %s %s\n", what,
	       width < 44 ? 44 - width : 0, "", value, unit,
	       at_most ? "<=" : "< ", target, unit, ok ? "ok" : "MISSED",
	       note ? note : "");
}

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "bench: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(1);
}

/* ---- a terminal, as far as curses uses it ------------------------------ */

struct vt {
	char cell[ROWS][COLS][5];    /* UTF-8 of each cell, "" = blank */
	int y, x, sy, sx, top, bot;
	bool wrap, acs;
	int state;                   /* 0 text, 1 ESC, 2 CSI, 3 OSC,
				      * 4 charset, 5 ESC in OSC */
	int charset_g;               /* which set ESC ( / ) names */
	char csi[64];
	size_t ncsi;
	char utf[5];
	int utf_have, utf_need;
	char last[5];                /* the last character, for REP */
};

static void vt_clear_cells(struct vt *v, int y, int x0, int x1)
{
	for (int x = x0; x < x1 && x < COLS; x++)
		v->cell[y][x][0] = '\0';
}

static void vt_init(struct vt *v)
{
	memset(v, 0, sizeof *v);
	v->bot = ROWS - 1;
}

static void vt_scroll_up(struct vt *v, int top, int bot, int n)
{
	for (; n > 0; n--) {
		memmove(v->cell[top], v->cell[top + 1],
			sizeof v->cell[0] * (size_t)(bot - top));
		vt_clear_cells(v, bot, 0, COLS);
	}
}

static void vt_scroll_down(struct vt *v, int top, int bot, int n)
{
	for (; n > 0; n--) {
		memmove(v->cell[top + 1], v->cell[top],
			sizeof v->cell[0] * (size_t)(bot - top));
		vt_clear_cells(v, top, 0, COLS);
	}
}

static void vt_linefeed(struct vt *v)
{
	if (v->y == v->bot)
		vt_scroll_up(v, v->top, v->bot, 1);
	else if (v->y < ROWS - 1)
		v->y++;
}

static void vt_put(struct vt *v, const char *ch)
{
	static const char *const acs[][2] = {
		{"q", "─"}, {"x", "│"}, {"l", "┌"}, {"k", "┐"}, {"m", "└"},
		{"j", "┘"}, {"t", "├"}, {"u", "┤"}, {"n", "┼"}, {"a", "▒"},
	};

	if (v->acs)
		for (size_t i = 0; i < sizeof acs / sizeof *acs; i++)
			if (strcmp(ch, acs[i][0]) == 0)
				ch = acs[i][1];
	if (v->wrap) {
		v->x = 0;
		v->wrap = false;
		vt_linefeed(v);
	}
	snprintf(v->cell[v->y][v->x], 5, "%s", ch);
	snprintf(v->last, sizeof v->last, "%s", ch);
	if (v->x == COLS - 1)
		v->wrap = true;
	else
		v->x++;
}

static int clampi(int n, int lo, int hi)
{
	return n < lo ? lo : n > hi ? hi : n;
}

static void vt_csi(struct vt *v, char final)
{
	int p[8] = {0}, np = 0;
	bool private = v->ncsi && (v->csi[0] == '?' || v->csi[0] == '>' ||
				   v->csi[0] == '=');
	const char *s = v->csi + (private ? 1 : 0);

	for (; *s && np < 8; s++) {
		if (*s >= '0' && *s <= '9')
			p[np] = p[np] * 10 + (*s - '0');
		else if (*s == ';')
			np++;
	}
	np++;
	int n = p[0] ? p[0] : 1;

	if (private) {
		/* the alternate screen starts empty */
		if (final == 'h' && p[0] == 1049)
			for (int y = 0; y < ROWS; y++)
				vt_clear_cells(v, y, 0, COLS);
		return;
	}
	if (final != 'b')
		v->wrap = false;
	switch (final) {
	case 'H':
	case 'f':
		v->y = clampi((p[0] ? p[0] : 1) - 1, 0, ROWS - 1);
		v->x = clampi((np > 1 && p[1] ? p[1] : 1) - 1, 0, COLS - 1);
		break;
	case 'A': v->y = clampi(v->y - n, 0, ROWS - 1); break;
	case 'B': v->y = clampi(v->y + n, 0, ROWS - 1); break;
	case 'C': v->x = clampi(v->x + n, 0, COLS - 1); break;
	case 'D': v->x = clampi(v->x - n, 0, COLS - 1); break;
	case 'G': v->x = clampi(n - 1, 0, COLS - 1); break;
	case 'd': v->y = clampi(n - 1, 0, ROWS - 1); break;
	case 'J':
		if (p[0] == 0) {
			vt_clear_cells(v, v->y, v->x, COLS);
			for (int y = v->y + 1; y < ROWS; y++)
				vt_clear_cells(v, y, 0, COLS);
		} else if (p[0] == 1) {
			for (int y = 0; y < v->y; y++)
				vt_clear_cells(v, y, 0, COLS);
			vt_clear_cells(v, v->y, 0, v->x + 1);
		} else {
			for (int y = 0; y < ROWS; y++)
				vt_clear_cells(v, y, 0, COLS);
		}
		break;
	case 'K':
		if (p[0] == 0)
			vt_clear_cells(v, v->y, v->x, COLS);
		else if (p[0] == 1)
			vt_clear_cells(v, v->y, 0, v->x + 1);
		else
			vt_clear_cells(v, v->y, 0, COLS);
		break;
	case 'X':
		vt_clear_cells(v, v->y, v->x, v->x + n);
		break;
	case '@':
		n = clampi(n, 0, COLS - v->x);
		memmove(v->cell[v->y][v->x + n], v->cell[v->y][v->x],
			5 * (size_t)(COLS - v->x - n));
		vt_clear_cells(v, v->y, v->x, v->x + n);
		break;
	case 'P':
		n = clampi(n, 0, COLS - v->x);
		memmove(v->cell[v->y][v->x], v->cell[v->y][v->x + n],
			5 * (size_t)(COLS - v->x - n));
		vt_clear_cells(v, v->y, COLS - n, COLS);
		break;
	case 'L':
		if (v->y >= v->top && v->y <= v->bot)
			vt_scroll_down(v, v->y, v->bot,
				       clampi(n, 0, v->bot - v->y + 1));
		break;
	case 'M':
		if (v->y >= v->top && v->y <= v->bot)
			vt_scroll_up(v, v->y, v->bot,
				     clampi(n, 0, v->bot - v->y + 1));
		break;
	case 'S':
		vt_scroll_up(v, v->top, v->bot, n);
		break;
	case 'T':
		vt_scroll_down(v, v->top, v->bot, n);
		break;
	case 'r':
		v->top = clampi((p[0] ? p[0] : 1) - 1, 0, ROWS - 1);
		v->bot = clampi((np > 1 && p[1] ? p[1] : ROWS) - 1, v->top,
				ROWS - 1);
		v->y = v->x = 0;
		break;
	case 'b':
		for (int i = 0; i < n && v->last[0]; i++) {
			char ch[5];

			memcpy(ch, v->last, 5);
			vt_put(v, ch);
		}
		break;
	default:
		break;                   /* colours, modes, reports */
	}
}

static void vt_esc(struct vt *v, char c)
{
	v->state = 0;
	switch (c) {
	case '[':
		v->state = 2;
		v->ncsi = 0;
		break;
	case ']':
		v->state = 3;
		break;
	case '(':
	case ')':
	case '*':
	case '+':
		v->state = 4;
		v->charset_g = c == '(' ? 0 : 1;
		break;
	case '7':
		v->sy = v->y;
		v->sx = v->x;
		break;
	case '8':
		v->y = v->sy;
		v->x = v->sx;
		v->wrap = false;
		break;
	case 'M':
		v->wrap = false;
		if (v->y == v->top)
			vt_scroll_down(v, v->top, v->bot, 1);
		else if (v->y > 0)
			v->y--;
		break;
	case 'D':
		vt_linefeed(v);
		break;
	case 'E':
		v->x = 0;
		vt_linefeed(v);
		break;
	case 'c':
		vt_init(v);
		break;
	default:
		break;
	}
}

static void vt_feed(struct vt *v, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		switch (v->state) {
		case 1:
			vt_esc(v, (char)c);
			continue;
		case 2:
			if (c >= 0x40 && c <= 0x7e) {
				v->csi[v->ncsi] = '\0';
				vt_csi(v, (char)c);
				v->state = 0;
			} else if (v->ncsi < sizeof v->csi - 1) {
				v->csi[v->ncsi++] = (char)c;
			}
			continue;
		case 3:
			if (c == 7)
				v->state = 0;
			else if (c == 27)
				v->state = 5;
			continue;
		case 5:
			v->state = c == '\\' ? 0 : 3;
			continue;
		case 4:
			if (v->charset_g == 0)
				v->acs = c == '0';
			v->state = 0;
			continue;
		default:
			break;
		}
		if (v->utf_need) {
			if ((c & 0xC0) == 0x80) {
				v->utf[v->utf_have++] = (char)c;
				if (v->utf_have == v->utf_need) {
					v->utf[v->utf_have] = '\0';
					v->utf_need = 0;
					vt_put(v, v->utf);
				}
				continue;
			}
			v->utf_need = 0;        /* broken: drop it */
		}
		if (c >= 0xC0 && c < 0xF8) {
			v->utf[0] = (char)c;
			v->utf_have = 1;
			v->utf_need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			continue;
		}
		switch (c) {
		case 27: v->state = 1; break;
		case '\r': v->x = 0; v->wrap = false; break;
		case '\n': case '\v': case '\f':
			v->wrap = false;
			vt_linefeed(v);
			break;
		case '\b':
			if (v->x > 0)
				v->x--;
			v->wrap = false;
			break;
		case '\t':
			v->x = clampi((v->x / 8 + 1) * 8, 0, COLS - 1);
			break;
		default:
			if (c >= 0x20 && c < 0x7f) {
				char ch[2] = {(char)c, '\0'};

				vt_put(v, ch);
			}
			break;
		}
	}
}

/* Row y as text, trailing blanks left out. */
static const char *vt_row(const struct vt *v, int y, char *out, size_t size)
{
	size_t len = 0, keep = 0;

	for (int x = 0; x < COLS; x++) {
		const char *c = v->cell[y][x][0] ? v->cell[y][x] : " ";
		size_t n = strlen(c);

		if (len + n + 1 > size)
			break;
		memcpy(out + len, c, n);
		len += n;
		if (strcmp(c, " ") != 0)
			keep = len;
	}
	out[keep] = '\0';
	return out;
}

/* The row holding text, or -1. */
static int vt_find(const struct vt *v, const char *text)
{
	char row[COLS * 5];

	for (int y = 0; y < ROWS; y++)
		if (strstr(vt_row(v, y, row, sizeof row), text))
			return y;
	return -1;
}

/* ---- akt on a pseudo-terminal ---------------------------------------------- */

struct term {
	pid_t pid;
	int fd;
	struct vt vt;
	size_t bytes;                /* read from the terminal so far */
	bool ended;
};

static struct term *term_start(struct sb *sb, const char *home,
			       const char *log, double *t0)
{
	const char *build = getenv("AKT_BUILD");
	char rel[512], exe[4096];
	struct winsize ws = { .ws_row = ROWS, .ws_col = COLS };
	struct term *t = calloc(1, sizeof *t);

	snprintf(rel, sizeof rel, "%s/akt", build && *build ? build : "build");
	if (!t || !realpath(rel, exe))
		die("%s: cannot be found", rel);
	const char *env[] = {
		sb_fmt(sb, "HOME=%s", home),
		sb_fmt(sb, "XDG_CONFIG_HOME=%s/config", home),
		sb_fmt(sb, "XDG_STATE_HOME=%s/state", home),
		sb_fmt(sb, "XDG_DATA_HOME=%s/data", home),
		sb_fmt(sb, "XDG_CACHE_HOME=%s/cache", home),
		sb_fmt(sb, "AKT_SERVER=%s", sb_base(sb)),
		"LANG=C.UTF-8", "TZ=UTC", "PATH=/usr/bin:/bin",
		"TERM=xterm-256color", NULL,
	};
	char *argv[] = {exe, log ? "--log" : NULL, (char *)log, NULL};

	vt_init(&t->vt);
	*t0 = now_s();
	t->pid = forkpty(&t->fd, NULL, NULL, &ws);
	if (t->pid < 0)
		die("forkpty: %s", strerror(errno));
	if (t->pid == 0) {
		if (chdir(home) != 0)
			_exit(126);
		execve(exe, argv, (char *const *)env);
		_exit(127);
	}
	fcntl(t->fd, F_SETFD, FD_CLOEXEC);
	fcntl(t->fd, F_SETFL, fcntl(t->fd, F_GETFL) | O_NONBLOCK);
	return t;
}

/* Read what comes within wait_ms; the bytes read (0: none). */
static size_t term_read(struct term *t, int wait_ms)
{
	struct pollfd pfd = {t->fd, POLLIN, 0};
	char buf[65536];
	size_t got = 0;

	if (t->ended)
		return 0;
	if (poll(&pfd, 1, wait_ms) <= 0)
		return 0;
	for (;;) {
		ssize_t n = read(t->fd, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n < 0 && errno == EAGAIN)
				break;
			t->ended = true;   /* EIO: akt is gone */
			break;
		}
		vt_feed(&t->vt, buf, (size_t)n);
		t->bytes += (size_t)n;
		got += (size_t)n;
		if ((size_t)n < sizeof buf)
			break;
	}
	return got;
}

/* Read until text is on the screen; false after timeout_s. */
static bool term_wait(struct term *t, const char *text, double timeout_s)
{
	double end = now_s() + timeout_s;

	while (vt_find(&t->vt, text) < 0) {
		int left = (int)((end - now_s()) * 1000);

		if (left <= 0 || t->ended)
			return false;
		term_read(t, left);
	}
	return true;
}

/* Read until nothing came for quiet_ms (at most max_ms). */
static void term_settle(struct term *t, int quiet_ms, int max_ms)
{
	double end = now_s() + max_ms / 1000.0;

	while (now_s() < end && term_read(t, quiet_ms) > 0)
		;
}

static void term_write(struct term *t, const char *keys)
{
	size_t len = strlen(keys);

	while (len > 0) {
		ssize_t n = write(t->fd, keys, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN) {
			struct pollfd pfd = {t->fd, POLLOUT, 0};

			poll(&pfd, 1, 100);
			continue;
		}
		if (n <= 0)
			die("cannot type into akt's terminal: %s",
			    strerror(errno));
		keys += n;
		len -= (size_t)n;
	}
}

/* One key: type it, read its answer until the terminal is quiet. The
 * bytes akt wrote for it. */
static size_t term_key(struct term *t, const char *key)
{
	size_t before = t->bytes;

	term_write(t, key);
	/* the first bytes, then until quiet */
	if (term_read(t, 500) > 0)
		term_settle(t, QUIET_MS, 1000);
	return t->bytes - before;
}

/* The selected row's text ("" when none). */
static const char *term_selected(struct term *t, char *row, size_t size)
{
	for (int y = 0; y < ROWS; y++)
		if (strncmp(vt_row(&t->vt, y, row, size), "›", 3) == 0)
			return row;
	row[0] = '\0';
	return row;
}

/* Quit with Q; akt's exit status (-1: it had to be killed). */
static int term_quit(struct term *t)
{
	int st = 0;

	term_write(t, "Q");
	for (double end = now_s() + 5; now_s() < end;) {
		term_read(t, 50);
		if (waitpid(t->pid, &st, WNOHANG) == t->pid) {
			close(t->fd);
			free(t);
			return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
		}
	}
	kill(t->pid, SIGKILL);
	waitpid(t->pid, &st, 0);
	close(t->fd);
	free(t);
	return -1;
}

/* ---- the process ------------------------------------------------------------ */

/* CPU time of pid in seconds: from schedstat (nanoseconds) when the
 * kernel has it, else utime+stime (clock ticks). */
static double cpu_s(pid_t pid)
{
	char path[64], buf[1024];
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/schedstat", (long)pid);
	if ((f = fopen(path, "r"))) {
		unsigned long long ns;
		int ok = fscanf(f, "%llu", &ns);

		fclose(f);
		if (ok == 1)
			return ns / 1e9;
	}
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	unsigned long ut = 0, st = 0;
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u "
			 "%*u %lu %lu", &ut, &st) != 2)
		return -1;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

static long rss_kb(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* Requests in akt's log (lines naming an API path). */
static int log_requests(const char *path, bool *feed_last)
{
	char line[4096];
	int n = 0;
	FILE *f = fopen(path, "r");

	if (feed_last)
		*feed_last = false;
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f)) {
		if (!strstr(line, "/v1/"))
			continue;
		n++;
		if (feed_last)
			*feed_last = strstr(line, "/v1/feed") != NULL;
	}
	fclose(f);
	return n;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The screen as the emulator has it, for a failure's message. */
static void term_dump(struct term *t)
{
	char row[COLS * 5];

	fprintf(stderr, "bench: the screen:\n");
	for (int y = 0; y < ROWS; y++)
		fprintf(stderr, "%s\n", vt_row(&t->vt, y, row, sizeof row));
}

/* Move the selection on the queues screen to the row showing name and
 * open it: the time from Enter to the first case drawn, in seconds. */
static double open_queue(struct term *t, const char *name, const char *first)
{
	char row[COLS * 5];

	for (int i = 0; i < 20 && !strstr(term_selected(t, row, sizeof row),
					  name); i++)
		term_key(t, "j");
	if (!strstr(term_selected(t, row, sizeof row), name)) {
		term_dump(t);
		die("the queue %s cannot be selected", name);
	}
	term_settle(t, 20, 500);
	double t1 = now_s();
	term_write(t, "\r");
	if (!term_wait(t, first, 10)) {
		term_dump(t);
		die("the first case %s of the queue was not drawn", first);
	}
	return now_s() - t1;
}

int main(void)
{
	const char *env_cases = getenv("AKT_BENCH_CASES");
	long ncases = env_cases && *env_cases ? atol(env_cases) : 100000;
	char args[64], note[160], row[COLS * 5];

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	snprintf(args, sizeof args, "--cases %ld", ncases);
	struct sb *sb = sb_start_wait(args, ncases / 1500.0 > 60 ?
				      ncases / 1500.0 : 60);
	if (!sb)
		die("%s", "the sandbox did not start");
	const char *home = cli_home_login(sb, "anna");
	const char *token = login(sb, "anna");

	/* anna's largest queue, its first and last case */
	struct http_resp *q = api_get(sb, "/v1/queues", token);
	json_t *best = NULL;
	for (size_t i = 0; i < jlen(q->json, "items"); i++) {
		json_t *it = json_array_get(jget(q->json, "items"), i);

		if (!best || jint(it, "counts.total") > jint(best, "counts.total"))
			best = it;
	}
	if (!best)
		die("%s", "anna has no queues");
	const char *queue = sb_fmt(sb, "%s", jstr(best, "name"));
	long long total = (long long)jint(best, "counts.total");
	long long qid = (long long)jint(best, "id");
	/* at 80 columns a long name ends in "…": its first word is enough */
	const char *qword = sb_fmt(sb, "%.*s", (int)strcspn(queue, " "), queue);
	struct http_resp *c = api_get(sb, sb_fmt(sb, "/v1/queues/%lld/cases"
						 "?limit=1", qid), token);
	const char *first = jstr(c->json, "items[0].number");
	if (!first)
		die("%s", "the queue has no case");
	first = sb_fmt(sb, "%s", first);
	c = api_get(sb, sb_fmt(sb, "/v1/queues/%lld/cases?limit=1&sort=updated",
			       qid), token);
	const char *last = sb_fmt(sb, "%s", jstr(c->json, "items[0].number"));
	printf("akt on %d×%d, TERM=xterm-256color; queue %s, %lld of %ld "
	       "cases\n", COLS, ROWS, queue, total, ncases);

	/*
	 * ---- the first screens ----
	 * Enter at once, as an officer who knows where to go; and Enter once
	 * the queues screen has settled (its counts all in), which shows
	 * akt's own part without the platform still busy with the counts.
	 */
	double t_queues[START_ROUNDS], t_open[START_ROUNDS],
	       t_both[START_ROUNDS], t_calm[START_ROUNDS];
	for (int i = 0; i < 2 * START_ROUNDS; i++) {
		double t0;
		struct term *t = term_start(sb, home, NULL, &t0);
		int k = i / 2;

		if (!term_wait(t, qword, 10))
			die("%s", "the queues screen was not drawn");
		if (i % 2 == 0) {
			t_queues[k] = now_s() - t0;
			t_open[k] = open_queue(t, qword, first);
			t_both[k] = t_queues[k] + t_open[k];
		} else {
			term_settle(t, 500, 10000);
			t_calm[k] = open_queue(t, qword, first);
		}
		if (term_quit(t) != 0)
			die("%s", "akt did not quit with status 0");
	}
	qsort(t_queues, START_ROUNDS, sizeof *t_queues, cmp_double);
	qsort(t_open, START_ROUNDS, sizeof *t_open, cmp_double);
	qsort(t_both, START_ROUNDS, sizeof *t_both, cmp_double);
	qsort(t_calm, START_ROUNDS, sizeof *t_calm, cmp_double);
	snprintf(note, sizeof note, "(median of %d; slowest %.1f ms)",
		 START_ROUNDS, t_queues[START_ROUNDS - 1] * 1000);
	report("start → queues screen drawn", t_queues[START_ROUNDS / 2] * 1000,
	       "ms", 150, false, note);
	snprintf(note, sizeof note, "(median of %d; slowest %.1f ms)",
		 START_ROUNDS, t_open[START_ROUNDS - 1] * 1000);
	report("Enter at once → the queue's first page",
	       t_open[START_ROUNDS / 2] * 1000, "ms", 150, false, note);
	snprintf(note, sizeof note, "(median of %d; slowest %.1f ms)",
		 START_ROUNDS, t_calm[START_ROUNDS - 1] * 1000);
	report("Enter, queues settled → the first page",
	       t_calm[START_ROUNDS / 2] * 1000, "ms", 150, false, note);
	snprintf(note, sizeof note, "(start + Enter at once, median of %d)",
		 START_ROUNDS);
	report("first screen of the queue", t_both[START_ROUNDS / 2] * 1000,
	       "ms", 150, false, note);

	/* ---- one session for the rest ---- */
	const char *log = sb_fmt(sb, "%s/akt.log", home);
	double t0;
	struct term *t = term_start(sb, home, log, &t0);
	if (!term_wait(t, qword, 10))
		die("%s", "the queues screen was not drawn");
	open_queue(t, qword, first);
	term_settle(t, 300, 5000);

	/* j and k within the page: the selection moves, nothing scrolls */
	size_t bytes = 0, keys = 0;
	for (int r = 0; r < IN_PAGE_ROUNDS; r++) {
		for (int i = 0; i < 19; i++, keys++)
			bytes += term_key(t, "j");
		for (int i = 0; i < 19; i++, keys++)
			bytes += term_key(t, "k");
	}
	report("bytes per j/k within the page", (double)bytes / keys, "B",
	       300, true, NULL);

	/* j at the bottom row: every key scrolls the list by one (a small
	 * queue has fewer keys before its end) */
	long scroll_keys = total / 3 < SCROLL_KEYS ? total / 3 : SCROLL_KEYS;
	long page_keys = (total - 20 - scroll_keys) / 19 / 2;
	if (page_keys > PAGE_KEYS)
		page_keys = PAGE_KEYS;
	if (scroll_keys < 1 || page_keys < 1)
		die("the queue of %lld cases is too small to scroll", total);
	for (int i = 0; i < 19; i++)
		term_key(t, "j");
	term_settle(t, 100, 2000);
	double cpu0 = cpu_s(t->pid);
	bytes = 0;
	for (long i = 0; i < scroll_keys; i++)
		bytes += term_key(t, "j");
	term_settle(t, 100, 5000);
	double cpu1 = cpu_s(t->pid);
	snprintf(note, sizeof note, "(%ld keys)", scroll_keys);
	report("bytes per j that scrolls", (double)bytes / scroll_keys, "B",
	       300, true, note);
	report("CPU per j while scrolling",
	       (cpu1 - cpu0) * 1000 / scroll_keys, "ms", 0.2, false, note);

	/* page down, and on to the end of the queue */
	cpu0 = cpu_s(t->pid);
	bytes = 0;
	for (long i = 0; i < page_keys; i++)
		bytes += term_key(t, "\x04");
	cpu1 = cpu_s(t->pid);
	snprintf(note, sizeof note, "(%ld keys)", page_keys);
	report("bytes per page down (^D)", (double)bytes / page_keys, "B",
	       2500, true, note);
	report("CPU per page down while scrolling",
	       (cpu1 - cpu0) * 1000 / page_keys, "ms", 0.2, false, note);

	/* until the last case is selected, or keys no longer move anything */
	long pages = page_keys;
	int still = 0;
	double t_end = now_s() + 600;
	while (!strstr(term_selected(t, row, sizeof row), last) &&
	       still < 5 && now_s() < t_end && !t->ended) {
		still = term_key(t, "\x04") < 40 ? still + 1 : 0;
		pages++;
	}
	term_settle(t, 200, 5000);
	if (!strstr(term_selected(t, row, sizeof row), last)) {
		fprintf(stderr, "bench: after %ld pages down the last case %s "
			"is not selected; the selected row:\n%s\n", pages, last,
			row);
		missed++;
	}
	snprintf(note, sizeof note, "(after %ld pages down through %lld "
		 "cases)", pages, total);
	report("resident memory (VmRSS) at the end", rss_kb(t->pid) / 1024.0,
	       "MB", 30, false, note);

	/* ---- idle: from the end of a long poll, for IDLE_S ---- */
	bool feed_last = false;
	int n0 = log_requests(log, &feed_last);
	double wait_end = now_s() + 40;
	while (now_s() < wait_end) {
		term_read(t, 100);
		int n = log_requests(log, &feed_last);

		if (n > n0 && feed_last)
			break;
		n0 = n;
	}
	n0 = log_requests(log, NULL);
	cpu0 = cpu_s(t->pid);
	double idle0 = now_s();
	size_t bytes0 = t->bytes;
	while (now_s() - idle0 < IDLE_S)
		term_read(t, 200);
	int n1 = log_requests(log, NULL);
	cpu1 = cpu_s(t->pid);
	double idle = now_s() - idle0;
	snprintf(note, sizeof note, "(%d in %.0f s; %zu bytes drawn)", n1 - n0,
		 idle, t->bytes - bytes0);
	report("idle: requests to the platform a minute",
	       (n1 - n0) * 60.0 / idle, "", 2, true, note);
	report("idle: CPU a minute", (cpu1 - cpu0) * 1000 * 60.0 / idle, "ms",
	       50, false, "(no busy loop)");

	int status = term_quit(t);
	if (status != 0) {
		fprintf(stderr, "bench: akt ended with status %d\n", status);
		missed++;
	}
	sb_stop(sb);
	printf("%d of %d figures within their targets\n", targets - missed,
	       targets);
	return missed ? 1 : 0;
}

/*
 * ui_term.c — the terminal: curses on it (or on nothing, for scripts),
 * signals turned into loop events, and the terminal given back as it was
 * on every way out — a fatal signal included.
 */
#include "ui_core.h"
#include "akt/compose.h"
#include "akt/xalloc.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static SCREEN *screen;
static FILE *term_out, *term_in;
static bool headless;

/* For the fatal-signal path, which may only use write(2) and
 * tcsetattr(3): the terminal's settings and the bytes that undo curses,
 * both taken at the start. */
static int tty_fd = -1;
static struct termios tty_saved;
static bool tty_saved_ok;
static char restore_seq[128];
static size_t restore_len;

static int sig_pipe[2] = { -1, -1 };
static struct akt_watch *sig_watch;
static volatile sig_atomic_t got_quit, got_winch, got_tstp;

static void add_cap(const char *name)
{
	char *s = tigetstr((char *)name);
	size_t n;

	if (!s || s == (char *)-1)
		return;
	n = strlen(s);
	if (restore_len + n < sizeof(restore_seq)) {
		memcpy(restore_seq + restore_len, s, n);
		restore_len += n;
	}
}

static void on_fatal(int sig)
{
	/* the text being written first: it matters more than the screen */
	view_compose_crash_save();
	if (tty_fd >= 0) {
		if (restore_len)
			(void)!write(tty_fd, restore_seq, restore_len);
		if (tty_saved_ok)
			tcsetattr(tty_fd, TCSAFLUSH, &tty_saved);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void on_signal(int sig)
{
	int saved = errno;
	char c = (char)sig;

	if (sig == SIGWINCH)
		got_winch = 1;
	else if (sig == SIGTSTP)
		got_tstp = 1;
	else
		got_quit = 1;
	if (sig_pipe[1] >= 0)
		(void)!write(sig_pipe[1], &c, 1);
	errno = saved;
}

/* Stop like ^Z would in a shell (whatever handler is on SIGTSTP); back
 * here after 'fg'. */
static void stop_here(void)
{
	struct sigaction dfl, old;

	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &dfl, &old);
	kill(getpid(), SIGTSTP);
	sigaction(SIGTSTP, &old, NULL);
}

static void sig_ready(struct akt_watch *w, int fd, unsigned ev, void *arg)
{
	struct ui *ui = arg;
	char buf[64];

	(void)w;
	(void)ev;
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	ui_term_watch(ui);
}

void ui_term_watch(struct ui *ui)
{
	if (got_quit) {
		got_quit = 0;
		ui->quit = true;
		ui->hangup = true;
	}
	/* a stop from outside (kill -TSTP) takes the way ^Z takes, so
	 * the return is checked against the idle lock like any other */
	if (got_tstp) {
		got_tstp = 0;
		if (isendwin())
			stop_here();     /* the editor has the terminal */
		else
			ui_term_suspend(ui);
	}
	if (got_winch && !headless) {
		struct winsize ws;

		got_winch = 0;
		if (ioctl(tty_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
		    ws.ws_col > 0)
			ui_term_resize(ui, ws.ws_row, ws.ws_col);
	}
}

void ui_term_resize(struct ui *ui, int rows, int cols)
{
	resizeterm(rows, cols);
	clearok(curscr, TRUE);
	ui_redraw_all(ui);
}

static void catch(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = fn == on_fatal ? SA_RESETHAND : SA_RESTART;
	sigaction(sig, &sa, NULL);
}

bool ui_term_start(struct ui *ui, bool script, char **err)
{
	const char *term = getenv("TERM");

	headless = script;
	if (headless) {
		/* No terminal: curses draws into its screen and the output
		 * goes nowhere; save-display reads the screen back. */
		term_out = fopen("/dev/null", "w");
		term_in = fopen("/dev/null", "r");
		if (!term_out || !term_in) {
			*err = xasprintf("cannot open /dev/null: %s",
					 strerror(errno));
			return false;
		}
		screen = newterm(term && *term ? term : "xterm", term_out,
				 term_in);
	} else {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			*err = xstrdup("the full-screen client needs a "
				       "terminal; for scripts use the "
				       "commands (see 'akt --help')");
			return false;
		}
		tty_fd = STDIN_FILENO;
		tty_saved_ok = tcgetattr(tty_fd, &tty_saved) == 0;
		screen = newterm(NULL, stdout, stdin);
	}
	if (!screen) {
		*err = xasprintf("cannot use the terminal type '%s'; set TERM "
				 "to one the system knows, e.g. xterm",
				 term ? term : "");
		return false;
	}
	set_term(screen);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	/* Keys are read in a batch by the loop; curses need not poll the
	 * terminal for more during each refresh (a system call or two per
	 * key saved, which is most of a key's cost). */
	typeahead(-1);
	leaveok(stdscr, FALSE);

	if (!headless) {
		add_cap("sgr0");
		add_cap("cnorm");
		add_cap("rmcup");
		add_cap("rmkx");
	}
	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) == 0)
		sig_watch = akt_watch_new(ui->loop, sig_pipe[0], AKT_EV_READ,
					  sig_ready, ui);
	catch(SIGTERM, on_signal);
	catch(SIGHUP, on_signal);
	catch(SIGINT, on_signal);
	catch(SIGWINCH, on_signal);
	if (!headless)
		catch(SIGTSTP, on_signal);
	catch(SIGSEGV, on_fatal);
	catch(SIGBUS, on_fatal);
	catch(SIGFPE, on_fatal);
	catch(SIGILL, on_fatal);
	catch(SIGABRT, on_fatal);
	return true;
}

void ui_term_stop(struct ui *ui)
{
	(void)ui;
	if (!screen)
		return;
	endwin();
	delscreen(screen);
	screen = NULL;
	akt_watch_free(&sig_watch);
	if (!headless)
		signal(SIGTSTP, SIG_DFL);
	for (int i = 0; i < 2; i++)
		if (sig_pipe[i] >= 0) {
			close(sig_pipe[i]);
			sig_pipe[i] = -1;
		}
	if (term_out)
		fclose(term_out);
	if (term_in)
		fclose(term_in);
	term_out = term_in = NULL;
	tty_fd = -1;
}

void ui_term_suspend(struct ui *ui)
{
	if (headless)
		return;
	def_prog_mode();
	endwin();
	stop_here();
	reset_prog_mode();
	/* idle past lock_after while stopped (counted from the last key,
	 * ^Z itself): locked before the screen is drawn again */
	ui_lock_touch(ui);
	clearok(curscr, TRUE);
	ui_redraw_all(ui);
}

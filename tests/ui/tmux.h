/*
 * tmux.h — end-to-end tests of the full-screen client: the real akt
 * runs in a real terminal, a pane of a private tmux server, and the test
 * types into it and reads what the terminal shows.
 *
 * Each tmux_start makes a tmux server of its own (its socket in the
 * test's home), a session of the size asked for, and in it
 *   cd HOME; akt ARGS; echo "akt-exit=$?" > FILE
 * with a clean environment like cli.h's (HOME, XDG_*_HOME, AKT_SERVER,
 * LANG=C.UTF-8, TZ=UTC, PATH, AKT_LOCALEDIR of the build, AKT_NOW at the
 * screen tests' epoch) and TERM=tmux-256color (screen-256color where the
 * system has no tmux entry), plus extra variables that win over these.
 *
 * The pane stays after akt ends, so its last screen can still be read.
 * tmux_stop (or tmux_stop_all, for a cmocka teardown, which runs when a
 * test failed too) ends the server and makes sure akt is gone; a watchdog
 * process ends the server if the test program dies without doing so.
 *
 * Screens are the pane's text, one line per row ('\n' after each),
 * trailing blanks trimmed. Strings returned are owned by the sandbox
 * handle (freed by sb_stop).
 */
#ifndef AKT_TEST_TMUX_H
#define AKT_TEST_TMUX_H

#include "cli.h"

#include <sys/types.h>

struct tmux;

/*
 * Start akt (argv NULL-terminated without "akt"; NULL = no arguments,
 * the full-screen client) in a cols × rows pane. extra_env:
 * "NAME=value" strings, NULL-terminated, may be NULL; "NAME=" removes a
 * variable. Fails the test if tmux does not start.
 */
struct tmux *tmux_start(struct sb *sb, const char *home, int cols, int rows,
			const char *const extra_env[],
			const char *const argv[]);

/* The sandbox handle t was started with (for strings it owns). */
struct sb *tmux_sb(const struct tmux *t);

/* Keys by tmux's names, separated by spaces: "j", "C-d", "Enter",
 * "Escape", "Space", "Tab", "BSpace", "NPage", "Up", "G". */
void tmux_keys(struct tmux *t, const char *keys);
/* Text typed as it is (send-keys -l): "Bygglov", "åäö". */
void tmux_text(struct tmux *t, const char *text);

/* The pane now: text; with escapes (capture-pane -e: colours and
 * attributes as SGR sequences). */
const char *tmux_screen(struct tmux *t);
const char *tmux_screen_esc(struct tmux *t);

/*
 * Wait (polling every 50 ms) until the pane's text matches the extended
 * regular expression (^ and $ match at each row); the screen then, or
 * NULL after timeout_s. tmux_wait_not waits until it no longer matches.
 */
const char *tmux_wait(struct tmux *t, const char *ere, double timeout_s);
const char *tmux_wait_not(struct tmux *t, const char *ere, double timeout_s);
/* The same, failing the test (printing the screen) on a timeout. */
const char *tmux_expect_at(struct tmux *t, const char *ere, double timeout_s,
			   const char *file, int line);
#define tmux_expect(t, ere, timeout_s) \
	tmux_expect_at((t), (ere), (timeout_s), __FILE__, __LINE__)

/* Row n (0 = top) of a screen, without its '\n'; "" past the end. */
const char *tmux_row(struct tmux *t, const char *screen, int n);
/* Rows in a screen. */
int tmux_nrows(const char *screen);
/* The first row matching ere, or -1. */
int tmux_find_row(const char *screen, const char *ere);
/* Whether a screen matches ere (^ and $ at each row). */
bool tmux_match(const char *screen, const char *ere);

/* Make the window cols × rows (akt gets SIGWINCH). */
void tmux_resize(struct tmux *t, int cols, int rows);

/* The pane's title (what akt set with the terminal's title sequence). */
const char *tmux_title(struct tmux *t);
/* Any tmux command (e.g. "show-buffer"); its standard output, or NULL
 * when it failed. args: NULL-terminated. */
const char *tmux_cmd(struct tmux *t, const char *const args[]);

/* akt's process id (the child of the pane's shell), 0 when it is no
 * longer running. */
pid_t tmux_akt_pid(struct tmux *t);

/*
 * Wait until akt has ended by itself (after Q or :quit) and return its
 * exit status, or -1 after timeout_s.
 */
int tmux_wait_exit(struct tmux *t, double timeout_s);

/*
 * End the tmux server (akt, if still running, gets SIGHUP from the
 * terminal going away), wait until akt is gone (killed after 5 s, which
 * fails the test) and free t. Returns akt's exit status, or -1 when it
 * wrote none (it was ended by the hangup and its shell with it).
 */
int tmux_stop(struct tmux *t);
/* tmux_stop for every server still running (a teardown); never fails. */
void tmux_stop_all(void);

#endif

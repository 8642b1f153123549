/*
 * screen.h — screen tests of the full-screen client, in the manner of
 * tig's: akt runs with no terminal, driven by a script of keys
 * (AKT_SCRIPT), and writes what its screen shows with :save-display;
 * the test compares that text with an expected screen in
 * tests/ui/expected/NAME.screen.
 *
 * Hermetic: a private home, TZ=UTC, LANG=C.UTF-8 (or as given), a fixed
 * size (80×24 unless the script resizes), a fixed clock for ages and
 * deadlines (AKT_NOW), the sandbox on a free port started at a fixed
 * epoch, and a time limit per run.
 *
 * AKT_TEST_WRAP in the environment runs akt under that command (make
 * valgrind), AKT_TEST_TIME_SCALE multiplies the time limits.
 */
#ifndef AKT_TEST_SCREEN_H
#define AKT_TEST_SCREEN_H

#include "cli.h"

#include <string.h>

/* The sandbox's clock at start and akt's AKT_NOW: seeded data, dates
 * and ages are the same on every run. */
#define SCREEN_EPOCH "2026-11-20T09:00:00Z"

/* Start a sandbox for a group: --epoch SCREEN_EPOCH plus extra_args. */
int screen_group_start(void **state, const char *extra_args);

struct screen_run {
	struct cli_run *run;   /* exit status, stderr */
	char *shots[16];       /* text of each :save-display, in order */
	size_t nshots;
};

/*
 * Run akt in home with the script (lines of keys; every
 * "%SHOT" line is replaced by a :save-display to the next shot file),
 * extra environment (may be NULL). Owned by sb.
 */
struct screen_run *screen_run(struct sb *sb, const char *home,
			      const char *script,
			      const char *const extra_env[]);

/*
 * Compare a shot with tests/ui/expected/NAME.screen; on a difference
 * print both and fail. With AKT_UPDATE_SCREENS=1 in the environment,
 * write the file instead (to make or update an expected screen; review
 * it before committing).
 */
void screen_expect(const char *name, const char *shot);

/* Whether text appears in the shot (for parts that vary). */
#define screen_has(shot, text) (strstr((shot), (text)) != NULL)

#endif

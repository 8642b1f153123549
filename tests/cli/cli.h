/*
 * cli.h — running the real akt binary in tests: a private home with its
 * own XDG directories, AKT_SERVER pointing at a test sandbox, standard
 * input given, standard output and error and the exit status collected.
 */
#ifndef AKT_TEST_CLI_H
#define AKT_TEST_CLI_H

#include "harness.h"

struct cli_run {
	int status;          /* exit status; 128+N when killed by signal N */
	char *out;           /* standard output, NUL-terminated */
	size_t out_len;
	char *err;           /* standard error, NUL-terminated */
	json_t *json;        /* out parsed as JSON, or NULL */
};

/* A fresh home directory (0700) below $TMPDIR, removed by sb_stop(). */
const char *cli_home(struct sb *sb);

/*
 * Run $AKT_BUILD/akt with argv (NULL-terminated, without "akt") in home,
 * with stdin_text on standard input (NULL: /dev/null) and extra_env
 * ("NAME=value", NULL-terminated, may be NULL) added to a clean
 * environment: HOME, XDG_*_HOME, AKT_SERVER, LANG=C.UTF-8, TZ=UTC, PATH.
 * Kills it after timeout_s seconds (status 128+9). Owned by sb.
 */
struct cli_run *cli_run_env(struct sb *sb, const char *home,
			    const char *stdin_text,
			    const char *const extra_env[],
			    const char *const argv[], double timeout_s);
/* The same with no extra environment and a 20 s limit. */
struct cli_run *cli_run(struct sb *sb, const char *home,
			const char *stdin_text, const char *const argv[]);

/* A home where `akt login --user USER --password-stdin` succeeded. */
const char *cli_home_login(struct sb *sb, const char *user);

#endif

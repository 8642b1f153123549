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

/* Append what fd has now to *buf (malloc'd, NUL-terminated, *len bytes);
 * false at end of file or on an error, true when it may have more. */
bool cli_drain(int fd, char **buf, size_t *len);
/* The whole file at path (malloc'd, NUL-terminated), NULL when it cannot
 * be opened. */
char *cli_slurp(const char *path);

/* A fresh home directory (0700) below $TMPDIR, removed by sb_stop(). */
const char *cli_home(struct sb *sb);

/* Run akt in this thread's later runs under a command (words parted by
 * spaces, e.g. valgrind and its options); NULL or "": directly. */
void cli_wrap(const char *words);

/*
 * Run $AKT_BUILD/akt with argv (NULL-terminated, without "akt") in home,
 * with stdin_text on standard input (NULL: /dev/null) and extra_env
 * ("NAME=value", NULL-terminated, may be NULL) added to a clean
 * environment: HOME, XDG_*_HOME, AKT_SERVER, LANG=C.UTF-8, TZ=UTC, PATH
 * (an extra variable of one of these names replaces it).
 * Kills it after timeout_s seconds (status 128+9). Owned by sb.
 */
struct cli_run *cli_run_env(struct sb *sb, const char *home,
			    const char *stdin_text,
			    const char *const extra_env[],
			    const char *const argv[], double timeout_s);
/* The same with no extra environment and a 20 s limit. */
struct cli_run *cli_run(struct sb *sb, const char *home,
			const char *stdin_text, const char *const argv[]);

/* cli_run in a thread of its own, for a run that must overlap a change
 * the test makes meanwhile; cli_bg_join waits and gives its result. */
struct cli_bg;
struct cli_bg *cli_run_bg(struct sb *sb, const char *home,
			  const char *stdin_text, const char *const argv[]);
struct cli_run *cli_bg_join(struct cli_bg *b);

/* A home where `akt login --user USER --password-stdin` succeeded. */
const char *cli_home_login(struct sb *sb, const char *user);

/*
 * A run the test talks to while it goes on (the device login prints a
 * code and waits): started like cli_run_env with standard input closed,
 * read with cli_wait_out, ended with cli_finish.
 */
struct cli_proc;
struct cli_proc *cli_start(struct sb *sb, const char *home,
			   const char *const extra_env[],
			   const char *const argv[]);
/* Read until standard output matches the ERE; the output so far (owned
 * by sb), or NULL when akt ended or timeout_s passed first. */
const char *cli_wait_out(struct cli_proc *p, const char *ere,
			 double timeout_s);
/* Wait for the end (killed after timeout_s) and collect it like cli_run;
 * p is freed. */
struct cli_run *cli_finish(struct cli_proc *p, double timeout_s);

#endif

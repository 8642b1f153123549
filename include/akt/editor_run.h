/*
 * editor_run.h — the officer's own editor on a draft's text file.
 *
 * The config's `editor` is "internal" (akt's own editor, the default),
 * "external" ($VISUAL, else $EDITOR) or a command. The command is run by
 * /bin/sh with the file name as a separate argument, so no file name is
 * ever parsed by the shell, and with an environment that carries nothing
 * of akt's login.
 */
#ifndef AKT_EDITOR_RUN_H
#define AKT_EDITOR_RUN_H

#include "akt/config.h"

#include <sys/types.h>

/* The command to run, malloc'd; NULL when the built-in editor is to be
 * used. fallback: when nothing is set (the command line has no built-in
 * editor), $VISUAL, $EDITOR, then "vi". */
char *akt_editor_command(const struct akt_config *cfg, bool fallback);

/* Start cmd on file with the terminal as it is (the caller has given it
 * up); the child's pid, or -1 with *err. */
pid_t akt_editor_spawn(const char *cmd, const char *file, char **err);

/* Wait for it: true when it exited with status 0; else *err says how it
 * ended. */
bool akt_editor_wait(pid_t pid, char **err);

/* The same judgement of a status waitpid(2) gave (for a caller that
 * polls with WNOHANG instead of blocking). */
bool akt_editor_status(int status, char **err);

#endif

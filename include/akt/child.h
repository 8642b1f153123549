/*
 * child.h — starting another program (the officer's editor, the
 * open_command viewer) so that it gets nothing of akt's it should not:
 * no login in its environment, no open file or socket, no signal
 * handling of akt's.
 */
#ifndef AKT_CHILD_H
#define AKT_CHILD_H

#include "akt/base.h"

/* The environment less akt's own variables (AKT_*) and anything whose
 * name looks like a credential (TOKEN, SECRET, PASSWORD …). The array is
 * malloc'd, the strings are environ's; free the array only. */
char **akt_child_env(void);

/* How far akt_child_reset closes descriptors; ask before fork(). */
long akt_child_maxfd(void);

/* In the child, after fork(): default signal handling, nothing
 * blocked, every descriptor from 3 below maxfd closed. Only
 * async-signal-safe calls. */
void akt_child_reset(long maxfd);

#endif

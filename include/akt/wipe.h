/*
 * wipe.h — keeping secrets out of what a process leaves behind.
 *
 * akt holds tokens and citizens' data in memory. A core dump or a
 * debugger attached by another user must not see them, and memory that
 * held them is overwritten once it is freed: on the idle lock (which
 * drops everything loaded from the platform) and at exit.
 *
 * Freed memory: glibc's malloc overwrites every chunk it frees with a
 * fixed byte when M_PERTURB is set — except the few chunks of each small
 * size it keeps in its per-thread cache (tcache) for quick reuse, which
 * keep their contents. akt_wipe_freed takes those out, zeroes and returns
 * them, and gives free pages back to the kernel. The stack below the
 * caller, where returned functions left their locals, is zeroed too.
 * Under valgrind or a
 * sanitizer, which bring their own malloc, these calls do nothing
 * harmful and wipe less.
 */
#ifndef AKT_WIPE_H
#define AKT_WIPE_H

#include "akt/base.h"

/* At the very start of main, before anything reads a token: no core
 * dumps, not dumpable (no ptrace or /proc/PID/mem by the same user),
 * freed memory overwritten. Failures are ignored: akt still runs. */
void akt_wipe_harden(void);

/* Overwrite what freed memory and returned stack frames still hold
 * (see above). */
void akt_wipe_freed(void);

#endif

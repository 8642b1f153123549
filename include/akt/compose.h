/*
 * compose.h — what the core needs of the compose screen beyond
 * views.h: saving the text of every open editor from a fatal signal.
 */
#ifndef AKT_COMPOSE_H
#define AKT_COMPOSE_H

/*
 * Write the text of every compose screen open to its drafts/ID.txt
 * (through ID.txt.crash and a rename), so the store finds it, newer
 * than the record, at the next start. Only async-signal-safe calls: for
 * the fatal-signal handler (SIGSEGV, SIGBUS, SIGABRT …), before it
 * gives the terminal back.
 */
void view_compose_crash_save(void);

#endif

/*
 * ui_cmd.h — the ':' commands of the full-screen client. The table drives
 * running them, Tab completion, the help screen and the COMMANDS part of
 * akt(1) (a test holds the manual to it).
 */
#ifndef AKT_UI_CMD_H
#define AKT_UI_CMD_H

#include "akt/ui.h"

/* What the argument of a command completes to. */
enum ui_complete {
	UI_C_NONE,
	UI_C_STATUS,        /* status names in the UI language, and ids */
	UI_C_QUEUE,
	UI_C_USER,          /* me, and colleagues' usernames */
	UI_C_THEME,
	UI_C_SORT,          /* sort columns, - for descending */
	UI_C_TAB,
	UI_C_FILTER,        /* status= assignee= e_service= category= */
	UI_C_BIND,          /* SCREEN KEY ACTION */
	UI_C_ONOFF,
	UI_C_TEMPLATE,      /* the officer's templates */
};

struct ui_cmd_info {
	const char *name;
	const char *args;        /* "NAME", "[USER]", "" */
	const char *help;        /* N_() */
	/* Run by the core; NULL: handed to the view on top (ops->command). */
	void (*run)(struct ui *ui, const char *args);
	enum ui_complete complete;
};

extern const struct ui_cmd_info ui_cmds[];
extern const size_t ui_ncmds;

/* Candidates for word index of a ':' line (for ui_line completion). */
void ui_command_complete(struct ui_line *l, const char *line, size_t index,
			 const char *word, void *arg);

#endif

/*
 * ui_act_run.h — what the files of ui_act share: one action on one or
 * more cases, from the asking (ui_act.c status, ui_act_assign.c,
 * ui_act_hold.c) to the sending and the report (ui_act_run.c).
 */
#ifndef AKT_UI_ACT_RUN_H
#define AKT_UI_ACT_RUN_H

#include "akt/act_report.h"
#include "akt/idem.h"
#include "akt/ui_act.h"

/* Cases read or written at the same time. */
#define ACT_PARALLEL 4

struct act_run;

/* One case of the action. */
struct act_item {
	struct act_run *run;
	int64_t id;
	char *number;
	char *seen_at;                    /* updated_at the officer saw */
	char *seen_etag;                  /* the version shown (one case's
					     status: what its comment is
					     written against), or NULL */
	/* read while asking (status: its moves; unassign: its assignees) */
	struct akt_transitions tr;
	bool have_tr;
	struct akt_case seen;
	bool have_seen;
	/* read just before the write */
	struct akt_case c;
	bool have_case;
	char *etag;
	char key[AKT_IDEM_LEN + 1];
	struct act_outcome out;
	char *done_name;                  /* the new status, for messages */
};

/* What to do next with one item read while asking. */
typedef void act_item_fn(struct act_item *it, const struct akt_reply *r);

struct act_run {
	struct ui *ui;
	struct ui_view *v;                /* while serial finds it */
	unsigned serial;
	enum act_kind kind;
	struct act_item *items;
	size_t n;
	/* what the officer chose */
	char *to;                         /* status: an id, or as typed */
	char *to_name;                    /* status: its name for messages */
	char *comment;                    /* or NULL */
	bool notify;
	char *who;                        /* (un)assign: a username */
	char *who_name;                   /* for messages */
	bool active;                      /* legal hold set (else lifted) */
	char *reason;
	ui_act_done_fn *done;
	void *done_arg;
	/* progress of reading (asking) or writing (running): start runs
	 * for each item, a few at a time; all when every one is done */
	size_t next, busy, finished, changed;
	void (*start)(struct act_item *it);
	void (*all)(struct act_run *run);
	bool pumping;
	bool orphan;                      /* the view closed: no more is
					     started, and the run is freed
					     when nothing is under way */
	/* reading: the path of each item, and what to do with its answer */
	const char *(*path_fn)(struct act_item *it, char *buf, size_t size);
	act_item_fn *item_fn;
};

struct act_run *act_run_new(struct ui_view *v, enum act_kind kind,
			    const struct ui_act_case *cases, size_t n,
			    ui_act_done_fn *done, void *arg);
void act_run_free(struct act_run *run);

/* The run can go on: its view is still open; else it is freed. */
bool act_run_alive(struct act_run *run);
/* For ui_req_on_drop: a request of the run that will not be answered. */
void act_run_dropped(void *run);

/* A menu of n labels, freed here; fn gets the choice and ctx. */
void act_menu(struct ui *ui, const char *title, char **labels, size_t n,
	      ui_menu_fn *fn, void *ctx);

/*
 * GET a path of every case, a few at a time: path_fn names it, fn takes
 * each answer, then runs when all came.
 */
void act_read_all(struct act_run *run,
		  const char *(*path_fn)(struct act_item *, char *, size_t),
		  act_item_fn *fn, void (*then)(struct act_run *run));

/* Read, check and write every case, then tell the officer and call
 * done. Takes the run; failures of the reading while asking are
 * forgotten (those cases are read again). */
void act_run_start(struct act_run *run);

#endif

/*
 * view_retention.h — the retention screen's own parts, shared by its
 * files: view_retention.c (the view: tabs, keys, commands, feed events),
 * view_retention_load.c (reading the three lists, page by page),
 * view_retention_draw.c (drawing) and view_retention_edit.c (changing
 * the days of a policy), with view_retention_text.c for what needs no
 * terminal (names of tabs, the question before a change, columns).
 */
#ifndef AKT_VIEW_RETENTION_H
#define AKT_VIEW_RETENTION_H

#include "akt/retention.h"
#include "akt/ui.h"
#include "view_pages.h"

#include <time.h>

enum ret_tab { RET_POLICIES, RET_UPCOMING, RET_LOG, RET_NTABS };

/*
 * One list the platform gives page by page (upcoming purges, the purge
 * log): the rows loaded so far, in one array of items of 'size' bytes.
 * A reload reads the pages again into 'fresh' until it has as many rows
 * as were shown, and only then replaces them, so the officer keeps the
 * old rows and their place meanwhile.
 */
struct ret_pages {
	void *items;
	size_t n, size;
	char *next;                  /* cursor of the next page, or NULL */
	int64_t total;
	bool loaded;                 /* the first page has come */
	bool busy;                   /* a request is under way */
	bool again;                  /* reload once more when it is done */
	char *error;                 /* the last failure, sanitized later */
	unsigned gen;                /* replies of older requests are dropped */
	int numw;                    /* widest case number, for its column */

	bool reloading;
	bool quiet;                  /* a reload nobody asked for: no message */
	void *fresh;
	size_t nfresh;
	char *fresh_next;
	int64_t fresh_total;
	size_t want;                 /* rows to read again before swapping */
};

/* A change of a policy's days on its way: one at a time. */
struct ret_edit {
	char *id;                    /* e-service id */
	char *name;                  /* in the UI's language */
	int64_t from, to;            /* to 0: still to be asked */
	char *etag;
	bool waiting;                /* a request is under way for it */
};

struct ret_view {
	enum ret_tab tab;
	struct ui_list list[RET_NTABS];
	int rows;                    /* list rows at the last draw */

	struct akt_retention_policy_list pol;
	bool pol_loaded, pol_busy, pol_again, pol_quiet;
	char *pol_error;
	unsigned pol_gen;

	struct ret_pages up;         /* struct akt_upcoming_purge */
	struct ret_pages log;        /* struct akt_purge_entry */

	struct ret_edit *edit;
};

static inline struct ret_view *ret_of(struct ui_view *v)
{
	return v->priv;
}

/* ---- view_retention_load.c ---- */

/* Stop waiting for requests that Esc dropped (they never answer). */
void ret_settle(struct ui_view *v);
void ret_load_policies(struct ui_view *v, bool quiet);
/* Read a paged tab from its first page (again), keeping the rows shown
 * until the new ones are in; quiet: no message when it fails. */
void ret_load_pages(struct ui_view *v, enum ret_tab t, bool quiet);
/* The next page of a paged tab when the selection is near the end. */
void ret_load_more(struct ui_view *v, enum ret_tab t);
void ret_pages_init(struct ret_pages *p, size_t size);
void ret_pages_clear(struct ret_pages *p, enum ret_tab t);
struct ret_pages *ret_pages_of(struct ret_view *r, enum ret_tab t);

static inline struct akt_upcoming_purge *ret_upcoming(struct ret_view *r,
						      size_t i)
{
	return (struct akt_upcoming_purge *)r->up.items + i;
}

static inline struct akt_purge_entry *ret_entry(struct ret_view *r, size_t i)
{
	return (struct akt_purge_entry *)r->log.items + i;
}

/* ---- view_retention_draw.c ---- */

void ret_draw(struct ui_view *v, int y0, int rows, int cols);

/* ---- view_retention_edit.c ---- */

/* Change the days of the selected policy: days 0 asks for them. */
void ret_edit_start(struct ui_view *v, int64_t days);
void ret_edit_free(struct ret_edit **e);

/* ---- view_retention_text.c (no terminal) ---- */

/* The tab's name as shown, translated. */
const char *ret_tab_name(enum ret_tab t);
/*
 * The tab an officer named: its number (1–3), its id (policies,
 * upcoming, log) or a prefix of it, or its shown name in either
 * language regardless of case; -1 when none or more than one match.
 */
int ret_tab_parse(const char *name);
/* The ids, for completion: "policies", "upcoming", "log". */
const char *ret_tab_id(enum ret_tab t);

/*
 * The question before a change, with its effect:
 * "Change Bygglov from 60 to 30 days (cases closed before 2026-10-24
 * are purged at the next run)?" or "Change Bygglov from 30 to 60 days
 * (purge dates move 30 days later)?". now is the current time; the
 * date is local. malloc'd.
 */
char *ret_edit_question(const char *service, int64_t from, int64_t to,
			time_t now);

/*
 * Widths of n columns in cols display columns, one column apart: each
 * gets its min, then what is left is shared by the flexible ones in
 * proportion to their weights, none beyond its max; what no column can
 * take stays empty at the end of the row. Columns that do not fit at
 * all get width 0, from the end.
 */
struct ret_col {
	int min;
	int weight;                  /* 0: fixed at min */
	int max;                     /* 0: no limit */
};
void ret_columns(int cols, const struct ret_col *spec, size_t n, int *width);

#endif

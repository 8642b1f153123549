/*
 * view_cases.h — the case list screen's own parts, shared by its files:
 * view_cases.c (the view: opening, sorting, filtering, keys, commands),
 * view_cases_draw.c (the rows), view_cases_search.c ('/' and n/N),
 * view_cases_tag.c (tags and the actions on tagged cases) and
 * view_cases_live.c (rows kept current from the change feed).
 *
 * The rows themselves live in the engine's sparse list (case_list.h);
 * the screen keeps only the selection, the tags and what the search
 * found.
 */
#ifndef AKT_VIEW_CASES_H
#define AKT_VIEW_CASES_H

#include "akt/act_report.h"
#include "akt/case_columns.h"
#include "akt/case_filter.h"
#include "akt/case_list.h"
#include "akt/ui.h"

/* The attribute of rows that match the search (with the "/" mark). */
#define VCL_T_MATCH AKT_T_LABEL

/* A tagged case, as the officer saw it when tagging. */
struct vcl_tag {
	int64_t id;
	char *number;
	char *updated_at;
};

/* The case a search starts from: what akt_case_cmp compares. */
struct vcl_anchor {
	bool set;
	struct akt_case_summary s;
};

struct vcl_search {
	char *text;                    /* NULL: no search */
	struct akt_case_list *list;    /* the matches, in the list's order */
	int64_t *ids;                  /* matches loaded so far, sorted */
	size_t nids;
	bool have_cur;
	size_t cur;                    /* the match selected last */
	/* finding a match: where to start, then going to it */
	enum { VCL_FIND_NONE, VCL_FIND_FROM, VCL_FIND_GO } find;
	bool strict;                   /* FROM: after the anchor, not at it */
	bool back;                     /* FROM: the one before instead */
	size_t k;                      /* FROM: match looked at; GO: target */
	struct vcl_anchor anchor;
	bool wrapped;
	size_t probe;                  /* GO: rows loaded up to here */
};

/* A bulk action under way: which cases, to clear the tags of those it
 * changed (known from the feed events it causes). */
struct vcl_act {
	bool active;
	const char *event;             /* "case.status_changed" … */
	int64_t *ids;
	size_t n;
	bool *changed;                 /* per id: its event came */
	size_t seen;                   /* how many came */
	size_t done_changed;           /* what ui_act said; SIZE_MAX: not yet */
	struct akt_timer *timer;       /* give up waiting for events */
};

/* A case to read again for a live update. */
struct vcl_pending {
	int64_t id;
	char *number;
	bool created;                  /* new: insert it when it belongs */
	bool unread;                   /* its unread count changed */
};

/* Rows of a case list remembered for skipping redraws (taller
 * terminals simply draw the rest every time). */
#define VCL_MAX_ROWS 256

struct vcl {
	char *title;                   /* queue name, "My cases" */
	char *path;
	int64_t queue_id;              /* 0 for /v1/cases lists */
	struct akt_case_filter base;   /* what the list was opened with */
	struct akt_case_filter filter; /* what it shows now */
	struct akt_case_order order;
	char *query;                   /* filter as query parameters */
	char sort[16];
	struct akt_case_list *list;
	char *error;                   /* the first page failed */
	struct ui_list sel;
	int rows;                      /* list rows at the last draw */
	struct akt_case_cols cols;
	int number_w;                  /* widest case number drawn so far */
	int cols_number;               /* number_w when laid out */
	bool cols_eservice;            /* the layout has the e-service */
	int64_t keep_id;               /* select this case once loaded */
	unsigned new_cases;            /* came in but not shown (^R) */
	bool stopped;                  /* Esc: load nothing until a move */
	/* what each screen row shows, to skip drawing it again unchanged */
	uint64_t drawn[VCL_MAX_ROWS];
	unsigned drawn_frame;
	size_t drawn_top;              /* sel.top when the rows were drawn */

	struct vcl_tag *tags;          /* sorted by id */
	size_t ntags;

	struct vcl_search search;
	struct vcl_act act;
	unsigned act_gen;              /* which action act belongs to */

	struct vcl_pending *pending;
	size_t npending;
	struct akt_timer *live_timer;
};

static inline struct vcl *vcl_of(struct ui_view *v)
{
	return v->priv;
}

/* view_cases.c */
/* The list again with the current filter and order, keeping the
 * selected case selected when it is still there. */
void vcl_reload(struct ui_view *v);
/* Select row (scrolling it into sight). */
void vcl_select(struct ui_view *v, size_t row);
/* The case selected, or NULL when its row is not loaded. */
const struct akt_case_summary *vcl_selected(struct ui_view *v);
/* The sort column's name as the header says it ("Updated"). */
const char *vcl_sort_name(enum akt_case_sort k);

/* view_cases_draw.c */
void vcl_draw(struct ui_view *v, int y0, int rows, int cols);
char *vcl_title(struct ui_view *v);

/* view_cases_search.c */
void vcl_search_start(struct ui_view *v, const char *text);
void vcl_search_next(struct ui_view *v, bool back);
void vcl_search_prompt(struct ui_view *v);
/* The main list changed: go on with a jump under way. */
void vcl_search_list_changed(struct ui_view *v);
bool vcl_is_match(const struct vcl *c, int64_t id);
void vcl_search_free(struct vcl *c);
/* Run the search again on a new list (sort or filter changed). */
void vcl_search_restart(struct ui_view *v);

/* view_cases_tag.c */
bool vcl_tagged(const struct vcl *c, int64_t id);
void vcl_tag_toggle(struct ui_view *v);
void vcl_tag_all(struct ui_view *v);
void vcl_tags_clear(struct vcl *c);
/* s, a, A, u and their commands: kind, and the status or officer named
 * (NULL: ask). */
void vcl_act(struct ui_view *v, enum act_kind kind, const char *what);
/* A feed event: is it one the action under way caused? */
void vcl_act_event(struct ui_view *v, const struct akt_event *e);
void vcl_act_free(struct vcl *c);

/* view_cases_live.c */
void vcl_live_event(struct ui_view *v, const struct akt_event *e);
/* Read these cases again soon and update their rows. */
void vcl_live_refresh(struct ui_view *v, int64_t id, const char *number);
void vcl_live_free(struct vcl *c);

#endif

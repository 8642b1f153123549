/*
 * view_case.h — the case screen's own parts, shared by its files:
 * view_case.c (the view: header, tabs, keys, commands, feed events and
 * the actions on the case), one file per tab — view_case_overview.c
 * (parties and documents, revealing a number), view_case_history.c,
 * view_case_journal.c, view_case_messages.c — and view_case_document.c
 * (saving a document, or opening it with open_command).
 */
#ifndef AKT_VIEW_CASE_H
#define AKT_VIEW_CASE_H

#include "akt/case.h"
#include "akt/event.h"
#include "akt/note.h"
#include "akt/thread.h"
#include "akt/ui.h"
#include "view_pages.h"

enum vc_tab { VC_OVERVIEW, VC_HISTORY, VC_JOURNAL, VC_MESSAGES, VC_NTABS };

/* Rows of the header above a tab: the case's number and title, status
 * and e-service, people, retention, and the line of tabs. */
#define VC_HEAD_ROWS 5

/* What each tab does; the view calls the one shown. */
struct vc_tab_ops {
	const char *id;              /* "history": what :tab takes */
	const char *name;            /* N_("History"): shown, translated */
	/* Read the tab (again). quiet: a live update, no message when it
	 * fails and the rows shown stay. NULL: drawn from the case. */
	void (*load)(struct ui_view *v, bool quiet);
	void (*draw)(struct ui_view *v, int y0, int rows, int cols);
	/* rows: the tab's rows at the last draw, for paging */
	bool (*action)(struct ui_view *v, enum akt_action a, int rows);
	/* A feed event about this case (the header is read again anyway). */
	void (*event)(struct ui_view *v, const struct akt_event *e);
	void (*done)(struct ui_view *v);
};

extern const struct vc_tab_ops vc_overview_ops, vc_history_ops,
	vc_journal_ops, vc_messages_ops;

/* A revealed number, shown until the screen closes; wiped then. */
struct vc_reveal {
	int64_t party_id;
	char *number;
};

struct vc_overview {
	struct ui_list list;         /* over parties, then documents */
	size_t top;                  /* first row shown */
	struct vc_reveal *reveals;
	size_t nreveals;
	int64_t asking;              /* the party a reveal is asked for */
	unsigned reveal_gen;
	int64_t saving;              /* the document a file name is asked for */
	char *save_file;             /* the name, while "replace?" is asked */
};

struct vc_history {
	struct akt_event *items;     /* newest first */
	size_t n;
	struct view_pages pg;
	struct ui_list list;
};

/* A note's body wrapped to the width it was last drawn at. */
struct vc_wrapped {
	char **lines;
	size_t n;
	int width;
};

struct vc_journal {
	struct akt_note *items;      /* newest first */
	struct vc_wrapped *wrap;     /* one per note */
	size_t n;
	struct view_pages pg;
	struct ui_list list;         /* over notes, not rows */
	size_t top;                  /* first note shown */
};

struct vc_messages {
	struct akt_thread_list threads;
	bool loaded;
	char *error;
	unsigned gen;
	struct ui_list list;
};

/* A document on its way to a file, or to open_command. One at a time:
 * a newer one makes the answer of an older one be dropped. */
struct vc_download {
	unsigned gen;
	int64_t doc_id;
	char *name;                  /* the document's, as the platform has */
	char *file;                  /* where it goes */
	bool replace;                /* the officer agreed to overwrite */
	bool open;                   /* then run open_command on it */
};

struct vc {
	int64_t id;
	char *number;                /* shown until the case is loaded */
	struct akt_case c;
	char *etag;                  /* the tag of that read: what a note or
					a status change is written against */
	bool loaded;
	char *error;                 /* why the case cannot be shown */
	unsigned gen;
	enum vc_tab tab;
	bool stale[VC_NTABS];        /* read it again when next shown */
	bool tab_loaded[VC_NTABS];   /* load asked for at least once */
	int tab_rows;                /* rows of the tab at the last draw */
	int y0;                      /* the body's first row on screen */

	struct vc_overview ov;
	struct vc_history hist;
	struct vc_journal jn;
	struct vc_messages msg;

	struct vc_download dl;
	char *tmpdir;                /* private copies for open_command */
};

static inline struct vc *vc_of(struct ui_view *v)
{
	return v->priv;
}

/* ---- view_case.c --------------------------------------------------------- */

/* "/v1/cases/ID" + suffix, malloc'd. */
char *vc_path(const struct vc *c, const char *suffix);
/* Start row y (of the screen): the "›" mark and the cursor attribute
 * when selected (then v->cursor_y is set), else blanks. Returns the
 * attribute set for the rest of the row. */
attr_t vc_row_start(struct ui_view *v, int y, bool selected);
/* Scroll *top (rows or items) so that [first, first + height) shows
 * in 'rows' rows; what does not fit shows from its start. */
void vc_scroll_to(size_t *top, size_t first, size_t height, int rows);

/* ---- view_case_journal.c ------------------------------------------------- */

/* Notes of the case waiting in the outbox, oldest first (borrowed until
 * the next outbox event); how many. */
size_t vc_pending_notes(struct ui_view *v, const struct akt_draft **out,
			size_t max);

/* ---- view_case_overview.c ------------------------------------------------ */

/* ':reveal', ':save [FILE]', ':open' on the selected row. */
void vc_reveal(struct ui_view *v);
void vc_save(struct ui_view *v, const char *file);
void vc_open(struct ui_view *v);

/* ---- view_case_document.c ------------------------------------------------ */

/* Fetch document d and write it to file (replace: overwrite it). */
void vc_doc_save(struct ui_view *v, const struct akt_document *d,
		 const char *file, bool replace);
/* Fetch document d into a private directory and run open_command. */
void vc_doc_open(struct ui_view *v, const struct akt_document *d);
/* Free what the documents used; remove the private copies. */
void vc_doc_done(struct ui_view *v);

#endif

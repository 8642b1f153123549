/*
 * view_compose.h — what the files of the compose screen share.
 */
#ifndef AKT_VIEW_COMPOSE_H
#define AKT_VIEW_COMPOSE_H

#include "akt/draft.h"
#include "akt/edit_buf.h"
#include "akt/ui.h"

#include <limits.h>
#include <sys/types.h>

enum cmp_mark {
	CMP_NEW,          /* nothing typed yet: no file */
	CMP_SAVED,
	CMP_PENDING,      /* changed; the autosave timer runs */
	CMP_FAILED,       /* the last save failed: save_err says why */
};

/* The text as the fatal-signal handler writes it (see compose.h). */
struct cmp_crash {
	const char *volatile text;    /* NULL while an edit is under way */
	volatile size_t len;
	char tmp[PATH_MAX], path[PATH_MAX];
};

struct vcomp {
	struct akt_draft d;           /* the draft (text updated on save) */
	struct akt_eb *eb;
	bool created;                 /* a record is on disk */
	bool locked;
	bool ended;                   /* saved for an exit: open_pid stays */
	bool closing;                 /* sent or closed: nothing to save */
	uint64_t saved_changes;       /* akt_eb_changes at the last save */
	bool meta_changed;            /* publish/notify since the last save */
	enum cmp_mark mark;
	char *save_err;
	struct akt_timer *autosave;
	size_t top;                   /* the first text row shown */
	int text_rows;                /* rows of text last drawn (pages) */
	struct cmp_crash *crash;
	/* for templates: the applicant, read from the case at open */
	char *applicant;
	bool case_read, case_asking;
	char **tnames;                /* the template menu's names */
	size_t ntnames;
	/* the external editor */
	bool external;                /* the config's editor is not ours */
	bool in_editor;
	/* akt ended while the editor still had the file: ID.txt is the
	 * draft now, and no save may make the record newer than it */
	bool editor_owns;
	int64_t pending_since;        /* loop ms of the first change not
					 saved yet, 0 when all is saved */
	struct akt_timer *start_editor;
};

static inline struct vcomp *vcomp_of(struct ui_view *v)
{
	return v->priv;
}

/* How a save leaves open_pid: this akt while open or at an exit (so a
 * killed session's draft is offered for recovery), 0 at a clean close. */
enum { CMP_SAVE_OPEN, CMP_SAVE_ENDING, CMP_SAVE_CLOSE };

/* view_compose.c */
/* What a question asked from v passes as its arg, and the compose
 * screen it names if that is still open, else NULL. */
void *cmp_tag(struct ui_view *v);
struct ui_view *cmp_find(struct ui *ui, void *tag);
/* Save now if anything changed. False when it failed (then the mark
 * says why). */
bool cmp_save(struct ui_view *v, int how);
/* The text changed (after every edit): the mark, the autosave timer. */
void cmp_changed(struct ui_view *v);
/* Close the screen keeping the draft (or dropping an empty new one). */
void cmp_close(struct ui_view *v);
void cmp_crash_begin(struct vcomp *c);
void cmp_crash_end(struct vcomp *c);

/* view_compose_send.c */
void cmp_send(struct ui_view *v);
void cmp_discard(struct ui_view *v);
void cmp_template_menu(struct ui_view *v);
void cmp_template_insert(struct ui_view *v, const char *name);
void cmp_external(struct ui_view *v);
/* Read the case for {applicant} (at open; again after a failure). */
void cmp_read_case(struct ui_view *v);
void cmp_template_names_free(struct vcomp *c);

#endif

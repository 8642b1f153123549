/*
 * note.h — journal notes (journalanteckningar) of a case:
 * GET /v1/cases/{case}/notes (paginated), the note a write answers with,
 * and the citizens' read receipts of a published note
 * (GET /v1/cases/{case}/notes/{id}/receipts).
 */
#ifndef AKT_NOTE_H
#define AKT_NOTE_H

#include "akt/case.h"

struct akt_note {
	int64_t id;
	char *body;                  /* as written, may hold line breaks */
	struct akt_officer_ref author;
	char *created_at;
	bool published;
	char *published_at;          /* NULL while internal */
	char *read_by_citizen_at;    /* first read by a citizen, or NULL */
	int64_t source_message_id;   /* filed from this message, else 0 */
	char *kind;                  /* "note" */
};

/* One page: {"items","next","prev","total"} */
struct akt_note_page {
	struct akt_note *items;
	size_t n;
	char *next, *prev;           /* cursors, NULL at the ends */
	int64_t total;               /* -1 when the platform left it out */
};

/* A citizen party's first read of a published note. */
struct akt_receipt {
	int64_t party_id;
	char *party_name;
	char *party_role;            /* applicant co_applicant representative */
	char *read_at;
};

/* {"items":[receipt…]}, first reader first */
struct akt_receipt_list {
	struct akt_receipt *items;
	size_t n;
};

bool akt_note_decode(const json_t *j, struct akt_note *out, char **err);
void akt_note_clear(struct akt_note *n);

bool akt_note_page_decode(const json_t *j, struct akt_note_page *out,
			  char **err);
void akt_note_page_clear(struct akt_note_page *p);

bool akt_receipt_list_decode(const json_t *j, struct akt_receipt_list *out,
			     char **err);
void akt_receipt_list_clear(struct akt_receipt_list *l);

#endif

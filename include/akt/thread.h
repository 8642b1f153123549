/*
 * thread.h — secure messages (meddelanden) between officers and the
 * citizen: the threads of a case (GET /v1/cases/{case}/threads), one
 * thread with its messages (GET …/threads/{id}) and a message, as a
 * reply answers with it.
 */
#ifndef AKT_THREAD_H
#define AKT_THREAD_H

#include "akt/case.h"

enum akt_author_kind { AKT_AUTHOR_OFFICER, AKT_AUTHOR_CITIZEN,
		       AKT_AUTHOR_SYSTEM };

struct akt_message {
	int64_t id;
	enum akt_author_kind author_kind;
	char *author_name;
	struct akt_officer_ref author_officer;   /* id 0 unless an officer */
	char *body;
	char *sent_at;
	/* a citizen's message: when and by whom an officer first read it */
	char *read_by_officer_at;                /* NULL while unread */
	struct akt_officer_ref read_by_officer;  /* id 0 while unread */
	/* an officer's message: when the citizen read it */
	char *read_by_citizen_at;                /* NULL while unread */
	int64_t filed_note_id;                   /* filed as this note, or 0 */
};

struct akt_thread {
	int64_t id;
	char *subject;
	char *created_at;
	char *last_message_at;
	int64_t message_count;
	int64_t unread;              /* citizen messages no officer has read */
	struct akt_message *messages;   /* oldest first; detail only */
	size_t nmessages;
};

/* {"items":[thread…]}, the latest activity first */
struct akt_thread_list {
	struct akt_thread *items;
	size_t n;
};

bool akt_message_decode(const json_t *j, struct akt_message *out,
			char **err);
void akt_message_clear(struct akt_message *m);

/* A thread with its messages (the detail). */
bool akt_thread_decode(const json_t *j, struct akt_thread *out, char **err);
void akt_thread_clear(struct akt_thread *t);

/* The list of threads; messages are not part of it. */
bool akt_thread_list_decode(const json_t *j, struct akt_thread_list *out,
			    char **err);
void akt_thread_list_clear(struct akt_thread_list *l);

/* "officer", "citizen", "system" — as the API spells them. */
const char *akt_author_kind_id(enum akt_author_kind k);
bool akt_author_kind_parse(const char *s, enum akt_author_kind *out);

#endif

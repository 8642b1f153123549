/*
 * queue.h — a work queue (arbetskö): GET /v1/queues, GET /v1/queues/{id}.
 */
#ifndef AKT_QUEUE_H
#define AKT_QUEUE_H

#include "akt/unit.h"

/* Cases in the queue per status category. */
struct akt_queue_counts {
	int64_t submitted;      /* Inskickat */
	int64_t registered;     /* Registrerat */
	int64_t in_progress;    /* Under handläggning (and custom statuses) */
	int64_t closed;         /* Avslutat */
	int64_t total;
};

struct akt_queue {
	int64_t id;
	char *name;
	struct akt_unit unit;
	char **e_services;      /* e-service ids */
	size_t ne_services;
	struct akt_queue_counts counts;
	int64_t unread_messages;
};

struct akt_queue_list {
	struct akt_queue *items;
	size_t n;
};

bool akt_queue_decode(const json_t *j, struct akt_queue *out, char **err);
void akt_queue_clear(struct akt_queue *q);

/* {"items":[queue…]} */
bool akt_queue_list_decode(const json_t *j, struct akt_queue_list *out,
			   char **err);
void akt_queue_list_clear(struct akt_queue_list *l);

#endif

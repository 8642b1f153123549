/*
 * event_data.c — reading the members of an event's data, so that the
 * full-screen client can follow what an event names (a note, a thread)
 * without handling JSON itself.
 */
#include "akt/event.h"

int64_t akt_event_data_int(const struct akt_event *e, const char *member)
{
	const json_t *v = e->data ? json_object_get(e->data, member) : NULL;

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

/*
 * test_event.c — decoding events, pages of a case's history and the
 * change feed, and describing each kind of event in one line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/event.h"
#include "json_fixture.h"

/* GET /v1/feed?cursor=0&limit=5 on the reference platform */
static const char feed[] =
	"{\"events\":[{\"seq\":\"1\",\"type\":\"case.created\","
	"\"at\":\"2015-09-22T07:17:57Z\",\"actor\":{\"kind\":\"citizen\","
	"\"name\":\"Helén Törnqvist\",\"officer\":null},"
	"\"case\":{\"id\":1,\"number\":\"BYGG-2015-000062\","
	"\"queue_id\":1},\"data\":{}},{\"seq\":\"2\","
	"\"type\":\"case.status_changed\","
	"\"at\":\"2015-09-26T00:17:01Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Sara Holm\",\"officer\":{\"id\":3,"
	"\"username\":\"sara\",\"name\":\"Sara Holm\"}},"
	"\"case\":{\"id\":1,\"number\":\"BYGG-2015-000062\","
	"\"queue_id\":1},\"data\":{\"from\":{\"id\":\"submitted\","
	"\"name\":{\"sv\":\"Inskickat\",\"en\":\"Submitted\"},"
	"\"category\":\"submitted\",\"standard\":true,"
	"\"e_service\":null},\"to\":{\"id\":\"registered\","
	"\"name\":{\"sv\":\"Registrerat\",\"en\":\"Registered\"},"
	"\"category\":\"registered\",\"standard\":true,"
	"\"e_service\":null},\"comment\":null,\"notify\":true}},"
	"{\"seq\":\"3\",\"type\":\"case.assigned\","
	"\"at\":\"2015-09-26T00:17:31Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Sara Holm\",\"officer\":{\"id\":3,"
	"\"username\":\"sara\",\"name\":\"Sara Holm\"}},"
	"\"case\":{\"id\":1,\"number\":\"BYGG-2015-000062\","
	"\"queue_id\":1},\"data\":{\"officer\":{\"id\":5,"
	"\"username\":\"maria\",\"name\":\"Maria Björk\"}}},"
	"{\"seq\":\"4\",\"type\":\"case.status_changed\","
	"\"at\":\"2015-10-13T20:58:21Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Maria Björk\",\"officer\":{\"id\":5,"
	"\"username\":\"maria\",\"name\":\"Maria Björk\"}},"
	"\"case\":{\"id\":1,\"number\":\"BYGG-2015-000062\","
	"\"queue_id\":1},\"data\":{\"from\":{\"id\":\"registered\","
	"\"name\":{\"sv\":\"Registrerat\",\"en\":\"Registered\"},"
	"\"category\":\"registered\",\"standard\":true,"
	"\"e_service\":null},\"to\":{\"id\":\"in_progress\","
	"\"name\":{\"sv\":\"Under handläggning\",\"en\":\"In progress\"},"
	"\"category\":\"in_progress\",\"standard\":true,"
	"\"e_service\":null},\"comment\":null,\"notify\":true}},"
	"{\"seq\":\"5\",\"type\":\"case.status_changed\","
	"\"at\":\"2015-10-18T15:52:26Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Maria Björk\",\"officer\":{\"id\":5,"
	"\"username\":\"maria\",\"name\":\"Maria Björk\"}},"
	"\"case\":{\"id\":1,\"number\":\"BYGG-2015-000062\","
	"\"queue_id\":1},\"data\":{\"from\":{\"id\":\"in_progress\","
	"\"name\":{\"sv\":\"Under handläggning\",\"en\":\"In progress\"},"
	"\"category\":\"in_progress\",\"standard\":true,"
	"\"e_service\":null},\"to\":{\"id\":\"decision_made\","
	"\"name\":{\"sv\":\"Beslut fattat\",\"en\":\"Decision made\"},"
	"\"category\":\"in_progress\",\"standard\":false,"
	"\"e_service\":\"bygglov\"},\"comment\":null,\"notify\":true}}],"
	"\"cursor\":\"5\"}";

/* the feed after a retention policy change: an event of no case */
static const char feed_policy[] =
	"{\"events\":[{\"seq\":\"3479\","
	"\"type\":\"retention.policy_changed\","
	"\"at\":\"2026-11-23T02:18:57Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Sara Holm\",\"officer\":{\"id\":3,"
	"\"username\":\"sara\",\"name\":\"Sara Holm\"}},\"case\":null,"
	"\"data\":{\"e_service\":\"felanmalan\",\"days\":45}}],"
	"\"cursor\":\"3479\"}";

/* GET /v1/cases/1/events?limit=2: more to come */
static const char history_first[] =
	"{\"items\":[{\"seq\":\"1\",\"type\":\"case.created\","
	"\"at\":\"2015-09-22T07:17:57Z\",\"actor\":{\"kind\":\"citizen\","
	"\"name\":\"Helén Törnqvist\",\"officer\":null},"
	"\"case\":{\"id\":1,\"number\":\"BYGG-2015-000062\","
	"\"queue_id\":1},\"data\":{}},{\"seq\":\"2\","
	"\"type\":\"case.status_changed\","
	"\"at\":\"2015-09-26T00:17:01Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Sara Holm\",\"officer\":{\"id\":3,"
	"\"username\":\"sara\",\"name\":\"Sara Holm\"}},"
	"\"case\":{\"id\":1,\"number\":\"BYGG-2015-000062\","
	"\"queue_id\":1},\"data\":{\"from\":{\"id\":\"submitted\","
	"\"name\":{\"sv\":\"Inskickat\",\"en\":\"Submitted\"},"
	"\"category\":\"submitted\",\"standard\":true,"
	"\"e_service\":null},\"to\":{\"id\":\"registered\","
	"\"name\":{\"sv\":\"Registrerat\",\"en\":\"Registered\"},"
	"\"category\":\"registered\",\"standard\":true,"
	"\"e_service\":null},\"comment\":null,\"notify\":true}}],"
	"\"next\":\"WyJuIiwyLDIsInNlcSIsZmFsc2Vd\",\"prev\":null,"
	"\"total\":10}";

/* GET /v1/cases/505/events: the one and only page */
static const char history_only[] =
	"{\"items\":[{\"seq\":\"3462\",\"type\":\"case.created\","
	"\"at\":\"2026-11-17T22:55:06Z\",\"actor\":{\"kind\":\"citizen\","
	"\"name\":\"Zeynep Karlsson\",\"officer\":null},"
	"\"case\":{\"id\":505,\"number\":\"BYGG-2026-000067\","
	"\"queue_id\":1},\"data\":{}}],\"next\":null,\"prev\":null,"
	"\"total\":1}";

/* one event of every type the reference platform records, each as it
 * came from its feed */
static const char zoo[] =
	"{\"events\":[{\"seq\":\"1\",\"type\":\"case.created\","
	"\"at\":\"2015-09-22T07:17:57Z\",\"actor\":{\"kind\":\"citizen\","
	"\"name\":\"Helén Törnqvist\",\"officer\":null},"
	"\"case\":{\"id\":1,\"number\":\"BYGG-2015-000062\","
	"\"queue_id\":1},\"data\":{}},{\"seq\":\"2\","
	"\"type\":\"case.status_changed\","
	"\"at\":\"2015-09-26T00:17:01Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Sara Holm\",\"officer\":{\"id\":3,"
	"\"username\":\"sara\",\"name\":\"Sara Holm\"}},"
	"\"case\":{\"id\":1,\"number\":\"BYGG-2015-000062\","
	"\"queue_id\":1},\"data\":{\"from\":{\"id\":\"submitted\","
	"\"name\":{\"sv\":\"Inskickat\",\"en\":\"Submitted\"},"
	"\"category\":\"submitted\",\"standard\":true,"
	"\"e_service\":null},\"to\":{\"id\":\"registered\","
	"\"name\":{\"sv\":\"Registrerat\",\"en\":\"Registered\"},"
	"\"category\":\"registered\",\"standard\":true,"
	"\"e_service\":null},\"comment\":null,\"notify\":true}},"
	"{\"seq\":\"14\",\"type\":\"case.status_changed\","
	"\"at\":\"2016-06-28T04:17:57Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Anna Lindqvist\",\"officer\":{\"id\":1,"
	"\"username\":\"anna\",\"name\":\"Anna Lindqvist\"}},"
	"\"case\":{\"id\":2,\"number\":\"STRAND-2016-000005\","
	"\"queue_id\":2},\"data\":{\"from\":{\"id\":\"registered\","
	"\"name\":{\"sv\":\"Registrerat\",\"en\":\"Registered\"},"
	"\"category\":\"registered\",\"standard\":true,"
	"\"e_service\":null},\"to\":{\"id\":\"closed\","
	"\"name\":{\"sv\":\"Avslutat\",\"en\":\"Closed\"},"
	"\"category\":\"closed\",\"standard\":true,\"e_service\":null},"
	"\"comment\":\"Ärendet avslutat.\",\"notify\":true}},"
	"{\"seq\":\"3\",\"type\":\"case.assigned\","
	"\"at\":\"2015-09-26T00:17:31Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Sara Holm\",\"officer\":{\"id\":3,"
	"\"username\":\"sara\",\"name\":\"Sara Holm\"}},"
	"\"case\":{\"id\":1,\"number\":\"BYGG-2015-000062\","
	"\"queue_id\":1},\"data\":{\"officer\":{\"id\":5,"
	"\"username\":\"maria\",\"name\":\"Maria Björk\"}}},"
	"{\"seq\":\"3475\",\"type\":\"case.unassigned\","
	"\"at\":\"2026-11-23T02:18:56Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Anna Lindqvist\",\"officer\":{\"id\":1,"
	"\"username\":\"anna\",\"name\":\"Anna Lindqvist\"}},"
	"\"case\":{\"id\":9,\"number\":\"BYGG-2024-000077\","
	"\"queue_id\":1},\"data\":{\"officer\":{\"id\":5,"
	"\"username\":\"maria\",\"name\":\"Maria Björk\"}}},"
	"{\"seq\":\"10\",\"type\":\"case.legal_hold\","
	"\"at\":\"2025-11-18T07:17:57Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Anna Lindqvist\",\"officer\":{\"id\":1,"
	"\"username\":\"anna\",\"name\":\"Anna Lindqvist\"}},"
	"\"case\":{\"id\":1,\"number\":\"BYGG-2015-000062\","
	"\"queue_id\":1},\"data\":{\"active\":true,"
	"\"reason\":\"Överklagat till mark- och miljödomstolen\"}},"
	"{\"seq\":\"6\",\"type\":\"note.created\","
	"\"at\":\"2015-10-26T09:27:36Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Maria Björk\",\"officer\":{\"id\":5,"
	"\"username\":\"maria\",\"name\":\"Maria Björk\"}},"
	"\"case\":{\"id\":1,\"number\":\"BYGG-2015-000062\","
	"\"queue_id\":1},\"data\":{\"note_id\":1,\"published\":true}},"
	"{\"seq\":\"8\",\"type\":\"note.created\","
	"\"at\":\"2015-11-20T07:23:55Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Maria Björk\",\"officer\":{\"id\":5,"
	"\"username\":\"maria\",\"name\":\"Maria Björk\"}},"
	"\"case\":{\"id\":1,\"number\":\"BYGG-2015-000062\","
	"\"queue_id\":1},\"data\":{\"note_id\":2,\"published\":false}},"
	"{\"seq\":\"90\",\"type\":\"note.published\","
	"\"at\":\"2026-01-05T08:34:44Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Maria Björk\",\"officer\":{\"id\":5,"
	"\"username\":\"maria\",\"name\":\"Maria Björk\"}},"
	"\"case\":{\"id\":15,\"number\":\"BYGG-2024-000079\","
	"\"queue_id\":1},\"data\":{\"note_id\":6}},{\"seq\":\"7\","
	"\"type\":\"note.read\",\"at\":\"2015-10-31T06:19:35Z\","
	"\"actor\":{\"kind\":\"citizen\",\"name\":\"Helén Törnqvist\","
	"\"officer\":null},\"case\":{\"id\":1,"
	"\"number\":\"BYGG-2015-000062\",\"queue_id\":1},"
	"\"data\":{\"note_id\":1,\"party_id\":2}},{\"seq\":\"40\","
	"\"type\":\"message.created\",\"at\":\"2025-01-24T19:52:22Z\","
	"\"actor\":{\"kind\":\"citizen\",\"name\":\"Tove Sjöberg\","
	"\"officer\":null},\"case\":{\"id\":9,"
	"\"number\":\"BYGG-2024-000077\",\"queue_id\":1},"
	"\"data\":{\"thread_id\":1,\"message_id\":1,"
	"\"author_kind\":\"citizen\"}},{\"seq\":\"41\","
	"\"type\":\"message.read\",\"at\":\"2025-01-27T10:10:58Z\","
	"\"actor\":{\"kind\":\"officer\",\"name\":\"Maria Björk\","
	"\"officer\":{\"id\":5,\"username\":\"maria\","
	"\"name\":\"Maria Björk\"}},\"case\":{\"id\":9,"
	"\"number\":\"BYGG-2024-000077\",\"queue_id\":1},"
	"\"data\":{\"thread_id\":1,\"message_id\":1,\"by\":\"officer\"}},"
	"{\"seq\":\"3476\",\"type\":\"message.filed\","
	"\"at\":\"2026-11-23T02:18:56Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Anna Lindqvist\",\"officer\":{\"id\":1,"
	"\"username\":\"anna\",\"name\":\"Anna Lindqvist\"}},"
	"\"case\":{\"id\":9,\"number\":\"BYGG-2024-000077\","
	"\"queue_id\":1},\"data\":{\"message_id\":1,\"note_id\":407}},"
	"{\"seq\":\"3477\",\"type\":\"party.revealed\","
	"\"at\":\"2026-11-23T02:18:56Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Anna Lindqvist\",\"officer\":{\"id\":1,"
	"\"username\":\"anna\",\"name\":\"Anna Lindqvist\"}},"
	"\"case\":{\"id\":9,\"number\":\"BYGG-2024-000077\","
	"\"queue_id\":1},\"data\":{\"party_id\":7,"
	"\"reason\":\"Kontroll\"}},{\"seq\":\"3478\","
	"\"type\":\"document.downloaded\","
	"\"at\":\"2026-11-23T02:18:56Z\",\"actor\":{\"kind\":\"officer\","
	"\"name\":\"Anna Lindqvist\",\"officer\":{\"id\":1,"
	"\"username\":\"anna\",\"name\":\"Anna Lindqvist\"}},"
	"\"case\":{\"id\":9,\"number\":\"BYGG-2024-000077\","
	"\"queue_id\":1},\"data\":{\"document_id\":9}},{\"seq\":\"17\","
	"\"type\":\"case.purged\",\"at\":\"2024-07-31T09:00:07Z\","
	"\"actor\":{\"kind\":\"system\",\"name\":\"Systemet\","
	"\"officer\":null},\"case\":{\"id\":4,"
	"\"number\":\"FEL-2024-000008\",\"queue_id\":6},"
	"\"data\":{\"case_number\":\"FEL-2024-000008\"}}],"
	"\"cursor\":\"3478\"}";

static void feed_fails(json_t *j, const char *want)
{
	struct akt_event_page p;
	char *err = NULL;

	assert_false(akt_feed_decode(j, &p, &err));
	assert_non_null(err);
	assert_string_equal(err, want);
	assert_null(p.items);
	assert_int_equal(p.n, 0);
	assert_null(p.next);
	free(err);
}

static void page_fails(json_t *j, const char *want)
{
	struct akt_event_page p;
	char *err = NULL;

	assert_false(akt_event_page_decode(j, &p, &err));
	assert_non_null(err);
	assert_string_equal(err, want);
	assert_null(p.items);
	assert_int_equal(p.n, 0);
	assert_null(p.next);
	free(err);
}

static void test_feed_good(void **state)
{
	json_t *j = parse(feed);
	struct akt_event_page p;
	const struct akt_event *e;
	char *err = NULL;

	assert_true(akt_feed_decode(j, &p, &err));
	assert_null(err);
	assert_int_equal(p.n, 5);
	assert_string_equal(p.next, "5");
	assert_int_equal(p.total, -1);

	e = &p.items[0];
	assert_string_equal(e->seq, "1");
	assert_string_equal(e->type, "case.created");
	assert_string_equal(e->at, "2015-09-22T07:17:57Z");
	assert_string_equal(e->actor_kind, "citizen");
	assert_string_equal(e->actor_name, "Helén Törnqvist");
	assert_int_equal(e->actor_officer.id, 0);
	assert_null(e->actor_officer.username);
	assert_int_equal(e->case_id, 1);
	assert_string_equal(e->case_number, "BYGG-2015-000062");
	assert_int_equal(e->queue_id, 1);
	assert_true(json_is_object(e->data));
	assert_int_equal(json_object_size(e->data), 0);

	e = &p.items[1];
	assert_string_equal(e->type, "case.status_changed");
	assert_string_equal(e->actor_kind, "officer");
	assert_int_equal(e->actor_officer.id, 3);
	assert_string_equal(e->actor_officer.username, "sara");
	assert_string_equal(e->actor_officer.name, "Sara Holm");
	assert_true(json_is_object(json_object_get(e->data, "from")));
	assert_string_equal(p.items[4].seq, "5");

	akt_event_page_clear(&p);
	assert_null(p.items);
	assert_null(p.next);
	assert_int_equal(p.n, 0);
	json_decref(j);
}

static void test_feed_policy_and_empty(void **state)
{
	json_t *j = parse(feed_policy);
	struct akt_event_page p;
	char *err = NULL;

	assert_true(akt_feed_decode(j, &p, &err));
	assert_int_equal(p.n, 1);
	assert_string_equal(p.next, "3479");
	assert_string_equal(p.items[0].type, "retention.policy_changed");
	assert_int_equal(p.items[0].case_id, 0);
	assert_null(p.items[0].case_number);
	assert_int_equal(p.items[0].queue_id, 0);
	akt_event_page_clear(&p);
	json_decref(j);

	/* GET /v1/feed without a cursor */
	j = parse("{\"events\":[],\"cursor\":\"3479\"}");
	assert_true(akt_feed_decode(j, &p, &err));
	assert_int_equal(p.n, 0);
	assert_string_equal(p.next, "3479");
	assert_int_equal(p.total, -1);
	akt_event_page_clear(&p);
	json_decref(j);
}

static void test_history_pages(void **state)
{
	json_t *j = parse(history_first);
	struct akt_event_page p;
	char *err = NULL;

	assert_true(akt_event_page_decode(j, &p, &err));
	assert_int_equal(p.n, 2);
	assert_int_equal(p.total, 10);
	assert_string_equal(p.next, "WyJuIiwyLDIsInNlcSIsZmFsc2Vd");
	assert_string_equal(p.items[1].type, "case.status_changed");
	akt_event_page_clear(&p);
	json_decref(j);

	j = parse(history_only);
	assert_true(akt_event_page_decode(j, &p, &err));
	assert_int_equal(p.n, 1);
	assert_int_equal(p.total, 1);
	assert_null(p.next);
	assert_string_equal(p.items[0].seq, "3462");
	assert_string_equal(p.items[0].case_number, "BYGG-2026-000067");
	akt_event_page_clear(&p);
	json_decref(j);

	/* a feed answer is not a page of history, nor the other way */
	j = parse(feed);
	page_fails(j, "events: field 'items' missing");
	json_decref(j);
	j = parse(history_only);
	feed_fails(j, "feed: field 'events' missing");
	json_decref(j);
}

/* The data member is the event's own: it outlives the answer. */
static void test_event_alone(void **state)
{
	json_t *j = parse(zoo);
	struct akt_event e;
	char *err = NULL;

	assert_true(akt_event_decode(at(j, "events", 3), &e, &err));
	json_decref(j);
	assert_string_equal(e.type, "case.assigned");
	assert_string_equal(json_string_value(json_object_get(
		json_object_get(e.data, "officer"), "username")), "maria");
	akt_event_clear(&e);
	assert_null(e.data);
	assert_null(e.type);

	j = json_string("case.created");
	assert_false(akt_event_decode(j, &e, &err));
	assert_string_equal(err, "event: the answer is a string, expected an "
				 "object");
	assert_null(e.seq);
	free(err);
	json_decref(j);
}

static void test_missing_field(void **state)
{
	json_t *j = parse(feed);

	json_object_del(j, "cursor");
	feed_fails(j, "feed: field 'cursor' missing");
	json_decref(j);

	j = parse(feed);
	json_object_del(member(at(j, "events", 2), "actor"), "name");
	feed_fails(j, "feed: field 'events[2].actor.name' missing");
	json_decref(j);

	j = parse(feed);
	json_object_del(at(j, "events", 4), "data");
	feed_fails(j, "feed: field 'events[4].data' missing");
	json_decref(j);

	j = parse(feed);
	json_object_del(member(at(j, "events", 0), "case"), "number");
	feed_fails(j, "feed: field 'events[0].case.number' missing");
	json_decref(j);

	j = parse(feed);
	json_object_del(member(member(at(j, "events", 1), "actor"), "officer"),
			"id");
	feed_fails(j, "feed: field 'events[1].actor.officer.id' missing");
	json_decref(j);

	/* total may be left out (total=false) but not be of another type */
	j = parse(history_first);
	json_object_set_new(j, "total", json_string("many"));
	page_fails(j, "events: field 'total' is a string, expected an integer");
	json_decref(j);

	j = parse(history_first);
	json_object_del(at(j, "items", 0), "type");
	page_fails(j, "events: field 'items[0].type' missing");
	json_decref(j);

	j = parse("{\"unexpected\":[1,2,3]}");
	feed_fails(j, "feed: field 'events' missing");
	json_decref(j);
}

static void test_wrong_type(void **state)
{
	json_t *j = parse(feed);

	json_object_set_new(at(j, "events", 0), "seq", json_integer(1));
	feed_fails(j, "feed: field 'events[0].seq' is an integer, expected a "
		      "string");
	json_decref(j);

	j = parse(feed);
	json_object_set_new(member(at(j, "events", 1), "actor"), "officer",
			    json_string("sara"));
	feed_fails(j, "feed: field 'events[1].actor.officer' is a string, "
		      "expected an object");
	json_decref(j);

	j = parse(feed);
	json_object_set_new(at(j, "events", 3), "case", json_integer(1));
	feed_fails(j, "feed: field 'events[3].case' is an integer, expected "
		      "an object");
	json_decref(j);

	j = parse(feed);
	json_object_set_new(at(j, "events", 3), "data", json_array());
	feed_fails(j, "feed: field 'events[3].data' is an array, expected an "
		      "object");
	json_decref(j);

	j = parse(feed);
	json_object_set_new(j, "cursor", json_integer(5));
	feed_fails(j, "feed: field 'cursor' is an integer, expected a string");
	json_decref(j);

	j = parse(history_first);
	json_object_set_new(j, "next", json_false());
	page_fails(j, "events: field 'next' is a boolean, expected a string");
	json_decref(j);

	j = parse(history_first);
	json_array_set_new(member(j, "items"), 1, json_null());
	page_fails(j, "events: field 'items[1]' is null, expected an object");
	json_decref(j);
}

static void test_unknown_fields_ignored(void **state)
{
	json_t *j = parse(feed);
	struct akt_event_page p;
	char *err = NULL;

	json_object_set_new(j, "lag_ms", json_integer(3));
	json_object_set_new(at(j, "events", 0), "origin", json_string("web"));
	json_object_set_new(member(at(j, "events", 0), "actor"), "ip",
			    json_string("192.0.2.1"));
	json_object_set_new(member(at(j, "events", 0), "case"), "title",
			    json_string("Nybyggnad"));
	assert_true(akt_feed_decode(j, &p, &err));
	assert_int_equal(p.n, 5);
	akt_event_page_clear(&p);
	json_decref(j);
}

/* actor.officer and case may be null or left out */
static void test_null_allowed(void **state)
{
	json_t *j = parse(feed);
	struct akt_event_page p;
	char *err = NULL;

	json_object_set_new(member(at(j, "events", 1), "actor"), "officer",
			    json_null());
	json_object_del(member(at(j, "events", 2), "actor"), "officer");
	json_object_set_new(at(j, "events", 3), "case", json_null());
	json_object_del(at(j, "events", 4), "case");
	assert_true(akt_feed_decode(j, &p, &err));
	assert_int_equal(p.items[1].actor_officer.id, 0);
	assert_null(p.items[1].actor_officer.name);
	assert_null(p.items[2].actor_officer.name);
	assert_int_equal(p.items[3].case_id, 0);
	assert_null(p.items[3].case_number);
	assert_null(p.items[4].case_number);
	akt_event_page_clear(&p);
	json_decref(j);
}

/* Describe event i of the answer j in lang and compare. */
static void describes(json_t *j, const char *field, size_t i,
		      const char *lang, const char *want)
{
	struct akt_event e;
	char *err = NULL, *s;

	assert_true(akt_event_decode(at(j, field, i), &e, &err));
	s = akt_event_describe(&e, lang);
	assert_non_null(s);
	assert_string_equal(s, want);
	free(s);
	akt_event_clear(&e);
}

static void test_describe_every_type(void **state)
{
	json_t *j = parse(zoo);

	describes(j, "events", 0, "sv", "case created");
	describes(j, "events", 1, "sv", "status Inskickat → Registrerat");
	describes(j, "events", 1, "en", "status Submitted → Registered");
	describes(j, "events", 2, "sv", "status Registrerat → Avslutat "
					"(Ärendet avslutat.)");
	describes(j, "events", 2, "en", "status Registered → Closed "
					"(Ärendet avslutat.)");
	describes(j, "events", 3, "sv", "assigned Maria Björk");
	describes(j, "events", 4, "sv", "unassigned Maria Björk");
	describes(j, "events", 5, "sv", "legal hold on: Överklagat till "
					"mark- och miljödomstolen");
	describes(j, "events", 6, "sv", "note 1 created and published");
	describes(j, "events", 7, "sv", "note 2 created");
	describes(j, "events", 8, "sv", "note 6 published");
	describes(j, "events", 9, "sv", "note 1 read by party 2");
	describes(j, "events", 10, "sv", "message 1 in thread 1 from citizen");
	describes(j, "events", 11, "sv", "message 1 in thread 1 read by "
					 "officer");
	describes(j, "events", 12, "sv", "message 1 filed as note 407");
	describes(j, "events", 13, "sv", "personal number of party 7 "
					 "revealed: Kontroll");
	describes(j, "events", 14, "sv", "document 9 downloaded");
	describes(j, "events", 15, "sv", "case FEL-2024-000008 purged");
	json_decref(j);

	j = parse(feed_policy);
	describes(j, "events", 0, "sv", "retention policy of felanmalan set "
					"to 45 days");
	json_decref(j);
}

static void test_describe_odd_data(void **state)
{
	json_t *j = parse(zoo);
	json_t *data;

	/* a hold lifted: no reason */
	data = member(at(j, "events", 5), "data");
	json_object_set_new(data, "active", json_false());
	json_object_set_new(data, "reason", json_null());
	describes(j, "events", 5, "sv", "legal hold off");

	/* a new type shows itself */
	json_object_set_new(at(j, "events", 0), "type",
			    json_string("case.merged"));
	describes(j, "events", 0, "sv", "case.merged");

	/* an empty comment is no comment; a status without names shows
	 * its id; an unknown language is Swedish */
	data = member(at(j, "events", 2), "data");
	json_object_set_new(data, "comment", json_string(""));
	json_object_del(member(data, "to"), "name");
	describes(j, "events", 2, "fi", "status Registrerat → closed");

	/* members missing or of the wrong type show as "?" */
	json_object_set_new(member(at(j, "events", 12), "data"), "note_id",
			    json_string("407"));
	describes(j, "events", 12, "sv", "message 1 filed as note ?");
	json_object_clear(member(at(j, "events", 3), "data"));
	describes(j, "events", 3, "sv", "assigned ?");
	json_object_clear(member(at(j, "events", 1), "data"));
	describes(j, "events", 1, "en", "status ? → ?");
	json_object_clear(member(at(j, "events", 13), "data"));
	describes(j, "events", 13, "sv", "personal number of party ? "
					 "revealed: ?");
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feed_good),
		cmocka_unit_test(test_feed_policy_and_empty),
		cmocka_unit_test(test_history_pages),
		cmocka_unit_test(test_event_alone),
		cmocka_unit_test(test_missing_field),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_unknown_fields_ignored),
		cmocka_unit_test(test_null_allowed),
		cmocka_unit_test(test_describe_every_type),
		cmocka_unit_test(test_describe_odd_data),
	};

	return cmocka_run_group_tests_name("event", tests, NULL, NULL);
}

/*
 * test_case.c — decoding case summaries, pages of cases and case details.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/case.h"
#include "json_fixture.h"

/* GET /v1/cases?limit=3 on the reference platform: a next, no prev */
static const char page_first[] =
	"{\"items\":[{\"id\":439,\"number\":\"BYGG-2026-000057\","
	"\"diary_number\":\"SBN 2026/149\","
	"\"title\":\"Nybyggnad av komplementbyggnad, Ärlan 19\","
	"\"e_service\":{\"id\":\"bygglov\",\"name\":{\"sv\":\"Bygglov\","
	"\"en\":\"Building permit\"}},\"queue_id\":1,"
	"\"status\":{\"id\":\"in_progress\","
	"\"name\":{\"sv\":\"Under handläggning\",\"en\":\"In progress\"},"
	"\"category\":\"in_progress\",\"standard\":true,"
	"\"e_service\":null},\"applicant\":{\"name\":\"Signe Fröberg\","
	"\"personal_number\":\"19560401-****\"},\"assignees\":[{\"id\":4,"
	"\"username\":\"lars\",\"name\":\"Lars Åkesson\"}],"
	"\"priority\":\"normal\",\"created_at\":\"2026-08-19T21:35:32Z\","
	"\"updated_at\":\"2026-11-23T02:16:58Z\","
	"\"deadline\":\"2026-10-28\",\"unread_messages\":0},{\"id\":507,"
	"\"number\":\"FEL-2026-000021\",\"diary_number\":\"TN 2026/67\","
	"\"title\":\"Skadat räcke, Åsvägen 2\","
	"\"e_service\":{\"id\":\"felanmalan\","
	"\"name\":{\"sv\":\"Felanmälan\",\"en\":\"Fault report\"}},"
	"\"queue_id\":6,\"status\":{\"id\":\"in_progress\","
	"\"name\":{\"sv\":\"Under handläggning\",\"en\":\"In progress\"},"
	"\"category\":\"in_progress\",\"standard\":true,"
	"\"e_service\":null},\"applicant\":{\"name\":\"Sölve Sjögren\","
	"\"personal_number\":\"19910323-****\"},\"assignees\":[{\"id\":1,"
	"\"username\":\"anna\",\"name\":\"Anna Lindqvist\"}],"
	"\"priority\":\"high\",\"created_at\":\"2026-11-20T21:58:04Z\","
	"\"updated_at\":\"2026-11-23T02:16:57Z\","
	"\"deadline\":\"2026-12-04\",\"unread_messages\":1},{\"id\":500,"
	"\"number\":\"PARK-2026-000014\",\"diary_number\":\"TN 2026/63\","
	"\"title\":\"Förnyelse av parkeringstillstånd för rörelsehindrad\","
	"\"e_service\":{\"id\":\"parkeringstillstand\","
	"\"name\":{\"sv\":\"Parkeringstillstånd\","
	"\"en\":\"Parking permit\"}},\"queue_id\":7,"
	"\"status\":{\"id\":\"closed\",\"name\":{\"sv\":\"Avslutat\","
	"\"en\":\"Closed\"},\"category\":\"closed\",\"standard\":true,"
	"\"e_service\":null},\"applicant\":{\"name\":\"Malin Andersson\","
	"\"personal_number\":\"19801120-****\"},\"assignees\":[{\"id\":1,"
	"\"username\":\"anna\",\"name\":\"Anna Lindqvist\"}],"
	"\"priority\":\"normal\",\"created_at\":\"2026-11-11T03:44:44Z\","
	"\"updated_at\":\"2026-11-23T02:16:57Z\",\"deadline\":null,"
	"\"unread_messages\":0}],"
	"\"next\":\"WyJuIiwxNzk1NDAwMjE3LDUwMCwidXBkYXRlZCIsdHJ1ZV0\","
	"\"prev\":null,\"total\":254}";

/* a page in the middle (limit=1, sort=number): both cursors */
static const char page_middle[] =
	"{\"items\":[{\"id\":7,\"number\":\"BYGG-2024-000076\","
	"\"diary_number\":\"SBN 2024/190\","
	"\"title\":\"Installation av eldstad, Söderby 5:11\","
	"\"e_service\":{\"id\":\"bygglov\",\"name\":{\"sv\":\"Bygglov\","
	"\"en\":\"Building permit\"}},\"queue_id\":1,"
	"\"status\":{\"id\":\"closed\",\"name\":{\"sv\":\"Avslutat\","
	"\"en\":\"Closed\"},\"category\":\"closed\",\"standard\":true,"
	"\"e_service\":null},\"applicant\":{\"name\":\"Olle Bäckström\","
	"\"personal_number\":\"19531010-****\"},\"assignees\":[{\"id\":4,"
	"\"username\":\"lars\",\"name\":\"Lars Åkesson\"}],"
	"\"priority\":\"normal\",\"created_at\":\"2024-11-23T19:43:14Z\","
	"\"updated_at\":\"2025-03-19T14:30:41Z\","
	"\"deadline\":\"2025-02-01\",\"unread_messages\":0}],"
	"\"next\":\"WyJuIiwiQllHRy0yMDI0LTAwMDA3NiIsNywibnVtYmVyIixmYWxzZV0\","
	"\"prev\":\"WyJwIiwiQllHRy0yMDI0LTAwMDA3NiIsNywibnVtYmVyIixmYWxzZV0\","
	"\"total\":254}";

/* GET /v1/cases?q=villabyggarna tärnan: one page, a company applicant,
 * nobody assigned */
static const char page_only[] =
	"{\"items\":[{\"id\":42,\"number\":\"BYGG-2025-000003\","
	"\"diary_number\":\"SBN 2025/7\","
	"\"title\":\"Tillbyggnad med uterum, Tärnan 13\","
	"\"e_service\":{\"id\":\"bygglov\",\"name\":{\"sv\":\"Bygglov\","
	"\"en\":\"Building permit\"}},\"queue_id\":1,"
	"\"status\":{\"id\":\"registered\","
	"\"name\":{\"sv\":\"Registrerat\",\"en\":\"Registered\"},"
	"\"category\":\"registered\",\"standard\":true,"
	"\"e_service\":null},"
	"\"applicant\":{\"name\":\"Villabyggarna i Åstad AB\","
	"\"organisation_number\":\"559325-2314\"},\"assignees\":[],"
	"\"priority\":\"normal\",\"created_at\":\"2025-01-13T07:09:15Z\","
	"\"updated_at\":\"2026-11-16T10:01:01Z\","
	"\"deadline\":\"2025-03-24\",\"unread_messages\":0}],"
	"\"next\":null,\"prev\":null,\"total\":1}";

/* GET /v1/cases/9: a co-applicant who has not signed, a representative,
 * a custom status, no legal hold */
static const char detail_9[] =
	"{\"id\":9,\"number\":\"BYGG-2024-000077\","
	"\"diary_number\":\"SBN 2024/193\","
	"\"title\":\"Rivning av ekonomibyggnad, Smörblomman 12\","
	"\"e_service\":{\"id\":\"bygglov\",\"name\":{\"sv\":\"Bygglov\","
	"\"en\":\"Building permit\"}},\"queue_id\":1,"
	"\"status\":{\"id\":\"awaiting_completion\","
	"\"name\":{\"sv\":\"Väntar på komplettering\","
	"\"en\":\"Awaiting completion\"},\"category\":\"in_progress\","
	"\"standard\":false,\"e_service\":\"bygglov\"},"
	"\"applicant\":{\"name\":\"Tove Sjöberg\","
	"\"personal_number\":\"20021104-****\"},\"assignees\":[{\"id\":5,"
	"\"username\":\"maria\",\"name\":\"Maria Björk\"}],"
	"\"priority\":\"normal\",\"created_at\":\"2024-11-27T08:25:00Z\","
	"\"updated_at\":\"2025-04-07T08:54:30Z\","
	"\"deadline\":\"2025-02-05\",\"version\":12,"
	"\"parties\":[{\"id\":7,\"role\":\"applicant\","
	"\"kind\":\"person\",\"name\":\"Tove Sjöberg\","
	"\"personal_number\":\"20021104-****\",\"signing\":null,"
	"\"represents\":null,\"email\":\"tove.sjoberg@example.se\","
	"\"phone\":\"070-174 06 94\"},{\"id\":8,"
	"\"role\":\"co_applicant\",\"kind\":\"person\","
	"\"name\":\"Sören Sjöberg\","
	"\"personal_number\":\"19800529-****\","
	"\"signing\":{\"state\":\"pending\",\"at\":null},"
	"\"represents\":null,\"email\":\"soren.sjoberg@example.se\","
	"\"phone\":\"070-174 06 09\"},{\"id\":9,"
	"\"role\":\"representative\",\"kind\":\"person\","
	"\"name\":\"Åsa Ahmadi\",\"personal_number\":\"19871014-****\","
	"\"signing\":null,\"represents\":7,"
	"\"email\":\"asa.ahmadi87@example.se\","
	"\"phone\":\"070-174 06 70\"}],\"documents\":[{\"id\":9,"
	"\"name\":\"Situationsplan.pdf\","
	"\"media_type\":\"application/pdf\",\"size\":757,"
	"\"kind\":\"attachment\","
	"\"created_at\":\"2024-11-27T08:28:53Z\"},{\"id\":10,"
	"\"name\":\"Fasadritning.pdf\","
	"\"media_type\":\"application/pdf\",\"size\":755,"
	"\"kind\":\"attachment\","
	"\"created_at\":\"2026-07-23T03:47:07Z\"},{\"id\":11,"
	"\"name\":\"Planritning.pdf\",\"media_type\":\"application/pdf\","
	"\"size\":754,\"kind\":\"attachment\","
	"\"created_at\":\"2026-08-31T16:21:45Z\"}],"
	"\"retention\":{\"closed_at\":null,\"purge_at\":null,"
	"\"legal_hold\":{\"active\":false,\"reason\":null,"
	"\"set_at\":null,\"set_by\":null},\"policy_days\":3650}}";

/* GET /v1/cases/1: a company, closed, kept by a legal hold */
static const char detail_1[] =
	"{\"id\":1,\"number\":\"BYGG-2015-000062\","
	"\"diary_number\":\"SBN 2015/154\","
	"\"title\":\"Nybyggnad av enbostadshus, Kråkan 5\","
	"\"e_service\":{\"id\":\"bygglov\",\"name\":{\"sv\":\"Bygglov\","
	"\"en\":\"Building permit\"}},\"queue_id\":1,"
	"\"status\":{\"id\":\"closed\",\"name\":{\"sv\":\"Avslutat\","
	"\"en\":\"Closed\"},\"category\":\"closed\",\"standard\":true,"
	"\"e_service\":null},\"applicant\":{\"name\":\"Brf Tärnan\","
	"\"organisation_number\":\"769855-6771\"},"
	"\"assignees\":[{\"id\":5,\"username\":\"maria\","
	"\"name\":\"Maria Björk\"}],\"priority\":\"normal\","
	"\"created_at\":\"2015-09-22T07:17:57Z\","
	"\"updated_at\":\"2025-11-18T07:17:57Z\",\"deadline\":null,"
	"\"version\":9,\"parties\":[{\"id\":1,\"role\":\"applicant\","
	"\"kind\":\"organisation\",\"name\":\"Brf Tärnan\","
	"\"organisation_number\":\"769855-6771\",\"signing\":null,"
	"\"represents\":null,\"email\":\"info@brf-tarnan.example.se\","
	"\"phone\":\"040-628 04 96\"},{\"id\":2,"
	"\"role\":\"representative\",\"kind\":\"person\","
	"\"name\":\"Helén Törnqvist\","
	"\"personal_number\":\"19740116-****\",\"signing\":null,"
	"\"represents\":1,\"email\":\"helen.tornqvist@example.se\","
	"\"phone\":\"070-174 06 42\"}],\"documents\":[{\"id\":1,"
	"\"name\":\"Planritning.pdf\",\"media_type\":\"application/pdf\","
	"\"size\":746,\"kind\":\"attachment\","
	"\"created_at\":\"2015-09-22T07:19:32Z\"}],"
	"\"retention\":{\"closed_at\":\"2015-12-21T00:17:57Z\","
	"\"purge_at\":\"2025-12-18T00:17:57Z\","
	"\"legal_hold\":{\"active\":true,"
	"\"reason\":\"Överklagat till mark- och miljödomstolen\","
	"\"set_at\":\"2025-11-18T07:17:57Z\",\"set_by\":{\"id\":1,"
	"\"username\":\"anna\",\"name\":\"Anna Lindqvist\"}},"
	"\"policy_days\":3650}}";

static void detail_fails(json_t *j, const char *want)
{
	struct akt_case c;
	char *err = NULL;

	assert_false(akt_case_decode(j, &c, &err));
	assert_non_null(err);
	assert_string_equal(err, want);
	/* nothing left behind */
	assert_null(c.s.number);
	assert_null(c.s.status.id);
	assert_null(c.s.assignees);
	assert_null(c.parties);
	assert_int_equal(c.nparties, 0);
	assert_null(c.documents);
	assert_null(c.retention.hold_reason);
	free(err);
}

static void page_fails(json_t *j, const char *want)
{
	struct akt_case_page p;
	char *err = NULL;

	assert_false(akt_case_page_decode(j, &p, &err));
	assert_non_null(err);
	assert_string_equal(err, want);
	assert_null(p.items);
	assert_int_equal(p.n, 0);
	assert_null(p.next);
	assert_null(p.prev);
	free(err);
}

static void test_page_first(void **state)
{
	json_t *j = parse(page_first);
	struct akt_case_page p;
	const struct akt_case_summary *c;
	char *err = NULL;

	assert_true(akt_case_page_decode(j, &p, &err));
	assert_null(err);
	assert_int_equal(p.n, 3);
	assert_int_equal(p.total, 254);
	assert_string_equal(p.next, "WyJuIiwxNzk1NDAwMjE3LDUwMCwidXBkYXRl"
				    "ZCIsdHJ1ZV0");
	assert_null(p.prev);

	c = &p.items[0];
	assert_int_equal(c->id, 439);
	assert_string_equal(c->number, "BYGG-2026-000057");
	assert_string_equal(c->diary_number, "SBN 2026/149");
	assert_string_equal(c->title, "Nybyggnad av komplementbyggnad, Ärlan 19");
	assert_string_equal(c->e_service_id, "bygglov");
	assert_string_equal(c->e_service.sv, "Bygglov");
	assert_string_equal(c->e_service.en, "Building permit");
	assert_int_equal(c->queue_id, 1);
	assert_string_equal(c->status.id, "in_progress");
	assert_string_equal(c->status.name.sv, "Under handläggning");
	assert_int_equal(c->status.category, AKT_CAT_IN_PROGRESS);
	assert_true(c->status.standard);
	assert_null(c->status.e_service);
	assert_string_equal(c->applicant.name, "Signe Fröberg");
	assert_string_equal(c->applicant.personal_number, "19560401-****");
	assert_null(c->applicant.organisation_number);
	assert_int_equal(c->nassignees, 1);
	assert_int_equal(c->assignees[0].id, 4);
	assert_string_equal(c->assignees[0].username, "lars");
	assert_string_equal(c->assignees[0].name, "Lars Åkesson");
	assert_int_equal(c->priority, AKT_PRIO_NORMAL);
	assert_string_equal(c->created_at, "2026-08-19T21:35:32Z");
	assert_string_equal(c->updated_at, "2026-11-23T02:16:58Z");
	assert_string_equal(c->deadline, "2026-10-28");
	assert_int_equal(c->unread_messages, 0);

	assert_int_equal(p.items[1].priority, AKT_PRIO_HIGH);
	assert_int_equal(p.items[1].unread_messages, 1);
	assert_string_equal(p.items[1].e_service.sv, "Felanmälan");
	assert_int_equal(p.items[2].status.category, AKT_CAT_CLOSED);
	assert_null(p.items[2].deadline);

	akt_case_page_clear(&p);
	assert_null(p.items);
	assert_null(p.next);
	assert_int_equal(p.n, 0);
	json_decref(j);
}

static void test_page_both_cursors(void **state)
{
	json_t *j = parse(page_middle);
	struct akt_case_page p;
	char *err = NULL;

	assert_true(akt_case_page_decode(j, &p, &err));
	assert_int_equal(p.n, 1);
	assert_int_equal(p.total, 254);
	assert_string_equal(p.next, "WyJuIiwiQllHRy0yMDI0LTAwMDA3NiIsNywi"
				    "bnVtYmVyIixmYWxzZV0");
	assert_string_equal(p.prev, "WyJwIiwiQllHRy0yMDI0LTAwMDA3NiIsNywi"
				    "bnVtYmVyIixmYWxzZV0");
	assert_string_equal(p.items[0].number, "BYGG-2024-000076");
	akt_case_page_clear(&p);
	json_decref(j);
}

static void test_page_no_cursors(void **state)
{
	json_t *j = parse(page_only);
	struct akt_case_page p;
	const struct akt_case_summary *c;
	char *err = NULL;

	assert_true(akt_case_page_decode(j, &p, &err));
	assert_int_equal(p.n, 1);
	assert_int_equal(p.total, 1);
	assert_null(p.next);
	assert_null(p.prev);
	c = &p.items[0];
	assert_string_equal(c->applicant.name, "Villabyggarna i Åstad AB");
	assert_string_equal(c->applicant.organisation_number, "559325-2314");
	assert_null(c->applicant.personal_number);
	assert_int_equal(c->nassignees, 0);
	assert_int_equal(c->status.category, AKT_CAT_REGISTERED);
	akt_case_page_clear(&p);
	json_decref(j);

	/* cursors left out altogether read as the ends too */
	j = parse(page_only);
	json_object_del(j, "next");
	json_object_del(j, "prev");
	assert_true(akt_case_page_decode(j, &p, &err));
	assert_null(p.next);
	assert_null(p.prev);
	akt_case_page_clear(&p);
	json_decref(j);
}

static void test_summary_alone(void **state)
{
	json_t *j = parse(page_first);
	struct akt_case_summary c;
	char *err = NULL;

	assert_true(akt_case_summary_decode(at(j, "items", 1), &c, &err));
	assert_string_equal(c.number, "FEL-2026-000021");
	assert_string_equal(c.applicant.name, "Sölve Sjögren");
	akt_case_summary_clear(&c);
	assert_null(c.number);
	assert_null(c.assignees);
	assert_int_equal(c.nassignees, 0);
	json_decref(j);

	/* a detail is not a summary: it lacks unread_messages */
	j = parse(detail_9);
	assert_false(akt_case_summary_decode(j, &c, &err));
	assert_string_equal(err, "case: field 'unread_messages' missing");
	assert_null(c.number);
	free(err);
	json_decref(j);
}

static void test_detail_9(void **state)
{
	json_t *j = parse(detail_9);
	struct akt_case c;
	const struct akt_party *p;
	char *err = NULL;

	assert_true(akt_case_decode(j, &c, &err));
	assert_null(err);
	assert_int_equal(c.s.id, 9);
	assert_string_equal(c.s.number, "BYGG-2024-000077");
	assert_int_equal(c.s.unread_messages, 0);
	assert_int_equal(c.version, 12);
	assert_string_equal(c.s.status.id, "awaiting_completion");
	assert_false(c.s.status.standard);
	assert_string_equal(c.s.status.e_service, "bygglov");
	assert_string_equal(c.s.status.name.sv, "Väntar på komplettering");

	assert_int_equal(c.nparties, 3);
	p = &c.parties[0];
	assert_int_equal(p->id, 7);
	assert_int_equal(p->role, AKT_PARTY_APPLICANT);
	assert_false(p->organisation);
	assert_string_equal(p->name, "Tove Sjöberg");
	assert_string_equal(p->personal_number, "20021104-****");
	assert_null(p->organisation_number);
	assert_null(p->signing_state);
	assert_null(p->signing_at);
	assert_int_equal(p->represents, 0);
	assert_string_equal(p->email, "tove.sjoberg@example.se");
	assert_string_equal(p->phone, "070-174 06 94");
	p = &c.parties[1];
	assert_int_equal(p->role, AKT_PARTY_CO_APPLICANT);
	assert_string_equal(p->signing_state, "pending");
	assert_null(p->signing_at);
	p = &c.parties[2];
	assert_int_equal(p->role, AKT_PARTY_REPRESENTATIVE);
	assert_string_equal(p->name, "Åsa Ahmadi");
	assert_int_equal(p->represents, 7);

	assert_int_equal(c.ndocuments, 3);
	assert_int_equal(c.documents[0].id, 9);
	assert_string_equal(c.documents[0].name, "Situationsplan.pdf");
	assert_string_equal(c.documents[0].media_type, "application/pdf");
	assert_int_equal(c.documents[0].size, 757);
	assert_string_equal(c.documents[0].kind, "attachment");
	assert_string_equal(c.documents[2].created_at, "2026-08-31T16:21:45Z");

	assert_null(c.retention.closed_at);
	assert_null(c.retention.purge_at);
	assert_int_equal(c.retention.policy_days, 3650);
	assert_false(c.retention.hold);
	assert_null(c.retention.hold_reason);
	assert_int_equal(c.retention.hold_by.id, 0);
	assert_null(c.retention.hold_by.name);
	assert_null(c.retention.hold_at);

	akt_case_clear(&c);
	assert_null(c.parties);
	assert_null(c.documents);
	assert_null(c.s.number);
	assert_int_equal(c.nparties, 0);
	json_decref(j);
}

static void test_detail_1(void **state)
{
	json_t *j = parse(detail_1);
	struct akt_case c;
	char *err = NULL;

	assert_true(akt_case_decode(j, &c, &err));
	assert_string_equal(c.s.applicant.name, "Brf Tärnan");
	assert_null(c.s.applicant.personal_number);
	assert_true(c.parties[0].organisation);
	assert_string_equal(c.parties[0].organisation_number, "769855-6771");
	assert_null(c.parties[0].personal_number);
	assert_false(c.parties[1].organisation);
	assert_int_equal(c.parties[1].represents, 1);
	assert_string_equal(c.retention.closed_at, "2015-12-21T00:17:57Z");
	assert_string_equal(c.retention.purge_at, "2025-12-18T00:17:57Z");
	assert_true(c.retention.hold);
	assert_string_equal(c.retention.hold_reason,
			    "Överklagat till mark- och miljödomstolen");
	assert_int_equal(c.retention.hold_by.id, 1);
	assert_string_equal(c.retention.hold_by.username, "anna");
	assert_string_equal(c.retention.hold_by.name, "Anna Lindqvist");
	assert_string_equal(c.retention.hold_at, "2025-11-18T07:17:57Z");
	akt_case_clear(&c);
	json_decref(j);
}

static void test_missing_field(void **state)
{
	json_t *j = parse(detail_9);

	json_object_del(j, "version");
	detail_fails(j, "case: field 'version' missing");
	json_decref(j);

	j = parse(detail_9);
	json_object_del(at(j, "parties", 1), "kind");
	detail_fails(j, "case: field 'parties[1].kind' missing");
	json_decref(j);

	j = parse(detail_9);
	json_object_del(member(at(j, "parties", 1), "signing"), "state");
	detail_fails(j, "case: field 'parties[1].signing.state' missing");
	json_decref(j);

	j = parse(detail_1);
	json_object_del(member(member(j, "retention"), "legal_hold"), "active");
	detail_fails(j, "case: field 'retention.legal_hold.active' missing");
	json_decref(j);

	j = parse(detail_1);
	json_object_del(member(member(member(j, "retention"), "legal_hold"),
			       "set_by"), "username");
	detail_fails(j, "case: field 'retention.legal_hold.set_by.username' "
			"missing");
	json_decref(j);

	j = parse(detail_9);
	json_object_del(at(j, "documents", 2), "created_at");
	detail_fails(j, "case: field 'documents[2].created_at' missing");
	json_decref(j);

	j = parse(page_first);
	json_object_del(at(j, "items", 2), "unread_messages");
	page_fails(j, "cases: field 'items[2].unread_messages' missing");
	json_decref(j);

	j = parse(page_first);
	json_object_del(member(at(j, "items", 1), "e_service"), "name");
	page_fails(j, "cases: field 'items[1].e_service.name' missing");
	json_decref(j);

	/* total may be left out (total=false) but not be of another type */
	j = parse(page_first);
	json_object_set_new(j, "total", json_string("many"));
	page_fails(j, "cases: field 'total' is a string, expected an integer");
	json_decref(j);
	j = parse(page_first);
	json_object_set_new(j, "total", json_null());
	{
		struct akt_case_page p;
		char *err = NULL;

		assert_true(akt_case_page_decode(j, &p, &err));
		assert_int_equal(p.total, -1);
		akt_case_page_clear(&p);
	}
	json_decref(j);

	j = parse("{\"unexpected\":[1,2,3]}");
	page_fails(j, "cases: field 'items' missing");
	json_decref(j);
}

static void test_wrong_type(void **state)
{
	json_t *j = parse(page_first);

	json_object_set_new(json_array_get(member(at(j, "items", 0),
						  "assignees"), 0),
			    "id", json_string("4"));
	page_fails(j, "cases: field 'items[0].assignees[0].id' is a string, "
		      "expected an integer");
	json_decref(j);

	j = parse(page_first);
	json_object_set_new(member(member(at(j, "items", 2), "e_service"),
				   "name"), "en", json_integer(7));
	page_fails(j, "cases: field 'items[2].e_service.name.en' is an "
		      "integer, expected a string");
	json_decref(j);

	j = parse(page_first);
	json_object_set_new(j, "next", json_integer(2));
	page_fails(j, "cases: field 'next' is an integer, expected a string");
	json_decref(j);

	j = parse(detail_9);
	json_object_set_new(at(j, "documents", 0), "size", json_real(757.5));
	detail_fails(j, "case: field 'documents[0].size' is a number with a "
			"fraction, expected an integer");
	json_decref(j);

	j = parse(detail_9);
	json_object_set_new(at(j, "parties", 2), "represents",
			    json_string("7"));
	detail_fails(j, "case: field 'parties[2].represents' is a string, "
			"expected an integer");
	json_decref(j);

	j = parse(detail_9);
	json_object_set_new(j, "applicant", json_string("Tove Sjöberg"));
	detail_fails(j, "case: field 'applicant' is a string, expected an "
			"object");
	json_decref(j);

	j = parse(detail_9);
	json_object_set_new(j, "assignees", json_object());
	detail_fails(j, "case: field 'assignees' is an object, expected an "
			"array");
	json_decref(j);

	j = parse(detail_9);
	json_array_set_new(member(j, "parties"), 1, json_integer(8));
	detail_fails(j, "case: field 'parties[1]' is an integer, expected an "
			"object");
	json_decref(j);

	j = parse(detail_1);
	json_object_set_new(member(j, "retention"), "policy_days",
			    json_string("3650"));
	detail_fails(j, "case: field 'retention.policy_days' is a string, "
			"expected an integer");
	json_decref(j);

	j = parse("[1]");
	detail_fails(j, "case: the answer is an array, expected an object");
	json_decref(j);
}

static void test_unknown_values(void **state)
{
	json_t *j = parse(detail_9);
	char want[256], long_kind[121];

	json_object_set_new(member(j, "status"), "category",
			    json_string("weird"));
	detail_fails(j, "case: field 'status.category' is \"weird\", expected "
			"one of submitted, registered, in_progress, closed");
	json_decref(j);

	j = parse(detail_9);
	json_object_set_new(j, "priority", json_string("critical"));
	detail_fails(j, "case: field 'priority' is \"critical\", expected one "
			"of low, normal, high, urgent");
	json_decref(j);

	j = parse(detail_9);
	json_object_set_new(at(j, "parties", 2), "role",
			    json_string("witness"));
	detail_fails(j, "case: field 'parties[2].role' is \"witness\", "
			"expected one of applicant, co_applicant, "
			"representative");
	json_decref(j);

	j = parse(page_first);
	json_object_set_new(at(j, "items", 0), "priority", json_integer(2));
	page_fails(j, "cases: field 'items[0].priority' is an integer, "
		      "expected a string");
	json_decref(j);

	/* a value of any length is cut short, at a character, to 40 */
	for (size_t i = 0; i < 60; i++)
		memcpy(long_kind + 2 * i, "å", 2);
	long_kind[120] = '\0';
	j = parse(detail_1);
	json_object_set_new(at(j, "parties", 0), "kind",
			    json_string(long_kind));
	snprintf(want, sizeof(want), "case: field 'parties[0].kind' is "
		 "\"%.80s…\", expected one of person, organisation",
		 long_kind);
	detail_fails(j, want);
	json_decref(j);
}

static void test_unknown_fields_ignored(void **state)
{
	json_t *j = parse(detail_1);
	struct akt_case c;
	char *err = NULL;

	json_object_set_new(j, "sla", json_integer(14));
	json_object_set_new(at(j, "parties", 0), "address",
			    json_string("Storgatan 1"));
	json_object_set_new(member(j, "retention"), "archive",
			    json_string("Riksarkivet"));
	json_object_set_new(member(member(j, "retention"), "legal_hold"),
			    "until", json_string("2027-01-01"));
	json_object_set_new(member(j, "status"), "colour", json_string("grey"));
	assert_true(akt_case_decode(j, &c, &err));
	assert_int_equal(c.version, 9);
	akt_case_clear(&c);
	json_decref(j);
}

static void test_null_allowed(void **state)
{
	json_t *j = parse(detail_1);
	json_t *hold = member(member(j, "retention"), "legal_hold");
	struct akt_case c;
	char *err = NULL;

	json_object_set_new(j, "applicant", json_null());
	json_object_set_new(member(j, "retention"), "policy_days", json_null());
	json_object_set_new(member(j, "retention"), "closed_at", json_null());
	json_object_set_new(hold, "set_by", json_null());
	json_object_set_new(hold, "reason", json_null());
	json_object_set_new(at(j, "parties", 0), "email", json_null());
	json_object_del(at(j, "parties", 0), "phone");
	json_object_set_new(at(j, "parties", 1), "represents", json_null());
	json_object_del(j, "deadline");
	assert_true(akt_case_decode(j, &c, &err));
	assert_null(err);
	assert_null(c.s.applicant.name);
	assert_null(c.s.applicant.personal_number);
	assert_null(c.s.applicant.organisation_number);
	assert_null(c.s.deadline);
	assert_int_equal(c.retention.policy_days, -1);
	assert_null(c.retention.closed_at);
	assert_int_equal(c.retention.hold_by.id, 0);
	assert_null(c.retention.hold_by.username);
	assert_null(c.retention.hold_reason);
	assert_null(c.parties[0].email);
	assert_null(c.parties[0].phone);
	assert_int_equal(c.parties[1].represents, 0);
	akt_case_clear(&c);
	json_decref(j);

	/* the summary has nullable members too */
	j = parse(page_first);
	json_object_set_new(at(j, "items", 0), "applicant", json_null());
	{
		struct akt_case_page p;

		assert_true(akt_case_page_decode(j, &p, &err));
		assert_null(p.items[0].applicant.name);
		assert_null(p.items[2].deadline);
		akt_case_page_clear(&p);
	}
	json_decref(j);
}

static void test_ids(void **state)
{
	assert_string_equal(akt_priority_id(AKT_PRIO_LOW), "low");
	assert_string_equal(akt_priority_id(AKT_PRIO_NORMAL), "normal");
	assert_string_equal(akt_priority_id(AKT_PRIO_URGENT), "urgent");
	assert_string_equal(akt_party_role_id(AKT_PARTY_CO_APPLICANT),
			    "co_applicant");
	assert_string_equal(akt_party_role_id(AKT_PARTY_REPRESENTATIVE),
			    "representative");
	assert_string_equal(akt_priority_id((enum akt_priority)42), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_first),
		cmocka_unit_test(test_page_both_cursors),
		cmocka_unit_test(test_page_no_cursors),
		cmocka_unit_test(test_summary_alone),
		cmocka_unit_test(test_detail_9),
		cmocka_unit_test(test_detail_1),
		cmocka_unit_test(test_missing_field),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_unknown_values),
		cmocka_unit_test(test_unknown_fields_ignored),
		cmocka_unit_test(test_null_allowed),
		cmocka_unit_test(test_ids),
	};

	return cmocka_run_group_tests_name("case", tests, NULL, NULL);
}

/*
 * test_ui_act.c — what the full-screen client's status changes and
 * assignments work out without a terminal: the targets several cases
 * allow between them (with how many), who is assigned to them, why a
 * case was left alone (someone changed it, the move is not allowed, the
 * platform refused), and the report of a bulk change.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/act_report.h"
#include "akt/problem.h"
#include "akt/xalloc.h"
#include "json_fixture.h"

#define ST(id, sv, en, cat) \
	"{\"id\":\"" id "\",\"name\":{\"sv\":\"" sv "\",\"en\":\"" en \
	"\"},\"category\":\"" cat "\",\"standard\":true,\"e_service\":null}"
#define REGISTERED ST("registered", "Registrerat", "Registered", "registered")
#define IN_PROGRESS ST("in_progress", "Under handläggning", "In progress", \
		       "in_progress")
#define CLOSED ST("closed", "Avslutat", "Closed", "closed")
#define SUBMITTED ST("submitted", "Inskickat", "Submitted", "submitted")
#define AWAITING "{\"id\":\"awaiting_completion\",\"name\":{\"sv\":" \
	"\"Väntar på komplettering\",\"en\":\"Awaiting completion\"}," \
	"\"category\":\"in_progress\",\"standard\":false," \
	"\"e_service\":\"bygglov\"}"

/* GET /v1/cases/{id}/transitions of a case Registrerat, and of one
 * Under handläggning */
static const char tr_registered[] =
	"{\"from\":" REGISTERED ",\"items\":["
	"{\"to\":" IN_PROGRESS ",\"notify_default\":false},"
	"{\"to\":" CLOSED ",\"notify_default\":false}]}";
static const char tr_in_progress[] =
	"{\"from\":" IN_PROGRESS ",\"items\":["
	"{\"to\":" AWAITING ",\"notify_default\":true},"
	"{\"to\":" CLOSED ",\"notify_default\":true}]}";

static void set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* 2026-11-23T15:30:00Z */
static const time_t nov23 = 1795447800;

static void decode_tr(const char *text, struct akt_transitions *tr)
{
	json_t *j = parse(text);
	char *err = NULL;

	assert_true(akt_transitions_decode(j, tr, &err));
	json_decref(j);
}

/* ---- choosing ------------------------------------------------------- */

static void targets_union_counts(void **state)
{
	struct akt_transitions a, b;
	const struct akt_transitions *tr[4];
	struct act_target *t;
	size_t n;

	(void)state;
	decode_tr(tr_registered, &a);
	decode_tr(tr_in_progress, &b);
	/* the third case's moves could not be read */
	tr[0] = &a;
	tr[1] = &b;
	tr[2] = NULL;
	tr[3] = &a;
	t = act_targets(tr, 4, &n);
	assert_int_equal(n, 3);
	assert_string_equal(t[0].to->id, "in_progress");
	assert_int_equal(t[0].count, 2);
	assert_false(t[0].notify_default);
	assert_string_equal(t[1].to->id, "closed");
	assert_int_equal(t[1].count, 3);
	/* one case proposes notifying: the question starts at yes */
	assert_true(t[1].notify_default);
	assert_string_equal(t[2].to->id, "awaiting_completion");
	assert_int_equal(t[2].count, 1);
	free(t);

	/* nothing known: nothing offered */
	tr[0] = tr[1] = NULL;
	t = act_targets(tr, 2, &n);
	assert_int_equal(n, 0);
	assert_null(t);
	akt_transitions_clear(&a);
	akt_transitions_clear(&b);
}

static void target_labels(void **state)
{
	char *s;

	(void)state;
	s = act_target_label("Avslutat", 4, 4);
	assert_string_equal(s, "Avslutat");
	free(s);
	s = act_target_label("Avslutat", 3, 4);
	assert_string_equal(s, "Avslutat (allowed for 3 of 4)");
	free(s);
	/* a name from the platform cannot move the cursor */
	s = act_target_label("Av\x1b[2Jslutat", 1, 1);
	assert_null(strchr(s, '\x1b'));
	free(s);
}

static struct akt_officer_ref ref(int64_t id, const char *user,
				  const char *name)
{
	struct akt_officer_ref r = { id, (char *)user, (char *)name };

	return r;
}

static void assignees_union(void **state)
{
	struct akt_officer_ref ab[] = { ref(3, "anna", "Anna Lindqvist"),
					ref(4, "erik", "Erik Sandberg") };
	struct akt_officer_ref b[] = { ref(4, "erik", "Erik Sandberg") };
	struct akt_case_summary c1 = { .assignees = ab, .nassignees = 2 };
	struct akt_case_summary c2 = { .assignees = b, .nassignees = 1 };
	struct akt_case_summary c3 = { .nassignees = 0 };
	const struct akt_case_summary *cases[] = { &c1, &c2, NULL, &c3 };
	struct act_person *p;
	size_t n;
	char *s;

	(void)state;
	p = act_assignees(cases, 4, &n);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].who->username, "anna");
	assert_int_equal(p[0].count, 1);
	assert_string_equal(p[1].who->username, "erik");
	assert_int_equal(p[1].count, 2);
	s = act_person_label(p[1].who, p[1].count, 4);
	assert_string_equal(s, "Erik Sandberg (erik) (assigned to 2 of 4)");
	free(s);
	s = act_person_label(p[0].who, 1, 1);
	assert_string_equal(s, "Anna Lindqvist (anna)");
	free(s);
	free(p);
}

/* ---- why a case was left alone ---------------------------------------- */

static void changed_since(void **state)
{
	char *s;

	(void)state;
	set_tz("UTC");
	s = act_changed_since("erik", "2026-11-23T14:02:00Z", nov23);
	assert_string_equal(s, "changed by erik at 14:02 since you loaded it");
	free(s);
	/* local time, as the officer reads the clock */
	set_tz("Europe/Stockholm");
	s = act_changed_since("erik", "2026-11-23T14:02:00Z", nov23);
	assert_string_equal(s, "changed by erik at 15:02 since you loaded it");
	free(s);
	set_tz("UTC");
	/* another day: with the date */
	s = act_changed_since("erik", "2026-11-20T09:15:00Z", nov23);
	assert_string_equal(s, "changed by erik at 2026-11-20 09:15 since "
			    "you loaded it");
	free(s);
	/* who is not known */
	s = act_changed_since(NULL, "2026-11-23T14:02:00Z", nov23);
	assert_string_equal(s, "changed at 14:02 since you loaded it");
	free(s);
	s = act_changed_since("erik", NULL, nov23);
	assert_string_equal(s, "changed by erik since you loaded it");
	free(s);
	/* a name is the platform's: no escape reaches the screen */
	s = act_changed_since("e\x1b]0;x\arik\n", NULL, nov23);
	assert_null(strchr(s, '\x1b'));
	assert_null(strchr(s, '\n'));
	assert_null(strchr(s, '\a'));
	free(s);
}

#define EV(seq, type, at, actor) \
	"{\"seq\":\"" seq "\",\"type\":\"" type "\",\"at\":\"" at "\"," \
	"\"actor\":" actor ",\"case\":{\"id\":7,\"number\":" \
	"\"BYGG-2026-000007\",\"queue_id\":1},\"data\":{}}"
#define ERIK "{\"kind\":\"officer\",\"name\":\"Erik Sandberg\"," \
	"\"officer\":{\"id\":4,\"username\":\"erik\",\"name\":\"Erik Sandberg\"}}"
#define ANNA "{\"kind\":\"officer\",\"name\":\"Anna Lindqvist\"," \
	"\"officer\":{\"id\":3,\"username\":\"anna\",\"name\":\"Anna Lindqvist\"}}"
#define CITIZEN "{\"kind\":\"citizen\",\"name\":\"Åsa Öberg\",\"officer\":null}"

/* GET /v1/cases/7/events?sort=-seq: anna read a document after erik's
 * change, which is what made the case what it is */
static const char events[] =
	"{\"items\":["
	EV("40", "document.downloaded", "2026-11-23T14:05:00Z", ANNA) ","
	EV("39", "case.status_changed", "2026-11-23T14:02:00Z", ERIK) ","
	EV("38", "message.created", "2026-11-23T13:00:00Z", CITIZEN)
	"],\"next\":null,\"prev\":null,\"total\":3}";

static void changer_from_events(void **state)
{
	json_t *j = parse(events);
	struct akt_event_page p;
	const struct akt_event *e;
	char *err = NULL;

	(void)state;
	assert_true(akt_event_page_decode(j, &p, &err));
	e = act_changer(&p, "2026-11-23T14:02:00Z");
	assert_non_null(e);
	assert_string_equal(act_actor(e), "erik");
	/* no event at that moment: the newest */
	e = act_changer(&p, "2026-11-23T14:03:00Z");
	assert_string_equal(act_actor(e), "anna");
	/* a citizen is named by name */
	e = act_changer(&p, "2026-11-23T13:00:00Z");
	assert_string_equal(act_actor(e), "Åsa Öberg");
	akt_event_page_clear(&p);
	json_decref(j);

	memset(&p, 0, sizeof(p));
	assert_null(act_changer(&p, "2026-11-23T14:02:00Z"));
}

/* A reply as the session hands it over, from a status and a body. */
struct fake {
	struct akt_reply r;
	struct akt_problem p;
	json_t *j;
};

static void fake_reply(struct fake *f, int status, const char *body,
		       const char *error)
{
	memset(f, 0, sizeof(*f));
	f->j = body ? parse(body) : NULL;
	akt_problem_decode(f->j, &f->p);
	f->r.status = status;
	f->r.result = akt_result_of_status(status);
	f->r.json = f->j;
	f->r.problem = &f->p;
	f->r.error = error;
}

static void fake_clear(struct fake *f)
{
	akt_problem_clear(&f->p);
	json_decref(f->j);
}

static const char p412[] =
	"{\"type\":\"urn:akt:problem:precondition-failed\",\"title\":\"The "
	"resource has changed\",\"status\":412,\"detail\":\"changed by Erik "
	"Sandberg (erik) at 2026-11-23T14:02:00Z\",\"instance\":\"/v1/cases/"
	"7/transitions\",\"changed_by\":{\"username\":\"erik\",\"name\":"
	"\"Erik Sandberg\"},\"changed_at\":\"2026-11-23T14:02:00Z\"}";
static const char p409[] =
	"{\"type\":\"urn:akt:problem:invalid-transition\",\"title\":\"Status "
	"change not allowed\",\"status\":409,\"detail\":\"case BYGG-2026-"
	"000007 cannot go from submitted to closed\",\"from\":" SUBMITTED
	",\"to\":\"closed\",\"allowed\":[" REGISTERED "," IN_PROGRESS "]}";
static const char p409_unit[] =
	"{\"type\":\"urn:akt:problem:conflict\",\"title\":\"Conflict\","
	"\"status\":409,\"detail\":\"officer sara is not in the case's "
	"unit\"}";
static const char p400_officer[] =
	"{\"type\":\"urn:akt:problem:bad-request\",\"title\":\"Bad request\","
	"\"status\":400,\"detail\":\"no officer nobody\",\"field\":"
	"\"officer\"}";

static void refusals(void **state)
{
	struct fake f;
	char *s;

	(void)state;
	set_tz("UTC");
	fake_reply(&f, 412, p412, "the case was changed");
	s = act_refusal(&f.r, ACT_STATUS, "sv", nov23);
	assert_string_equal(s, "changed by erik at 14:02 since you loaded it");
	free(s);
	fake_clear(&f);

	fake_reply(&f, 409, p409, "status change not allowed");
	s = act_refusal(&f.r, ACT_STATUS, "sv", nov23);
	assert_string_equal(s, "not allowed from Inskickat (allowed: "
			    "Registrerat, Under handläggning)");
	free(s);
	s = act_refusal(&f.r, ACT_STATUS, "en", nov23);
	assert_string_equal(s, "not allowed from Submitted (allowed: "
			    "Registered, In progress)");
	free(s);
	fake_clear(&f);

	fake_reply(&f, 409, p409_unit, "officer sara is not in the case's unit");
	s = act_refusal(&f.r, ACT_ASSIGN, "sv", nov23);
	assert_string_equal(s, "not an officer of the case's unit");
	free(s);
	fake_clear(&f);

	fake_reply(&f, 400, p400_officer, "no officer nobody");
	s = act_refusal(&f.r, ACT_ASSIGN, "sv", nov23);
	assert_string_equal(s, "there is no such officer");
	free(s);
	fake_clear(&f);

	/* 403, 404, 410: the session's message, one line */
	fake_reply(&f, 403, NULL, "not allowed: the case is in another unit\n"
		   "second line");
	s = act_refusal(&f.r, ACT_STATUS, "sv", nov23);
	assert_null(strchr(s, '\n'));
	assert_non_null(strstr(s, "the case is in another unit"));
	free(s);
	fake_clear(&f);

	fake_reply(&f, 428, NULL, NULL);
	s = act_refusal(&f.r, ACT_HOLD, "sv", nov23);
	assert_non_null(strstr(s, "If-Match"));
	free(s);
	fake_clear(&f);

	fake_reply(&f, 0, NULL, NULL);
	f.r.result = AKT_E_UNREACHABLE;
	s = act_refusal(&f.r, ACT_HOLD, "sv", nov23);
	assert_string_equal(s, "no answer from the platform");
	free(s);
	fake_clear(&f);
}

/* ---- the report ---------------------------------------------------- */

static void report_title(void **state)
{
	char *s;

	(void)state;
	s = act_report_title(ACT_STATUS, "Avslutat", 2, 3);
	assert_string_equal(s, "Status change to Avslutat: 2 of 3 changed");
	free(s);
	s = act_report_title(ACT_ASSIGN, "Anna Lindqvist", 4, 4);
	assert_string_equal(s, "Assign to Anna Lindqvist: 4 of 4 assigned");
	free(s);
	s = act_report_title(ACT_UNASSIGN, "Erik Sandberg", 0, 2);
	assert_string_equal(s, "Unassign Erik Sandberg: 0 of 2 unassigned");
	free(s);
}

static void report_lines(void **state)
{
	struct act_outcome o[3] = {
		{ "BYGG-2026-000123", true, NULL },
		{ "FSK-2026-000007", false,
		  (char *)"changed by erik at 14:02 since you loaded it" },
		{ "BYGG-2026-000124", false,
		  (char *)"not allowed from Inskickat (allowed: Registrerat, "
			  "Under handläggning)" },
	};
	char *s;

	(void)state;
	/* wide enough: one line each, reasons in one column */
	s = act_report_text(o, 3, 200);
	assert_string_equal(s,
		"BYGG-2026-000123  OK\n"
		"FSK-2026-000007   changed by erik at 14:02 since you loaded it\n"
		"BYGG-2026-000124  not allowed from Inskickat (allowed: "
		"Registrerat, Under handläggning)\n");
	free(s);
	/* 60 columns: the long reason goes on under itself, at a space */
	s = act_report_text(o, 3, 60);
	assert_string_equal(s,
		"BYGG-2026-000123  OK\n"
		"FSK-2026-000007   changed by erik at 14:02 since you loaded\n"
		"                  it\n"
		"BYGG-2026-000124  not allowed from Inskickat (allowed:\n"
		"                  Registrerat, Under handläggning)\n");
	free(s);
}

static void report_sanitized(void **state)
{
	struct act_outcome o[2] = {
		{ "BYGG-\x1b[31m1", false, (char *)"bad\x1b]0;t\a\nthing" },
		{ "X", false, NULL },
	};
	char *s;

	(void)state;
	s = act_report_text(o, 2, 80);
	assert_null(strchr(s, '\x1b'));
	assert_null(strchr(s, '\a'));
	/* exactly one line per case */
	assert_int_equal(strchr(strchr(s, '\n') + 1, '\n')[1], '\0');
	/* a failure without a reason still says so */
	assert_non_null(strstr(s, "\nX "));
	assert_non_null(strstr(s, " not changed\n"));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(targets_union_counts),
		cmocka_unit_test(target_labels),
		cmocka_unit_test(assignees_union),
		cmocka_unit_test(changed_since),
		cmocka_unit_test(changer_from_events),
		cmocka_unit_test(refusals),
		cmocka_unit_test(report_title),
		cmocka_unit_test(report_lines),
		cmocka_unit_test(report_sanitized),
	};

	setlocale(LC_ALL, "C.UTF-8");
	unsetenv("LANGUAGE");
	return cmocka_run_group_tests(tests, NULL, NULL);
}

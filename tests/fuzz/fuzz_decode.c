/*
 * fuzz_decode.c — every decoder of platform JSON. The first byte picks
 * the decoder (a letter, see the table; any other byte picks by its
 * value), the rest is the body as the session reads it. Each decoder
 * must return with everything it allocated freed by its clear function,
 * and report a failure with a message. What the client then does with
 * a decoded value without a terminal is run too: event descriptions,
 * the problem texts, the lookups, and the --json text, which must be
 * the same JSON and harmless for a terminal.
 */
#include "fuzz.h"

#include "akt/case.h"
#include "akt/conflict.h"
#include "akt/eservice.h"
#include "akt/event.h"
#include "akt/json_text.h"
#include "akt/note.h"
#include "akt/oauth.h"
#include "akt/officer.h"
#include "akt/platform.h"
#include "akt/problem.h"
#include "akt/queue.h"
#include "akt/retention.h"
#include "akt/reveal.h"
#include "akt/sanitize.h"
#include "akt/status.h"
#include "akt/thread.h"
#include "akt/transition.h"
#include "akt/unit.h"

#include <string.h>

/* A decoder's answer: on failure there is a message, and it is freed.
 * (A pointer, so that it is read after the decoder ran.) */
static void done(bool ok, char **err)
{
	FUZZ_CHECK(ok || *err);
	free(*err);
	*err = NULL;
}

static void officer_refs(const json_t *j)
{
	struct akt_officer_ref *refs = NULL;
	size_t n = 0;
	char *err = NULL;

	done(akt_officer_ref_list_decode(j, &refs, &n, &err), &err);
	akt_officer_ref_list_free(&refs, &n);
}

static void case_summary(const json_t *j)
{
	struct akt_case_summary c;
	char *err = NULL;

	memset(&c, 0, sizeof(c));
	done(akt_case_summary_decode(j, &c, &err), &err);
	akt_case_summary_clear(&c);
}

static void case_detail(const json_t *j)
{
	struct akt_case c;
	char *err = NULL;

	memset(&c, 0, sizeof(c));
	done(akt_case_decode(j, &c, &err), &err);
	akt_case_clear(&c);
}

static void case_page(const json_t *j)
{
	struct akt_case_page p;
	char *err = NULL;

	memset(&p, 0, sizeof(p));
	done(akt_case_page_decode(j, &p, &err), &err);
	akt_case_page_clear(&p);
}

static void eservice(const json_t *j)
{
	struct akt_eservice e;
	char *err = NULL;

	memset(&e, 0, sizeof(e));
	done(akt_eservice_decode(j, &e, &err), &err);
	akt_eservice_clear(&e);
}

static void eservice_list(const json_t *j)
{
	struct akt_eservice_list l;
	char *err = NULL;
	bool ok;

	memset(&l, 0, sizeof(l));
	ok = akt_eservice_list_decode(j, &l, &err);
	done(ok, &err);
	if (ok) {
		akt_eservice_find(&l, "bygglov");
		akt_eservice_find(&l, "BYGG");
	}
	akt_eservice_list_clear(&l);
}

static void describe(const struct akt_event *e)
{
	free(akt_event_describe(e, "sv"));
	free(akt_event_describe(e, "en"));
	akt_event_data_int(e, "from");
	akt_event_data_int(e, "note_id");
}

static void event(const json_t *j)
{
	struct akt_event e;
	char *err = NULL;
	bool ok;

	memset(&e, 0, sizeof(e));
	ok = akt_event_decode(j, &e, &err);
	done(ok, &err);
	if (ok)
		describe(&e);
	akt_event_clear(&e);
}

static void event_pages(const json_t *j, bool feed)
{
	struct akt_event_page p;
	char *err = NULL;
	bool ok;

	memset(&p, 0, sizeof(p));
	ok = feed ? akt_feed_decode(j, &p, &err) :
		    akt_event_page_decode(j, &p, &err);
	done(ok, &err);
	if (ok)
		for (size_t i = 0; i < p.n; i++)
			describe(&p.items[i]);
	akt_event_page_clear(&p);
}

static void event_page(const json_t *j)
{
	event_pages(j, false);
}

static void feed(const json_t *j)
{
	event_pages(j, true);
}

static void note(const json_t *j)
{
	struct akt_note n;
	char *err = NULL;

	memset(&n, 0, sizeof(n));
	done(akt_note_decode(j, &n, &err), &err);
	akt_note_clear(&n);
}

static void note_page(const json_t *j)
{
	struct akt_note_page p;
	char *err = NULL;

	memset(&p, 0, sizeof(p));
	done(akt_note_page_decode(j, &p, &err), &err);
	akt_note_page_clear(&p);
}

static void receipts(const json_t *j)
{
	struct akt_receipt_list l;
	char *err = NULL;

	memset(&l, 0, sizeof(l));
	done(akt_receipt_list_decode(j, &l, &err), &err);
	akt_receipt_list_clear(&l);
}

static void officer(const json_t *j)
{
	struct akt_officer o;
	char *err = NULL;
	bool ok;

	memset(&o, 0, sizeof(o));
	ok = akt_officer_decode(j, &o, &err);
	done(ok, &err);
	if (ok)
		akt_officer_has_scope(&o, "pin:reveal");
	akt_officer_clear(&o);
}

static void platform(const json_t *j)
{
	struct akt_platform p;
	char *err = NULL;
	bool ok;

	memset(&p, 0, sizeof(p));
	ok = akt_platform_decode(j, &p, &err);
	done(ok, &err);
	if (ok)
		akt_platform_has_grant(&p, "password");
	akt_platform_clear(&p);
}

/* Error bodies are read leniently: anything goes, nothing fails. */
static void problem(const json_t *j)
{
	struct akt_problem p;
	const char *user, *name, *at;

	akt_problem_decode(j, &p);
	akt_problem_text(&p);
	akt_problem_clear(&p);
	free(akt_not_allowed_problem(j, "sv"));
	free(akt_not_allowed_problem(j, "en"));
	free(akt_changed_text("BYGG-2026-000001", j, 1790000000));
	akt_changed_by(j, &user, &name, &at);
}

static void queue(const json_t *j)
{
	struct akt_queue q;
	char *err = NULL;

	memset(&q, 0, sizeof(q));
	done(akt_queue_decode(j, &q, &err), &err);
	akt_queue_clear(&q);
}

static void queue_list(const json_t *j)
{
	struct akt_queue_list l;
	char *err = NULL;

	memset(&l, 0, sizeof(l));
	done(akt_queue_list_decode(j, &l, &err), &err);
	akt_queue_list_clear(&l);
}

static void policy(const json_t *j)
{
	struct akt_retention_policy p;
	char *err = NULL;

	memset(&p, 0, sizeof(p));
	done(akt_retention_policy_decode(j, &p, &err), &err);
	akt_retention_policy_clear(&p);
}

static void policy_list(const json_t *j)
{
	struct akt_retention_policy_list l;
	char *err = NULL;
	bool ok;

	memset(&l, 0, sizeof(l));
	ok = akt_retention_policy_list_decode(j, &l, &err);
	done(ok, &err);
	if (ok)
		akt_retention_policy_find(&l, "bygglov");
	akt_retention_policy_list_clear(&l);
}

static void upcoming(const json_t *j)
{
	struct akt_upcoming_page p;
	char *err = NULL;

	memset(&p, 0, sizeof(p));
	done(akt_upcoming_page_decode(j, &p, &err), &err);
	akt_upcoming_page_clear(&p);
}

static void purge_log(const json_t *j)
{
	struct akt_purge_log_page p;
	char *err = NULL;

	memset(&p, 0, sizeof(p));
	done(akt_purge_log_page_decode(j, &p, &err), &err);
	akt_purge_log_page_clear(&p);
}

static void status_list(const json_t *j)
{
	struct akt_status_list l;
	char *err = NULL;
	bool ok;

	memset(&l, 0, sizeof(l));
	ok = akt_status_list_decode(j, &l, &err);
	done(ok, &err);
	if (ok) {
		akt_status_find(&l, "registered");
		akt_status_find(&l, "Registrerat");
	}
	akt_status_list_clear(&l);
}

/* The decoders used inside others, on their own. */
static void status_unit_names(const json_t *j)
{
	struct akt_status s;
	struct akt_unit u;
	struct akt_names n;
	char *err = NULL;
	struct akt_dec d = { "status", "", &err };

	memset(&s, 0, sizeof(s));
	done(akt_status_decode(&d, j, &s), &err);
	akt_status_clear(&s);
	memset(&u, 0, sizeof(u));
	done(akt_unit_decode(&d, j, &u), &err);
	akt_unit_clear(&u);
	memset(&n, 0, sizeof(n));
	done(akt_names_decode(&d, j, &n), &err);
	akt_names_clear(&n);
}

static void message(const json_t *j)
{
	struct akt_message m;
	char *err = NULL;

	memset(&m, 0, sizeof(m));
	done(akt_message_decode(j, &m, &err), &err);
	akt_message_clear(&m);
}

static void thread(const json_t *j)
{
	struct akt_thread t;
	char *err = NULL;

	memset(&t, 0, sizeof(t));
	done(akt_thread_decode(j, &t, &err), &err);
	akt_thread_clear(&t);
}

static void thread_list(const json_t *j)
{
	struct akt_thread_list l;
	char *err = NULL;

	memset(&l, 0, sizeof(l));
	done(akt_thread_list_decode(j, &l, &err), &err);
	akt_thread_list_clear(&l);
}

static void transitions(const json_t *j)
{
	struct akt_transitions t;
	char *err = NULL;
	bool ok;

	memset(&t, 0, sizeof(t));
	ok = akt_transitions_decode(j, &t, &err);
	done(ok, &err);
	if (ok)
		akt_transitions_find(&t, "in_progress");
	akt_transitions_clear(&t);
}

static void reveal(const json_t *j)
{
	int64_t party = 0;
	char *number = NULL, *err = NULL;

	done(akt_reveal_decode(j, &party, &number, &err), &err);
	free(number);
}

static void device(const json_t *j)
{
	struct akt_device_auth d;
	char *err = NULL;

	memset(&d, 0, sizeof(d));
	done(akt_oauth_device_decode(j, &d, &err), &err);
	akt_oauth_device_clear(&d);
}

static void grant(const json_t *j)
{
	struct akt_tokens t;
	char *err = NULL;

	memset(&t, 0, sizeof(t));
	done(akt_oauth_grant_decode(j, 1790000000, &t, &err), &err);
	akt_tokens_clear(&t);
}

static const struct {
	char key;
	void (*fn)(const json_t *j);
} decoders[] = {
	{ 'a', officer_refs }, { 'b', case_summary }, { 'c', case_detail },
	{ 'd', case_page }, { 'e', eservice }, { 'f', eservice_list },
	{ 'g', event }, { 'h', event_page }, { 'i', feed }, { 'j', note },
	{ 'k', note_page }, { 'l', receipts }, { 'm', officer },
	{ 'n', platform }, { 'o', problem }, { 'p', queue },
	{ 'q', queue_list }, { 'r', policy }, { 's', policy_list },
	{ 't', upcoming }, { 'u', purge_log }, { 'v', status_list },
	{ 'w', status_unit_names }, { 'x', message }, { 'y', thread },
	{ 'z', thread_list }, { 'A', transitions }, { 'B', reveal },
	{ 'C', device }, { 'D', grant },
};

/* The --json text: the same value, and nothing a terminal acts on. */
static void json_text(const json_t *j)
{
	char *text = akt_json_text(j), *clean;
	json_t *back;
	unsigned found = 0;

	back = json_loads(text, JSON_DECODE_ANY, NULL);
	FUZZ_CHECK(back && json_equal(j, back));
	json_decref(back);
	clean = akt_sanitize(text, strlen(text), 0, &found);
	/* long runs of combining marks are left in: they are exact text
	 * and cannot act on a terminal */
	FUZZ_CHECK((found & ~(unsigned)AKT_FOUND_MARKS) == 0);
	free(clean);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = sizeof(decoders) / sizeof(decoders[0]), pick;
	json_t *j;

	if (size == 0)
		return 0;
	pick = data[0] % n;
	for (size_t i = 0; i < n; i++)
		if (decoders[i].key == (char)data[0])
			pick = i;
	/* as the session reads a body */
	j = json_loadb((const char *)data + 1, size - 1,
		       JSON_REJECT_DUPLICATES, NULL);
	if (!j)
		return 0;
	decoders[pick].fn(j);
	json_text(j);
	json_decref(j);
	return 0;
}

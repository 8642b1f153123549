/*
 * test_feed.c — the change feed follower (src/feed.c) against a real
 * akt-sandbox: it starts at "now", changes made by others arrive within
 * seconds, a failing platform is reported and then recovered from
 * without losing an event, more events than one answer holds all
 * arrive, an idle feed sends one request per wait, and a poke asks
 * again at once.
 */
#include "officer.h"

#include "akt/feed.h"

#include <stdlib.h>

static struct sb *S;

static int group_setup(void **state)
{
	int rc = group_start(state, "");

	S = *state;
	return rc;
}

#define MAX_SEEN 512

/* What the callbacks saw, in order. */
struct seen {
	int n;
	struct {
		char type[48];
		int64_t case_id;
		int64_t seq;
		int64_t at_ms;       /* loop clock when it arrived */
		int after_states;    /* state callbacks before it */
	} ev[MAX_SEEN];
	int nstates;
	char states[32][256];    /* "" for NULL */
};

static void on_event(const struct akt_event *e, void *arg)
{
	struct seen *w = arg;

	if (w->n < MAX_SEEN) {
		snprintf(w->ev[w->n].type, sizeof(w->ev[0].type), "%s", e->type);
		w->ev[w->n].case_id = e->case_id;
		w->ev[w->n].seq = strtoll(e->seq, NULL, 10);
		w->ev[w->n].at_ms = akt_loop_now();
		w->ev[w->n].after_states = w->nstates;
	}
	w->n++;
}

static void on_state(const char *error, void *arg)
{
	struct seen *w = arg;

	if (w->nstates < 32)
		snprintf(w->states[w->nstates], sizeof(w->states[0]), "%s",
			 error ? error : "");
	w->nstates++;
}

/* Index of the first event of type about case id, or -1. */
static int find(const struct seen *w, const char *type, int64_t id)
{
	for (int i = 0; i < w->n && i < MAX_SEEN; i++)
		if (w->ev[i].case_id == id && strcmp(w->ev[i].type, type) == 0)
			return i;
	return -1;
}

static int count(const struct seen *w, const char *type, int64_t id)
{
	int n = 0;

	for (int i = 0; i < w->n && i < MAX_SEEN; i++)
		n += w->ev[i].case_id == id && strcmp(w->ev[i].type, type) == 0;
	return n;
}

/* Turn the loop until the event came (or ms passed); its index. */
static int wait_event(struct officer *o, const struct seen *w,
		      const char *type, int64_t id, long ms)
{
	int64_t end = akt_loop_now() + ms;
	int i;

	while ((i = find(w, type, id)) < 0 && akt_loop_now() < end)
		akt_loop_run_once(o->loop, 20);
	return i;
}

/* Turn the loop until the feed has sent n requests. */
static void wait_requests(struct officer *o, struct akt_feed *f,
			  unsigned long n)
{
	int64_t end = akt_loop_now() + 5000;

	while (akt_feed_requests(f) < n && akt_loop_now() < end)
		akt_loop_run_once(o->loop, 20);
	assert_int_equal(akt_feed_requests(f), n);
}

static void citizen_message(int64_t id, const char *body)
{
	struct http_resp *r = sb_post_json(
		S, "/v1/sandbox/citizen/messages",
		sb_fmt(S, "{\"case\":\"%lld\",\"body\":\"%s\"}", (long long)id,
		       body));

	expect_status(r, 201);
	http_free(r);
}

/* Started at "now": what happened before is not replayed; a new case, a
 * citizen's message and a status change made elsewhere arrive within a
 * few seconds each, oldest first. */
static void test_events_arrive(void **state)
{
	struct officer o;
	struct seen *w = calloc(1, sizeof(*w));
	struct akt_feed *f;
	int64_t before, id, t;
	int created, msg, moved;

	officer_start(&o, S, "anna");
	before = citizen_case(S, "bygglov", NULL, NULL);
	f = akt_feed_new(o.s, on_event, on_state, w);
	akt_feed_set_wait(f, 10);
	akt_feed_start(f);
	wait_requests(&o, f, 2);     /* "now" is known; the long poll waits */
	assert_true(akt_feed_polling(f));

	t = akt_loop_now();
	id = citizen_case(S, "bygglov", NULL, NULL);
	created = wait_event(&o, w, "case.created", id, 5000);
	assert_true(created >= 0);
	assert_true(w->ev[created].at_ms - t < 3000);

	t = akt_loop_now();
	citizen_message(id, "Hej, hur går det?");
	msg = wait_event(&o, w, "message.created", id, 5000);
	assert_true(msg > created);
	assert_true(w->ev[msg].at_ms - t < 3000);

	t = akt_loop_now();
	case_move(S, login(S, "anna"), id, "registered");
	moved = wait_event(&o, w, "case.status_changed", id, 5000);
	assert_true(moved > msg);
	assert_true(w->ev[moved].at_ms - t < 3000);
	assert_true(w->ev[moved].seq > w->ev[msg].seq &&
		    w->ev[msg].seq > w->ev[created].seq);

	assert_int_equal(find(w, "case.created", before), -1);
	assert_int_equal(w->nstates, 0);
	akt_feed_free(&f);
	assert_null(f);
	officer_stop(&o);
	free(w);
}

/* The platform fails (503) until it is fixed: the state says so, the
 * event made meanwhile arrives after the state is cleared, once. A
 * broken answer is a failure too, and the events behind it still come. */
static void test_failure_and_recovery(void **state)
{
	struct officer o;
	struct seen *w = calloc(1, sizeof(*w));
	struct akt_feed *f;
	int64_t id, busy, t;
	int moved, msg;

	officer_start(&o, S, "anna");
	id = citizen_case(S, "bygglov", NULL, NULL);
	f = akt_feed_new(o.s, on_event, on_state, w);
	akt_feed_set_wait(f, 1);
	akt_feed_start(f);
	wait_requests(&o, f, 2);
	busy = fault_add(S, "{\"path\":\"/v1/feed\",\"status\":503,"
			 "\"retry_after\":0}");
	/* the poll under way ends after its second; the next one fails */
	t = akt_loop_now();
	while (w->nstates == 0 && akt_loop_now() - t < 5000)
		akt_loop_run_once(o.loop, 20);
	assert_int_equal(w->nstates, 1);
	assert_non_null(strstr(w->states[0], "HTTP 503"));
	assert_true(fault_fired(S, busy) >= 2);    /* retried by http first */

	case_move(S, login(S, "anna"), id, "registered");
	loop_run_for(o.loop, 300);
	assert_int_equal(find(w, "case.status_changed", id), -1);
	sb_faults_clear(S);
	moved = wait_event(&o, w, "case.status_changed", id, 8000);
	assert_true(moved >= 0);
	assert_true(w->nstates >= 2);
	assert_string_equal(w->states[w->nstates - 1], "");
	for (int i = 0; i < w->nstates - 1; i++)
		assert_string_not_equal(w->states[i], "");
	assert_int_equal(w->ev[moved].after_states, w->nstates);

	/* an answer of the wrong shape: reported, and what it hid comes after */
	fault_add(S, "{\"path\":\"/v1/feed\",\"wrong_shape\":true,\"times\":1}");
	loop_run_for(o.loop, 1500);    /* the poll under way ends, then the
					* broken one */
	citizen_message(id, "Finns det något nytt?");
	msg = wait_event(&o, w, "message.created", id, 8000);
	assert_true(msg > moved);
	assert_non_null(strstr(w->states[w->nstates - 2], "not understood"));
	assert_string_equal(w->states[w->nstates - 1], "");
	assert_int_equal(count(w, "case.status_changed", id), 1);
	assert_int_equal(count(w, "message.created", id), 1);
	akt_feed_free(&f);
	officer_stop(&o);
	free(w);
}

/* More events than one answer holds (100): every one arrives, in
 * order. */
static void test_many_events(void **state)
{
	struct officer o;
	struct seen *w = calloc(1, sizeof(*w));
	struct akt_feed *f;
	int64_t id = citizen_case(S, "bygglov", NULL, NULL), end;
	const int n = 150;

	officer_start(&o, S, "anna");
	f = akt_feed_new(o.s, on_event, on_state, w);
	akt_feed_set_wait(f, 5);
	akt_feed_start(f);
	wait_requests(&o, f, 2);
	for (int i = 0; i < n; i++)
		citizen_message(id, sb_fmt(S, "meddelande %d", i));
	end = akt_loop_now() + 8000;
	while (count(w, "message.created", id) < n && akt_loop_now() < end)
		akt_loop_run_once(o.loop, 20);
	assert_int_equal(count(w, "message.created", id), n);
	for (int i = 1; i < w->n; i++)
		assert_true(w->ev[i].seq > w->ev[i - 1].seq);
	akt_feed_free(&f);
	officer_stop(&o);
	free(w);
}

/* Idle, the feed sends one request per wait and nothing in between: the
 * platform's own count says so. */
static void test_idle_is_one_request(void **state)
{
	struct officer o;
	struct seen *w = calloc(1, sizeof(*w));
	struct akt_feed *f;
	int64_t counter;

	officer_start(&o, S, "anna");
	counter = fault_add(S, "{\"path\":\"/v1/feed\",\"latency_ms\":1}");
	f = akt_feed_new(o.s, on_event, on_state, w);
	akt_feed_set_wait(f, 4);
	akt_feed_start(f);
	wait_requests(&o, f, 2);
	loop_run_for(o.loop, 3000);
	assert_int_equal(akt_feed_requests(f), 2);
	assert_int_equal(fault_fired(S, counter), 2);
	loop_run_for(o.loop, 2000);    /* the wait of 4 s is over */
	assert_int_equal(akt_feed_requests(f), 3);
	assert_int_equal(fault_fired(S, counter), 3);
	assert_int_equal(w->nstates, 0);
	akt_feed_free(&f);
	officer_stop(&o);
	free(w);
}

/* A poke gives up a poll that has waited a while and asks again at
 * once; a fresh poll is kept. Events still come after it. */
static void test_poke(void **state)
{
	struct officer o;
	struct seen *w = calloc(1, sizeof(*w));
	struct akt_feed *f;
	int64_t id;

	officer_start(&o, S, "anna");
	f = akt_feed_new(o.s, on_event, on_state, w);
	akt_feed_set_wait(f, 30);
	akt_feed_start(f);
	wait_requests(&o, f, 2);
	akt_feed_poke(f);
	assert_int_equal(akt_feed_requests(f), 2);
	loop_run_for(o.loop, 1200);
	akt_feed_poke(f);
	assert_int_equal(akt_feed_requests(f), 3);
	assert_true(akt_feed_polling(f));
	assert_int_equal(akt_session_inflight(o.s), 1);
	id = citizen_case(S, "bygglov", NULL, NULL);
	assert_true(wait_event(&o, w, "case.created", id, 5000) >= 0);
	assert_int_equal(count(w, "case.created", id), 1);
	akt_feed_free(&f);
	assert_int_equal(akt_session_inflight(o.s), 0);
	officer_stop(&o);
	free(w);
}

#define T(name) cmocka_unit_test_teardown(name, faults_clear)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_events_arrive),
		T(test_failure_and_recovery),
		T(test_many_events),
		T(test_idle_is_one_request),
		T(test_poke),
	};

	return cmocka_run_group_tests_name("engine feed", tests, group_setup,
					   group_stop);
}

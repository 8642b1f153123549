/*
 * test_session_net.c — what the full-screen client needs of a session
 * beyond plain calls (src/session.c, src/http.c), against a real
 * akt-sandbox: long polls that outlive the stall timeout and end at
 * their own, the connection state for the status bar (retrying, offline,
 * online) under injected faults, the count of calls in flight, and
 * cancelling calls by their callback argument — in flight, waiting for a
 * renewed login, and from inside another call's callback.
 */
#include "officer.h"

#include <stdlib.h>

static struct sb *S;

static int group_setup(void **state)
{
	int rc = group_start(state, "");

	S = *state;
	return rc;
}

/* One attempt only: a failure is final at once. */
static const struct akt_retry_policy no_retry = { 1, 10, 20, 2000 };

struct got {
	bool done;
	int calls;
	enum akt_result result;
	int status;
	char error[256];
	int64_t ms;          /* from the call to its answer */
	int64_t sent;
	/* for test_cancel_from_callback */
	struct akt_session *s;
	const void *cancel;
};

static void on_reply(const struct akt_reply *r, void *arg)
{
	struct got *g = arg;

	g->done = true;
	g->calls++;
	g->result = r->result;
	g->status = r->status;
	snprintf(g->error, sizeof(g->error), "%s", r->error ? r->error : "");
	g->ms = akt_loop_now() - g->sent;
	if (g->cancel)
		akt_session_cancel_arg(g->s, g->cancel);
}

static void call_ex(struct officer *o, const char *path, bool long_poll,
		    long timeout_ms, struct got *g)
{
	struct akt_call c = { .method = "GET", .path = path,
			      .long_poll = long_poll, .timeout_ms = timeout_ms,
			      .no_cache = true };

	g->sent = akt_loop_now();
	akt_session_call(o->s, &c, on_reply, g);
}

static void call(struct officer *o, const char *path, struct got *g)
{
	call_ex(o, path, false, 0, g);
}

/* The feed's position now, for a long poll that waits. */
static const char *feed_cursor(const char *token)
{
	struct http_resp *r = api_get(S, "/v1/feed", token);

	expect_status(r, 200);
	assert_non_null(jstr(r->json, "cursor"));
	return jstr(r->json, "cursor");
}

/* ---- long polls --------------------------------------------------- */

/* A stall timeout of 1 s ends a silent request; a long poll is silent
 * for 3 s and still gets its answer. */
static void test_long_poll_outlives_stall(void **state)
{
	struct officer o;
	struct got lp = { .done = false }, plain = { .done = false };
	const char *path;

	officer_start(&o, S, "anna");
	o.cfg.low_speed_time = 1;
	akt_session_set_retry(o.s, &no_retry);
	path = sb_fmt(S, "/v1/feed?cursor=%s&wait=3",
		      feed_cursor(login(S, "anna")));
	call_ex(&o, path, true, 10000, &lp);
	call(&o, path, &plain);
	assert_true(officer_wait(&o, &plain.done, 5000));
	assert_int_equal(plain.result, AKT_E_UNREACHABLE);
	assert_non_null(strstr(plain.error, "stopped sending"));
	assert_true(plain.ms < 2900);
	assert_true(officer_wait(&o, &lp.done, 8000));
	assert_int_equal(lp.result, AKT_OK);
	assert_int_equal(lp.status, 200);
	assert_true(lp.ms >= 2500);
	officer_stop(&o);
}

/* A long poll as the session's very first request (no connection to
 * reuse yet) holds up no other call. */
static void test_long_poll_holds_up_nothing(void **state)
{
	struct officer o;
	struct got lp = { .done = false }, me = { .done = false };

	officer_start(&o, S, "anna");
	call_ex(&o, sb_fmt(S, "/v1/feed?cursor=%s&wait=3",
			   feed_cursor(login(S, "anna"))), true, 10000, &lp);
	loop_run_for(o.loop, 200);
	call(&o, "/v1/me", &me);
	assert_true(officer_wait(&o, &me.done, 5000));
	assert_int_equal(me.result, AKT_OK);
	assert_true(me.ms < 1000);
	assert_false(lp.done);
	assert_true(officer_wait(&o, &lp.done, 5000));
	assert_int_equal(lp.result, AKT_OK);
	officer_stop(&o);
}

/* A long poll ends at its own overall timeout, not request_timeout. */
static void test_long_poll_timeout(void **state)
{
	struct officer o;
	struct got g = { .done = false };

	officer_start(&o, S, "anna");
	akt_session_set_retry(o.s, &no_retry);
	call_ex(&o, sb_fmt(S, "/v1/feed?cursor=%s&wait=10",
			   feed_cursor(login(S, "anna"))), true, 1500, &g);
	assert_true(officer_wait(&o, &g.done, 6000));
	assert_int_equal(g.result, AKT_E_UNREACHABLE);
	assert_non_null(strstr(g.error, "did not answer within 1 s"));
	assert_true(g.ms >= 1400 && g.ms < 4000);
	assert_int_equal(akt_session_net_state(o.s), AKT_NET_OFFLINE);
	officer_stop(&o);
}

/* ---- connection state --------------------------------------------- */

struct states {
	int n;
	enum akt_net_state st[16];
	long ms[16];
};

static void on_net(enum akt_net_state st, long retry_in_ms, void *arg)
{
	struct states *w = arg;

	if (w->n < 16) {
		w->st[w->n] = st;
		w->ms[w->n] = retry_in_ms;
	}
	w->n++;
}

static void test_net_retrying_then_online(void **state)
{
	struct officer o;
	struct states w = { 0 };
	struct got g = { .done = false };

	officer_start(&o, S, "anna");
	akt_session_set_net_observer(o.s, on_net, &w);
	assert_int_equal(akt_session_net_state(o.s), AKT_NET_ONLINE);
	fault_add(S, "{\"path\":\"/v1/me\",\"drop\":true,\"times\":1}");
	call(&o, "/v1/me", &g);
	assert_true(officer_wait(&o, &g.done, 5000));
	assert_int_equal(g.result, AKT_OK);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.st[0], AKT_NET_RETRYING);
	assert_true(w.ms[0] >= 5 && w.ms[0] <= 20);
	assert_int_equal(w.st[1], AKT_NET_ONLINE);
	officer_stop(&o);
}

/* Every attempt dropped: retrying, then offline; an answer brings it
 * back online, and further answers change nothing. */
static void test_net_offline_then_online(void **state)
{
	struct officer o;
	struct states w = { 0 };
	struct got a = { .done = false }, b = { .done = false },
		   c = { .done = false };
	int64_t drop;

	officer_start(&o, S, "anna");
	akt_session_set_net_observer(o.s, on_net, &w);
	drop = fault_add(S, "{\"path\":\"/v1/me\",\"drop\":true}");
	call(&o, "/v1/me", &a);
	assert_true(officer_wait(&o, &a.done, 5000));
	assert_int_equal(a.result, AKT_E_UNREACHABLE);
	assert_int_equal(a.status, 0);
	assert_int_equal(fault_fired(S, drop), 2);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.st[0], AKT_NET_RETRYING);
	assert_int_equal(w.st[1], AKT_NET_OFFLINE);
	assert_int_equal(akt_session_net_state(o.s), AKT_NET_OFFLINE);

	sb_faults_clear(S);
	call(&o, "/v1/me", &b);
	assert_true(officer_wait(&o, &b.done, 5000));
	assert_int_equal(b.result, AKT_OK);
	assert_int_equal(w.n, 3);
	assert_int_equal(w.st[2], AKT_NET_ONLINE);

	call(&o, "/v1/queues", &c);
	assert_true(officer_wait(&o, &c.done, 5000));
	assert_int_equal(w.n, 3);
	officer_stop(&o);
}

/* A busy platform (503, Retry-After: 1) is retried after a second,
 * and the status bar is told so. */
static void test_net_busy(void **state)
{
	struct officer o;
	struct states w = { 0 };
	struct got g = { .done = false };

	officer_start(&o, S, "anna");
	akt_session_set_net_observer(o.s, on_net, &w);
	fault_add(S, "{\"path\":\"/v1/me\",\"status\":503,\"times\":1}");
	call(&o, "/v1/me", &g);
	assert_true(officer_wait(&o, &g.done, 5000));
	assert_int_equal(g.result, AKT_OK);
	assert_true(g.ms >= 950);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.st[0], AKT_NET_RETRYING);
	assert_int_equal(w.ms[0], 1000);
	assert_int_equal(w.st[1], AKT_NET_ONLINE);
	officer_stop(&o);
}

/* ---- in flight and cancel ----------------------------------------- */

static void test_inflight_and_cancel(void **state)
{
	struct officer o;
	struct got a1 = { .done = false }, a2 = { .done = false },
		   b = { .done = false }, lp = { .done = false };

	officer_start(&o, S, "anna");
	fault_add(S, "{\"path\":\"/v1/me\",\"latency_ms\":500}");
	assert_int_equal(akt_session_inflight(o.s), 0);
	call(&o, "/v1/me", &a1);
	call(&o, "/v1/me", &a2);
	call(&o, "/v1/me", &b);
	call_ex(&o, sb_fmt(S, "/v1/feed?cursor=%s&wait=30",
			   feed_cursor(login(S, "anna"))), true, 45000, &lp);
	assert_int_equal(akt_session_inflight(o.s), 4);

	akt_session_cancel_arg(o.s, &a1);
	akt_session_cancel_arg(o.s, &a2);
	assert_int_equal(akt_session_inflight(o.s), 2);
	assert_true(officer_wait(&o, &b.done, 5000));
	assert_int_equal(b.result, AKT_OK);
	assert_int_equal(akt_session_inflight(o.s), 1);
	loop_run_for(o.loop, 700);
	assert_false(a1.done);
	assert_false(a2.done);

	akt_session_cancel_arg(o.s, &lp);
	assert_int_equal(akt_session_inflight(o.s), 0);
	loop_run_for(o.loop, 100);
	assert_false(lp.done);
	/* cancelling what is not there is harmless */
	akt_session_cancel_arg(o.s, &lp);
	officer_stop(&o);
}

/* A call waiting for the login to be renewed is dropped from the wait;
 * the renewal goes on for the others. */
static void test_cancel_while_waiting_for_renewal(void **state)
{
	struct officer o;
	struct got a = { .done = false }, b = { .done = false };
	int64_t tokens;
	struct http_resp *r;

	officer_start(&o, S, "anna");
	r = sb_post_json(S, "/v1/sandbox/tokens/expire", "{\"username\":\"anna\"}");
	expect_status(r, 200);
	tokens = fault_add(S, "{\"method\":\"POST\",\"path\":\"/v1/oauth/token\","
			   "\"latency_ms\":400}");
	call(&o, "/v1/me", &a);
	call(&o, "/v1/queues", &b);
	loop_until_fired(S, o.loop, tokens);
	assert_int_equal(akt_session_inflight(o.s), 2);
	akt_session_cancel_arg(o.s, &a);
	assert_int_equal(akt_session_inflight(o.s), 1);
	assert_true(officer_wait(&o, &b.done, 5000));
	assert_int_equal(b.result, AKT_OK);
	loop_run_for(o.loop, 300);
	assert_false(a.done);
	assert_int_equal(akt_session_inflight(o.s), 0);
	assert_int_equal(fault_fired(S, tokens), 1);
	officer_stop(&o);
}

/* The renewal fails and the waiting calls are answered one after the
 * other; the first to be answered cancels the other from its callback,
 * which is then never called. */
static void test_cancel_from_callback(void **state)
{
	struct officer o;
	struct got a = { .done = false }, b = { .done = false };
	struct http_resp *r;

	officer_start(&o, S, "anna");
	/* spend the session's refresh token elsewhere */
	r = form_post(S, "/v1/oauth/token",
		      sb_fmt(S, "grant_type=refresh_token&refresh_token=%s"
			     "&client_id=akt",
			     url_enc(S, akt_session_tokens(o.s)->refresh_token)));
	expect_status(r, 200);
	r = sb_post_json(S, "/v1/sandbox/tokens/expire", "{\"username\":\"anna\"}");
	expect_status(r, 200);
	fault_add(S, "{\"method\":\"POST\",\"path\":\"/v1/oauth/token\","
		  "\"latency_ms\":300}");
	a.s = b.s = o.s;
	a.cancel = &b;
	b.cancel = &a;
	call(&o, "/v1/me", &a);
	call(&o, "/v1/queues", &b);
	loop_run_for(o.loop, 1500);
	assert_int_equal(a.calls + b.calls, 1);
	assert_int_equal((a.done ? a.result : b.result), AKT_E_AUTH);
	assert_int_equal(akt_session_inflight(o.s), 0);
	officer_stop(&o);
}

#define T(name) cmocka_unit_test_teardown(name, faults_clear)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_long_poll_outlives_stall),
		T(test_long_poll_holds_up_nothing),
		T(test_long_poll_timeout),
		T(test_net_retrying_then_online),
		T(test_net_offline_then_online),
		T(test_net_busy),
		T(test_inflight_and_cancel),
		T(test_cancel_while_waiting_for_renewal),
		T(test_cancel_from_callback),
	};

	return cmocka_run_group_tests_name("engine session: net, cancel",
					   tests, group_setup, group_stop);
}

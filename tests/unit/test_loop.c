/*
 * test_loop.c — the event loop with pipes and timers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <unistd.h>

#include "akt/loop.h"

struct rec {
	char log[64];
	size_t n;
	int fds[2];
	struct akt_watch *w;
	struct akt_timer *t;
	int count;
};

static void mark(struct rec *r, char c)
{
	if (r->n + 1 < sizeof(r->log)) {
		r->log[r->n++] = c;
		r->log[r->n] = '\0';
	}
}

static void on_read(struct akt_watch *w, int fd, unsigned ev, void *arg)
{
	struct rec *r = arg;
	char c;

	assert_true(ev & AKT_EV_READ);
	assert_int_equal(read(fd, &c, 1), 1);
	mark(r, c);
	akt_watch_free(&r->w);      /* freeing itself inside its callback */
}

static void test_readable_fd_calls_back(void **state)
{
	struct akt_loop *loop = akt_loop_new();
	struct rec r = { .n = 0 };

	assert_int_equal(pipe(r.fds), 0);
	r.w = akt_watch_new(loop, r.fds[0], AKT_EV_READ, on_read, &r);
	assert_int_equal(write(r.fds[1], "x", 1), 1);
	assert_true(akt_loop_run_once(loop, 1000));
	assert_string_equal(r.log, "x");
	assert_null(r.w);
	/* nothing left to wait for */
	assert_false(akt_loop_run_once(loop, -1));
	close(r.fds[0]);
	close(r.fds[1]);
	akt_loop_free(&loop);
	assert_null(loop);
}

static void on_timer(struct akt_timer *t, void *arg)
{
	struct rec *r = arg;

	mark(r, (char)('0' + r->count++));
}

static void test_timers_fire_in_order(void **state)
{
	struct akt_loop *loop = akt_loop_new();
	struct rec a = { .n = 0 }, b = { .n = 0 };
	struct akt_timer *ta = akt_timer_new(loop, on_timer, &a);
	struct akt_timer *tb = akt_timer_new(loop, on_timer, &b);
	int64_t start = akt_loop_now();

	akt_timer_start(ta, 40);
	akt_timer_start(tb, 10);
	assert_true(akt_timer_active(ta));
	assert_true(akt_loop_run_once(loop, -1));
	assert_string_equal(b.log, "0");
	assert_string_equal(a.log, "");
	assert_true(akt_loop_run_once(loop, -1));
	assert_string_equal(a.log, "0");
	assert_true(akt_loop_now() - start >= 40);
	assert_false(akt_timer_active(ta));
	akt_timer_free(&ta);
	akt_timer_free(&tb);
	akt_loop_free(&loop);
}

static void rearm_zero(struct akt_timer *t, void *arg)
{
	struct rec *r = arg;

	r->count++;
	akt_timer_start(t, 0);
}

static void test_rearm_zero_does_not_spin(void **state)
{
	struct akt_loop *loop = akt_loop_new();
	struct rec r = { .n = 0 };
	struct akt_timer *t = akt_timer_new(loop, rearm_zero, &r);

	akt_timer_start(t, 0);
	assert_true(akt_loop_run_once(loop, -1));
	assert_int_equal(r.count, 1);
	assert_true(akt_loop_run_once(loop, -1));
	assert_int_equal(r.count, 2);
	akt_timer_free(&t);
	akt_loop_free(&loop);
}

static void stop_other(struct akt_timer *t, void *arg)
{
	struct rec *r = arg;

	mark(r, 's');
	akt_timer_free(&r->t);      /* freeing another, due, timer */
}

static void test_timer_freed_by_other_callback(void **state)
{
	struct akt_loop *loop = akt_loop_new();
	struct rec r = { .n = 0 };
	struct akt_timer *first = akt_timer_new(loop, stop_other, &r);

	r.t = akt_timer_new(loop, on_timer, &r);
	akt_timer_start(first, 0);
	akt_timer_start(r.t, 1);
	usleep(5000);
	assert_true(akt_loop_run_once(loop, 0));
	assert_string_equal(r.log, "s");
	assert_null(r.t);
	akt_timer_free(&first);
	akt_loop_free(&loop);
}

static void done_after(struct akt_timer *t, void *arg)
{
	*(bool *)arg = true;
}

static void test_run_until(void **state)
{
	struct akt_loop *loop = akt_loop_new();
	bool done = false;
	struct akt_timer *t = akt_timer_new(loop, done_after, &done);

	akt_timer_start(t, 5);
	assert_true(akt_loop_run_until(loop, &done));
	assert_true(done);
	done = false;
	assert_false(akt_loop_run_until(loop, &done));
	akt_timer_free(&t);
	akt_loop_free(&loop);
}

static void test_paused_watch_not_polled(void **state)
{
	struct akt_loop *loop = akt_loop_new();
	struct rec r = { .n = 0 };

	assert_int_equal(pipe(r.fds), 0);
	r.w = akt_watch_new(loop, r.fds[0], 0, on_read, &r);
	assert_int_equal(write(r.fds[1], "y", 1), 1);
	assert_false(akt_loop_run_once(loop, 10));
	akt_watch_set(r.w, AKT_EV_READ);
	assert_true(akt_loop_run_once(loop, 1000));
	assert_string_equal(r.log, "y");
	close(r.fds[0]);
	close(r.fds[1]);
	akt_loop_free(&loop);
}

/*
 * A callback that runs the loop itself (akt waiting for the officer's
 * editor) while new watches appear: the outer pass must still see its
 * own ready watches, with their own descriptors and events.
 */
struct nest {
	struct akt_loop *loop;
	int a[2], b[2], extra[8][2];
	struct akt_watch *wa, *wb, *wextra[8];
	char got_a, got_b;
	int inner;
};

static void on_extra(struct akt_watch *w, int fd, unsigned ev, void *arg)
{
	struct nest *n = arg;
	char c;

	assert_int_equal(read(fd, &c, 1), 1);
	n->inner++;
}

static void on_b(struct akt_watch *w, int fd, unsigned ev, void *arg)
{
	struct nest *n = arg;

	assert_int_equal(fd, n->b[0]);
	assert_int_equal(read(fd, &n->got_b, 1), 1);
}

static void on_a(struct akt_watch *w, int fd, unsigned ev, void *arg)
{
	struct nest *n = arg;

	assert_int_equal(fd, n->a[0]);
	assert_int_equal(read(fd, &n->got_a, 1), 1);
	/* more watches than the outer pass had room for, all ready */
	for (int i = 0; i < 8; i++) {
		assert_int_equal(pipe(n->extra[i]), 0);
		n->wextra[i] = akt_watch_new(n->loop, n->extra[i][0],
					     AKT_EV_READ, on_extra, n);
		assert_int_equal(write(n->extra[i][1], "e", 1), 1);
	}
	while (n->inner < 8)
		assert_true(akt_loop_run_once(n->loop, 1000));
}

static void test_nested_run(void **state)
{
	struct nest n = { .inner = 0 };

	n.loop = akt_loop_new();
	assert_int_equal(pipe(n.a), 0);
	assert_int_equal(pipe(n.b), 0);
	n.wa = akt_watch_new(n.loop, n.a[0], AKT_EV_READ, on_a, &n);
	n.wb = akt_watch_new(n.loop, n.b[0], AKT_EV_READ, on_b, &n);
	assert_int_equal(write(n.a[1], "A", 1), 1);
	assert_int_equal(write(n.b[1], "B", 1), 1);
	assert_true(akt_loop_run_once(n.loop, 1000));
	assert_int_equal(n.got_a, 'A');
	/* b, ready in the outer pass, is served once (by the inner pass),
	 * never again from the outer pass's stale poll — its callback
	 * would block reading an empty pipe — nor handed another
	 * descriptor */
	assert_int_equal(n.got_b, 'B');
	assert_int_equal(n.inner, 8);
	n.got_b = 0;
	assert_true(akt_loop_run_once(n.loop, 0));
	assert_int_equal(n.got_b, 0);
	for (int i = 0; i < 8; i++) {
		akt_watch_free(&n.wextra[i]);
		close(n.extra[i][0]);
		close(n.extra[i][1]);
	}
	akt_watch_free(&n.wa);
	akt_watch_free(&n.wb);
	close(n.a[0]);
	close(n.a[1]);
	close(n.b[0]);
	close(n.b[1]);
	akt_loop_free(&n.loop);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_readable_fd_calls_back),
		cmocka_unit_test(test_timers_fire_in_order),
		cmocka_unit_test(test_rearm_zero_does_not_spin),
		cmocka_unit_test(test_timer_freed_by_other_callback),
		cmocka_unit_test(test_run_until),
		cmocka_unit_test(test_paused_watch_not_polled),
		cmocka_unit_test(test_nested_run),
	};

	return cmocka_run_group_tests_name("loop", tests, NULL, NULL);
}

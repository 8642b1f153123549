/*
 * test_ui_req.c — the view stack's serials and the requests of views,
 * without a terminal or a platform: a closed view is never found again
 * (not even by a new view at its address), and a request given up
 * unheard tells its owner once, so nothing it holds is lost.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "../../src/ui_core.h"
#include "akt/config.h"
#include "akt/loop.h"
#include "akt/session.h"
#include "akt/xalloc.h"

static const struct ui_view_ops test_ops = { .name = "test" };

struct fixture {
	struct ui ui;
	struct akt_loop *loop;
	struct akt_config cfg;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->loop = akt_loop_new();
	akt_config_init(&f->cfg);
	f->ui.loop = f->loop;
	f->ui.session = akt_session_new(f->loop, &f->cfg);
	f->ui.p = xcalloc(1, sizeof(*f->ui.p));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	while (f->ui.view)
		ui_pop(&f->ui);
	ui_req_drop(&f->ui, NULL, true);
	ui_req_free_all(&f->ui);
	free(f->ui.p);
	akt_session_free(&f->ui.session);
	akt_loop_free(&f->loop);
	akt_config_clear(&f->cfg);
	free(f);
	return 0;
}

static struct ui_view *push(struct ui *ui)
{
	struct ui_view *v = xcalloc(1, sizeof(*v));

	v->ops = &test_ops;
	ui_push(ui, v);
	return v;
}

static unsigned heard, dropped;

static void on_reply(struct ui_view *v, const struct akt_reply *r, void *arg)
{
	(void)v;
	(void)r;
	(void)arg;
	heard++;
}

static void on_drop(void *arg)
{
	assert_non_null(arg);
	dropped++;
}

static void closed_view_is_not_found(void **state)
{
	struct fixture *f = *state;
	struct ui_view *a = push(&f->ui), *b, *c;
	unsigned sa = a->serial;

	assert_int_not_equal(sa, 0);
	b = push(&f->ui);
	assert_ptr_equal(ui_view_find(&f->ui, sa), a);
	assert_ptr_equal(ui_view_find(&f->ui, b->serial), b);
	ui_pop(&f->ui);                   /* b */
	ui_pop(&f->ui);                   /* a */
	/* a new view, quite likely at a's address */
	c = push(&f->ui);
	assert_int_not_equal(c->serial, sa);
	assert_null(ui_view_find(&f->ui, sa));
	assert_ptr_equal(ui_view_find(&f->ui, c->serial), c);
	assert_null(ui_view_find(&f->ui, 0));
}

static void kept_request_dropped_once_on_close(void **state)
{
	struct fixture *f = *state;
	struct ui_view *v;
	struct ui_req *r;
	struct akt_reply reply = { .result = AKT_OK };
	int token;

	push(&f->ui);                     /* something stays open */
	v = push(&f->ui);
	heard = dropped = 0;
	r = ui_req_new(v, on_reply, &token);
	ui_req_keep(r);
	ui_req_on_drop(r, on_drop);
	/* Esc does not give up a write */
	ui_req_drop(&f->ui, v, false);
	assert_int_equal(dropped, 0);
	assert_int_equal(ui_req_writes(&f->ui), 1);
	ui_pop(&f->ui);
	assert_int_equal(dropped, 1);
	assert_int_equal(heard, 0);
	/* the write runs on; its answer reaches nobody, and drop is not
	 * called again */
	assert_int_equal(ui_busy(&f->ui), 1);
	ui_req_cb(&reply, r);
	assert_int_equal(dropped, 1);
	assert_int_equal(heard, 0);
	assert_int_equal(ui_busy(&f->ui), 0);
}

static void read_dropped_by_esc_tells_its_owner(void **state)
{
	struct fixture *f = *state;
	struct ui_view *v = push(&f->ui);
	struct ui_req *r;
	int token;

	heard = dropped = 0;
	r = ui_req_new(v, on_reply, &token);
	ui_req_on_drop(r, on_drop);
	assert_int_equal(v->loading, 1);
	ui_req_drop(&f->ui, v, false);
	assert_int_equal(dropped, 1);
	assert_int_equal(heard, 0);
	assert_int_equal(v->loading, 0);
	assert_int_equal(ui_busy(&f->ui), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(closed_view_is_not_found,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			kept_request_dropped_once_on_close, setup, teardown),
		cmocka_unit_test_setup_teardown(
			read_dropped_by_esc_tells_its_owner, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * view_case_messages.c — the Messages tab: the case's conversations with
 * the citizen, the latest first, with the citizen's messages no officer
 * has read marked. Enter opens a thread on its own screen
 * (view_thread.c): who wrote each message and when, whether the citizen
 * has read the officers' ones, replying and filing; opening it marks
 * the citizen's messages in it read.
 */
#include "view_case.h"
#include "akt/case_format.h"
#include "akt/views.h"
#include "akt/xalloc.h"

/* ---- the list ------------------------------------------------------------ */

static void got_threads(struct ui_view *v, const struct akt_reply *r,
			void *arg)
{
	struct vc_messages *m = &vc_of(v)->msg;
	struct akt_thread_list fresh;
	int64_t sel_id = 0;
	char *err = NULL;

	if ((unsigned)(uintptr_t)arg != m->gen)
		return;
	if (r->result != AKT_OK) {
		if (!m->loaded) {
			free(m->error);
			m->error = ui_reply_text(r);
		} else {
			view_fail(v, r, _("messages"));
		}
		return;
	}
	if (!akt_thread_list_decode(r->json, &fresh, &err)) {
		char *text = ui_decode_text(err);

		free(err);
		/* before anything was shown the tab says it, not only the
		 * bottom line */
		if (!m->loaded) {
			free(m->error);
			m->error = text;
		} else {
			ui_err(v->ui, "%s", text);
			free(text);
		}
		return;
	}
	if (m->loaded && m->list.sel < m->threads.n)
		sel_id = m->threads.items[m->list.sel].id;
	akt_thread_list_clear(&m->threads);
	m->threads = fresh;
	m->loaded = true;
	xfree(&m->error);
	/* the same thread stays selected, wherever it moved */
	for (size_t i = 0; sel_id && i < m->threads.n; i++)
		if (m->threads.items[i].id == sel_id)
			m->list.sel = i;
}

static void msg_load(struct ui_view *v, bool quiet)
{
	struct vc *c = vc_of(v);
	char *path = vc_path(c, "/threads");

	if (!quiet) {
		c->msg.loaded = false;
		c->msg.list.sel = c->msg.list.top = 0;
	}
	ui_get(v, path, got_threads, (void *)(uintptr_t)++c->msg.gen);
	free(path);
}

/* Columns after the mark: subject, messages, unread, last message. */
static void msg_draw(struct ui_view *v, int y0, int rows, int cols)
{
	struct vc_messages *m = &vc_of(v)->msg;
	int cw = 8, uw = 11, tw = 16, list = rows - 1;
	int sw = AKT_MAX(10, cols - 2 - cw - uw - tw - 3);

	if (!m->loaded) {
		view_draw_wait(v, y0, cols, m->error,
			       _("Loading the messages…"));
		return;
	}
	if (!m->threads.n) {
		view_state_line(v->ui, y0, cols,
				_("No messages with the citizen."), false);
		return;
	}
	/* placed by columns: translations are not all one byte a column */
	attrset(ui_attr(v->ui, AKT_T_HEADER));
	ui_put(y0, 0, 2, "", true);
	ui_put(y0, 2, sw + 1, _("Subject"), true);
	ui_put(y0, 2 + sw + 1, cw + 1, _("Count"), true);
	ui_put(y0, 2 + sw + cw + 2, uw + 1, _("Unread"), true);
	ui_put(y0, 2 + sw + cw + uw + 3, cols - (2 + sw + cw + uw + 3),
	       _("Last message"), true);
	m->list.count = m->threads.n;
	ui_list_clamp(&m->list, list);
	for (int i = 0; i < list; i++) {
		size_t idx = m->list.top + (size_t)i;
		int y = y0 + 1 + i, x = 2;
		const struct akt_thread *t;
		char *last;
		attr_t a;

		if (idx >= m->threads.n) {
			attrset(ui_attr(v->ui, AKT_T_TEXT));
			ui_put(y, 0, cols, "", true);
			continue;
		}
		t = &m->threads.items[idx];
		a = vc_row_start(v, y, idx == m->list.sel);
		if (t->unread)
			attrset(a | A_BOLD);
		x += ui_put(y, x, sw, t->subject, true) + 1;
		attrset(a);
		x += ui_putf(y, x, cw, true, "%*lld", cw,
			     (long long)t->message_count) + 1;
		/* the count says it in words; the colour only adds to it */
		if (t->unread) {
			if (idx != m->list.sel)
				attrset(ui_attr(v->ui, AKT_T_UNREAD) | A_BOLD);
			else
				attrset(a | A_BOLD);
			x += ui_putf(y, x, uw, true, _("✉ %lld new"),
				     (long long)t->unread) + 1;
		} else {
			x += ui_put(y, x, uw, "", true) + 1;
		}
		attrset(idx == m->list.sel ? a : ui_attr(v->ui, AKT_T_DIM));
		last = akt_fmt_time(t->last_message_at);
		ui_put(y, x, cols - x, last, true);
		free(last);
	}
}

/* ---- one thread ---------------------------------------------------------- */

/* The thread screen reads it and marks the citizen's messages read;
 * the list says so at once (the feed's message.read events confirm it
 * and a quiet reload follows them). */
static void open_thread(struct ui_view *v, struct akt_thread *t)
{
	struct vc *c = vc_of(v);

	t->unread = 0;
	view_thread_open(v->ui, c->id, c->number, t->id);
}

static bool msg_action(struct ui_view *v, enum akt_action a, int rows)
{
	struct vc_messages *m = &vc_of(v)->msg;

	if (!m->loaded)
		return false;
	if (a == AKT_A_ENTER) {
		if (m->list.sel < m->threads.n)
			open_thread(v, &m->threads.items[m->list.sel]);
		return true;
	}
	m->list.count = m->threads.n;
	return ui_list_action(&m->list, a, rows - 1);
}

static void msg_event(struct ui_view *v, const struct akt_event *e)
{
	if (strncmp(e->type, "message.", 8) == 0 && vc_of(v)->msg.loaded)
		msg_load(v, true);
}

static void msg_done(struct ui_view *v)
{
	struct vc_messages *m = &vc_of(v)->msg;

	akt_thread_list_clear(&m->threads);
	free(m->error);
}

const struct vc_tab_ops vc_messages_ops = {
	.id = "messages",
	.name = N_("Messages"),
	.load = msg_load,
	.draw = msg_draw,
	.action = msg_action,
	.event = msg_event,
	.done = msg_done,
};

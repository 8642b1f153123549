/*
 * view_thread.c — one conversation with the citizen: its messages,
 * oldest first, each with who wrote it and when and whether it was read,
 * its text wrapped below. The selection moves over messages; r replies,
 * F files the selected message into the journal (both written in the
 * editor as drafts and sent through the outbox), Enter shows one whole.
 * Replies the platform does not have yet close the thread, marked as
 * waiting. Opening the thread marks the citizen's messages in it read —
 * only once the officer can see them: a message arriving while another
 * screen is on top or akt is locked is marked when this one is shown.
 *
 * The case is read too, for its version (ETag): a reply is written
 * against the case as this screen last read it.
 */
#include "akt/buf.h"
#include "akt/case.h"
#include "akt/case_format.h"
#include "akt/thread.h"
#include "akt/ui_wrap.h"
#include "akt/views.h"
#include "akt/xalloc.h"
#include "view_pages.h"

#define INDENT 4

struct vt_wrap {
	char **lines;
	size_t n;
	int width;
};

struct vt {
	int64_t case_id, thread_id;
	char *number;
	char *etag;                  /* the case's, as last read */
	char *gone;                  /* why the case cannot be written to */

	struct akt_thread t;
	bool loaded;
	char *error;
	unsigned gen, case_gen;
	bool to_mark;                /* unread, to mark once on screen */

	/* replies (and filings) of this thread waiting in the outbox: own
	 * copies, as the outbox's are borrowed only until its next event */
	struct akt_draft *pending;
	size_t npending;

	struct vt_wrap *wrap;        /* per item: messages, then pending */
	size_t nwrap;
	struct ui_list list;         /* over items, not rows */
	size_t top;                  /* first item shown */
};

static struct vt *vt_of(struct ui_view *v)
{
	return v->priv;
}

static size_t items(const struct vt *t)
{
	return (t->loaded ? t->t.nmessages : 0) + t->npending;
}

static char *vt_path(const struct vt *t, const char *suffix)
{
	return xasprintf("/v1/cases/%lld%s", (long long)t->case_id,
			 suffix ? suffix : "");
}

/* ---- wrapping -------------------------------------------------------------- */

static void wrap_reset(struct vt *t)
{
	for (size_t i = 0; i < t->nwrap; i++)
		ui_wrap_free(&t->wrap[i].lines, &t->wrap[i].n);
	free(t->wrap);
	t->nwrap = items(t);
	t->wrap = xcalloc(t->nwrap + 1, sizeof(*t->wrap));
}

static const char *item_text(const struct vt *t, size_t i)
{
	if (t->loaded && i < t->t.nmessages)
		return t->t.messages[i].body;
	i -= t->loaded ? t->t.nmessages : 0;
	return t->pending[i].text;
}

static const struct vt_wrap *wrapped(struct vt *t, size_t i, int width)
{
	struct vt_wrap *w;

	if (t->nwrap != items(t))
		wrap_reset(t);
	w = &t->wrap[i];
	if (w->width != width) {
		ui_wrap_free(&w->lines, &w->n);
		w->lines = ui_wrap(item_text(t, i), width, &w->n);
		w->width = width;
	}
	return w;
}

/* An item's rows: its line, its text, and a blank line. */
static size_t height(struct vt *t, size_t i, int width)
{
	return 2 + wrapped(t, i, width)->n;
}

/* The selected item whole on screen when it fits, else from its start;
 * no rows wasted below the last. */
static void keep_visible(struct vt *t, int rows, int width)
{
	size_t r = (size_t)AKT_MAX(rows, 1), used = 0, n = items(t);

	if (t->list.sel < t->top)
		t->top = t->list.sel;
	for (size_t i = t->top; i <= t->list.sel && i < n; i++)
		used += height(t, i, width);
	while (used > r && t->top < t->list.sel)
		used -= height(t, t->top++, width);
	used = 0;
	for (size_t i = t->top; i < n && used <= r; i++)
		used += height(t, i, width);
	while (t->top > 0 && used + height(t, t->top - 1, width) <= r)
		used += height(t, --t->top, width);
}

/* ---- the outbox -------------------------------------------------------------- */

static bool in_thread(const struct vt *t, int64_t message_id)
{
	for (size_t i = 0; t->loaded && i < t->t.nmessages; i++)
		if (t->t.messages[i].id == message_id)
			return true;
	return false;
}

static bool ours(const struct vt *t, const struct akt_draft *d)
{
	if (d->case_id != t->case_id)
		return false;
	if (d->kind == AKT_DRAFT_REPLY)
		return d->thread_id == t->thread_id;
	return d->kind == AKT_DRAFT_FILE && in_thread(t, d->message_id);
}

/* Copy this thread's waiting replies (filings are shown on their
 * message). */
static void take_pending(struct ui_view *v)
{
	struct vt *t = vt_of(v);
	const struct akt_draft *const *it = NULL;
	size_t n = 0;

	for (size_t i = 0; i < t->npending; i++)
		akt_draft_clear(&t->pending[i]);
	free(t->pending);
	t->pending = NULL;
	t->npending = 0;
	if (v->ui->outbox)
		n = akt_outbox_of_case(v->ui->outbox, t->case_id, &it);
	t->pending = xcalloc(n + 1, sizeof(*t->pending));
	for (size_t i = 0; i < n; i++)
		if (it[i]->kind == AKT_DRAFT_REPLY &&
		    it[i]->thread_id == t->thread_id)
			akt_draft_copy(&t->pending[t->npending++], it[i]);
	wrap_reset(t);
}

/* A filing of message id waiting in the outbox? */
static bool filing_waits(struct ui_view *v, int64_t id)
{
	const struct akt_draft *const *it = NULL;
	size_t n;

	if (!v->ui->outbox)
		return false;
	n = akt_outbox_of_case(v->ui->outbox, vt_of(v)->case_id, &it);
	for (size_t i = 0; i < n; i++)
		if (it[i]->kind == AKT_DRAFT_FILE && it[i]->message_id == id)
			return true;
	return false;
}

/* ---- reading ------------------------------------------------------------------ */

static void load_thread(struct ui_view *v, bool quiet);

static void got_case(struct ui_view *v, const struct akt_reply *r, void *arg)
{
	struct vt *t = vt_of(v);
	struct akt_case c;
	char *err = NULL;

	if ((unsigned)(uintptr_t)arg != t->case_gen)
		return;
	if (r->result != AKT_OK) {
		free(t->gone);
		t->gone = r->status == 410 ?
			  xstrdup(_("the case was purged (gallring)")) :
			  r->status == 404 || r->status == 403 ?
			  xstrdup(_("the case is no longer accessible")) :
			  NULL;
		return;
	}
	if (!akt_case_decode(r->json, &c, &err)) {
		free(err);
		return;
	}
	free(t->number);
	t->number = xstrdup(c.s.number);
	akt_case_clear(&c);
	free(t->etag);
	t->etag = xstrdup_opt(r->etag);
	xfree(&t->gone);
}

static void load_case(struct ui_view *v)
{
	struct vt *t = vt_of(v);
	char *path = vt_path(t, NULL);

	ui_get(v, path, got_case, (void *)(uintptr_t)++t->case_gen);
	free(path);
}

static void marked_read(struct ui_view *v, const struct akt_reply *r,
			void *arg)
{
	(void)arg;
	if (r->result != AKT_OK) {
		char *text = ui_reply_text(r);

		ui_err(v->ui, _("marking the messages read: %s"), text);
		free(text);
		return;
	}
	load_thread(v, true);
}

/* All of the thread's citizen messages: not a case write, no If-Match. */
static void mark_read(struct ui_view *v)
{
	struct vt *t = vt_of(v);
	char *sub = xasprintf("/threads/%lld/read", (long long)t->thread_id);
	char *path = vt_path(t, sub);
	struct akt_call call = { .method = "POST", .path = path,
				 .body = "{}", .body_len = 2 };
	struct ui_req *req = ui_req_new(v, marked_read, NULL);

	/* a write: Esc does not cut it off, closing the screen neither */
	ui_req_keep(req);
	akt_session_call(v->ui->session, &call, ui_req_cb, req);
	free(path);
	free(sub);
}

static void got_thread(struct ui_view *v, const struct akt_reply *r,
		       void *arg)
{
	struct vt *t = vt_of(v);
	struct akt_thread fresh;
	int64_t sel_id = 0;
	char *err = NULL;
	bool unread = false;

	if ((unsigned)(uintptr_t)arg != t->gen)
		return;
	if (r->result != AKT_OK) {
		char *text = r->status == 404 ?
			     xstrdup(_("That thread is no longer part of the "
				       "case.")) : ui_reply_text(r);

		if (t->loaded) {
			ui_err(v->ui, "%s", text);
			free(text);
		} else {
			free(t->error);
			t->error = text;
		}
		return;
	}
	if (!akt_thread_decode(r->json, &fresh, &err)) {
		free(t->error);
		t->error = ui_decode_text(err);
		free(err);
		return;
	}
	if (t->loaded && t->list.sel < t->t.nmessages)
		sel_id = t->t.messages[t->list.sel].id;
	if (t->loaded)
		akt_thread_clear(&t->t);
	t->t = fresh;
	t->loaded = true;
	xfree(&t->error);
	wrap_reset(t);
	/* the same message stays selected */
	for (size_t i = 0; sel_id && i < t->t.nmessages; i++)
		if (t->t.messages[i].id == sel_id)
			t->list.sel = i;
	for (size_t i = 0; i < t->t.nmessages; i++)
		if (t->t.messages[i].author_kind == AKT_AUTHOR_CITIZEN &&
		    !t->t.messages[i].read_by_officer_at)
			unread = true;
	/* read only when the officer has it on screen: not under another
	 * screen, not behind the lock (then at the next draw) */
	if (unread && v->ui->view == v && !v->ui->locked)
		mark_read(v);
	else if (unread)
		t->to_mark = true;
}

static void load_thread(struct ui_view *v, bool quiet)
{
	struct vt *t = vt_of(v);
	char *sub = xasprintf("/threads/%lld", (long long)t->thread_id);
	char *path = vt_path(t, sub);
	bool first = !t->loaded;

	if (!quiet && t->loaded) {
		akt_thread_clear(&t->t);
		memset(&t->t, 0, sizeof(t->t));
		t->loaded = false;
		wrap_reset(t);
	}
	ui_get(v, path, got_thread, (void *)(uintptr_t)++t->gen);
	/* at first, the newest message is the one to read */
	if (first)
		t->list.sel = SIZE_MAX;
	free(path);
	free(sub);
}

/* ---- drawing ------------------------------------------------------------------ */

static char *vt_title(struct ui_view *v)
{
	struct vt *t = vt_of(v);

	if (t->loaded)
		return xasprintf("%s – %s", t->number ? t->number : "",
				 t->t.subject);
	return xasprintf(_("%s – thread"), t->number ? t->number : "");
}

static const char *kind_word(enum akt_author_kind k)
{
	switch (k) {
	case AKT_AUTHOR_OFFICER:
		return _("officer");
	case AKT_AUTHOR_CITIZEN:
		return _("citizen");
	default:
		return _("system");
	}
}

/* "Åsa Öberg (citizen), 2026-11-20 09:00 · new" and the like. */
static char *message_head(struct ui_view *v, const struct akt_message *m)
{
	char *sent = akt_fmt_time(m->sent_at), *state = NULL, *s;

	if (m->author_kind == AKT_AUTHOR_OFFICER && m->read_by_citizen_at) {
		char *read = akt_fmt_time(m->read_by_citizen_at);

		state = xasprintf(_("read by the citizen on %s"), read);
		free(read);
	} else if (m->author_kind == AKT_AUTHOR_OFFICER) {
		state = xstrdup(_("not read by the citizen yet"));
	} else if (m->author_kind == AKT_AUTHOR_CITIZEN &&
		   !m->read_by_officer_at) {
		state = xstrdup(_("new"));
	}
	s = xasprintf("%s (%s), %s%s%s%s", m->author_name ?
		      m->author_name : "", kind_word(m->author_kind), sent,
		      state ? " · " : "", state ? state : "",
		      m->filed_note_id ? _(" · filed in the journal") :
		      filing_waits(v, m->id) ?
		      _(" · filing waits to be sent") : "");
	free(state);
	free(sent);
	return s;
}

/* The line above a reply waiting in the outbox. malloc'd. */
static char *pending_head(struct ui_view *v)
{
	const char *me = v->ui->me_loaded && v->ui->me.name ? v->ui->me.name :
			 _("you");

	return xasprintf("%s (%s) · %s", me, _("officer"),
			 view_outbox_state(v->ui));
}

static void draw_item(struct ui_view *v, size_t i, int y, int last, int cols,
		      int width)
{
	struct vt *t = vt_of(v);
	bool sel = i == t->list.sel;
	bool pend = i >= t->t.nmessages;
	const struct vt_wrap *w = wrapped(t, i, width);
	attr_t a = ui_attr(v->ui, sel ? AKT_T_CURSOR : AKT_T_TEXT);
	char *head = pend ? pending_head(v) :
		     message_head(v, &t->t.messages[i]);
	bool unread = !pend &&
		      t->t.messages[i].author_kind == AKT_AUTHOR_CITIZEN &&
		      !t->t.messages[i].read_by_officer_at;

	attrset(a);
	ui_put(y, 0, 2, sel ? "›" : "", true);
	attrset(sel ? a | A_BOLD : pend ? ui_attr(v->ui, AKT_T_DIM) | A_BOLD :
		unread ? ui_attr(v->ui, AKT_T_UNREAD) | A_BOLD : a | A_BOLD);
	ui_put(y, 2, cols - 2, head, true);
	free(head);
	for (size_t k = 0; k < w->n && y + 1 + (int)k <= last; k++) {
		int yy = y + 1 + (int)k;

		attrset(ui_attr(v->ui, pend ? AKT_T_DIM : AKT_T_TEXT));
		ui_put(yy, 0, INDENT, "", true);
		ui_put(yy, INDENT, cols - INDENT, w->lines[k], true);
	}
	if (y + 1 + (int)w->n <= last) {
		attrset(ui_attr(v->ui, AKT_T_TEXT));
		ui_put(y + 1 + (int)w->n, 0, cols, "", true);
	}
}

static void vt_draw(struct ui_view *v, int y0, int rows, int cols)
{
	struct vt *t = vt_of(v);
	int width = AKT_MAX(cols - INDENT, 10), y = y0 + 1;
	size_t n = items(t);

	/* drawn: on top and unlocked, so the officer sees them now */
	if (t->to_mark && v->ui->view == v && !v->ui->locked) {
		t->to_mark = false;
		mark_read(v);
	}
	for (int i = 0; i < rows; i++) {
		attrset(ui_attr(v->ui, AKT_T_TEXT));
		ui_put(y0 + i, 0, cols, "", true);
	}
	v->cursor_y = 0;
	if (!t->loaded) {
		view_draw_wait(v, y0, cols, t->error, _("Loading the thread…"));
		return;
	}
	/* the subject, and when the case cannot take a reply, why */
	attrset(ui_attr(v->ui, AKT_T_HEADER));
	if (t->gone)
		ui_putf(y0, 0, cols, true, "%s: %s · %s", _("Subject"),
			t->t.subject, t->gone);
	else
		ui_putf(y0, 0, cols, true,
			ngettext("Subject: %s · %zu message",
				 "Subject: %s · %zu messages",
				 t->t.nmessages),
			t->t.subject, t->t.nmessages);
	if (!n)
		return;
	t->list.count = n;
	if (t->list.sel >= n)
		t->list.sel = n - 1;
	keep_visible(t, rows - 1, width);
	for (size_t i = t->top; i < n && y < y0 + rows; i++) {
		if (i == t->list.sel)
			v->cursor_y = y - y0;
		draw_item(v, i, y, y0 + rows - 1, cols, width);
		y += (int)height(t, i, width);
	}
}

/* ---- keys --------------------------------------------------------------------- */

static void show_message(struct ui_view *v, size_t i)
{
	struct vt *t = vt_of(v);
	bool pend = i >= t->t.nmessages;
	char *head = pend ? pending_head(v) :
		     message_head(v, &t->t.messages[i]);
	char *title = xasprintf("%s – %s", t->number ? t->number : "",
				t->t.subject);
	/* wrapped here, as the journal wraps a note: the page cuts lines
	 * longer than the screen, and a message is read whole */
	size_t nl;
	char **lines = ui_wrap(item_text(t, i), AKT_MAX(COLS - 1, 10), &nl);
	struct akt_buf b;

	akt_buf_init(&b, SIZE_MAX);
	akt_buf_addstr(&b, head);
	akt_buf_addstr(&b, "\n\n");
	for (size_t k = 0; k < nl; k++) {
		akt_buf_addstr(&b, lines[k]);
		akt_buf_addc(&b, '\n');
	}
	ui_show_text(v->ui, title, akt_buf_str(&b));
	akt_buf_free(&b);
	ui_wrap_free(&lines, &nl);
	free(title);
	free(head);
}

/* Whether a draft can be written for the case now; says why not. */
static bool can_write(struct ui_view *v)
{
	struct vt *t = vt_of(v);

	if (!v->ui->drafts) {
		ui_err(v->ui, "%s", _("cannot write: the drafts directory could "
				      "not be opened (see the message at "
				      "start)"));
		return false;
	}
	if (t->gone) {
		ui_err(v->ui, _("%s: %s; nothing can be sent to it"),
		       t->number ? t->number : "", t->gone);
		return false;
	}
	if (!t->etag && v->ui->outbox && akt_outbox_offline(v->ui->outbox)) {
		/* no version to write against: the outbox reads the case's
		 * when it sends (a conflict then still comes back) */
		ui_msg(v->ui, "%s", _("Offline: what you write waits in the "
				      "outbox and is sent when the platform "
				      "answers"));
		return true;
	}
	if (!t->etag) {
		ui_err(v->ui, "%s", _("the case is still loading; try again in "
				      "a moment"));
		return false;
	}
	return true;
}

static void reply(struct ui_view *v)
{
	struct vt *t = vt_of(v);

	if (can_write(v))
		view_compose_new(v->ui, AKT_DRAFT_REPLY, t->case_id, t->number,
				 t->etag, t->thread_id, 0, NULL, NULL);
}

static void file_message(struct ui_view *v)
{
	struct vt *t = vt_of(v);
	const struct akt_message *m;

	if (t->list.sel >= t->t.nmessages) {
		ui_err(v->ui, "%s", _("that reply is not sent yet; file it once "
				      "the platform has it"));
		return;
	}
	m = &t->t.messages[t->list.sel];
	if (m->filed_note_id) {
		ui_msg(v->ui, "%s", _("That message is already filed in the "
				      "journal."));
		return;
	}
	if (can_write(v))
		view_compose_new(v->ui, AKT_DRAFT_FILE, t->case_id, t->number,
				 t->etag, t->thread_id, m->id, NULL, NULL);
}

/* A page: from the first item not whole on screen (down), or back by as
 * many as fill a screen (up). */
static void page(struct vt *t, bool down, int rows, int width)
{
	size_t used = 0, i = t->top, n = items(t);

	if (down) {
		while (i < n && used + height(t, i, width) <= (size_t)rows)
			used += height(t, i++, width);
		if (i >= n)
			i = n - 1;
		t->top = t->list.sel = AKT_MAX(i, t->list.sel + 1 < n ?
					       t->list.sel + 1 : t->list.sel);
		return;
	}
	while (i > 0 && used + height(t, i - 1, width) <= (size_t)rows)
		used += height(t, --i, width);
	if (i == t->top && i > 0)
		i--;
	t->top = t->list.sel = i;
}

static bool vt_action(struct ui_view *v, enum akt_action a)
{
	struct vt *t = vt_of(v);
	int rows = ui_body_rows() - 1;
	int width = AKT_MAX(COLS - INDENT, 10);
	size_t n = items(t);

	if (a == AKT_A_REPLY) {
		reply(v);
		return true;
	}
	if (!t->loaded || !n)
		return a == AKT_A_FILE_MESSAGE || a == AKT_A_ENTER;
	t->list.count = n;
	if (t->list.sel >= n)
		t->list.sel = n - 1;
	switch (a) {
	case AKT_A_FILE_MESSAGE:
		file_message(v);
		return true;
	case AKT_A_ENTER:
		show_message(v, t->list.sel);
		return true;
	case AKT_A_PAGE_DOWN:
	case AKT_A_PAGE_UP:
		page(t, a == AKT_A_PAGE_DOWN, rows, width);
		break;
	default:
		if (!ui_list_action(&t->list, a, rows))
			return false;
		t->top = AKT_MIN(t->top, t->list.sel);
	}
	keep_visible(t, rows, width);
	return true;
}

/* ---- live updates -------------------------------------------------------------- */

static void vt_event(struct ui_view *v, const struct akt_event *e)
{
	struct vt *t = vt_of(v);
	int64_t thread = akt_event_data_int(e, "thread_id");
	int64_t msg = akt_event_data_int(e, "message_id");

	if (e->case_id != t->case_id)
		return;
	if (strcmp(e->type, "case.purged") == 0) {
		free(t->gone);
		t->gone = xstrdup(_("the case was purged (gallring)"));
		return;
	}
	/* any change makes a new version: the next reply is based on it */
	load_case(v);
	if (strncmp(e->type, "message.", 8) == 0 &&
	    (thread == t->thread_id || (msg && in_thread(t, msg))))
		load_thread(v, true);
}

static void vt_outbox(struct ui_view *v, const struct akt_outbox_event *e)
{
	struct vt *t = vt_of(v);
	bool mine = e->item && ours(t, e->item);

	take_pending(v);
	if (mine && e->what == AKT_OB_SENT) {
		load_case(v);
		load_thread(v, true);
	}
}

static void vt_reload(struct ui_view *v)
{
	load_case(v);
	take_pending(v);
	load_thread(v, false);
}

static void vt_done(struct ui_view *v)
{
	struct vt *t = vt_of(v);

	for (size_t i = 0; i < t->nwrap; i++)
		ui_wrap_free(&t->wrap[i].lines, &t->wrap[i].n);
	free(t->wrap);
	for (size_t i = 0; i < t->npending; i++)
		akt_draft_clear(&t->pending[i]);
	free(t->pending);
	if (t->loaded)
		akt_thread_clear(&t->t);
	free(t->number);
	free(t->etag);
	free(t->gone);
	free(t->error);
	free(t);
}

static const struct ui_view_ops thread_ops = {
	.name = "thread",
	.screen = AKT_SCR_THREAD,
	.title = vt_title,
	.draw = vt_draw,
	.action = vt_action,
	.event = vt_event,
	.reload = vt_reload,
	.done = vt_done,
	.outbox = vt_outbox,
};

void view_thread_open(struct ui *ui, int64_t case_id, const char *number,
		      int64_t thread_id)
{
	struct ui_view *v = xcalloc(1, sizeof(*v));
	struct vt *t = xcalloc(1, sizeof(*t));

	t->case_id = case_id;
	t->thread_id = thread_id;
	t->number = xstrdup_opt(number);
	v->ops = &thread_ops;
	v->priv = t;
	ui_push(ui, v);
	take_pending(v);
	load_case(v);
	load_thread(v, false);
}

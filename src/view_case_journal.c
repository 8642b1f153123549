/*
 * view_case_journal.c — the Journal tab: the case's notes, newest first,
 * each a line saying when, who, and whether it is internal or published
 * (and then whether the applicant has read it), with its text wrapped
 * below. The selection moves over notes; Enter shows one whole.
 *
 * The events of notes name them (note_id), so a live update reads just
 * the note that changed — a read receipt shows at once, whichever page
 * the note came on.
 */
#include "view_case.h"
#include "akt/buf.h"
#include "akt/case_format.h"
#include "akt/ui_wrap.h"
#include "akt/urlenc.h"
#include "akt/xalloc.h"

#define PAGE "50"
/* Lines of a note's text shown in the list; Enter shows the rest. */
#define SHOWN_LINES 6
#define INDENT 4

/* ---- the notes ----------------------------------------------------------- */

static void wrap_clear(struct vc_wrapped *w)
{
	ui_wrap_free(&w->lines, &w->n);
	w->width = 0;
}

static void clear_all(struct vc_journal *j)
{
	struct akt_note_page p = { .items = j->items, .n = j->n };

	for (size_t i = 0; i < j->n; i++)
		wrap_clear(&j->wrap[i]);
	free(j->wrap);
	akt_note_page_clear(&p);
	j->items = NULL;
	j->wrap = NULL;
	j->n = 0;
}

/* Room for one more note at index at (0 = top). */
static void insert_at(struct vc_journal *j, size_t at, struct akt_note *n)
{
	j->items = xreallocarray(j->items, j->n + 1, sizeof(*j->items));
	j->wrap = xreallocarray(j->wrap, j->n + 1, sizeof(*j->wrap));
	memmove(j->items + at + 1, j->items + at,
		(j->n - at) * sizeof(*j->items));
	memmove(j->wrap + at + 1, j->wrap + at, (j->n - at) * sizeof(*j->wrap));
	j->items[at] = *n;
	memset(&j->wrap[at], 0, sizeof(j->wrap[at]));
	j->n++;
	/* the selected note stays selected, and in its place */
	if (j->n > 1 && at <= j->list.sel) {
		j->list.sel++;
		if (at <= j->top)
			j->top++;
	}
}

static ssize_t find(const struct vc_journal *j, int64_t id)
{
	for (size_t i = 0; i < j->n; i++)
		if (j->items[i].id == id)
			return (ssize_t)i;
	return -1;
}

/* A note read anew: replace it, or put it where its time belongs
 * (newest first). Takes n. */
static void upsert(struct vc_journal *j, struct akt_note *n)
{
	ssize_t at = find(j, n->id);
	size_t i = 0;

	if (at >= 0) {
		akt_note_clear(&j->items[at]);
		j->items[at] = *n;
		wrap_clear(&j->wrap[at]);
		return;
	}
	/* older than every note loaded and more pages to come: it shows
	 * when its page does */
	while (i < j->n && strcmp(j->items[i].created_at, n->created_at) > 0)
		i++;
	if (i == j->n && j->pg.next) {
		akt_note_clear(n);
		return;
	}
	insert_at(j, i, n);
}

static void add_page(struct vc_journal *j, struct akt_note_page *p)
{
	for (size_t i = 0; i < p->n; i++) {
		if (find(j, p->items[i].id) >= 0) {
			akt_note_clear(&p->items[i]);
			continue;
		}
		j->items = xreallocarray(j->items, j->n + 1, sizeof(*j->items));
		j->wrap = xreallocarray(j->wrap, j->n + 1, sizeof(*j->wrap));
		j->items[j->n] = p->items[i];
		memset(&j->wrap[j->n], 0, sizeof(j->wrap[j->n]));
		j->n++;
	}
	free(p->items);
	p->items = NULL;
	p->n = 0;
	free(j->pg.next);
	j->pg.next = p->next;
	p->next = NULL;
}

/* ---- waiting in the outbox ----------------------------------------------- */

size_t vc_pending_notes(struct ui_view *v, const struct akt_draft **out,
			size_t max)
{
	const struct akt_draft *const *items = NULL;
	size_t n, k = 0;

	if (!v->ui->outbox)
		return 0;
	n = akt_outbox_of_case(v->ui->outbox, vc_of(v)->id, &items);
	for (size_t i = 0; i < n && k < max; i++)
		if (items[i]->kind == AKT_DRAFT_NOTE)
			out[k++] = items[i];
	return k;
}

/* One line per note the platform does not have yet, above the notes:
 * the officer sees it is written and that it is not there yet. Returns
 * the rows used. */
static int draw_pending(struct ui_view *v, int y0, int rows, int cols)
{
	const struct akt_draft *p[8];
	size_t n = vc_pending_notes(v, p, AKT_LEN(p));
	int used = 0;

	for (size_t i = 0; i < n && used < rows; i++, used++) {
		char *words = view_one_line(p[i]->text);
		int x = 2;

		attrset(ui_attr(v->ui, AKT_T_TEXT));
		ui_put(y0 + used, 0, 2, "", true);
		attrset(ui_attr(v->ui, AKT_T_DIM) | A_BOLD);
		x += ui_putf(y0 + used, x, cols - x, false, "%s · %s  ",
			     view_outbox_state(v->ui),
			     p[i]->publish ? _("published") : _("internal"));
		attrset(ui_attr(v->ui, AKT_T_DIM));
		ui_put(y0 + used, x, cols - x, words, true);
		free(words);
	}
	return used;
}

/* ---- reading ------------------------------------------------------------- */

static void got_notes(struct ui_view *v, const struct akt_reply *r,
		      void *arg)
{
	struct vc_journal *j = &vc_of(v)->jn;
	struct akt_note_page p;
	char *err = NULL;
	bool older;

	if (!vp_answer(v, &j->pg, r, arg, j->list.sel, _("journal"), &older))
		return;
	if (!akt_note_page_decode(r->json, &p, &err)) {
		vp_bad(v, &j->pg, older, err);
		return;
	}
	if (older) {
		add_page(j, &p);
	} else if (!j->pg.loaded) {
		clear_all(j);
		xfree(&j->pg.next);
		add_page(j, &p);
		vp_loaded(&j->pg);
	} else {
		/* a quiet reload: what changed on the first page */
		for (size_t i = 0; i < p.n; i++)
			upsert(j, &p.items[i]);
		free(p.items);
		p.items = NULL;
		p.n = 0;
	}
	akt_note_page_clear(&p);
}

static void got_note(struct ui_view *v, const struct akt_reply *r,
		     void *arg)
{
	struct vc_journal *j = &vc_of(v)->jn;
	struct akt_note n;
	char *err = NULL;

	(void)arg;
	if (!j->pg.loaded || r->result != AKT_OK)
		return;              /* quiet: the next reload shows it */
	if (!akt_note_decode(r->json, &n, &err)) {
		free(err);
		return;
	}
	upsert(j, &n);
}

static void request(struct ui_view *v, const char *cursor)
{
	struct vc *c = vc_of(v);
	char *cur = cursor ? akt_url_escape(cursor) : NULL;
	char *sub = xasprintf("/notes?sort=-created&limit=" PAGE
			      "&total=false%s%s", cur ? "&cursor=" : "",
			      cur ? cur : "");
	char *path = vc_path(c, sub);

	ui_get(v, path, got_notes, vp_arg(&c->jn.pg, cursor != NULL));
	free(path);
	free(sub);
	free(cur);
}

static void jn_load(struct ui_view *v, bool quiet)
{
	struct vc_journal *j = &vc_of(v)->jn;

	vp_restart(&j->pg, quiet);
	if (!quiet) {
		j->list.sel = 0;
		j->top = 0;
	}
	request(v, NULL);
}

static void want_more(struct ui_view *v)
{
	struct vc_journal *j = &vc_of(v)->jn;

	if (vp_want_more(v, &j->pg, j->list.sel, j->n, 4))
		request(v, j->pg.next);
}

/* ---- rows ---------------------------------------------------------------- */

/* "internal", or "published · read by the applicant on 2026-11-24" /
 * "published · not read yet"; and whether it was filed from a message.
 * malloc'd. */
static char *note_state(const struct akt_note *n)
{
	char *read = NULL, *s;

	if (n->published && n->read_by_citizen_at) {
		char *d = akt_fmt_date(n->read_by_citizen_at);

		read = xasprintf(_("read by the applicant on %s"), d);
		free(d);
	}
	s = xasprintf("%s%s%s%s",
		      n->published ? _("published") : _("internal"),
		      n->published ? " · " : "",
		      n->published ? (read ? read : _("not read yet")) : "",
		      n->source_message_id ? _(" · filed from a message") : "");
	free(read);
	return s;
}

static const struct vc_wrapped *wrapped(struct vc_journal *j, size_t i,
					int width)
{
	struct vc_wrapped *w = &j->wrap[i];

	if (w->width != width) {
		wrap_clear(w);
		w->lines = ui_wrap(j->items[i].body, width, &w->n);
		w->width = width;
	}
	return w;
}

/* Rows of note i: its line, and its text up to SHOWN_LINES. */
static size_t height(struct vc_journal *j, size_t i, int width)
{
	return 1 + AKT_MIN(wrapped(j, i, width)->n, (size_t)SHOWN_LINES);
}

/* Keep the selected note whole on screen, and no room wasted below the
 * last. */
static void keep_visible(struct vc_journal *j, int rows, int width)
{
	size_t r = (size_t)AKT_MAX(rows, 1), used = 0;

	if (j->list.sel < j->top)
		j->top = j->list.sel;
	for (size_t i = j->top; i <= j->list.sel && i < j->n; i++)
		used += height(j, i, width);
	while (used > r && j->top < j->list.sel)
		used -= height(j, j->top++, width);
	/* fill the screen from the end when the end is on it */
	used = 0;
	for (size_t i = j->top; i < j->n && used <= r; i++)
		used += height(j, i, width);
	while (j->top > 0 && used + height(j, j->top - 1, width) <= r)
		used += height(j, --j->top, width);
}

static void draw_note(struct ui_view *v, size_t i, int y, int last, int cols,
		      int width)
{
	struct vc_journal *j = &vc_of(v)->jn;
	const struct akt_note *n = &j->items[i];
	const struct vc_wrapped *w = wrapped(j, i, width);
	bool sel = i == j->list.sel;
	/* the day: the time is in the History and on the note's page */
	char *when = akt_fmt_date(n->created_at), *state = note_state(n);
	attr_t a = vc_row_start(v, y, sel);
	int x = 2;

	if (!sel)
		attrset(ui_attr(v->ui, AKT_T_DIM));
	x += ui_put(y, x, 11, when, true);
	attrset(a | A_BOLD);
	x += ui_put(y, x, AKT_MIN(24, cols - x), n->author.name ?
		    n->author.name : "", false);
	attrset(a);
	x += ui_put(y, x, cols - x, "  ", false);
	if (!sel && n->published && !n->read_by_citizen_at)
		attrset(ui_attr(v->ui, AKT_T_UNREAD));
	ui_put(y, x, cols - x, state, true);
	for (size_t k = 0; k < w->n && k < SHOWN_LINES &&
	     y + 1 + (int)k <= last; k++) {
		int yy = y + 1 + (int)k;

		attrset(sel ? a : ui_attr(v->ui, AKT_T_TEXT));
		ui_put(yy, 0, INDENT, "", true);
		if (k + 1 == SHOWN_LINES && w->n > SHOWN_LINES) {
			attrset(ui_attr(v->ui, AKT_T_DIM));
			ui_putf(yy, INDENT, cols - INDENT, true,
				_("… %zu more lines (Enter shows the note)"),
				w->n - k);
		} else {
			ui_put(yy, INDENT, cols - INDENT, w->lines[k], true);
		}
	}
	free(when);
	free(state);
}

static void jn_draw(struct ui_view *v, int y0, int rows, int cols)
{
	struct vc_journal *j = &vc_of(v)->jn;
	int width = AKT_MAX(cols - INDENT, 10), y;
	int pending = draw_pending(v, y0, rows / 2, cols);

	y0 += pending;
	rows -= pending;
	y = y0;
	if (!j->pg.loaded) {
		view_draw_wait(v, y0, cols, j->pg.error,
			       _("Loading the journal…"));
		return;
	}
	if (!j->n) {
		view_state_line(v->ui, y0, cols, _("No notes in the journal."),
				false);
		return;
	}
	j->list.count = j->n;
	if (j->list.sel >= j->n)
		j->list.sel = j->n - 1;
	keep_visible(j, rows, width);
	want_more(v);
	for (size_t i = j->top; i < j->n && y < y0 + rows; i++) {
		draw_note(v, i, y, y0 + rows - 1, cols, width);
		y += (int)height(j, i, width);
	}
	attrset(ui_attr(v->ui, AKT_T_TEXT));
	for (; y < y0 + rows; y++)
		ui_put(y, 0, cols, j->pg.more && y == y0 + rows - 1 ?
		       _("  Loading older notes…") : "", true);
}

/* ---- keys ---------------------------------------------------------------- */

static void show_note(struct ui_view *v, const struct akt_note *n)
{
	struct vc *c = vc_of(v);
	char *when = akt_fmt_time(n->created_at), *state = note_state(n);
	char *title, *head;
	struct akt_buf b;
	size_t nl;
	char **lines = ui_wrap(n->body, AKT_MAX(COLS - 1, 10), &nl);

	akt_buf_init(&b, SIZE_MAX);
	head = xasprintf("%s  %s\n%s\n\n", when, n->author.name ?
			 n->author.name : "", state);
	akt_buf_addstr(&b, head);
	for (size_t i = 0; i < nl; i++) {
		akt_buf_addstr(&b, lines[i]);
		akt_buf_addc(&b, '\n');
	}
	title = xasprintf("%s – %s %s", c->number ? c->number : "",
			  _("note"), when);
	ui_show_text(v->ui, title, akt_buf_str(&b));
	ui_wrap_free(&lines, &nl);
	akt_buf_free(&b);
	free(title);
	free(head);
	free(state);
	free(when);
}

/* A page: from the first note not whole on screen (down), or back by
 * as many notes as fill a screen (up). */
static void page(struct vc_journal *j, bool down, int rows, int width)
{
	size_t used = 0, i = j->top;

	if (down) {
		while (i < j->n && used + height(j, i, width) <= (size_t)rows)
			used += height(j, i++, width);
		if (i >= j->n)
			i = j->n - 1;
		j->top = j->list.sel = AKT_MAX(i, j->list.sel + 1 < j->n ?
					       j->list.sel + 1 : j->list.sel);
		return;
	}
	while (i > 0 && used + height(j, i - 1, width) <= (size_t)rows)
		used += height(j, --i, width);
	if (i == j->top && i > 0)
		i--;
	j->top = j->list.sel = i;
}

static bool jn_action(struct ui_view *v, enum akt_action a, int rows)
{
	struct vc_journal *j = &vc_of(v)->jn;
	int width = AKT_MAX(COLS - INDENT, 10);
	const struct akt_draft *p[8];

	if (!j->pg.loaded || !j->n)
		return false;
	/* the rows the notes have, below the ones waiting to be sent */
	rows -= (int)AKT_MIN(vc_pending_notes(v, p, AKT_LEN(p)),
			     (size_t)AKT_MAX(rows / 2, 0));
	j->list.count = j->n;
	switch (a) {
	case AKT_A_ENTER:
		show_note(v, &j->items[j->list.sel]);
		return true;
	case AKT_A_PAGE_DOWN:
	case AKT_A_PAGE_UP:
		page(j, a == AKT_A_PAGE_DOWN, rows, width);
		break;
	default:
		if (!ui_list_action(&j->list, a, rows))
			return false;
		j->top = AKT_MIN(j->top, j->list.sel);
	}
	keep_visible(j, rows, width);
	want_more(v);
	return true;
}

/* ---- live updates -------------------------------------------------------- */

static void jn_event(struct ui_view *v, const struct akt_event *e)
{
	struct vc *c = vc_of(v);
	struct vc_journal *j = &c->jn;
	int64_t id = akt_event_data_int(e, "note_id");
	ssize_t at;
	char *sub, *path;

	if (!id || !j->pg.loaded)
		return;
	/* a receipt shows at once; the note read again confirms it */
	if (strcmp(e->type, "note.read") == 0 && (at = find(j, id)) >= 0 &&
	    !j->items[at].read_by_citizen_at)
		j->items[at].read_by_citizen_at = xstrdup(e->at);
	sub = xasprintf("/notes/%lld", (long long)id);
	path = vc_path(c, sub);
	ui_get(v, path, got_note, NULL);
	free(path);
	free(sub);
}

static void jn_done(struct ui_view *v)
{
	struct vc_journal *j = &vc_of(v)->jn;

	clear_all(j);
	vp_clear(&j->pg);
}

const struct vc_tab_ops vc_journal_ops = {
	.id = "journal",
	.name = N_("Journal"),
	.load = jn_load,
	.draw = jn_draw,
	.action = jn_action,
	.event = jn_event,
	.done = jn_done,
};

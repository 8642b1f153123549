/*
 * view_queues.c — the first screen: the officer's work queues with the
 * number of cases per status category and the citizens' unread
 * messages, under two rows across queues, "My cases" and "Unassigned".
 * Enter opens the list of cases of the row.
 *
 * Counts change all day; feed events that change them read the queues
 * again, at most once a second, keeping the selected row.
 */
#include "view_pages.h"
#include "akt/views.h"
#include "akt/xalloc.h"


/* Read again at most this often while events come. */
#define VQ_RELOAD_MS 1000

/* The two rows across queues, before the queues. */
enum { VQ_MINE, VQ_UNASSIGNED, VQ_NSPECIAL };

#define VQ_NCATS 4

/* Columns of counts, in order: four categories, total, unread. */
enum { VQ_C_SUB, VQ_C_REG, VQ_C_PROG, VQ_C_CLOSED, VQ_C_TOTAL, VQ_C_UNREAD,
       VQ_NCOUNTS };

struct vq_special {
	int64_t cat[VQ_NCATS];
	unsigned have;               /* a bit per category that came */
	bool failed;
};

/* How long the counts across queues wait after the queues came. */
#define VQ_COUNTS_AFTER_MS 400

struct vq {
	struct akt_queue_list queues;
	bool loaded;
	char *error;
	struct ui_list sel;
	int rows;
	struct vq_special special[VQ_NSPECIAL];
	struct akt_timer *timer;
	struct akt_timer *count_timer;  /* the counts across queues, later */
	bool stale;                  /* counts changed while not shown */
	unsigned gen;                /* answers of older loads are dropped */
	int64_t keep_id;             /* the queue selected before a reload */
	/* layout for the width drawn last */
	int cols, name_w, unit_w, x_unit, x_count[VQ_NCOUNTS],
	    w_count[VQ_NCOUNTS];
};

static struct vq *vq_of(struct ui_view *v)
{
	return v->priv;
}

static const char *count_name(int i)
{
	switch (i) {
	case VQ_C_SUB: return _("Submitted");
	case VQ_C_REG: return _("Registered");
	case VQ_C_PROG: return _("In progress");
	case VQ_C_CLOSED: return _("Closed");
	case VQ_C_TOTAL: return _("Total");
	case VQ_C_UNREAD: return _("Unread");
	}
	return "";
}

static const char *const special_filter[VQ_NSPECIAL] = {
	"assignee=me", "assignee=none",
};

static const char *special_name(int i)
{
	return i == VQ_MINE ? _("My cases") : _("Unassigned");
}

/* ---- loading ------------------------------------------------------------ */

static void counts_due(struct akt_timer *t, void *arg);

static void got_queues(struct ui_view *v, const struct akt_reply *r,
		       void *arg)
{
	struct vq *q = vq_of(v);
	struct akt_queue_list l;
	char *err = NULL;

	if ((unsigned)(uintptr_t)arg != q->gen)
		return;
	if (r->result != AKT_OK) {
		/* a quiet reload that failed keeps what is shown */
		if (!q->loaded) {
			free(q->error);
			q->error = ui_reply_text(r);
		}
		return;
	}
	if (!akt_queue_list_decode(r->json, &l, &err)) {
		char *text = ui_decode_text(err);

		free(err);
		if (!q->loaded) {
			free(q->error);
			q->error = text;
		} else {
			ui_err(v->ui, "%s", text);
			free(text);
		}
		return;
	}
	akt_queue_list_clear(&q->queues);
	q->queues = l;
	q->loaded = true;
	xfree(&q->error);
	/* the rest of the client completes queue names from these */
	if (v->ui->queues.n == 0 &&
	    !akt_queue_list_decode(r->json, &v->ui->queues, &err))
		xfree(&err);
	q->sel.count = VQ_NSPECIAL + q->queues.n;
	if (q->keep_id) {
		for (size_t i = 0; i < q->queues.n; i++)
			if (q->queues.items[i].id == q->keep_id)
				q->sel.sel = VQ_NSPECIAL + i;
		q->keep_id = 0;
	}
	ui_list_clamp(&q->sel, q->rows);
	ui_dirty(v->ui);
	if (!q->count_timer)
		q->count_timer = akt_timer_new(v->ui->loop, counts_due, v);
	if (!akt_timer_active(q->count_timer)) {
		v->ui->deferred++;
		akt_timer_start(q->count_timer, VQ_COUNTS_AFTER_MS);
	}
}

/* arg: the load's generation, the row and the category in three bits */
static void got_count(struct ui_view *v, const struct akt_reply *r,
		      void *arg)
{
	struct vq *q = vq_of(v);
	uintptr_t a = (uintptr_t)arg;
	unsigned cat = a & 3u, row = (a >> 2) & 1u;
	struct akt_case_page p;
	char *err = NULL;

	if ((unsigned)(a >> 3) != q->gen)
		return;
	ui_dirty(v->ui);
	/* only the page's total matters here */
	if (r->result != AKT_OK || !akt_case_page_decode(r->json, &p, &err)) {
		free(err);
		q->special[row].failed = true;
		return;
	}
	q->special[row].cat[cat] = p.total >= 0 ? p.total : 0;
	q->special[row].have |= 1u << cat;
	akt_case_page_clear(&p);
}

static void load(struct ui_view *v)
{
	struct vq *q = vq_of(v);

	q->gen = (q->gen + 1) & 0xFFFFFFu;
	if (q->loaded && q->sel.sel >= VQ_NSPECIAL &&
	    q->sel.sel - VQ_NSPECIAL < q->queues.n)
		q->keep_id = q->queues.items[q->sel.sel - VQ_NSPECIAL].id;
	ui_get(v, "/v1/queues", got_queues, (void *)(uintptr_t)q->gen);
}

/* The counts of "My cases" and "Unassigned" cost the platform a search
 * each; they are asked for a moment after the queues came, and not
 * if the officer has gone on into a queue by then (its first page must
 * not wait behind them): then when the queues are shown again. */
static void counts_due(struct akt_timer *t, void *arg)
{
	struct ui_view *v = arg;
	struct vq *q = vq_of(v);

	(void)t;
	v->ui->deferred--;
	if (ui_top(v->ui) != v) {
		q->stale = true;
		return;
	}
	for (unsigned row = 0; row < VQ_NSPECIAL; row++) {
		q->special[row].failed = false;
		for (unsigned cat = 0; cat < VQ_NCATS; cat++) {
			char *path = xasprintf("/v1/cases?%s&category=%s&limit=1",
					       special_filter[row],
					       akt_category_id(cat));

			ui_get(v, path, got_count,
			       (void *)(uintptr_t)(q->gen << 3 | row << 2 | cat));
			free(path);
		}
	}
}

static void reload_fire(struct akt_timer *t, void *arg)
{
	(void)t;
	load(arg);
}

static void reload_soon(struct ui_view *v, long ms);

/* ---- drawing -------------------------------------------------------------- */

static void layout(struct vq *q, int cols)
{
	int fixed = 0, avail, x;

	q->cols = cols;
	/* count columns as wide as their headings, narrowed until the
	 * queue's name has room (the headings are cut, with "…") */
	for (int cap = 20; cap >= 6; cap--) {
		fixed = 0;
		for (int i = 0; i < VQ_NCOUNTS; i++) {
			int w = AKT_MIN(ui_width(count_name(i)), cap);

			q->w_count[i] = AKT_MAX(w, 6);
			fixed += q->w_count[i] + 1;
		}
		if (cols - 2 - fixed >= 24)
			break;
	}
	avail = cols - 2 - fixed;
	/* the unit when the queue's name can still be read beside it */
	q->unit_w = avail >= 44 ? avail * 2 / 5 : 0;
	q->name_w = AKT_MAX(avail - (q->unit_w ? q->unit_w + 1 : 0), 4);
	q->x_unit = 2 + q->name_w + 1;
	x = 2 + q->name_w + (q->unit_w ? q->unit_w + 1 : 0);
	for (int i = 0; i < VQ_NCOUNTS; i++) {
		q->x_count[i] = x + 1;
		x += q->w_count[i] + 1;
	}
}

/* text right-aligned in a column (cut on the left side's end when it
 * does not fit) */
static void put_right(int y, int x, int w, const char *text)
{
	int tw = ui_width(text);

	if (tw < w)
		ui_put(y, x + w - tw, tw, text, false);
	else
		ui_put(y, x, w, text, false);
}

static void draw_header(struct ui_view *v, int y, int cols)
{
	struct vq *q = vq_of(v);

	attrset(ui_attr(v->ui, AKT_T_HEADER));
	ui_put(y, 0, cols, "", true);
	ui_put(y, 2, q->name_w, _("Queue"), false);
	if (q->unit_w)
		ui_put(y, q->x_unit, q->unit_w, _("Unit"), false);
	for (int i = 0; i < VQ_NCOUNTS; i++)
		put_right(y, q->x_count[i], q->w_count[i], count_name(i));
}

static void draw_counts(struct ui_view *v, int y, const int64_t *n,
			const bool *have, attr_t base, bool selected)
{
	struct vq *q = vq_of(v);
	char buf[32];

	for (int i = 0; i < VQ_NCOUNTS; i++) {
		if (!have[i]) {
			attrset(base);
			put_right(y, q->x_count[i], q->w_count[i],
				  i == VQ_C_UNREAD ? "" : "…");
			continue;
		}
		if (i == VQ_C_UNREAD) {
			if (n[i] <= 0)
				continue;
			/* the mark and the number say it; colour helps */
			snprintf(buf, sizeof(buf), "✉ %lld", (long long)n[i]);
			attrset(selected ? base : ui_attr(v->ui, AKT_T_UNREAD));
		} else {
			snprintf(buf, sizeof(buf), "%lld", (long long)n[i]);
			attrset(base);
		}
		put_right(y, q->x_count[i], q->w_count[i], buf);
	}
}

static void draw_row(struct ui_view *v, int y, size_t row)
{
	struct vq *q = vq_of(v);
	bool selected = row == q->sel.sel;
	attr_t base = ui_attr(v->ui, selected ? AKT_T_CURSOR : AKT_T_TEXT);
	int64_t n[VQ_NCOUNTS] = { 0 };
	bool have[VQ_NCOUNTS] = { false };

	attrset(base);
	ui_put(y, 0, q->cols, selected ? "›" : "", true);
	if (row < VQ_NSPECIAL) {
		const struct vq_special *s = &q->special[row];

		ui_put(y, 2, q->name_w, special_name((int)row), false);
		if (q->unit_w) {
			attrset(selected ? base : ui_attr(v->ui, AKT_T_DIM));
			ui_put(y, q->x_unit, q->unit_w, _("all your queues"),
			       false);
		}
		for (int i = 0; i < VQ_NCATS; i++) {
			n[i] = s->cat[i];
			have[i] = s->have & (1u << i);
			n[VQ_C_TOTAL] += s->cat[i];
		}
		have[VQ_C_TOTAL] = s->have == (1u << VQ_NCATS) - 1;
		/* unread messages are counted per queue only */
		if (s->failed) {
			attrset(selected ? base : ui_attr(v->ui, AKT_T_DIM));
			put_right(y, q->x_count[VQ_C_SUB],
				  q->x_count[VQ_C_TOTAL] + q->w_count[VQ_C_TOTAL] -
				  q->x_count[VQ_C_SUB], _("(not available)"));
			return;
		}
	} else {
		const struct akt_queue *qu = &q->queues.items[row - VQ_NSPECIAL];

		ui_put(y, 2, q->name_w, qu->name, false);
		if (q->unit_w)
			ui_put(y, q->x_unit, q->unit_w, qu->unit.name, false);
		n[VQ_C_SUB] = qu->counts.submitted;
		n[VQ_C_REG] = qu->counts.registered;
		n[VQ_C_PROG] = qu->counts.in_progress;
		n[VQ_C_CLOSED] = qu->counts.closed;
		n[VQ_C_TOTAL] = qu->counts.total;
		n[VQ_C_UNREAD] = qu->unread_messages;
		for (int i = 0; i < VQ_NCOUNTS; i++)
			have[i] = true;
	}
	draw_counts(v, y, n, have, base, selected);
}

static void queues_draw(struct ui_view *v, int y0, int rows, int cols)
{
	struct vq *q = vq_of(v);
	int y = y0 + 1;

	if (q->stale) {
		q->stale = false;
		reload_soon(v, 0);
	}
	if (cols != q->cols)
		layout(q, cols);
	q->rows = rows > 1 ? rows - 1 : 1;
	q->sel.count = VQ_NSPECIAL + q->queues.n;
	ui_list_clamp(&q->sel, q->rows);
	draw_header(v, y0, cols);
	for (size_t i = q->sel.top; i < q->sel.count && y < y0 + rows; i++)
		draw_row(v, y++, i);
	if (y < y0 + rows && (!q->loaded || q->queues.n == 0)) {
		const char *note = q->error ? q->error :
			!q->loaded && v->loading ? _("Loading queues…") :
			!q->loaded ? _("Not loaded: waiting was stopped; "
				       "reload (^R) tries again.") :
			_("You belong to no unit with work queues.");

		attrset(ui_attr(v->ui, AKT_T_DIM));
		if (q->error)
			y += view_error_lines(v->ui, y, cols, y0 + rows - y,
					      note);
		else
			ui_put(y++, 0, cols, note, true);
	}
	attrset(ui_attr(v->ui, AKT_T_TEXT));
	while (y < y0 + rows)
		ui_put(y++, 0, cols, "", true);
	v->cursor_y = 1 + (int)(q->sel.sel - q->sel.top);
	v->cursor_x = 0;
}

static char *queues_title(struct ui_view *v)
{
	struct vq *q = vq_of(v);

	if (!q->loaded)
		return xstrdup(_("Work queues"));
	return xasprintf(ngettext("Work queues · %zu queue",
				  "Work queues · %zu queues", q->queues.n),
			 q->queues.n);
}

/* ---- keys and events --------------------------------------------------------- */

static void open_row(struct ui_view *v)
{
	struct vq *q = vq_of(v);
	struct akt_case_query cq = { .path = "/v1/cases" };
	const struct akt_queue *qu;
	char *path;

	if (q->sel.sel < VQ_NSPECIAL) {
		cq.filter = special_filter[q->sel.sel];
		view_cases_open(v->ui, special_name((int)q->sel.sel), &cq, 0);
		return;
	}
	if (q->sel.sel - VQ_NSPECIAL >= q->queues.n)
		return;
	qu = &q->queues.items[q->sel.sel - VQ_NSPECIAL];
	path = xasprintf("/v1/queues/%lld/cases", (long long)qu->id);
	cq.path = path;
	view_cases_open(v->ui, qu->name, &cq, qu->id);
	free(path);
}

static bool queues_action(struct ui_view *v, enum akt_action a)
{
	struct vq *q = vq_of(v);

	if (ui_list_action(&q->sel, a, q->rows))
		return true;
	if (a == AKT_A_ENTER) {
		open_row(v);
		return true;
	}
	return false;
}

/* Events after which some count is different. */
static bool changes_counts(const char *type)
{
	static const char *const types[] = {
		"case.created", "case.status_changed", "case.assigned",
		"case.unassigned", "case.purged", "message.created",
		"message.read",
	};

	for (size_t i = 0; type && i < AKT_LEN(types); i++)
		if (strcmp(type, types[i]) == 0)
			return true;
	return false;
}

static void reload_soon(struct ui_view *v, long ms)
{
	struct vq *q = vq_of(v);

	if (!q->timer)
		q->timer = akt_timer_new(v->ui->loop, reload_fire, v);
	/* not pushed back by later events: a steady stream still shows */
	if (!akt_timer_active(q->timer))
		akt_timer_start(q->timer, ms);
}

static void queues_event(struct ui_view *v, const struct akt_event *e)
{
	struct vq *q = vq_of(v);

	if (!changes_counts(e->type))
		return;
	/* under another screen: read once when shown again, not on
	 * every change meanwhile */
	if (ui_top(v->ui) != v) {
		q->stale = true;
		return;
	}
	reload_soon(v, VQ_RELOAD_MS);
}

static void queues_reload(struct ui_view *v)
{
	load(v);
}

static void queues_done(struct ui_view *v)
{
	struct vq *q = vq_of(v);

	akt_timer_free(&q->timer);
	if (q->count_timer && akt_timer_active(q->count_timer))
		v->ui->deferred--;
	akt_timer_free(&q->count_timer);
	akt_queue_list_clear(&q->queues);
	free(q->error);
	free(q);
}

static const struct ui_view_ops queues_ops = {
	.name = "queues",
	.screen = AKT_SCR_QUEUES,
	.title = queues_title,
	.draw = queues_draw,
	.action = queues_action,
	.event = queues_event,
	.reload = queues_reload,
	.done = queues_done,
};

void view_queues_open(struct ui *ui)
{
	struct ui_view *v = xcalloc(1, sizeof(*v));
	struct vq *q = xcalloc(1, sizeof(*q));

	v->ops = &queues_ops;
	v->priv = q;
	v->ui = ui;
	q->sel.count = VQ_NSPECIAL;
	ui_push(ui, v);
	load(v);
}

/*
 * view_cases_draw.c — the case list on screen: the title, the column
 * headings and one line per case.
 *
 * The whole body is drawn each time, but from what is in memory and
 * with no allocation of our own per row (cells are formatted on the
 * stack); curses then sends only the cells that changed, so moving the
 * selection one row costs the terminal two rows.
 */
#include "view_cases.h"
#include "view_pages.h"
#include "akt/xalloc.h"


static const char *col_name(enum akt_case_col col)
{
	switch (col) {
	case AKT_CC_NUMBER: return _("Case");
	case AKT_CC_STATUS: return _("Status");
	case AKT_CC_ESERVICE: return _("E-service");
	case AKT_CC_APPLICANT: return _("Applicant");
	case AKT_CC_TITLE: return _("Title");
	case AKT_CC_ASSIGNEE: return _("Assignee");
	case AKT_CC_UPDATED: return _("Updated");
	/* the deadline, or the age of a case without one */
	case AKT_CC_DUE: return _("Due");
	case AKT_CC_UNREAD: return "✉";
	case AKT_CC_COUNT: break;
	}
	return "";
}

/* The heading for a narrow column: an abbreviation reads better than
 * a word cut short. */
static const char *col_short(enum akt_case_col col)
{
	switch (col) {
	case AKT_CC_ESERVICE: return _("Serv.");
	case AKT_CC_ASSIGNEE: return _("Asgn.");
	case AKT_CC_UPDATED: return _("Upd.");
	default: return col_name(col);
	}
}

/* The column that shows the sort key, if any does. */
static int sort_col(enum akt_case_sort k)
{
	switch (k) {
	case AKT_SORT_UPDATED: return AKT_CC_UPDATED;
	case AKT_SORT_NUMBER: return AKT_CC_NUMBER;
	case AKT_SORT_DEADLINE: return AKT_CC_DUE;
	case AKT_SORT_STATUS: return AKT_CC_STATUS;
	default: return -1;
	}
}

static enum akt_theme_obj category_obj(enum akt_category cat)
{
	switch (cat) {
	case AKT_CAT_SUBMITTED: return AKT_T_SUBMITTED;
	case AKT_CAT_REGISTERED: return AKT_T_REGISTERED;
	case AKT_CAT_IN_PROGRESS: return AKT_T_IN_PROGRESS;
	case AKT_CAT_CLOSED: return AKT_T_CLOSED;
	}
	return AKT_T_TEXT;
}

char *vcl_title(struct ui_view *v)
{
	struct vcl *c = vcl_of(v);
	char *filter = akt_case_filter_text(&c->filter), *t;
	char count[64] = "", tags[64] = "", fresh[96] = "", sort[96];

	if (c->list && akt_case_list_ready(c->list))
		snprintf(count, sizeof(count), ngettext(" · %zu case",
							" · %zu cases",
							c->sel.count),
			 c->sel.count);
	if (c->ntags)
		snprintf(tags, sizeof(tags), _(" · %zu tagged"), c->ntags);
	if (c->new_cases)
		snprintf(fresh, sizeof(fresh),
			 ngettext(" · %u new case — ^R to reload",
				  " · %u new cases — ^R to reload",
				  c->new_cases), c->new_cases);
	snprintf(sort, sizeof(sort), _(" · sorted by %s %s"),
		 vcl_sort_name(c->order.key), c->order.desc ? "▼" : "▲");
	t = xasprintf("%s%s%s%s%s%s%s", c->title, count, tags, fresh,
		      *filter ? " · " : "", filter, sort);
	free(filter);
	return t;
}

/* ---- one row ----------------------------------------------------------- */

struct row_ctx {
	struct ui *ui;
	const struct akt_case_cols *cols;
	time_t now;
	attr_t base;              /* the row's attribute */
	bool plain;               /* the selected row: one attribute */
	int y;
};

/* A cell in the row's attribute, or in o's when the row is not the
 * selected one. */
static void cell(const struct row_ctx *r, enum akt_case_col col,
		 const char *text, int obj)
{
	if (!r->cols->w[col] || !text || !*text)
		return;
	attrset(obj >= 0 && !r->plain ? ui_attr(r->ui, obj) : r->base);
	ui_put(r->y, r->cols->x[col], r->cols->w[col], text, false);
}

static void draw_case(struct vcl *c, const struct row_ctx *r,
		      const struct akt_case_summary *s)
{
	const struct akt_case_cols *cols = r->cols;
	char buf[256], date[32];
	bool overdue;
	int nw = s->number ? (int)strlen(s->number) : 0;

	/* a longer number than expected: wider from the next frame on */
	if (nw > c->number_w && nw <= 24)
		c->number_w = nw;
	cell(r, AKT_CC_NUMBER, s->number, -1);
	cell(r, AKT_CC_STATUS, ui_name(r->ui, &s->status.name),
	     category_obj(s->status.category));
	cell(r, AKT_CC_ESERVICE, ui_name(r->ui, &s->e_service), -1);
	if (cols->w[AKT_CC_APPLICANT] && s->applicant.name) {
		const char *num = s->applicant.personal_number ?
			s->applicant.personal_number :
			s->applicant.organisation_number;

		/* the name first: it is what survives a narrow column */
		snprintf(buf, sizeof(buf), "%s%s%s", s->applicant.name,
			 num ? " " : "", num ? num : "");
		cell(r, AKT_CC_APPLICANT, buf, -1);
	}
	cell(r, AKT_CC_TITLE, s->title, -1);
	if (cols->w[AKT_CC_ASSIGNEE] && s->nassignees) {
		if (s->nassignees > 1)
			snprintf(buf, sizeof(buf), "%s+%zu",
				 s->assignees[0].username, s->nassignees - 1);
		else
			snprintf(buf, sizeof(buf), "%s",
				 s->assignees[0].username);
		cell(r, AKT_CC_ASSIGNEE, buf, -1);
	}
	if (cols->w[AKT_CC_UPDATED])
		cell(r, AKT_CC_UPDATED, akt_cc_updated(s->updated_at, r->now,
						       cols->w[AKT_CC_UPDATED],
						       date), AKT_T_DIM);
	if (cols->w[AKT_CC_DUE]) {
		akt_cc_due(s->deadline, s->created_at, r->now,
			   cols->w[AKT_CC_DUE], &overdue, date);
		cell(r, AKT_CC_DUE, date, overdue ? AKT_T_OVERDUE : AKT_T_DIM);
	}
	if (cols->w[AKT_CC_UNREAD] && s->unread_messages > 0) {
		/* the mark and the count say it; the colour only helps */
		snprintf(buf, sizeof(buf), "✉%lld",
			 (long long)AKT_MIN(s->unread_messages, 99));
		cell(r, AKT_CC_UNREAD, buf, AKT_T_UNREAD);
	}
}

/* FNV-1a over what a row shows; 0 is kept for "drawn nothing". */
static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

static uint64_t mix_str(uint64_t h, const char *s)
{
	return mix(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

/*
 * The list moved by a few rows since the last draw: move what is on
 * screen with it (curses turns that into a scroll of the terminal) and
 * the memory of what each row shows, so only the rows that came into
 * view are drawn. Scrolling with j then costs one row, not a screen.
 */
static void scroll_drawn(struct vcl *c, int y, size_t rows)
{
	size_t top = c->sel.top, old = c->drawn_top;
	size_t d = top > old ? top - old : old - top;

	c->drawn_top = top;
	if (d == 0 || rows > VCL_MAX_ROWS || rows < 2)
		return;
	if (d >= rows || c->drawn[0] == 0) {
		memset(c->drawn, 0, sizeof(c->drawn));
		return;
	}
	setscrreg(y, y + (int)rows - 1);
	scrollok(stdscr, TRUE);
	scrl(top > old ? (int)d : -(int)d);
	scrollok(stdscr, FALSE);
	setscrreg(0, LINES - 1);
	if (top > old) {
		memmove(c->drawn, c->drawn + d, (rows - d) * sizeof(*c->drawn));
		memset(c->drawn + rows - d, 0, d * sizeof(*c->drawn));
	} else {
		memmove(c->drawn + d, c->drawn, (rows - d) * sizeof(*c->drawn));
		memset(c->drawn, 0, d * sizeof(*c->drawn));
	}
}

/* Everything draw_row puts on screen row for list row i depends on. */
static uint64_t row_sig(struct vcl *c, size_t i)
{
	const struct akt_case_summary *s = akt_case_list_get(c->list, i);
	uint64_t h = 0xcbf29ce484222325ULL;
	unsigned flags = (i == c->sel.sel) | (s ? 2u : 0u);

	h = mix(h, &i, sizeof(i));
	if (s) {
		flags |= vcl_tagged(c, s->id) ? 4u : 0u;
		flags |= vcl_is_match(c, s->id) ? 8u : 0u;
		h = mix(h, &s->id, sizeof(s->id));
		h = mix(h, &s->unread_messages, sizeof(s->unread_messages));
		h = mix(h, &s->priority, sizeof(s->priority));
		h = mix(h, &s->nassignees, sizeof(s->nassignees));
		for (size_t k = 0; k < s->nassignees; k++)
			h = mix_str(h, s->assignees[k].username);
		h = mix_str(h, s->updated_at);
		h = mix_str(h, s->status.id);
		h = mix_str(h, s->deadline);
		h = mix_str(h, s->number);
		h = mix_str(h, s->applicant.name);
		h = mix_str(h, s->title);
	}
	h = mix(h, &flags, sizeof(flags));
	return h ? h : 1;
}

static void draw_row(struct ui_view *v, struct row_ctx *r, size_t i)
{
	struct vcl *c = vcl_of(v);
	const struct akt_case_summary *s = akt_case_list_get(c->list, i);
	bool selected = i == c->sel.sel;
	bool tagged = s && vcl_tagged(c, s->id);
	bool match = s && vcl_is_match(c, s->id);

	r->plain = selected;
	r->base = ui_attr(r->ui, selected ? AKT_T_CURSOR :
			  tagged ? AKT_T_TAGGED : AKT_T_TEXT);
	attrset(r->base);
	/* the whole line in the row's attribute, then the cells on it */
	ui_put(r->y, 0, r->cols->cols, selected ? "›" : "", true);
	if (tagged)
		ui_put(r->y, 1, 1, "*", false);
	if (match) {
		attrset(selected ? r->base : ui_attr(r->ui, VCL_T_MATCH));
		ui_put(r->y, 2, 1, "/", false);
	}
	if (!s) {
		/* not loaded yet: a placeholder, its page is on the way */
		attrset(selected ? r->base : ui_attr(r->ui, AKT_T_DIM));
		ui_put(r->y, AKT_CC_GUTTER, r->cols->cols - AKT_CC_GUTTER, "…",
		       false);
		return;
	}
	draw_case(c, r, s);
}

/* ---- the body ------------------------------------------------------------ */

static void draw_header(struct ui_view *v, int y, int cols)
{
	struct vcl *c = vcl_of(v);
	int sorted = sort_col(c->order.key);

	attrset(ui_attr(v->ui, AKT_T_HEADER));
	ui_put(y, 0, cols, "", true);
	for (int col = 0; col < AKT_CC_COUNT; col++) {
		int w = c->cols.w[col], x = c->cols.x[col], n;
		const char *name = col_name(col);

		if (!w)
			continue;
		if (ui_width(name) + (col == sorted) > w)
			name = col_short(col);
		if (col != sorted) {
			ui_put(y, x, w, name, false);
			continue;
		}
		/* the arrow stays when the name is cut */
		n = ui_put(y, x, w - 1, name, false);
		ui_put(y, x + n, 1, c->order.desc ? "▼" : "▲", false);
	}
}

static void draw_state(struct ui_view *v, int y, int cols, const char *text,
		       enum akt_theme_obj obj)
{
	attrset(ui_attr(v->ui, obj));
	ui_put(y, 0, cols, text, true);
}

static void clear_rows(struct ui_view *v, int from, int to, int cols)
{
	attrset(ui_attr(v->ui, AKT_T_TEXT));
	for (int y = from; y < to; y++)
		ui_put(y, 0, cols, "", true);
}

static const struct akt_queue *list_queue(struct ui_view *v)
{
	struct vcl *c = vcl_of(v);
	const struct akt_queue_list *ql = &v->ui->queues;

	for (size_t i = 0; c->queue_id && i < ql->n; i++)
		if (ql->items[i].id == c->queue_id)
			return &ql->items[i];
	return NULL;
}

/* Does the list show cases of more than one e-service? */
static bool many_services(struct ui_view *v)
{
	struct vcl *c = vcl_of(v);
	const struct akt_queue *q = list_queue(v);

	if (c->base.ne_service == 1 || c->filter.ne_service == 1)
		return false;
	return !q || q->ne_services != 1;
}

static bool in_queue(const struct akt_queue *q, const char *service)
{
	if (!q)
		return true;
	for (size_t i = 0; i < q->ne_services; i++)
		if (strcmp(q->e_services[i], service) == 0)
			return true;
	return false;
}

/* Case numbers are PREFIX-YYYY-NNNNNN: as wide as the longest prefix
 * of the services the list shows makes them. */
static int number_width(struct ui_view *v)
{
	const struct akt_eservice_list *es = &v->ui->eservices;
	const struct akt_queue *q = list_queue(v);
	int w = 0;

	for (size_t i = 0; i < es->n; i++)
		if (es->items[i].prefix && in_queue(q, es->items[i].id))
			w = AKT_MAX(w, (int)strlen(es->items[i].prefix) + 12);
	return AKT_MIN(w, 24);
}

void vcl_draw(struct ui_view *v, int y0, int rows, int cols)
{
	struct vcl *c = vcl_of(v);
	struct row_ctx r;
	size_t list_rows, from;
	bool es = many_services(v), moved = false;

	if (!c->number_w)
		c->number_w = number_width(v);
	if (cols != c->cols.cols || c->number_w != c->cols_number ||
	    es != c->cols_eservice) {
		akt_case_cols_layout(&c->cols, cols, c->number_w, es);
		c->cols_number = c->number_w;
		c->cols_eservice = es;
		moved = true;
	}
	c->rows = rows > 1 ? rows - 1 : 1;
	list_rows = (size_t)c->rows;
	/* Rows drawn before stay as they are on the screen unless something
	 * drew over them (ui->frame) or the columns moved. */
	if (c->drawn_frame != v->ui->frame || moved) {
		memset(c->drawn, 0, sizeof(c->drawn));
		c->drawn_frame = v->ui->frame;
	}
	draw_header(v, y0, cols);
	if (!c->list || !akt_case_list_ready(c->list)) {
		int used = 1;

		if (c->error)
			used = view_error_lines(v->ui, y0 + 1, cols, rows - 1,
						c->error);
		else
			draw_state(v, y0 + 1, cols, _("Loading cases…"),
				   AKT_T_DIM);
		clear_rows(v, y0 + 1 + used, y0 + rows, cols);
		memset(c->drawn, 0, sizeof(c->drawn));
		return;
	}
	if (c->sel.count == 0) {
		draw_state(v, y0 + 1, cols, akt_case_filter_empty(&c->filter) ?
			   _("There are no cases here.") :
			   _("No case matches the filter; f changes it."),
			   AKT_T_DIM);
		clear_rows(v, y0 + 2, y0 + rows, cols);
		memset(c->drawn, 0, sizeof(c->drawn));
		return;
	}
	ui_list_clamp(&c->sel, c->rows);
	scroll_drawn(c, y0 + 1, list_rows);
	/* what is on screen and a screen either side; cheap when loaded */
	from = c->sel.top > list_rows ? c->sel.top - list_rows : 0;
	if (!c->stopped)
		akt_case_list_want(c->list, from, c->sel.top + 2 * list_rows);

	r = (struct row_ctx){ .ui = v->ui, .cols = &c->cols, .now = ui_now() };
	for (size_t i = 0; i < list_rows && c->sel.top + i < c->sel.count;
	     i++) {
		uint64_t sig = row_sig(c, c->sel.top + i);

		if (i < VCL_MAX_ROWS) {
			if (c->drawn[i] == sig)
				continue;
			c->drawn[i] = sig;
		}
		r.y = y0 + 1 + (int)i;
		draw_row(v, &r, c->sel.top + i);
	}
	for (size_t i = c->sel.count - c->sel.top; i < list_rows &&
	     i < VCL_MAX_ROWS; i++)
		c->drawn[i] = 0;
	clear_rows(v, y0 + 1 + (int)AKT_MIN(list_rows,
					     c->sel.count - c->sel.top),
		   y0 + rows, cols);
	v->cursor_y = 1 + (int)(c->sel.sel - c->sel.top);
	v->cursor_x = 0;
	/* a case number wider than the column: lay out again */
	if (c->number_w != c->cols_number)
		ui_dirty(v->ui);
}

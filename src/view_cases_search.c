/*
 * view_cases_search.c — '/' and n/N on a case list.
 *
 * The platform does the searching: the same list with q=TEXT gives the
 * matching cases in the same order as the list. That is a second sparse
 * list; its loaded rows are the marks drawn on the main list. Going to a
 * match means finding its row in the main list: where it is not loaded
 * yet, pages are loaded toward it (the orders agree, so the direction is
 * known) until it appears.
 */
#include "view_cases.h"
#include "akt/xalloc.h"

/* Matches per request: searches are usually short, so mostly one. */
#define VCL_SEARCH_PAGE 200
/* Main list rows asked for per step toward a match not loaded yet. */
#define VCL_STEP 100

/* ---- the anchor: where a search starts from ---------------------------- */

static void anchor_clear(struct vcl_anchor *a)
{
	struct akt_case_summary *s = &a->s;

	free(s->number);
	free(s->created_at);
	free(s->updated_at);
	free(s->deadline);
	free(s->status.id);
	memset(a, 0, sizeof(*a));
}

/* Only what akt_case_cmp looks at: rows can be replaced meanwhile. */
static void anchor_set(struct vcl_anchor *a, const struct akt_case_summary *c)
{
	anchor_clear(a);
	a->set = true;
	a->s.id = c->id;
	a->s.number = xstrdup_opt(c->number);
	a->s.created_at = xstrdup_opt(c->created_at);
	a->s.updated_at = xstrdup_opt(c->updated_at);
	a->s.deadline = xstrdup_opt(c->deadline);
	a->s.priority = c->priority;
	a->s.status.id = xstrdup_opt(c->status.id);
}

/* ---- marks --------------------------------------------------------------- */

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

bool vcl_is_match(const struct vcl *c, int64_t id)
{
	return c->search.nids &&
	       bsearch(&id, c->search.ids, c->search.nids, sizeof(id),
		       cmp_id) != NULL;
}

static void collect_ids(struct vcl_search *s)
{
	size_t n = akt_case_list_count(s->list);

	s->ids = xreallocarray(s->ids, n ? n : 1, sizeof(*s->ids));
	s->nids = 0;
	for (size_t i = 0; i < n; i++) {
		const struct akt_case_summary *m = akt_case_list_get(s->list, i);

		if (m)
			s->ids[s->nids++] = m->id;
	}
	qsort(s->ids, s->nids, sizeof(*s->ids), cmp_id);
}

/* ---- going to a match ------------------------------------------------------ */

static void say_where(struct ui_view *v)
{
	struct vcl_search *s = &vcl_of(v)->search;
	size_t n = akt_case_list_count(s->list);

	if (s->wrapped)
		ui_msg(v->ui, ngettext("%zu of %zu match (went on from the "
				       "other end)",
				       "%zu of %zu matches (went on from the "
				       "other end)", n), s->k + 1, n);
	else
		ui_msg(v->ui, ngettext("%zu of %zu match", "%zu of %zu matches",
				       n), s->k + 1, n);
}

/* Load main list rows toward the match m; false when there are none
 * left to load in that direction. */
static bool load_toward(struct ui_view *v, const struct akt_case_summary *m)
{
	struct vcl *c = vcl_of(v);
	struct vcl_search *s = &c->search;
	const struct akt_case_summary *ref = vcl_selected(v);
	size_t n = c->sel.count, i = s->probe;
	bool forward = true;

	if (ref)
		forward = akt_case_cmp(m, ref, c->order, &v->ui->statuses) > 0;
	else if (s->anchor.set)
		forward = akt_case_cmp(m, &s->anchor.s, c->order,
				       &v->ui->statuses) > 0;
	if (n == 0)
		return false;
	if (i >= n)
		i = n - 1;
	if (forward) {
		while (i < n && akt_case_list_get(c->list, i))
			i++;
		if (i >= n)
			return false;
		s->probe = i;
		akt_case_list_want(c->list, i, i + VCL_STEP - 1);
	} else {
		while (i > 0 && akt_case_list_get(c->list, i))
			i--;
		if (akt_case_list_get(c->list, i))
			return false;
		s->probe = i;
		akt_case_list_want(c->list, i >= VCL_STEP ? i - VCL_STEP + 1 : 0,
				   i);
	}
	return true;
}

static void goto_match(struct ui_view *v)
{
	struct vcl *c = vcl_of(v);
	struct vcl_search *s = &c->search;
	const struct akt_case_summary *m = akt_case_list_get(s->list, s->k);
	ssize_t row;

	if (!m) {
		akt_case_list_want(s->list, s->k, s->k);
		return;
	}
	row = akt_case_list_find(c->list, m->id);
	if (row >= 0) {
		s->find = VCL_FIND_NONE;
		s->cur = s->k;
		s->have_cur = true;
		vcl_select(v, (size_t)row);
		say_where(v);
		return;
	}
	if (!akt_case_list_ready(c->list))
		return;
	if (akt_case_list_loading(c->list))
		return;   /* a page is coming; look again then */
	if (!load_toward(v, m)) {
		s->find = VCL_FIND_NONE;
		ui_err(v->ui, _("%s matches but is no longer in this list; ^R "
				"reloads it"), m->number);
	}
}

static void go(struct ui_view *v, size_t k, bool wrapped)
{
	struct vcl *c = vcl_of(v);
	struct vcl_search *s = &c->search;

	s->find = VCL_FIND_GO;
	s->k = k;
	s->wrapped = wrapped;
	s->probe = c->sel.sel;
	goto_match(v);
}

/* Find the first match at (or after, strict) the anchor, reading the
 * matches in order; then go to it, or to the one before it (back). */
static void find_from(struct ui_view *v)
{
	struct vcl *c = vcl_of(v);
	struct vcl_search *s = &c->search;
	size_t n = akt_case_list_count(s->list);

	if (!s->anchor.set) {
		go(v, s->back ? n - 1 : 0, false);
		return;
	}
	while (s->k < n) {
		const struct akt_case_summary *m =
			akt_case_list_get(s->list, s->k);
		int r;

		if (!m) {
			akt_case_list_want(s->list, s->k, s->k);
			return;
		}
		r = akt_case_cmp(m, &s->anchor.s, c->order, &v->ui->statuses);
		if (s->strict ? r > 0 : r >= 0)
			break;
		s->k++;
	}
	if (s->back)
		go(v, s->k == 0 ? n - 1 : s->k - 1, s->k == 0);
	else
		go(v, s->k >= n ? 0 : s->k, s->k >= n);
}

static void go_on(struct ui_view *v)
{
	struct vcl_search *s = &vcl_of(v)->search;

	if (!s->list || !akt_case_list_ready(s->list) ||
	    s->find == VCL_FIND_NONE)
		return;
	if (akt_case_list_count(s->list) == 0) {
		s->find = VCL_FIND_NONE;
		ui_err(v->ui, _("no match for “%s”"), s->text);
		return;
	}
	if (s->find == VCL_FIND_FROM)
		find_from(v);
	else
		goto_match(v);
}

void vcl_search_list_changed(struct ui_view *v)
{
	struct vcl_search *s = &vcl_of(v)->search;

	if (s->find == VCL_FIND_GO)
		goto_match(v);
}

static void search_changed(struct akt_case_list *l, const char *error,
			   void *arg)
{
	struct ui_view *v = arg;
	struct vcl_search *s = &vcl_of(v)->search;

	if (l != s->list)
		return;
	if (error) {
		s->find = VCL_FIND_NONE;
		ui_err(v->ui, _("search: %s"), error);
		return;
	}
	collect_ids(s);
	go_on(v);
	ui_dirty(v->ui);
}

/* ---- starting ---------------------------------------------------------------- */

void vcl_search_free(struct vcl *c)
{
	struct vcl_search *s = &c->search;

	akt_case_list_free(&s->list);
	free(s->text);
	free(s->ids);
	anchor_clear(&s->anchor);
	memset(s, 0, sizeof(*s));
}

/* A search of text on the list as it is sorted and filtered now; jump
 * to the first match from the selection, or only mark them. */
static void search_open(struct ui_view *v, const char *text, bool jump)
{
	struct vcl *c = vcl_of(v);
	struct vcl_search *s = &c->search;
	const struct akt_case_summary *sel = vcl_selected(v);
	struct akt_case_query q = { .path = c->path, .filter = c->query,
				    .sort = c->sort, .q = text };
	char *t = xstrdup(text);

	vcl_search_free(c);
	s->text = t;
	if (sel && jump)
		anchor_set(&s->anchor, sel);
	s->find = jump ? VCL_FIND_FROM : VCL_FIND_NONE;
	s->list = akt_case_list_new(v->ui->session, &q, search_changed, v);
	akt_case_list_set_limit(s->list, VCL_SEARCH_PAGE);
	akt_case_list_open(s->list);
	ui_dirty(v->ui);
}

void vcl_search_start(struct ui_view *v, const char *text)
{
	struct vcl *c = vcl_of(v);
	size_t len;
	char *t;

	while (*text == ' ')
		text++;
	len = strlen(text);
	while (len > 0 && text[len - 1] == ' ')
		len--;
	if (len == 0) {
		if (c->search.text)
			ui_msg(v->ui, "%s", _("search cleared"));
		vcl_search_free(c);
		ui_dirty(v->ui);
		return;
	}
	t = xstrndup(text, len);
	search_open(v, t, true);
	free(t);
}

void vcl_search_restart(struct ui_view *v)
{
	struct vcl *c = vcl_of(v);
	char *t;

	if (!c->search.text)
		return;
	t = xstrdup(c->search.text);
	search_open(v, t, false);
	free(t);
}

void vcl_search_next(struct ui_view *v, bool back)
{
	struct vcl *c = vcl_of(v);
	struct vcl_search *s = &c->search;
	const struct akt_case_summary *sel = vcl_selected(v), *cur;
	size_t n;

	if (!s->text) {
		ui_err(v->ui, "%s", _("no search yet; / starts one"));
		return;
	}
	if (!akt_case_list_ready(s->list))
		return;   /* the first answer goes on with the search */
	n = akt_case_list_count(s->list);
	if (n == 0) {
		ui_err(v->ui, _("no match for “%s”"), s->text);
		return;
	}
	cur = s->have_cur ? akt_case_list_get(s->list, s->cur) : NULL;
	if (cur && sel && cur->id == sel->id) {
		/* on the match shown last: the one after it */
		if (back)
			go(v, s->cur == 0 ? n - 1 : s->cur - 1, s->cur == 0);
		else
			go(v, s->cur + 1 >= n ? 0 : s->cur + 1, s->cur + 1 >= n);
		return;
	}
	if (sel)
		anchor_set(&s->anchor, sel);
	else
		anchor_clear(&s->anchor);
	s->find = VCL_FIND_FROM;
	s->k = 0;
	s->strict = !back;
	s->back = back;
	go_on(v);
}

static void search_answer(struct ui *ui, const char *text, void *arg)
{
	struct ui_view *v = ui_view_find(ui, (unsigned)(uintptr_t)arg);

	if (text && v)
		vcl_search_start(v, text);
}

void vcl_search_prompt(struct ui_view *v)
{
	ui_prompt(v->ui, "/", NULL, NULL, search_answer,
		  (void *)(uintptr_t)v->serial);
}

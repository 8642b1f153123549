/*
 * view_cases_tag.c — tagging cases, and status changes and assignments
 * for the tagged cases (or the selected one).
 *
 * A tag remembers the case as the officer saw it (its updated_at), so a
 * bulk change leaves alone a case someone else changed since. After the
 * change the tags of the cases it changed go, and the others stay for
 * another try. Which were changed is learnt from the feed: each change
 * the officer makes comes back as an event with the officer as actor.
 */
#include "view_cases.h"
#include "akt/ui_act.h"
#include "akt/xalloc.h"

/* How long to wait for the feed to bring the events of a bulk change
 * before settling with what came (tags not known changed stay). */
#define VCL_ACT_WAIT_MS 3000

/* ---- tags ------------------------------------------------------------ */

/* Where id is, or would go, in the sorted tags. */
static size_t tag_pos(const struct vcl *c, int64_t id, bool *found)
{
	size_t lo = 0, hi = c->ntags;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->tags[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < c->ntags && c->tags[lo].id == id;
	return lo;
}

bool vcl_tagged(const struct vcl *c, int64_t id)
{
	bool found;

	if (!c->ntags)
		return false;
	tag_pos(c, id, &found);
	return found;
}

static void tag_add(struct vcl *c, const struct akt_case_summary *s)
{
	bool found;
	size_t i = tag_pos(c, s->id, &found);

	if (found)
		return;
	c->tags = xreallocarray(c->tags, c->ntags + 1, sizeof(*c->tags));
	memmove(&c->tags[i + 1], &c->tags[i],
		(c->ntags - i) * sizeof(*c->tags));
	c->tags[i] = (struct vcl_tag){ s->id, xstrdup(s->number),
				       xstrdup_opt(s->updated_at) };
	c->ntags++;
}

static void tag_remove(struct vcl *c, int64_t id)
{
	bool found;
	size_t i = tag_pos(c, id, &found);

	if (!found)
		return;
	free(c->tags[i].number);
	free(c->tags[i].updated_at);
	memmove(&c->tags[i], &c->tags[i + 1],
		(c->ntags - i - 1) * sizeof(*c->tags));
	c->ntags--;
}

void vcl_tags_clear(struct vcl *c)
{
	for (size_t i = 0; i < c->ntags; i++) {
		free(c->tags[i].number);
		free(c->tags[i].updated_at);
	}
	xfree(&c->tags);
	c->ntags = 0;
}

void vcl_tag_toggle(struct ui_view *v)
{
	struct vcl *c = vcl_of(v);
	const struct akt_case_summary *s = vcl_selected(v);

	if (!s) {
		ui_err(v->ui, "%s", _("that row is still loading; try again "
				      "in a moment"));
		return;
	}
	if (vcl_tagged(c, s->id))
		tag_remove(c, s->id);
	else
		tag_add(c, s);
	ui_list_action(&c->sel, AKT_A_DOWN, c->rows);
	ui_dirty(v->ui);
}

void vcl_tag_all(struct ui_view *v)
{
	struct vcl *c = vcl_of(v);
	size_t before = c->ntags;

	for (size_t i = 0; c->list && i < c->sel.count; i++) {
		const struct akt_case_summary *s = akt_case_list_get(c->list, i);

		if (s)
			tag_add(c, s);
	}
	ui_msg(v->ui, ngettext("%zu more case tagged (those loaded)",
			       "%zu more cases tagged (those loaded)",
			       c->ntags - before), c->ntags - before);
}

/* ---- actions ----------------------------------------------------------- */

void vcl_act_free(struct vcl *c)
{
	akt_timer_free(&c->act.timer);
	free(c->act.ids);
	free(c->act.changed);
	memset(&c->act, 0, sizeof(c->act));
}

/* Drop the tags of the cases changed; the others stay tagged. */
static void settle(struct ui_view *v)
{
	struct vcl *c = vcl_of(v);
	bool all = c->act.done_changed == c->act.n;

	for (size_t i = 0; i < c->act.n; i++)
		if (all || c->act.changed[i])
			tag_remove(c, c->act.ids[i]);
	vcl_act_free(c);
	ui_dirty(v->ui);
}

static void act_timeout(struct akt_timer *t, void *arg)
{
	(void)t;
	settle(arg);
}

static void act_done(struct ui_view *v, size_t changed, void *arg)
{
	struct vcl *c = vcl_of(v);

	/* an answer for an action since replaced by another */
	if ((unsigned)(uintptr_t)arg != c->act_gen || !c->act.n)
		return;
	/* the rows show what the cases are now */
	for (size_t i = 0; i < c->act.n; i++)
		vcl_live_refresh(v, c->act.ids[i], NULL);
	if (!c->act.active) {
		vcl_act_free(c);
		return;
	}
	c->act.done_changed = changed;
	if (changed == 0 || changed == c->act.n || c->act.seen >= changed) {
		settle(v);
		return;
	}
	c->act.timer = akt_timer_new(v->ui->loop, act_timeout, v);
	akt_timer_start(c->act.timer, VCL_ACT_WAIT_MS);
}

void vcl_act_event(struct ui_view *v, const struct akt_event *e)
{
	struct vcl *c = vcl_of(v);
	const char *me = v->ui->me_loaded ? v->ui->me.username : NULL;

	if (!c->act.active || !c->act.event || !e->type ||
	    strcmp(e->type, c->act.event) != 0 || !me ||
	    !e->actor_officer.username ||
	    strcmp(e->actor_officer.username, me) != 0)
		return;
	for (size_t i = 0; i < c->act.n; i++)
		if (c->act.ids[i] == e->case_id && !c->act.changed[i]) {
			c->act.changed[i] = true;
			c->act.seen++;
		}
	if (c->act.done_changed != SIZE_MAX &&
	    c->act.seen >= c->act.done_changed)
		settle(v);
}

static const char *event_of(enum act_kind kind)
{
	switch (kind) {
	case ACT_STATUS: return "case.status_changed";
	case ACT_ASSIGN: return "case.assigned";
	case ACT_UNASSIGN: return "case.unassigned";
	case ACT_HOLD: return "case.legal_hold";
	}
	return NULL;
}

void vcl_act(struct ui_view *v, enum act_kind kind, const char *what)
{
	struct vcl *c = vcl_of(v);
	const struct akt_case_summary *s = vcl_selected(v);
	struct ui_act_case *cases, one;
	size_t n = c->ntags;
	void *gen;

	if (!n && !s) {
		ui_err(v->ui, "%s", c->sel.count ?
		       _("that row is still loading; try again in a moment") :
		       _("there is no case here to change"));
		return;
	}
	vcl_act_free(c);
	if (n) {
		cases = xcalloc(n, sizeof(*cases));
		for (size_t i = 0; i < n; i++)
			cases[i] = (struct ui_act_case){ c->tags[i].id,
				c->tags[i].number, c->tags[i].updated_at };
	} else {
		one = (struct ui_act_case){ s->id, s->number, s->updated_at };
		cases = &one;
		n = 1;
	}
	c->act.active = c->ntags > 0;
	c->act.event = event_of(kind);
	c->act.n = n;
	c->act.ids = xcalloc(n, sizeof(*c->act.ids));
	c->act.changed = xcalloc(n, sizeof(*c->act.changed));
	c->act.done_changed = SIZE_MAX;
	for (size_t i = 0; i < n; i++)
		c->act.ids[i] = cases[i].id;
	gen = (void *)(uintptr_t)++c->act_gen;

	switch (kind) {
	case ACT_STATUS:
		ui_act_status(v, cases, n, what, act_done, gen);
		break;
	case ACT_ASSIGN:
		ui_act_assign(v, cases, n, what, act_done, gen);
		break;
	case ACT_UNASSIGN:
		ui_act_unassign(v, cases, n, what, act_done, gen);
		break;
	case ACT_HOLD:
		break;
	}
	if (cases != &one)
		free(cases);
}

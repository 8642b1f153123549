/*
 * act_report.c — choosing, reasons and the report of status changes and
 * assignments, without a terminal (see act_report.h).
 */
#include "akt/act_report.h"
#include "akt/buf.h"
#include "akt/conflict.h"
#include "akt/i18n.h"
#include "akt/sanitize.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

/* ---- choosing ------------------------------------------------------- */

struct act_target *act_targets(const struct akt_transitions *const *tr,
			       size_t ncases, size_t *n)
{
	struct act_target *t = NULL;
	size_t cap = 0;

	*n = 0;
	for (size_t c = 0; c < ncases; c++) {
		if (!tr[c])
			continue;
		for (size_t i = 0; i < tr[c]->n; i++) {
			const struct akt_transition *x = &tr[c]->items[i];
			size_t k = 0;

			while (k < *n && strcmp(t[k].to->id, x->to.id) != 0)
				k++;
			if (k == *n) {
				if (*n == cap) {
					cap = cap ? 2 * cap : 8;
					t = xreallocarray(t, cap, sizeof(*t));
				}
				t[k].to = &x->to;
				t[k].count = 0;
				t[k].notify_default = false;
				(*n)++;
			}
			t[k].count++;
			t[k].notify_default |= x->notify_default;
		}
	}
	return t;
}

char *act_target_label(const char *name, size_t count, size_t ncases)
{
	char *safe = akt_sanitize_str(name ? name : "", AKT_SAN_ONELINE);
	char *label;

	if (count >= ncases)
		return safe;
	label = xasprintf(_("%s (allowed for %zu of %zu)"), safe, count,
			  ncases);
	free(safe);
	return label;
}

struct act_person *act_assignees(const struct akt_case_summary *const *cases,
				 size_t ncases, size_t *n)
{
	struct act_person *p = NULL;
	size_t cap = 0;

	*n = 0;
	for (size_t c = 0; c < ncases; c++) {
		if (!cases[c])
			continue;
		for (size_t i = 0; i < cases[c]->nassignees; i++) {
			const struct akt_officer_ref *o = &cases[c]->assignees[i];
			size_t k = 0;

			while (k < *n && p[k].who->id != o->id)
				k++;
			if (k == *n) {
				if (*n == cap) {
					cap = cap ? 2 * cap : 8;
					p = xreallocarray(p, cap, sizeof(*p));
				}
				p[k].who = o;
				p[k].count = 0;
				(*n)++;
			}
			p[k].count++;
		}
	}
	return p;
}

char *act_person_label(const struct akt_officer_ref *who, size_t count,
		       size_t ncases)
{
	const char *name = who->name && *who->name ? who->name : who->username;
	char *label, *safe;

	if (who->username && *who->username && name != who->username)
		label = xasprintf("%s (%s)", name, who->username);
	else
		label = xstrdup(name ? name : "");
	if (count < ncases) {
		char *more = xasprintf(_("%s (assigned to %zu of %zu)"), label,
				       count, ncases);

		free(label);
		label = more;
	}
	safe = akt_sanitize_str(label, AKT_SAN_ONELINE);
	free(label);
	return safe;
}

/* ---- why a case was left alone ---------------------------------------- */

char *act_changed_since(const char *who, const char *at, time_t now)
{
	char when[AKT_WHEN_LEN];
	char *safe, *text;

	if (at && *at)
		akt_when_near(at, now, when);
	if (!who || !*who) {
		if (at && *at)
			return xasprintf(_("changed at %s since you loaded it"),
					 when);
		return xstrdup(_("changed since you loaded it"));
	}
	safe = akt_sanitize_str(who, AKT_SAN_ONELINE);
	if (at && *at)
		text = xasprintf(_("changed by %s at %s since you loaded it"),
				 safe, when);
	else
		text = xasprintf(_("changed by %s since you loaded it"), safe);
	free(safe);
	return text;
}

const struct akt_event *act_changer(const struct akt_event_page *p,
				    const char *updated_at)
{
	if (!p || p->n == 0)
		return NULL;
	/* Reads (a document downloaded, a message read) leave the case as
	 * it was: the change is the event at the case's own time. */
	for (size_t i = 0; updated_at && i < p->n; i++)
		if (p->items[i].at && strcmp(p->items[i].at, updated_at) == 0)
			return &p->items[i];
	return &p->items[0];
}

bool act_only_by(const struct akt_event_page *p, const char *seen_at,
		 const char *me)
{
	size_t i;

	if (!p || !seen_at || !me)
		return false;
	/* Newest first: every change after what was seen must be mine,
	 * and the page must reach back to what was seen. */
	for (i = 0; i < p->n; i++) {
		const struct akt_event *e = &p->items[i];

		if (!e->at || strcmp(e->at, seen_at) <= 0)
			break;
		if (!e->actor_officer.username ||
		    strcmp(e->actor_officer.username, me) != 0)
			return false;
	}
	return i > 0 && i < p->n;
}

const char *act_actor(const struct akt_event *e)
{
	if (e->actor_officer.id && e->actor_officer.username &&
	    *e->actor_officer.username)
		return e->actor_officer.username;
	if (e->actor_name && *e->actor_name)
		return e->actor_name;
	return NULL;
}

static bool problem_is(const struct akt_reply *r, const char *type)
{
	return r->problem && r->problem->type &&
	       strcmp(r->problem->type, type) == 0;
}

char *act_refusal(const struct akt_reply *r, enum act_kind kind,
		  const char *lang, time_t now)
{
	char *text;

	if (r->status == 412) {
		const char *user, *name, *at;

		akt_changed_by(r->json, &user, &name, &at);
		return act_changed_since(user && *user ? user : name, at, now);
	}
	if (r->status == 409 && problem_is(r, "invalid-transition") &&
	    (text = akt_not_allowed_problem(r->json, lang)))
		return text;
	if (kind == ACT_ASSIGN && r->status == 409 && problem_is(r, "conflict"))
		return xstrdup(_("not an officer of the case's unit"));
	if (kind == ACT_ASSIGN && r->status == 400 && r->problem &&
	    r->problem->field && strcmp(r->problem->field, "officer") == 0)
		return xstrdup(_("there is no such officer"));
	if (r->status == 428)
		return xstrdup(akt_no_if_match_text());
	if (r->error && *r->error)
		return akt_sanitize_str(r->error, AKT_SAN_ONELINE);
	if (r->status)
		return xasprintf(_("refused by the platform (HTTP %d)"),
				 r->status);
	return xstrdup(_("no answer from the platform"));
}

/* ---- the report ---------------------------------------------------- */

char *act_report_title(enum act_kind kind, const char *name, size_t changed,
		       size_t n)
{
	char *safe = akt_sanitize_str(name ? name : "", AKT_SAN_ONELINE);
	char *title;

	switch (kind) {
	case ACT_STATUS:
		title = xasprintf(_("Status change to %s: %zu of %zu changed"),
				  safe, changed, n);
		break;
	case ACT_ASSIGN:
		title = xasprintf(_("Assign to %s: %zu of %zu assigned"), safe,
				  changed, n);
		break;
	case ACT_UNASSIGN:
		title = xasprintf(_("Unassign %s: %zu of %zu unassigned"), safe,
				  changed, n);
		break;
	default:
		title = xasprintf(_("Legal hold: %zu of %zu changed"), changed,
				  n);
		break;
	}
	free(safe);
	return title;
}

/* Add text at indent, broken at spaces into lines of at most avail
 * columns (avail 0: one line however long). */
static void add_wrapped(struct akt_buf *b, const char *text, size_t indent,
			size_t avail)
{
	const char *s = text;
	bool first = true;

	for (;;) {
		size_t len = strlen(s), cut = len;

		if (avail && akt_utf8_width(s) > avail) {
			size_t fit = akt_utf8_fit(s, avail, NULL);

			cut = fit;
			for (size_t i = fit; i > 0; i--)
				if (s[i] == ' ') {
					cut = i;
					break;
				}
			if (cut == 0)
				cut = fit ? fit : 1;
		}
		if (!first)
			akt_buf_printf(b, "%*s", (int)indent, "");
		akt_buf_add(b, s, cut);
		akt_buf_addc(b, '\n');
		first = false;
		s += cut;
		while (*s == ' ')
			s++;
		if (!*s)
			break;
	}
}

char *act_report_text(const struct act_outcome *o, size_t n, int width)
{
	char **numbers = xcalloc(n + 1, sizeof(*numbers));
	size_t numw = 0, avail = 0;
	struct akt_buf b;

	for (size_t i = 0; i < n; i++) {
		numbers[i] = akt_sanitize_str(o[i].number ? o[i].number : "",
					      AKT_SAN_ONELINE);
		numw = AKT_MAX(numw, akt_utf8_width(numbers[i]));
	}
	/* too narrow to wrap usefully: long lines stay long */
	if (width > 0 && (size_t)width >= numw + 2 + 20)
		avail = (size_t)width - numw - 2;
	akt_buf_init(&b, SIZE_MAX);
	for (size_t i = 0; i < n; i++) {
		char *reason = akt_sanitize_str(o[i].ok ? _("OK") :
			o[i].reason ? o[i].reason : _("not changed"),
			AKT_SAN_ONELINE);

		akt_buf_addstr(&b, numbers[i]);
		akt_buf_printf(&b, "%*s",
			       (int)(numw - akt_utf8_width(numbers[i]) + 2), "");
		add_wrapped(&b, reason, numw + 2, avail);
		free(reason);
		free(numbers[i]);
	}
	free(numbers);
	if (!b.data)
		return xstrdup("");
	return akt_buf_steal(&b);
}

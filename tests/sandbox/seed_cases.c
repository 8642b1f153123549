/*
 * seed_cases.c — one generated case, start to finish: its status and
 * history, officers, title and applicants, documents, journal and
 * messages, each drawn by its part in a fixed order, then written.
 */
#include "seed.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Who registered it, who handles it, who is assigned. */
static void case_officers(struct kase *c)
{
	static const int p_assign[NST] = {
		[ST_SUB] = 30, [ST_REG] = 450, [ST_IP] = 920, [ST_CLOSED] = 950,
		[ST_AWAIT] = 920, [ST_REF] = 920, [ST_PLACE] = 920,
		[ST_DEC] = 920,
	};
	c->registrar = seed_pick_officer(c->unit);
	if (pm(p_assign[c->target])) {
		c->assignees[c->nassign++] = seed_pick_officer(c->unit);
		if (pm(60)) {
			int o = seed_pick_officer(c->unit);
			if (o != c->assignees[0])
				c->assignees[c->nassign++] = o;
		}
	}
	c->handler = c->nassign ? c->assignees[0] : seed_pick_officer(c->unit);
}

/* Property designation: a town block or a rural tract. */
static void property(char *out, size_t cap)
{
	if (pm(700))
		snprintf(out, cap, "%s %d", pick(&seed_blocks),
			 (int)rrange(1, 24));
	else
		snprintf(out, cap, "%s %d:%d", pick(&seed_tracts),
			 (int)rrange(1, 9), (int)rrange(1, 80));
}

/*
 * Title, priority (-1: pick the usual way) and the organisation that
 * would apply for it: org gets its name and form the first three digits
 * of its organisation number.
 */
static void make_title(int svc, int64_t created, char *title, size_t cap,
		       int *prio, char *org, size_t orgcap, const char **form)
{
	char place[96];
	*prio = -1;
	org[0] = 0;
	*form = NULL;
	switch (svc) {
	case SV_BYGG:
		property(place, sizeof place);
		snprintf(title, cap, "%s, %s", pick(&seed_bygglov_works), place);
		break;
	case SV_STRAND:
		snprintf(title, cap, "%s, %s %d:%d", pick(&seed_shore_works),
			 pick(&seed_shore_tracts), (int)rrange(1, 9),
			 (int)rrange(1, 60));
		break;
	case SV_EB: {
		static const int w[] = {70, 8, 8, 6, 4, 4};
		int k = weighted(w, 6);
		if (k == 0) {
			time_t tt = (time_t)created;
			struct tm tm;
			gmtime_r(&tt, &tm);
			int m = (tm.tm_mon + (tm.tm_mday > 20)) % 12;
			snprintf(title, cap, "%s, %s", seed_eb_kinds.v[0],
				 seed_months.v[m]);
		} else {
			snprintf(title, cap, "%s", seed_eb_kinds.v[k]);
		}
		if (k == 1)
			*prio = 3;
		break;
	}
	case SV_FSK: {
		static const int w[] = {60, 20, 12, 8};
		int k = weighted(w, 4);
		if (k < 2)
			snprintf(title, cap, "%s, %s", seed_preschool_kinds.v[k],
				 pick(&seed_preschools));
		else
			snprintf(title, cap, "%s", seed_preschool_kinds.v[k]);
		break;
	}
	case SV_SERV: {
		static const int w[] = {45, 25, 15, 10, 5};
		int k = weighted(w, 5);
		if (k == 1) {
			snprintf(title, cap, "%s, %s", seed_liquor_kinds.v[k],
				 pick(&seed_festivities));
			const struct seed_org *o =
				&seed_festival_orgs[rint_n(seed_n_festival_orgs)];
			snprintf(org, orgcap, "%s", o->name);
			*form = o->form;
		} else {
			const char *r = pick(&seed_restaurants);
			snprintf(title, cap, "%s, %s", seed_liquor_kinds.v[k], r);
			snprintf(org, orgcap, "%s AB", r);
			*form = pm(500) ? "556" : "559";
		}
		break;
	}
	case SV_FEL: {
		int k = rint_n(seed_faults.n);
		if (pm(800))
			snprintf(title, cap, "%s, %s %d", seed_faults.v[k],
				 pick(&seed_streets), (int)rrange(1, 60));
		else
			snprintf(title, cap, "%s, %s", seed_faults.v[k],
				 pick(&seed_streets));
		/* fallen tree, flooding, ice, traffic light */
		if ((k == 3 || k == 6 || k == 10 || k == 12) && pm(700))
			*prio = 2;
		break;
	}
	default: {
		int k = rint_n(seed_parking_kinds.n);
		if (k == 2)
			snprintf(title, cap, "%s, %s", seed_parking_kinds.v[k],
				 pick(&seed_streets));
		else
			snprintf(title, cap, "%s", seed_parking_kinds.v[k]);
	}
	}
	if (!org[0]) {
		const struct seed_org *o = &seed_builders[rint_n(seed_n_builders)];
		snprintf(org, orgcap, "%s", o->name);
		*form = o->form;
	}
}

/* Title and applicants: a person, or an organisation fitting the title. */
static void case_applicants(struct kase *c)
{
	const char *form = NULL;
	char org[96];
	bool want_org = pm(seed_services[c->svc].org_pm);

	make_title(c->svc, c->created, c->title, sizeof c->title, &c->prio,
		   org, sizeof org, &form);
	seed_case_parties(c, want_org ? org : NULL, form);
}

/* The cases row and its assignees. */
static void case_row(struct kase *c)
{
	const struct seed_service *sv = &seed_services[c->svc];
	const char *citizen = c->parties[c->filer].name;

	if (c->prio < 0) {
		static const int w[] = {7, 80, 10, 3};
		c->prio = weighted(w, 4);
	}
	char deadline[16] = "";
	if (pm(c->target == ST_CLOSED ? 500 : 850))
		sb_fmt_date(c->created + (int64_t)sv->deadline * DAY, deadline);

	char search[1024];
	struct seed_buf b = {search, 0, sizeof search};
	seed_bput(&b, "%s %s %s", c->number, c->diary, c->title);
	for (int i = 0; i < c->np; i++)
		seed_bput(&b, " %s", c->parties[i].name);
	char *folded = sb_fold(search);
	struct seed_writes w = seed_ev_writes();
	struct sb_actor changer = seed_actor(w.actor, citizen);

	sqlite3_stmt *st = sb_sql(
		"INSERT INTO cases(id, number, diary_number, title, e_service,"
		" queue_id, status, category, status_ord, priority, created_at,"
		" updated_at, deadline, closed_at, purge_at, hold_active,"
		" hold_reason, hold_by, hold_at, version, changed_by,"
		" changed_by_officer, unread, search) VALUES (?, ?, ?, ?, ?, ?,"
		" ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, c->id);
	bind_text(st, 2, c->number);
	bind_text(st, 3, c->diary);
	bind_text(st, 4, c->title);
	bind_text(st, 5, sv->id);
	sqlite3_bind_int(st, 6, c->svc + 1);
	bind_text(st, 7, seed_statuses[c->target].id);
	bind_text(st, 8, seed_statuses[c->target].cat);
	sqlite3_bind_int(st, 9, c->target);
	sqlite3_bind_int(st, 10, c->prio);
	sqlite3_bind_int64(st, 11, c->created);
	sqlite3_bind_int64(st, 12, w.last);
	bind_text(st, 13, deadline[0] ? deadline : NULL);
	bind_opt(st, 14, c->closed_at);
	bind_opt(st, 15, c->purge_at);
	sqlite3_bind_int(st, 16, c->hold_by != 0);
	bind_text(st, 17, c->hold_by ? seed_hold_reason : NULL);
	bind_opt(st, 18, c->hold_by);
	bind_opt(st, 19, c->hold_at);
	sqlite3_bind_int(st, 20, 1 + w.n);
	bind_text(st, 21, changer.name);
	bind_opt(st, 22, changer.officer_id);
	sqlite3_bind_int(st, 23, c->unread);
	bind_text(st, 24, folded ? folded : search);
	step(st);
	free(folded);

	for (int i = 0; i < c->nassign; i++) {
		st = sb_sql("INSERT INTO case_assignees(case_id, officer_id)"
			    " VALUES (?, ?)");
		sqlite3_bind_int64(st, 1, c->id);
		sqlite3_bind_int(st, 2, c->assignees[i]);
		step(st);
	}
}

/* The parts draw in this order; changing it changes every case after. */
void seed_case(const struct plan *p, int64_t id, const char *number,
	       const char *diary)
{
	static struct kase c;        /* large; one case at a time */

	memset(&c, 0, sizeof c);
	c.sp = p->kind > 0 ? &seed_specials[p->kind - 1] : NULL;
	c.id = id;
	c.created = p->t;
	c.number = number;
	c.diary = diary;
	c.svc = p->svc;
	c.unit = seed_services[p->svc].unit;
	c.prio = -1;
	seed_ev_begin(c.created);

	seed_case_status(&c);
	case_officers(&c);
	case_applicants(&c);
	seed_case_history(&c);
	seed_case_hold(&c);
	seed_case_documents(&c);
	seed_case_notes(&c);
	seed_case_threads(&c);

	case_row(&c);
	seed_party_rows(&c);
	seed_document_rows(&c);
	seed_journal_rows(&c);
	seed_ev_flush(c.id, c.number, c.svc, c.parties[c.filer].name);
}

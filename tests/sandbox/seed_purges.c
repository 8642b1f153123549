/*
 * seed_purges.c — what retention has done and has still to do: cases
 * purged in earlier years (tombstone, purge log entry, case.purged event),
 * cases placed so the first retention run and the list of coming purges
 * have something to show at any case count, and legal holds.
 */
#include "seed.h"

const char seed_hold_reason[] = "Överklagat till mark- och miljödomstolen";

/* Due and unheld (purged when the sandbox starts), due but held, and due
 * within the next weeks. Listed most important first. */
const struct seed_special seed_specials[] = {
	{SV_FEL, 52, 33, false},
	{SV_BYGG, 4080, 3990, true},
	{SV_FEL, 20, 8, false},
	{SV_STRAND, 3900, 3800, true},
	{SV_PARK, 130, 97, false},
	{SV_FEL, 40, 27, false},
	{SV_PARK, 70, 45, false},
	{SV_FSK, 400, 330, false},
	{SV_FEL, 75, 40, false},
};
#define NSPECIAL ((int)(sizeof(seed_specials) / sizeof(seed_specials[0])))

/* Cases of earlier years purged long ago: they take an id and a case
 * number. */
static const struct phantom {
	int svc, filed;            /* days before 1 January of this year;
				    * purged before that date too */
} phantoms[] = {
	{SV_FEL, 560}, {SV_PARK, 510}, {SV_FEL, 430}, {SV_FSK, 600},
	{SV_FEL, 300}, {SV_PARK, 170}, {SV_FEL, 110}, {SV_FEL, 75},
};
const int seed_nphantoms = (int)(sizeof(phantoms) / sizeof(phantoms[0]));

void seed_plan_purges(struct plan *pl, int ncases)
{
	int nspec = ncases >= 50 ? NSPECIAL : ncases / 5;
	for (int k = 0; k < nspec; k++) {
		struct plan *p = &pl[(int64_t)(k + 1) * ncases / (nspec + 1)];
		p->t = seed.now - (int64_t)seed_specials[k].filed * DAY +
		       rrange(-6, 6) * 3600;
		p->svc = (uint8_t)seed_specials[k].svc;
		p->kind = (int8_t)(k + 1);
	}
	int64_t jan1 = seed_jan1(seed_year_of(seed.now));
	for (int k = 0; k < seed_nphantoms; k++) {
		struct plan *p = &pl[ncases + k];
		p->t = jan1 - (int64_t)phantoms[k].filed * DAY +
		       rrange(8, 16) * 3600;
		p->svc = (uint8_t)phantoms[k].svc;
		p->kind = (int8_t)-(k + 1);
		p->orig = (uint32_t)(ncases + k);
	}
}

void seed_case_hold(struct kase *c)
{
	if (c->target != ST_CLOSED)
		return;
	if (c->sp && c->sp->hold) {
		/* set when the case turned up among the coming purges */
		c->hold_by = OFF_ANNA;
		c->hold_at = seed_office(c->purge_at - rrange(5, 30) * DAY);
	} else if (!c->sp && (c->svc == SV_BYGG || c->svc == SV_STRAND) &&
		   pm(15)) {
		c->hold_by = c->handler;
		c->hold_at = seed_office(c->closed_at + rrange(7, 21) * DAY);
	}
	if (c->hold_at && c->hold_at < seed.limit) {
		seed_ev(c->hold_at, E_HOLD, c->hold_by, 0, 0, 0, 0,
			seed_hold_reason);
	} else {
		c->hold_by = 0;
		c->hold_at = 0;
	}
}

void seed_phantom(const struct plan *p, int64_t id, const char *number)
{
	const struct seed_service *sv = &seed_services[p->svc];
	int64_t closed = seed_office(p->t + rrange(sv->hmin, sv->hmax) * DAY);
	int64_t purged = closed + (int64_t)sv->days * DAY + rrange(5, 55);
	if (purged > seed.limit)
		purged = seed.limit;
	sqlite3_stmt *st = sb_sql("INSERT INTO purged_cases(id, number,"
				  " purged_at) VALUES (?, ?, ?)");
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, number);
	sqlite3_bind_int64(st, 3, purged);
	step(st);
	st = sb_sql("INSERT INTO purge_log(case_number, e_service, closed_at,"
		    " purged_at, policy_days) VALUES (?, ?, ?, ?, ?)");
	bind_text(st, 1, number);
	bind_text(st, 2, sv->id);
	sqlite3_bind_int64(st, 3, closed);
	sqlite3_bind_int64(st, 4, purged);
	sqlite3_bind_int(st, 5, sv->days);
	step(st);
	seed_ev_begin(p->t);
	seed_ev(purged, E_PURGED, ACT_SYSTEM, 0, 0, 0, 0, NULL);
	seed_ev_flush(id, number, p->svc, NULL);
}

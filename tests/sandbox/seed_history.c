/*
 * seed_history.c — where a case stands and how it got there: its status
 * now (by age and how fast its service moves), the statuses it went
 * through along the transition graph and when, and those as events with
 * the filing and the assignment.
 */
#include "seed.h"

#include <stdlib.h>

/* One of the service's custom statuses, or in_progress if it has none. */
static int pick_custom(int svc)
{
	unsigned cu = seed_services[svc].custom;
	if (!cu)
		return ST_IP;
	int w[NST] = {0};
	w[ST_AWAIT] = cu & CU(ST_AWAIT) ? 35 : 0;
	w[ST_REF] = cu & CU(ST_REF) ? 25 : 0;
	w[ST_PLACE] = cu & CU(ST_PLACE) ? 100 : 0;
	w[ST_DEC] = cu & CU(ST_DEC) ? 40 : 0;
	return weighted(w, NST);
}

/* Status the case has now: by how long ago it was filed, scaled by how
 * fast the service usually moves. */
static int pick_status(int svc, int64_t age)
{
	static const struct {
		double days;
		int w[5];          /* submitted registered ip closed custom */
	} by_age[] = {
		{3, {70, 20, 10, 0, 0}},
		{14, {30, 35, 25, 5, 5}},
		{60, {8, 20, 35, 15, 22}},
		{365, {2, 8, 36, 24, 30}},
		{1e18, {1, 3, 36, 35, 25}},
	};
	double eff = (double)age / DAY * seed_services[svc].pace / 10.0;
	int row = 0;
	while (eff >= by_age[row].days)
		row++;
	int c = weighted(by_age[row].w, 5);
	return c < 4 ? c : pick_custom(svc);
}

/* The statuses the case went through to reach target, following the
 * transition graph; returns how many. */
static int build_path(int svc, int target, int *path)
{
	unsigned cu = seed_services[svc].custom;
	int k = 0;
	if (target == ST_SUB)
		return 0;
	if (target == ST_REG) {
		path[k++] = ST_REG;
		return k;
	}
	if (target == ST_CLOSED && pm(svc == SV_FEL ? 300 : 120)) {
		path[k++] = ST_REG;
		path[k++] = ST_CLOSED;
		return k;
	}
	if (pm(600))
		path[k++] = ST_REG;
	path[k++] = ST_IP;
	if (target == ST_IP) {
		if ((cu & CU(ST_AWAIT)) && pm(200)) {
			path[k++] = ST_AWAIT;
			path[k++] = ST_IP;
		}
		return k;
	}
	if (target == ST_DEC || (target == ST_CLOSED && (cu & CU(ST_DEC)) &&
				 pm(700))) {
		if ((cu & CU(ST_AWAIT)) && pm(350))
			path[k++] = ST_AWAIT;
		else if ((cu & CU(ST_REF)) && pm(450))
			path[k++] = ST_REF;
		path[k++] = ST_DEC;
	} else if (target == ST_CLOSED && (cu & CU(ST_PLACE)) && pm(700)) {
		path[k++] = ST_PLACE;
	} else if (target != ST_CLOSED) {
		path[k++] = target;
	}
	if (target == ST_CLOSED) {
		path[k++] = ST_CLOSED;
		if (pm(30)) {           /* reopened once and closed again */
			path[k++] = ST_IP;
			path[k++] = ST_CLOSED;
		}
	}
	return k;
}

static const char *status_comment(int to)
{
	switch (to) {
	case ST_IP: return pm(400) ? pick(&seed_start_comments) : NULL;
	case ST_AWAIT: return pm(900) ? pick(&seed_await_comments) : NULL;
	case ST_REF: return pm(900) ? pick(&seed_referral_comments) : NULL;
	case ST_DEC: return pm(800) ? pick(&seed_decision_comments) : NULL;
	case ST_PLACE: return pm(800) ? pick(&seed_placement_comments) : NULL;
	case ST_CLOSED: return pm(600) ? pick(&seed_close_comments) : NULL;
	default: return NULL;
	}
}

/* k increasing times in (lo, hi], the last one exactly hi when fixed_end;
 * officers' moments moved into office hours unless exact. */
static bool spread(int64_t *t, int k, int64_t lo, int64_t hi, bool fixed_end,
		   bool exact)
{
	if (k == 0)
		return true;
	if (hi - lo < 120 * (int64_t)k)
		return false;
	int free_n = fixed_end ? k - 1 : k;
	for (int j = 0; j < free_n; j++)
		t[j] = lo + 60 + (int64_t)((double)(hi - lo - 60) *
					   (fixed_end ? 0.95 : 1.0) * runit());
	qsort(t, (size_t)free_n, sizeof *t, seed_cmp_i64);
	if (free_n > 0)        /* registration comes quickly */
		t[0] = lo + 60 + (t[0] - lo - 60) / 4;
	if (fixed_end)
		t[k - 1] = hi;
	if (!exact) {
		for (int j = 0; j < k; j++)
			t[j] = seed_office(t[j]);
		qsort(t, (size_t)k, sizeof *t, seed_cmp_i64);
	}
	for (int j = 0; j < k; j++)
		if (t[j] < (j ? t[j - 1] : lo) + 60)
			t[j] = (j ? t[j - 1] : lo) + 60;
	if (t[k - 1] > seed.limit) {
		t[k - 1] = seed.limit;
		for (int j = k - 2; j >= 0; j--)
			if (t[j] > t[j + 1] - 60)
				t[j] = t[j + 1] - 60;
	}
	return t[0] > lo;
}

/* The current status, when the case was closed, and the statuses and
 * moments it went through. */
void seed_case_status(struct kase *c)
{
	const struct seed_service *sv = &seed_services[c->svc];
	const int64_t age = seed.now - c->created;

	if (c->sp) {
		c->target = ST_CLOSED;
	} else if (c->svc == SV_BYGG && seed.bygg_seen < 30) {
		/* the oldest building permits show every status */
		static const int mix[] = {ST_IP, ST_CLOSED, ST_AWAIT, ST_SUB,
					  ST_DEC, ST_REG, ST_IP, ST_CLOSED,
					  ST_AWAIT, ST_DEC};
		c->target = mix[seed.bygg_seen % 10];
	} else {
		c->target = pick_status(c->svc, age);
	}
	if (c->svc == SV_BYGG)
		seed.bygg_seen++;

	int64_t handling = rrange(sv->hmin, sv->hmax) * DAY + rrange(0, DAY);
	if (c->sp) {
		c->closed_at = seed.now - (int64_t)c->sp->closed * DAY +
			       rrange(-4, 4) * 3600;
	} else if (c->target == ST_CLOSED) {
		c->closed_at = c->created + handling;
		if (c->closed_at > seed.limit - 3600)
			c->closed_at = c->created +
				(int64_t)((double)(seed.limit - 3600 -
						   c->created) *
					  (0.5 + 0.5 * runit()));
		if (c->closed_at - c->created < 3 * 3600)
			c->target = age < DAY ? ST_SUB : ST_IP;
		/* a closed case this old would have been purged already:
		 * what is left of that age is still open */
		else if (c->closed_at + (int64_t)sv->days * DAY <
			 seed.now + 5 * (int64_t)DAY)
			c->target = pm(400) ? pick_custom(c->svc) : ST_IP;
		if (c->target != ST_CLOSED)
			c->closed_at = 0;
	}
	if (c->target > ST_CLOSED && !(sv->custom & CU(c->target)))
		c->target = ST_IP;

	c->k = build_path(c->svc, c->target, c->path);
	bool closed = c->target == ST_CLOSED;
	int64_t hi = closed ? c->closed_at
			    : c->created + (int64_t)((double)(age < handling ? age
							      : handling) *
						     (0.3 + 0.7 * runit()));
	if (hi > seed.limit)
		hi = seed.limit;
	if (!spread(c->tt, c->k, c->created, hi, closed, c->sp != NULL)) {
		c->target = ST_SUB;     /* filed moments ago */
		c->k = 0;
		c->closed_at = 0;
		closed = false;
	}
	if (closed)
		c->closed_at = c->tt[c->k - 1];
	c->end = closed ? c->closed_at : seed.limit;
	c->purge_at = closed ? c->closed_at + (int64_t)sv->days * DAY : 0;
	for (int j = 0; j < c->k; j++)
		if (c->path[j] == ST_DEC ||
		    (c->path[j] == ST_CLOSED && !c->decided))
			c->decided = c->tt[j];
}

/* Filing, status changes and assignment as events. */
void seed_case_history(struct kase *c)
{
	seed_ev(c->created, E_CREATED, ACT_CITIZEN, 0, 0, 0, 0, NULL);
	int prev = ST_SUB;
	for (int j = 0; j < c->k; j++) {
		int actor = j == 0 ? c->registrar : c->handler;
		seed_ev(c->tt[j], E_STATUS, actor, 0, 0, prev, c->path[j],
			status_comment(c->path[j]));
		prev = c->path[j];
	}
	if (c->nassign) {
		/* distributed when registered, or while still waiting */
		int64_t at = c->k ? c->tt[0] + 30
				  : seed_office(between(c->created + 3600,
							seed.limit));
		if (at > seed.limit)
			at = seed.limit;
		for (int i = 0; i < c->nassign; i++)
			seed_ev(at + i, E_ASSIGNED, c->registrar,
				c->assignees[i], 0, 0, 0, NULL);
	}
}

/*
 * seed.c — fills an empty database with a made-up Swedish municipality:
 * units, officers, e-services, queues, statuses, retention policies and
 * ncases cases with parties, documents, journal notes, message threads
 * and their audit trail.
 *
 * Everything is drawn from one small PRNG seeded with the seed number, so
 * the same seed and case count give the same data; times are offsets from
 * the sandbox clock at seeding time. Cases get ids in filing order, like
 * a real system. The data is what a municipality would hold after years
 * of retention runs: closed cases of short-lived services are mostly gone,
 * except a few deliberately due ones so the first retention run and the
 * purge list have something to show.
 *
 * This file plans when cases were filed and numbers them; seed_cases.c
 * makes each one.
 */
#include "seed.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct seed_state seed;

/* ---- time ------------------------------------------------------------- */

int seed_year_of(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	return tm.tm_year + 1900;
}

int64_t seed_jan1(int year)
{
	struct tm tm = {0};
	tm.tm_year = year - 1900;
	tm.tm_mday = 1;
	return (int64_t)timegm(&tm);
}

/* Office hours in Sweden; a moment outside them keeps some of its spread. */
int64_t seed_office(int64_t t)
{
	int64_t day = t / DAY, sec = t % DAY;
	int wd = (int)((day + 4) % 7);      /* 1970-01-01 was a Thursday */
	if (wd != 0 && wd != 6 && sec >= 7 * 3600 && sec < 16 * 3600)
		return t;
	if (wd != 0 && wd != 6 && sec < 7 * 3600)
		return day * DAY + 7 * 3600 + sec % (4 * 3600);
	do {
		day++;
		wd = (int)((day + 4) % 7);
	} while (wd == 0 || wd == 6);
	return day * DAY + 7 * 3600 + sec % (4 * 3600);
}

int seed_cmp_i64(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
	return a < b ? -1 : a > b;
}

/* ---- text ------------------------------------------------------------- */

/* Anything outside [a-z0-9.-] that is not a Latin-1 letter is dropped. */
void seed_slug(char *out, size_t cap, const char *s, char space)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && n + 2 < cap) {
		char c = 0;
		if (*p == 0xc3 && p[1]) {
			unsigned x = p[1] | 0x20;   /* Latin-1 upper → lower */
			if (x >= 0xa0 && x <= 0xa5) c = 'a';
			else if (x == 0xa7) c = 'c';
			else if (x >= 0xa8 && x <= 0xab) c = 'e';
			else if (x >= 0xac && x <= 0xaf) c = 'i';
			else if (x == 0xb1) c = 'n';
			else if ((x >= 0xb2 && x <= 0xb6) || x == 0xb8) c = 'o';
			else if (x >= 0xb9 && x <= 0xbc) c = 'u';
			else if (x == 0xbd) c = 'y';
			p += 2;
		} else if (*p >= 0x80) {
			p++;
			while ((*p & 0xc0) == 0x80)
				p++;
		} else {
			if (*p >= 'A' && *p <= 'Z') c = (char)(*p + 32);
			else if ((*p >= 'a' && *p <= 'z') ||
				 (*p >= '0' && *p <= '9') || *p == '-')
				c = (char)*p;
			else if (*p == ' ' || *p == '.')
				c = space;
			p++;
		}
		if (c && !(c == space && (n == 0 || out[n - 1] == space)))
			out[n++] = c;
	}
	while (n > 0 && out[n - 1] == space)
		n--;
	out[n] = 0;
}

void seed_bput(struct seed_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len += (size_t)n < b->cap - b->len ? (size_t)n
						      : b->cap - b->len - 1;
}

/* ---- the plan --------------------------------------------------------- */

static int plan_cmp(const void *pa, const void *pb)
{
	const struct plan *a = pa, *b = pb;
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return a->orig < b->orig ? -1 : a->orig > b->orig;
}

/* Numbering rates: cases per second of each service and unit. */
struct rates {
	double svc[NSVC], unit[NUNIT + 1];
};

/* ncases filed evenly over the window, the short-lived services thinned
 * out with age as retention would have, plus the retention cases; sorted
 * by filing time. */
static struct plan *make_plan(int ncases, int *ntotal, struct rates *r)
{
	int n = ncases + seed_nphantoms;
	struct plan *pl = calloc((size_t)n, sizeof *pl);
	if (!pl)
		return NULL;
	const int64_t span = seed.limit - 3600 - seed.start;
	for (int i = 0; i < ncases; i++) {
		int64_t t = seed.start +
			    (int64_t)(((double)i + runit()) * (double)span / ncases);
		/* few people file in the middle of the night */
		if ((t % DAY) < 5 * 3600 && pm(700) && t + 6 * 3600 < seed.limit)
			t += 6 * 3600;
		int64_t age_days = (seed.now - t) / DAY;
		int w[NSVC];
		for (int s = 0; s < NSVC; s++) {
			const struct seed_service *sv = &seed_services[s];
			w[s] = sv->weight *
			       (age_days > sv->keep_days ? sv->keep_pm : 1000);
		}
		pl[i].t = t;
		pl[i].svc = (uint8_t)weighted(w, NSVC);
		pl[i].orig = (uint32_t)i;
	}
	seed_plan_purges(pl, ncases);
	int cnt[NSVC] = {0};
	for (int i = 0; i < n; i++)
		cnt[pl[i].svc]++;
	for (int s = 0; s < NSVC; s++) {
		r->svc[s] = (double)cnt[s] / (double)span;
		r->unit[seed_services[s].unit] += (double)cnt[s] / (double)span * 2;
	}
	qsort(pl, (size_t)n, sizeof *pl, plan_cmp);
	*ntotal = n;
	return pl;
}

/* ---- numbering -------------------------------------------------------- */

/* A series of numbers that starts over every year. */
struct series {
	int year, next;
};

/* The next number of the series at t. The first number of a year in the
 * seeded window: a year that began before the window already had cases
 * we do not hold. */
static int number_at(struct series *s, double rate, int year, int64_t t)
{
	if (s->year != year) {
		int64_t j1 = seed_jan1(year);
		int64_t base = t < seed.start ? t : seed.start;
		s->year = year;
		s->next = j1 >= seed.start
			? 1 : 1 + (int)(rate * (double)(base - j1));
	}
	return s->next;
}

static bool file_cases(int ncases)
{
	struct rates r = {{0}, {0}};
	struct series seq[NSVC] = {{0, 0}}, diary[NUNIT + 1] = {{0, 0}};
	int n = 0;
	struct plan *pl = make_plan(ncases, &n, &r);
	if (!pl)
		return false;

	for (int i = 0; i < n && seed.ok; i++) {
		const struct plan *p = &pl[i];
		const struct seed_service *sv = &seed_services[p->svc];
		int year = seed_year_of(p->t), u = sv->unit;
		char number[32], diary_no[32];
		snprintf(number, sizeof number, "%s-%d-%06d", sv->prefix, year,
			 number_at(&seq[p->svc], r.svc[p->svc], year, p->t));
		seq[p->svc].next++;
		/* other registrations share the board's diary */
		snprintf(diary_no, sizeof diary_no, "%s %d/%d",
			 seed_units[u].abbr, year,
			 number_at(&diary[u], r.unit[u], year, p->t));
		diary[u].next += 1 + rint_n(3);
		if (p->kind < 0)
			seed_phantom(p, i + 1, number);
		else
			seed_case(p, i + 1, number, diary_no);
	}
	free(pl);
	if (!seed.ok)
		return false;

	/* sb_case_create continues the numbering of the current year */
	int this_year = seed_year_of(seed.now);
	for (int s = 0; s < NSVC; s++) {
		sqlite3_stmt *st = sb_sql("UPDATE e_services SET next_seq = ?"
					  " WHERE id = ?");
		sqlite3_bind_int(st, 1,
				 seq[s].year == this_year ? seq[s].next : 1);
		bind_text(st, 2, seed_services[s].id);
		step(st);
	}
	return seed.ok;
}

/* ---- entry ------------------------------------------------------------ */

int sb_seed(unsigned number, int ncases, int64_t now)
{
	memset(&seed, 0, sizeof seed);
	seed.ok = true;
	seed.now = now;
	seed.limit = seed.now - 60;
	seed.start = seed.now - 730 * (int64_t)DAY;
	seed.rng = 0x5eed5eed00000000ULL ^
		   ((uint64_t)number * 0x9e3779b97f4a7c15ULL);
	if (ncases < 0)
		ncases = 0;

	bool own = sqlite3_get_autocommit(sb_db) != 0;
	if (own && !sb_exec("BEGIN"))
		return -1;
	seed_directory();
	if (seed.ok && !seed_events_init())
		seed.ok = false;
	if (seed.ok)
		file_cases(ncases);
	if (own && !sb_exec(seed.ok ? "COMMIT" : "ROLLBACK"))
		seed.ok = false;

	seed_events_free();
	bool ok = seed.ok;
	memset(&seed, 0, sizeof seed);
	return ok ? 0 : -1;
}

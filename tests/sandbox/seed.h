/*
 * seed.h — private interface of the seed (seed*.c only): the reference
 * tables, the state of one seeding run with its PRNG, the case being
 * generated that the parts fill in turn, and the word lists of
 * seed_names.c.
 *
 * Every random draw comes from the one PRNG in the state, so the order in
 * which the parts are called (see seed_case() in seed_cases.c) is part of
 * the data: the same seed and case count give the same database only as
 * long as that order stays.
 */
#ifndef AKT_SANDBOX_SEED_H
#define AKT_SANDBOX_SEED_H

#include "sandbox.h"

#include <stdio.h>

#define DAY 86400
#define NOFF 8                 /* officers, ids 1 .. NOFF */
#define NUNIT 5                /* units, ids 1 .. NUNIT */

/* Who an event is by: the citizen, an officer id, or the system. */
#define ACT_CITIZEN 0
#define ACT_SYSTEM 255

/* Statuses; the ordinal is the index: the standard four first (0..3),
 * then the custom ones in workflow order. */
enum { ST_SUB, ST_REG, ST_IP, ST_CLOSED, ST_AWAIT, ST_REF, ST_PLACE,
       ST_DEC, NST };
#define CU(s) (1u << (s))

/* E-services; id of the queue = index + 1. */
enum { SV_BYGG, SV_STRAND, SV_EB, SV_FSK, SV_SERV, SV_FEL, SV_PARK, NSVC };

/* ---- reference data (seed_reference.c) ------------------------------- */

struct seed_unit {
	const char *name, *abbr;   /* abbr: the board's diary prefix */
};
extern const struct seed_unit seed_units[NUNIT + 1];  /* [0] unused */

/* id = index + 1. weight: how often the officer gets a case of a unit. */
struct seed_officer {
	const char *user, *name, *roles, *scopes;
	unsigned units;            /* bit n = unit n */
	int weight;
};
extern const struct seed_officer seed_officers[NOFF];
#define OFF_ANNA 1
#define OFF_SARA 3

struct seed_status {
	const char *id, *sv, *en, *cat;
};
extern const struct seed_status seed_statuses[NST];

struct seed_service {
	const char *id, *prefix, *sv, *en;
	int unit, days;        /* retention policy */
	int weight;            /* share of filed cases */
	int keep_days, keep_pm;/* filed longer ago: only keep_pm ‰ still here */
	int hmin, hmax;        /* handling time, days */
	int deadline;          /* days from filing to the decision deadline */
	int org_pm, coapp_pm, rep_pm;
	int pace;              /* speed relative to a building permit, ×10 */
	unsigned custom;
};
extern const struct seed_service seed_services[NSVC];

/* Units, officers, queues, e-services, statuses, retention policies. */
void seed_directory(void);
/* An officer of the unit; the ones with more weight more often. */
int seed_pick_officer(int unit);

/* ---- one seeding run (seed.c) ---------------------------------------- */

struct seed_state {
	int64_t now, start, limit; /* the clock; the window cases are filed in */
	uint64_t rng;
	bool ok;                   /* false after the first failed write */
	int64_t party_id, doc_id, note_id, thread_id, msg_id;  /* last used */
	int bygg_seen;             /* building permits generated so far */
};
extern struct seed_state seed;

/* When a case (or a case purged long ago) was filed, in filing order. */
struct plan {
	int64_t t;
	uint32_t orig;
	uint8_t svc;
	int8_t kind;               /* 0, special k + 1, or -(phantom k + 1) */
};

/* Officers act on weekdays 07–16 UTC: t moved to the next such moment. */
int64_t seed_office(int64_t t);
int seed_year_of(int64_t t);
int64_t seed_jan1(int year);
int seed_cmp_i64(const void *pa, const void *pb);   /* for qsort */
/* Lower-case ASCII of a name for e-mail addresses (å → a …), with space
 * (and .) turned into the character space. */
void seed_slug(char *out, size_t cap, const char *s, char space);

/* Text built into a fixed buffer; what does not fit is cut off. */
struct seed_buf {
	char *p;
	size_t len, cap;
};
void seed_bput(struct seed_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- the PRNG: splitmix64 over seed.rng ------------------------------ */

struct seed_list {
	const char *const *v;
	int n;
};

static inline uint64_t rnd(void)
{
	uint64_t z = (seed.rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline int rint_n(int n)            /* 0 .. n-1 */
{
	return n <= 1 ? 0 : (int)(rnd() % (uint64_t)n);
}

static inline int64_t rrange(int64_t lo, int64_t hi) /* lo .. hi inclusive */
{
	if (hi <= lo)
		return lo;
	return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1));
}

static inline double runit(void)           /* [0, 1) */
{
	return (double)(rnd() >> 11) * (1.0 / 9007199254740992.0);
}

static inline bool pm(int permille)
{
	return rint_n(1000) < permille;
}

static inline const char *pick(const struct seed_list *l)
{
	return l->v[rint_n(l->n)];
}

static inline int64_t between(int64_t lo, int64_t hi)
{
	return hi <= lo ? lo : lo + (int64_t)((double)(hi - lo) * runit());
}

static inline int weighted(const int *w, int n)
{
	int sum = 0;
	for (int i = 0; i < n; i++)
		sum += w[i];
	int r = rint_n(sum);
	for (int i = 0; i < n; i++) {
		if (r < w[i])
			return i;
		r -= w[i];
	}
	return n - 1;
}

/* ---- writing rows ---------------------------------------------------- */

static inline void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static inline void bind_opt(sqlite3_stmt *st, int i, int64_t v)
{
	if (v)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

/* Run an INSERT or UPDATE; the first failure is reported and ends the run. */
static inline void step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && seed.ok) {
		fprintf(stderr, "seed: %s: %s\n", sqlite3_sql(st),
			sqlite3_errmsg(sb_db));
		seed.ok = false;
	}
	sqlite3_reset(st);
}

/* ---- the case being generated ---------------------------------------- */

struct party {
	int64_t id, sign_at, represents;
	const char *role, *kind, *sign;
	char name[96], first[40], pnr[48], orgnr[32], email[112], phone[24];
};

struct doc {
	const char *name, *kind;
	int64_t at;
};

struct note {
	int64_t id, author, at, pub, read_at;
	const char *body;
};

struct msg {
	int64_t id, thread, officer, at, oread, oread_by, cread;
	int kind;                 /* 0 citizen, 1 officer, 2 system */
	char body[640];
};

struct thread {
	int64_t id, first, last;
	const char *subject;
};

struct seed_special;

struct kase {
	const struct seed_special *sp;
	int64_t id, created, closed_at, end, purge_at, hold_at, decided;
	const char *number, *diary;
	int svc, unit, target, k, prio;
	int path[12];
	int64_t tt[12];           /* when the case entered path[j] */
	int registrar, handler, assignees[2], nassign, hold_by;
	char title[256];
	struct party parties[4];
	int np, filer;            /* filer: who filed, the citizen actor */
	struct doc docs[6];
	int nd;
	struct note notes[3];
	int nn;
	struct thread threads[2];
	int nt;
	struct msg msgs[8];
	int nm, unread;
};

/* seed_hostile.c: after sb_seed, every displayed text rewritten with
 * hostile strings, the naughty strings corpus (a JSON array of strings)
 * read from corpus. 0, or -1 after a message. */
int sb_seed_hostile(const char *corpus);

/* seed_cases.c: one case, start to finish. */
void seed_case(const struct plan *p, int64_t id, const char *number,
	       const char *diary);

/* seed_history.c: the status now, the statuses it passed and when
 * (seed_case_status), then filing, status changes and assignment as
 * events (seed_case_history). */
void seed_case_status(struct kase *c);
void seed_case_history(struct kase *c);

/* seed_parties.c: the organisation org (with the first three digits form
 * of its number) and the person representing it, or when org is NULL a
 * person applying, maybe with a co-applicant and an ombud. */
void seed_case_parties(struct kase *c, const char *org, const char *form);
void seed_party_rows(const struct kase *c);

/* seed_documents.c: attachments, decision, protocol and their content. */
void seed_case_documents(struct kase *c);
void seed_document_rows(const struct kase *c);

/* seed_journal.c: journal notes and message threads. */
void seed_case_notes(struct kase *c);
void seed_case_threads(struct kase *c);
void seed_journal_rows(const struct kase *c);

/* ---- retention (seed_purges.c) --------------------------------------- */

/* A case placed on purpose so retention has work at any case count. */
struct seed_special {
	int svc, filed, closed;    /* days before now */
	bool hold;
};
extern const struct seed_special seed_specials[];
extern const int seed_nphantoms;
extern const char seed_hold_reason[];

/* Place the special cases among pl[0 .. ncases) and the phantoms (cases
 * purged long ago) at pl[ncases ..]. */
void seed_plan_purges(struct plan *pl, int ncases);
/* A legal hold on a closed case, as the case's last event. */
void seed_case_hold(struct kase *c);
/* A case purged long ago: tombstone, purge log entry and feed event. */
void seed_phantom(const struct plan *p, int64_t id, const char *number);

/* ---- events (seed_events.c) ------------------------------------------ */

enum { E_CREATED, E_STATUS, E_ASSIGNED, E_HOLD, E_NOTE, E_NOTE_PUB,
       E_NOTE_READ, E_MSG, E_MSG_READ, E_PURGED };

/* Render the status and officer objects events show (after the
 * directory is written); seed_events_free() lets them go. */
bool seed_events_init(void);
void seed_events_free(void);
/* Events are collected per case and written sorted by time. */
void seed_ev_begin(int64_t created);
void seed_ev(int64_t at, int type, int actor, int64_t a, int64_t b, int c,
	     int d, const char *text);
void seed_ev_flush(int64_t case_id, const char *number, int svc,
		   const char *citizen);
/* The writes among the events so far: how many, the last and by whom. */
struct seed_writes {
	int n;
	int64_t last;
	int actor;
};
struct seed_writes seed_ev_writes(void);
/* An actor (ACT_* or officer id) as kind, name and officer id. */
struct sb_actor seed_actor(int actor, const char *citizen);
/* Bind it to the columns kind, name, officer from col on. */
void seed_bind_actor(sqlite3_stmt *st, int col, int actor,
		     const char *citizen);

/* ---- word lists (seed_names.c) --------------------------------------- */

struct seed_first {
	const char *name;
	char sex;          /* 'f' or 'm': decides the personal number parity */
};
extern const struct seed_first seed_first_names[];
extern const int seed_n_first_names;

/* Everyday places. */
extern const struct seed_list seed_surnames, seed_streets, seed_blocks,
	seed_tracts, seed_shore_tracts, seed_preschools, seed_restaurants,
	seed_festivities, seed_months;

/* Companies and associations: name and the first three digits of the
 * organisation number (legal form). */
struct seed_org {
	const char *name;
	const char *form;
};
extern const struct seed_org seed_builders[], seed_festival_orgs[];
extern const int seed_n_builders, seed_n_festival_orgs;

/* What people apply for, per e-service (titles get a place appended). */
extern const struct seed_list seed_bygglov_works, seed_shore_works,
	seed_eb_kinds, seed_preschool_kinds, seed_liquor_kinds, seed_faults,
	seed_parking_kinds;

/* Per e-service, indexed by SV_*. */
extern const struct seed_list seed_attachments[NSVC];
extern const struct seed_list seed_notes[NSVC];
extern const struct seed_list seed_questions[NSVC];
extern const struct seed_list seed_subjects[NSVC];

extern const struct seed_list seed_generic_notes, seed_generic_questions,
	seed_generic_subjects, seed_replies, seed_followups,
	seed_officer_openers, seed_system_messages, seed_system_subjects,
	seed_close_comments, seed_start_comments, seed_await_comments,
	seed_referral_comments, seed_decision_comments,
	seed_placement_comments;

#endif

/*
 * seed_parties.c — the people and organisations of a case, with valid
 * personal and organisation numbers (Luhn check digit), e-mail addresses
 * under example.se and phone numbers from the ranges set aside for
 * fiction.
 */
#include "seed.h"

#include <string.h>
#include <time.h>

/* Luhn check digit over the digits of s (the check digit not included). */
static int luhn(const char *s)
{
	int sum = 0, i = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			continue;
		int d = (*s - '0') * (i % 2 == 0 ? 2 : 1);
		sum += d > 9 ? d - 9 : d;
		i++;
	}
	return (10 - sum % 10) % 10;
}

static void person(struct party *p, const char *role, int min_age,
		   int max_age, const char *surname)
{
	const struct seed_first *f =
		&seed_first_names[rint_n(seed_n_first_names)];
	const char *last = surname ? surname : pick(&seed_surnames);
	char a[48], b[48];

	memset(p, 0, sizeof *p);
	p->role = role;
	p->kind = "person";
	snprintf(p->first, sizeof p->first, "%s", f->name);
	snprintf(p->name, sizeof p->name, "%s %s", f->name, last);

	/* Personal number: birth date, serial whose last digit is odd for
	 * men and even for women, Luhn check digit over the 10-digit form. */
	int64_t birth = seed.now - rrange(min_age, max_age) * (int64_t)31557600 -
			rrange(0, 364) * (int64_t)DAY;
	time_t bt = (time_t)birth;
	struct tm tm;
	gmtime_r(&bt, &tm);
	int serial = (int)rrange(0, 99) * 10 + (int)rrange(0, 4) * 2 +
		     (f->sex == 'm');
	if (serial == 0)
		serial = 2;
	char ten[48];
	snprintf(ten, sizeof ten, "%02d%02d%02d%03d", (tm.tm_year + 1900) % 100,
		 tm.tm_mon + 1, tm.tm_mday, serial);
	snprintf(p->pnr, sizeof p->pnr, "%04d%02d%02d%03d%d",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, serial,
		 luhn(ten));

	seed_slug(a, sizeof a, f->name, '.');
	seed_slug(b, sizeof b, last, '.');
	if (pm(300))
		snprintf(p->email, sizeof p->email, "%s.%s%02d@example.se", a, b,
			 (tm.tm_year + 1900) % 100);
	else
		snprintf(p->email, sizeof p->email, "%s.%s@example.se", a, b);
	/* The mobile range set aside for fiction. */
	snprintf(p->phone, sizeof p->phone, "070-174 06 %02d",
		 (int)rrange(5, 99));
}

static void organisation(struct party *p, const char *name, const char *form)
{
	char slug[80], nine[16];

	memset(p, 0, sizeof *p);
	p->role = "applicant";
	p->kind = "organisation";
	snprintf(p->name, sizeof p->name, "%s", name);
	snprintf(nine, sizeof nine, "%s%03d%03d", form, (int)rrange(0, 999),
		 (int)rrange(0, 999));
	snprintf(p->orgnr, sizeof p->orgnr, "%.6s-%s%d", nine, nine + 6,
		 luhn(nine));
	seed_slug(slug, sizeof slug, name, '-');
	snprintf(p->email, sizeof p->email, "info@%s.example.se", slug);
	/* fixed-line ranges set aside for fiction */
	int which = rint_n(3), n = (int)rrange(0, 99);
	switch (which) {
	case 0:
		snprintf(p->phone, sizeof p->phone, "08-465 004 %02d", n);
		break;
	case 1:
		snprintf(p->phone, sizeof p->phone, "031-390 06 %02d", n);
		break;
	default:
		snprintf(p->phone, sizeof p->phone, "040-628 04 %02d", n);
	}
}

/* A co-applicant has to sign the application too. */
static void co_signing(struct kase *c, struct party *co)
{
	int r = rint_n(10);
	if (r < 7) {
		co->sign = "signed";     /* before the application went in */
		co->sign_at = c->created - rrange(600, 3 * DAY);
	} else if (r < 9) {
		co->sign = "pending";
	} else {
		co->sign = "declined";
		co->sign_at = between(c->created + 600, c->end);
	}
}

void seed_case_parties(struct kase *c, const char *org, const char *form)
{
	const struct seed_service *sv = &seed_services[c->svc];
	int min_age = c->svc == SV_FSK ? 22 : c->svc == SV_PARK ? 30 : 19;
	int max_age = c->svc == SV_FSK ? 45 : c->svc == SV_EB ? 70 : 88;
	struct party *pa = c->parties;

	if (org) {
		organisation(&pa[c->np], org, form);
		pa[c->np++].id = ++seed.party_id;
		person(&pa[c->np], "representative", 25, 65, NULL);
		pa[c->np].id = ++seed.party_id;
		pa[c->np].represents = pa[0].id;
		c->filer = c->np++;
		return;
	}
	person(&pa[c->np], "applicant", min_age, max_age, NULL);
	pa[c->np++].id = ++seed.party_id;
	if (pm(sv->coapp_pm)) {
		/* often the spouse, with the same surname */
		const char *space = strchr(pa[0].name, ' ');
		char last[64];
		snprintf(last, sizeof last, "%s", space ? space + 1 : "");
		bool same = pm(600) && last[0];
		struct party *co = &pa[c->np++];
		person(co, "co_applicant", min_age, max_age, same ? last : NULL);
		co->id = ++seed.party_id;
		co_signing(c, co);
	}
	if (pm(sv->rep_pm)) {
		person(&pa[c->np], "representative", 28, 70, NULL);
		pa[c->np].id = ++seed.party_id;
		pa[c->np++].represents = pa[0].id;
	}
}

void seed_party_rows(const struct kase *c)
{
	for (int i = 0; i < c->np; i++) {
		const struct party *pa = &c->parties[i];
		sqlite3_stmt *st = sb_sql(
			"INSERT INTO parties(id, case_id, role, kind, name, pnr,"
			" orgnr, signing_state, signing_at, represents, email,"
			" phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
		sqlite3_bind_int64(st, 1, pa->id);
		sqlite3_bind_int64(st, 2, c->id);
		bind_text(st, 3, pa->role);
		bind_text(st, 4, pa->kind);
		bind_text(st, 5, pa->name);
		bind_text(st, 6, pa->pnr[0] ? pa->pnr : NULL);
		bind_text(st, 7, pa->orgnr[0] ? pa->orgnr : NULL);
		bind_text(st, 8, pa->sign);
		bind_opt(st, 9, pa->sign_at);
		bind_opt(st, 10, pa->represents);
		bind_text(st, 11, pa->email);
		bind_text(st, 12, pa->phone);
		step(st);
	}
}

/*
 * seed_reference.c — the fixed directory of the seeded municipality:
 * units, officers, e-services with their queues, statuses and retention
 * policies, and writing them.
 */
#include "seed.h"

const struct seed_unit seed_units[NUNIT + 1] = {
	{NULL, NULL},
	{"Samhällsbyggnadsförvaltningen", "SBN"},
	{"Socialförvaltningen", "SN"},
	{"Utbildningsförvaltningen", "BUN"},
	{"Miljöförvaltningen", "MN"},
	{"Tekniska förvaltningen", "TN"},
};

const struct seed_officer seed_officers[NOFF] = {
	{"anna", "Anna Lindqvist", "officer",
	 "cases:read cases:write pin:reveal", 1u << 1 | 1u << 5, 5},
	{"erik", "Erik Sandberg", "officer",
	 "cases:read cases:write pin:reveal", 1u << 2 | 1u << 3, 5},
	{"sara", "Sara Holm", "officer admin",
	 "cases:read cases:write retention:admin", 0x3e, 1},
	{"lars", "Lars Åkesson", "officer", "cases:read cases:write",
	 1u << 1, 2},
	{"maria", "Maria Björk", "officer", "cases:read cases:write",
	 1u << 1 | 1u << 5, 2},
	{"johan", "Johan Ek", "officer", "cases:read cases:write", 1u << 2, 2},
	{"fatima", "Fatima Yilmaz", "officer", "cases:read cases:write",
	 1u << 2 | 1u << 3, 2},
	{"karin", "Karin Nyström", "officer", "cases:read cases:write",
	 1u << 4, 5},
};

const struct seed_status seed_statuses[NST] = {
	{"submitted", "Inskickat", "Submitted", "submitted"},
	{"registered", "Registrerat", "Registered", "registered"},
	{"in_progress", "Under handläggning", "In progress", "in_progress"},
	{"closed", "Avslutat", "Closed", "closed"},
	{"awaiting_completion", "Väntar på komplettering",
	 "Awaiting completion", "in_progress"},
	{"referral_sent", "Remiss skickad", "Referral sent", "in_progress"},
	{"placement_offered", "Plats erbjuden", "Place offered", "in_progress"},
	{"decision_made", "Beslut fattat", "Decision made", "in_progress"},
};

const struct seed_service seed_services[NSVC] = {
	{"bygglov", "BYGG", "Bygglov", "Building permit", 1, 3650, 24,
	 100000, 1000, 14, 140, 70, 250, 180, 120, 10,
	 CU(ST_AWAIT) | CU(ST_DEC)},
	{"strandskydd", "STRAND", "Strandskyddsdispens",
	 "Shoreline protection exemption", 1, 3650, 7, 100000, 1000, 30, 150,
	 120, 150, 150, 100, 10, CU(ST_AWAIT) | CU(ST_DEC) | CU(ST_REF)},
	{"ekonomiskt_bistand", "EB", "Ekonomiskt bistånd",
	 "Financial assistance", 2, 1825, 24, 100000, 1000, 3, 35, 30, 0, 150,
	 100, 30, CU(ST_DEC)},
	{"forskoleplats", "FSK", "Förskoleplats", "Preschool place", 3, 365, 12,
	 330, 100, 14, 120, 120, 0, 200, 50, 15, CU(ST_PLACE)},
	{"serveringstillstand", "SERV", "Serveringstillstånd", "Alcohol licence",
	 4, 1825, 6, 100000, 1000, 21, 90, 60, 900, 100, 80, 10,
	 CU(ST_DEC) | CU(ST_REF)},
	{"felanmalan", "FEL", "Felanmälan", "Fault report", 5, 30, 45, 75, 20,
	 1, 20, 14, 50, 0, 40, 40, 0},
	{"parkeringstillstand", "PARK", "Parkeringstillstånd", "Parking permit",
	 5, 90, 14, 150, 80, 7, 50, 30, 0, 0, 180, 20, 0},
};

int seed_pick_officer(int unit)
{
	int w[NOFF];
	for (int i = 0; i < NOFF; i++)
		w[i] = (seed_officers[i].units & 1u << unit)
			? seed_officers[i].weight : 0;
	return weighted(w, NOFF) + 1;
}

static void write_officers(void)
{
	char email[128], slug[64];

	for (int i = 0; i < NOFF; i++) {
		const struct seed_officer *o = &seed_officers[i];
		seed_slug(slug, sizeof slug, o->name, '.');
		snprintf(email, sizeof email, "%s@kommun.example.se", slug);
		sqlite3_stmt *st = sb_sql(
			"INSERT INTO officers(id, username, name, email, password,"
			" roles, scopes) VALUES (?, ?, ?, ?, 'demo', ?, ?)");
		sqlite3_bind_int(st, 1, i + 1);
		bind_text(st, 2, o->user);
		bind_text(st, 3, o->name);
		bind_text(st, 4, email);
		bind_text(st, 5, o->roles);
		bind_text(st, 6, o->scopes);
		step(st);
		for (int u = 1; u <= NUNIT; u++) {
			if (!(o->units & 1u << u))
				continue;
			st = sb_sql("INSERT INTO officer_units(officer_id, unit_id)"
				    " VALUES (?, ?)");
			sqlite3_bind_int(st, 1, i + 1);
			sqlite3_bind_int(st, 2, u);
			step(st);
		}
	}
}

static void write_services(void)
{
	for (int s = 0; s < NSVC; s++) {
		const struct seed_service *sv = &seed_services[s];
		sqlite3_stmt *st = sb_sql(
			"INSERT INTO queues(id, name, unit_id) VALUES (?, ?, ?)");
		sqlite3_bind_int(st, 1, s + 1);
		bind_text(st, 2, sv->sv);
		sqlite3_bind_int(st, 3, sv->unit);
		step(st);
		st = sb_sql("INSERT INTO e_services(id, prefix, name_sv, name_en,"
			    " unit_id, queue_id, next_seq)"
			    " VALUES (?, ?, ?, ?, ?, ?, 1)");
		bind_text(st, 1, sv->id);
		bind_text(st, 2, sv->prefix);
		bind_text(st, 3, sv->sv);
		bind_text(st, 4, sv->en);
		sqlite3_bind_int(st, 5, sv->unit);
		sqlite3_bind_int(st, 6, s + 1);
		step(st);
	}
}

/* The statuses, which custom ones each service uses, and the policies. */
static void write_statuses(void)
{
	for (int i = 0; i < NST; i++) {
		const struct seed_status *s = &seed_statuses[i];
		sqlite3_stmt *st = sb_sql(
			"INSERT INTO statuses(id, name_sv, name_en, category,"
			" ordinal, standard) VALUES (?, ?, ?, ?, ?, ?)");
		bind_text(st, 1, s->id);
		bind_text(st, 2, s->sv);
		bind_text(st, 3, s->en);
		bind_text(st, 4, s->cat);
		sqlite3_bind_int(st, 5, i);
		sqlite3_bind_int(st, 6, i <= ST_CLOSED);
		step(st);
	}
	for (int s = 0; s < NSVC; s++) {
		const struct seed_service *sv = &seed_services[s];
		for (int i = ST_AWAIT; i < NST; i++) {
			if (!(sv->custom & CU(i)))
				continue;
			sqlite3_stmt *st = sb_sql(
				"INSERT INTO service_statuses(e_service, status)"
				" VALUES (?, ?)");
			bind_text(st, 1, sv->id);
			bind_text(st, 2, seed_statuses[i].id);
			step(st);
		}
		/* The policies were set up before the oldest seeded case. */
		sqlite3_stmt *st = sb_sql(
			"INSERT INTO retention_policies(e_service, days,"
			" updated_at, updated_by) VALUES (?, ?, ?, ?)");
		bind_text(st, 1, sv->id);
		sqlite3_bind_int(st, 2, sv->days);
		sqlite3_bind_int64(st, 3, seed.now - 1100 * (int64_t)DAY + s * 600);
		sqlite3_bind_int(st, 4, OFF_SARA);
		step(st);
	}
}

void seed_directory(void)
{
	for (int u = 1; u <= NUNIT; u++) {
		sqlite3_stmt *st =
			sb_sql("INSERT INTO units(id, name) VALUES (?, ?)");
		sqlite3_bind_int(st, 1, u);
		bind_text(st, 2, seed_units[u].name);
		step(st);
	}
	write_officers();
	write_services();
	write_statuses();
}

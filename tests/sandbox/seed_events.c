/*
 * seed_events.c — the audit trail of the generated cases. The parts of a
 * case push its events in whatever order they are made; they are written
 * once the case is complete, sorted by time, so seq order is
 * chronological per case. The event data has the shape the API gives
 * live events (see events.c and the handlers that record them).
 */
#include "seed.h"

#include <stdlib.h>
#include <string.h>

#define MAXEV 96

static const char *const ev_names[] = {
	"case.created", "case.status_changed", "case.assigned",
	"case.legal_hold", "note.created", "note.published", "note.read",
	"message.created", "message.read", "case.purged",
};

struct ev {
	int64_t at, a, b;
	const char *text;          /* status comment or hold reason */
	int ord;                   /* order of generation, breaks ties */
	uint8_t type, actor;       /* actor: ACT_* or an officer id */
	uint8_t c, d;
};

static struct {
	struct ev ev[MAXEV];
	int nev;
	struct seed_writes w;
	/* JSON rendered once: status objects as seen from a service (a
	 * custom status names the case's service), officer references */
	char *status[NSVC][NST];
	char *officer[NOFF + 1];
} E;

static char *compact(json_t *j)
{
	char *s = json_is_object(j) ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	return s;
}

bool seed_events_init(void)
{
	for (int v = 0; v < NSVC; v++) {
		for (int i = 0; i < NST; i++) {
			json_t *j = sb_status_json(seed_statuses[i].id);
			if (i > ST_CLOSED && json_is_object(j))
				json_object_set_new(j, "e_service", json_string(
					seed_services[v].id));
			if (!(E.status[v][i] = compact(j)))
				return false;
		}
	}
	for (int i = 1; i <= NOFF; i++)
		if (!(E.officer[i] = compact(sb_officer_ref(i))))
			return false;
	return true;
}

void seed_events_free(void)
{
	for (int v = 0; v < NSVC; v++)
		for (int i = 0; i < NST; i++)
			free(E.status[v][i]);
	for (int i = 1; i <= NOFF; i++)
		free(E.officer[i]);
	memset(&E, 0, sizeof E);
}

struct sb_actor seed_actor(int actor, const char *citizen)
{
	if (actor == ACT_SYSTEM)
		return sb_system;
	if (actor == ACT_CITIZEN)
		return (struct sb_actor){"citizen", citizen, 0};
	return (struct sb_actor){"officer", seed_officers[actor - 1].name,
				 actor};
}

void seed_bind_actor(sqlite3_stmt *st, int col, int actor,
		     const char *citizen)
{
	struct sb_actor a = seed_actor(actor, citizen);
	bind_text(st, col, a.kind);
	bind_text(st, col + 1, a.name);
	bind_opt(st, col + 2, a.officer_id);
}

void seed_ev_begin(int64_t created)
{
	E.nev = 0;
	E.w = (struct seed_writes){0, created, ACT_CITIZEN};
}

struct seed_writes seed_ev_writes(void)
{
	return E.w;
}

/* What changes the case: its version counts these. */
static bool is_write(int type)
{
	return type == E_STATUS || type == E_ASSIGNED || type == E_HOLD ||
	       type == E_NOTE || type == E_NOTE_PUB || type == E_MSG;
}

void seed_ev(int64_t at, int type, int actor, int64_t a, int64_t b, int c,
	     int d, const char *text)
{
	if (E.nev == MAXEV) {          /* cannot happen with the case limits */
		seed.ok = false;
		return;
	}
	struct ev *e = &E.ev[E.nev];
	e->at = at;
	e->a = a;
	e->b = b;
	e->text = text;
	e->ord = E.nev++;
	e->type = (uint8_t)type;
	e->actor = (uint8_t)actor;
	e->c = (uint8_t)c;
	e->d = (uint8_t)d;
	if (is_write(type)) {
		E.w.n++;
		if (at >= E.w.last) {
			E.w.last = at;
			E.w.actor = actor;
		}
	}
}

static int ev_cmp(const void *pa, const void *pb)
{
	const struct ev *a = pa, *b = pb;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return (a->ord > b->ord) - (a->ord < b->ord);
}

/* Append s as a JSON string. */
static size_t json_str(char *out, size_t cap, const char *s)
{
	size_t n = 0;
	if (cap < 3)
		return 0;
	out[n++] = '"';
	for (; *s && n + 8 < cap; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			out[n++] = '\\';
			out[n++] = (char)c;
		} else if (c < 0x20) {
			n += (size_t)snprintf(out + n, cap - n, "\\u%04x", c);
		} else {
			out[n++] = (char)c;
		}
	}
	out[n++] = '"';
	out[n] = 0;
	return n;
}

static void ev_data(const struct ev *e, int svc, const char *number,
		    char *out, size_t cap)
{
	char tmp[512];
	switch (e->type) {
	case E_STATUS:
		if (e->text)
			json_str(tmp, sizeof tmp, e->text);
		else
			strcpy(tmp, "null");
		snprintf(out, cap,
			 "{\"from\":%s,\"to\":%s,\"comment\":%s,\"notify\":true}",
			 E.status[svc][e->c], E.status[svc][e->d], tmp);
		break;
	case E_ASSIGNED:
		snprintf(out, cap, "{\"officer\":%s}", E.officer[e->a]);
		break;
	case E_HOLD:
		json_str(tmp, sizeof tmp, e->text);
		snprintf(out, cap, "{\"active\":true,\"reason\":%s}", tmp);
		break;
	case E_NOTE:
		snprintf(out, cap, "{\"note_id\":%lld,\"published\":%s}",
			 (long long)e->a, e->c ? "true" : "false");
		break;
	case E_NOTE_PUB:
		snprintf(out, cap, "{\"note_id\":%lld}", (long long)e->a);
		break;
	case E_NOTE_READ:
		snprintf(out, cap, "{\"note_id\":%lld,\"party_id\":%lld}",
			 (long long)e->a, (long long)e->b);
		break;
	case E_MSG:
		snprintf(out, cap,
			 "{\"thread_id\":%lld,\"message_id\":%lld,"
			 "\"author_kind\":\"%s\"}", (long long)e->a,
			 (long long)e->b,
			 e->c == 0 ? "citizen" : e->c == 1 ? "officer" : "system");
		break;
	case E_MSG_READ:
		snprintf(out, cap,
			 "{\"thread_id\":%lld,\"message_id\":%lld,\"by\":\"%s\"}",
			 (long long)e->a, (long long)e->b,
			 e->c ? "citizen" : "officer");
		break;
	case E_PURGED:
		json_str(tmp, sizeof tmp, number);
		snprintf(out, cap, "{\"case_number\":%s}", tmp);
		break;
	default:
		snprintf(out, cap, "{}");
	}
}

/* Write the events of the case, oldest first; citizen: the filer's name. */
void seed_ev_flush(int64_t case_id, const char *number, int svc,
		   const char *citizen)
{
	char data[2048];

	qsort(E.ev, (size_t)E.nev, sizeof *E.ev, ev_cmp);
	for (int i = 0; i < E.nev && seed.ok; i++) {
		const struct ev *e = &E.ev[i];
		ev_data(e, svc, number, data, sizeof data);
		sqlite3_stmt *st = sb_sql(
			"INSERT INTO events(case_id, case_number, queue_id,"
			" unit_id, type, at, actor_kind, actor_name,"
			" actor_officer, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
			" ?, ?)");
		sqlite3_bind_int64(st, 1, case_id);
		bind_text(st, 2, number);
		sqlite3_bind_int(st, 3, svc + 1);
		sqlite3_bind_int(st, 4, seed_services[svc].unit);
		bind_text(st, 5, ev_names[e->type]);
		sqlite3_bind_int64(st, 6, e->at);
		seed_bind_actor(st, 7, e->actor, citizen);
		bind_text(st, 10, data);
		step(st);
	}
	E.nev = 0;
}

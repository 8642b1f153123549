/*
 * seed_journal.c — what officers and the citizen wrote in a case: journal
 * notes (some published to the citizen, some of those read) and message
 * threads with who read what when.
 */
#include "seed.h"

#include <stdlib.h>
#include <string.h>

/* Journal notes; some published to the citizen, some of those read. */
void seed_case_notes(struct kase *c)
{
	const int64_t lo = c->k ? c->tt[0] : c->created + 600;
	if (c->end - lo <= 3600 || !pm(c->target == ST_SUB ? 80 : 450))
		return;
	int n = (int)rrange(1, 3);
	int64_t at[3];
	for (int i = 0; i < n; i++) {
		at[i] = seed_office(between(lo, c->end));
		if (at[i] > c->end)
			at[i] = c->end;
	}
	qsort(at, (size_t)n, sizeof at[0], seed_cmp_i64);
	for (int i = 0; i < n; i++) {
		struct note *no = &c->notes[c->nn++];
		memset(no, 0, sizeof *no);
		no->id = ++seed.note_id;
		no->at = at[i] + i;
		no->author = pm(700) ? c->handler : seed_pick_officer(c->unit);
		no->body = pm(550) ? pick(&seed_notes[c->svc])
				   : pick(&seed_generic_notes);
		if (pm(350)) {
			no->pub = pm(600) ? no->at
					  : seed_office(no->at +
							rrange(600, 3 * DAY));
			if (no->pub > seed.limit)
				no->pub = no->at;
		}
		seed_ev(no->at, E_NOTE, (int)no->author, no->id, 0,
			no->pub == no->at, 0, NULL);
		if (no->pub && no->pub != no->at)
			seed_ev(no->pub, E_NOTE_PUB, (int)no->author, no->id, 0,
				0, 0, NULL);
		if (no->pub && pm(550)) {
			int64_t r = no->pub + rrange(600, 5 * DAY);
			if (r < seed.limit) {
				no->read_at = r;
				seed_ev(r, E_NOTE_READ, ACT_CITIZEN, no->id,
					c->parties[c->filer].id, 0, 0, NULL);
			}
		}
	}
}

/* Who wrote a message, as an event actor. */
static int msg_actor(const struct msg *m)
{
	return m->kind == 0 ? ACT_CITIZEN
	     : m->kind == 1 ? (int)m->officer : ACT_SYSTEM;
}

/* An officer reads between at and before (exclusive): in office hours
 * when that fits. */
static int64_t read_time(int64_t at, int64_t before, bool officer)
{
	int64_t r = at + 1 + (int64_t)((double)(before - at - 1) *
				       (0.1 + 0.7 * runit()));
	if (officer) {
		int64_t o = seed_office(r);
		if (o < before)
			r = o;
	}
	return r;
}

/* Officers read a citizen message before answering it, citizens an
 * officer's before writing again; the last one may still be unread. */
static void thread_reads(struct kase *c, const struct thread *th, int first)
{
	for (int i = first; i < c->nm; i++) {
		struct msg *m = &c->msgs[i];
		bool last = i == c->nm - 1;
		int64_t rd = 0;
		if (m->kind == 0) {
			if (!last)
				rd = read_time(m->at, c->msgs[i + 1].at, true);
			else if (c->target == ST_CLOSED || pm(550))
				rd = seed_office(m->at + rrange(300, 2 * DAY));
			if (rd && rd < seed.limit) {
				m->oread = rd;
				m->oread_by = c->handler;
			} else {
				c->unread++;
			}
		} else {
			if (!last && c->msgs[i + 1].kind == 0)
				rd = read_time(m->at, c->msgs[i + 1].at, false);
			else if (pm(600))
				rd = m->at + rrange(600, 3 * DAY);
			if (rd && rd < seed.limit)
				m->cread = rd;
		}
		seed_ev(m->at, E_MSG, msg_actor(m), th->id, m->id, m->kind, 0,
			NULL);
		if (m->oread)
			seed_ev(m->oread, E_MSG_READ, (int)m->oread_by, th->id,
				m->id, 0, 0, NULL);
		if (m->cread)
			seed_ev(m->cread, E_MSG_READ, ACT_CITIZEN, th->id, m->id,
				1, 0, NULL);
	}
}

/* One conversation: who starts (citizen, officer or a system notice),
 * then mostly alternating replies. */
static void case_thread(struct kase *c, struct thread *th)
{
	static const int wcount[] = {35, 35, 20, 10};
	const int64_t lo = c->created + 300;
	char first_name[40];
	int r = rint_n(100), author = r < 10 ? 2 : r < 25 ? 1 : 0;
	int count = weighted(wcount, 4) + 1;
	int sys = rint_n(seed_system_messages.n), first = c->nm;
	int64_t t = lo + (int64_t)((double)(c->end - lo) * 0.8 * runit());

	snprintf(first_name, sizeof first_name, "%s",
		 c->parties[c->filer].first);
	th->id = ++seed.thread_id;
	if (author == 2)
		th->subject = seed_system_subjects.v[sys];
	else if (author == 0 && pm(500))
		th->subject = pick(&seed_subjects[c->svc]);
	else
		th->subject = pick(&seed_generic_subjects);

	for (int i = 0; i < count; i++) {
		if (author == 1)
			t = seed_office(t);
		if (t > c->end || (i && t <= c->msgs[c->nm - 1].at))
			break;
		struct msg *m = &c->msgs[c->nm++];
		memset(m, 0, sizeof *m);
		m->id = ++seed.msg_id;
		m->thread = th->id;
		m->kind = author;
		m->at = t;
		if (author == 0) {
			const char *q = i > 0 && pm(600)
				? pick(&seed_followups)
				: pm(500) ? pick(&seed_questions[c->svc])
					  : pick(&seed_generic_questions);
			snprintf(m->body, sizeof m->body, "Hej!\n\n%s\n\nMvh %s", q,
				 first_name);
		} else if (author == 1) {
			m->officer = i == 0 || c->nassign
				? c->handler : seed_pick_officer(c->unit);
			snprintf(m->body, sizeof m->body,
				 "Hej!\n\n%s\n\nVänliga hälsningar\n%s\n%s",
				 i == 0 ? pick(&seed_officer_openers)
					: pick(&seed_replies),
				 seed_officers[m->officer - 1].name,
				 seed_units[c->unit].name);
		} else {
			snprintf(m->body, sizeof m->body, "%s",
				 seed_system_messages.v[sys]);
		}
		author = author == 0 ? (pm(800) ? 1 : 0) : (pm(750) ? 0 : 1);
		t += rrange(20 * 60, 3 * DAY);
	}
	if (c->nm == first) {          /* no room for it */
		seed.thread_id--;
		return;
	}
	th->first = c->msgs[first].at;
	th->last = c->msgs[c->nm - 1].at;
	c->nt++;
	thread_reads(c, th, first);
}

void seed_case_threads(struct kase *c)
{
	if (!pm(350))
		return;
	int n = pm(750) ? 1 : 2;
	for (int i = 0; i < n && c->end - c->created > 4 * 3600; i++)
		case_thread(c, &c->threads[c->nt]);
}

/* Notes with their receipts, threads, messages. */
void seed_journal_rows(const struct kase *c)
{
	const struct party *filer = &c->parties[c->filer];

	for (int i = 0; i < c->nn; i++) {
		const struct note *n = &c->notes[i];
		sqlite3_stmt *st = sb_sql(
			"INSERT INTO notes(id, case_id, author_id, body,"
			" created_at, published_at) VALUES (?, ?, ?, ?, ?, ?)");
		sqlite3_bind_int64(st, 1, n->id);
		sqlite3_bind_int64(st, 2, c->id);
		sqlite3_bind_int64(st, 3, n->author);
		bind_text(st, 4, n->body);
		sqlite3_bind_int64(st, 5, n->at);
		bind_opt(st, 6, n->pub);
		step(st);
		if (n->read_at) {
			st = sb_sql("INSERT INTO note_reads(note_id, party_id,"
				    " read_at) VALUES (?, ?, ?)");
			sqlite3_bind_int64(st, 1, n->id);
			sqlite3_bind_int64(st, 2, filer->id);
			sqlite3_bind_int64(st, 3, n->read_at);
			step(st);
		}
	}
	for (int i = 0; i < c->nt; i++) {
		const struct thread *th = &c->threads[i];
		sqlite3_stmt *st = sb_sql(
			"INSERT INTO threads(id, case_id, subject, created_at,"
			" last_message_at) VALUES (?, ?, ?, ?, ?)");
		sqlite3_bind_int64(st, 1, th->id);
		sqlite3_bind_int64(st, 2, c->id);
		bind_text(st, 3, th->subject);
		sqlite3_bind_int64(st, 4, th->first);
		sqlite3_bind_int64(st, 5, th->last);
		step(st);
	}
	for (int i = 0; i < c->nm; i++) {
		const struct msg *m = &c->msgs[i];
		sqlite3_stmt *st = sb_sql(
			"INSERT INTO messages(id, thread_id, case_id, author_kind,"
			" author_name, author_officer, body, sent_at,"
			" officer_read_at, officer_read_by, citizen_read_at)"
			" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
		sqlite3_bind_int64(st, 1, m->id);
		sqlite3_bind_int64(st, 2, m->thread);
		sqlite3_bind_int64(st, 3, c->id);
		seed_bind_actor(st, 4, msg_actor(m), filer->name);
		bind_text(st, 7, m->body);
		sqlite3_bind_int64(st, 8, m->at);
		bind_opt(st, 9, m->oread);
		bind_opt(st, 10, m->oread_by);
		bind_opt(st, 11, m->cread);
		step(st);
	}
}

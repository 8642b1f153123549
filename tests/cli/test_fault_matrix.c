/*
 * test_fault_matrix.c — the write half of the fault matrix: every write
 * the command line makes (status, assign, note, published note, reply,
 * file-message, retention set, legal hold) crossed with every fault the
 * platform can throw at it, through the real akt binary and a sandbox.
 *
 * A cell passes when all of these hold:
 *  - akt ends by itself: not by a signal (and, as the suite also runs
 *    under ASan/UBSan, not with a sanitizer's report, whose exit status
 *    is none of akt's);
 *  - its exit status is the one akt.1 documents for the case: 0 done,
 *    6 kept in the outbox (note and reply only), 4 the platform failed,
 *    cannot be reached or answered what akt does not understand, 3 a
 *    conflict (412 only), 2 refused (410 only); 0 in the 412 column
 *    fails, and in the 401 column akt's log must show the write itself
 *    refused with 401 before it was made;
 *  - a failure is ONE line on standard error, "akt: …", that names what
 *    went wrong (the column's words below);
 *  - after the faults are cleared and the officer did what he was told
 *    (`akt sync` after 6; the same command again after 4 or 3, unless
 *    the message said it was done; nothing after 2), the write is on
 *    the platform EXACTLY ONCE — one note or
 *    message with that text, one event of that status change, assignment
 *    or hold, the policy's value — and not at all after 410.
 *
 * Faults stay until cleared, so akt's own retries run out and the cell
 * shows what the officer is left with. Where it matters a cell has two
 * sub-cases: b, the fault before the platform acts (nothing was done),
 * and a, after it acted (the answer lost: the dangerous case for
 * duplicates). Stall b holds the request before the platform acts (akt,
 * with request_timeout 1, gives up waiting; the platform acts later);
 * stall a stops the answer half way. Truncated b cuts off an error
 * answer, a a success answer. Refused: the sandbox is halted; connect
 * timeout: a listener on its port with a full accept queue drops the
 * SYNs (connect_timeout 1). 401: each write is held, every login is
 * ended meanwhile. 412: each write is held while maria takes the case
 * (or an administrator sets the policy). 410: injected on the write.
 *
 * Codes in the printed table: 1 done once by akt itself; Q queued (exit
 * 6), sent once by sync; R reported failed (exit 4), done once by the
 * re-run, or found done by it (a status change then says "it is
 * Registered already", exit 3); C conflict (exit 3), done once by the
 * re-run; G gone (410, exit 2): refused, nothing made (a text typed at
 * the terminal is kept among the drafts; from a pipe, as here, its
 * writer still has it); FAIL with the reason printed below the table.
 *
 * The cells of one column run at the same time, each on its own case,
 * e-service or home, with faults aimed at its own write's path.
 */
#include "cli.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define S ((struct sb *)*state)

enum row { R_STATUS, R_ASSIGN, R_NOTE, R_PUBLISH, R_REPLY, R_FILE,
	   R_RETENTION, R_HOLD, NROW };
static const char *const row_name[NROW] = {
	"status", "assign", "note", "publish", "reply", "file-message",
	"retention set", "legal hold",
};
/* note and reply go through the outbox (akt.1) */
static bool queued_kind(int row)
{
	return row == R_NOTE || row == R_PUBLISH || row == R_REPLY;
}

enum col { C_REFUSED, C_CTIMEOUT, C_STALL, C_RESET, C_500, C_502, C_503,
	   C_429, C_TRUNC, C_MALFORMED, C_SHAPE, C_401, C_412, C_410, NCOL };

/*
 * A column: its header, the fault's effects before (b) and after (a) the
 * platform acts (NULL: no such sub-case; "" for the columns made without
 * a sandbox fault), the settings of akt.conf, and the words the message
 * must hold for b and a.
 */
static const struct column {
	const char *head;
	const char *fault[2];
	const char *conf;
	const char *needle[2];
} cols[NCOL] = {
	[C_REFUSED] = {"refus", {"", NULL}, NULL,
		       {"connection refused", NULL}},
	[C_CTIMEOUT] = {"ctime", {"", NULL}, "set connect_timeout = 1\n",
			{"no connection within 1 s", NULL}},
	[C_STALL] = {"stall", {"\"latency_ms\":2000",
			       "\"stall_ms\":2000,\"phase\":\"after\""},
		     "set request_timeout = 1\n",
		     {"did not answer within 1 s", "did not answer within 1 s"}},
	[C_RESET] = {"reset", {"\"reset\":true",
			       "\"reset\":true,\"phase\":\"after\""}, NULL,
		     {"broke", "broke"}},
	[C_500] = {"500", {"\"status\":500",
			   "\"status\":500,\"phase\":\"after\""}, NULL,
		   {"HTTP 500", "HTTP 500"}},
	[C_502] = {"502", {"\"status\":502", NULL}, NULL, {"HTTP 502", NULL}},
	[C_503] = {"503", {"\"status\":503,\"retry_after\":1", NULL}, NULL,
		   {"HTTP 503", NULL}},
	[C_429] = {"429", {"\"status\":429,\"retry_after\":1", NULL}, NULL,
		   {"HTTP 429", NULL}},
	[C_TRUNC] = {"trunc", {"\"status\":502,\"truncate\":true",
			       "\"truncate\":true,\"phase\":\"after\""}, NULL,
		     {"cut off", "cut off"}},
	[C_MALFORMED] = {"malf", {"\"malformed\":true",
				  "\"malformed\":true,\"phase\":\"after\""},
			 NULL, {"not valid JSON", "not valid JSON"}},
	[C_SHAPE] = {"shape", {"\"wrong_shape\":true",
			       "\"wrong_shape\":true,\"phase\":\"after\""},
		     NULL, {"not understood", "not understood"}},
	/* the write is held, and the login ends or the case changes
	 * meanwhile */
	[C_401] = {"401", {"\"latency_ms\":3000,\"times\":1", NULL}, NULL,
		   {"", NULL}},
	[C_412] = {"412", {"\"latency_ms\":1500,\"times\":1", NULL}, NULL,
		   {"changed by", NULL}},
	[C_410] = {"410", {"\"status\":410", NULL}, NULL,
		   {"no longer exists", NULL}},
};

struct cell {
	int row, col, sub;            /* sub 0 = b, 1 = a */
	const char *user, *home;
	int64_t id;                   /* the case */
	char number[64];
	int64_t thread, message;
	const char *service;          /* retention set */
	int days;
	const char *text;             /* note, reply, comment, reason */
	const char *stdin_text;
	const char *argv[12];
	const char *log;              /* akt's log, in the 401 column */
	const char *method, *path;    /* the write */
	struct cli_bg *bg;
	struct cli_run *run, *fix;
	const char *code;             /* "1", "Q", … or "FAIL" */
	const char *why;              /* what failed */
	bool lost, dup, crashed;
	bool held;                    /* its fault fired */
};

static struct cell cells[NROW][NCOL][2];
static bool col_done[NCOL];
static double col_secs[NCOL];
/* A home per row and sub-case, logged in once, for every column: what a
 * column leaves in its outbox is sent by its own repairs. */
static const char *homes[NROW][2];

static int setup(void **state) { return group_start_db(state, NULL); }
static int teardown(void **state) { return group_stop(state); }

/* ---- the platform's view ------------------------------------------- */

/* Access tokens of the checks, one per user and column (a login per
 * check would cost more than the check). */
static const char *tokens[3];
static const char *const token_users[3] = {"anna", "sara", "maria"};

static const char *tok(struct sb *sb, const char *user)
{
	for (int i = 0; i < 3; i++)
		if (!strcmp(user, token_users[i]))
			return tokens[i] ? tokens[i] :
			       (tokens[i] = login(sb, user));
	return login(sb, user);
}

static void tokens_forget(void)
{
	memset(tokens, 0, sizeof tokens);
}

static json_t *case_json(struct sb *sb, int64_t id)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld",
						 (long long)id),
				      tok(sb, "anna"));
	expect_status(r, 200);
	return r->json;
}

/* Events of the case of one type made by anna. */
static size_t events_of(struct sb *sb, int64_t id, const char *type)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/events"
						 "?limit=200", (long long)id),
				      tok(sb, "anna"));
	expect_status(r, 200);
	size_t n = 0;
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *e = json_array_get(jget(r->json, "items"), i);
		const char *t = jstr(e, "type");
		const char *who = jstr(e, "actor.officer.username");
		n += t && who && !strcmp(t, type) && !strcmp(who, "anna");
	}
	return n;
}

/* Notes of the case with this body (published or not, as asked), or
 * filed from this message when message > 0. */
static size_t notes_with(struct sb *sb, int64_t id, const char *body,
			 bool published, int64_t message)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/notes"
						 "?limit=200", (long long)id),
				      tok(sb, "anna"));
	expect_status(r, 200);
	size_t n = 0;
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *o = json_array_get(jget(r->json, "items"), i);
		if (message > 0) {
			n += jint(o, "source_message_id") == message;
			continue;
		}
		const char *b = jstr(o, "body");
		n += b && !strcmp(b, body) &&
		     json_is_true(jget(o, "published")) == published;
	}
	return n;
}

static json_t *thread_json(struct sb *sb, int64_t id, int64_t thread)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/threads/"
						 "%lld", (long long)id,
						 (long long)thread),
				      tok(sb, "anna"));
	expect_status(r, 200);
	return r->json;
}

static size_t messages_with(struct sb *sb, int64_t id, int64_t thread,
			    const char *body)
{
	json_t *t = thread_json(sb, id, thread);
	size_t n = 0;
	for (size_t i = 0; i < jlen(t, "messages"); i++) {
		const char *b = jstr(json_array_get(jget(t, "messages"), i),
				     "body");
		n += b && !strcmp(b, body);
	}
	return n;
}

static int64_t policy_days(struct sb *sb, const char *service)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/retention/"
						 "policies/%s", service),
				      tok(sb, "sara"));
	expect_status(r, 200);
	return jint(r->json, "days");
}

/* How often the cell's write is on the platform (for retention set: 1
 * when the policy has the cell's days, else 0). */
static size_t made(struct sb *sb, const struct cell *c)
{
	json_t *k;

	switch (c->row) {
	case R_STATUS:
		k = case_json(sb, c->id);
		if (strcmp(jstr(k, "status.id"), "registered") != 0)
			return 0;
		return events_of(sb, c->id, "case.status_changed");
	case R_ASSIGN:
		return events_of(sb, c->id, "case.assigned");
	case R_NOTE:
	case R_PUBLISH:
		return notes_with(sb, c->id, c->text, c->row == R_PUBLISH, 0);
	case R_REPLY:
		return messages_with(sb, c->id, c->thread, c->text);
	case R_FILE:
		return notes_with(sb, c->id, NULL, false, c->message);
	case R_RETENTION:
		return policy_days(sb, c->service) == c->days;
	case R_HOLD:
		k = case_json(sb, c->id);
		if (!json_is_true(jget(k, "retention.legal_hold.active")) ||
		    strcmp(jstr(k, "retention.legal_hold.reason"), c->text))
			return 0;
		return events_of(sb, c->id, "case.legal_hold");
	}
	return 0;
}

/* ---- setting a cell up ----------------------------------------------- */

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		fail_msg("%s: %s", path, strerror(errno));
	close(fd);
}

/* A citizen's message in a new thread of the case: its thread and id. */
static void citizen_says(struct sb *sb, struct cell *c)
{
	json_t *o = json_pack("{s:s, s:s, s:s}", "case", c->number,
			      "subject", "Fråga", "body", "Hur går det?");
	struct http_resp *r = sb_post_json(sb, "/v1/sandbox/citizen/messages",
					   sb_keep(sb, json_dumps(o, 0)));
	json_decref(o);
	expect_status(r, 201);
	r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/threads",
			       (long long)c->id), tok(sb, "anna"));
	expect_status(r, 200);
	c->thread = jint(r->json, "items[0].id");
	c->message = jint(thread_json(sb, c->id, c->thread), "messages[0].id");
	expect_true(c->thread > 0 && c->message > 0, r);
}

/* The e-services whose policies the two sub-cases change. */
static const char *const services[2] = {"strandskydd", "parkeringstillstand"};

static void cell_setup(struct sb *sb, struct cell *c, int row, int col,
		       int sub)
{
	const char *tag = sub ? "a" : "b";

	memset(c, 0, sizeof *c);
	c->row = row;
	c->col = col;
	c->sub = sub;
	c->user = row == R_RETENTION ? "sara" : "anna";
	if (!homes[row][sub]) {
		homes[row][sub] = cli_home_login(sb, c->user);
		mkdir(sb_fmt(sb, "%s/config", homes[row][sub]), 0700);
		mkdir(sb_fmt(sb, "%s/config/akt", homes[row][sub]), 0700);
	}
	c->home = homes[row][sub];
	write_file(sb_fmt(sb, "%s/config/akt/config", c->home),
		   cols[col].conf ? cols[col].conf : "");
	c->text = sb_fmt(sb, "Matris %s %s %s", row_name[row], cols[col].head,
			 tag);
	c->stdin_text = sb_fmt(sb, "%s\n", c->text);
	if (row != R_RETENTION) {
		c->id = citizen_case(sb, "bygglov", "Test Testsson", c->number);
		if (row == R_REPLY || row == R_FILE)
			citizen_says(sb, c);
	}
	const char *caseref = c->number;
	const char **a = c->argv;
	if (col == C_401) {
		/* to see that the write itself met the ended login */
		c->log = sb_fmt(sb, "%s/akt-%d.log", c->home, col);
		unlink(c->log);
		*a++ = "--log";
		*a++ = c->log;
	}
	c->method = "POST";
	switch (row) {
	case R_STATUS:
		a[0] = "status"; a[1] = caseref; a[2] = "registered";
		c->path = "transitions";
		c->stdin_text = NULL;
		break;
	case R_ASSIGN:
		a[0] = "assign"; a[1] = caseref;
		c->path = "assignees";
		c->stdin_text = NULL;
		break;
	case R_NOTE:
	case R_PUBLISH:
		a[0] = "note"; a[1] = caseref;
		a[2] = row == R_PUBLISH ? "--publish" : NULL;
		c->path = "notes";
		break;
	case R_REPLY:
		a[0] = "reply"; a[1] = caseref;
		a[2] = sb_fmt(sb, "%lld", (long long)c->thread);
		c->path = sb_fmt(sb, "threads/%lld/messages",
				 (long long)c->thread);
		break;
	case R_FILE:
		a[0] = "file-message"; a[1] = caseref;
		a[2] = sb_fmt(sb, "%lld", (long long)c->message);
		a[3] = "--comment"; a[4] = c->text;
		c->path = sb_fmt(sb, "messages/%lld/file",
				 (long long)c->message);
		c->stdin_text = NULL;
		break;
	case R_RETENTION:
		c->service = services[sub];
		c->days = 1000 + col * 10 + sub;
		a[0] = "retention"; a[1] = "set"; a[2] = c->service;
		a[3] = sb_fmt(sb, "%d", c->days);
		c->method = "PUT";
		c->path = sb_fmt(sb, "/v1/retention/policies/%s", c->service);
		c->stdin_text = NULL;
		break;
	case R_HOLD:
		a[0] = "retention"; a[1] = "hold"; a[2] = caseref;
		a[3] = "--reason"; a[4] = c->text;
		c->method = "PUT";
		c->path = "legal-hold";
		c->stdin_text = NULL;
		break;
	}
	if (row != R_RETENTION)
		c->path = sb_fmt(sb, "/v1/cases/%lld/%s", (long long)c->id,
				 c->path);
	const char *effect = cols[col].fault[sub];
	if (effect && *effect)
		sb_fault(sb, sb_fmt(sb, "{\"method\":\"%s\",\"path\":\"%s\",%s}",
				    c->method, c->path, effect));
}

/* ---- judging a cell --------------------------------------------------- */

static void cell_fail(struct cell *c, const char *why)
{
	if (!c->why)
		c->why = why;
	c->code = "FAIL";
}

/* One line "akt: …" on standard error holding needle. */
static bool one_line(const struct cli_run *r, const char *needle)
{
	const char *nl = strchr(r->err, '\n');
	return !strncmp(r->err, "akt: ", 5) && nl && !nl[1] &&
	       strstr(r->err, needle);
}

/*
 * The first run's outcome: the code it earns if the platform agrees,
 * and the command that repairs it (NULL: none). Sets a failure when the
 * outcome is not one the column allows.
 */
static const char *const *judge_run(struct sb *sb, struct cell *c)
{
	static const char *const sync[] = {"sync", NULL};
	const struct cli_run *r = c->run;
	const char *needle = cols[c->col].needle[c->sub];

	if (r->status >= 128) {
		c->crashed = true;
		cell_fail(c, sb_fmt(sb, "killed by signal %d", r->status - 128));
		return NULL;
	}
	c->code = r->status == 0 ? "1" : r->status == 6 ? "Q" :
		  r->status == 4 ? "R" : r->status == 3 ? "C" :
		  r->status == 2 ? "G" : "?";
	if (r->status == 0) {
		if (r->err[0])
			cell_fail(c, "done, but with a message");
		if (c->col == C_412)
			cell_fail(c, "done, though the case changed meanwhile");
		if (c->col == C_401) {
			char *text = cli_slurp(c->log);
			const char *line = sb_fmt(sb, "%s %s%s 401", c->method,
						  sb_base(sb), c->path);
			if (!text || !strstr(text, line))
				cell_fail(c, "the write never met the ended "
					  "login");
			free(text);
		}
		return NULL;
	}
	if (r->status == 6 && !queued_kind(c->row))
		cell_fail(c, "exit 6 for a write the outbox does not keep");
	else if (r->status == 3 && c->col != C_412)
		cell_fail(c, "exit 3 without a conflict");
	else if (r->status == 2 && c->col != C_410)
		cell_fail(c, "exit 2 without a refusal");
	else if (r->status != 6 && r->status != 4 && r->status != 3 &&
		 r->status != 2)
		cell_fail(c, sb_fmt(sb, "exit %d", r->status));
	if (!one_line(r, needle))
		cell_fail(c, sb_fmt(sb, "not one line naming '%s'", needle));
	if (r->status == 6 || r->status == 2)
		return sync;
	/* told it was done, the officer does nothing more */
	if (strstr(r->err, ", but the platform's answer")) {
		c->code = "1";
		return NULL;
	}
	return c->argv;
}

/* The repair run: done, or a re-run that finds the state already there
 * (a status change says so and exits 3). */
static void judge_fix(struct sb *sb, struct cell *c)
{
	const struct cli_run *f = c->fix;

	if (!f)
		return;
	if (f->status >= 128) {
		c->crashed = true;
		cell_fail(c, "the repair run was killed by a signal");
	} else if (c->row == R_STATUS && f->status == 3 &&
		   one_line(f, "Registered already")) {
		/* the lost answer's change was made: the re-run sees it */
	} else if (f->status != 0) {
		cell_fail(c, sb_fmt(sb, "the repair run exited %d", f->status));
	}
}

static void judge_platform(struct sb *sb, struct cell *c)
{
	size_t n = made(sb, c);
	size_t want = c->col == C_410 ? 0 : 1;

	if (n < want) {
		c->lost = true;
		cell_fail(c, "lost: not on the platform");
	} else if (n > want) {
		c->dup = c->col != C_410;
		cell_fail(c, sb_fmt(sb, "on the platform %zu times", n));
	}
}

/* ---- a column --------------------------------------------------------- */

/* The fault on method and path has fired (path NULL: every fault);
 * waits up to 20 s. */
static void wait_fired(struct sb *sb, const char *method, const char *path)
{
	double end = now_s() + 20;
	for (;;) {
		struct http_resp *r = api_get(sb, "/v1/sandbox/faults", NULL);
		expect_status(r, 200);
		bool all = true;
		for (size_t i = 0; i < jlen(r->json, "items"); i++) {
			json_t *f = json_array_get(jget(r->json, "items"), i);
			if (path && (strcmp(jstr(f, "path"), path) ||
				     strcmp(jstr(f, "method"), method)))
				continue;
			all = all && jint(f, "fired") > 0;
		}
		http_free(r);
		if (all)
			return;
		if (now_s() > end)
			fail_msg("the held writes never reached the sandbox");
		sleep_s(0.02);
	}
}

/* Which cells' faults fired (read before the faults are cleared). */
static void mark_held(struct sb *sb, int col, int nsub)
{
	struct http_resp *r = api_get(sb, "/v1/sandbox/faults", NULL);

	expect_status(r, 200);
	for (int row = 0; row < NROW; row++)
		for (int sub = 0; sub < nsub; sub++) {
			struct cell *c = &cells[row][col][sub];

			c->held = false;
			for (size_t i = 0; i < jlen(r->json, "items"); i++) {
				json_t *f = json_array_get(jget(r->json,
								"items"), i);
				if (!strcmp(jstr(f, "path"), c->path) &&
				    !strcmp(jstr(f, "method"), c->method) &&
				    jint(f, "fired") > 0)
					c->held = true;
			}
		}
	http_free(r);
}

/*
 * The writes the platform held past akt's patience are made later: wait
 * until each held cell's write is on the platform, and not before
 * not_before (every request arrived before akt ended; its hold is then
 * over), so a late one is not taken for the repair's. Up to 20 s; a
 * write still missing then is judged lost.
 */
static void wait_held_made(struct sb *sb, int col, int nsub,
			   double not_before)
{
	double end = now_s() + 20;

	for (;;) {
		bool all = true;

		for (int row = 0; row < NROW && all; row++)
			for (int sub = 0; sub < nsub && all; sub++) {
				struct cell *c = &cells[row][col][sub];

				if (c->held && made(sb, c) == 0)
					all = false;
			}
		if ((all && now_s() >= not_before) || now_s() > end)
			return;
		sleep_s(0.1);
	}
}

/* Someone else changes what the cell is about to write: maria takes the
 * case, or an administrator sets the policy to another value. */
static void change_meanwhile(struct sb *sb, struct cell *c)
{
	struct http_resp *r;
	char etag[128];

	if (c->row == R_RETENTION) {
		const char *path = sb_fmt(sb, "/v1/retention/policies/%s",
					  c->service);
		const char *admin = tok(sb, "sara");
		r = api_get(sb, path, admin);
		expect_status(r, 200);
		r = api_put(sb, path, admin, "{\"days\":777}", r->etag);
		expect_status(r, 200);
		return;
	}
	const char *maria = tok(sb, "maria");
	case_etag(sb, maria, c->id, etag);
	r = api_post(sb, sb_fmt(sb, "/v1/cases/%lld/assignees",
				(long long)c->id), maria,
		     "{\"officer\":\"maria\"}", etag, NULL);
	expect_true(r->status == 200 || r->status == 201, r);
}

/*
 * Nothing listens at the platform's address: refused while it is down;
 * with a full accept queue for connect timeouts. The sandbox is halted
 * around the runs, then started again on its data.
 */
static int blackhole(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons((uint16_t)port)};
	int one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    listen(fd, 0) != 0)
		fail_msg("listener on %d: %s", port, strerror(errno));
	return fd;
}

/* Connect to fill the queue: the queue of listen(fd, 0) holds one, and
 * a SYN that finds it full is dropped, so connect() waits for nothing. */
static int fill_backlog(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons((uint16_t)port)};
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0)
		fail_msg("socket: %s", strerror(errno));
	connect(fd, (struct sockaddr *)&a, sizeof a);
	sleep_s(0.05);
	return fd;
}

static void run_column(void **state, int col)
{
	struct sb *sb = S;
	int nsub = cols[col].fault[1] ? 2 : 1;
	int hole = -1, fill[2] = {-1, -1};
	double t0 = now_s(), t_joined;

	tokens_forget();
	sb_faults_clear(sb);
	for (int row = 0; row < NROW; row++)
		for (int sub = 0; sub < nsub; sub++)
			cell_setup(sb, &cells[row][col][sub], row, col, sub);

	if (col == C_REFUSED || col == C_CTIMEOUT)
		sb_halt(sb);
	if (col == C_CTIMEOUT) {
		hole = blackhole(sb_port(sb));
		fill[0] = fill_backlog(sb_port(sb));
		fill[1] = fill_backlog(sb_port(sb));
	}
	for (int row = 0; row < NROW; row++)
		for (int sub = 0; sub < nsub; sub++) {
			struct cell *c = &cells[row][col][sub];
			c->bg = cli_run_bg(sb, c->home, c->stdin_text, c->argv);
		}
	/* each write held by its fault: its case changes meanwhile */
	for (int row = 0; row < NROW && col == C_412; row++) {
		struct cell *c = &cells[row][col][0];
		wait_fired(sb, c->method, c->path);
		change_meanwhile(sb, c);
	}
	/* every write held: the logins end meanwhile */
	if (col == C_401) {
		wait_fired(sb, NULL, NULL);
		expect_status(sb_post_json(sb, "/v1/sandbox/tokens/expire",
					   "{}"), 200);
	}
	for (int row = 0; row < NROW; row++)
		for (int sub = 0; sub < nsub; sub++) {
			struct cell *c = &cells[row][col][sub];
			c->run = cli_bg_join(c->bg);
		}
	t_joined = now_s();
	if (hole >= 0) {
		close(fill[0]);
		close(fill[1]);
		close(hole);
	}
	if (col == C_REFUSED || col == C_CTIMEOUT)
		assert_true(sb_restart(sb, sb_db_args(sb)));
	if (col == C_STALL)
		mark_held(sb, col, nsub);
	sb_faults_clear(sb);
	tokens_forget();
	/* writes the platform held are made once akt has given up */
	if (col == C_STALL)
		wait_held_made(sb, col, nsub, t_joined + 2.5);

	/* what the officer is told to do, all cells at once */
	for (int row = 0; row < NROW; row++)
		for (int sub = 0; sub < nsub; sub++) {
			struct cell *c = &cells[row][col][sub];
			const char *const *fix = judge_run(sb, c);
			c->bg = fix ? cli_run_bg(sb, c->home, c->stdin_text,
						 fix) : NULL;
		}
	for (int row = 0; row < NROW; row++)
		for (int sub = 0; sub < nsub; sub++) {
			struct cell *c = &cells[row][col][sub];
			if (c->bg)
				c->fix = cli_bg_join(c->bg);
			judge_fix(sb, c);
			judge_platform(sb, c);
		}
	col_done[col] = true;
	col_secs[col] = now_s() - t0;
	if (getenv("AKT_MATRIX_VERBOSE"))
		for (int row = 0; row < NROW; row++)
			for (int sub = 0; sub < nsub; sub++) {
				struct cell *c = &cells[row][col][sub];
				printf("%s %s %s: %d %s", cols[col].head,
				       row_name[row], sub ? "a" : "b",
				       c->run->status, c->run->err[0] ?
				       c->run->err : "\n");
				if (c->fix)
					printf("   fix %d %s", c->fix->status,
					       c->fix->err[0] ? c->fix->err :
					       c->fix->out);
			}

	/* the column's failures, with what akt said */
	bool bad = false;
	for (int row = 0; row < NROW; row++)
		for (int sub = 0; sub < nsub; sub++) {
			struct cell *c = &cells[row][col][sub];
			if (!c->why)
				continue;
			bad = true;
			print_error("%s × %s%s: %s\n  first run exit %d: %s%s"
				    "%s%s\n", row_name[row], cols[col].head,
				    nsub > 1 ? (sub ? " a" : " b") : "",
				    c->why, c->run->status, c->run->err,
				    c->fix ? "  repair: " : "",
				    c->fix ? c->fix->err : "",
				    c->fix && !c->fix->err[0] ? "(silent)\n"
				    : "");
		}
	if (bad)
		fail();
}

#define COLUMN(name, col) \
	static void name(void **state) { run_column(state, col); }
COLUMN(refused, C_REFUSED)
COLUMN(connect_timeout, C_CTIMEOUT)
COLUMN(stall, C_STALL)
COLUMN(reset, C_RESET)
COLUMN(status_500, C_500)
COLUMN(status_502, C_502)
COLUMN(status_503, C_503)
COLUMN(status_429, C_429)
COLUMN(truncated, C_TRUNC)
COLUMN(malformed, C_MALFORMED)
COLUMN(wrong_shape, C_SHAPE)
COLUMN(expired_login, C_401)
COLUMN(changed_meanwhile, C_412)
COLUMN(gone, C_410)

/* ---- the table ---------------------------------------------------------- */

static void summary(void **state)
{
	int ncells = 0, nruns = 0, lost = 0, dup = 0, crashed = 0, failed = 0;

	printf("\nfault matrix (writes): 1 done once, Q queued then sent once "
	       "by sync, R failed then done once by the re-run, C conflict "
	       "then done once by the re-run, G gone: refused, nothing made; "
	       "b/a: fault before/after the platform acted\n\n%-14s", "");
	for (int col = 0; col < NCOL; col++)
		printf(" %-6s", cols[col].head);
	printf("\n");
	for (int row = 0; row < NROW; row++) {
		printf("%-14s", row_name[row]);
		for (int col = 0; col < NCOL; col++) {
			char text[16] = "-";
			int nsub = cols[col].fault[1] ? 2 : 1;
			if (col_done[col]) {
				const struct cell *b = &cells[row][col][0];
				const struct cell *a = &cells[row][col][1];
				if (nsub == 2)
					snprintf(text, sizeof text, "%s/%s",
						 b->code, a->code);
				else
					snprintf(text, sizeof text, "%s",
						 b->code);
				ncells++;
			}
			for (int sub = 0; col_done[col] && sub < nsub; sub++) {
				const struct cell *c = &cells[row][col][sub];
				nruns++;
				lost += c->lost;
				dup += c->dup;
				crashed += c->crashed;
				failed += c->why != NULL;
			}
			printf(" %-6s", text);
		}
		printf("\n");
	}
	printf("%-14s", "seconds");
	for (int col = 0; col < NCOL; col++)
		printf(" %-6.1f", col_secs[col]);
	printf("\n\n%d cells (%d runs with the sub-cases), %d lost, %d "
	       "duplicated, %d crashed, %d failed", ncells, nruns, lost, dup,
	       crashed, failed);
	if (ncells < NROW * NCOL)
		printf(", %d not run", NROW * NCOL - ncells);
	printf("\n\n");
	fflush(stdout);
	assert_int_equal(failed, 0);
	assert_int_equal(ncells, NROW * NCOL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refused),
		cmocka_unit_test(connect_timeout),
		cmocka_unit_test(stall),
		cmocka_unit_test(reset),
		cmocka_unit_test(status_500),
		cmocka_unit_test(status_502),
		cmocka_unit_test(status_503),
		cmocka_unit_test(status_429),
		cmocka_unit_test(truncated),
		cmocka_unit_test(malformed),
		cmocka_unit_test(wrong_shape),
		cmocka_unit_test(expired_login),
		cmocka_unit_test(changed_meanwhile),
		cmocka_unit_test(gone),
		cmocka_unit_test(summary),
	};
	return cmocka_run_group_tests_name("cli fault matrix (writes)", tests,
					   setup, teardown);
}

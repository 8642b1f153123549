/*
 * bench_outbox.c — flushing a full outbox: 1,000 journal notes queued
 * over a few cases (each case's notes written against the same version,
 * so every one after the first is moved along as the one before it is
 * confirmed), sent to a sandbox on loopback. Prints the time, the rate
 * and how many TCP connections carried them, beside their targets, and
 * checks that the platform has every note exactly once.
 *
 * Connections are counted from this process's side: after every item,
 * the sockets open to the sandbox's port are looked at and their inode
 * numbers collected; a connection that carried an item is still open
 * when the item's event comes, so each one used is seen. The time spent
 * looking is left out of the flush time.
 */
#include "harness.h"

#include "akt/outbox.h"
#include "akt/session.h"
#include "akt/xalloc.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define ITEMS 1000
#define CASES 5
#define MAX_CONNS 64

struct bench {
	int port;
	size_t sent, conflicts, refused, other;
	bool idle;
	ino_t conns[MAX_CONNS];
	size_t nconns;
	double looking;        /* seconds spent counting connections */
};

static void look_at_sockets(struct bench *b)
{
	double t0 = now_s();

	for (int fd = 3; fd < 256; fd++) {
		struct stat st;
		struct sockaddr_in peer;
		socklen_t len = sizeof(peer);
		size_t i;

		if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode) ||
		    getpeername(fd, (struct sockaddr *)&peer, &len) != 0 ||
		    peer.sin_family != AF_INET || ntohs(peer.sin_port) != b->port)
			continue;
		for (i = 0; i < b->nconns && b->conns[i] != st.st_ino; i++)
			;
		if (i == b->nconns && b->nconns < MAX_CONNS)
			b->conns[b->nconns++] = st.st_ino;
	}
	b->looking += now_s() - t0;
}

static void on_event(const struct akt_outbox_event *e, void *arg)
{
	struct bench *b = arg;

	switch (e->what) {
	case AKT_OB_SENT:
		b->sent++;
		look_at_sockets(b);
		break;
	case AKT_OB_CONFLICT:
		b->conflicts++;
		break;
	case AKT_OB_REFUSED:
		b->refused++;
		break;
	case AKT_OB_IDLE:
		b->idle = true;
		break;
	case AKT_OB_QUEUED:
		break;
	default:
		fprintf(stderr, "bench: outbox: %s\n",
			e->message ? e->message : "stopped");
		b->other++;
		b->idle = true;
		break;
	}
}

static int missed, targets;

static void report(const char *what, double value, const char *unit,
		   double target, bool below)
{
	bool ok = below ? value < target : value > target;

	targets++;
	if (!ok)
		missed++;
	printf("%-44s %10.2f %-7s target %s %-6g %-7s %s\n", what, value, unit,
	       below ? "<" : ">", target, unit, ok ? "ok" : "MISSED");
}

int main(void)
{
	struct sb *sb = sb_start("");
	struct http_resp *g;
	struct akt_tokens t = { 0 };
	struct akt_loop *loop;
	struct akt_config cfg;
	struct akt_session *s;
	struct akt_drafts *store;
	struct akt_outbox *ob;
	struct bench b = { 0 };
	int64_t ids[CASES];
	char etags[CASES][128], dir[512], *err = NULL;
	const char *tmp = getenv("TMPDIR"), *anna;
	double t0, secs;
	int64_t total = 0;

	if (!sb) {
		fprintf(stderr, "bench: the sandbox did not start\n");
		return 1;
	}
	b.port = sb_port(sb);
	g = login_full(sb, "anna");
	anna = jstr(g->json, "access_token");
	t.server = (char *)sb_base(sb);
	t.username = "anna";
	t.access_token = (char *)anna;
	t.refresh_token = (char *)jstr(g->json, "refresh_token");
	t.token_endpoint = "/v1/oauth/token";
	t.revocation_endpoint = "/v1/oauth/revoke";
	t.client_id = "akt";

	loop = akt_loop_new();
	akt_config_init(&cfg);
	s = akt_session_new(loop, &cfg);
	akt_session_set_store(s, NULL);
	akt_session_use_server(s, sb_base(sb));
	if (!akt_session_set_tokens(s, &t, &err)) {
		fprintf(stderr, "bench: %s\n", err);
		return 1;
	}

	snprintf(dir, sizeof(dir), "%s/akt-bench-outbox-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir) || !(store = akt_drafts_open(dir, &err))) {
		fprintf(stderr, "bench: store: %s\n", err ? err : dir);
		return 1;
	}
	sb_remove_at_stop(sb, dir);

	for (int c = 0; c < CASES; c++) {
		ids[c] = citizen_case(sb, "bygglov", NULL, NULL);
		case_etag(sb, anna, ids[c], etags[c]);
	}
	for (int i = 0; i < ITEMS; i++) {
		struct akt_draft d;
		int c = i % CASES;

		if (!akt_draft_new(&d, AKT_DRAFT_NOTE, &err))
			goto fail;
		d.server = xstrdup(sb_base(sb));
		d.case_id = ids[c];
		d.case_number = xasprintf("%lld", (long long)ids[c]);
		d.etag = xstrdup(etags[c]);
		free(d.text);
		d.text = xasprintf("Anteckning %d i kön", i);
		d.queued = xasprintf("2026-01-01T10:%02d:%02d.%03dZ",
				     i / 60000, i / 1000 % 60, i % 1000);
		if (!akt_outbox_request(&d, &err) ||
		    !akt_draft_to_outbox(store, &d, &err))
			goto fail;
		akt_draft_clear(&d);
	}

	ob = akt_outbox_new(s, store, on_event, &b);
	t0 = now_s();
	akt_outbox_flush(ob);
	while (!b.idle)
		if (!akt_loop_run_once(loop, 1000))
			break;
	secs = now_s() - t0 - b.looking;

	for (int c = 0; c < CASES; c++) {
		struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/"
							 "notes?limit=1",
							 (long long)ids[c]),
					      anna);

		total += jint(r->json, "total");
		http_free(r);
	}
	printf("%d notes over %d cases: %zu sent, %zu conflicts, %zu "
	       "refused; %lld on the platform\n", ITEMS, CASES, b.sent,
	       b.conflicts, b.refused, (long long)total);
	report("flush 1000 queued notes", secs, "s", 5.0, true);
	report("items per second", ITEMS / secs, "items/s", 200.0, false);
	report("TCP connections used", (double)b.nconns, "conns", 2.0, true);
	if (b.sent != ITEMS || total != ITEMS || b.conflicts || b.refused ||
	    b.other) {
		printf("bench_outbox: not every note arrived exactly once\n");
		missed++;
	}

	akt_outbox_free(&ob);
	akt_drafts_close(&store);
	akt_session_free(&s);
	akt_config_clear(&cfg);
	akt_loop_free(&loop);
	sb_stop(sb);
	return missed ? 1 : 0;
fail:
	fprintf(stderr, "bench: queueing: %s\n", err ? err : "failed");
	return 1;
}

/*
 * bench_sandbox.c — the reference platform's performance figures, each
 * printed beside its target: seeding 100,000 cases, a 50-case queue page
 * on loopback, and 100 concurrent clients.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BENCH_CASES  100000
#define PAGE_ROUNDS  200
#define CLIENTS      100
#define CLIENT_ROUNDS 5

static int missed;

static void report(const char *what, double value, const char *unit,
		   double target, const char *note)
{
	bool ok = value < target;
	if (!ok)
		missed++;
	printf("%-44s %10.2f %-3s target < %-6g %-3s %s %s\n", what, value, unit,
	       target, unit, ok ? "ok" : "MISSED", note ? note : "");
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* A queue's pages, one request each: median and 95th percentile. */
static void bench_pages(struct sb *sb, const char *token, const char *label,
			const char *first_path, bool follow)
{
	double ms[PAGE_ROUNDS];
	const char *path = first_path;
	for (int i = 0; i < PAGE_ROUNDS; i++) {
		struct http_resp *r = api_get(sb, path, token);
		if (r->status != 200 || jlen(r->json, "items") == 0) {
			fprintf(stderr, "bench: %s answered %ld\n", path, r->status);
			exit(1);
		}
		ms[i] = r->seconds * 1000.0;
		const char *next = jstr(r->json, "next");
		path = follow && next
			? sb_fmt(sb, "%s&cursor=%s", first_path, next) : first_path;
		http_free(r);
	}
	qsort(ms, PAGE_ROUNDS, sizeof *ms, cmp_double);
	char what[96];
	snprintf(what, sizeof what, "%s, median", label);
	report(what, ms[PAGE_ROUNDS / 2], "ms", 20, NULL);
	snprintf(what, sizeof what, "%s, 95th percentile", label);
	report(what, ms[PAGE_ROUNDS * 95 / 100], "ms", 20, NULL);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	double t0 = now_s();
	struct sb *sb = sb_start_wait("--cases 100000", 120.0);
	if (!sb) {
		fprintf(stderr, "bench: the sandbox did not start\n");
		return 1;
	}
	report("seed 100,000 cases and start", now_s() - t0, "s", 30, NULL);

	const char *token = login(sb, "anna");
	struct http_resp *q = api_get(sb, "/v1/queues/1", token);
	long total = (long)jint(q->json, "counts.total");
	http_free(q);
	char label[96];
	snprintf(label, sizeof label, "queue page of 50 (%ld-case queue)", total);
	bench_pages(sb, token, label, "/v1/queues/1/cases?limit=50", false);
	bench_pages(sb, token, "queue pages of 50, walking the cursor",
		    "/v1/queues/1/cases?limit=50", true);

	/* Every client on a connection of its own, all at once. */
	int errors = 0, requests = 0;
	double c0 = now_s();
	for (int round = 0; round < CLIENT_ROUNDS; round++) {
		struct bg *b[CLIENTS];
		for (int i = 0; i < CLIENTS; i++)
			b[i] = bg_req(sb, "GET", sb_fmt(sb, "/v1/queues/%d/cases?limit=50",
							1 + i % 2),
				      token, NULL, NULL, 30);
		for (int i = 0; i < CLIENTS; i++) {
			struct http_resp *r = bg_join(b[i]);
			requests++;
			if (r->status != 200)
				errors++;
			http_free(r);
		}
	}
	double secs = now_s() - c0;
	char note[96];
	snprintf(note, sizeof note, "(%d requests, %.0f requests/s)", requests,
		 requests / secs);
	report("100 concurrent clients: failed requests", errors, "", 1, note);

	sb_stop(sb);
	printf("%d of %d targets missed\n", missed, 5);
	return missed ? 3 : 0;
}

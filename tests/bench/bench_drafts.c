/*
 * bench_drafts.c — the drafts store's figures, each beside its target:
 * saving a 100 KB draft (encode, write, fsync, rename, fsync of the
 * directory) 200 times, and loading it back, in the directory $TMPDIR
 * names (so on the disk the tests run on).
 */
#include "akt/draft.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 200
#define TEXT_SIZE (100 * 1024)

static int missed;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *what, double value, double target)
{
	bool ok = value < target;

	if (!ok)
		missed++;
	printf("%-44s %10.3f ms  target < %-6g ms %s\n", what, value, target,
	       ok ? "ok" : "MISSED");
}

/* mean, median and p99 of ROUNDS timings; the targets are for p99 and
 * the mean (a save is done while the officer types). */
static void figures(const char *what, double *t, double target)
{
	double sum = 0;
	char label[80];

	for (int i = 0; i < ROUNDS; i++)
		sum += t[i];
	qsort(t, ROUNDS, sizeof(*t), cmp_double);
	snprintf(label, sizeof(label), "%s, mean", what);
	report(label, sum / ROUNDS, target);
	snprintf(label, sizeof(label), "%s, median", what);
	report(label, t[ROUNDS / 2], target);
	snprintf(label, sizeof(label), "%s, p99", what);
	report(label, t[ROUNDS * 99 / 100], target);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	char dir[512], *err = NULL, cmd[600];
	static double save_t[ROUNDS], load_t[ROUNDS], enc_t[ROUNDS];
	struct akt_drafts *s;
	struct akt_draft d, e;

	snprintf(dir, sizeof(dir), "%s/bench-drafts-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir) || !(s = akt_drafts_open(dir, &err)) ||
	    !akt_draft_new(&d, AKT_DRAFT_NOTE, &err)) {
		fprintf(stderr, "bench_drafts: %s\n", err ? err : dir);
		return 1;
	}
	free(d.text);
	d.text = malloc(TEXT_SIZE + 1);
	/* Swedish prose-like text with line breaks: some bytes need JSON
	 * escapes, most do not */
	for (size_t i = 0; i < TEXT_SIZE; i++)
		d.text[i] = i % 73 == 72 ? '\n' : "abcdefghij klmnop\"qrs"[i % 21];
	d.text[TEXT_SIZE] = '\0';
	for (int i = 0; i < ROUNDS; i++) {
		double t0 = now_ms();

		d.text[i] = 'X';      /* each save a new version */
		if (!akt_draft_save(s, &d, &err)) {
			fprintf(stderr, "bench_drafts: %s\n", err);
			return 1;
		}
		save_t[i] = now_ms() - t0;
	}
	/* the part of a save that is ours, not the disk's */
	for (int i = 0; i < ROUNDS; i++) {
		double t0 = now_ms();

		free(akt_draft_encode(&d));
		enc_t[i] = now_ms() - t0;
	}
	for (int i = 0; i < ROUNDS; i++) {
		double t0 = now_ms();

		if (!akt_draft_load(s, AKT_BOX_DRAFTS, d.id, &e, &err)) {
			fprintf(stderr, "bench_drafts: %s\n", err);
			return 1;
		}
		load_t[i] = now_ms() - t0;
		if (strcmp(e.text, d.text) != 0) {
			fprintf(stderr, "bench_drafts: the text read back "
				"differs\n");
			return 1;
		}
		akt_draft_clear(&e);
	}
	printf("drafts in %s, %d rounds of a %d KB text\n", dir, ROUNDS,
	       TEXT_SIZE / 1024);
	figures("save a 100 KB draft (with fsync)", save_t, 5);
	figures("  of which encoding the record", enc_t, 5);
	figures("load a 100 KB draft", load_t, 5);
	akt_draft_clear(&d);
	akt_drafts_close(&s);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	return missed ? 1 : 0;
}

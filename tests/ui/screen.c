/*
 * screen.c — running akt headless for screen tests (see screen.h).
 */
#include "screen.h"

#include <cmocka.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int screen_group_start(void **state, const char *extra_args)
{
	char args[512];

	snprintf(args, sizeof(args), "--epoch %s %s", SCREEN_EPOCH,
		 extra_args ? extra_args : "");
	return group_start(state, args);
}

struct screen_run *screen_run(struct sb *sb, const char *home,
			      const char *script,
			      const char *const extra_env[])
{
	static unsigned seq;
	/* Kept by sb, so a failed assertion leaks nothing. */
	struct screen_run *r = (struct screen_run *)sb_keep(sb,
		calloc(1, sizeof(*r)));
	const char *dir = sb_fmt(sb, "%s/screens-%u", home, seq++);
	const char *spath = sb_fmt(sb, "%s/script", dir);
	const char *env[24];
	size_t ne = 0, shots = 0;
	double limit = 30;
	FILE *f;

	assert_non_null(r);
	assert_int_equal(mkdir(dir, 0700), 0);
	f = fopen(spath, "w");
	assert_non_null(f);
	for (const char *p = script; *p;) {
		size_t n = strcspn(p, "\n");

		/* the time limit grows by what the script sleeps */
		if (strncmp(p, ":sleep ", 7) == 0)
			limit += strtod(p + 7, NULL) / 1000;
		if (n == 5 && strncmp(p, "%SHOT", 5) == 0) {
			assert_true(shots < 16);
			fprintf(f, ":save-display %s/shot%zu\n", dir, shots++);
		} else {
			fprintf(f, "%.*s\n", (int)n, p);
		}
		p += n + (p[n] ? 1 : 0);
	}
	fclose(f);

	env[ne++] = sb_fmt(sb, "AKT_SCRIPT=%s", spath);
	env[ne++] = "AKT_NOW=" SCREEN_EPOCH;
	env[ne++] = "LINES=24";
	env[ne++] = "COLUMNS=80";
	env[ne++] = "TERM=xterm-256color";
	char *build = realpath(getenv("AKT_BUILD") ? getenv("AKT_BUILD") :
			       "build", NULL);

	assert_non_null(build);
	env[ne++] = sb_fmt(sb, "AKT_LOCALEDIR=%s/locale", build);
	free(build);
	for (size_t i = 0; extra_env && extra_env[i] && ne + 1 < 24; i++)
		env[ne++] = extra_env[i];
	env[ne] = NULL;

	/* Under a checker (AKT_TEST_WRAP, e.g. valgrind, which exits with
	 * its own status on an error) akt is slower by the factor
	 * AKT_TEST_TIME_SCALE. */
	const char *wrap = getenv("AKT_TEST_WRAP");
	const char *scale = getenv("AKT_TEST_TIME_SCALE");

	if (scale && strtod(scale, NULL) > 1)
		limit *= strtod(scale, NULL);
	cli_wrap(wrap);
	r->run = cli_run_env(sb, home, NULL, env, (const char *[]){ NULL },
			     limit);
	cli_wrap(NULL);
	/* A screen test is also a run of akt that must end well: a
	 * sanitizer's or valgrind's report or a crash fails it here. */
	if (r->run->status != 0) {
		fprintf(stderr, "akt exited %d%s: %s\n", r->run->status,
			wrap && *wrap ? " under AKT_TEST_WRAP" : "",
			r->run->err);
		fail();
	}
	for (size_t i = 0; i < shots; i++) {
		char *s = cli_slurp(sb_fmt(sb, "%s/shot%zu", dir, i));

		if (!s) {
			fprintf(stderr, "no screen %zu was saved; akt exited "
				"%d: %s\n", i, r->run->status, r->run->err);
			fail();
		}
		r->shots[r->nshots++] = (char *)sb_keep(sb, s);
	}
	return r;
}

/* The sandbox's port differs from run to run: "127.0.0.1:PORT". */
static char *normalize(const char *shot)
{
	size_t len = strlen(shot);
	char *out = malloc(len + 1), *o = out;
	const char *host = "127.0.0.1:";
	size_t hl = strlen(host);

	assert_non_null(out);
	while (*shot) {
		if (strncmp(shot, host, hl) == 0 &&
		    shot[hl] >= '0' && shot[hl] <= '9') {
			memcpy(o, host, hl);
			o += hl;
			shot += hl;
			while (*shot >= '0' && *shot <= '9')
				shot++;
			/* What follows on the line moves with the port's
			 * length, so it is the same after this too. */
			memcpy(o, "PORT", 4);
			o += 4;
			continue;
		}
		*o++ = *shot++;
	}
	*o = 0;
	return out;
}

void screen_expect(const char *name, const char *raw)
{
	const char *src = getenv("AKT_SRCDIR");
	char path[1024];
	char *want, *shot = normalize(raw);

	snprintf(path, sizeof(path), "%s/tests/ui/expected/%s.screen",
		 src ? src : ".", name);
	if (getenv("AKT_UPDATE_SCREENS") &&
	    strcmp(getenv("AKT_UPDATE_SCREENS"), "1") == 0) {
		FILE *f = fopen(path, "w");

		assert_non_null(f);
		fputs(shot, f);
		fclose(f);
		free(shot);
		return;
	}
	want = cli_slurp(path);
	if (!want) {
		fprintf(stderr, "%s: missing; run with AKT_UPDATE_SCREENS=1 "
			"to write it\n--- screen ---\n%s", path, shot);
		free(shot);
		fail();
	}
	if (strcmp(want, shot) != 0) {
		fprintf(stderr, "%s differs\n--- expected ---\n%s"
			"--- actual ---\n%s", path, want, shot);
		free(want);
		free(shot);
		fail();
	}
	free(want);
	free(shot);
}

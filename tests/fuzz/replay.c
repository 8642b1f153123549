/*
 * replay.c — runs a fuzz target on its committed inputs without
 * libFuzzer: every file of tests/fuzz/corpus/NAME/ (the seeds and what
 * fuzzing kept) and tests/fuzz/crashes/NAME/ (one file per crash found,
 * fixed since). NAME comes from the program's name, replay_NAME; the
 * directories are looked up from AKT_FUZZ_DIR (default tests/fuzz, the
 * tests run from the top of the source tree). One cmocka test per
 * directory.
 */
#include "fuzz.h"

#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <unistd.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

static char corpus_dir[4096], crashes_dir[4096];
static char current[8192];   /* the input being run */

/* A crash or a failed invariant names the input, then dies as it would. */
static void on_crash(int sig)
{
	static const char what[] = "replay: crashed on ";
	ssize_t w = write(2, what, sizeof(what) - 1);

	/* nothing more can be done when stderr is gone */
	if (w >= 0)
		w = write(2, current, strlen(current));
	if (w >= 0)
		w = write(2, "\n", 1);
	(void)w;
	signal(sig, SIG_DFL);
	raise(sig);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of dir through the target; how many ran. */
static size_t replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, ran = 0;

	assert_non_null(d);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = realloc(names, cap * sizeof(*names));
			assert_non_null(names);
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	/* a fixed order, so a failure is the same file every time */
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		char *path = current;
		struct stat st;
		FILE *f;
		uint8_t *buf;

		snprintf(current, sizeof(current), "%s/%s", dir, names[i]);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		f = fopen(path, "rb");
		assert_non_null(f);
		/* an exact-size copy, so reading past the input is caught
		 * under the sanitizers as it is by libFuzzer */
		buf = malloc(st.st_size ? (size_t)st.st_size : 1);
		assert_non_null(buf);
		assert_int_equal(fread(buf, 1, (size_t)st.st_size, f),
				 (size_t)st.st_size);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, (size_t)st.st_size);
		free(buf);
		free(names[i]);
		ran++;
	}
	free(names);
	print_message("%zu inputs from %s\n", ran, dir);
	return ran;
}

static void test_corpus(void **state)
{
	(void)state;
	/* the seeds are committed: an empty corpus is a mistake */
	assert_true(replay_dir(corpus_dir) > 0);
}

static void test_crashes(void **state)
{
	(void)state;
	replay_dir(crashes_dir);
}

int main(int argc, char **argv)
{
	const char *top = getenv("AKT_FUZZ_DIR");
	const char *name = strrchr(argv[0], '/');
	struct stat st;
	struct CMUnitTest tests[2] = {
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_crashes),
	};
	size_t ntests = 1;

	(void)argc;
	name = name ? name + 1 : argv[0];
	if (strncmp(name, "replay_", 7) != 0) {
		fprintf(stderr, "%s: the program must be named replay_NAME\n",
			name);
		return 2;
	}
	name += 7;
	signal(SIGABRT, on_crash);
	signal(SIGSEGV, on_crash);
	signal(SIGBUS, on_crash);
	signal(SIGFPE, on_crash);
	if (!top || !*top)
		top = "tests/fuzz";
	snprintf(corpus_dir, sizeof(corpus_dir), "%s/corpus/%s", top, name);
	snprintf(crashes_dir, sizeof(crashes_dir), "%s/crashes/%s", top, name);
	/* no crash found yet for this target: nothing to replay */
	if (stat(crashes_dir, &st) == 0 && S_ISDIR(st.st_mode))
		ntests = 2;
	return _cmocka_run_group_tests(name, tests, ntests, NULL, NULL);
}

/*
 * test_token_store.c — the token file: round trip, privacy of file and
 * directory, refusal of a readable or damaged file, and its location.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <unistd.h>

#include "akt/token_store.h"

struct paths {
	char dir[64];
	char sub[96];
	char file[128];
};

static void make_paths(struct paths *p)
{
	snprintf(p->dir, sizeof(p->dir), "/tmp/akt-test-tokens-XXXXXX");
	assert_non_null(mkdtemp(p->dir));
	snprintf(p->sub, sizeof(p->sub), "%s/state/akt", p->dir);
	snprintf(p->file, sizeof(p->file), "%s/tokens", p->sub);
}

static void remove_paths(struct paths *p)
{
	char state[96];

	unlink(p->file);
	rmdir(p->sub);
	snprintf(state, sizeof(state), "%s/state", p->dir);
	rmdir(state);
	rmdir(p->dir);
}

static const struct akt_tokens sample = {
	.server = "https://akt.example.se", .username = "anna",
	.access_token = "at-1", .refresh_token = "rt-1",
	.expires_at = 1795000000, .token_endpoint = "/v1/oauth/token",
	.revocation_endpoint = NULL, .client_id = "akt",
};

static void test_round_trip_and_modes(void **state)
{
	struct paths p;
	struct akt_tokens t;
	struct stat st;
	char *err = NULL;

	make_paths(&p);
	umask(022);     /* even with a lax umask the store stays private */
	assert_true(akt_tokens_save(p.file, &sample, &err));
	assert_int_equal(stat(p.file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(stat(p.sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(akt_tokens_load(p.file, &t, &err), 1);
	assert_string_equal(t.server, "https://akt.example.se");
	assert_string_equal(t.access_token, "at-1");
	assert_string_equal(t.refresh_token, "rt-1");
	assert_int_equal(t.expires_at, 1795000000);
	assert_null(t.revocation_endpoint);
	akt_tokens_clear(&t);
	assert_null(t.access_token);
	assert_true(akt_tokens_forget(p.file, &err));
	assert_int_equal(akt_tokens_load(p.file, &t, &err), 0);
	assert_true(akt_tokens_forget(p.file, &err));
	remove_paths(&p);
}

static void test_readable_file_refused(void **state)
{
	struct paths p;
	struct akt_tokens t;
	char *err = NULL;

	make_paths(&p);
	assert_true(akt_tokens_save(p.file, &sample, &err));
	assert_int_equal(chmod(p.file, 0640), 0);
	assert_int_equal(akt_tokens_load(p.file, &t, &err), -1);
	assert_non_null(strstr(err, "could be read by others (mode 0640)"));
	assert_null(strstr(err, "at-1"));
	free(err);
	remove_paths(&p);
}

static void test_damaged_file_refused(void **state)
{
	struct paths p;
	struct akt_tokens t;
	char *err = NULL;
	FILE *f;

	make_paths(&p);
	assert_true(akt_tokens_save(p.file, &sample, &err));
	f = fopen(p.file, "w");
	fputs("{\"server\":\"x\",\"access_token\":\"secret\"}", f);
	fclose(f);
	assert_int_equal(akt_tokens_load(p.file, &t, &err), -1);
	assert_non_null(strstr(err, "is damaged: token store: field "
				    "'username' missing"));
	assert_null(strstr(err, "secret"));
	free(err);
	remove_paths(&p);
}

static void test_location(void **state)
{
	char *path;

	setenv("XDG_STATE_HOME", "/srv/state", 1);
	path = akt_tokens_path();
	assert_string_equal(path, "/srv/state/akt/tokens");
	free(path);
	/* relative values are ignored, as the XDG rules say */
	setenv("XDG_STATE_HOME", "state", 1);
	setenv("HOME", "/home/anna", 1);
	path = akt_tokens_path();
	assert_string_equal(path, "/home/anna/.local/state/akt/tokens");
	free(path);
	unsetenv("XDG_STATE_HOME");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_and_modes),
		cmocka_unit_test(test_readable_file_refused),
		cmocka_unit_test(test_damaged_file_refused),
		cmocka_unit_test(test_location),
	};

	return cmocka_run_group_tests_name("token_store", tests, NULL, NULL);
}

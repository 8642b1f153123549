/*
 * test_log.c — the debug log: the line of a request, what is withheld,
 * sanitizing, and the file's mode.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "akt/log.h"
#include "akt/xalloc.h"

static void test_request_line(void **state)
{
	struct akt_log_req r = {
		.method = "GET", .url = "https://k.example/v1/me",
		.status = 200, .ms = 12, .attempts = 1,
	};
	char *s = akt_log_format(&r);

	assert_string_equal(s, "GET https://k.example/v1/me 200 12 ms");
	free(s);
	r.attempts = 3;
	r.status = 0;
	r.error = "cannot connect to k.example";
	s = akt_log_format(&r);
	assert_string_equal(s, "GET https://k.example/v1/me failed 12 ms, "
			       "2 retries: cannot connect to k.example");
	free(s);
}

/* A failure's answer is written, cut short; a sensitive one never is,
 * only its OAuth error code. */
static void test_bodies(void **state)
{
	char big[3000];
	struct akt_log_req r = {
		.method = "POST", .url = "https://k.example/v1/cases/1/notes",
		.status = 412, .ms = 3, .attempts = 1,
		.body = "{\"type\":\"urn:akt:problem:precondition-failed\"}",
	};
	char *s;

	r.body_len = strlen(r.body);
	s = akt_log_format(&r);
	assert_string_equal(s, "POST https://k.example/v1/cases/1/notes 412 "
			       "3 ms answer: {\"type\":\"urn:akt:problem:"
			       "precondition-failed\"}");
	free(s);
	memset(big, 'x', sizeof(big));
	r.body = big;
	r.body_len = sizeof(big);
	s = akt_log_format(&r);
	assert_true(strlen(s) < 1100);
	assert_non_null(strstr(s, "…"));
	free(s);
	r.body = "{\"error\":\"slow_down\",\"error_description\":\"secret\"}";
	r.body_len = strlen(r.body);
	r.withheld = true;
	r.oauth_error = "slow_down";
	r.status = 400;
	s = akt_log_format(&r);
	assert_null(strstr(s, "secret"));
	assert_non_null(strstr(s, "error slow_down [answer withheld"));
	free(s);
}

/* The file is 0600 even when it was not, and lines are sanitized. */
static void test_file(void **state)
{
	char path[] = "/tmp/akt-test-log-XXXXXX";
	int fd = mkstemp(path);
	struct akt_log *log;
	struct stat st;
	char buf[512];
	ssize_t n;
	char *err = NULL;

	assert_true(fd >= 0);
	fchmod(fd, 0644);
	close(fd);
	log = akt_log_open(path, &err);
	assert_non_null(log);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	akt_log_note(log, "title \033]0;owned\007 here");
	akt_log_note(NULL, "nothing");
	akt_log_close(&log);
	assert_null(log);
	fd = open(path, O_RDONLY);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_null(strchr(buf, '\033'));
	assert_null(strchr(buf, '\007'));
	assert_true(strstr(buf, "Z title ␛]0;owned␇ here\n") != NULL);
	/* a link is refused: the log must not be aimed elsewhere */
	unlink(path);
	assert_int_equal(symlink("/tmp/elsewhere", path), 0);
	assert_null(akt_log_open(path, &err));
	assert_non_null(strstr(err, "symbolic link"));
	free(err);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_line),
		cmocka_unit_test(test_bodies),
		cmocka_unit_test(test_file),
	};

	return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}

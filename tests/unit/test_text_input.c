/*
 * test_text_input.c — the text of a note or message: read from a file,
 * final line breaks dropped, and refused before sending when it is
 * empty, not UTF-8, holds a NUL byte or is too long.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/text_input.h"

#include <unistd.h>

static char *write_temp(const char *data, size_t len)
{
	char *path = strdup("/tmp/akt-text-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

static void test_read_file(void **state)
{
	static const char text[] = "Rad ett\r\n\n  indrag\tkvar\n\n\r\n";
	char *path = write_temp(text, sizeof(text) - 1);
	char *out = NULL, *err = NULL;

	assert_true(akt_text_read(path, &out, &err));
	/* only the line breaks at the end go */
	assert_string_equal(out, "Rad ett\r\n\n  indrag\tkvar");
	free(out);
	unlink(path);
	free(path);
}

static void test_refused(void **state)
{
	char *err = NULL;

	assert_false(akt_text_check(" \t\n\r\n", 5, "x.txt", &err));
	assert_string_equal(err, "the text from x.txt is empty; nothing was "
				 "sent");
	free(err);
	err = NULL;
	assert_false(akt_text_check("", 0, "standard input", &err));
	free(err);
	err = NULL;
	assert_false(akt_text_check("ab\0c", 4, "x.txt", &err));
	assert_string_equal(err, "the text from x.txt holds a NUL byte; is it "
				 "a text file?");
	free(err);
	err = NULL;
	/* Latin-1 "å" */
	assert_false(akt_text_check("p\xe5 svenska", 10, "x.txt", &err));
	assert_string_equal(err, "the text from x.txt is not UTF-8 (byte 1); "
				 "convert it first");
	free(err);
	err = NULL;
	assert_true(akt_text_check("på svenska", strlen("på svenska"), "x",
				   &err));
	assert_null(err);
}

static void test_too_long(void **state)
{
	size_t len = AKT_TEXT_MAX + 1;
	char *big = malloc(len);
	char *path, *out = NULL, *err = NULL;

	memset(big, 'a', len);
	path = write_temp(big, len);
	assert_false(akt_text_read(path, &out, &err));
	assert_null(out);
	assert_non_null(strstr(err, "is longer than"));
	free(err);
	unlink(path);
	free(path);
	/* exactly the limit is fine */
	path = write_temp(big, AKT_TEXT_MAX);
	err = NULL;
	assert_true(akt_text_read(path, &out, &err));
	assert_int_equal(strlen(out), AKT_TEXT_MAX);
	free(out);
	unlink(path);
	free(path);
	free(big);
}

static void test_missing_file(void **state)
{
	char *out = NULL, *err = NULL;

	assert_false(akt_text_read("/nonexistent/note.txt", &out, &err));
	assert_string_equal(err, "cannot read /nonexistent/note.txt: No such "
				 "file or directory");
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_file),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_missing_file),
	};

	return cmocka_run_group_tests_name("text_input", tests, NULL, NULL);
}

/*
 * test_json_text.c — --json output keeps the value and is safe to print.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/json_text.h"

static void test_value_kept_and_readable(void **state)
{
	json_t *j = json_loads("{\"name\":\"Åsa Öberg\",\"n\":[1,true,null]}",
			       0, NULL);
	char *t = akt_json_text(j);
	json_t *back = json_loads(t, 0, NULL);

	assert_non_null(strstr(t, "\"Åsa Öberg\""));
	assert_true(json_equal(j, back));
	json_decref(back);
	json_decref(j);
	free(t);
}

static void test_dangerous_characters_escaped(void **state)
{
	/* ESC, CSI (U+009B), RLO (U+202E), a tag character, DEL */
	json_t *j = json_pack("{s:s}", "t",
			      "a\x1b[2J\xc2\x9b\xe2\x80\xae\xf3\xa0\x81\x81\x7f");
	char *t = akt_json_text(j);
	json_t *back = json_loads(t, 0, NULL);

	assert_non_null(strstr(t, "a\\u001B[2J\\u009B\\u202E\\uDB40\\uDC41"
				  "\\u007F"));
	for (const unsigned char *p = (const unsigned char *)t; *p; p++)
		assert_true(*p == '\n' || (*p >= 0x20 && *p < 0x7f));
	assert_true(json_equal(j, back));
	json_decref(back);
	json_decref(j);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_kept_and_readable),
		cmocka_unit_test(test_dangerous_characters_escaped),
	};

	return cmocka_run_group_tests_name("json_text", tests, NULL, NULL);
}

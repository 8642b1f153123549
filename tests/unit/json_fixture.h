/*
 * json_fixture.h — small helpers the decoder tests share: parse a JSON
 * text that must be valid, and reach into it to break one field.
 * Include after cmocka.h.
 */
#ifndef AKT_TEST_JSON_FIXTURE_H
#define AKT_TEST_JSON_FIXTURE_H

#include <jansson.h>

static inline json_t *parse(const char *text)
{
	json_t *j = json_loads(text, 0, NULL);

	assert_non_null(j);
	return j;
}

/* Element i of the array member field of j. */
static inline json_t *at(json_t *j, const char *field, size_t i)
{
	return json_array_get(json_object_get(j, field), i);
}

static inline json_t *member(json_t *j, const char *field)
{
	return json_object_get(j, field);
}

#endif

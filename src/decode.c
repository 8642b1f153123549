/*
 * decode.c — typed, strict access to JSON members with messages that
 * name the field.
 */
#include "akt/decode.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

static const char *type_name(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT:  return "an object";
	case JSON_ARRAY:   return "an array";
	case JSON_STRING:  return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL:    return "a number with a fraction";
	case JSON_TRUE:
	case JSON_FALSE:   return "a boolean";
	case JSON_NULL:    return "null";
	}
	return "something else";
}

static void fail(const struct akt_dec *d, const char *field,
		 const json_t *got, const char *want)
{
	if (*d->err)
		return;
	if (!got)
		*d->err = xasprintf("%s: field '%s%s' missing", d->resource,
				    d->path, field);
	else
		*d->err = xasprintf("%s: field '%s%s' is %s, expected %s",
				    d->resource, d->path, field, type_name(got),
				    want);
}

struct akt_dec akt_dec_sub(const struct akt_dec *d, char *buf, size_t size,
			   const char *field, long index)
{
	struct akt_dec sub = *d;

	if (index >= 0)
		snprintf(buf, size, "%s%s[%ld].", d->path, field, index);
	else
		snprintf(buf, size, "%s%s.", d->path, field);
	sub.path = buf;
	return sub;
}

bool akt_dec_top(const struct akt_dec *d, const json_t *j)
{
	if (json_is_object(j))
		return true;
	if (!*d->err)
		*d->err = xasprintf("%s: the answer is %s, expected an object",
				    d->resource, j ? type_name(j) : "empty");
	return false;
}

bool akt_dec_elem(const struct akt_dec *d, const char *field, size_t i,
		  const json_t *j)
{
	char name[96];

	if (json_is_object(j))
		return true;
	snprintf(name, sizeof(name), "%s[%zu]", field, i);
	fail(d, name, j, "an object");
	return false;
}

bool akt_dec_int(const struct akt_dec *d, const json_t *obj,
		 const char *field, int64_t *out)
{
	const json_t *j = json_object_get(obj, field);

	if (!json_is_integer(j)) {
		fail(d, field, j, "an integer");
		return false;
	}
	*out = (int64_t)json_integer_value(j);
	return true;
}

bool akt_dec_total(const struct akt_dec *d, const json_t *obj,
		   int64_t *out)
{
	const json_t *j = json_object_get(obj, "total");

	if (!j || json_is_null(j)) {
		*out = -1;
		return true;
	}
	return akt_dec_int(d, obj, "total", out);
}

bool akt_dec_bool(const struct akt_dec *d, const json_t *obj,
		  const char *field, bool *out)
{
	const json_t *j = json_object_get(obj, field);

	if (!json_is_boolean(j)) {
		fail(d, field, j, "a boolean");
		return false;
	}
	*out = json_is_true(j);
	return true;
}

bool akt_dec_str(const struct akt_dec *d, const json_t *obj,
		 const char *field, char **out)
{
	const json_t *j = json_object_get(obj, field);

	if (!json_is_string(j)) {
		fail(d, field, j, "a string");
		return false;
	}
	*out = xstrdup(json_string_value(j));
	return true;
}

bool akt_dec_str_opt(const struct akt_dec *d, const json_t *obj,
		     const char *field, char **out)
{
	const json_t *j = json_object_get(obj, field);

	*out = NULL;
	if (!j || json_is_null(j))
		return true;
	return akt_dec_str(d, obj, field, out);
}

const json_t *akt_dec_array(const struct akt_dec *d, const json_t *obj,
			    const char *field)
{
	const json_t *j = json_object_get(obj, field);

	if (!json_is_array(j)) {
		fail(d, field, j, "an array");
		return NULL;
	}
	return j;
}

const json_t *akt_dec_object(const struct akt_dec *d, const json_t *obj,
			     const char *field)
{
	const json_t *j = json_object_get(obj, field);

	if (!json_is_object(j)) {
		fail(d, field, j, "an object");
		return NULL;
	}
	return j;
}

bool akt_dec_str_array(const struct akt_dec *d, const json_t *obj,
		       const char *field, char ***out, size_t *n)
{
	const json_t *arr = akt_dec_array(d, obj, field);
	size_t i, len;

	*out = NULL;
	*n = 0;
	if (!arr)
		return false;
	len = json_array_size(arr);
	for (i = 0; i < len; i++) {
		const json_t *s = json_array_get(arr, i);

		if (!json_is_string(s)) {
			char name[96];

			snprintf(name, sizeof(name), "%s[%zu]", field, i);
			fail(d, name, s, "a string");
			akt_str_array_free(out, n);
			return false;
		}
	}
	*out = xcalloc(len + 1, sizeof(char *));
	for (i = 0; i < len; i++)
		(*out)[i] = xstrdup(json_string_value(json_array_get(arr, i)));
	*n = len;
	return true;
}

void akt_str_array_free(char ***v, size_t *n)
{
	if (*v)
		for (size_t i = 0; i < *n; i++)
			free((*v)[i]);
	xfree(v);
	*n = 0;
}

bool akt_dec_int_opt(const struct akt_dec *d, const json_t *obj,
		     const char *field, int64_t *out, int64_t none)
{
	const json_t *j = json_object_get(obj, field);

	*out = none;
	if (!j || json_is_null(j))
		return true;
	return akt_dec_int(d, obj, field, out);
}

bool akt_dec_object_opt(const struct akt_dec *d, const json_t *obj,
			const char *field, const json_t **out)
{
	const json_t *j = json_object_get(obj, field);

	*out = NULL;
	if (!j || json_is_null(j))
		return true;
	return (*out = akt_dec_object(d, obj, field)) != NULL;
}

bool akt_dec_enum(const struct akt_dec *d, const json_t *obj,
		  const char *field, const char *const *ids, size_t n,
		  const char *want, int *out)
{
	char *s = NULL;
	char list[160] = "one of ";
	size_t cut;

	if (!akt_dec_str(d, obj, field, &s))
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, ids[i]) == 0) {
			*out = (int)i;
			free(s);
			return true;
		}
	for (size_t i = 0; !want && i < n; i++) {
		size_t len = strlen(list);

		snprintf(list + len, sizeof(list) - len, "%s%s",
			 i ? ", " : "", ids[i]);
	}
	cut = akt_utf8_fit(s, 40, NULL);
	if (!*d->err)
		*d->err = xasprintf("%s: field '%s%s' is \"%.*s%s\", expected "
				    "%s", d->resource, d->path, field,
				    (int)cut, s, s[cut] ? "…" : "",
				    want ? want : list);
	free(s);
	return false;
}

void *akt_dec_items(const struct akt_dec *d, const json_t *obj,
		    const char *field, size_t size, akt_dec_fn *fn,
		    size_t *n, bool *ok)
{
	const json_t *arr = akt_dec_array(d, obj, field);
	char *items;
	size_t len;

	*ok = false;
	if (!arr)
		return NULL;
	len = json_array_size(arr);
	items = xcalloc(len + 1, size);
	for (size_t i = 0; i < len; i++) {
		const json_t *e = json_array_get(arr, i);
		char path[128];
		struct akt_dec sub = akt_dec_sub(d, path, sizeof(path), field,
						 (long)i);

		if (!akt_dec_elem(d, field, i, e) ||
		    !fn(&sub, e, items + i * size))
			return items;
		(*n)++;
	}
	*ok = true;
	return items;
}

void *akt_dec_list(const json_t *j, const char *resource, char **err,
		   size_t size, akt_dec_fn *fn, size_t *n, bool *ok)
{
	const struct akt_dec d = { resource, "", err };

	*ok = false;
	if (!akt_dec_top(&d, j))
		return NULL;
	return akt_dec_items(&d, j, "items", size, fn, n, ok);
}

/*
 * decode.h — strict readers for JSON from the platform, shared by the
 * model decoders. Each checks presence and type and, on failure, writes
 * one message naming the resource and the field:
 *     officer: field 'units' missing
 *     queue: field 'unit.name' is a number, expected a string
 * Fields a decoder does not ask for are ignored, so the platform may add
 * members without breaking older clients.
 */
#ifndef AKT_DECODE_H
#define AKT_DECODE_H

#include "akt/base.h"

#include <jansson.h>

struct akt_dec {
	const char *resource;   /* "officer" */
	const char *path;       /* prefix of field names: "" or "units[2]." */
	char **err;             /* the first error goes here */
};

/* The same decoder, one level down: path "units[2]." or "unit." */
struct akt_dec akt_dec_sub(const struct akt_dec *d, char *buf, size_t size,
			   const char *field, long index);

/* The resource itself must be an object. */
bool akt_dec_top(const struct akt_dec *d, const json_t *j);
/* Element i of the array member field must be an object. */
bool akt_dec_elem(const struct akt_dec *d, const char *field, size_t i,
		  const json_t *j);

bool akt_dec_int(const struct akt_dec *d, const json_t *obj,
		 const char *field, int64_t *out);
/* A list page's "total": -1 when the platform left it out or null (asked
 * with total=false). */
bool akt_dec_total(const struct akt_dec *d, const json_t *obj,
		   int64_t *out);
bool akt_dec_bool(const struct akt_dec *d, const json_t *obj,
		  const char *field, bool *out);
/* A required string, malloc'd into *out. */
bool akt_dec_str(const struct akt_dec *d, const json_t *obj,
		 const char *field, char **out);
/* A string that may be missing or null (then *out = NULL). */
bool akt_dec_str_opt(const struct akt_dec *d, const json_t *obj,
		     const char *field, char **out);
/* A required array or object member; NULL after an error. */
const json_t *akt_dec_array(const struct akt_dec *d, const json_t *obj,
			    const char *field);
const json_t *akt_dec_object(const struct akt_dec *d, const json_t *obj,
			     const char *field);
/* An array of strings into a malloc'd vector (*n entries). */
bool akt_dec_str_array(const struct akt_dec *d, const json_t *obj,
		       const char *field, char ***out, size_t *n);

void akt_str_array_free(char ***v, size_t *n);

/* An integer that may be missing or null (then *out = none). */
bool akt_dec_int_opt(const struct akt_dec *d, const json_t *obj,
		     const char *field, int64_t *out, int64_t none);
/* An object member that may be missing or null (then *out = NULL). */
bool akt_dec_object_opt(const struct akt_dec *d, const json_t *obj,
			const char *field, const json_t **out);

/*
 * A string member from a closed set of n ids: its index into ids. An
 * unknown value is an error quoting it (cut short: it came from the
 * platform) followed by "expected " and want, or, when want is NULL,
 * "expected one of " and the ids.
 */
bool akt_dec_enum(const struct akt_dec *d, const json_t *obj,
		  const char *field, const char *const *ids, size_t n,
		  const char *want, int *out);

/* Decodes one element; out points to the element to fill in. */
typedef bool akt_dec_fn(const struct akt_dec *d, const json_t *j, void *out);

/*
 * The array member field, each element an object decoded by fn into a
 * new zeroed array of elements of size bytes (one spare at the end).
 * Returns that array, NULL only when field is not an array; *n counts
 * the elements decoded, so that clearing after a failure frees exactly
 * those; *ok says whether all were.
 */
void *akt_dec_items(const struct akt_dec *d, const json_t *obj,
		    const char *field, size_t size, akt_dec_fn *fn,
		    size_t *n, bool *ok);
/* A whole answer {"items":[...]}, named resource in messages: the top
 * object checked, then its items as akt_dec_items. */
void *akt_dec_list(const json_t *j, const char *resource, char **err,
		   size_t size, akt_dec_fn *fn, size_t *n, bool *ok);

#endif

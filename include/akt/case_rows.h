/*
 * case_rows.h — the rows of a case list, stored compactly: a list of
 * 100,000 cases must fit in a few megabytes.
 *
 * A row keeps its own strings (number, title, applicant …) packed one
 * after the other in a block shared by its page, times as seconds, and
 * indexes into tables of what rows share (statuses, e-services, queues,
 * sets of assignees). akt_case_rows_get unpacks a row into a summary
 * that points into that storage; the summaries live in a small cache,
 * so the pointer is only for the moment (see akt_case_rows_get).
 *
 * Rows are numbered 0 … count-1; a row is empty until something is put
 * there. Used by case_list.c; no I/O.
 */
#ifndef AKT_CASE_ROWS_H
#define AKT_CASE_ROWS_H

#include "akt/case.h"

struct akt_case_rows;

struct akt_case_rows *akt_case_rows_new(void);
void akt_case_rows_free(struct akt_case_rows **r);

size_t akt_case_rows_count(const struct akt_case_rows *r);
/* Grow (with empty rows at the end) or shrink to n rows. */
void akt_case_rows_resize(struct akt_case_rows *r, size_t n);
/* An empty row at i; rows from i on move down by one. */
void akt_case_rows_insert(struct akt_case_rows *r, size_t i);
/* Remove n rows from i (they must be empty); rows below move up. */
void akt_case_rows_remove(struct akt_case_rows *r, size_t i, size_t n);

bool akt_case_rows_loaded(const struct akt_case_rows *r, size_t i);
/* The case id of row i; 0 when it is empty. */
int64_t akt_case_rows_id(const struct akt_case_rows *r, size_t i);

/*
 * Put the n cases at rows at[0] … at[n-1] (empty rows, or rows being
 * replaced), their strings in one block. False with *err when a table of
 * shared values is full (65,535 statuses, e-services or queues).
 */
bool akt_case_rows_put(struct akt_case_rows *r, const size_t *at,
		       const struct akt_case_summary *cases, size_t n,
		       char **err);

/*
 * Row i unpacked, or NULL when it is empty. The summary and its strings
 * belong to the rows and stay valid until the rows change (put, insert,
 * remove, resize) or until AKT_CASE_ROWS_VIEWS other rows have been
 * asked for — enough for any screen.
 */
#define AKT_CASE_ROWS_VIEWS 1024
const struct akt_case_summary *akt_case_rows_get(
	const struct akt_case_rows *r, size_t i);

/* Bytes held, for the memory figures of tests and benchmarks: rows,
 * string blocks and tables (without malloc's own overhead). */
size_t akt_case_rows_bytes(const struct akt_case_rows *r);

#endif

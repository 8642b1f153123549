/*
 * table.h — column output for the command line. Every cell is sanitized
 * here (one-line), so no platform string reaches the terminal raw, and
 * columns are measured in display cells, not bytes.
 */
#ifndef AKT_TABLE_H
#define AKT_TABLE_H

#include "akt/base.h"

#define AKT_COL_RIGHT 0x1u   /* right-aligned (numbers) */
#define AKT_COL_FLEX  0x2u   /* may be shortened with "…" to fit */

struct akt_table;

/* headers may be NULL (no header line); ncols columns. */
struct akt_table *akt_table_new(size_t ncols, const char *const *headers);
void akt_table_free(struct akt_table **t);

void akt_table_col(struct akt_table *t, size_t col, unsigned flags);
/* Add a row of ncols cells (NULL = empty). */
void akt_table_row(struct akt_table *t, const char *const *cells);

/* Print; width > 0 shortens FLEX columns to fit it where they can. */
void akt_table_print(const struct akt_table *t, FILE *out, size_t width);

#endif

/*
 * slurp.h — read a whole file the unit tests check against (a man page,
 * a shipped theme), failing the test when it is missing. Paths are
 * relative to the top of the source tree, where 'make check' runs;
 * slurp_opt reads any file and gives NULL when there is none.
 * Include after cmocka.h.
 */
#ifndef AKT_TEST_SLURP_H
#define AKT_TEST_SLURP_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "akt/buf.h"

/* The whole file at path (malloc'd), or NULL when it cannot be opened. */
static inline char *slurp_opt(const char *path)
{
	FILE *f = fopen(path, "r");
	struct akt_buf b;
	char chunk[4096];
	size_t n;

	if (!f)
		return NULL;
	akt_buf_init(&b, 0);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		akt_buf_add(&b, chunk, n);
	fclose(f);
	return akt_buf_steal(&b);
}

static inline char *slurp(const char *path)
{
	char *s = slurp_opt(path);

	if (!s)
		fail_msg("cannot open %s (run from the top of the source tree): "
			 "%s", path, strerror(errno));
	return s;
}

#endif

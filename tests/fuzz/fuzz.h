/*
 * fuzz.h — what every fuzz target shares. A target defines
 * LLVMFuzzerTestOneInput; libFuzzer calls it in `make fuzz`, and
 * replay.c calls it on the committed corpus and crash files in make
 * check. A broken invariant aborts, which both report as a failure.
 */
#ifndef AKT_FUZZ_H
#define AKT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Checked in every build, NDEBUG or not. */
#define FUZZ_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant failed: %s\n", \
			__FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

#endif

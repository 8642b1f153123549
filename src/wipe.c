/*
 * wipe.c — process hardening and wiping freed memory (wipe.h).
 */
#include "akt/wipe.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

/* The byte freed chunks are filled with; not 0, so an allocation that
 * relies on malloc returning zeroes shows in tests. */
#define PERTURB_BYTE 0xA5

/* Small chunk sizes cached per thread (glibc: 64 bins, 16 bytes apart,
 * up to 1032 bytes asked for), and how many to take per size: more than
 * the cache holds (7 by default), so each bin is emptied. */
#define TCACHE_BINS 64
#define TCACHE_TAKE 16

/* Stack below the caller that is overwritten: deeper than any call
 * chain of akt's reaches (the token store is read into 64 KiB). */
#define STACK_WIPE (256 * 1024)

void akt_wipe_harden(void)
{
	prctl(PR_SET_DUMPABLE, 0);
	setrlimit(RLIMIT_CORE, &(struct rlimit){ 0, 0 });
#ifdef __GLIBC__
	mallopt(M_PERTURB, PERTURB_BYTE);
#endif
}

/* Frames that have returned leave their locals (a token being parsed,
 * a buffer of an answer) below the stack pointer. */
static __attribute__((noinline)) void wipe_stack(void)
{
	char deep[STACK_WIPE];

	explicit_bzero(deep, sizeof(deep));
}

void akt_wipe_freed(void)
{
	wipe_stack();
#ifdef __GLIBC__
	void *taken[TCACHE_TAKE];

	for (size_t bin = 0; bin < TCACHE_BINS; bin++) {
		size_t size = 24 + 16 * bin;

		/* what the cache held comes out first: zero all of it */
		for (size_t i = 0; i < TCACHE_TAKE; i++) {
			taken[i] = malloc(size);
			if (taken[i])
				explicit_bzero(taken[i],
					       malloc_usable_size(taken[i]));
		}
		for (size_t i = 0; i < TCACHE_TAKE; i++)
			free(taken[i]);
	}
	/* free pages in the middle of the heap go back too (zeroed by the
	 * kernel when reused) */
	malloc_trim(0);
#endif
}

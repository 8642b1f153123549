/*
 * xalloc.h — allocation that never returns NULL. Running out of memory
 * in a terminal client is not recoverable in any useful way, so these
 * print one line and abort instead of making every caller check.
 */
#ifndef AKT_XALLOC_H
#define AKT_XALLOC_H

#include "akt/base.h"

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* realloc of n elements with the multiplication checked for overflow */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* xstrdup that passes NULL through, for optional strings */
char *xstrdup_opt(const char *s);
char *xasprintf(const char *fmt, ...) AKT_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) AKT_PRINTF(1, 0);

/* Free *p and set it to NULL. */
#define xfree(p) do { free(*(p)); *(p) = NULL; } while (0)

/* Overwrite a secret (password, token) before freeing it; NULL is fine. */
void xfree_secret(char **p);

#endif

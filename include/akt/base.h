/*
 * base.h — included first by every akt header: feature macros, the C
 * headers nearly every file needs, and a few tiny macros.
 */
#ifndef AKT_BASE_H
#define AKT_BASE_H

/* The build defines these too; repeating them lets a file compile alone
 * with the same interfaces (strndup, explicit_bzero, timegm …). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#ifndef AKT_VERSION
#define AKT_VERSION "0.0.0"
#endif

#define AKT_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define AKT_MIN(a, b) ((a) < (b) ? (a) : (b))
#define AKT_MAX(a, b) ((a) > (b) ? (a) : (b))

#define AKT_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define AKT_NORETURN __attribute__((noreturn))

#endif

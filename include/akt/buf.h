/*
 * buf.h — a growable byte buffer with a maximum size. The maximum is what
 * keeps a hostile or broken server from making us allocate without end
 * (HTTP bodies are read into one of these).
 */
#ifndef AKT_BUF_H
#define AKT_BUF_H

#include "akt/base.h"

/* Default cap for bodies from the platform; 'set max_body' changes it. */
#define AKT_BUF_BODY_MAX ((size_t)8 << 20)

struct akt_buf {
	char *data;     /* NUL-terminated after every change; NULL while empty */
	size_t len;     /* bytes used, without the terminating NUL */
	size_t cap;     /* bytes allocated */
	size_t max;     /* len never exceeds this; SIZE_MAX = no cap */
};

void akt_buf_init(struct akt_buf *b, size_t max);
/* Append; false (buffer unchanged) when the cap would be exceeded. */
bool akt_buf_add(struct akt_buf *b, const void *p, size_t n);
bool akt_buf_addstr(struct akt_buf *b, const char *s);
bool akt_buf_addc(struct akt_buf *b, char c);
bool akt_buf_printf(struct akt_buf *b, const char *fmt, ...) AKT_PRINTF(2, 3);
/* Contents as a C string; "" when empty, never NULL. */
const char *akt_buf_str(const struct akt_buf *b);
/* Empty the buffer but keep the allocation. */
void akt_buf_reset(struct akt_buf *b);
/* Hand the contents to the caller (malloc'd, NUL-terminated) and empty. */
char *akt_buf_steal(struct akt_buf *b);
void akt_buf_free(struct akt_buf *b);
/* Free after overwriting: for buffers that held a password or token. */
void akt_buf_free_secret(struct akt_buf *b);

#endif

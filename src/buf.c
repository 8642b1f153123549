/*
 * buf.c — growable byte buffer with a cap.
 */
#include "akt/buf.h"
#include "akt/xalloc.h"

void akt_buf_init(struct akt_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max ? max : SIZE_MAX;
}

static void grow(struct akt_buf *b, size_t need)
{
	size_t cap = b->cap ? b->cap : 64;

	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (cap != b->cap) {
		/* Growing by copying lets a secret buffer be wiped fully:
		 * realloc could leave an old copy behind in freed memory. */
		char *p = xmalloc(cap);

		if (b->data) {
			memcpy(p, b->data, b->len + 1);
			explicit_bzero(b->data, b->cap);
			free(b->data);
		}
		b->data = p;
		b->cap = cap;
	}
}

bool akt_buf_add(struct akt_buf *b, const void *p, size_t n)
{
	if (n > b->max - b->len)
		return false;
	grow(b, b->len + n + 1);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return true;
}

bool akt_buf_addstr(struct akt_buf *b, const char *s)
{
	return akt_buf_add(b, s, strlen(s));
}

bool akt_buf_addc(struct akt_buf *b, char c)
{
	return akt_buf_add(b, &c, 1);
}

bool akt_buf_printf(struct akt_buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	int n;
	bool ok;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return false;
	if ((size_t)n < sizeof(small))
		return akt_buf_add(b, small, (size_t)n);

	char *big = xmalloc((size_t)n + 1);

	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	ok = akt_buf_add(b, big, (size_t)n);
	free(big);
	return ok;
}

const char *akt_buf_str(const struct akt_buf *b)
{
	return b->data ? b->data : "";
}

void akt_buf_reset(struct akt_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *akt_buf_steal(struct akt_buf *b)
{
	char *p = b->data ? b->data : xstrdup("");

	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
}

void akt_buf_free(struct akt_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void akt_buf_free_secret(struct akt_buf *b)
{
	if (b->data)
		explicit_bzero(b->data, b->cap);
	akt_buf_free(b);
}

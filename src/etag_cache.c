/*
 * etag_cache.c — LRU list of (key, ETag, body). A few hundred entries at
 * most, so lookup is a walk of the list; the list order is the LRU order.
 */
#include "akt/etag_cache.h"
#include "akt/xalloc.h"

struct entry {
	char *key;
	char *etag;
	char *body;
	size_t len;
	struct entry *prev, *next;
};

struct akt_etag_cache {
	struct entry *head, *tail;     /* head = most recently used */
	size_t entries, bytes;
	size_t max_entries, max_bytes;
};

struct akt_etag_cache *akt_etag_cache_new(size_t max_entries,
					  size_t max_bytes)
{
	struct akt_etag_cache *c = xcalloc(1, sizeof(*c));

	c->max_entries = max_entries;
	c->max_bytes = max_bytes;
	return c;
}

static void unlink_entry(struct akt_etag_cache *c, struct entry *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		c->head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		c->tail = e->prev;
	e->prev = e->next = NULL;
}

static void push_front(struct akt_etag_cache *c, struct entry *e)
{
	e->next = c->head;
	if (c->head)
		c->head->prev = e;
	c->head = e;
	if (!c->tail)
		c->tail = e;
}

static void drop(struct akt_etag_cache *c, struct entry *e)
{
	unlink_entry(c, e);
	c->entries--;
	c->bytes -= e->len;
	free(e->key);
	free(e->etag);
	free(e->body);
	free(e);
}

static struct entry *find(struct akt_etag_cache *c, const char *key)
{
	for (struct entry *e = c->head; e; e = e->next)
		if (strcmp(e->key, key) == 0)
			return e;
	return NULL;
}

void akt_etag_cache_free(struct akt_etag_cache **cp)
{
	struct akt_etag_cache *c = *cp;

	if (!c)
		return;
	while (c->head)
		drop(c, c->head);
	free(c);
	*cp = NULL;
}

void akt_etag_cache_forget(struct akt_etag_cache *c, const char *key)
{
	struct entry *e = find(c, key);

	if (e)
		drop(c, e);
}

void akt_etag_cache_put(struct akt_etag_cache *c, const char *key,
			const char *etag, const char *body, size_t len)
{
	struct entry *e;

	akt_etag_cache_forget(c, key);
	if (c->max_entries == 0 || len > c->max_bytes / 4)
		return;
	while (c->tail && (c->entries + 1 > c->max_entries ||
			   c->bytes + len > c->max_bytes))
		drop(c, c->tail);
	e = xcalloc(1, sizeof(*e));
	e->key = xstrdup(key);
	e->etag = xstrdup(etag);
	e->body = xmalloc(len + 1);
	memcpy(e->body, body, len);
	e->body[len] = '\0';
	e->len = len;
	push_front(c, e);
	c->entries++;
	c->bytes += len;
}

bool akt_etag_cache_get(struct akt_etag_cache *c, const char *key,
			struct akt_etag_entry *out)
{
	struct entry *e = find(c, key);

	if (!e)
		return false;
	unlink_entry(c, e);
	push_front(c, e);
	out->etag = e->etag;
	out->body = e->body;
	out->len = e->len;
	return true;
}

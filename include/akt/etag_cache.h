/*
 * etag_cache.h — bodies of earlier GETs kept with their ETag, so a
 * repeated GET can send If-None-Match and a 304 costs no body transfer.
 * Bounded in entries and bytes; the least recently used goes first.
 */
#ifndef AKT_ETAG_CACHE_H
#define AKT_ETAG_CACHE_H

#include "akt/base.h"

struct akt_etag_cache;

struct akt_etag_entry {
	const char *etag;
	const char *body;
	size_t len;
};

struct akt_etag_cache *akt_etag_cache_new(size_t max_entries,
					  size_t max_bytes);
void akt_etag_cache_free(struct akt_etag_cache **c);

/* Keep body under key (replacing any entry). Bodies over a quarter of
 * max_bytes are not kept: one document must not evict everything. */
void akt_etag_cache_put(struct akt_etag_cache *c, const char *key,
			const char *etag, const char *body, size_t len);

/* On a hit fill *out (valid until the next put or forget) and make the
 * entry the most recently used. */
bool akt_etag_cache_get(struct akt_etag_cache *c, const char *key,
			struct akt_etag_entry *out);

void akt_etag_cache_forget(struct akt_etag_cache *c, const char *key);

#endif

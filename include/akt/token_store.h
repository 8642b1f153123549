/*
 * token_store.h — the login kept between runs: a JSON file, mode 0600, in
 * a 0700 directory ($XDG_STATE_HOME/akt/tokens). Tokens never appear in
 * argv, logs or messages; they live here and in memory only.
 */
#ifndef AKT_TOKEN_STORE_H
#define AKT_TOKEN_STORE_H

#include "akt/base.h"

struct akt_tokens {
	char *server;               /* the platform these belong to */
	char *username;
	char *access_token;
	char *refresh_token;        /* NULL when the platform gave none */
	int64_t expires_at;         /* Unix time the access token ends; 0 = ? */
	char *token_endpoint;       /* paths on server, from /v1/platform */
	char *revocation_endpoint;  /* NULL: the platform cannot revoke */
	char *client_id;
};

/* Free every member, overwriting the secrets first. */
void akt_tokens_clear(struct akt_tokens *t);
void akt_tokens_copy(struct akt_tokens *dst, const struct akt_tokens *src);

/* $XDG_STATE_HOME/akt/tokens (or ~/.local/state/akt/tokens); NULL if no
 * home directory is known. */
char *akt_tokens_path(void);

/*
 * Read the store. Returns 1 and fills *t, 0 when nothing is stored, -1
 * with *err when the file is unusable — including when others may read
 * it, since then the tokens must be taken as leaked.
 */
int akt_tokens_load(const char *path, struct akt_tokens *t, char **err);

/* Replace the store atomically (write a private temporary, rename). */
bool akt_tokens_save(const char *path, const struct akt_tokens *t,
		     char **err);

/* Remove the store; a missing file is fine. */
bool akt_tokens_forget(const char *path, char **err);

#endif

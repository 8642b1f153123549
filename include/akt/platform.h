/*
 * platform.h — what a platform says about itself: GET /v1/platform, read
 * before logging in to learn its OAuth endpoints and grants.
 */
#ifndef AKT_PLATFORM_H
#define AKT_PLATFORM_H

#include "akt/decode.h"

struct akt_platform {
	char *name;                  /* "Sandbox kommun" */
	int64_t api_version;
	bool sandbox;
	char *token_endpoint;        /* absolute paths on the same server */
	char *device_endpoint;       /* NULL without device flow */
	char *revocation_endpoint;   /* NULL when tokens cannot be revoked */
	char **grant_types;
	size_t ngrant_types;
	char *client_id;
};

/* Decode; endpoints must be absolute paths ("/v1/oauth/token"): akt never
 * sends a password to a URL the platform names on another host. */
bool akt_platform_decode(const json_t *j, struct akt_platform *out,
			 char **err);
void akt_platform_clear(struct akt_platform *p);

bool akt_platform_has_grant(const struct akt_platform *p, const char *grant);

#endif

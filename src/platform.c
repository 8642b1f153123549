/*
 * platform.c — decoding of the platform description.
 */
#include "akt/platform.h"
#include "akt/xalloc.h"

static bool endpoint_ok(const struct akt_dec *d, const char *field,
			const char *value)
{
	if (!value || (value[0] == '/' && value[1] != '/'))
		return true;
	if (!*d->err)
		*d->err = xasprintf("%s: field '%s%s' is not a path on the "
				    "same server", d->resource, d->path, field);
	return false;
}

bool akt_platform_decode(const json_t *j, struct akt_platform *out,
			 char **err)
{
	const struct akt_dec d = { "platform", "", err };
	char path[16];
	struct akt_dec ad = akt_dec_sub(&d, path, sizeof(path), "auth", -1);
	const json_t *auth;
	bool sandbox = false;

	memset(out, 0, sizeof(*out));
	if (!akt_dec_top(&d, j) ||
	    !akt_dec_str(&d, j, "name", &out->name) ||
	    !akt_dec_int(&d, j, "api_version", &out->api_version) ||
	    (json_object_get(j, "sandbox") &&
	     !akt_dec_bool(&d, j, "sandbox", &sandbox)) ||
	    !(auth = akt_dec_object(&d, j, "auth")) ||
	    !akt_dec_str(&ad, auth, "token_endpoint", &out->token_endpoint) ||
	    !akt_dec_str_opt(&ad, auth, "device_authorization_endpoint",
			     &out->device_endpoint) ||
	    !akt_dec_str_opt(&ad, auth, "revocation_endpoint",
			     &out->revocation_endpoint) ||
	    !akt_dec_str_array(&ad, auth, "grant_types", &out->grant_types,
			       &out->ngrant_types) ||
	    !akt_dec_str(&d, j, "client_id", &out->client_id) ||
	    !endpoint_ok(&ad, "token_endpoint", out->token_endpoint) ||
	    !endpoint_ok(&ad, "device_authorization_endpoint",
			 out->device_endpoint) ||
	    !endpoint_ok(&ad, "revocation_endpoint", out->revocation_endpoint)) {
		akt_platform_clear(out);
		return false;
	}
	out->sandbox = sandbox;
	return true;
}

void akt_platform_clear(struct akt_platform *p)
{
	xfree(&p->name);
	xfree(&p->token_endpoint);
	xfree(&p->device_endpoint);
	xfree(&p->revocation_endpoint);
	akt_str_array_free(&p->grant_types, &p->ngrant_types);
	xfree(&p->client_id);
}

bool akt_platform_has_grant(const struct akt_platform *p, const char *grant)
{
	for (size_t i = 0; i < p->ngrant_types; i++)
		if (strcmp(p->grant_types[i], grant) == 0)
			return true;
	return false;
}

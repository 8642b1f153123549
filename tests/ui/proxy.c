/*
 * proxy.c — the fault proxy of proxy.h: an accepting thread and a thread
 * per connection, which polls in short steps so that a stop is seen.
 */
#include "proxy.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

struct proxy {
	pthread_mutex_t mu;
	pthread_cond_t idle;
	pthread_t acceptor;
	int lfd;                  /* the listener; -1 while refusing */
	int port, upstream;
	int dummy[2];             /* the connects that fill the backlog */
	bool blackhole, refusing, stopping;
	int nconn;                /* connection threads running */
	/* the armed fault */
	enum proxy_fault fault;
	char *pattern, *lift, *json;
	int times, fired, passed;
	bool armed;
};

enum { STEP_MS = 20, HEAD_MAX = 65536 };

static int listen_on(int port, int backlog)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    listen(fd, backlog) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int connect_to(int port, bool nonblock)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC |
			(nonblock ? SOCK_NONBLOCK : 0), 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0 &&
	    !(nonblock && errno == EINPROGRESS)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Close with a RST rather than a FIN. */
static void reset_close(int fd)
{
	struct linger l = { 1, 0 };

	setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
	close(fd);
}

static bool stopping(struct proxy *p)
{
	bool s;

	pthread_mutex_lock(&p->mu);
	s = p->stopping;
	pthread_mutex_unlock(&p->mu);
	return s;
}

/* Wait for fd to be readable; false when the proxy stops first. */
static bool wait_in(struct proxy *p, int fd)
{
	for (;;) {
		struct pollfd pf = { fd, POLLIN, 0 };
		int n = poll(&pf, 1, STEP_MS);

		if (n > 0)
			return true;
		if (n < 0 && errno != EINTR)
			return false;
		if (stopping(p))
			return false;
	}
}

static bool write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = send(fd, s, n, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

/* The request's target (path and query), from "METHOD TARGET HTTP/1.1". */
static void request_target(const char *head, char *out, size_t size)
{
	const char *sp = strchr(head, ' ');
	size_t n = 0;

	out[0] = 0;
	if (!sp)
		return;
	for (sp++; *sp && *sp != ' ' && n + 1 < size; sp++)
		out[n++] = *sp;
	out[n] = 0;
}

static long content_length(const char *head)
{
	const char *h = head;

	while ((h = strchr(h, '\n'))) {
		h++;
		if (strncasecmp(h, "content-length:", 15) == 0)
			return strtol(h + 15, NULL, 10);
	}
	return 0;
}

/* Whether to reset a request to target; may start refusing or a black
 * hole, or give *json the body of the sandbox call to make before it is
 * passed on (*expire: the token expiry, else a fault). */
static bool hit(struct proxy *p, const char *path, char **json,
		bool *expire)
{
	bool fire = false;

	pthread_mutex_lock(&p->mu);
	*expire = p->fault == PROXY_EXPIRE;
	if (p->armed && fnmatch(p->pattern, path, 0) == 0) {
		if (p->fault == PROXY_EXPIRE) {
			*json = strdup("{}");
			p->armed = false;
			p->fired++;
		} else if (p->fault == PROXY_SANDBOX) {
			*json = p->json;
			p->json = NULL;
			p->armed = false;
			p->fired++;
		} else if (p->times > 0) {
			fire = true;
			p->fired++;
			if (--p->times == 0 || p->fault != PROXY_RESET)
				p->armed = false;
			if (p->fault == PROXY_REFUSE) {
				p->refusing = true;
				close(p->lfd);
				p->lfd = -1;
			} else if (p->fault == PROXY_BLACKHOLE) {
				/* with a backlog of 0 one connect fills it;
				 * the second makes sure */
				p->blackhole = true;
				listen(p->lfd, 0);
				p->dummy[0] = connect_to(p->port, true);
				p->dummy[1] = connect_to(p->port, true);
			}
		}
	} else if (p->pattern && fnmatch(p->pattern, path, 0) == 0) {
		p->passed++;
	}
	pthread_mutex_unlock(&p->mu);
	return fire;
}

static void relay(struct proxy *p, int c)
{
	char *head = malloc(HEAD_MAX + 1), *resp = NULL, path[1024];
	char *json = NULL;
	bool expire;
	size_t len = 0, rlen = 0, rcap = 0;
	char *end = NULL;
	int u = -1;

	if (!head)
		goto out;
	/* the head of the request */
	while (!end && len < HEAD_MAX) {
		ssize_t n;

		if (!wait_in(p, c))
			goto out;
		n = recv(c, head + len, HEAD_MAX - len, 0);
		if (n <= 0)
			goto out;
		len += (size_t)n;
		head[len] = 0;
		end = strstr(head, "\r\n\r\n");
	}
	if (!end)
		goto out;
	request_target(head, path, sizeof(path));
	if (getenv("AKT_PROXY_LOG"))
		fprintf(stderr, "proxy: %.*s\n", (int)strcspn(head, "\r"),
			head);
	if (hit(p, path, &json, &expire)) {
		reset_close(c);
		c = -1;
		goto out;
	}
	if (json) {
		bool added = expire ?
			proxy_sandbox_call(p, "POST",
					   "/v1/sandbox/tokens/expire", json,
					   NULL) == 200 :
			proxy_sandbox_call(p, "POST", "/v1/sandbox/faults",
					   json, NULL) == 201;

		free(json);
		if (!added)
			goto out;
	}
	u = connect_to(p->upstream, false);
	if (u < 0)
		goto out;
	/* the request line, our Connection: close, the rest as it came */
	{
		char *eol = strstr(head, "\r\n");
		size_t body_have = len - (size_t)(end + 4 - head);
		long body_left = content_length(head) - (long)body_have;
		static const char closing[] = "\r\nConnection: close";

		if (!write_all(u, head, (size_t)(eol - head)) ||
		    !write_all(u, closing, sizeof(closing) - 1) ||
		    !write_all(u, eol, len - (size_t)(eol - head)))
			goto out;
		while (body_left > 0) {
			char buf[16384];
			ssize_t n;

			if (!wait_in(p, c))
				goto out;
			n = recv(c, buf, sizeof(buf), 0);
			if (n <= 0 || !write_all(u, buf, (size_t)n))
				goto out;
			body_left -= n;
		}
	}
	/* the whole answer, while watching for the client to leave (a long
	 * poll it gave up on) */
	for (;;) {
		struct pollfd pf[2] = { { u, POLLIN, 0 }, { c, POLLIN, 0 } };
		int n = poll(pf, 2, STEP_MS);

		if (n < 0 && errno != EINTR)
			goto out;
		if (stopping(p))
			goto out;
		if (pf[1].revents & (POLLIN | POLLHUP | POLLERR)) {
			char probe;

			if (recv(c, &probe, 1, MSG_PEEK | MSG_DONTWAIT) <= 0)
				goto out;
		}
		if (!(pf[0].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		if (rcap - rlen < 16384) {
			char *bigger = realloc(resp, rcap * 2 + 16384);

			if (!bigger)
				goto out;
			resp = bigger;
			rcap = rcap * 2 + 16384;
		}
		ssize_t r = recv(u, resp + rlen, rcap - rlen, 0);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		rlen += (size_t)r;
	}
	write_all(c, resp ? resp : "", rlen);
out:
	if (u >= 0)
		close(u);
	if (c >= 0)
		close(c);
	free(head);
	free(resp);
}

struct conn {
	struct proxy *p;
	int fd;
};

static void *conn_main(void *arg)
{
	struct conn *k = arg;
	struct proxy *p = k->p;

	relay(p, k->fd);
	free(k);
	pthread_mutex_lock(&p->mu);
	if (--p->nconn == 0)
		pthread_cond_broadcast(&p->idle);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Back to normal once the test has made the lift file. */
static void maybe_lift(struct proxy *p)
{
	struct stat st;

	if (!(p->refusing || p->blackhole) || !p->lift ||
	    stat(p->lift, &st) != 0)
		return;
	if (p->refusing) {
		p->lfd = listen_on(p->port, 64);
		p->refusing = p->lfd < 0;
	} else {
		listen(p->lfd, 64);
		for (int i = 0; i < 2; i++)
			if (p->dummy[i] >= 0)
				close(p->dummy[i]);
		p->dummy[0] = p->dummy[1] = -1;
		p->blackhole = false;
	}
}

static void *accept_main(void *arg)
{
	struct proxy *p = arg;

	for (;;) {
		struct pollfd pf = { -1, POLLIN, 0 };
		int fd = -1;

		pthread_mutex_lock(&p->mu);
		if (p->stopping) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		maybe_lift(p);
		pf.fd = p->blackhole ? -1 : p->lfd;
		pthread_mutex_unlock(&p->mu);
		if (poll(&pf, 1, 5) <= 0 || !(pf.revents & POLLIN))
			continue;
		pthread_mutex_lock(&p->mu);
		/* the listener may have closed meanwhile */
		if (p->lfd == pf.fd && !p->blackhole)
			fd = accept4(p->lfd, NULL, NULL, SOCK_CLOEXEC);
		pthread_mutex_unlock(&p->mu);
		if (fd < 0)
			continue;

		struct conn *k = malloc(sizeof(*k));
		pthread_t t;

		if (!k) {
			close(fd);
			continue;
		}
		k->p = p;
		k->fd = fd;
		pthread_mutex_lock(&p->mu);
		p->nconn++;
		pthread_mutex_unlock(&p->mu);
		if (pthread_create(&t, NULL, conn_main, k) != 0) {
			close(fd);
			free(k);
			pthread_mutex_lock(&p->mu);
			p->nconn--;
			pthread_mutex_unlock(&p->mu);
			continue;
		}
		pthread_detach(t);
	}
	return NULL;
}

struct proxy *proxy_start(int upstream_port)
{
	struct proxy *p = calloc(1, sizeof(*p));
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);

	if (!p)
		return NULL;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->idle, NULL);
	p->upstream = upstream_port;
	p->dummy[0] = p->dummy[1] = -1;
	p->lfd = listen_on(0, 64);
	if (p->lfd < 0 ||
	    getsockname(p->lfd, (struct sockaddr *)&a, &alen) != 0 ||
	    pthread_create(&p->acceptor, NULL, accept_main, p) != 0) {
		if (p->lfd >= 0)
			close(p->lfd);
		free(p);
		return NULL;
	}
	p->port = ntohs(a.sin_port);
	return p;
}

int proxy_port(const struct proxy *p)
{
	return p->port;
}

void proxy_arm(struct proxy *p, enum proxy_fault f, const char *pattern,
	       int times, const char *lift_file, const char *fault_json)
{
	pthread_mutex_lock(&p->mu);
	free(p->pattern);
	free(p->lift);
	free(p->json);
	p->fault = f;
	p->pattern = strdup(pattern);
	p->lift = lift_file ? strdup(lift_file) : NULL;
	p->json = fault_json ? strdup(fault_json) : NULL;
	p->times = f == PROXY_RESET ? times : 1;
	p->fired = p->passed = 0;
	p->armed = p->pattern != NULL;
	pthread_mutex_unlock(&p->mu);
}

int proxy_fired(struct proxy *p)
{
	int n;

	pthread_mutex_lock(&p->mu);
	n = p->fired;
	pthread_mutex_unlock(&p->mu);
	return n;
}

int proxy_passed(struct proxy *p)
{
	int n;

	pthread_mutex_lock(&p->mu);
	n = p->passed;
	pthread_mutex_unlock(&p->mu);
	return n;
}

void proxy_stop(struct proxy *p)
{
	pthread_mutex_lock(&p->mu);
	p->stopping = true;
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->acceptor, NULL);
	pthread_mutex_lock(&p->mu);
	while (p->nconn > 0)
		pthread_cond_wait(&p->idle, &p->mu);
	pthread_mutex_unlock(&p->mu);
	if (p->lfd >= 0)
		close(p->lfd);
	for (int i = 0; i < 2; i++)
		if (p->dummy[i] >= 0)
			close(p->dummy[i]);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->idle);
	free(p->pattern);
	free(p->lift);
	free(p->json);
	free(p);
}

int proxy_sandbox_call(struct proxy *p, const char *method, const char *path,
		       const char *body, char **answer)
{
	char head[512], buf[4096];
	char *all = NULL;
	size_t len = 0;
	int u = connect_to(p->upstream, false), status = 0;
	size_t blen = body ? strlen(body) : 0;

	if (answer)
		*answer = NULL;
	if (u < 0)
		return 0;
	snprintf(head, sizeof(head), "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		 "Content-Type: application/json\r\nContent-Length: %zu\r\n"
		 "Connection: close\r\n\r\n", method, path, blen);
	if (write_all(u, head, strlen(head)) && write_all(u, body ? body : "",
							  blen)) {
		for (;;) {
			ssize_t n = recv(u, buf, sizeof(buf), 0);
			char *more;

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			more = realloc(all, len + (size_t)n + 1);
			if (!more)
				break;
			all = more;
			memcpy(all + len, buf, (size_t)n);
			len += (size_t)n;
			all[len] = 0;
		}
	}
	close(u);
	if (all && sscanf(all, "HTTP/1.%*d %d", &status) != 1)
		status = 0;
	if (answer && all) {
		char *b = strstr(all, "\r\n\r\n");

		*answer = strdup(b ? b + 4 : "");
	}
	free(all);
	return status;
}

/*
 * http.c — requests over one curl multi handle, driven by the event loop
 * through curl's socket interface: curl tells us which sockets to watch
 * and when to time out (on_socket, on_curl_timer), the loop tells curl
 * what became ready (on_ready, on_timeout), and finished transfers are
 * collected in check_done.
 */
#include "akt/http.h"
#include "akt/buf.h"
#include "akt/etag_cache.h"
#include "akt/i18n.h"
#include "akt/sanitize.h"
#include "akt/xalloc.h"

#include <curl/curl.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define CACHE_ENTRIES 256
#define CACHE_BYTES   ((size_t)32 << 20)
/* A handful of connections: one would make a long-polling request block
 * every other on HTTP/1.1; with HTTP/2 they all share one anyway. */
#define MAX_CONNECTIONS 4

struct sock {
	struct akt_http *http;
	struct akt_watch *watch;
	struct sock *next;
};

struct akt_http_xfer {
	struct akt_http *http;
	CURL *easy;
	struct curl_slist *headers;
	char *method;
	char *path;
	char *authorization;
	char *if_match;
	char *if_none_match;
	char *idempotency_key;
	char *content_type;
	bool has_body;
	bool may_repeat;        /* safe to send again after a partial exchange */
	bool use_cache;         /* GET whose caller did not set If-None-Match */
	char *sent_etag;        /* ETag we offered in If-None-Match */
	long timeout_ms;
	int attempts;
	int64_t started;
	struct akt_timer *retry_timer;
	/* the answer of the current attempt */
	struct akt_buf body;
	bool too_big;
	char *etag, *location, *link, *ctype, *cache_control;
	long retry_after;
	char errbuf[CURL_ERROR_SIZE];
	akt_http_cb *cb;
	void *arg;
	struct akt_http_xfer *prev, *next;
};

struct akt_http {
	struct akt_loop *loop;
	CURLM *multi;
	char *base;
	struct akt_timer *timer;
	struct akt_timer *reap;     /* reads finished transfers after a kick */
	struct sock *socks;
	struct akt_http_xfer *xfers;
	struct akt_etag_cache *cache;
	struct akt_retry_policy retry;
	long connect_timeout_ms;
	long request_timeout_ms;
	long low_speed_time;
	size_t max_body;
	char *ca_file;
	bool tls_verify;        /* false only by 'set tls_verify = no' */
	akt_http_retry_cb *on_retry;
	void *on_retry_arg;
};

static void check_done(struct akt_http *h);

static AKT_NORETURN void curl_failed(const char *what)
{
	/* Only allocation failures make these calls fail. */
	fprintf(stderr, "akt: %s failed (out of memory)\n", what);
	abort();
}

/* ---- loop integration --------------------------------------------- */

static void on_ready(struct akt_watch *w, int fd, unsigned ev, void *arg)
{
	struct sock *s = arg;
	struct akt_http *h = s->http;
	int mask = 0, running;

	if (ev & AKT_EV_READ)
		mask |= CURL_CSELECT_IN;
	if (ev & AKT_EV_WRITE)
		mask |= CURL_CSELECT_OUT;
	if (ev & AKT_EV_ERROR)
		mask |= CURL_CSELECT_ERR;
	/* s may be freed inside (CURL_POLL_REMOVE); do not touch it after */
	curl_multi_socket_action(h->multi, fd, mask, &running);
	check_done(h);
}

static int on_socket(CURL *easy, curl_socket_t fd, int what, void *userp,
		     void *sockp)
{
	struct akt_http *h = userp;
	struct sock *s = sockp;
	unsigned ev = 0;

	if (what == CURL_POLL_REMOVE) {
		if (s) {
			struct sock **pp = &h->socks;

			while (*pp != s)
				pp = &(*pp)->next;
			*pp = s->next;
			akt_watch_free(&s->watch);
			free(s);
		}
		return 0;
	}
	if (what == CURL_POLL_IN || what == CURL_POLL_INOUT)
		ev |= AKT_EV_READ;
	if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT)
		ev |= AKT_EV_WRITE;
	if (s) {
		akt_watch_set(s->watch, ev);
		return 0;
	}
	s = xcalloc(1, sizeof(*s));
	s->http = h;
	s->watch = akt_watch_new(h->loop, fd, ev, on_ready, s);
	s->next = h->socks;
	h->socks = s;
	curl_multi_assign(h->multi, fd, s);
	return 0;
}

static void on_timeout(struct akt_timer *t, void *arg)
{
	struct akt_http *h = arg;
	int running;

	curl_multi_socket_action(h->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	check_done(h);
}

static int on_curl_timer(CURLM *multi, long ms, void *userp)
{
	struct akt_http *h = userp;

	/* Never act from inside curl: a 0 ms timer runs on the next turn
	 * of the loop. */
	if (ms < 0)
		akt_timer_stop(h->timer);
	else
		akt_timer_start(h->timer, ms);
	return 0;
}

/* ---- transfer callbacks ------------------------------------------- */

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct akt_http_xfer *x = arg;

	if (!akt_buf_add(&x->body, data, size * n)) {
		x->too_big = true;
		return 0;       /* makes curl stop with CURLE_WRITE_ERROR */
	}
	return size * n;
}

static void reset_answer(struct akt_http_xfer *x)
{
	akt_buf_reset(&x->body);
	x->too_big = false;
	xfree(&x->etag);
	xfree(&x->location);
	xfree(&x->link);
	xfree(&x->ctype);
	xfree(&x->cache_control);
	x->retry_after = -1;
	x->errbuf[0] = '\0';
}

static size_t on_header(char *data, size_t size, size_t n, void *arg)
{
	static const struct {
		const char *name;
		size_t offset;
	} wanted[] = {
		{ "etag", offsetof(struct akt_http_xfer, etag) },
		{ "location", offsetof(struct akt_http_xfer, location) },
		{ "link", offsetof(struct akt_http_xfer, link) },
		{ "content-type", offsetof(struct akt_http_xfer, ctype) },
		{ "cache-control", offsetof(struct akt_http_xfer, cache_control) },
	};
	struct akt_http_xfer *x = arg;
	size_t len = size * n, nlen;
	const char *colon, *v, *end;

	/* A status line starts a new header block (after 1xx answers). */
	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		reset_answer(x);
		return len;
	}
	colon = memchr(data, ':', len);
	if (!colon)
		return len;
	nlen = (size_t)(colon - data);
	for (v = colon + 1; v < data + len && (*v == ' ' || *v == '\t'); v++)
		;
	for (end = data + len; end > v && (end[-1] == '\r' || end[-1] == '\n' ||
					   end[-1] == ' ' || end[-1] == '\t'); end--)
		;
	if (nlen == 11 && strncasecmp(data, "retry-after", 11) == 0) {
		char *val = xstrndup(v, (size_t)(end - v));
		long s;

		if (akt_retry_after_parse(val, time(NULL), &s))
			x->retry_after = s;
		free(val);
		return len;
	}
	for (size_t i = 0; i < AKT_LEN(wanted); i++) {
		if (strlen(wanted[i].name) == nlen &&
		    strncasecmp(data, wanted[i].name, nlen) == 0) {
			char **field = (char **)((char *)x + wanted[i].offset);

			free(*field);
			*field = xstrndup(v, (size_t)(end - v));
		}
	}
	return len;
}

/* ---- requests ----------------------------------------------------- */

static void add_header(struct akt_http_xfer *x, const char *name,
		       const char *value)
{
	char *line = xasprintf("%s: %s", name, value);
	struct curl_slist *l = curl_slist_append(x->headers, line);

	explicit_bzero(line, strlen(line));
	free(line);
	if (!l)
		curl_failed("curl_slist_append");
	x->headers = l;
}

static void free_headers(struct akt_http_xfer *x)
{
	/* the list holds the Authorization line: wipe before freeing */
	for (struct curl_slist *l = x->headers; l; l = l->next)
		explicit_bzero(l->data, strlen(l->data));
	curl_slist_free_all(x->headers);
	x->headers = NULL;
}

/* Headers for this attempt; the cache may have changed since the last. */
static void build_headers(struct akt_http_xfer *x)
{
	struct akt_etag_entry e;

	free_headers(x);
	xfree(&x->sent_etag);
	add_header(x, "Accept", "application/json, application/problem+json");
	if (x->has_body)
		add_header(x, "Content-Type", x->content_type);
	if (x->authorization)
		add_header(x, "Authorization", x->authorization);
	if (x->if_match)
		add_header(x, "If-Match", x->if_match);
	if (x->if_none_match)
		add_header(x, "If-None-Match", x->if_none_match);
	else if (x->use_cache && akt_etag_cache_get(x->http->cache, x->path, &e)) {
		x->sent_etag = xstrdup(e.etag);
		add_header(x, "If-None-Match", e.etag);
	}
	if (x->idempotency_key)
		add_header(x, "Idempotency-Key", x->idempotency_key);
	/* no 100-continue round trip for our small bodies */
	x->headers = curl_slist_append(x->headers, "Expect:");
	if (!x->headers)
		curl_failed("curl_slist_append");
	curl_easy_setopt(x->easy, CURLOPT_HTTPHEADER, x->headers);
}

static void on_reap(struct akt_timer *t, void *arg)
{
	check_done(arg);
}

static void start_attempt(struct akt_http_xfer *x)
{
	struct akt_http *h = x->http;
	int running;

	reset_answer(x);
	build_headers(x);
	if (x->attempts == 0)
		x->started = akt_loop_now();
	if (curl_multi_add_handle(h->multi, x->easy) != CURLM_OK)
		curl_failed("curl_multi_add_handle");
	/*
	 * Send now, not on the loop's next turn: a caller that asks for the
	 * next page and then works through the one in hand gets both done
	 * at once. What this finishes is read from the loop (never from
	 * inside the caller), hence the reap timer.
	 */
	curl_multi_socket_action(h->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	akt_timer_start(h->reap, 0);
}

static void setup_easy(struct akt_http_xfer *x, const struct akt_http_req *req)
{
	struct akt_http *h = x->http;
	CURL *e = x->easy;
	char *url = xasprintf("%s%s", h->base, req->path);

	curl_easy_setopt(e, CURLOPT_URL, url);
	free(url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	/* Wait for a connection under way rather than open another, when
	 * it may turn out to multiplex: only TLS says so early (ALPN). On
	 * plain HTTP libcurl would learn it from the first answer, and a
	 * long poll as the first request would hold up every other. */
	if (strncasecmp(h->base, "https:", 6) == 0)
		curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
	/* Verification is off only by the explicit setting, which akt warns
	 * about on every start; nothing else (no environment variable)
	 * reaches these two. */
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, h->tls_verify ? 1L : 0L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, h->tls_verify ? 2L : 0L);
	if (h->ca_file)
		curl_easy_setopt(e, CURLOPT_CAINFO, h->ca_file);
	/* the names a certificate holds, for "it is for another host name" */
	if (h->tls_verify && strncasecmp(h->base, "https:", 6) == 0)
		curl_easy_setopt(e, CURLOPT_CERTINFO, 1L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "akt/" AKT_VERSION);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, h->connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, x->timeout_ms);
	/* a long poll is silent until something happens */
	if (h->low_speed_time > 0 && !req->long_poll) {
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, h->low_speed_time);
	}
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)h->max_body);
	/* When a reused connection closes before any answer, libcurl sends
	 * the request again on a new one, by itself — but that is also what
	 * a platform that did the work and then lost the connection looks
	 * like. A request that must not be sent twice gets a connection of
	 * its own, so libcurl never repeats it behind our back. */
	if (!x->may_repeat)
		curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);

	if (strcmp(req->method, "GET") == 0) {
		curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
	} else if (strcmp(req->method, "HEAD") == 0) {
		curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
	} else {
		if (strcmp(req->method, "POST") != 0)
			curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, req->method);
		if (req->body || strcmp(req->method, "POST") == 0) {
			curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
					 (curl_off_t)(req->body ? req->body_len : 0));
			curl_easy_setopt(e, CURLOPT_COPYPOSTFIELDS,
					 req->body ? req->body : "");
		}
	}
}

struct akt_http_xfer *akt_http_request(struct akt_http *h,
				       const struct akt_http_req *req,
				       akt_http_cb *cb, void *arg)
{
	struct akt_http_xfer *x = xcalloc(1, sizeof(*x));

	x->http = h;
	x->cb = cb;
	x->arg = arg;
	x->easy = curl_easy_init();
	if (!x->easy)
		curl_failed("curl_easy_init");
	x->method = xstrdup(req->method);
	x->path = xstrdup(req->path);
	x->authorization = xstrdup_opt(req->authorization);
	x->if_match = xstrdup_opt(req->if_match);
	x->if_none_match = xstrdup_opt(req->if_none_match);
	x->idempotency_key = xstrdup_opt(req->idempotency_key);
	x->has_body = req->body != NULL;
	x->content_type = xstrdup(req->content_type ? req->content_type :
				  "application/json");
	x->may_repeat = akt_retry_method(req->method, req->idempotency_key);
	x->use_cache = strcmp(req->method, "GET") == 0 && !req->if_none_match &&
		       !req->no_cache;
	x->timeout_ms = req->timeout_ms > 0 ? req->timeout_ms :
			h->request_timeout_ms;
	x->retry_after = -1;
	akt_buf_init(&x->body, h->max_body);
	setup_easy(x, req);

	x->next = h->xfers;
	if (h->xfers)
		h->xfers->prev = x;
	h->xfers = x;
	start_attempt(x);
	return x;
}

static void xfer_free(struct akt_http_xfer *x)
{
	struct akt_http *h = x->http;

	if (x->prev)
		x->prev->next = x->next;
	else
		h->xfers = x->next;
	if (x->next)
		x->next->prev = x->prev;
	/* removing a handle that is not added is harmless */
	curl_multi_remove_handle(h->multi, x->easy);
	curl_easy_cleanup(x->easy);
	free_headers(x);
	akt_timer_free(&x->retry_timer);
	reset_answer(x);
	akt_buf_free(&x->body);
	free(x->method);
	free(x->path);
	xfree_secret(&x->authorization);
	free(x->if_match);
	free(x->if_none_match);
	free(x->idempotency_key);
	free(x->content_type);
	free(x->sent_etag);
	free(x);
}

void akt_http_cancel(struct akt_http_xfer *x)
{
	if (x)
		xfer_free(x);
}

/* ---- answers ------------------------------------------------------ */

struct failure {
	enum akt_http_fail kind;
	char *error;
	const char *hint;
};

static const char hint_server[] = "check 'set server' or AKT_SERVER";

static char *clean(const char *s)
{
	return akt_sanitize_str(s, AKT_SAN_ONELINE);
}

/* The host name in the server's URL: what its certificate must name. */
static char *base_host(const char *base)
{
	CURLU *u = curl_url();
	char *host = NULL, *out;

	if (u && curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK)
		curl_url_get(u, CURLUPART_HOST, &host, 0);
	out = clean(host ? host : base);
	curl_free(host);
	curl_url_cleanup(u);
	return out;
}

/* The names the server's certificate is for ("a.example, b.example"),
 * from its subjectAltName, or NULL when libcurl did not see it. */
static char *cert_names(struct akt_http_xfer *x)
{
	static const char san[] = "X509v3 Subject Alternative Name:";
	struct curl_certinfo *ci = NULL;
	struct akt_buf b;
	const char *p = NULL;
	char *names;

	if (curl_easy_getinfo(x->easy, CURLINFO_CERTINFO, &ci) != CURLE_OK ||
	    !ci || ci->num_of_certs < 1)
		return NULL;
	for (struct curl_slist *l = ci->certinfo[0]; l && !p; l = l->next)
		if (strncmp(l->data, san, sizeof(san) - 1) == 0)
			p = l->data + sizeof(san) - 1;
	if (!p)
		return NULL;
	/* "DNS:a.example, IP Address:127.0.0.1": the names, not the kinds;
	 * a few, each cut short, since a certificate may hold hundreds */
	akt_buf_init(&b, 0);
	for (int n = 0; *(p += strspn(p, ", ")); n++) {
		size_t len;

		if (n == 3) {
			akt_buf_addstr(&b, ", …");
			break;
		}
		if (strncmp(p, "DNS:", 4) == 0)
			p += 4;
		else if (strncmp(p, "IP Address:", 11) == 0)
			p += 11;
		len = strcspn(p, ",");
		akt_buf_printf(&b, "%s%.*s", n ? ", " : "",
			       (int)AKT_MIN(len, (size_t)64), p);
		p += len;
	}
	names = b.len ? clean(akt_buf_str(&b)) : NULL;
	akt_buf_free(&b);
	return names;
}

/*
 * A certificate that failed verification, named by what is wrong with
 * it: OpenSSL's verdict on the chain (CURLINFO_SSL_VERIFYRESULT, an
 * X509_V_ERR_* code), or libcurl's own host name check, which leaves
 * the verdict at 0 and says so in the error buffer.
 */
static void untrusted(struct akt_http_xfer *x, const char *base,
		      const char *detail, struct failure *f)
{
	char *host = base_host(x->http->base), *names;
	long verdict = 0;

	curl_easy_getinfo(x->easy, CURLINFO_SSL_VERIFYRESULT, &verdict);
	/* libcurl's check leaves 0, or 1 (X509_V_ERR_UNSPECIFIED) */
	if (verdict <= 1 && (strstr(x->errbuf, "subject name matches") ||
			     strstr(x->errbuf, "does not match target host")))
		verdict = 62;   /* X509_V_ERR_HOSTNAME_MISMATCH */
	switch (verdict) {
	case 9:         /* X509_V_ERR_CERT_NOT_YET_VALID */
		f->error = xasprintf(_("cannot trust %s: the certificate of %s "
				       "is not valid yet"), base, host);
		f->hint = _("check the date and time of this computer");
		break;
	case 10:        /* X509_V_ERR_CERT_HAS_EXPIRED */
		f->error = xasprintf(_("cannot trust %s: the certificate of %s "
				       "has expired"), base, host);
		f->hint = _("tell the platform's administrators, or check the "
			    "date and time of this computer");
		break;
	case 18:        /* X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT */
		f->error = xasprintf(_("cannot trust %s: the certificate of %s "
				       "is self-signed and not trusted"),
				     base, host);
		f->hint = _("if it is the platform's own, name it with "
			    "'set ca_file'");
		break;
	case 2:         /* X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT */
	case 19:        /* X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN */
	case 20:        /* X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY */
	case 21:        /* X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE */
		f->error = xasprintf(_("cannot trust %s: the certificate of %s "
				       "is signed by an unknown authority"),
				     base, host);
		f->hint = x->http->ca_file ?
			  _("'ca_file' does not name the CA that signed it") :
			  _("name its CA with 'set ca_file'");
		break;
	case 23:        /* X509_V_ERR_CERT_REVOKED */
		f->error = xasprintf(_("cannot trust %s: the certificate of %s "
				       "has been revoked"), base, host);
		f->hint = _("tell the platform's administrators");
		break;
	case 62:        /* X509_V_ERR_HOSTNAME_MISMATCH */
		names = cert_names(x);
		f->error = names ?
			   xasprintf(_("cannot trust %s: the certificate is for "
				       "another host name (%s, not %s)"), base,
				     names, host) :
			   xasprintf(_("cannot trust %s: the certificate is for "
				       "another host name (not %s)"), base, host);
		f->hint = _("check 'set server' or AKT_SERVER");
		free(names);
		break;
	default:
		f->error = xasprintf(_("cannot trust %s: %s"), base, detail);
		f->hint = _("check the server name, or name its CA with "
			    "'set ca_file'");
		break;
	}
	free(host);
}

/* What went wrong, in the words a case officer can act on. */
static struct failure classify(struct akt_http_xfer *x, CURLcode rc)
{
	struct akt_http *h = x->http;
	struct failure f = { AKT_HTTP_OTHER, NULL, NULL };
	char *base = clean(h->base);
	char *detail = clean(x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
	long os_errno = 0;
	curl_off_t connect_us = 0, total_us = 0;

	curl_easy_getinfo(x->easy, CURLINFO_OS_ERRNO, &os_errno);
	curl_easy_getinfo(x->easy, CURLINFO_CONNECT_TIME_T, &connect_us);
	curl_easy_getinfo(x->easy, CURLINFO_TOTAL_TIME_T, &total_us);

	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
		f.kind = AKT_HTTP_RESOLVE;
		f.error = xasprintf("cannot reach %s: host name not found", base);
		f.hint = hint_server;
		break;
	case CURLE_COULDNT_CONNECT:
		f.kind = AKT_HTTP_CONNECT;
		if (os_errno) {
			char *why = xstrdup(strerror((int)os_errno));

			why[0] = (char)(why[0] >= 'A' && why[0] <= 'Z' ?
					why[0] - 'A' + 'a' : why[0]);
			f.error = xasprintf("cannot reach %s: %s", base, why);
			free(why);
		} else {
			f.error = xasprintf("cannot reach %s: %s", base, detail);
		}
		f.hint = hint_server;
		break;
	case CURLE_OPERATION_TIMEDOUT:
		f.kind = AKT_HTTP_TIMEOUT;
		if (connect_us == 0) {
			f.error = xasprintf("cannot reach %s: no connection "
					    "within %ld s", base,
					    h->connect_timeout_ms / 1000);
			f.hint = "check the network, or raise 'set connect_timeout'";
		} else if (total_us / 1000 + 200 >= x->timeout_ms) {
			f.error = xasprintf("%s did not answer within %ld s",
					    base, x->timeout_ms / 1000);
			f.hint = "try again later, or raise 'set request_timeout'";
		} else {
			f.error = xasprintf("%s stopped sending for %ld s",
					    base, h->low_speed_time);
			f.hint = "try again; on a slow link raise "
				 "'set low_speed_time'";
		}
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
		f.kind = AKT_HTTP_TLS;
		untrusted(x, base, detail, &f);
		break;
	case CURLE_SSL_CACERT_BADFILE:
		f.kind = AKT_HTTP_TLS;
		f.error = xasprintf("cannot use the CA certificates: %s", detail);
		f.hint = "check 'set ca_file'";
		break;
	case CURLE_SSL_CONNECT_ERROR:
		f.kind = AKT_HTTP_TLS;
		f.error = xasprintf("TLS with %s failed: %s", base, detail);
		break;
	case CURLE_WRITE_ERROR:
	case CURLE_FILESIZE_EXCEEDED:
		if (rc == CURLE_FILESIZE_EXCEEDED || x->too_big) {
			f.kind = AKT_HTTP_TOO_BIG;
			f.error = xasprintf("the answer from %s is larger than "
					    "%zu KiB (max_body)", base,
					    h->max_body / 1024);
			f.hint = "raise 'set max_body'";
		} else {
			f.error = xasprintf("request to %s failed: %s", base,
					    detail);
		}
		break;
	case CURLE_PARTIAL_FILE:
		/* the answer began and stopped short of its length */
		f.kind = AKT_HTTP_LOST;
		f.error = xasprintf("the answer from %s was cut off: %s", base,
				    detail);
		f.hint = "try again";
		break;
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		f.kind = AKT_HTTP_LOST;
		f.error = xasprintf("the connection to %s broke: %s", base,
				    detail);
		f.hint = "try again";
		break;
	default:
		f.error = xasprintf("request to %s failed: %s", base, detail);
		break;
	}
	/* A change that reached the platform may have been made before its
	 * answer was lost; "try again" would make it twice. */
	if ((x->if_match || x->idempotency_key) &&
	    (f.kind == AKT_HTTP_LOST ||
	     (f.kind == AKT_HTTP_TIMEOUT && connect_us != 0)))
		f.hint = "the change may have been made all the same; check "
			 "before you try again";
	free(base);
	free(detail);
	return f;
}

static void finish(struct akt_http_xfer *x, const struct akt_http_resp *r)
{
	akt_http_cb *cb = x->cb;
	void *arg = x->arg;

	/* unhooked first, so a callback that cancels x is harmless */
	x->cb = NULL;
	curl_multi_remove_handle(x->http->multi, x->easy);
	if (cb)
		cb(r, arg);
	xfer_free(x);
}

static void on_retry_timer(struct akt_timer *t, void *arg)
{
	start_attempt(arg);
}

/* Try again later if policy and budget allow; true when scheduled. */
static bool schedule_retry(struct akt_http_xfer *x, long retry_after)
{
	struct akt_http *h = x->http;
	long wait;

	if (!akt_retry_wait(&h->retry, x->attempts, akt_loop_now() - x->started,
			    retry_after, akt_retry_random(), &wait))
		return false;
	curl_multi_remove_handle(h->multi, x->easy);
	if (!x->retry_timer)
		x->retry_timer = akt_timer_new(h->loop, on_retry_timer, x);
	akt_timer_start(x->retry_timer, wait);
	if (h->on_retry)
		h->on_retry(wait, h->on_retry_arg);
	return true;
}

static void done(struct akt_http_xfer *x, CURLcode rc)
{
	struct akt_http *h = x->http;
	struct akt_http_resp r;
	struct akt_etag_entry cached;
	long status = 0;

	x->attempts++;
	memset(&r, 0, sizeof(r));
	r.retry_after = -1;
	r.attempts = x->attempts;
	if (rc != CURLE_OK) {
		struct failure f = classify(x, rc);
		/* Only a failed connect (CURLE_COULDNT_CONNECT) proves that
		 * nothing was sent, so any method may try again; a timeout or
		 * a broken exchange may come after the platform acted, so
		 * then only repeatable ones. (libcurl's own resend, which
		 * could have sent an unrepeatable one before a failed
		 * connect, is ruled out by FRESH_CONNECT in setup_easy.) */
		bool again = f.kind == AKT_HTTP_CONNECT ||
			     ((f.kind == AKT_HTTP_TIMEOUT || f.kind == AKT_HTTP_LOST) &&
			      x->may_repeat);

		if (again && schedule_retry(x, -1)) {
			free(f.error);
			return;
		}
		r.fail = f.kind;
		r.error = f.error;
		r.hint = f.hint;
		r.body = "";
		finish(x, &r);
		free(f.error);
		return;
	}

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	if (akt_retry_status((int)status) && x->may_repeat &&
	    schedule_retry(x, x->retry_after))
		return;

	r.status = (int)status;
	r.etag = x->etag;
	r.location = x->location;
	r.link = x->link;
	r.content_type = x->ctype;
	r.cache_control = x->cache_control;
	r.retry_after = x->retry_after;
	r.body = akt_buf_str(&x->body);
	r.body_len = x->body.len;

	if (status == 304 && x->sent_etag) {
		if (!akt_etag_cache_get(h->cache, x->path, &cached) ||
		    strcmp(cached.etag, x->sent_etag) != 0) {
			/* evicted while we asked: ask again, without */
			x->use_cache = false;
			curl_multi_remove_handle(h->multi, x->easy);
			start_attempt(x);
			return;
		}
		r.status = 200;
		r.from_cache = true;
		r.body = cached.body;
		r.body_len = cached.len;
		if (!r.etag)
			r.etag = cached.etag;
	} else if (status == 200 && x->use_cache && x->etag &&
		   !(x->cache_control && strstr(x->cache_control, "no-store"))) {
		akt_etag_cache_put(h->cache, x->path, x->etag, r.body, r.body_len);
	}
	finish(x, &r);
}

static void check_done(struct akt_http *h)
{
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(h->multi, &left))) {
		struct akt_http_xfer *x = NULL;

		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		done(x, m->data.result);
	}
}

/* ---- the client --------------------------------------------------- */

struct akt_http *akt_http_new(struct akt_loop *loop, const char *base,
			      const struct akt_config *cfg)
{
	static const struct akt_retry_policy retry = AKT_RETRY_POLICY_DEFAULT;
	struct akt_http *h = xcalloc(1, sizeof(*h));

	curl_global_init(CURL_GLOBAL_DEFAULT);
	h->loop = loop;
	h->base = xstrdup(base);
	h->multi = curl_multi_init();
	if (!h->multi)
		curl_failed("curl_multi_init");
	h->timer = akt_timer_new(loop, on_timeout, h);
	h->reap = akt_timer_new(loop, on_reap, h);
	h->cache = akt_etag_cache_new(CACHE_ENTRIES, CACHE_BYTES);
	h->retry = retry;
	h->connect_timeout_ms = cfg->connect_timeout * 1000;
	h->request_timeout_ms = cfg->request_timeout * 1000;
	h->low_speed_time = cfg->low_speed_time;
	h->max_body = (size_t)cfg->max_body;
	h->ca_file = cfg->ca_file && *cfg->ca_file ? xstrdup(cfg->ca_file) : NULL;
	h->tls_verify = cfg->tls_verify != AKT_TLS_NO_VERIFY;

	curl_multi_setopt(h->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
	curl_multi_setopt(h->multi, CURLMOPT_SOCKETDATA, h);
	curl_multi_setopt(h->multi, CURLMOPT_TIMERFUNCTION, on_curl_timer);
	curl_multi_setopt(h->multi, CURLMOPT_TIMERDATA, h);
	curl_multi_setopt(h->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
	curl_multi_setopt(h->multi, CURLMOPT_MAXCONNECTS, (long)MAX_CONNECTIONS);
	curl_multi_setopt(h->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
			  (long)MAX_CONNECTIONS);
	return h;
}

void akt_http_free(struct akt_http **hp)
{
	struct akt_http *h = *hp;

	if (!h)
		return;
	while (h->xfers)
		xfer_free(h->xfers);
	curl_multi_cleanup(h->multi);
	/* cleanup closes the cached connections through on_socket; free
	 * whatever watch it did not report */
	while (h->socks) {
		struct sock *s = h->socks;

		h->socks = s->next;
		akt_watch_free(&s->watch);
		free(s);
	}
	akt_timer_free(&h->timer);
	akt_timer_free(&h->reap);
	akt_etag_cache_free(&h->cache);
	free(h->base);
	free(h->ca_file);
	free(h);
	curl_global_cleanup();
	*hp = NULL;
}

const char *akt_http_base(const struct akt_http *h)
{
	return h->base;
}

void akt_http_set_retry_observer(struct akt_http *h, akt_http_retry_cb *cb,
				 void *arg)
{
	h->on_retry = cb;
	h->on_retry_arg = arg;
}

void akt_http_set_retry(struct akt_http *h,
			const struct akt_retry_policy *policy)
{
	h->retry = *policy;
}

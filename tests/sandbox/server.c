/*
 * server.c — the HTTP side: libmicrohttpd glue and the dispatcher that
 * applies the contract's general rules (authentication, idempotency,
 * ETags, transactions, faults, overload) around every handler.
 */
#include "server.h"
#include "routes.h"

#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

pthread_mutex_t sb_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t sb_feed_cond = PTHREAD_COND_INITIALIZER;
bool sb_stopping;

static atomic_int inflight;

/* Per-connection upload buffer, kept across the handler's calls. */
struct upload {
	char *buf;
	size_t len;
	bool too_big;
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* ---- request access ---------------------------------------------------- */

const char *sb_query(const struct sb_req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

static void url_encode(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			fputc(*p, f);
		else
			fprintf(f, "%%%02X", *p);
	}
}

struct url_build {
	FILE *f;
	const char *skip;
	bool first;
};

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind,
			       const char *key, const char *value)
{
	struct url_build *u = cls;
	if (strcmp(key, u->skip) == 0)
		return MHD_YES;
	fputc(u->first ? '?' : '&', u->f);
	u->first = false;
	url_encode(u->f, key);
	if (value) {
		fputc('=', u->f);
		url_encode(u->f, value);
	}
	return MHD_YES;
}

char *sb_url_with_param(const struct sb_req *rq, const char *name,
			const char *value)
{
	char *out = NULL;
	size_t len = 0;
	struct url_build u = {open_memstream(&out, &len), name, true};
	if (!u.f)
		abort();
	fputs(rq->path, u.f);
	MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, add_arg, &u);
	fputc(u.first ? '?' : '&', u.f);
	url_encode(u.f, name);
	fputc('=', u.f);
	url_encode(u.f, value);
	fclose(u.f);
	return out;
}

/* ---- overload ----------------------------------------------------------- */

/* Requests per second per officer, a fixed one-second window. */
struct rate_slot {
	int64_t officer;
	time_t second;
	int count;
};
static struct rate_slot rate_slots[64];

static bool rate_exceeded(int64_t officer)
{
	if (sb_cfg.rate_limit <= 0)
		return false;
	time_t now = time(NULL);
	struct rate_slot *s = &rate_slots[officer % 64];
	if (s->officer != officer || s->second != now) {
		s->officer = officer;
		s->second = now;
		s->count = 0;
	}
	return ++s->count > sb_cfg.rate_limit;
}

/* ---- idempotency -------------------------------------------------------- */

static void idem_scope(const struct sb_req *rq, char *buf, size_t len)
{
	if (rq->me)
		snprintf(buf, len, "officer:%lld", (long long)rq->me->id);
	else
		snprintf(buf, len, "client:%s", rq->client);
}

static void body_hash(const struct sb_req *rq, char buf[20])
{
	snprintf(buf, 20, "%016llx",
		 (unsigned long long)sb_fnv1a(rq->body, rq->body_len));
}

/* true when the request was answered from the store (replay or 422) */
static bool idem_lookup(struct sb_req *rq, struct sb_resp *rs)
{
	char scope[96], hash[20];
	idem_scope(rq, scope, sizeof scope);
	body_hash(rq, hash);
	sqlite3_stmt *st = sb_sql("SELECT method, path, body_hash, status, body, "
				  "ctype, etag, location FROM idempotency "
				  "WHERE scope = ? AND key = ?");
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, rq->idem_key, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return false;
	}
	if (strcmp(sb_col_text(st, 0), rq->method) != 0 ||
	    strcmp(sb_col_text(st, 1), rq->path) != 0 ||
	    strcmp(sb_col_text(st, 2), hash) != 0) {
		sqlite3_reset(st);
		sb_problem(rs, 422, "idempotency-key-reused",
			   "this Idempotency-Key was used for a different request; "
			   "use a new key for a new request");
		return true;
	}
	rs->status = sqlite3_column_int(st, 3);
	sb_bytes(rs, rs->status, "", sqlite3_column_blob(st, 4),
		 (size_t)sqlite3_column_bytes(st, 4));
	/* ctype must be a static string: map the stored one back */
	rs->ctype = strstr(sb_col_text(st, 5), "problem")
		? "application/problem+json" : "application/json; charset=utf-8";
	snprintf(rs->etag, sizeof rs->etag, "%s", sb_col_text(st, 6));
	snprintf(rs->location, sizeof rs->location, "%s", sb_col_text(st, 7));
	sqlite3_reset(st);
	return true;
}

static void idem_store(const struct sb_req *rq, const struct sb_resp *rs)
{
	char scope[96], hash[20];
	/* failures worth retrying are not final; no-store answers (a revealed
	 * personal identity number) must not be kept anywhere */
	if (rs->status >= 500 || rs->status == 401 || rs->status == 429 ||
	    rs->no_store)
		return;
	idem_scope(rq, scope, sizeof scope);
	body_hash(rq, hash);
	sqlite3_stmt *st = sb_sql("INSERT OR REPLACE INTO idempotency(scope, key, "
				  "method, path, body_hash, status, body, ctype, "
				  "etag, location, created_at) "
				  "VALUES(?,?,?,?,?,?,?,?,?,?,?)");
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, rq->idem_key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, rq->method, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, rq->path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 6, rs->status);
	sqlite3_bind_blob(st, 7, rs->body ? rs->body : "", (int)rs->len,
			  SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, rs->ctype ? rs->ctype : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, rs->etag, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 10, rs->location, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 11, sb_now());
	sqlite3_step(st);
	sqlite3_reset(st);
}

static bool idem_key_valid(const char *k)
{
	size_t n = strlen(k);
	if (n == 0 || n > 255)
		return false;
	for (const char *p = k; *p; p++)
		if (*p < 0x21 || *p > 0x7e)
			return false;
	return true;
}

/* ---- ETags -------------------------------------------------------------- */

static bool etag_in_list(const char *list, const char *etag)
{
	/* If-None-Match uses weak comparison: W/ prefixes are ignored. */
	const char *tag = strncmp(etag, "W/", 2) == 0 ? etag + 2 : etag;
	size_t tl = strlen(tag);
	const char *p = list;
	while (*p) {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (*p == '*')
			return true;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		const char *end = p;
		while (*end && *end != ',')
			end++;
		const char *e = end;
		while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if ((size_t)(e - p) == tl && strncmp(p, tag, tl) == 0)
			return true;
		p = end;
	}
	return false;
}

/* ---- faulty answers ------------------------------------------------------- */

struct slow_body {
	char *data;
	size_t len;
	int stall_ms;
	bool truncate;
};

static ssize_t slow_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct slow_body *b = cls;
	size_t half = b->len / 2;
	if (pos >= half && b->truncate)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	if (pos == half && b->stall_ms) {
		sleep_ms(b->stall_ms);
		b->stall_ms = 0;
	}
	size_t end = pos < half ? half : b->len;
	size_t n = end - (size_t)pos;
	if (n > max)
		n = max;
	if (n == 0)
		return MHD_CONTENT_READER_END_OF_STREAM;
	memcpy(buf, b->data + pos, n);
	return (ssize_t)n;
}

static void slow_free(void *cls)
{
	struct slow_body *b = cls;
	free(b->data);
	free(b);
}

/* The problem type an injected status answers with. */
static const char *problem_name(int status)
{
	static const struct { int status; const char *name; } names[] = {
		{401, "unauthorized"}, {403, "forbidden"}, {404, "not-found"},
		{405, "method-not-allowed"}, {409, "conflict"},
		{410, "case-purged"}, {412, "precondition-failed"},
		{413, "payload-too-large"}, {422, "idempotency-key-reused"},
		{428, "precondition-required"}, {429, "rate-limited"},
		{503, "unavailable"},
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (names[i].status == status)
			return names[i].name;
	return status >= 500 ? "internal" : "bad-request";
}

/*
 * A real TCP reset (RST), not the orderly close of "drop": the socket is
 * closed at once with a zero linger time. MHD still owns the descriptor
 * number, so an unconnected socket takes its place for MHD to close.
 */
static void reset_connection(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	struct linger now = {.l_onoff = 1, .l_linger = 0};
	int spare;

	if (!ci)
		return;
	setsockopt(ci->connect_fd, SOL_SOCKET, SO_LINGER, &now, sizeof now);
	spare = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (spare >= 0) {
		dup2(spare, ci->connect_fd);
		close(spare);
	}
}

/* Replace the answer as a fault says; false = drop the connection. */
static bool apply_fault(const struct sb_fault *f, struct sb_req *rq,
			struct sb_resp *rs)
{
	if (f->reset)
		reset_connection(rq->conn);
	if (f->drop || f->reset)
		return false;
	if (f->status) {
		const char *name = problem_name(f->status);
		json_t *ext = NULL;
		if (f->retry_after) {
			ext = json_object();
			json_object_set_new(ext, "retry_after",
					    json_integer(f->retry_after));
		}
		sb_problem_ext(rs, f->status, name, ext,
			       "injected fault on %s %s", rq->method, rq->path);
		rs->retry_after = f->retry_after;
		free(rs->link);
		rs->link = NULL;
		rs->location[0] = '\0';
	} else if (f->malformed) {
		static const char broken[] = "{\"items\": [{\"id\": 1, \"number\": ";
		sb_bytes(rs, 200, "application/json; charset=utf-8", broken,
			 sizeof broken - 1);
	} else if (f->wrong_shape) {
		static const char odd[] = "{\"unexpected\":[1,2,3]}";
		sb_bytes(rs, 200, "application/json; charset=utf-8", odd,
			 sizeof odd - 1);
	}
	return true;
}

/* ---- compression ---------------------------------------------------------- */

/* "gzip" listed in Accept-Encoding without q=0 */
static bool accepts_gzip(struct MHD_Connection *conn)
{
	const char *ae = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						     "Accept-Encoding");
	const char *g = ae ? strstr(ae, "gzip") : NULL;
	if (!g)
		return false;
	const char *end = g + strcspn(g, ",");
	const char *q = strstr(g, "q=");
	if (!q || q > end)
		return true;
	q += 2;
	while (*q == '0' || *q == '.')
		q++;
	return q < end && *q >= '1' && *q <= '9';
}

/* gzip the body in place when it pays; false leaves it as it was. */
static bool gzip_body(struct sb_resp *rs)
{
	z_stream z = {0};
	if (rs->len < 1024 ||
	    deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	uLong cap = deflateBound(&z, (uLong)rs->len);
	unsigned char *out = malloc(cap);
	if (!out)
		abort();
	z.next_in = (unsigned char *)rs->body;
	z.avail_in = (uInt)rs->len;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	size_t n = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END || n >= rs->len) {
		free(out);
		return false;
	}
	free(rs->body);
	rs->body = (char *)out;
	rs->len = n;
	return true;
}

/* ---- the dispatcher ----------------------------------------------------- */

static void resp_free(struct sb_resp *rs)
{
	free(rs->body);
	free(rs->link);
}

/* Run the handler with the contract's rules around it; lock held. */
static void dispatch_locked(const struct sb_route *route, struct sb_req *rq,
			    struct sb_resp *rs, struct sb_officer *me)
{
	if (route->flags & SB_R_AUTH) {
		const char *auth = MHD_lookup_connection_value(rq->conn,
							       MHD_HEADER_KIND,
							       "Authorization");
		if (!auth || !sb_auth(auth, me)) {
			rq->bad_token = auth != NULL;
			sb_problem(rs, 401, "unauthorized",
				   auth ? "the access token is not valid or has expired; "
				   "refresh it or sign in again"
				   : "an access token is required; sign in first");
			rs->www_auth = true;
			return;
		}
		rq->me = me;
		if (rate_exceeded(me->id)) {
			json_t *ext = json_pack("{s:i}", "retry_after", 1);
			sb_problem_ext(rs, 429, "rate-limited", ext,
				       "more than %d requests a second; slow down",
				       sb_cfg.rate_limit);
			rs->retry_after = 1;
			return;
		}
	}

	bool write = strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0;
	bool idem = rq->idem_key && strcmp(rq->method, "POST") == 0 &&
		!(route->flags & SB_R_OAUTH);
	if (rq->idem_key && !idem_key_valid(rq->idem_key)) {
		sb_bad(rs, "Idempotency-Key", "the Idempotency-Key must be 1 to 255 "
		       "printable ASCII characters");
		return;
	}
	if (!write) {
		route->handler(rq, rs);
		return;
	}
	/* The handler's writes are undone when it refuses; the idempotency
	 * record of that refusal is still kept, so a replay answers the same. */
	sb_exec("BEGIN IMMEDIATE");
	if (idem && idem_lookup(rq, rs)) {
		rs->replayed = rs->status != 422;
	} else {
		sb_exec("SAVEPOINT handler");
		route->handler(rq, rs);
		if (rs->status >= 400 && !rs->keep_writes)
			sb_exec("ROLLBACK TO handler");
		sb_exec("RELEASE handler");
		if (idem)
			idem_store(rq, rs);
	}
	sb_exec("COMMIT");
}

static void log_request(const struct sb_req *rq, int status, double ms)
{
	if (sb_cfg.quiet)
		return;
	/* the path only: queries carry no secrets here, but keep lines short */
	fprintf(stderr, "%s %s %d %.1fms\n", rq->method, rq->path, status, ms);
}

static enum MHD_Result send_answer(struct MHD_Connection *conn,
				   struct sb_req *rq, struct sb_resp *rs,
				   const struct sb_fault *fault)
{
	struct MHD_Response *r;
	bool gzipped = !fault && rs->status != 304 && rs->body &&
		accepts_gzip(conn) && gzip_body(rs);
	if (rs->status == 304 || !rs->body) {
		r = MHD_create_response_from_buffer(0, (void *)"",
						    MHD_RESPMEM_PERSISTENT);
	} else if (fault && (fault->truncate || fault->stall_ms)) {
		struct slow_body *b = malloc(sizeof *b);
		if (!b)
			abort();
		b->data = rs->body;
		b->len = rs->len;
		b->stall_ms = fault->stall_ms;
		b->truncate = fault->truncate;
		rs->body = NULL;
		r = MHD_create_response_from_callback(b->len, 4096, slow_reader, b,
						      slow_free);
	} else {
		r = MHD_create_response_from_buffer(rs->len, rs->body,
						    MHD_RESPMEM_MUST_FREE);
		rs->body = NULL;
	}
	if (!r)
		return MHD_NO;
	if (rs->status != 304 && rs->ctype && *rs->ctype)
		MHD_add_response_header(r, "Content-Type", rs->ctype);
	if (gzipped)
		MHD_add_response_header(r, "Content-Encoding", "gzip");
	MHD_add_response_header(r, "Vary", "Accept-Encoding");
	if (rs->etag[0])
		MHD_add_response_header(r, "ETag", rs->etag);
	if (rs->location[0])
		MHD_add_response_header(r, "Location", rs->location);
	if (rs->link)
		MHD_add_response_header(r, "Link", rs->link);
	if (rs->disposition[0])
		MHD_add_response_header(r, "Content-Disposition", rs->disposition);
	if (rs->retry_after) {
		char v[16];
		snprintf(v, sizeof v, "%d", rs->retry_after);
		MHD_add_response_header(r, "Retry-After", v);
	}
	if (rs->no_store)
		MHD_add_response_header(r, "Cache-Control", "no-store");
	if (rs->www_auth)
		MHD_add_response_header(r, "WWW-Authenticate", rq->bad_token
					? "Bearer realm=\"akt\", error=\"invalid_token\""
					: "Bearer realm=\"akt\"");
	if (rs->allow[0])
		MHD_add_response_header(r, "Allow", rs->allow);
	if (rs->replayed)
		MHD_add_response_header(r, "Idempotent-Replayed", "true");
	enum MHD_Result ok = MHD_queue_response(conn, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ok;
}

static int split_path(char *path, const char **seg)
{
	int n = 0;
	char *p = path;
	while (*p == '/' && n < SB_MAX_SEG) {
		*p++ = '\0';
		seg[n++] = p;
		p += strcspn(p, "/");
	}
	if (*p == '/')
		return -1;  /* too many segments */
	/* a trailing slash leaves an empty last segment: ignore it */
	if (n > 1 && !*seg[n - 1])
		n--;
	return n;
}

static enum MHD_Result handle(struct MHD_Connection *conn, const char *url,
			      const char *method, struct upload *up)
{
	double t0 = now_ms();
	struct sb_resp rs = {.status = 500};
	struct sb_officer me;
	char path_copy[2048];
	struct sb_req rq = {.method = method, .path = url, .conn = conn,
			    .body = up->buf ? up->buf : "", .body_len = up->len};
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char client[INET6_ADDRSTRLEN] = "?";
	if (ci && ci->client_addr)
		getnameinfo(ci->client_addr,
			    ci->client_addr->sa_family == AF_INET6
			    ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in),
			    client, sizeof client, NULL, 0, NI_NUMERICHOST);
	rq.client = client;
	sb_set_instance(url);

	struct sb_fault fault;
	bool faulty = false;
	const struct sb_route *route = NULL;

	if (strlen(url) >= sizeof path_copy) {
		sb_problem(&rs, 404, "not-found", "no such resource");
		goto answer;
	}
	strcpy(path_copy, url);
	rq.nseg = split_path(path_copy, rq.seg);
	if (rq.nseg > 0)
		route = sb_route_find(method, rq.seg, rq.nseg, rs.allow,
				      sizeof rs.allow);
	if (route)
		rs.allow[0] = '\0';  /* Allow belongs on 405 answers only */
	if (!route) {
		if (rs.allow[0])
			sb_problem(&rs, 405, "method-not-allowed",
				   "%s is not allowed on %s", method, url);
		else
			sb_problem(&rs, 404, "not-found", "no such resource: %s", url);
		goto answer;
	}
	if (up->too_big) {
		json_t *ext = json_pack("{s:i}", "max_bytes", SB_MAX_BODY);
		sb_problem_ext(&rs, 413, "payload-too-large", ext,
			       "request bodies are limited to %d bytes", SB_MAX_BODY);
		goto answer;
	}
	rq.if_match = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-Match");
	rq.if_none_match = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						       "If-None-Match");
	rq.idem_key = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						  "Idempotency-Key");

	if (!(route->flags & SB_R_SANDBOX))
		faulty = sb_fault_match(method, url, &fault);
	if (faulty && !fault.after) {
		if (fault.latency_ms)
			sleep_ms(fault.latency_ms);
		if (fault.drop || fault.reset || fault.status || fault.malformed ||
		    fault.wrong_shape) {
			if (!apply_fault(&fault, &rq, &rs)) {
				log_request(&rq, 0, now_ms() - t0);
				resp_free(&rs);
				return MHD_NO;
			}
			goto answer;
		}
	}

	if (atomic_fetch_add(&inflight, 1) >= sb_cfg.max_inflight) {
		atomic_fetch_sub(&inflight, 1);
		json_t *ext = json_pack("{s:i}", "retry_after", 1);
		sb_problem_ext(&rs, 503, "unavailable", ext,
			       "the platform is busy; try again shortly");
		rs.retry_after = 1;
		goto answer;
	}
	pthread_mutex_lock(&sb_lock);
	dispatch_locked(route, &rq, &rs, &me);
	pthread_mutex_unlock(&sb_lock);
	atomic_fetch_sub(&inflight, 1);
	json_decref(rq.json);

	bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	/* A PUT answers with the resource as a GET would show it: same tag. */
	if ((get || strcmp(method, "PUT") == 0) && rs.status == 200 &&
	    !rs.etag[0] && rs.body && !(route->flags & SB_R_OAUTH))
		snprintf(rs.etag, sizeof rs.etag, "\"h%016llx\"",
			 (unsigned long long)sb_fnv1a(rs.body, rs.len));
	if (get && rs.status == 200) {
		if (rq.if_none_match && etag_in_list(rq.if_none_match, rs.etag)) {
			rs.status = 304;
			free(rs.link);
			rs.link = NULL;
		}
	}
	if (faulty && fault.after) {
		if (fault.latency_ms)
			sleep_ms(fault.latency_ms);
		if (!apply_fault(&fault, &rq, &rs)) {
			log_request(&rq, 0, now_ms() - t0);
			resp_free(&rs);
			return MHD_NO;
		}
	}
answer:;
	enum MHD_Result ok = send_answer(conn, &rq, &rs, faulty ? &fault : NULL);
	log_request(&rq, rs.status, now_ms() - t0);
	resp_free(&rs);
	return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *data,
				  size_t *data_size, void **con_cls)
{
	struct upload *up = *con_cls;
	if (!up) {
		up = calloc(1, sizeof *up);
		if (!up)
			return MHD_NO;
		*con_cls = up;
		return MHD_YES;
	}
	if (*data_size) {
		if (!up->too_big && up->len + *data_size <= SB_MAX_BODY) {
			char *grown = realloc(up->buf, up->len + *data_size + 1);
			if (!grown)
				return MHD_NO;
			up->buf = grown;
			memcpy(up->buf + up->len, data, *data_size);
			up->len += *data_size;
			up->buf[up->len] = '\0';
		} else {
			up->too_big = true;
			free(up->buf);
			up->buf = NULL;
			up->len = 0;
		}
		*data_size = 0;
		return MHD_YES;
	}
	return handle(conn, url, method, up);
}

static void on_completed(void *cls, struct MHD_Connection *conn,
			 void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct upload *up = *con_cls;
	if (up) {
		free(up->buf);
		free(up);
		*con_cls = NULL;
	}
}

static struct MHD_Daemon *daemon_;

int sb_server_start(const struct sockaddr *addr, const char *cert_pem,
		    const char *key_pem, uint16_t *port)
{
	unsigned flags = MHD_USE_THREAD_PER_CONNECTION |
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL;
	if (!sb_cfg.quiet)
		flags |= MHD_USE_ERROR_LOG;
	if (addr->sa_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (cert_pem)
		flags |= MHD_USE_TLS;
	struct MHD_OptionItem opts[] = {
		{MHD_OPTION_SOCK_ADDR, 0, (void *)addr},
		{MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, NULL},
		{MHD_OPTION_CONNECTION_LIMIT, 2000, NULL},
		{MHD_OPTION_CONNECTION_TIMEOUT, 120, NULL},
		{MHD_OPTION_LISTEN_BACKLOG_SIZE, 512, NULL},
		/* without TLS the list ends here */
		{cert_pem ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0,
		 (void *)cert_pem},
		{MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)key_pem},
		{MHD_OPTION_END, 0, NULL},
	};
	daemon_ = MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL,
				   MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
	if (!daemon_)
		return -1;
	const union MHD_DaemonInfo *di =
		MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
	*port = di ? di->port : 0;
	return 0;
}

void sb_server_stop(void)
{
	/* wake long polls so their threads end before the daemon waits */
	pthread_mutex_lock(&sb_lock);
	sb_stopping = true;
	pthread_cond_broadcast(&sb_feed_cond);
	pthread_mutex_unlock(&sb_lock);
	if (daemon_)
		MHD_stop_daemon(daemon_);
	daemon_ = NULL;
}

/* util.c — answers, request fields, the sandbox clock and small helpers. */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- answers ---------------------------------------------------------- */

/* The path being answered, for the problem's "instance" member. */
static __thread const char *current_path;

void sb_set_instance(const char *path)
{
	current_path = path;
}

static void set_body(struct sb_resp *rs, char *body, size_t len,
		     const char *ctype)
{
	free(rs->body);
	rs->body = body;
	rs->len = len;
	rs->ctype = ctype;
}

void sb_json(struct sb_resp *rs, int status, json_t *body)
{
	char *s = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	if (!s) {  /* only on allocation failure */
		s = strdup("{}");
		status = 500;
	}
	rs->status = status;
	set_body(rs, s, strlen(s), "application/json; charset=utf-8");
}

void sb_bytes(struct sb_resp *rs, int status, const char *ctype,
	      const void *data, size_t len)
{
	char *copy = malloc(len + 1);
	if (!copy)
		abort();
	memcpy(copy, data, len);
	copy[len] = '\0';
	rs->status = status;
	set_body(rs, copy, len, ctype);
}

static const struct {
	const char *name;
	const char *title;
} problem_titles[] = {
	{"bad-request", "The request is not valid"},
	{"unauthorized", "Authentication required"},
	{"forbidden", "Not allowed"},
	{"not-found", "Not found"},
	{"method-not-allowed", "Method not allowed"},
	{"invalid-transition", "Status change not allowed"},
	{"conflict", "Conflict with the current state"},
	{"case-purged", "The case has been purged"},
	{"precondition-failed", "The resource has changed"},
	{"payload-too-large", "Request body too large"},
	{"idempotency-key-reused", "Idempotency key reused with another request"},
	{"precondition-required", "If-Match required"},
	{"rate-limited", "Too many requests"},
	{"internal", "Internal error"},
	{"unavailable", "Service unavailable"},
};

static const char *problem_title(const char *name)
{
	for (size_t i = 0; i < sizeof problem_titles / sizeof *problem_titles; i++)
		if (strcmp(problem_titles[i].name, name) == 0)
			return problem_titles[i].title;
	return "Error";
}

static void problem_v(struct sb_resp *rs, int status, const char *name,
		      json_t *ext, const char *fmt, va_list ap)
{
	char detail[1024];
	char type[96];
	vsnprintf(detail, sizeof detail, fmt, ap);
	snprintf(type, sizeof type, "urn:akt:problem:%s", name);
	json_t *p = json_object();
	json_object_set_new(p, "type", json_string(type));
	json_object_set_new(p, "title", json_string(problem_title(name)));
	json_object_set_new(p, "status", json_integer(status));
	/* detail may hold data from the database: keep it valid UTF-8 */
	json_t *d = json_string(detail);
	json_object_set_new(p, "detail", d ? d : json_string("(detail not UTF-8)"));
	if (current_path) {
		json_t *inst = json_string(current_path);
		if (inst)
			json_object_set_new(p, "instance", inst);
	}
	if (ext) {
		json_object_update(p, ext);
		json_decref(ext);
	}
	sb_json(rs, status, p);
	rs->ctype = "application/problem+json";
	rs->etag[0] = '\0';
}

void sb_problem(struct sb_resp *rs, int status, const char *name,
		const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	problem_v(rs, status, name, NULL, fmt, ap);
	va_end(ap);
}

void sb_problem_ext(struct sb_resp *rs, int status, const char *name,
		    json_t *ext, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	problem_v(rs, status, name, ext, fmt, ap);
	va_end(ap);
}

void sb_bad(struct sb_resp *rs, const char *field, const char *fmt, ...)
{
	va_list ap;
	json_t *ext = NULL;
	if (field) {
		ext = json_object();
		json_object_set_new(ext, "field", json_string(field));
	}
	va_start(ap, fmt);
	problem_v(rs, 400, "bad-request", ext, fmt, ap);
	va_end(ap);
}

/* ---- request fields --------------------------------------------------- */

json_t *sb_body(struct sb_req *rq, struct sb_resp *rs)
{
	json_error_t err;
	if (rq->json)
		return rq->json;
	if (rq->body_len == 0) {
		sb_bad(rs, NULL, "a JSON object is required as the request body");
		return NULL;
	}
	rq->json = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &err);
	if (!rq->json) {
		sb_bad(rs, NULL, "malformed JSON at line %d column %d: %s",
		       err.line, err.column, err.text);
		return NULL;
	}
	if (!json_is_object(rq->json)) {
		json_decref(rq->json);
		rq->json = NULL;
		sb_bad(rs, NULL, "the request body must be a JSON object");
		return NULL;
	}
	return rq->json;
}

json_t *sb_body_or_empty(struct sb_req *rq, struct sb_resp *rs)
{
	const char *b = rq->body ? rq->body : "";
	/* a NUL byte is not white space: such a body goes to the parser */
	if (b[strspn(b, " \t\r\n")] != '\0' || rq->body_len > strlen(b))
		return sb_body(rq, rs);
	if (!rq->json)
		rq->json = json_object();
	return rq->json;
}

static json_t *field_get(struct sb_resp *rs, json_t *obj, const char *name,
			 bool required, int *rc)
{
	json_t *v = json_object_get(obj, name);
	if (!v || json_is_null(v)) {
		if (required) {
			sb_bad(rs, name, "'%s' is required", name);
			*rc = -1;
		} else {
			*rc = 1;
		}
		return NULL;
	}
	*rc = 0;
	return v;
}

int sb_field_str(struct sb_resp *rs, json_t *obj, const char *name,
		 bool required, const char **out)
{
	int rc;
	json_t *v = field_get(rs, obj, name, required, &rc);
	if (!v)
		return rc;
	if (!json_is_string(v)) {
		sb_bad(rs, name, "'%s' must be a string", name);
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}

int sb_field_text(struct sb_resp *rs, json_t *obj, const char *name,
		  bool required, const char **out)
{
	int rc = sb_field_str(rs, obj, name, required, out);
	if (rc == 0 && sb_blank(*out)) {
		sb_bad(rs, name, "%s must not be empty", name);
		return -1;
	}
	return rc;
}

int sb_field_int(struct sb_resp *rs, json_t *obj, const char *name,
		 bool required, int64_t *out)
{
	int rc;
	json_t *v = field_get(rs, obj, name, required, &rc);
	if (!v)
		return rc;
	if (!json_is_integer(v)) {
		sb_bad(rs, name, "'%s' must be an integer", name);
		return -1;
	}
	*out = json_integer_value(v);
	return 0;
}

int sb_field_bool(struct sb_resp *rs, json_t *obj, const char *name,
		  bool required, bool *out)
{
	int rc;
	json_t *v = field_get(rs, obj, name, required, &rc);
	if (!v)
		return rc;
	if (!json_is_boolean(v)) {
		sb_bad(rs, name, "'%s' must be true or false", name);
		return -1;
	}
	*out = json_is_true(v);
	return 0;
}

bool sb_parse_id(const char *s, int64_t *out)
{
	int64_t v = 0;
	if (!s || !*s || strlen(s) > 18)
		return false;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return true;
}

/* ---- the clock -------------------------------------------------------- */

int64_t sb_clock_offset(void)
{
	sqlite3_stmt *st = sb_sql("SELECT value FROM meta WHERE key = 'clock_offset'");
	int64_t off = 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		off = strtoll(sb_col_text(st, 0), NULL, 10);
	sqlite3_reset(st);
	return off;
}

int64_t sb_now(void)
{
	return (int64_t)time(NULL) + sb_clock_offset();
}

void sb_clock_advance(int64_t seconds)
{
	char v[32];
	snprintf(v, sizeof v, "%lld", (long long)(sb_clock_offset() + seconds));
	sqlite3_stmt *st = sb_sql("INSERT INTO meta(key, value) VALUES('clock_offset', ?) "
				  "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	sqlite3_bind_text(st, 1, v, -1, SQLITE_TRANSIENT);
	sqlite3_step(st);
	sqlite3_reset(st);
}

void sb_fmt_ts(int64_t t, char buf[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void sb_fmt_date(int64_t t, char buf[16])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, 16, "%Y-%m-%d", &tm);
}

json_t *sb_ts(int64_t t)
{
	char buf[32];
	if (t == 0)
		return json_null();
	sb_fmt_ts(t, buf);
	return json_string(buf);
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool sb_parse_ts(const char *s, int64_t *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0;
	if (!s || strlen(s) < 10)
		return false;
	if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) ||
	    s[7] != '-' || !digits(s + 8, 2, &d))
		return false;
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return false;
	const char *p = s + 10;
	int64_t off = 0;
	if (*p) {
		if ((*p != 'T' && *p != 't' && *p != ' ') ||
		    !digits(p + 1, 2, &h) || p[3] != ':' || !digits(p + 4, 2, &mi) ||
		    p[6] != ':' || !digits(p + 7, 2, &sec))
			return false;
		if (h > 23 || mi > 59 || sec > 60)
			return false;
		p += 9;
		if (*p == '.') {  /* fractional seconds are accepted and dropped */
			p++;
			while (*p >= '0' && *p <= '9')
				p++;
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int oh, om;
			if (!digits(p + 1, 2, &oh) || p[3] != ':' || !digits(p + 4, 2, &om))
				return false;
			off = (oh * 3600 + om * 60) * (*p == '+' ? 1 : -1);
			p += 6;
		} else {
			return false;
		}
		if (*p)
			return false;
	}
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off;
	return true;
}

/* ---- small helpers ---------------------------------------------------- */

uint64_t sb_fnv1a(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/*
 * Lower-case for search. ASCII, and the two-byte UTF-8 Latin-1 capitals
 * (U+00C0..U+00DE except U+00D7), which covers Å Ä Ö É Ü; other bytes
 * pass through unchanged.
 */
char *sb_fold(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n + 1);
	if (!out)
		abort();
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z') {
			out[i] = (char)(c + 32);
		} else if (c == 0xC3 && i + 1 < n) {
			unsigned char c2 = (unsigned char)s[i + 1];
			out[i] = (char)c;
			out[i + 1] = (char)((c2 >= 0x80 && c2 <= 0x9E && c2 != 0x97)
					    ? c2 + 0x20 : c2);
			i++;
		} else {
			out[i] = (char)c;
		}
	}
	out[n] = '\0';
	return out;
}

static const char b64chars[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

char *sb_b64url(const void *data, size_t len)
{
	const unsigned char *p = data;
	char *out = malloc(len / 3 * 4 + 5);
	size_t o = 0;
	if (!out)
		abort();
	for (size_t i = 0; i < len; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		if (i + 1 < len)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		out[o++] = b64chars[(v >> 18) & 63];
		out[o++] = b64chars[(v >> 12) & 63];
		if (i + 1 < len)
			out[o++] = b64chars[(v >> 6) & 63];
		if (i + 2 < len)
			out[o++] = b64chars[v & 63];
	}
	out[o] = '\0';
	return out;
}

void *sb_unb64url(const char *s, size_t *len)
{
	size_t n = strlen(s);
	unsigned char *out = malloc(n * 3 / 4 + 3);
	uint32_t acc = 0;
	int bits = 0;
	size_t o = 0;
	if (!out)
		abort();
	if (n % 4 == 1)
		goto bad;
	for (size_t i = 0; i < n; i++) {
		const char *c = strchr(b64chars, s[i]);
		if (!c || !s[i])
			goto bad;
		acc = acc << 6 | (uint32_t)(c - b64chars);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(acc >> bits);
		}
	}
	out[o] = '\0';
	*len = o;
	return out;
bad:
	free(out);
	return NULL;
}

void sb_random_token(char *buf, size_t nhex)
{
	unsigned char raw[64];
	size_t nbytes = nhex / 2 > sizeof raw ? sizeof raw : nhex / 2;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	size_t got = 0;
	while (fd >= 0 && got < nbytes) {
		ssize_t r = read(fd, raw + got, nbytes - got);
		if (r <= 0 && errno != EINTR)
			break;
		if (r > 0)
			got += (size_t)r;
	}
	if (fd >= 0)
		close(fd);
	if (got < nbytes)
		abort();  /* no randomness: refuse to mint guessable tokens */
	for (size_t i = 0; i < nbytes; i++)
		snprintf(buf + 2 * i, 3, "%02x", raw[i]);
	buf[2 * nbytes] = '\0';
}

json_t *sb_jstr(const char *s)
{
	json_t *j = s ? json_string(s) : NULL;
	return j ? j : json_null();
}

bool sb_blank(const char *s)
{
	for (; s && *s; s++)
		if (!strchr(" \t\r\n\v\f", *s))
			return false;
	return true;
}

json_t *sb_names(const char *sv, const char *en)
{
	return json_pack("{s:s, s:s}", "sv", sv, "en", en);
}

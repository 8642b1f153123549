/*
 * auth.c — sign-in for the sandbox: bearer tokens (RFC 6750), the token
 * endpoint with the password, refresh and device grants (RFC 6749,
 * RFC 8628), revocation (RFC 7009) and the page where a person approves a
 * device code. Tokens and passwords never appear in any answer other than
 * the token response itself.
 */
#include "sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define TOKEN_HEX    64                  /* 32 random bytes */
#define FAMILY_HEX   32
#define REFRESH_TTL  (30 * 24 * 3600)
#define DEVICE_TTL   600
#define SLOW_DOWN_S  5                   /* RFC 8628 §3.5 */
/* A client that waits exactly the interval, timed from when it sent its
 * last poll, may arrive a little early by our clock: forgive that much. */
#define POLL_LEEWAY_MS 100
#define FORM_MAX     32
#define DEVICE_GRANT "urn:ietf:params:oauth:grant-type:device_code"
/* No vowels, so a user code never spells a word (RFC 8628 §6.1). */
static const char user_code_letters[] = "BCDFGHJKLMNPQRSTVWXZ";

/* ---- small helpers ---------------------------------------------------- */

/* Whether a space separated list (roles, scopes) holds word. */
static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		if ((size_t)(e - p) == n && memcmp(p, word, n) == 0)
			return true;
		p = e;
	}
	return false;
}

/* Compares without stopping at the first difference, so the time taken
 * does not tell how much of a guessed password was right. */
static bool secret_eq(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t n = la > lb ? la : lb;
	unsigned diff = (unsigned)(la != lb);
	for (size_t i = 0; i < n; i++) {
		unsigned char ca = i < la ? (unsigned char)a[i] : 0;
		unsigned char cb = i < lb ? (unsigned char)b[i] : 0;
		diff |= (unsigned)(ca ^ cb);
	}
	return diff == 0;
}

static bool utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		int more;
		unsigned min, cp;
		if (c < 0x80) {
			p++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			more = 1, min = 0x80, cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			more = 2, min = 0x800, cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			more = 3, min = 0x10000, cp = c & 0x07;
		} else {
			return false;
		}
		p++;
		for (int i = 0; i < more; i++, p++) {
			if ((*p & 0xc0) != 0x80)
				return false;  /* also catches the terminating NUL */
			cp = (cp << 6) | (*p & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
	}
	return true;
}

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Milliseconds on a clock that never jumps: device polls are paced in real
 * time even when the sandbox clock is moved. */
static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}


/* ---- application/x-www-form-urlencoded -------------------------------- */

struct form {
	char *buf;
	int n;
	const char *key[FORM_MAX];
	const char *val[FORM_MAX];
};

/* Decodes s[0..len) in place and terminates it; false on a bad escape, a
 * NUL byte or text that is not UTF-8. */
static bool form_decode(char *s, size_t len)
{
	char *out = s;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (i + 2 >= len)
				return false;
			int hi = hex_value((unsigned char)s[i + 1]);
			int lo = hex_value((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return false;
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		if (c == '\0')
			return false;
		*out++ = c;
	}
	*out = '\0';
	return utf8_valid(s);
}

static void form_free(struct form *f)
{
	free(f->buf);
	f->buf = NULL;
	f->n = 0;
}

/* Splits the body into parameters; NULL when well-formed, else why not
 * (never quoting the input, which may hold a password). */
static const char *form_parse(struct form *f, const char *body, size_t len)
{
	memset(f, 0, sizeof *f);
	f->buf = malloc(len + 1);
	if (!f->buf)
		abort();
	if (len)
		memcpy(f->buf, body, len);
	f->buf[len] = '\0';
	char *p = f->buf, *end = f->buf + len;
	while (p < end) {
		char *amp = memchr(p, '&', (size_t)(end - p));
		char *pe = amp ? amp : end;
		if (pe > p) {  /* empty pieces ("a=1&&b=2") are skipped */
			char *eq = memchr(p, '=', (size_t)(pe - p));
			if (!eq)
				return "a form parameter has no '='";
			if (eq == p)
				return "a form parameter has no name";
			if (f->n == FORM_MAX)
				return "too many form parameters";
			if (!form_decode(p, (size_t)(eq - p)) ||
			    !form_decode(eq + 1, (size_t)(pe - eq - 1)))
				return "a form parameter is not correctly "
				       "percent-encoded UTF-8";
			for (int i = 0; i < f->n; i++)
				if (strcmp(f->key[i], p) == 0)
					return "a form parameter is repeated";
			f->key[f->n] = p;
			f->val[f->n] = eq + 1;
			f->n++;
		}
		p = pe + 1;
	}
	return NULL;
}

/* A parameter's value; an empty one counts as absent (RFC 6749 §3.1). */
static const char *form_get(const struct form *f, const char *name)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->key[i], name) == 0)
			return f->val[i][0] ? f->val[i] : NULL;
	return NULL;
}

/* ---- OAuth answers ---------------------------------------------------- */

/* RFC 6749 §5.2 error; descriptions are fixed ASCII text. */
static void oauth_error(struct sb_resp *rs, const char *error,
			const char *description)
{
	sb_json(rs, 400, json_pack("{s:s, s:s}", "error", error,
				   "error_description", description));
	rs->no_store = true;
}

/* A parameter the request cannot do without; NULL after answering. */
static const char *form_require(struct sb_resp *rs, const struct form *f,
				const char *name)
{
	const char *v = form_get(f, name);
	if (!v) {
		char why[64];
		snprintf(why, sizeof why, "%s is required", name);
		oauth_error(rs, "invalid_request", why);
	}
	return v;
}

static bool read_form(struct sb_req *rq, struct sb_resp *rs, struct form *f)
{
	const char *why = form_parse(f, rq->body ? rq->body : "",
				     rq->body ? rq->body_len : 0);
	if (why) {
		form_free(f);
		oauth_error(rs, "invalid_request", why);
		return false;
	}
	return true;
}

/* ---- officers and bearer tokens --------------------------------------- */

bool sb_officer_load(int64_t id, struct sb_officer *me)
{
	sqlite3_stmt *st = sb_sql("SELECT username, name, roles, scopes "
				  "FROM officers WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return false;
	}
	memset(me, 0, sizeof *me);
	me->id = id;
	snprintf(me->username, sizeof me->username, "%s", sb_col_text(st, 0));
	snprintf(me->name, sizeof me->name, "%s", sb_col_text(st, 1));
	me->admin = has_word(sb_col_text(st, 2), "admin");
	me->reveal = has_word(sb_col_text(st, 3), "pin:reveal");
	sqlite3_reset(st);
	return true;
}

bool sb_auth(const char *authorization, struct sb_officer *me)
{
	if (!authorization)
		return false;
	const char *p = authorization;
	while (*p == ' ' || *p == '\t')
		p++;
	/* credentials = "Bearer" 1*SP b64token; the scheme is case-insensitive */
	if (strncasecmp(p, "Bearer", 6) != 0 || (p[6] != ' ' && p[6] != '\t'))
		return false;
	p += 6;
	while (*p == ' ' || *p == '\t')
		p++;
	size_t n = strcspn(p, " \t");
	if (n == 0 || n > 512 || p[n + strspn(p + n, " \t")] != '\0')
		return false;

	int64_t now = sb_now();
	sqlite3_stmt *st = sb_sql("SELECT officer_id FROM tokens WHERE token = ? "
				  "AND kind = 'access' AND revoked = 0 "
				  "AND expires_at > ?");
	sqlite3_bind_text(st, 1, p, (int)n, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now);
	int64_t officer = 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		officer = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return officer != 0 && sb_officer_load(officer, me);
}

/* The officer with this user name and password, or 0. */
static int64_t check_password(const char *username, const char *password)
{
	sqlite3_stmt *st = sb_sql("SELECT id, password FROM officers "
				  "WHERE username = ?");
	sqlite3_bind_text(st, 1, username, -1, SQLITE_TRANSIENT);
	int64_t id = 0;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    secret_eq(password, sb_col_text(st, 1)))
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}

/* ---- the token endpoint ----------------------------------------------- */

static void revoke_token(const char *token)
{
	sqlite3_stmt *st = sb_sql("UPDATE tokens SET revoked = 1 WHERE token = ?");
	sqlite3_bind_text(st, 1, token, -1, SQLITE_TRANSIENT);
	sqlite3_step(st);
	sqlite3_reset(st);
}

static bool store_token(const char *token, const char *kind, int64_t officer,
			const char *family, int64_t expires_at)
{
	sqlite3_stmt *st = sb_sql("INSERT INTO tokens(token, kind, officer_id, "
				  "family, expires_at) VALUES(?, ?, ?, ?, ?)");
	sqlite3_bind_text(st, 1, token, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, officer);
	sqlite3_bind_text(st, 4, family, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, expires_at);
	bool ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_reset(st);
	return ok;
}

/* Issues an access and a refresh token; family NULL starts a new sign-in. */
static void issue_tokens(struct sb_resp *rs, int64_t officer,
			 const char *family)
{
	char fam[FAMILY_HEX + 1], access[TOKEN_HEX + 1], refresh[TOKEN_HEX + 1];
	if (!family) {
		sb_random_token(fam, FAMILY_HEX);
		family = fam;
	}
	sb_random_token(access, TOKEN_HEX);
	sb_random_token(refresh, TOKEN_HEX);

	sqlite3_stmt *st = sb_sql("SELECT scopes FROM officers WHERE id = ?");
	sqlite3_bind_int64(st, 1, officer);
	json_t *scope = sqlite3_step(st) == SQLITE_ROW ?
		json_string(sb_col_text(st, 0)) : NULL;
	sqlite3_reset(st);
	if (!scope) {
		sb_problem(rs, 500, "internal", "the officer has gone");
		return;
	}

	int64_t now = sb_now();
	if (!store_token(access, "access", officer, family, now + sb_cfg.token_ttl) ||
	    !store_token(refresh, "refresh", officer, family, now + REFRESH_TTL)) {
		json_decref(scope);
		sb_problem(rs, 500, "internal", "the tokens could not be stored");
		return;
	}
	sb_json(rs, 200, json_pack("{s:s, s:s, s:i, s:s, s:o}",
				   "access_token", access,
				   "token_type", "Bearer",
				   "expires_in", sb_cfg.token_ttl,
				   "refresh_token", refresh,
				   "scope", scope));
	rs->no_store = true;
}

static void grant_password(struct sb_resp *rs, const struct form *f)
{
	const char *username = form_get(f, "username");
	const char *password = form_get(f, "password");
	if (!username || !password) {
		oauth_error(rs, "invalid_request",
			    "username and password are required");
		return;
	}
	int64_t officer = check_password(username, password);
	if (!officer) {
		oauth_error(rs, "invalid_grant", "wrong user name or password");
		return;
	}
	issue_tokens(rs, officer, NULL);
}

/* Rotation: the presented refresh token stops working and a new pair in
 * the same family replaces it. */
static void grant_refresh(struct sb_resp *rs, const struct form *f)
{
	const char *token = form_require(rs, f, "refresh_token");
	if (!token)
		return;
	int64_t now = sb_now();
	sqlite3_stmt *st = sb_sql("SELECT officer_id, family FROM tokens "
				  "WHERE token = ? AND kind = 'refresh' "
				  "AND revoked = 0 AND expires_at > ?");
	sqlite3_bind_text(st, 1, token, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now);
	int64_t officer = 0;
	char family[80] = "";
	if (sqlite3_step(st) == SQLITE_ROW) {
		officer = sqlite3_column_int64(st, 0);
		snprintf(family, sizeof family, "%s", sb_col_text(st, 1));
	}
	sqlite3_reset(st);
	if (!officer) {
		oauth_error(rs, "invalid_grant",
			    "the refresh token is invalid, expired or revoked");
		return;
	}
	revoke_token(token);
	issue_tokens(rs, officer, family);
}

static void grant_device(struct sb_resp *rs, const struct form *f)
{
	const char *code = form_require(rs, f, "device_code");
	if (!code)
		return;
	sqlite3_stmt *st = sb_sql("SELECT expires_at, interval_s, last_poll, "
				  "officer_id, denied, used FROM device_codes "
				  "WHERE device_code = ?");
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		oauth_error(rs, "invalid_grant", "unknown device code");
		return;
	}
	int64_t expires_at = sqlite3_column_int64(st, 0);
	int64_t interval = sqlite3_column_int64(st, 1);
	bool polled = sqlite3_column_type(st, 2) != SQLITE_NULL;
	int64_t last_poll = sqlite3_column_int64(st, 2);
	int64_t officer = sqlite3_column_int64(st, 3);
	bool denied = sqlite3_column_int(st, 4) != 0;
	bool used = sqlite3_column_int(st, 5) != 0;
	sqlite3_reset(st);

	if (used) {
		oauth_error(rs, "invalid_grant",
			    "the device code has already been used");
		return;
	}
	if (denied) {
		oauth_error(rs, "access_denied", "the sign-in was denied");
		return;
	}
	if (expires_at <= sb_now()) {
		oauth_error(rs, "expired_token", "the device code has expired");
		return;
	}
	if (officer) {
		st = sb_sql("UPDATE device_codes SET used = 1 WHERE device_code = ?");
		sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
		sqlite3_step(st);
		sqlite3_reset(st);
		issue_tokens(rs, officer, NULL);
		return;
	}

	/* Still pending. slow_down is a pending answer that also widens the
	 * interval (RFC 8628 §3.5); the time between polls is measured on
	 * the real clock (a negative gap means the sandbox restarted). */
	int64_t now_ms = mono_ms();
	int64_t gap = now_ms - last_poll;
	bool too_fast = polled && gap >= 0 &&
			gap < interval * 1000 - POLL_LEEWAY_MS;
	if (too_fast)
		interval += SLOW_DOWN_S;
	st = sb_sql("UPDATE device_codes SET last_poll = ?, interval_s = ? "
		    "WHERE device_code = ?");
	sqlite3_bind_int64(st, 1, now_ms);
	sqlite3_bind_int64(st, 2, interval);
	sqlite3_bind_text(st, 3, code, -1, SQLITE_TRANSIENT);
	sqlite3_step(st);
	sqlite3_reset(st);
	rs->keep_writes = true;  /* the poll time and interval must stick */
	if (too_fast) {
		char why[96];
		snprintf(why, sizeof why, "polling too fast; wait %lld seconds "
			 "between polls", (long long)interval);
		oauth_error(rs, "slow_down", why);
	} else {
		oauth_error(rs, "authorization_pending",
			    "the sign-in has not been approved yet");
	}
}

void h_oauth_token(struct sb_req *rq, struct sb_resp *rs)
{
	struct form f;
	if (!read_form(rq, rs, &f))
		return;
	/* client_id is accepted and ignored: akt is a public client and the
	 * sandbox does not authenticate clients (no invalid_client). */
	const char *grant = form_get(&f, "grant_type");
	if (!grant)
		oauth_error(rs, "invalid_request", "grant_type is required");
	else if (strcmp(grant, "password") == 0)
		grant_password(rs, &f);
	else if (strcmp(grant, "refresh_token") == 0)
		grant_refresh(rs, &f);
	else if (strcmp(grant, DEVICE_GRANT) == 0)
		grant_device(rs, &f);
	else
		oauth_error(rs, "unsupported_grant_type",
			    "grant_type must be password, refresh_token or "
			    DEVICE_GRANT);
	form_free(&f);
}

/* ---- device authorization (RFC 8628 §3.1) ----------------------------- */

/* Eight letters as XXXX-XXXX, uniform over the alphabet. */
static void make_user_code(char out[10])
{
	char hex[TOKEN_HEX + 1];
	int n = 0;
	while (n < 8) {
		sb_random_token(hex, TOKEN_HEX);
		for (int i = 0; i + 1 < TOKEN_HEX && n < 8; i += 2) {
			int b = hex_value(hex[i]) * 16 + hex_value(hex[i + 1]);
			if (b >= 240)  /* 240 = 12 × 20: keep the draw uniform */
				continue;
			out[n < 4 ? n : n + 1] = user_code_letters[b % 20];
			n++;
		}
	}
	out[4] = '-';
	out[9] = '\0';
}

/* A user code as a person may type it (any case, with or without the
 * dash or spaces) in its stored form; false when it cannot be one. */
static bool normalize_user_code(const char *in, char out[10])
{
	int n = 0;
	for (const char *p = in; *p; p++) {
		char c = *p;
		if (c == '-' || c == ' ' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (n == 8 || !strchr(user_code_letters, c))
			return false;
		out[n < 4 ? n : n + 1] = c;
		n++;
	}
	if (n != 8)
		return false;
	out[4] = '-';
	out[9] = '\0';
	return true;
}

void h_oauth_device(struct sb_req *rq, struct sb_resp *rs)
{
	struct form f;
	if (!read_form(rq, rs, &f))
		return;
	form_free(&f);  /* client_id and scope are accepted and ignored */

	int64_t now = sb_now();
	/* Forget codes long gone, so user codes stay plentiful. */
	sqlite3_stmt *st = sb_sql("DELETE FROM device_codes WHERE expires_at < ?");
	sqlite3_bind_int64(st, 1, now - 86400);
	sqlite3_step(st);
	sqlite3_reset(st);

	char device_code[TOKEN_HEX + 1], user_code[10];
	sb_random_token(device_code, TOKEN_HEX);
	bool stored = false;
	for (int tries = 0; tries < 16 && !stored; tries++) {
		make_user_code(user_code);
		st = sb_sql("INSERT INTO device_codes(device_code, user_code, "
			    "expires_at, interval_s) VALUES(?, ?, ?, ?)");
		sqlite3_bind_text(st, 1, device_code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, user_code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, now + DEVICE_TTL);
		sqlite3_bind_int(st, 4, sb_cfg.device_interval);
		stored = sqlite3_step(st) == SQLITE_DONE;  /* else: code taken */
		sqlite3_reset(st);
	}
	if (!stored) {
		sb_problem(rs, 500, "internal", "no free user code");
		return;
	}

	size_t blen = strlen(sb_cfg.base_url);
	while (blen > 0 && sb_cfg.base_url[blen - 1] == '/')
		blen--;
	char uri[160], complete[192];
	snprintf(uri, sizeof uri, "%.*s/device", (int)blen, sb_cfg.base_url);
	snprintf(complete, sizeof complete, "%s?code=%s", uri, user_code);
	sb_json(rs, 200, json_pack("{s:s, s:s, s:s, s:s, s:i, s:i}",
				   "device_code", device_code,
				   "user_code", user_code,
				   "verification_uri", uri,
				   "verification_uri_complete", complete,
				   "expires_in", DEVICE_TTL,
				   "interval", sb_cfg.device_interval));
	rs->no_store = true;
}

/* ---- revocation (RFC 7009) -------------------------------------------- */

void h_oauth_revoke(struct sb_req *rq, struct sb_resp *rs)
{
	struct form f;
	if (!read_form(rq, rs, &f))
		return;
	const char *token = form_require(rs, &f, "token");
	if (!token) {
		form_free(&f);
		return;
	}
	/* token_type_hint is only a hint (§2.1): the token tells its kind. */
	sqlite3_stmt *st = sb_sql("SELECT kind, family FROM tokens WHERE token = ?");
	sqlite3_bind_text(st, 1, token, -1, SQLITE_TRANSIENT);
	bool found = false, refresh = false;
	char family[80] = "";
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = true;
		refresh = strcmp(sb_col_text(st, 0), "refresh") == 0;
		snprintf(family, sizeof family, "%s", sb_col_text(st, 1));
	}
	sqlite3_reset(st);
	if (found && refresh) {
		/* the whole sign-in: every refresh and access token of it */
		st = sb_sql("UPDATE tokens SET revoked = 1 WHERE family = ?");
		sqlite3_bind_text(st, 1, family, -1, SQLITE_TRANSIENT);
		sqlite3_step(st);
		sqlite3_reset(st);
	} else if (found) {
		revoke_token(token);
	}
	form_free(&f);
	/* unknown tokens too: the answer must not tell what exists (§2.2) */
	sb_json(rs, 200, json_object());
	rs->no_store = true;
}

/* ---- platform --------------------------------------------------------- */

void h_platform(struct sb_req *rq, struct sb_resp *rs)
{
	sb_json(rs, 200, json_pack(
		"{s:s, s:i, s:b, s:{s:s, s:s, s:s, s:[s, s, s]}, s:s}",
		"name", "Sandbox kommun",
		"api_version", 1,
		"sandbox", 1,
		"auth",
		"token_endpoint", "/v1/oauth/token",
		"device_authorization_endpoint", "/v1/oauth/device",
		"revocation_endpoint", "/v1/oauth/revoke",
		"grant_types", DEVICE_GRANT, "refresh_token", "password",
		"client_id", "akt"));
}

/* ---- approving a device code ------------------------------------------ */

enum decision { DECIDED, NO_SUCH_CODE, CODE_EXPIRED, CODE_USED };

/* Approves (for officer) or denies the code; a later decision before the
 * device has polled replaces an earlier one. */
static enum decision device_decide(const char *user_code, int64_t officer,
				   bool deny)
{
	char code[10];
	if (!normalize_user_code(user_code, code))
		return NO_SUCH_CODE;
	sqlite3_stmt *st = sb_sql("SELECT expires_at, used FROM device_codes "
				  "WHERE user_code = ?");
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return NO_SUCH_CODE;
	}
	int64_t expires_at = sqlite3_column_int64(st, 0);
	bool used = sqlite3_column_int(st, 1) != 0;
	sqlite3_reset(st);
	if (used)
		return CODE_USED;
	if (expires_at <= sb_now())
		return CODE_EXPIRED;
	st = sb_sql("UPDATE device_codes SET officer_id = ?, denied = ? "
		    "WHERE user_code = ?");
	if (deny || !officer)
		sqlite3_bind_null(st, 1);
	else
		sqlite3_bind_int64(st, 1, officer);
	sqlite3_bind_int(st, 2, deny ? 1 : 0);
	sqlite3_bind_text(st, 3, code, -1, SQLITE_TRANSIENT);
	sqlite3_step(st);
	sqlite3_reset(st);
	return DECIDED;
}

void h_sb_device_approve(struct sb_req *rq, struct sb_resp *rs)
{
	json_t *body = sb_body(rq, rs);
	if (!body)
		return;
	const char *user_code = NULL, *username = NULL;
	bool deny = false;
	if (sb_field_str(rs, body, "user_code", true, &user_code) < 0 ||
	    sb_field_bool(rs, body, "deny", false, &deny) < 0 ||
	    sb_field_str(rs, body, "username", !deny, &username) < 0)
		return;
	int64_t officer = 0;
	if (username && !(officer = sb_officer_by_username(username))) {
		sb_problem(rs, 404, "not-found", "no officer '%s'", username);
		return;
	}
	switch (device_decide(user_code, officer, deny)) {
	case DECIDED:
		sb_json(rs, 200, json_object());
		break;
	case NO_SUCH_CODE:
		sb_problem(rs, 404, "not-found", "no device code '%s'", user_code);
		break;
	case CODE_EXPIRED:
		sb_problem(rs, 409, "conflict", "the device code has expired");
		break;
	case CODE_USED:
		sb_problem(rs, 409, "conflict",
			   "the device code has already been used");
		break;
	}
}

/* ---- the approval page for a person with a browser -------------------- */

static void html_escape(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*s, out);
		}
	}
}

/* Only short, well-formed text goes back into the form. */
static const char *echoable(const char *s)
{
	return s && strlen(s) <= 64 && utf8_valid(s) ? s : "";
}

/*
 * The page: a message in Swedish and English (may be NULL) and, when
 * with_form, the form pre-filled with code and username. Never the
 * password.
 */
static void device_page(struct sb_resp *rs, int status, const char *msg_sv,
			const char *msg_en, bool with_form, const char *code,
			const char *username)
{
	char *html = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&html, &len);
	if (!out)
		abort();
	fputs("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width\">\n"
	      "<title>akt – logga in / sign in</title>\n</head>\n<body>\n"
	      "<h1>Logga in i akt <span lang=\"en\">/ Sign in to akt</span></h1>\n",
	      out);
	if (msg_sv) {
		fputs("<p><strong>", out);
		html_escape(out, msg_sv);
		fputs("</strong><br>\n<span lang=\"en\">", out);
		html_escape(out, msg_en);
		fputs("</span></p>\n", out);
	}
	if (with_form) {
		fputs("<p>Skriv koden som akt visar och logga in för att godkänna "
		      "inloggningen.<br>\n<span lang=\"en\">Enter the code shown "
		      "by akt and sign in to approve.</span></p>\n"
		      "<form method=\"post\" action=\"/device\">\n"
		      "<p><label>Kod / Code<br>\n<input name=\"user_code\" "
		      "autocomplete=\"off\" autocapitalize=\"characters\" "
		      "required value=\"", out);
		html_escape(out, echoable(code));
		fputs("\"></label></p>\n"
		      "<p><label>Användarnamn / User name<br>\n<input "
		      "name=\"username\" autocomplete=\"username\" required "
		      "value=\"", out);
		html_escape(out, echoable(username));
		fputs("\"></label></p>\n"
		      "<p><label>Lösenord / Password<br>\n<input type=\"password\" "
		      "name=\"password\" autocomplete=\"current-password\" "
		      "required></label></p>\n"
		      "<p><button type=\"submit\" name=\"action\" value=\"approve\">"
		      "Godkänn / Approve</button>\n"
		      "<button type=\"submit\" name=\"action\" value=\"deny\">"
		      "Neka / Deny</button></p>\n</form>\n", out);
	}
	fputs("</body>\n</html>\n", out);
	if (fclose(out) != 0 || !html)
		abort();
	sb_bytes(rs, status, "text/html; charset=utf-8", html, len);
	free(html);
	rs->no_store = true;
}

static void device_page_post(struct sb_req *rq, struct sb_resp *rs)
{
	struct form f;
	if (form_parse(&f, rq->body ? rq->body : "",
		       rq->body ? rq->body_len : 0)) {
		form_free(&f);
		device_page(rs, 400, "Formuläret kunde inte läsas.",
			    "The form could not be read.", true, NULL, NULL);
		return;
	}
	const char *code = form_get(&f, "user_code");
	const char *username = form_get(&f, "username");
	const char *password = form_get(&f, "password");
	const char *action = form_get(&f, "action");
	bool deny = action && strcmp(action, "deny") == 0;
	int64_t officer;
	if (!code || !username || !password) {
		device_page(rs, 400, "Fyll i kod, användarnamn och lösenord.",
			    "Fill in the code, user name and password.", true,
			    code, username);
	} else if (!(officer = check_password(username, password))) {
		device_page(rs, 403, "Fel användarnamn eller lösenord.",
			    "Wrong user name or password.", true, code, username);
	} else {
		switch (device_decide(code, officer, deny)) {
		case DECIDED:
			if (deny)
				device_page(rs, 200, "Inloggningen är nekad.",
					    "The sign-in was denied.", false,
					    NULL, NULL);
			else
				device_page(rs, 200, "Inloggningen är godkänd. "
					    "Du kan gå tillbaka till akt.",
					    "The sign-in is approved. You can "
					    "go back to akt.", false, NULL, NULL);
			break;
		case NO_SUCH_CODE:
			device_page(rs, 404, "Okänd kod. Kontrollera koden i akt.",
				    "Unknown code. Check the code shown by akt.",
				    true, code, username);
			break;
		case CODE_EXPIRED:
			device_page(rs, 400, "Koden har gått ut. Starta "
				    "inloggningen i akt igen.",
				    "The code has expired. Start the sign-in in "
				    "akt again.", true, NULL, username);
			break;
		case CODE_USED:
			device_page(rs, 400, "Koden har redan använts.",
				    "The code has already been used.", true, NULL,
				    username);
			break;
		}
	}
	form_free(&f);
}

void h_device_page(struct sb_req *rq, struct sb_resp *rs)
{
	if (strcmp(rq->method, "POST") == 0) {
		device_page_post(rq, rs);
	} else if (strcmp(rq->method, "GET") == 0 ||
		   strcmp(rq->method, "HEAD") == 0) {
		device_page(rs, 200, NULL, NULL, true, sb_query(rq, "code"), NULL);
	} else {
		snprintf(rs->allow, sizeof rs->allow, "GET, HEAD, POST");
		sb_problem(rs, 405, "method-not-allowed",
			   "/device answers GET and POST");
	}
}

/* ---- expiring tokens on demand (sandbox-only) ------------------------- */

void h_sb_tokens_expire(struct sb_req *rq, struct sb_resp *rs)
{
	const char *username = NULL;
	json_t *body = sb_body_or_empty(rq, rs);
	if (!body || sb_field_str(rs, body, "username", false, &username) < 0)
		return;
	int64_t now = sb_now();
	sqlite3_stmt *st;
	if (username) {
		int64_t officer = sb_officer_by_username(username);
		if (!officer) {
			sb_problem(rs, 404, "not-found", "no officer '%s'", username);
			return;
		}
		st = sb_sql("UPDATE tokens SET expires_at = ? WHERE kind = 'access' "
			    "AND revoked = 0 AND expires_at > ? AND officer_id = ?");
		sqlite3_bind_int64(st, 3, officer);
	} else {
		st = sb_sql("UPDATE tokens SET expires_at = ? WHERE kind = 'access' "
			    "AND revoked = 0 AND expires_at > ?");
	}
	sqlite3_bind_int64(st, 1, now - 1);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_step(st);
	int n = sqlite3_changes(sb_db);
	sqlite3_reset(st);
	sb_json(rs, 200, json_pack("{s:i}", "expired", n));
}

/*
 * session.c — authenticated calls, token refresh, and turning answers
 * into replies (JSON parsed, failures classified and described).
 */
#include "akt/session.h"
#include "akt/buf.h"
#include "akt/oauth.h"
#include "akt/sanitize.h"
#include "akt/xalloc.h"

#include <strings.h>
#include <time.h>

/* Longest platform text quoted in one error line, in bytes. */
#define QUOTE_MAX 300
/* An access token this close to its expiry is renewed before it is
 * sent: it could run out on the way. */
#define EXPIRY_MARGIN_S 5

struct call {
	struct akt_session *s;
	char *method, *path, *body, *content_type, *if_match, *idem;
	size_t body_len;
	bool anonymous;
	bool no_cache;
	bool long_poll;
	long timeout_ms;
	bool refreshed;       /* the login was renewed for it already */
	bool waiting;         /* in a list of calls waiting for a renewal */
	bool cancelled;       /* dropped while waiting: freed when resumed */
	bool linked;          /* in the list of live calls */
	struct akt_http_xfer *xfer;   /* under way in http, or NULL */
	unsigned gen;         /* login generation it was sent with */
	int64_t sent_ms;      /* for the log */
	akt_reply_cb *cb;
	void *arg;
	struct call *next;    /* waiting for a refresh */
	struct call *prev_live, *next_live;
};

struct akt_session {
	struct akt_loop *loop;
	const struct akt_config *cfg;
	char *server;
	struct akt_http *http;
	struct akt_tokens tok;
	bool have_tok;
	unsigned gen;         /* bumped whenever the access token changes */
	char *store;
	char *stored_server;  /* of a stored login for another server */
	bool refreshing;
	bool held;            /* the idle lock: no call with the login */
	struct call *waiting;
	struct call *live;    /* every call not yet answered */
	char *warning;
	struct akt_retry_policy retry;
	bool retry_set;
	struct akt_log *log;
	akt_signin_fn *signin;
	void *signin_arg;
	enum akt_net_state net;
	akt_net_observer *net_cb;
	void *net_arg;
};

static void send_call(struct call *c);

struct akt_session *akt_session_new(struct akt_loop *loop,
				    const struct akt_config *cfg)
{
	struct akt_session *s = xcalloc(1, sizeof(*s));

	s->loop = loop;
	s->cfg = cfg;
	if (cfg->token_store == AKT_TOKENS_FILE)
		s->store = akt_tokens_path();
	return s;
}

/* Out of the live list: no longer in flight, and no longer cancellable
 * (its callback is running). */
static void call_unlink(struct call *c)
{
	if (!c->linked)
		return;
	if (c->prev_live)
		c->prev_live->next_live = c->next_live;
	else
		c->s->live = c->next_live;
	if (c->next_live)
		c->next_live->prev_live = c->prev_live;
	c->prev_live = c->next_live = NULL;
	c->linked = false;
}

static void call_free(struct call *c)
{
	call_unlink(c);
	free(c->method);
	free(c->path);
	if (c->body)                /* may be a password form */
		explicit_bzero(c->body, c->body_len);
	free(c->body);
	free(c->content_type);
	free(c->if_match);
	free(c->idem);
	free(c);
}

void akt_session_free(struct akt_session **sp)
{
	struct akt_session *s = *sp;

	if (!s)
		return;
	/* unanswered calls are dropped without their callbacks */
	akt_http_free(&s->http);
	while (s->live)
		call_free(s->live);
	akt_tokens_clear(&s->tok);
	free(s->server);
	free(s->store);
	free(s->stored_server);
	free(s->warning);
	free(s);
	*sp = NULL;
}

void akt_session_set_store(struct akt_session *s, const char *path)
{
	free(s->store);
	s->store = xstrdup_opt(path);
}

void akt_session_set_retry(struct akt_session *s,
			   const struct akt_retry_policy *p)
{
	s->retry = *p;
	s->retry_set = true;
	if (s->http)
		akt_http_set_retry(s->http, p);
}

void akt_session_use_server(struct akt_session *s, const char *server)
{
	if (s->server && strcmp(s->server, server) == 0)
		return;
	akt_http_free(&s->http);
	free(s->server);
	s->server = xstrdup(server);
	if (s->have_tok && strcmp(s->tok.server, server) != 0) {
		akt_tokens_clear(&s->tok);
		s->have_tok = false;
		s->gen++;
	}
}

bool akt_session_restore(struct akt_session *s, char **err)
{
	struct akt_tokens t;
	int rc = 0;

	memset(&t, 0, sizeof(t));
	if (s->store && (rc = akt_tokens_load(s->store, &t, err)) < 0)
		return false;
	if (*s->cfg->server)
		akt_session_use_server(s, s->cfg->server);
	else if (rc == 1)
		akt_session_use_server(s, t.server);
	if (rc == 1 && s->server && strcmp(t.server, s->server) == 0) {
		akt_tokens_clear(&s->tok);
		s->tok = t;
		s->have_tok = true;
		s->gen++;
	} else {
		if (rc == 1)
			s->stored_server = xstrdup(t.server);
		akt_tokens_clear(&t);
	}
	return true;
}

void akt_session_set_log(struct akt_session *s, struct akt_log *log)
{
	s->log = log;
}

struct akt_log *akt_session_log(const struct akt_session *s)
{
	return s->log;
}

struct akt_loop *akt_session_loop(const struct akt_session *s)
{
	return s->loop;
}

const struct akt_config *akt_session_config(const struct akt_session *s)
{
	return s->cfg;
}

void akt_session_set_signin(struct akt_session *s, akt_signin_fn *fn,
			    void *arg)
{
	s->signin = fn;
	s->signin_arg = arg;
}

const char *akt_session_login_hint(const struct akt_session *s)
{
	if (!s->store && s->cfg->token_store == AKT_TOKENS_NONE && !s->signin)
		return "token_store is none, so logins last one command; set "
		       "user and credential_command to let each command "
		       "sign in";
	return "run 'akt login'";
}

const char *akt_session_server(const struct akt_session *s)
{
	return s->server;
}

const struct akt_tokens *akt_session_tokens(const struct akt_session *s)
{
	return s->have_tok ? &s->tok : NULL;
}

bool akt_session_logged_in(const struct akt_session *s)
{
	return s->have_tok;
}

bool akt_session_set_tokens(struct akt_session *s,
			    const struct akt_tokens *t, char **err)
{
	akt_tokens_clear(&s->tok);
	akt_tokens_copy(&s->tok, t);
	s->have_tok = true;
	s->gen++;
	return !s->store || akt_tokens_save(s->store, &s->tok, err);
}

bool akt_session_forget(struct akt_session *s, char **err)
{
	akt_tokens_clear(&s->tok);
	s->have_tok = false;
	s->gen++;
	return !s->store || akt_tokens_forget(s->store, err);
}

void akt_session_hold(struct akt_session *s, bool hold)
{
	s->held = hold;
}

bool akt_session_wipe(struct akt_session *s)
{
	if (s->live || s->waiting || s->refreshing)
		return false;
	/* the connections go too: their buffers, the ETag cache of the
	 * answers and the Authorization header libcurl keeps */
	akt_http_free(&s->http);
	akt_tokens_clear(&s->tok);
	s->have_tok = false;
	s->gen++;
	xfree(&s->warning);
	return true;
}

char *akt_session_take_warning(struct akt_session *s)
{
	char *w = s->warning;

	s->warning = NULL;
	return w;
}

static void warn(struct akt_session *s, char *msg)
{
	free(s->warning);
	s->warning = msg;
}

/* ---- replies ------------------------------------------------------ */

enum akt_result akt_result_of_status(int status)
{
	if ((status >= 200 && status < 300) || status == 304)
		return AKT_OK;
	switch (status) {
	case 400: case 405: case 413:
		return AKT_E_INVALID;
	case 401:
		return AKT_E_AUTH;
	case 403:
		return AKT_E_REFUSED;
	case 404: case 410:
		return AKT_E_NOT_FOUND;
	case 409: case 412: case 422: case 428:
		return AKT_E_CONFLICT;
	case 408: case 429:
		return AKT_E_UNREACHABLE;
	default:
		return status >= 500 && status < 600 ? AKT_E_UNREACHABLE :
		       AKT_E_PROTOCOL;
	}
}

static bool is_json_type(const char *ctype)
{
	size_t len;

	if (!ctype)
		return true;    /* say nothing, try anyway */
	len = strcspn(ctype, "; \t");
	return (len == 16 && strncasecmp(ctype, "application/json", 16) == 0) ||
	       (len > 5 && strncasecmp(ctype + len - 5, "+json", 5) == 0);
}

/* The platform's own words, made safe and short. */
static char *quote(const char *text)
{
	char *q = akt_sanitize_str(text, AKT_SAN_ONELINE), *cut;
	size_t len = QUOTE_MAX;

	if (strlen(q) <= QUOTE_MAX)
		return q;
	while (len > 0 && ((unsigned char)q[len] & 0xC0) == 0x80)
		len--;          /* not inside a character */
	cut = xasprintf("%.*s…", (int)len, q);
	free(q);
	return cut;
}

static char *describe(int status, const struct akt_problem *p,
		      const char **hint)
{
	const char *what;
	char *text = akt_problem_text(p) ? quote(akt_problem_text(p)) : NULL;
	char *field = p->field ? quote(p->field) : NULL;
	char *msg;

	*hint = NULL;
	switch (status) {
	case 400: what = "the platform rejected the request"; break;
	case 401:
		what = "session expired";
		*hint = "run 'akt login'";
		break;
	case 403: what = "not allowed"; break;
	case 404: what = "not found"; break;
	case 405: what = "the platform does not support this request"; break;
	case 409: what = "conflict"; break;
	case 410: what = "no longer exists"; break;
	case 412:
		what = "changed by someone else meanwhile";
		*hint = "look at the current version and try again";
		break;
	case 413: what = "the request is too large for the platform"; break;
	case 422: what = "the platform refused a repeated request"; break;
	case 428: what = "the platform wants the version being changed"; break;
	case 408:
	case 429:
	case 503:
		what = "the platform is busy";
		*hint = "try again in a moment";
		break;
	default:
		if (status >= 500) {
			what = "the platform failed";
			*hint = "try again later; if it persists, tell the "
				"platform's support";
		} else {
			what = "unexpected answer from the platform";
		}
		break;
	}
	msg = xasprintf("%s%s%s%s%s%s (HTTP %d)", what, text ? ": " : "",
			text ? text : "", field ? " (field '" : "",
			field ? field : "", field ? "')" : "", status);
	free(text);
	free(field);
	return msg;
}

/*
 * A Retry-After longer than this was not waited out (the engine's
 * retries only span seconds), so the officer is told how long the
 * platform asked for instead of "in a moment".
 */
#define LONG_PAUSE_S 5

static char *pause_hint(long seconds)
{
	if (seconds < 60)
		return xasprintf("the platform asks for a pause: try again in "
				 "%ld s", seconds);
	if (seconds < 3600)
		return xasprintf("the platform asks for a pause: try again in "
				 "%ld min", (seconds + 59) / 60);
	return xasprintf("the platform asks for a pause: try again in %ld h",
			 (seconds + 3599) / 3600);
}

static void deliver(struct call *c, const struct akt_http_resp *resp)
{
	char *pause_text = NULL;
	struct akt_reply r;
	struct akt_problem prob;
	json_t *json = NULL;
	json_error_t jerr;
	char *error = NULL;

	memset(&r, 0, sizeof(r));
	memset(&prob, 0, sizeof(prob));
	r.status = resp->status;
	r.body = resp->body;
	r.body_len = resp->body_len;
	r.etag = resp->etag;
	r.location = resp->location;
	r.link = resp->link;
	if (resp->fail != AKT_HTTP_OK) {
		r.result = AKT_E_UNREACHABLE;
		r.error = resp->error;
		r.hint = resp->hint;
		goto out;
	}
	if (resp->body_len && is_json_type(resp->content_type))
		json = json_loadb(resp->body, resp->body_len,
				  JSON_REJECT_DUPLICATES, &jerr);
	r.json = json;
	r.result = akt_result_of_status(resp->status);
	if (r.result == AKT_OK) {
		if (resp->body_len && !json) {
			char *why = quote(is_json_type(resp->content_type) ?
					  jerr.text : resp->content_type);

			r.result = AKT_E_PROTOCOL;
			error = xasprintf("the platform's answer is not %s: %s",
					  is_json_type(resp->content_type) ?
					  "valid JSON" : "JSON", why);
			r.hint = "try again; if it persists, tell the "
				 "platform's support";
			free(why);
		}
	} else {
		akt_problem_decode(json, &prob);
		r.problem = &prob;
		error = describe(resp->status, &prob, &r.hint);
		if (resp->status == 401 && !c->anonymous)
			r.hint = akt_session_login_hint(c->s);
		else if (r.result == AKT_E_UNREACHABLE &&
			 resp->retry_after > LONG_PAUSE_S)
			r.hint = pause_text = pause_hint(resp->retry_after);
	}
	r.error = error;
out:
	call_unlink(c);
	c->cb(&r, c->arg);
	akt_problem_clear(&prob);
	json_decref(json);
	free(error);
	free(pause_text);
	call_free(c);
}

/* A reply without an HTTP answer behind it. */
static void deliver_error(struct call *c, enum akt_result result,
			  const char *error, const char *hint)
{
	struct akt_reply r;

	memset(&r, 0, sizeof(r));
	r.result = result;
	r.error = error;
	r.hint = hint;
	r.body = "";
	call_unlink(c);
	c->cb(&r, c->arg);
	call_free(c);
}

/* ---- refresh ------------------------------------------------------ */

/* Take a newer login from the store: another akt may have refreshed. */
static bool adopt_stored(struct akt_session *s)
{
	struct akt_tokens t;
	char *err = NULL;
	bool adopted = false;

	if (s->store && akt_tokens_load(s->store, &t, &err) == 1) {
		if (strcmp(t.server, s->server) == 0 &&
		    (!s->have_tok ||
		     strcmp(t.access_token, s->tok.access_token) != 0)) {
			akt_tokens_clear(&s->tok);
			s->tok = t;
			s->have_tok = true;
			s->gen++;
			adopted = true;
		} else {
			akt_tokens_clear(&t);
		}
	}
	free(err);
	return adopted;
}

/* Send the waiting calls again, or fail them all alike. */
static void refresh_end(struct akt_session *s, enum akt_result result,
			const char *error, const char *hint)
{
	struct call *list = NULL;

	/* waiting is newest first; resume in the order they came */
	while (s->waiting) {
		struct call *c = s->waiting;

		s->waiting = c->next;
		c->next = list;
		list = c;
	}
	s->refreshing = false;
	while (list) {
		struct call *c = list;

		list = c->next;
		c->next = NULL;
		c->waiting = false;
		if (c->cancelled)
			call_free(c);
		else if (result == AKT_OK)
			send_call(c);
		else
			deliver_error(c, result, error, hint);
	}
}

static void on_signed_in(const struct akt_reply *r, void *arg)
{
	struct akt_session *s = arg;

	if (r->result == AKT_OK && s->have_tok) {
		akt_log_note(s->log, "signed in as %s", s->tok.username);
		refresh_end(s, AKT_OK, NULL, NULL);
	} else {
		akt_log_note(s->log, "signing in failed: %s",
			     r->error ? r->error : "no login");
		refresh_end(s, r->result == AKT_OK ? AKT_E_AUTH : r->result,
			    r->error ? r->error : "the sign-in gave no login",
			    r->hint);
	}
}

/* No refresh token, or it no longer works: sign in anew if we may, else
 * the login is over. */
static void signin_or_end(struct akt_session *s)
{
	if (s->signin) {
		akt_log_note(s->log, "signing in with credential_command");
		s->signin(s, on_signed_in, s, s->signin_arg);
		return;
	}
	refresh_end(s, AKT_E_AUTH, "session expired",
		    akt_session_login_hint(s));
}

/* RFC 6749 §5.2: the one refusal that means the refresh token is dead. */
static bool is_invalid_grant(const json_t *j)
{
	const json_t *e = json_is_object(j) ? json_object_get(j, "error") : NULL;

	return json_is_string(e) &&
	       strcmp(json_string_value(e), "invalid_grant") == 0;
}

static void on_refreshed(const struct akt_reply *r, void *arg)
{
	struct akt_session *s = arg;
	struct akt_tokens t;
	char *err = NULL;

	if (r->result == AKT_OK) {
		memset(&t, 0, sizeof(t));
		akt_tokens_copy(&t, &s->tok);
		if (!akt_oauth_grant_decode(r->json, time(NULL), &t, &err)) {
			akt_tokens_clear(&t);
			refresh_end(s, AKT_E_PROTOCOL, err, NULL);
			free(err);
			return;
		}
		if (!akt_session_set_tokens(s, &t, &err)) {
			warn(s, xasprintf("the renewed login could not be saved "
					  "(%s); the next run will ask you to "
					  "log in", err));
			free(err);
		}
		akt_tokens_clear(&t);
		akt_log_note(s->log, "login renewed");
		refresh_end(s, AKT_OK, NULL, NULL);
	} else if ((r->status == 400 || r->status == 401) &&
		   is_invalid_grant(r->json)) {
		/* the refresh token is spent or revoked — unless another akt
		 * just rotated it; any other refusal keeps the login */
		if (adopt_stored(s)) {
			akt_log_note(s->log, "took the login another akt "
				     "renewed");
			refresh_end(s, AKT_OK, NULL, NULL);
			return;
		}
		akt_log_note(s->log, "the refresh token was not accepted");
		akt_session_forget(s, &err);
		free(err);
		signin_or_end(s);
	} else {
		refresh_end(s, r->result, r->error, r->hint);
	}
}

static void refresh_start(struct akt_session *s)
{
	struct akt_call c = { .method = "POST", .anonymous = true,
			      .content_type = AKT_FORM_TYPE };
	char *form;

	s->refreshing = true;
	if (adopt_stored(s)) {
		akt_log_note(s->log, "took the login another akt renewed");
		refresh_end(s, AKT_OK, NULL, NULL);
		return;
	}
	if (!s->have_tok || !s->tok.refresh_token) {
		signin_or_end(s);
		return;
	}
	akt_log_note(s->log, "renewing the login with the refresh token");
	form = akt_oauth_refresh_form(s->tok.client_id, s->tok.refresh_token);
	c.path = s->tok.token_endpoint;
	c.body = form;
	c.body_len = strlen(form);
	akt_session_call(s, &c, on_refreshed, s);
	xfree_secret(&form);
}

/* ---- calls -------------------------------------------------------- */

/* OAuth exchanges and revealed identity numbers: never in the log. */
static bool sensitive(const struct call *c)
{
	return c->anonymous || strstr(c->path, "/reveal");
}

/* The path for the log, with the free-text search left out: officers
 * search by name and personal identity number. malloc'd. */
static char *log_path(const char *path)
{
	struct akt_buf b;
	const char *q = strchr(path, '?');

	if (!q)
		return xstrdup(path);
	akt_buf_init(&b, SIZE_MAX);
	akt_buf_add(&b, path, (size_t)(q - path));
	while (*q) {
		const char *end = q + 1 + strcspn(q + 1, "&");

		if (strncmp(q + 1, "q=", 2) == 0)
			akt_buf_printf(&b, "%cq=(search text)", *q);
		else
			akt_buf_add(&b, q, (size_t)(end - q));
		q = end;
	}
	return akt_buf_steal(&b);
}

static void log_answer(const struct call *c, const struct akt_http_resp *resp)
{
	struct akt_session *s = c->s;
	char *url, *path;

	if (!s->log)
		return;
	path = log_path(c->path);
	url = xasprintf("%s%s", s->server, path);
	free(path);
	struct akt_log_req lr = {
		.method = c->method, .url = url,
		.status = resp->fail == AKT_HTTP_OK ? resp->status : 0,
		.error = resp->fail == AKT_HTTP_OK ? NULL : resp->error,
		.ms = akt_loop_now() - c->sent_ms,
		.attempts = resp->attempts,
		.from_cache = resp->from_cache,
	};
	json_t *j = NULL;

	if (resp->fail == AKT_HTTP_OK && resp->status >= 400) {
		lr.withheld = sensitive(c);
		if (!lr.withheld) {
			lr.body = resp->body;
			lr.body_len = resp->body_len;
		} else if ((j = json_loadb(resp->body, resp->body_len, 0,
					   NULL))) {
			/* the RFC 6749 error code names no secret and is
			 * what one needs to follow a device login */
			lr.oauth_error = json_string_value(
				json_object_get(j, "error"));
		}
	}
	akt_log_request(s->log, &lr);
	json_decref(j);
	free(url);
}

/* ---- connection state ---------------------------------------------- */

static void net_set(struct akt_session *s, enum akt_net_state st, long ms)
{
	if (st == s->net && st != AKT_NET_RETRYING)
		return;
	s->net = st;
	if (s->net_cb)
		s->net_cb(st, ms, s->net_arg);
}

static void on_http_retry(long wait_ms, void *arg)
{
	net_set(arg, AKT_NET_RETRYING, wait_ms);
}

/* A request ended: with an answer, or for good without one. An answer
 * too large still came from a platform that is there. */
static void net_answer(struct akt_session *s, enum akt_http_fail fail)
{
	if (fail == AKT_HTTP_OK || fail == AKT_HTTP_TOO_BIG)
		net_set(s, AKT_NET_ONLINE, 0);
	else
		net_set(s, AKT_NET_OFFLINE, 0);
}

void akt_session_set_net_observer(struct akt_session *s,
				  akt_net_observer *cb, void *arg)
{
	s->net_cb = cb;
	s->net_arg = arg;
}

enum akt_net_state akt_session_net_state(const struct akt_session *s)
{
	return s->net;
}

/* Hold c until the login is renewed; start renewing unless under way. */
static void wait_for_renewal(struct call *c)
{
	struct akt_session *s = c->s;

	c->refreshed = true;
	c->waiting = true;
	c->next = s->waiting;
	s->waiting = c;
	if (!s->refreshing)
		refresh_start(s);
}

/* Has the access token run out by our clock? Only worth acting on when
 * it can be renewed. */
static bool token_expired(const struct akt_session *s)
{
	return s->tok.expires_at > 0 &&
	       (int64_t)time(NULL) >= s->tok.expires_at - EXPIRY_MARGIN_S &&
	       (s->tok.refresh_token || s->signin);
}

/* Overwrite each copy of secret in body (a copy made on the first hit,
 * *copy; body_len stays). */
static void mask_one(const char *body, size_t len, char **copy,
		     const char *secret)
{
	size_t sl = secret ? strlen(secret) : 0;
	const char *hit;
	size_t off = 0;

	if (sl < 8)                 /* no token is this short */
		return;
	while (off < len &&
	       (hit = memmem((*copy ? *copy : body) + off, len - off, secret,
			     sl))) {
		off = (size_t)(hit - (*copy ? *copy : body));
		if (!*copy) {
			*copy = xmalloc(len + 1);
			memcpy(*copy, body, len);
			(*copy)[len] = '\0';
		}
		memset(*copy + off, '*', sl);
		off += sl;
	}
}

/*
 * A platform that echoes the login back (a broken or hostile one, in a
 * problem detail, say) must not get the tokens into a message, the log
 * or the output: its answers are given on with every copy masked. Not
 * the successful OAuth answers, which carry the new tokens. NULL when
 * nothing was masked.
 */
static char *mask_tokens(const struct call *c,
			 const struct akt_http_resp *resp)
{
	const struct akt_session *s = c->s;
	char *copy = NULL;

	if (!s->have_tok || !resp->body || !resp->body_len ||
	    (c->anonymous && resp->status < 400))
		return NULL;
	mask_one(resp->body, resp->body_len, &copy, s->tok.access_token);
	mask_one(resp->body, resp->body_len, &copy, s->tok.refresh_token);
	return copy;
}

static void on_http(const struct akt_http_resp *raw, void *arg)
{
	struct call *c = arg;
	struct akt_session *s = c->s;
	enum akt_http_fail fail = raw->fail;
	struct akt_http_resp masked = *raw;
	const struct akt_http_resp *resp = raw;
	char *copy = mask_tokens(c, raw);

	if (copy) {
		masked.body = copy;
		resp = &masked;
	}
	c->xfer = NULL;             /* http frees it after this returns */
	log_answer(c, resp);
	if (resp->fail == AKT_HTTP_OK && resp->status == 401 &&
	    !c->anonymous && !c->refreshed && s->have_tok) {
		if (c->gen != s->gen) {     /* renewed since it was sent */
			c->refreshed = true;
			send_call(c);
			net_answer(s, fail);
			free(copy);
			return;
		}
		if (!s->refreshing)
			akt_log_note(s->log, "the access token was refused");
		wait_for_renewal(c);
		net_answer(s, fail);
		free(copy);
		return;
	}
	deliver(c, resp);
	free(copy);
	/* told last: the observer may cancel calls, and c is done with */
	net_answer(s, fail);
}

static void send_call(struct call *c)
{
	struct akt_session *s = c->s;
	struct akt_http_req req = {
		.method = c->method, .path = c->path, .body = c->body,
		.body_len = c->body_len, .content_type = c->content_type,
		.if_match = c->if_match, .idempotency_key = c->idem,
		.no_cache = c->no_cache, .timeout_ms = c->timeout_ms,
		.long_poll = c->long_poll,
	};
	char *auth = NULL;

	if (!s->server) {
		deliver_error(c, AKT_E_AUTH, "no platform chosen",
			      "run 'akt login URL', or 'set server' in the "
			      "config");
		return;
	}
	if (!c->anonymous && s->held) {
		/* locked: no renewal, no sign-in; what waits goes later */
		deliver_error(c, AKT_E_LOCKED, "akt is locked",
			      "unlock it, and what waits is sent");
		return;
	}
	if (!c->anonymous) {
		if (!s->have_tok && s->signin && !c->refreshed) {
			wait_for_renewal(c);
			return;
		}
		if (!s->have_tok) {
			char *msg = s->stored_server ?
				    xasprintf("not logged in to %s (the kept "
					      "login is for %s)", s->server,
					      s->stored_server) :
				    xasprintf("not logged in to %s", s->server);

			deliver_error(c, AKT_E_AUTH, msg,
				      akt_session_login_hint(s));
			free(msg);
			return;
		}
		if (!c->refreshed && token_expired(s)) {
			if (!s->refreshing)
				akt_log_note(s->log, "the access token's expiry "
					     "time has passed");
			wait_for_renewal(c);
			return;
		}
		auth = xasprintf("Bearer %s", s->tok.access_token);
		req.authorization = auth;
		c->gen = s->gen;
	}
	if (!s->http) {
		s->http = akt_http_new(s->loop, s->server, s->cfg);
		if (s->retry_set)
			akt_http_set_retry(s->http, &s->retry);
		akt_http_set_retry_observer(s->http, on_http_retry, s);
	}
	c->sent_ms = akt_loop_now();
	c->xfer = akt_http_request(s->http, &req, on_http, c);
	xfree_secret(&auth);
}

void akt_session_call(struct akt_session *s, const struct akt_call *ac,
		      akt_reply_cb *cb, void *arg)
{
	struct call *c = xcalloc(1, sizeof(*c));

	c->s = s;
	c->method = xstrdup(ac->method);
	c->path = xstrdup(ac->path);
	if (ac->body) {
		c->body = xmalloc(ac->body_len + 1);
		memcpy(c->body, ac->body, ac->body_len);
		c->body[ac->body_len] = '\0';
		c->body_len = ac->body_len;
	}
	c->content_type = xstrdup_opt(ac->content_type);
	c->if_match = xstrdup_opt(ac->if_match);
	c->idem = xstrdup_opt(ac->idempotency_key);
	c->anonymous = ac->anonymous;
	c->no_cache = ac->no_cache;
	c->long_poll = ac->long_poll;
	c->timeout_ms = ac->timeout_ms;
	c->cb = cb;
	c->arg = arg;
	c->next_live = s->live;
	if (s->live)
		s->live->prev_live = c;
	s->live = c;
	c->linked = true;
	send_call(c);
}

/* The session's own calls (the renewal of the login) are not the
 * caller's to count or cancel. */
static bool own_call(const struct call *c)
{
	return c->cb == on_refreshed;
}

unsigned akt_session_inflight(const struct akt_session *s)
{
	unsigned n = 0;

	for (const struct call *c = s->live; c; c = c->next_live)
		if (!c->cancelled && !own_call(c))
			n++;
	return n;
}

void akt_session_cancel_arg(struct akt_session *s, const void *arg)
{
	struct call *c, *next;

	for (c = s->live; c; c = next) {
		next = c->next_live;
		if (c->arg != arg || c->cancelled || own_call(c))
			continue;
		if (c->waiting) {
			/* in a list refresh_end may be walking: it frees it */
			c->cancelled = true;
			continue;
		}
		akt_http_cancel(c->xfer);
		call_free(c);
	}
}

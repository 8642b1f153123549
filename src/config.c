/*
 * config.c — the option table, value parsing and the config file.
 */
#include "akt/config.h"
#include "akt/buf.h"
#include "akt/paths.h"
#include "akt/xalloc.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define OPT(field) offsetof(struct akt_config, field)
#define CONFIG_MAX_SIZE ((size_t)1 << 20)

const struct akt_option akt_options[] = {
	{ "server", AKT_OPT_URL, OPT(server), "", 0, 0, NULL,
	  "URL of the platform, e.g. https://akt.example.se" },
	{ "token_store", AKT_OPT_CHOICE, OPT(token_store), "file", 0, 0,
	  "file|none",
	  "keep the login in a private file, or only for one run" },
	{ "connect_timeout", AKT_OPT_SECONDS, OPT(connect_timeout), "10",
	  1, 300, NULL, "seconds to wait for a connection" },
	{ "request_timeout", AKT_OPT_SECONDS, OPT(request_timeout), "60",
	  1, 3600, NULL, "seconds one request may take in all" },
	{ "low_speed_time", AKT_OPT_SECONDS, OPT(low_speed_time), "20",
	  0, 3600, NULL,
	  "seconds without data until a transfer stalls (0 = off)" },
	{ "max_body", AKT_OPT_BYTES, OPT(max_body), "8M", 1024,
	  1L << 30, NULL, "largest answer accepted from the platform" },
	{ "ca_file", AKT_OPT_PATH, OPT(ca_file), "", 0, 0, NULL,
	  "file of CA certificates to trust instead of the system's" },
	{ "tls_verify", AKT_OPT_CHOICE, OPT(tls_verify), "yes", 0, 0, "yes|no",
	  "check the platform's certificate; no is for tests only" },
	{ "user", AKT_OPT_STRING, OPT(user), "", 0, 0, NULL,
	  "your user name, for logins with a password" },
	{ "credential_command", AKT_OPT_COMMAND, OPT(credential_command), "",
	  0, 0, NULL,
	  "command that prints your password (password manager)" },
	{ "theme", AKT_OPT_STRING, OPT(theme), "default", 0, 0, NULL,
	  "colours of the full-screen client: a theme or a file" },
	{ "lock_after", AKT_OPT_MINUTES, OPT(lock_after), "10", 0, 1440, NULL,
	  "minutes without a key until the screen locks (0 = off)" },
	{ "open_command", AKT_OPT_COMMAND, OPT(open_command), "", 0, 0, NULL,
	  "command that opens a document saved from a case" },
	{ "history_size", AKT_OPT_NUMBER, OPT(history_size), "500", 0, 100000,
	  NULL, "lines of the command-line history kept" },
	{ "editor", AKT_OPT_COMMAND, OPT(editor), "internal", 1, 0, NULL,
	  "the editor to write in: internal, external or a command" },
};
const size_t akt_noptions = AKT_LEN(akt_options);

static const struct akt_option *find_option(const char *name)
{
	for (size_t i = 0; i < akt_noptions; i++)
		if (strcmp(akt_options[i].name, name) == 0)
			return &akt_options[i];
	return NULL;
}

static void *field(struct akt_config *cfg, const struct akt_option *o)
{
	return (char *)cfg + o->offset;
}

/* Only names that cannot leave the machine: a DNS name that merely
 * starts with "127." could. */
static bool is_loopback(const char *host)
{
	struct in_addr a;

	if (strcmp(host, "localhost") == 0 || strcmp(host, "[::1]") == 0)
		return true;
	return inet_pton(AF_INET, host, &a) == 1 &&
	       (ntohl(a.s_addr) >> 24) == 127;
}

bool akt_server_check(const char *url, char **out, char **err)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *user = NULL, *query = NULL;
	char *frag = NULL, *norm = NULL;
	bool ok = false;
	size_t len;

	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		*err = xasprintf("'%s' is not a URL like https://akt.example.se",
				 url);
		goto out;
	}
	if (strcmp(scheme, "https") != 0 && strcmp(scheme, "http") != 0) {
		*err = xasprintf("'%s' is not an http or https URL", url);
		goto out;
	}
	if (strcmp(scheme, "http") == 0 && !is_loopback(host)) {
		*err = xasprintf("refusing plain http to %s: passwords and "
				 "tokens would cross the network unencrypted; "
				 "use https", host);
		goto out;
	}
	curl_url_get(u, CURLUPART_USER, &user, 0);
	curl_url_get(u, CURLUPART_QUERY, &query, 0);
	curl_url_get(u, CURLUPART_FRAGMENT, &frag, 0);
	if (user || query || frag) {
		*err = xasprintf("'%s': a platform URL has no user name, query "
				 "or fragment", url);
		goto out;
	}
	if (curl_url_get(u, CURLUPART_URL, &norm, 0) != CURLUE_OK) {
		*err = xasprintf("'%s' is not a usable URL", url);
		goto out;
	}
	len = strlen(norm);
	while (len > 0 && norm[len - 1] == '/')
		len--;
	*out = xstrndup(norm, len);
	ok = true;
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(user);
	curl_free(query);
	curl_free(frag);
	curl_free(norm);
	curl_url_cleanup(u);
	return ok;
}

static bool parse_number(const char *s, long min, long max, bool bytes,
			 long *out)
{
	long v = 0;
	const char *p = s;

	if (!isdigit((unsigned char)*p))
		return false;
	for (; isdigit((unsigned char)*p); p++) {
		if (v > (LONG_MAX - 9) / 10)
			return false;
		v = v * 10 + (*p - '0');
	}
	if (bytes && *p) {
		int shift = 0;

		switch (toupper((unsigned char)*p++)) {
		case 'K': shift = 10; break;
		case 'M': shift = 20; break;
		case 'G': shift = 30; break;
		default: return false;
		}
		if (v > LONG_MAX >> shift)
			return false;
		v <<= shift;
	}
	if (*p || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool akt_config_set(struct akt_config *cfg, const char *name,
		    const char *value, char **err)
{
	const struct akt_option *o = find_option(name);
	char *s = NULL, *msg = NULL;
	long n;

	if (!o) {
		*err = xasprintf("unknown option '%s'", name);
		return false;
	}
	switch (o->type) {
	case AKT_OPT_URL:
		if (*value && !akt_server_check(value, &s, &msg)) {
			*err = xasprintf("%s: %s", name, msg);
			free(msg);
			return false;
		}
		free(*(char **)field(cfg, o));
		*(char **)field(cfg, o) = s ? s : xstrdup("");
		return true;
	case AKT_OPT_PATH:
		s = akt_path_expand(value);
		if (*s && access(s, R_OK) != 0) {
			*err = xasprintf("%s: cannot read '%s': %s", name, s,
					 strerror(errno));
			free(s);
			return false;
		}
		free(*(char **)field(cfg, o));
		*(char **)field(cfg, o) = s;
		return true;
	case AKT_OPT_SECONDS:
	case AKT_OPT_MINUTES:
	case AKT_OPT_NUMBER:
	case AKT_OPT_BYTES:
		if (!parse_number(value, o->min, o->max,
				  o->type == AKT_OPT_BYTES, &n)) {
			*err = o->type == AKT_OPT_BYTES ?
			       xasprintf("%s: '%s' is not a size from 1K to 1G "
					 "(a number, optionally with K, M or G)",
					 name, value) :
			       xasprintf("%s: '%s' is not a number %s"
					 "from %ld to %ld", name, value,
					 o->type == AKT_OPT_SECONDS ?
					 "of seconds " :
					 o->type == AKT_OPT_MINUTES ?
					 "of minutes " : "", o->min, o->max);
			return false;
		}
		*(long *)field(cfg, o) = n;
		return true;
	case AKT_OPT_STRING:
	case AKT_OPT_COMMAND:
		if (o->min > 0 && !*value) {
			*err = xasprintf("%s: the value may not be empty", name);
			return false;
		}
		for (const char *c = value; *c; c++) {
			if (((unsigned char)*c < 0x20 && *c != '\t') ||
			    *c == 0x7f) {
				*err = xasprintf("%s: the value holds a control "
						 "character", name);
				return false;
			}
		}
		free(*(char **)field(cfg, o));
		*(char **)field(cfg, o) = xstrdup(value);
		return true;
	case AKT_OPT_CHOICE:
		n = 0;
		for (const char *c = o->choices; *c; n++) {
			size_t len = strcspn(c, "|");

			if (strlen(value) == len && strncmp(c, value, len) == 0) {
				*(int *)field(cfg, o) = (int)n;
				return true;
			}
			c += len + (c[len] == '|');
		}
		*err = xasprintf("%s: '%s' is not one of %s", name, value,
				 o->choices);
		return false;
	}
	return false;
}

void akt_config_init(struct akt_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	for (size_t i = 0; i < akt_noptions; i++) {
		char *err = NULL;

		if (!akt_config_set(cfg, akt_options[i].name,
				    akt_options[i].value, &err)) {
			/* the compiled-in defaults are wrong: a bug */
			fprintf(stderr, "akt: default: %s\n", err);
			abort();
		}
	}
}

static bool holds_string(const struct akt_option *o)
{
	switch (o->type) {
	case AKT_OPT_URL:
	case AKT_OPT_PATH:
	case AKT_OPT_STRING:
	case AKT_OPT_COMMAND:
		return true;
	case AKT_OPT_SECONDS:
	case AKT_OPT_MINUTES:
	case AKT_OPT_NUMBER:
	case AKT_OPT_BYTES:
	case AKT_OPT_CHOICE:
		return false;
	}
	return false;
}

void akt_config_clear(struct akt_config *cfg)
{
	for (size_t i = 0; i < akt_noptions; i++)
		if (holds_string(&akt_options[i]))
			xfree((char **)field(cfg, &akt_options[i]));
	for (size_t i = 0; i < cfg->nlines; i++) {
		free(cfg->lines[i].where);
		free(cfg->lines[i].kind);
		free(cfg->lines[i].text);
	}
	xfree(&cfg->lines);
	cfg->nlines = 0;
}

const char *akt_option_kind(const struct akt_option *o)
{
	switch (o->type) {
	case AKT_OPT_URL:     return "url";
	case AKT_OPT_PATH:    return "file";
	case AKT_OPT_SECONDS: return "seconds";
	case AKT_OPT_MINUTES: return "minutes";
	case AKT_OPT_NUMBER:  return "number";
	case AKT_OPT_BYTES:   return "size";
	case AKT_OPT_CHOICE:  return o->choices;
	case AKT_OPT_STRING:  return "text";
	case AKT_OPT_COMMAND: return "command";
	}
	return "";
}

char *akt_config_show(const struct akt_config *cfg,
		      const struct akt_option *o)
{
	const void *f = (const char *)cfg + o->offset;
	const char *c;
	int i;

	switch (o->type) {
	case AKT_OPT_URL:
	case AKT_OPT_PATH:
	case AKT_OPT_STRING:
	case AKT_OPT_COMMAND:
		return xstrdup(*(char *const *)f);
	case AKT_OPT_SECONDS:
	case AKT_OPT_MINUTES:
	case AKT_OPT_NUMBER:
		return xasprintf("%ld", *(const long *)f);
	case AKT_OPT_BYTES: {
		long v = *(const long *)f;

		if (v % (1L << 20) == 0)
			return xasprintf("%ldM", v >> 20);
		if (v % 1024 == 0)
			return xasprintf("%ldK", v >> 10);
		return xasprintf("%ld", v);
	}
	case AKT_OPT_CHOICE:
		for (c = o->choices, i = *(const int *)f; i > 0 && *c; i--)
			c += strcspn(c, "|") + 1;
		return xstrndup(c, strcspn(c, "|"));
	}
	return xstrdup("");
}

/* Value of a "set" line: a quoted string with \" and \\, or the rest of
 * the line up to a comment, trimmed. NULL when a quote is not closed. */
static char *line_value(const char *p)
{
	struct akt_buf b;

	akt_buf_init(&b, 0);
	if (*p == '"') {
		for (p++; *p && *p != '"'; p++) {
			if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
				p++;
			akt_buf_addc(&b, *p);
		}
		if (*p != '"') {
			akt_buf_free(&b);
			return NULL;
		}
		for (p++; *p == ' ' || *p == '\t'; p++)
			;
		if (*p && *p != '#') {
			akt_buf_free(&b);
			return NULL;
		}
		return akt_buf_steal(&b);
	}
	const char *end = p;

	/* '#' starts a comment at the start or after white space, so that
	 * a '#' inside a value (a URL fragment, a path) survives */
	for (const char *q = p; *q; q++) {
		if (*q == '#' && (q == p || q[-1] == ' ' || q[-1] == '\t'))
			break;
		if (*q != ' ' && *q != '\t')
			end = q + 1;
	}
	akt_buf_add(&b, p, (size_t)(end - p));
	return akt_buf_steal(&b);
}

/* Keep a "bind" or "color" line for the full-screen client, which
 * parses it: only it knows keys, actions and theme objects. */
static char *keep_line(struct akt_config *cfg, const char *kind,
		       const char *text, const char *where, unsigned lineno)
{
	size_t len = strlen(text);
	struct akt_config_line *l;

	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (len == 0 || *text == '#')
		return xasprintf("expected '%s'", strcmp(kind, "bind") == 0 ?
				 "bind SCREEN KEY ACTION" :
				 "color OBJECT FG BG [ATTR...]");
	cfg->lines = xreallocarray(cfg->lines, cfg->nlines + 1,
				   sizeof(*cfg->lines));
	l = &cfg->lines[cfg->nlines++];
	l->where = xasprintf("%s:%u", where, lineno);
	l->kind = xstrdup(kind);
	l->text = xstrndup(text, len);
	return NULL;
}

/* One line; returns NULL when fine, else the message. */
static char *parse_line(struct akt_config *cfg, char *line,
			const char *where, unsigned lineno)
{
	char *p = line, *name, *value, *err = NULL;
	size_t len;

	p += strspn(p, " \t");
	if (!*p || *p == '#')
		return NULL;
	len = strcspn(p, " \t");
	if ((len == 4 && strncmp(p, "bind", 4) == 0) ||
	    (len == 5 && strncmp(p, "color", 5) == 0)) {
		char *kind = xstrndup(p, len);

		err = keep_line(cfg, kind, p + len + strspn(p + len, " \t"),
				where, lineno);
		free(kind);
		return err;
	}
	if (len != 3 || strncmp(p, "set", 3) != 0)
		return xasprintf("unknown command '%.*s' (lines are 'set', "
				 "'bind' and 'color'; see akt.conf(5))",
				 (int)AKT_MIN(len, 40), p);
	p += len;
	p += strspn(p, " \t");
	name = p;
	len = strcspn(p, " \t=");
	p += len;
	p += strspn(p, " \t");
	if (len == 0 || *p != '=')
		return xstrdup("expected 'set NAME = VALUE'");
	name[len] = '\0';
	p++;
	p += strspn(p, " \t");
	value = line_value(p);
	if (!value)
		return xstrdup("unterminated or misplaced quote in value");
	akt_config_set(cfg, name, value, &err);
	free(value);
	return err;
}

bool akt_lines_parse(const char *text, const char *where, akt_line_fn *fn,
		     void *arg, char **err)
{
	struct akt_buf errors;
	char *copy = xstrdup(text), *line = copy, *next;
	unsigned lineno = 0;

	akt_buf_init(&errors, 0);
	for (; line; line = next) {
		char *msg;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		msg = fn(line, lineno, arg);
		if (msg) {
			akt_buf_printf(&errors, "%s%s:%u: %s", errors.len ? "\n" : "",
				       where, lineno, msg);
			free(msg);
		}
	}
	free(copy);
	if (!errors.len) {
		akt_buf_free(&errors);
		return true;
	}
	*err = akt_buf_steal(&errors);
	return false;
}

struct config_lines {
	struct akt_config *cfg;
	const char *where;
};

static char *config_line(char *line, unsigned lineno, void *arg)
{
	struct config_lines *c = arg;

	return parse_line(c->cfg, line, c->where, lineno);
}

bool akt_config_parse(struct akt_config *cfg, const char *text,
		      const char *where, char **err)
{
	struct config_lines c = { cfg, where };

	return akt_lines_parse(text, where, config_line, &c, err);
}

bool akt_config_read(const char *path, const char *what, const char *why,
		     bool must_exist, char **text, char **err)
{
	struct akt_buf b;
	struct stat st;
	bool ok = false;
	int fd;

	*text = NULL;
	akt_buf_init(&b, CONFIG_MAX_SIZE);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT && !must_exist)
			return true;
		*err = xasprintf("cannot open %s %s: %s", what, path,
				 strerror(errno));
		return false;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*err = xasprintf("%s %s is not a regular file", what, path);
		goto out;
	}
	if (st.st_uid != getuid() && st.st_uid != 0) {
		*err = xasprintf("%s %s belongs to another user; refusing it, "
				 "since its owner %s", what, path, why);
		goto out;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		*err = xasprintf("%s %s may be changed by others (mode %04o), "
				 "who %s; run 'chmod go-w %s'", what, path,
				 (unsigned)(st.st_mode & 07777), why, path);
		goto out;
	}
	for (;;) {
		char chunk[4096];
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = xasprintf("cannot read %s %s: %s", what, path,
					 strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if (!akt_buf_add(&b, chunk, (size_t)n)) {
			*err = xasprintf("%s %s is larger than 1 MiB", what,
					 path);
			goto out;
		}
	}
	if (memchr(akt_buf_str(&b), '\0', b.len)) {
		*err = xasprintf("%s %s is not a text file", what, path);
		goto out;
	}
	*text = akt_buf_steal(&b);
	ok = true;
out:
	close(fd);
	akt_buf_free(&b);
	return ok;
}

bool akt_config_load(struct akt_config *cfg, const char *path,
		     bool must_exist, char **err)
{
	char *text = NULL;
	bool ok;

	if (!akt_config_read(path, "config", "could redirect your login",
			     must_exist, &text, err))
		return false;
	if (!text)
		return true;
	ok = akt_config_parse(cfg, text, path, err);
	free(text);
	return ok;
}

const char *akt_config_open_command(const struct akt_config *cfg)
{
	const char *x11 = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");

	if (*cfg->open_command)
		return cfg->open_command;
	if ((x11 && *x11) || (wl && *wl))
		return "xdg-open";
	return NULL;
}

char *akt_config_path(void)
{
	return akt_path_xdg("XDG_CONFIG_HOME", ".config", "config");
}

bool akt_config_env(struct akt_config *cfg, char **err)
{
	const char *server = getenv("AKT_SERVER");
	char *url, *msg = NULL;

	if (!server || !*server)
		return true;
	if (!akt_server_check(server, &url, &msg)) {
		*err = xasprintf("AKT_SERVER: %s", msg);
		free(msg);
		return false;
	}
	free(cfg->server);
	cfg->server = url;
	return true;
}

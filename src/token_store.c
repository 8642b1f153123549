/*
 * token_store.c — reading and writing the token file.
 */
#include "akt/token_store.h"
#include "akt/decode.h"
#include "akt/paths.h"
#include "akt/xalloc.h"

#include <fcntl.h>
#include <jansson.h>
#include <sys/stat.h>
#include <unistd.h>

#define STORE_MAX_SIZE (64 * 1024)

void akt_tokens_clear(struct akt_tokens *t)
{
	xfree(&t->server);
	xfree(&t->username);
	xfree_secret(&t->access_token);
	xfree_secret(&t->refresh_token);
	t->expires_at = 0;
	xfree(&t->token_endpoint);
	xfree(&t->revocation_endpoint);
	xfree(&t->client_id);
}

void akt_tokens_copy(struct akt_tokens *dst, const struct akt_tokens *src)
{
	dst->server = xstrdup_opt(src->server);
	dst->username = xstrdup_opt(src->username);
	dst->access_token = xstrdup_opt(src->access_token);
	dst->refresh_token = xstrdup_opt(src->refresh_token);
	dst->expires_at = src->expires_at;
	dst->token_endpoint = xstrdup_opt(src->token_endpoint);
	dst->revocation_endpoint = xstrdup_opt(src->revocation_endpoint);
	dst->client_id = xstrdup_opt(src->client_id);
}

char *akt_tokens_path(void)
{
	return akt_path_xdg("XDG_STATE_HOME", ".local/state", "tokens");
}

static bool decode(const json_t *j, struct akt_tokens *t, char **err)
{
	const struct akt_dec d = { "token store", "", err };

	memset(t, 0, sizeof(*t));
	if (akt_dec_top(&d, j) &&
	    akt_dec_str(&d, j, "server", &t->server) &&
	    akt_dec_str(&d, j, "username", &t->username) &&
	    akt_dec_str(&d, j, "access_token", &t->access_token) &&
	    akt_dec_str_opt(&d, j, "refresh_token", &t->refresh_token) &&
	    akt_dec_int(&d, j, "expires_at", &t->expires_at) &&
	    akt_dec_str(&d, j, "token_endpoint", &t->token_endpoint) &&
	    akt_dec_str_opt(&d, j, "revocation_endpoint",
			    &t->revocation_endpoint) &&
	    akt_dec_str(&d, j, "client_id", &t->client_id))
		return true;
	akt_tokens_clear(t);
	return false;
}

int akt_tokens_load(const char *path, struct akt_tokens *t, char **err)
{
	char buf[STORE_MAX_SIZE + 1];
	size_t len = 0;
	struct stat st;
	json_t *j = NULL;
	char *msg = NULL;
	int result = -1, fd;

	memset(t, 0, sizeof(*t));
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		/* a link chooses where the next login is written */
		if (errno == ELOOP)
			*err = xasprintf("%s is a symbolic link; remove it and "
					 "run 'akt login'", path);
		else
			*err = xasprintf("cannot open %s: %s", path,
					 strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != getuid()) {
		*err = xasprintf("%s is not a file of yours; remove it and run "
				 "'akt login'", path);
		goto out;
	}
	if (st.st_mode & 077) {
		*err = xasprintf("%s could be read by others (mode %04o), so "
				 "the login in it may have leaked; remove it "
				 "and run 'akt login'", path,
				 (unsigned)(st.st_mode & 07777));
		goto out;
	}
	for (;;) {
		ssize_t n = read(fd, buf + len, sizeof(buf) - 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = xasprintf("cannot read %s: %s", path,
					 strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len == sizeof(buf) - 1) {
			*err = xasprintf("%s is too large to be a token store",
					 path);
			goto out;
		}
	}
	j = json_loadb(buf, len, JSON_REJECT_DUPLICATES, NULL);
	if (!j || !decode(j, t, &msg)) {
		*err = xasprintf("%s is damaged%s%s; remove it and run "
				 "'akt login'", path, msg ? ": " : "",
				 msg ? msg : "");
		goto out;
	}
	result = 1;
out:
	explicit_bzero(buf, sizeof(buf));
	free(msg);
	json_decref(j);
	close(fd);
	return result;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

bool akt_tokens_save(const char *path, const struct akt_tokens *t,
		     char **err)
{
	json_t *j;
	char *text = NULL, *tmp = NULL;
	bool ok = false, created = false;
	int fd = -1;

	if (!akt_path_private_dir(path, err))
		return false;
	j = json_pack("{s:s, s:s, s:s, s:o, s:I, s:s, s:o, s:s}",
		      "server", t->server, "username", t->username,
		      "access_token", t->access_token,
		      "refresh_token", str_or_null(t->refresh_token),
		      "expires_at", (json_int_t)t->expires_at,
		      "token_endpoint", t->token_endpoint,
		      "revocation_endpoint", str_or_null(t->revocation_endpoint),
		      "client_id", t->client_id);
	if (!j) {
		*err = xstrdup("cannot encode the tokens (not UTF-8?)");
		return false;
	}
	text = json_dumps(j, JSON_INDENT(2));
	json_decref(j);
	if (!text) {
		*err = xstrdup("out of memory encoding the tokens");
		return false;
	}
	tmp = xasprintf("%s.XXXXXX", path);
	fd = mkstemp(tmp);             /* created 0600 */
	if (fd < 0) {
		*err = xasprintf("cannot create %s: %s", tmp, strerror(errno));
		goto out;
	}
	created = true;
	size_t len = strlen(text), off = 0;

	while (off < len) {
		ssize_t n = write(fd, text + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = xasprintf("cannot write %s: %s", tmp,
					 strerror(errno));
			goto out;
		}
		off += (size_t)n;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		*err = xasprintf("cannot write %s: %s", tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		*err = xasprintf("cannot replace %s: %s", path, strerror(errno));
		goto out;
	}
	ok = true;
out:
	if (fd >= 0)
		close(fd);
	if (!ok && created)
		unlink(tmp);
	free(tmp);
	xfree_secret(&text);
	return ok;
}

bool akt_tokens_forget(const char *path, char **err)
{
	if (unlink(path) == 0 || errno == ENOENT)
		return true;
	*err = xasprintf("cannot remove %s: %s", path, strerror(errno));
	return false;
}

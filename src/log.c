/*
 * log.c — the debug log.
 */
#include "akt/log.h"
#include "akt/buf.h"
#include "akt/sanitize.h"
#include "akt/xalloc.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Bytes of a failure's answer written, enough for a problem+json. */
#define BODY_MAX 1000

struct akt_log {
	int fd;
	char *path;
};

struct akt_log *akt_log_open(const char *path, char **err)
{
	struct akt_log *log;
	struct stat st;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC,
		  0600);
	if (fd < 0) {
		*err = xasprintf("cannot open the log %s: %s", path,
				 errno == ELOOP ? "it is a symbolic link" :
				 strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != getuid()) {
		*err = xasprintf("the log %s is not a file of yours", path);
		close(fd);
		return NULL;
	}
	/* an old file others could read would show them the new lines */
	if ((st.st_mode & 077) && fchmod(fd, 0600) != 0) {
		*err = xasprintf("cannot make the log %s private: %s", path,
				 strerror(errno));
		close(fd);
		return NULL;
	}
	log = xcalloc(1, sizeof(*log));
	log->fd = fd;
	log->path = xstrdup(path);
	return log;
}

void akt_log_close(struct akt_log **logp)
{
	struct akt_log *log = *logp;

	if (!log)
		return;
	close(log->fd);
	free(log->path);
	free(log);
	*logp = NULL;
}

/* Write one line with the time in front; the text is sanitized here, so
 * nothing in the file can be a terminal escape when someone cats it. */
static void write_line(struct akt_log *log, const char *text)
{
	struct timespec ts;
	struct tm tm;
	char stamp[40];
	char *safe = akt_sanitize_str(text, AKT_SAN_ONELINE);
	char *line;
	size_t len, off = 0;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	line = xasprintf("%s.%03ldZ %s\n", stamp, ts.tv_nsec / 1000000, safe);
	len = strlen(line);
	/* a failing log must not fail the command: lines are lost, no more */
	while (off < len) {
		ssize_t n = write(log->fd, line + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	free(line);
	free(safe);
}

char *akt_log_format(const struct akt_log_req *r)
{
	struct akt_buf b;

	akt_buf_init(&b, 0);
	akt_buf_printf(&b, "%s %s ", r->method, r->url);
	if (r->status)
		akt_buf_printf(&b, "%d", r->status);
	else
		akt_buf_printf(&b, "failed");
	akt_buf_printf(&b, " %lld ms", (long long)r->ms);
	if (r->attempts > 1)
		akt_buf_printf(&b, ", %d %s", r->attempts - 1,
			       r->attempts == 2 ? "retry" : "retries");
	if (r->from_cache)
		akt_buf_addstr(&b, ", not modified (from the cache)");
	if (r->error)
		akt_buf_printf(&b, ": %s", r->error);
	if (r->withheld) {
		if (r->oauth_error)
			akt_buf_printf(&b, " error %s", r->oauth_error);
		akt_buf_addstr(&b, " [answer withheld: sensitive]");
	} else if (r->body && r->body_len) {
		size_t len = AKT_MIN(r->body_len, BODY_MAX);

		/* not inside a character: the sanitizer would mark it */
		while (len < r->body_len && len > 0 &&
		       ((unsigned char)r->body[len] & 0xC0) == 0x80)
			len--;
		akt_buf_addstr(&b, " answer: ");
		akt_buf_add(&b, r->body, len);
		if (len < r->body_len)
			akt_buf_addstr(&b, "…");
	}
	return akt_buf_steal(&b);
}

void akt_log_request(struct akt_log *log, const struct akt_log_req *r)
{
	char *text;

	if (!log)
		return;
	text = akt_log_format(r);
	write_line(log, text);
	free(text);
}

void akt_log_note(struct akt_log *log, const char *fmt, ...)
{
	va_list ap;
	char *text;

	if (!log)
		return;
	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	write_line(log, text);
	free(text);
}

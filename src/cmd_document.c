/*
 * cmd_document.c — akt document CASE DOC [-o FILE]
 *
 * Download a document of a case, GET …/documents/{id}/content, into a
 * file of mode 0600 — these are citizens' documents — that did not
 * exist before: akt never overwrites a file. The whole content is
 * received before the file is created, so a failed download leaves no
 * half file behind.
 */
#include "akt/buf.h"
#include "akt/case_cli.h"
#include "akt/case_format.h"
#include "akt/cmd.h"
#include "akt/sanitize.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

#include <fcntl.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

enum { OPT_OUT };

static const struct akt_opt opts[] = {
	[OPT_OUT] = { "o", "FILE", false,
		"write to FILE instead; '-' for standard output" },
	{ NULL, NULL, false, NULL },
};

struct download {
	char *data;
	size_t len;
	const char *number;     /* of the case, for messages */
	const char *doc;        /* the document as the officer named it */
	int rc;
	bool done;
};

/*
 * The document named doc: its id when doc is a number and such a
 * document exists, else its exact name. NULL after saying why.
 */
static const struct akt_document *find_document(const struct akt_case *c,
						 const char *doc, int *rc)
{
	const struct akt_document *found = NULL;
	struct akt_buf list;
	size_t n = 0;

	if (akt_all_digits(doc))
		for (size_t i = 0; i < c->ndocuments; i++)
			if (c->documents[i].id == strtoll(doc, NULL, 10))
				return &c->documents[i];
	for (size_t i = 0; i < c->ndocuments; i++)
		if (strcmp(c->documents[i].name, doc) == 0) {
			found = &c->documents[i];
			n++;
		}
	if (n == 1)
		return found;
	akt_buf_init(&list, 0);
	for (size_t i = 0; i < c->ndocuments; i++)
		if (n == 0 || strcmp(c->documents[i].name, doc) == 0)
			akt_buf_printf(&list, "%s%s (%lld)", list.len ? ", " : "",
				       c->documents[i].name,
				       (long long)c->documents[i].id);
	if (n > 1) {
		akt_cli_error("%zu documents of %s are named '%s'; give the id "
			      "instead: %s", n, c->s.number, doc,
			      akt_buf_str(&list));
		*rc = AKT_EXIT_USAGE;
	} else if (c->ndocuments == 0) {
		akt_cli_error("%s has no documents", c->s.number);
		*rc = AKT_EXIT_REFUSED;
	} else {
		akt_cli_error("%s has no document '%s'; its documents: %s",
			      c->s.number, doc, akt_buf_str(&list));
		*rc = AKT_EXIT_REFUSED;
	}
	akt_buf_free(&list);
	return NULL;
}

static bool text_type(const char *mt)
{
	size_t len = mt ? strcspn(mt, "; \t") : 0;

	return mt && ((len > 5 && strncasecmp(mt, "text/", 5) == 0) ||
		      (len == 16 && strncasecmp(mt, "application/json", 16) == 0) ||
		      (len > 5 && strncasecmp(mt + len - 5, "+json", 5) == 0));
}

/* Text a terminal can show: valid UTF-8 without NUL bytes. */
static bool text_content(const char *p, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;

		i += akt_utf8_decode(p + i, len - i, &cp);
		if (cp == AKT_UTF8_BAD || cp == 0)
			return false;
	}
	return true;
}

static void on_content(const struct akt_reply *r, void *arg)
{
	struct download *dl = arg;

	dl->done = true;
	/* The body is the document, not JSON: the session says so by
	 * calling a 2xx answer that is not JSON a protocol error. */
	if (r->status >= 200 && r->status < 300 &&
	    (r->result == AKT_OK || r->result == AKT_E_PROTOCOL)) {
		dl->data = xmalloc(r->body_len + 1);
		memcpy(dl->data, r->body, r->body_len);
		dl->len = r->body_len;
		return;
	}
	if (r->status == 404) {
		akt_cli_error("document '%s' of %s no longer exists; see 'akt "
			      "show %s'", dl->doc, dl->number, dl->number);
		dl->rc = AKT_EXIT_REFUSED;
	} else if (r->status == 403 || r->status == 410) {
		dl->rc = akt_case_fail(r, dl->number);
	} else {
		dl->rc = akt_cli_fail(r);
	}
}

static int not_text(const struct akt_document *d, bool labelled_text)
{
	/* a text type whose bytes are not text: say that, not "not text" */
	if (labelled_text)
		akt_cli_error("%s is labelled %s but holds bytes that are not "
			      "text; it is not written to a terminal (give -o "
			      "FILE, or redirect the output)", d->name,
			      d->media_type);
	else
		akt_cli_error("%s is %s, not text; it is not written to a "
			      "terminal (give -o FILE, or redirect the output)",
			      d->name, d->media_type);
	return AKT_EXIT_REFUSED;
}

static int to_stdout(struct akt_cli *cli, const struct akt_document *d,
		     const struct download *dl)
{
	char *safe;

	if (!isatty(fileno(cli->out))) {
		fwrite(dl->data, 1, dl->len, cli->out);
		return AKT_EXIT_OK;
	}
	if (!text_type(d->media_type))
		return not_text(d, false);
	if (!text_content(dl->data, dl->len))
		return not_text(d, true);
	/* a terminal: the text passes the sanitizer like all the rest */
	safe = akt_sanitize(dl->data, dl->len, 0, NULL);
	fputs(safe, cli->out);
	if (*safe && safe[strlen(safe) - 1] != '\n')
		fputc('\n', cli->out);
	free(safe);
	return AKT_EXIT_OK;
}

static int exists(const char *file)
{
	akt_cli_error("%s exists already and is not overwritten; remove it, or "
		      "give another name with -o FILE", file);
	return AKT_EXIT_REFUSED;
}

static int to_file(struct akt_cli *cli, const char *file,
		   const struct download *dl)
{
	size_t off = 0;
	int fd, err = 0;
	char *size, *safe;

	/* O_EXCL: never overwrite, and never follow a link planted there */
	fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return exists(file);
		akt_cli_error("cannot create %s: %s", file, strerror(errno));
		return AKT_EXIT_USAGE;
	}
	while (off < dl->len && !err) {
		ssize_t n = write(fd, dl->data + off, dl->len - off);

		if (n < 0 && errno != EINTR)
			err = errno;
		else if (n > 0)
			off += (size_t)n;
	}
	if (!err && fsync(fd) != 0 && errno != EINVAL)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (err) {
		unlink(file);
		akt_cli_error("cannot write %s: %s", file, strerror(err));
		return AKT_EXIT_USAGE;
	}
	size = akt_fmt_size((int64_t)dl->len);
	safe = akt_sanitize_str(file, AKT_SAN_ONELINE);
	fprintf(cli->out, "Saved %s (%s).\n", safe, size);
	free(safe);
	free(size);
	return AKT_EXIT_OK;
}

static int document(struct akt_cli *cli, const struct akt_args *a)
{
	const char *ref = a->pos[0], *out = a->opt[OPT_OUT];
	char *path = akt_case_path(ref, ""), *err = NULL, *file = NULL;
	const struct akt_document *d;
	struct akt_call call = { .method = "GET", .no_cache = true };
	struct download dl;
	struct akt_case c;
	struct stat st;
	json_t *j;
	int rc = AKT_EXIT_OK;

	if (out && !*out) {
		akt_cli_error("-o wants a file name, or '-' for standard output");
		free(path);
		return AKT_EXIT_USAGE;
	}
	j = akt_cli_get(cli, path, akt_case_fail, ref, &rc);
	xfree(&path);
	if (!j)
		return rc;
	if (!akt_case_decode(j, &c, &err)) {
		json_decref(j);
		return akt_cli_not_understood(err);
	}
	json_decref(j);
	if (!(d = find_document(&c, a->pos[1], &rc)))
		goto out;
	/* refused before the download, not after it */
	if (out && strcmp(out, "-") == 0) {
		if (isatty(fileno(cli->out)) && !text_type(d->media_type)) {
			rc = not_text(d, false);
			goto out;
		}
	} else {
		file = out ? xstrdup(out) : akt_fmt_file_name(d->name, d->id);
		if (lstat(file, &st) == 0) {
			rc = exists(file);
			goto out;
		}
	}
	memset(&dl, 0, sizeof(dl));
	dl.number = c.s.number;
	dl.doc = a->pos[1];
	path = xasprintf("/v1/cases/%lld/documents/%lld/content",
			 (long long)c.s.id, (long long)d->id);
	call.path = path;
	akt_session_call(cli->session, &call, on_content, &dl);
	akt_cli_wait(cli, &dl.done);
	rc = dl.rc;
	if (rc == AKT_EXIT_OK)
		rc = file ? to_file(cli, file, &dl) : to_stdout(cli, d, &dl);
	free(dl.data);
out:
	free(path);
	free(file);
	akt_case_clear(&c);
	return rc;
}

const struct akt_cmd akt_cmd_document = {
	.name = "document",
	.args = "CASE DOC",
	.min_pos = 2,
	.max_pos = 2,
	.summary = "download a document of a case",
	.help = "Download the document DOC (its id or its exact name, as 'akt\n"
		"show CASE' lists them) of the case CASE into the current\n"
		"directory, under the document's name made safe for a file\n"
		"name, or into FILE with -o. The file is created readable by\n"
		"you only, and an existing file is never overwritten (exit 2).\n"
		"-o - writes the content to standard output; to a terminal\n"
		"only text is written, cleaned of control characters.",
	.opts = opts,
	.session = true,
	.exec = document,
};

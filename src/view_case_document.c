/*
 * view_case_document.c — a document of the case to a file the officer
 * names, or to a private copy opened with open_command.
 *
 * The download goes through the session like every request, so the
 * screen goes on while it comes. The file is written whole to a
 * temporary file of mode 0600 beside it and then renamed into place, so
 * no half file is ever seen under the name; without the officer's
 * consent an existing file is never replaced, even one that appeared
 * while the download ran (link(2) refuses to replace).
 *
 * open_command runs in the background, in a session of its own, with
 * the file as its last argument — never parsed by the shell — and an
 * environment without anything of akt's own. The copies live in a 0700
 * directory that is removed when the case is closed.
 */
#include "view_case.h"
#include "akt/child.h"
#include "akt/case_format.h"
#include "akt/xalloc.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- writing the file ---------------------------------------------------- */

static bool write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;

	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno != EINTR)
			return false;
		if (n > 0)
			off += (size_t)n;
	}
	return true;
}

/* The directory of file, for a temporary name beside it. malloc'd. */
static char *dir_of(const char *file)
{
	const char *slash = strrchr(file, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == file)
		return xstrdup("/");
	return xstrndup(file, (size_t)(slash - file));
}

/* Put tmp in place as file: replacing only when allowed. */
static int put_in_place(const char *tmp, const char *file, bool replace)
{
	struct stat st;

	if (replace)
		return rename(tmp, file) == 0 ? 0 : errno;
	if (link(tmp, file) == 0) {
		unlink(tmp);
		return 0;
	}
	if (errno == EEXIST)
		return EEXIST;
	/* a file system without hard links: check, then rename */
	if (lstat(file, &st) == 0)
		return EEXIST;
	return rename(tmp, file) == 0 ? 0 : errno;
}

/* false with *err (one line) when the file could not be written. */
static bool write_file(const char *file, const char *data, size_t len,
		       bool replace, char **err)
{
	char *dir = dir_of(file);
	char *tmp = xasprintf("%s/.akt-XXXXXX", dir);
	int fd, e = 0;

	free(dir);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		*err = xasprintf(_("cannot write in the directory of %s: %s"),
				 file, strerror(errno));
		free(tmp);
		return false;
	}
	/* citizens' documents: for the officer's eyes only */
	if (fchmod(fd, 0600) != 0 || !write_all(fd, data, len) ||
	    (fsync(fd) != 0 && errno != EINVAL))
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	if (!e)
		e = put_in_place(tmp, file, replace);
	if (e) {
		unlink(tmp);
		*err = e == EEXIST ?
		       xasprintf(_("%s exists; nothing was replaced"), file) :
		       xasprintf(_("cannot write %s: %s"), file, strerror(e));
		free(tmp);
		return false;
	}
	free(tmp);
	return true;
}

/* ---- running open_command ------------------------------------------------ */

/* The command's first word, when it is a plain name, is on PATH (so a
 * missing viewer is reported instead of failing unseen). */
static bool on_path(const char *cmd)
{
	size_t len = strcspn(cmd, " \t");
	const char *path = getenv("PATH");
	char *word = xstrndup(cmd, len), *dirs, *save = NULL;
	bool found = false, plain = true;

	for (const char *p = word; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+", *p))
			plain = false;
	if (!plain || !*word) {
		free(word);
		return true;            /* a path or shell syntax: sh judges */
	}
	dirs = xstrdup(path ? path : "/usr/bin:/bin");
	for (char *d = strtok_r(dirs, ":", &save); d && !found;
	     d = strtok_r(NULL, ":", &save)) {
		char *f = xasprintf("%s/%s", *d ? d : ".", word);

		found = access(f, X_OK) == 0;
		free(f);
	}
	free(dirs);
	free(word);
	return found;
}

/*
 * sh -c 'CMD "$@"' sh FILE, detached: the child starts the viewer in a
 * grandchild and ends at once, so nothing is left for akt to reap and
 * the viewer outlives a closed case or akt itself.
 */
static bool spawn(const char *cmd, const char *file, char **err)
{
	char *script = xasprintf("%s \"$@\"", cmd);
	char *argv[] = { "/bin/sh", "-c", script, "sh", (char *)file, NULL };
	char **env = akt_child_env();
	long maxfd = akt_child_maxfd();
	int status = 0, e;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		pid_t viewer = fork();
		int null;

		if (viewer != 0)
			_exit(viewer < 0 ? 1 : 0);
		/* only async-signal-safe calls from here on; no socket or
		 * file of akt's goes along */
		setsid();
		akt_child_reset(maxfd);
		/* the viewer must not write over the screen or read keys */
		if ((null = open("/dev/null", O_RDWR)) >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
			if (null > 2)
				close(null);
		}
		execve("/bin/sh", argv, env);
		_exit(127);
	}
	e = errno;
	free(env);
	free(script);
	if (pid < 0) {
		*err = xasprintf(_("cannot start open_command: %s"),
				 strerror(e));
		return false;
	}
	/* the child ends right after its fork */
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
		*err = xstrdup(_("cannot start open_command: no process "
				 "could be made"));
		return false;
	}
	return true;
}

/* A 0700 directory of our own for the copies. */
static bool private_dir(struct vc *c, char **err)
{
	const char *base = getenv("XDG_RUNTIME_DIR");
	char *t;

	if (c->tmpdir)
		return true;
	if (!base || base[0] != '/')
		base = "/tmp";
	t = xasprintf("%s/akt-XXXXXX", base);
	if (!mkdtemp(t)) {
		*err = xasprintf(_("cannot make a private directory in %s: %s"),
				 base, strerror(errno));
		free(t);
		return false;
	}
	c->tmpdir = t;
	return true;
}

static void open_copy(struct ui_view *v, const char *data, size_t len)
{
	struct vc *c = vc_of(v);
	const char *cmd = akt_config_open_command(v->ui->cfg);
	char *safe, *file, *err = NULL;

	if (!cmd) {
		ui_err(v->ui, "%s", _("set open_command in the config to open "
				      "documents"));
		return;
	}
	if (!private_dir(c, &err))
		goto fail;
	safe = akt_fmt_file_name(c->dl.name, c->dl.doc_id);
	file = xasprintf("%s/%s", c->tmpdir, safe);
	free(safe);
	if (!write_file(file, data, len, true, &err) ||
	    !spawn(cmd, file, &err)) {
		free(file);
		goto fail;
	}
	ui_msg(v->ui, _("Opened %s with %s."), c->dl.name, cmd);
	free(file);
	return;
fail:
	ui_err(v->ui, "%s", err);
	free(err);
}

/* ---- the download -------------------------------------------------------- */

static void got_content(struct ui_view *v, const struct akt_reply *r,
			void *arg)
{
	struct vc *c = vc_of(v);
	char *err = NULL, *size;

	if ((unsigned)(uintptr_t)arg != c->dl.gen)
		return;
	/* the body is the document, not JSON: the session calls a 2xx
	 * answer that is not JSON a protocol error */
	if (r->status < 200 || r->status >= 300 ||
	    (r->result != AKT_OK && r->result != AKT_E_PROTOCOL)) {
		if (r->status == 404)
			ui_err(v->ui, _("%s is no longer part of the case"),
			       c->dl.name);
		else
			view_fail(v, r, c->dl.name);
		return;
	}
	if (c->dl.open) {
		open_copy(v, r->body, r->body_len);
		return;
	}
	if (!write_file(c->dl.file, r->body, r->body_len, c->dl.replace,
			&err)) {
		ui_err(v->ui, "%s", err);
		free(err);
		return;
	}
	size = akt_fmt_size((int64_t)r->body_len);
	ui_msg(v->ui, _("Saved %s (%s)."), c->dl.file, size);
	free(size);
}

static void fetch(struct ui_view *v, const struct akt_document *d,
		  const char *file, bool replace, bool open)
{
	struct vc *c = vc_of(v);
	char *sub = xasprintf("/documents/%lld/content", (long long)d->id);
	char *path = vc_path(c, sub);
	/* a download is read once: not kept in the tag cache */
	struct akt_call call = { .method = "GET", .path = path,
				 .no_cache = true };

	free(c->dl.name);
	free(c->dl.file);
	c->dl.doc_id = d->id;
	c->dl.name = xstrdup(d->name);
	c->dl.file = xstrdup_opt(file);
	c->dl.replace = replace;
	c->dl.open = open;
	akt_session_call(v->ui->session, &call, ui_req_cb,
			 ui_req_new(v, got_content,
				    (void *)(uintptr_t)++c->dl.gen));
	ui_msg(v->ui, _("Fetching %s…"), d->name);
	free(path);
	free(sub);
}

void vc_doc_save(struct ui_view *v, const struct akt_document *d,
		 const char *file, bool replace)
{
	fetch(v, d, file, replace, false);
}

void vc_doc_open(struct ui_view *v, const struct akt_document *d)
{
	const char *cmd = akt_config_open_command(v->ui->cfg);

	/* said before anything is fetched */
	if (!cmd) {
		ui_err(v->ui, "%s", _("set open_command in the config to open "
				      "documents"));
		return;
	}
	if (!on_path(cmd)) {
		ui_err(v->ui, _("open_command: '%.*s' is not installed; set "
				"open_command in the config"),
		       (int)strcspn(cmd, " \t"), cmd);
		return;
	}
	fetch(v, d, NULL, true, true);
}

void vc_doc_done(struct ui_view *v)
{
	struct vc *c = vc_of(v);
	DIR *dir;
	struct dirent *e;

	free(c->dl.name);
	free(c->dl.file);
	if (!c->tmpdir)
		return;
	/* the copies go with the case; a viewer that has one open keeps
	 * reading it, as files removed while open stay readable */
	if ((dir = opendir(c->tmpdir))) {
		while ((e = readdir(dir)))
			if (strcmp(e->d_name, ".") != 0 &&
			    strcmp(e->d_name, "..") != 0)
				unlinkat(dirfd(dir), e->d_name, 0);
		closedir(dir);
	}
	rmdir(c->tmpdir);
	xfree(&c->tmpdir);
}

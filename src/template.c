/*
 * template.c — the officer's text templates: listing, reading and
 * filling in placeholders.
 */
#include "akt/template.h"
#include "akt/buf.h"
#include "akt/i18n.h"
#include "akt/paths.h"
#include "akt/sanitize.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

char *akt_template_dir(void)
{
	return akt_path_xdg("XDG_CONFIG_HOME", ".config", "templates");
}

static bool listed(const char *name)
{
	size_t n = strlen(name);

	return n > 0 && name[0] != '.' && name[n - 1] != '~';
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

bool akt_template_list(const char *dir, char ***names, size_t *n,
		       char **err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t cap = 0;

	*names = NULL;
	*n = 0;
	if (!d) {
		if (errno == ENOENT)
			return true;
		*err = xasprintf(_("cannot read the templates in %s: %s"),
				 dir, strerror(errno));
		return false;
	}
	while ((e = readdir(d))) {
		struct stat st;

		if (!listed(e->d_name) ||
		    fstatat(dirfd(d), e->d_name, &st, 0) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*names = xreallocarray(*names, cap, sizeof(**names));
		}
		(*names)[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(*names, *n, sizeof(**names), by_name);
	return true;
}

void akt_template_list_free(char ***names, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		free((*names)[i]);
	xfree(names);
	*n = 0;
}

static bool valid_utf8(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;

		i += akt_utf8_decode(s + i, len - i, &cp);
		if (cp == AKT_UTF8_BAD || cp == 0)
			return false;
	}
	return true;
}

bool akt_template_read(const char *dir, const char *name, char **text,
		       char **err)
{
	struct akt_buf b;
	struct stat st;
	char *path;
	int fd;
	bool ok = false;

	if (!listed(name) || strchr(name, '/')) {
		*err = xasprintf(_("'%s' is not a template name"), name);
		return false;
	}
	path = xasprintf("%s/%s", dir, name);
	/* Symbolic links are followed, as the list does (dotfile managers
	 * link templates in); O_NONBLOCK so a FIFO cannot hang the open,
	 * and only a regular file is read. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		*err = errno == ENOENT ?
		       xasprintf(_("no template '%s' in %s"), name, dir) :
		       xasprintf(_("cannot read template %s: %s"), path,
				 strerror(errno));
		free(path);
		return false;
	}
	akt_buf_init(&b, AKT_TEMPLATE_MAX);
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*err = xasprintf(_("template %s is not a regular file"), path);
		goto out;
	}
	/* its words go to citizens under the officer's name */
	if (st.st_uid != getuid() && st.st_uid != 0) {
		*err = xasprintf(_("template %s belongs to another user; "
				   "refusing it"), path);
		goto out;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		*err = xasprintf(_("template %s may be changed by others "
				   "(mode %04o); run 'chmod go-w %s'"), path,
				 (unsigned)(st.st_mode & 07777), path);
		goto out;
	}
	for (;;) {
		char chunk[4096];
		ssize_t r = read(fd, chunk, sizeof(chunk));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*err = xasprintf(_("cannot read template %s: %s"), path,
					 strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		if (!akt_buf_add(&b, chunk, (size_t)r)) {
			*err = xasprintf(_("template %s is larger than %zu KB"),
					 path, AKT_TEMPLATE_MAX / 1024);
			goto out;
		}
	}
	if (!valid_utf8(akt_buf_str(&b), b.len)) {
		*err = xasprintf(_("template %s is not UTF-8 text"), path);
		goto out;
	}
	if (b.len && b.data[b.len - 1] == '\n')
		b.data[--b.len] = 0;
	*text = akt_buf_steal(&b);
	ok = true;
out:
	close(fd);
	akt_buf_free(&b);
	free(path);
	return ok;
}

static const struct akt_template_var *
find_var(const struct akt_template_var *vars, size_t n, const char *name,
	 size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(vars[i].name) == len &&
		    strncmp(vars[i].name, name, len) == 0)
			return vars[i].value ? &vars[i] : NULL;
	return NULL;
}

char *akt_template_expand(const char *text,
			  const struct akt_template_var *vars, size_t n)
{
	struct akt_buf b;
	const char *p = text;

	akt_buf_init(&b, 0);
	while (*p) {
		const char *open = strchr(p, '{'), *close;
		const struct akt_template_var *v = NULL;

		if (!open) {
			akt_buf_addstr(&b, p);
			break;
		}
		akt_buf_add(&b, p, (size_t)(open - p));
		close = open + 1 + strspn(open + 1,
					  "abcdefghijklmnopqrstuvwxyz_");
		if (*close == '}')
			v = find_var(vars, n, open + 1,
				     (size_t)(close - open - 1));
		if (v) {
			char *clean = akt_sanitize_str(v->value,
						       AKT_SAN_ONELINE);

			akt_buf_addstr(&b, clean);
			free(clean);
			p = close + 1;
		} else {
			akt_buf_addc(&b, '{');
			p = open + 1;
		}
	}
	return akt_buf_steal(&b);
}

/*
 * paths.c — XDG locations and private directories.
 */
#include "akt/paths.h"
#include "akt/xalloc.h"

#include <sys/stat.h>
#include <unistd.h>

char *akt_path_xdg(const char *env, const char *fallback, const char *file)
{
	const char *base = getenv(env), *home = getenv("HOME");

	if (base && base[0] == '/')
		return xasprintf("%s/akt/%s", base, file);
	if (home && home[0] == '/')
		return xasprintf("%s/%s/akt/%s", home, fallback, file);
	return NULL;
}

char *akt_path_expand(const char *path)
{
	const char *home = getenv("HOME");

	if (path[0] == '~' && path[1] == '/' && home && *home)
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

bool akt_path_private_dir(const char *path, char **err)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	struct stat st;
	bool ok = false;

	if (!slash || slash == dir) {
		*err = xasprintf("%s: not an absolute file name", path);
		goto out;
	}
	*slash = '\0';
	/* parents first, each created 0700 (existing ones are left alone) */
	for (char *p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			*err = xasprintf("cannot create %s: %s", dir,
					 strerror(errno));
			goto out;
		}
		*p = c;
		if (!c)
			break;
	}
	if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		*err = xasprintf("%s is not a directory", dir);
		goto out;
	}
	if (st.st_uid != getuid()) {
		*err = xasprintf("%s belongs to another user; refusing to keep "
				 "the login there", dir);
		goto out;
	}
	if ((st.st_mode & 077) && chmod(dir, 0700) != 0) {
		*err = xasprintf("cannot make %s private: %s", dir,
				 strerror(errno));
		goto out;
	}
	ok = true;
out:
	free(dir);
	return ok;
}

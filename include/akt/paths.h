/*
 * paths.h — where akt keeps its files (XDG base directories) and the
 * small path helpers that go with that.
 */
#ifndef AKT_PATHS_H
#define AKT_PATHS_H

#include "akt/base.h"

/*
 * $ENV/akt/FILE, or $HOME/FALLBACK/akt/FILE when ENV is unset or not
 * absolute (the XDG rule); malloc'd, NULL when there is no home either.
 */
char *akt_path_xdg(const char *env, const char *fallback, const char *file);

/* "~/x" → "$HOME/x"; anything else copied. malloc'd. */
char *akt_path_expand(const char *path);

/*
 * Create the directory holding path, and its parents, with mode 0700.
 * The last directory must end up owned by us and closed to others (it is
 * tightened when it is ours but open). False with *err otherwise.
 */
bool akt_path_private_dir(const char *path, char **err);

#endif

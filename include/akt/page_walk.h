/*
 * page_walk.h — reading a paginated list ({"items","next","prev",
 * "total"}) for the command line: one page, or with --all every page in
 * turn, each printed as it arrives and then freed, so memory stays the
 * same however long the list is. With --json one page is printed as the
 * platform's answer, and --all prints one JSON array written item by
 * item.
 */
#ifndef AKT_PAGE_WALK_H
#define AKT_PAGE_WALK_H

#include "akt/case_cli.h"

struct akt_walk {
	struct akt_cli *cli;
	bool all;               /* follow "next" to the end */
	bool json;              /* print JSON, not the page callback's table */
	/*
	 * Decode one page and, unless json, print it; an exit code. first
	 * is true for the first page. The walk stops at the first failure.
	 */
	int (*page)(struct akt_walk *w, const json_t *page, bool first);
	void *arg;              /* for page */
	akt_get_fail *fail;     /* how a failed request is reported; NULL:
				 * akt_cli_fail */
	const char *what;       /* passed to fail */

	/* filled in while walking */
	size_t items;           /* items of the pages read so far */
	int64_t total;          /* "total" of the last page; -1 if none */
	bool more;              /* the last page read has a next one */
};

/* Walk the list at path, which has a query already ("…?limit=200");
 * the cursor is added to it. Returns an exit code. */
int akt_walk_pages(struct akt_walk *w, const char *path);

#endif

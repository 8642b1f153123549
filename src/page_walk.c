/*
 * page_walk.c — one page of a list, or all of them one after another.
 */
#include "akt/page_walk.h"
#include "akt/json_text.h"
#include "akt/urlenc.h"
#include "akt/xalloc.h"

/*
 * A walk keeps one request in flight ahead of the officer's screen: as
 * soon as a page names the next, that one is asked for, and the page in
 * hand is decoded and printed while the platform prepares the next.
 * Pages still arrive one at a time and in order.
 */
struct step {
	struct akt_walk *w;
	const char *path;       /* the list, with its query */
	char *cursor;           /* of the page asked for last, or NULL */
	bool first;             /* the next page to arrive is the first */
	bool stop;              /* no more pages: finished, failed or cut */
	int inflight;           /* requests not answered yet */
	bool idle;              /* stop && !inflight: the walk is over */
	bool opened;            /* --json --all: "[" is out */
	int rc;
};

static void on_page(const struct akt_reply *r, void *arg);

static void ask(struct step *st)
{
	/* a walk reads each page once: caching pages would only hold them;
	 * after the first, a walk needs no count of the list on every page */
	struct akt_call c = { .method = "GET", .no_cache = st->w->all };
	char *esc = st->cursor ? akt_url_escape(st->cursor) : NULL;
	char *path = esc ? xasprintf("%s&%scursor=%s", st->path,
				     st->w->all ? "total=false&" : "", esc)
			 : xstrdup(st->path);

	c.path = path;
	st->inflight++;
	akt_session_call(st->w->cli->session, &c, on_page, st);
	free(path);
	free(esc);
}

static void end_walk(struct step *st, int rc)
{
	if (!st->stop)
		st->rc = rc;
	st->stop = true;
}

/* --json --all: the items of a page, continuing one array. */
static void print_items(struct akt_walk *w, const json_t *items)
{
	FILE *out = w->cli->out;
	size_t i;
	json_t *item;

	json_array_foreach(items, i, item) {
		char *text = akt_json_text(item);

		fputs(w->items + i ? ",\n" : "\n", out);
		fputs(text, out);
		free(text);
	}
}

static void on_page(const struct akt_reply *r, void *arg)
{
	struct step *st = arg;
	struct akt_walk *w = st->w;
	const json_t *items, *next, *total;
	bool first = st->first;
	int rc;

	st->inflight--;
	st->first = false;
	if (st->stop)
		goto out;       /* a page asked for before the walk stopped */
	if (r->result != AKT_OK) {
		end_walk(st, w->fail ? w->fail(r, w->what) : akt_cli_fail(r));
		goto out;
	}
	if (!r->json) {
		end_walk(st, akt_cli_not_understood(xstrdup("the answer is "
							    "empty")));
		goto out;
	}
	items = json_object_get(r->json, "items");
	next = json_object_get(r->json, "next");
	total = json_object_get(r->json, "total");
	if (!json_is_array(items)) {
		end_walk(st, akt_cli_not_understood(xstrdup("a page without "
							    "'items'")));
		goto out;
	}
	w->more = json_is_string(next) && *json_string_value(next);
	if (w->more && w->all) {
		/* an empty page, or the same page again, would never end */
		if (json_array_size(items) == 0) {
			end_walk(st, akt_cli_not_understood(xstrdup(
				"an empty page that is not the last")));
			goto out;
		}
		if (st->cursor && strcmp(st->cursor, json_string_value(next)) == 0) {
			end_walk(st, akt_cli_not_understood(xstrdup(
				"the next page is the same page again")));
			goto out;
		}
		free(st->cursor);
		st->cursor = xstrdup(json_string_value(next));
		ask(st);
	} else {
		st->stop = true;
	}
	/* decoded first even for --json: what akt cannot read, it does
	 * not pass on as if it were fine */
	rc = w->page(w, r->json, first);
	if (rc != AKT_EXIT_OK) {
		end_walk(st, rc);
		goto out;
	}
	if (w->json && !w->all) {
		akt_cli_print_json(w->cli, r->json);
	} else if (w->json) {
		if (!st->opened)
			fputs("[", w->cli->out);
		st->opened = true;
		print_items(w, items);
	}
	w->items += json_array_size(items);
	if (json_is_integer(total))
		w->total = json_integer_value(total);
	/* each page goes out as it arrives */
	fflush(w->cli->out);
	if (ferror(w->cli->out))
		end_walk(st, AKT_EXIT_OK);   /* the reader left; exit checks */
out:
	st->idle = st->stop && st->inflight == 0;
}

int akt_walk_pages(struct akt_walk *w, const char *path)
{
	struct step st;

	w->items = 0;
	w->total = -1;
	w->more = false;
	memset(&st, 0, sizeof(st));
	st.w = w;
	st.path = path;
	st.first = true;
	ask(&st);
	akt_cli_wait(w->cli, &st.idle);
	free(st.cursor);
	/* Once the array is open it is closed, even after a failure: the
	 * output stays valid JSON and the exit code tells it is cut short. */
	if (st.opened)
		fputs("\n]\n", w->cli->out);
	return st.rc;
}

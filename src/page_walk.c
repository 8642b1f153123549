/*
 * page_walk.c — one page of a list, or all of them one after another.
 */
#include "akt/page_walk.h"
#include "akt/json_text.h"
#include "akt/urlenc.h"
#include "akt/xalloc.h"

struct step {
	struct akt_walk *w;
	bool first;
	char *next;             /* cursor of the next page, or NULL */
	int rc;
	bool done;
};

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

	st->done = true;
	if (r->result != AKT_OK) {
		st->rc = w->fail ? w->fail(r, w->what) : akt_cli_fail(r);
		return;
	}
	if (!r->json) {
		st->rc = akt_cli_not_understood(xstrdup("the answer is empty"));
		return;
	}
	/* decoded first even for --json: what akt cannot read, it does
	 * not pass on as if it were fine */
	st->rc = w->page(w, r->json, st->first);
	if (st->rc != AKT_EXIT_OK)
		return;
	items = json_object_get(r->json, "items");
	next = json_object_get(r->json, "next");
	total = json_object_get(r->json, "total");
	if (!json_is_array(items)) {
		st->rc = akt_cli_not_understood(xstrdup("a page without "
							"'items'"));
		return;
	}
	if (w->json && !w->all) {
		akt_cli_print_json(w->cli, r->json);
	} else if (w->json) {
		if (st->first)
			fputs("[", w->cli->out);
		print_items(w, items);
	}
	w->items += json_array_size(items);
	w->total = json_is_integer(total) ? json_integer_value(total) : -1;
	w->more = json_is_string(next) && *json_string_value(next);
	if (w->more && w->all) {
		/* an empty page that promises more would never end */
		if (json_array_size(items) == 0) {
			st->rc = akt_cli_not_understood(xstrdup(
				"an empty page that is not the last"));
			return;
		}
		st->next = xstrdup(json_string_value(next));
	}
}

int akt_walk_pages(struct akt_walk *w, const char *path)
{
	/* a walk reads each page once: caching pages would only hold them */
	struct akt_call c = { .method = "GET", .no_cache = w->all };
	char *cursor = NULL, *esc, *page_path = xstrdup(path);
	struct step st;
	int rc;

	w->items = 0;
	w->total = -1;
	w->more = false;
	memset(&st, 0, sizeof(st));
	st.w = w;
	st.first = true;
	for (;;) {
		c.path = page_path;
		st.done = false;
		st.next = NULL;
		akt_session_call(w->cli->session, &c, on_page, &st);
		akt_cli_wait(w->cli, &st.done);
		rc = st.rc;
		/* each page goes out as it arrives */
		fflush(w->cli->out);
		if (rc != AKT_EXIT_OK || !st.next || ferror(w->cli->out))
			break;
		if (cursor && strcmp(cursor, st.next) == 0) {
			rc = akt_cli_not_understood(xstrdup(
				"the next page is the same page again"));
			break;
		}
		free(cursor);
		cursor = st.next;
		st.next = NULL;
		free(page_path);
		esc = akt_url_escape(cursor);
		page_path = xasprintf("%s&cursor=%s", path, esc);
		free(esc);
		st.first = false;
	}
	free(st.next);
	free(cursor);
	free(page_path);
	/* Once the array is open it is closed, even after a failure: the
	 * output stays valid JSON and the exit code tells it is cut short. */
	if (w->json && w->all && (rc == AKT_EXIT_OK || !st.first))
		fputs("\n]\n", w->cli->out);
	return rc;
}

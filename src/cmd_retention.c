/*
 * cmd_retention.c — akt retention SUBCOMMAND: the command's table entry,
 * choosing the subcommand, and what the subcommands share. The
 * subcommands live in cmd_retention_policy.c (list, show, set),
 * cmd_retention_purge.c (upcoming, log) and cmd_retention_hold.c (hold,
 * release).
 */
#include "akt/conflict.h"
#include "akt/sanitize.h"
#include "akt/when.h"
#include "akt/xalloc.h"
#include "cmd_retention.h"

/* A runaway list (a platform repeating cursors) ends here. */
#define MAX_PAGES 10000

static const struct akt_opt opts[] = {
	[RET_OPT_JSON] = { "json", NULL, false,
		"print the platform's answer as JSON" },
	[RET_OPT_BEFORE] = { "before", "DATE", false,
		"upcoming: only cases due before DATE (2026-12-31)" },
	[RET_OPT_SERVICE] = { "service", "SERVICE", false,
		"upcoming: only this e-service (id or name)" },
	[RET_OPT_REASON] = { "reason", "TEXT", false,
		"hold: why the case must be kept (required)" },
	{ NULL, NULL, false, NULL },
};

#define O(x) (1u << (x))

static const struct sub {
	const char *name, *args;
	int npos;                    /* words after the subcommand */
	unsigned opts;               /* the options it takes */
	int (*run)(struct ret *rt);
} subs[] = {
	{ "list", "", 0, O(RET_OPT_JSON), ret_list },
	{ "show", "SERVICE", 1, O(RET_OPT_JSON), ret_show },
	{ "set", "SERVICE DAYS", 2, O(RET_OPT_JSON), ret_set },
	{ "upcoming", "[--before DATE] [--service SERVICE]", 0,
	  O(RET_OPT_JSON) | O(RET_OPT_BEFORE) | O(RET_OPT_SERVICE),
	  ret_upcoming },
	{ "hold", "CASE --reason TEXT", 1, O(RET_OPT_JSON) | O(RET_OPT_REASON),
	  ret_hold },
	{ "release", "CASE", 1, O(RET_OPT_JSON), ret_release },
	{ "log", "", 0, O(RET_OPT_JSON), ret_log },
};

static int usage(const struct sub *s, const char *fmt, ...) AKT_PRINTF(2, 3);

static int usage(const struct sub *s, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	akt_cli_error("retention: %s", msg);
	free(msg);
	if (s) {
		fprintf(stderr, "usage: akt retention %s%s%s%s\n", s->name,
			*s->args ? " " : "", s->args,
			s->opts & O(RET_OPT_JSON) ? " [--json]" : "");
	} else {
		fputs("usage: akt retention", stderr);
		for (size_t i = 0; i < AKT_LEN(subs); i++)
			fprintf(stderr, "%s%s", i ? " | " : " ", subs[i].name);
		fputc('\n', stderr);
	}
	return AKT_EXIT_USAGE;
}

static int retention(struct akt_cli *cli, const struct akt_args *a)
{
	const struct sub *s = NULL;
	struct ret rt = { cli, a, a->pos + 1, akt_ui_lang(),
			  a->opt[RET_OPT_JSON] != NULL };

	for (size_t i = 0; i < AKT_LEN(subs); i++)
		if (strcmp(subs[i].name, a->pos[0]) == 0)
			s = &subs[i];
	if (!s)
		return usage(NULL, "unknown subcommand '%s'", a->pos[0]);
	if (a->npos - 1 != s->npos)
		return usage(s, a->npos - 1 < s->npos ? "too few arguments" :
			     "too many arguments");
	for (int o = 0; opts[o].name; o++)
		if (a->opt[o] && !(s->opts & O(o)))
			return usage(s, "%s takes no --%s", s->name,
				     opts[o].name);
	return s->run(&rt);
}

/* ---- shared by the subcommands ----------------------------------------- */

void ret_wait_cb(const struct akt_reply *r, void *arg)
{
	struct ret_wait *w = arg;

	w->rc = w->fn(r, w->arg);
	w->done = true;
}

int ret_wait(struct ret *rt, struct ret_wait *w)
{
	akt_cli_wait(rt->cli, &w->done);
	return w->rc;
}

int ret_call(struct ret *rt, const char *method, const char *path,
	     const char *body, const char *if_match, ret_reply_fn *fn,
	     void *arg)
{
	struct ret_wait w = { fn, arg, false, AKT_EXIT_OK };
	struct akt_call c = {
		.method = method, .path = path, .body = body,
		.body_len = body ? strlen(body) : 0, .if_match = if_match,
	};

	akt_session_call(rt->cli->session, &c, ret_wait_cb, &w);
	return ret_wait(rt, &w);
}

int ret_fail(const struct akt_reply *r, const char *fmt, ...)
{
	va_list ap;
	char *what;

	va_start(ap, fmt);
	what = xvasprintf(fmt, ap);
	va_end(ap);
	if (r->hint)
		akt_cli_error("%s: %s; %s", what, r->error, r->hint);
	else
		akt_cli_error("%s: %s", what, r->error);
	free(what);
	return akt_cli_exit_code(r->result);
}

int ret_not_understood(const char *err)
{
	akt_cli_error("the platform's answer is not understood: %s; "
		      "if it persists, tell the platform's support", err);
	return AKT_EXIT_UNREACHABLE;
}

void ret_say(struct ret *rt, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	akt_cli_vsay(rt->cli, fmt, ap);
	va_end(ap);
}

const char *ret_name(const struct ret *rt, const struct akt_names *n)
{
	const char *name = akt_names_pick(n, rt->lang);

	return name ? name : "";
}

char *ret_when(const char *ts)
{
	char buf[AKT_WHEN_LEN];

	return xstrdup(akt_when(ts, buf));
}

char *ret_date(const char *ts)
{
	char buf[AKT_WHEN_LEN];
	const char *when = akt_when(ts, buf);

	/* "YYYY-MM-DD HH:MM" starts with the date; anything else (a time
	 * that did not parse) is shown whole */
	return strlen(when) == 16 && when[10] == ' ' ? xstrndup(when, 10) :
	       xstrdup(when);
}

struct policies {
	struct akt_retention_policy_list *l;
	json_t **json;
};

static int on_policies(const struct akt_reply *r, void *arg)
{
	struct policies *p = arg;
	char *err = NULL;

	if (r->result != AKT_OK)
		return ret_fail(r, "cannot list the retention policies");
	if (!akt_retention_policy_list_decode(r->json, p->l, &err)) {
		int rc = ret_not_understood(err);

		free(err);
		return rc;
	}
	if (p->json)
		*p->json = json_deep_copy(r->json);
	return AKT_EXIT_OK;
}

int ret_policies(struct ret *rt, struct akt_retention_policy_list *l,
		 json_t **json)
{
	struct policies p = { l, json };

	memset(l, 0, sizeof(*l));
	if (json)
		*json = NULL;
	return ret_call(rt, "GET", "/v1/retention/policies", NULL, NULL,
			on_policies, &p);
}

int ret_resolve(const struct akt_retention_policy_list *l, const char *name,
		const struct akt_retention_policy **out)
{
	*out = akt_retention_policy_find(l, name);
	if (*out)
		return AKT_EXIT_OK;
	akt_cli_error("no e-service '%s' has a retention policy; see 'akt "
		      "retention list'", name);
	return AKT_EXIT_REFUSED;
}

struct page {
	ret_page_fn *fn;
	const char *what;
	json_t *items;
	json_int_t total;
	char *next;
};

static int on_page(const struct akt_reply *r, void *arg)
{
	struct page *pg = arg;
	char *err = NULL;
	const json_t *items;

	if (r->result != AKT_OK)
		return ret_fail(r, "cannot read %s", pg->what);
	if (!pg->fn(r->json, &pg->next, &err)) {
		int rc = ret_not_understood(err);

		free(err);
		return rc;
	}
	/* the page decoder checked both */
	items = json_object_get(r->json, "items");
	pg->total = json_integer_value(json_object_get(r->json, "total"));
	for (size_t i = 0; i < json_array_size(items); i++)
		json_array_append_new(pg->items,
				      json_deep_copy(json_array_get(items, i)));
	return AKT_EXIT_OK;
}

int ret_all_pages(struct ret *rt, const char *what, ret_path_fn *path,
		  void *arg, ret_page_fn *fn, json_t **all)
{
	struct page pg = { fn, what, json_array(), 0, NULL };
	char *cursor = NULL;
	int rc = AKT_EXIT_OK;

	*all = NULL;
	for (int n = 0; rc == AKT_EXIT_OK; n++) {
		char *p = path(arg, cursor);

		rc = ret_call(rt, "GET", p, NULL, NULL, on_page, &pg);
		free(p);
		if (rc != AKT_EXIT_OK || !pg.next)
			break;
		if ((cursor && strcmp(cursor, pg.next) == 0) ||
		    n + 1 >= MAX_PAGES) {
			akt_cli_error("%s does not end: the platform keeps "
				      "answering with more pages", what);
			rc = AKT_EXIT_UNREACHABLE;
			break;
		}
		free(cursor);
		cursor = pg.next;
		pg.next = NULL;
	}
	free(cursor);
	free(pg.next);
	if (rc == AKT_EXIT_OK)
		*all = json_pack("{s:o, s:n, s:n, s:I}", "items", pg.items,
				 "next", "prev", "total", pg.total);
	else
		json_decref(pg.items);
	return rc;
}

const struct akt_cmd akt_cmd_retention = {
	.name = "retention",
	.args = "list | show SERVICE | set SERVICE DAYS | upcoming | "
		"hold CASE | release CASE | log",
	.min_pos = 1,
	.max_pos = 3,
	.summary = "retention policies (gallring), due purges, legal holds",
	.help = "Closed cases are purged (gallras) a number of days after\n"
		"closing, set per e-service by its retention policy.\n"
		"\n"
		"  list              every e-service with its days, when and by\n"
		"                    whom it was last changed, and whether you\n"
		"                    may change it (if not, why)\n"
		"  show SERVICE      one policy; SERVICE is the e-service's id\n"
		"                    or its Swedish or English name\n"
		"  set SERVICE DAYS  purge closed cases after DAYS days\n"
		"                    (1 to 36500; administrators only)\n"
		"  upcoming          closed cases of your units due for purging,\n"
		"                    soonest first, with their legal hold\n"
		"  hold CASE         set a legal hold: the case is not purged\n"
		"                    while it lasts (--reason is required)\n"
		"  release CASE      lift the legal hold\n"
		"  log               cases purged in your units, newest first\n"
		"\n"
		"CASE is a case number (BYGG-2026-000123) or id. Names are shown\n"
		"in Swedish when LC_ALL, LC_MESSAGES or LANG (the first set) is\n"
		"Swedish, else in English.",
	.opts = opts,
	.session = true,
	.exec = retention,
};

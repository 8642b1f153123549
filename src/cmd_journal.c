/*
 * cmd_journal.c — what the journal and message commands share.
 */
#include "cmd_journal.h"
#include "akt/case.h"
#include "akt/sanitize.h"
#include "akt/xalloc.h"

struct wait {
	jr_reply_fn *fn;
	void *arg;
	bool done;
	int rc;
};

static void on_reply(const struct akt_reply *r, void *arg)
{
	struct wait *w = arg;

	w->rc = w->fn(r, w->arg);
	w->done = true;
}

int jr_get(struct akt_cli *cli, const char *path, jr_reply_fn *fn,
	   void *arg)
{
	struct wait w = { fn, arg, false, AKT_EXIT_OK };
	struct akt_call c = { .method = "GET", .path = path };

	akt_session_call(cli->session, &c, on_reply, &w);
	akt_cli_wait(cli, &w.done);
	return w.rc;
}

bool jr_id(const char *word, const char *what, int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(word, &end, 10);
	if (word[0] < '0' || word[0] > '9' || *end || errno || v <= 0) {
		akt_cli_error("%s must be a number, such as 12, not '%s'", what,
			      word);
		return false;
	}
	*out = v;
	return true;
}

struct which {
	const char *case_ref, *what;
	int64_t id;
};

static int on_case(const struct akt_reply *r, void *arg)
{
	const struct which *w = arg;
	struct akt_case c;
	char *err = NULL;

	if (r->result != AKT_OK)
		return akt_case_fail(r, w->case_ref);
	if (!akt_case_decode(r->json, &c, &err))
		return akt_cli_not_understood(err);
	akt_cli_error("no %s %lld in %s", w->what, (long long)w->id,
		      c.s.number);
	akt_case_clear(&c);
	return AKT_EXIT_REFUSED;
}

int jr_not_found(struct akt_cli *cli, const char *case_ref,
		 const char *what, int64_t id)
{
	struct which w = { case_ref, what, id };
	char *path = akt_case_path(case_ref, "");
	int rc = jr_get(cli, path, on_case, &w);

	free(path);
	return rc;
}

void jr_say(struct akt_cli *cli, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	akt_cli_vsay(cli, fmt, ap);
	va_end(ap);
}

void jr_text(struct akt_cli *cli, const char *text, const char *indent)
{
	char *safe = akt_sanitize_str(text, 0);

	for (char *line = safe, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		/* no trailing blanks on an empty line */
		fprintf(cli->out, "%s%s\n", *line ? indent : "", line);
	}
	free(safe);
}

/*
 * cmd_messages.c — akt messages CASE [THREAD] [--json]
 *
 * Without THREAD the conversations of the case, the latest first; with
 * it the messages of that conversation, oldest first, with who has read
 * each and whether it has been filed into the journal. Reading a thread
 * here does not mark its messages read.
 */
#include "cmd_journal.h"
#include "akt/case_format.h"
#include "akt/table.h"
#include "akt/thread.h"
#include "akt/when.h"
#include "akt/xalloc.h"

enum { OPT_JSON };

static const struct akt_opt opts[] = {
	[OPT_JSON] = { "json", NULL, false,
		"print the platform's answer as JSON" },
	{ NULL, NULL, false, NULL },
};

enum { C_ID, C_SUBJECT, C_MSGS, C_UNREAD, C_LAST, NCOLS };

static const char *const headers[NCOLS] = {
	[C_ID] = "THREAD", [C_SUBJECT] = "SUBJECT", [C_MSGS] = "MSGS",
	[C_UNREAD] = "UNREAD", [C_LAST] = "LAST MESSAGE",
};

struct messages {
	struct akt_cli *cli;
	const char *case_ref;
	int64_t thread;              /* 0: the list of threads */
	bool json;
	bool not_found;
};

static void print_threads(struct akt_cli *cli, const char *case_ref,
			  const struct akt_thread_list *l)
{
	struct akt_table *t;

	if (l->n == 0) {
		jr_say(cli, "No messages in %s.", case_ref);
		return;
	}
	t = akt_table_new(NCOLS, headers);
	akt_table_col(t, C_ID, AKT_COL_RIGHT);
	akt_table_col(t, C_SUBJECT, AKT_COL_FLEX);
	akt_table_col(t, C_MSGS, AKT_COL_RIGHT);
	akt_table_col(t, C_UNREAD, AKT_COL_RIGHT);
	for (size_t i = 0; i < l->n; i++) {
		const struct akt_thread *th = &l->items[i];
		char *id = xasprintf("%lld", (long long)th->id);
		char *msgs = xasprintf("%lld", (long long)th->message_count);
		char *unread = xasprintf("%lld", (long long)th->unread);
		char when[AKT_WHEN_LEN];
		const char *cells[NCOLS] = {
			[C_ID] = id, [C_SUBJECT] = th->subject,
			[C_MSGS] = msgs, [C_UNREAD] = unread,
			[C_LAST] = akt_when(th->last_message_at, when),
		};

		akt_table_row(t, cells);
		free(id);
		free(msgs);
		free(unread);
	}
	akt_table_print(t, cli->out, cli->columns);
	akt_table_free(&t);
}

/* Who wrote it: "citizen Åsa Öberg", "officer Anna Lindqvist (anna)". */
static char *author_text(const struct akt_message *m)
{
	/* an officer by name and user name, anyone else by name */
	char *who = m->author_officer.id ?
		    akt_fmt_officers(&m->author_officer, 1) :
		    xstrdup(m->author_name);
	char *text = xasprintf("%s %s", akt_author_kind_id(m->author_kind),
			       who);

	free(who);
	return text;
}

/* Read state: a citizen's message by the officers, any other by the
 * citizen. */
static void print_read_state(struct akt_cli *cli, const struct akt_message *m)
{
	char when[AKT_WHEN_LEN];
	char *who;

	if (m->author_kind != AKT_AUTHOR_CITIZEN) {
		if (m->read_by_citizen_at)
			jr_say(cli, "  read by the citizen on %s",
			       akt_when(m->read_by_citizen_at, when));
		else
			jr_say(cli, "  not read by the citizen yet");
	} else if (!m->read_by_officer_at) {
		jr_say(cli, "  unread");
	} else {
		who = m->read_by_officer.id ?
		      akt_fmt_officers(&m->read_by_officer, 1) :
		      xstrdup("an officer");
		jr_say(cli, "  read by %s on %s", who,
		       akt_when(m->read_by_officer_at, when));
		free(who);
	}
}

static void print_thread(struct akt_cli *cli, const struct akt_thread *t)
{
	jr_say(cli, "Thread %lld: %s", (long long)t->id, t->subject);
	jr_say(cli, "%lld message%s, %lld unread", (long long)t->message_count,
	       t->message_count == 1 ? "" : "s", (long long)t->unread);
	for (size_t i = 0; i < t->nmessages; i++) {
		const struct akt_message *m = &t->messages[i];
		char *who = author_text(m);
		char when[AKT_WHEN_LEN];

		fputc('\n', cli->out);
		jr_say(cli, "Message %lld  %s  %s", (long long)m->id,
		       akt_when(m->sent_at, when), who);
		print_read_state(cli, m);
		if (m->filed_note_id)
			jr_say(cli, "  filed as note %lld",
			       (long long)m->filed_note_id);
		jr_text(cli, m->body, "    ");
		free(who);
	}
}

static int on_threads(const struct akt_reply *r, void *arg)
{
	struct messages *ms = arg;
	struct akt_thread_list l;
	char *err = NULL;

	if (r->result != AKT_OK)
		return akt_case_fail(r, ms->case_ref);
	if (!akt_thread_list_decode(r->json, &l, &err))
		return akt_cli_not_understood(err);
	if (ms->json)
		akt_cli_print_json(ms->cli, r->json);
	else
		print_threads(ms->cli, ms->case_ref, &l);
	akt_thread_list_clear(&l);
	return AKT_EXIT_OK;
}

static int on_thread(const struct akt_reply *r, void *arg)
{
	struct messages *ms = arg;
	struct akt_thread t;
	char *err = NULL;

	if (r->status == 404) {
		ms->not_found = true;
		return AKT_EXIT_REFUSED;
	}
	if (r->result != AKT_OK)
		return akt_case_fail(r, ms->case_ref);
	if (!akt_thread_decode(r->json, &t, &err))
		return akt_cli_not_understood(err);
	if (ms->json)
		akt_cli_print_json(ms->cli, r->json);
	else
		print_thread(ms->cli, &t);
	akt_thread_clear(&t);
	return AKT_EXIT_OK;
}

static int messages(struct akt_cli *cli, const struct akt_args *a)
{
	struct messages ms = { cli, a->pos[0], 0, a->opt[OPT_JSON] != NULL,
			       false };
	char *suffix, *path;
	int rc;

	if (a->npos > 1 && !jr_id(a->pos[1], "THREAD", &ms.thread))
		return AKT_EXIT_USAGE;
	suffix = ms.thread ? xasprintf("/threads/%lld", (long long)ms.thread) :
		 xstrdup("/threads");
	path = akt_case_path(ms.case_ref, suffix);
	rc = jr_get(cli, path, ms.thread ? on_thread : on_threads, &ms);
	if (ms.not_found)
		rc = jr_not_found(cli, ms.case_ref, "thread", ms.thread);
	free(path);
	free(suffix);
	return rc;
}

const struct akt_cmd akt_cmd_messages = {
	.name = "messages",
	.args = "CASE [THREAD]",
	.min_pos = 1,
	.max_pos = 2,
	.summary = "show the secure messages of a case",
	.help = "Without THREAD, list the conversations (threads) of CASE with\n"
		"the citizen, the latest first: subject, number of messages,\n"
		"messages from the citizen no officer has read (UNREAD), and\n"
		"the time of the last message.\n"
		"\n"
		"With THREAD, show its messages, oldest first: when, who wrote\n"
		"it, whether it has been read (a citizen's message by an\n"
		"officer, an officer's by the citizen), the journal note it\n"
		"was filed as, and the text. Showing a thread does not mark its\n"
		"messages read.",
	.opts = opts,
	.session = true,
	.exec = messages,
};

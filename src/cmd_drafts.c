/*
 * cmd_drafts.c — akt drafts list | show ID | edit ID | delete ID: the
 * drafts and the outbox from the command line, without the platform.
 */
#include "akt/cmd.h"
#include "akt/draft.h"
#include "akt/editor_run.h"
#include "akt/sanitize.h"
#include "akt/text_input.h"
#include "akt/when.h"
#include "akt/xalloc.h"

#include <jansson.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { OPT_JSON };

static const struct akt_opt opts[] = {
	[OPT_JSON] = { "json", NULL, false,
		"list, show: print the records as JSON" },
	{ NULL, NULL, false, NULL },
};

struct ctx {
	struct akt_cli *cli;
	const struct akt_args *a;
	struct akt_drafts *s;
	const char *id;
	bool json;
};

struct sub {
	const char *name, *args;
	int npos;                    /* words after the subcommand */
	bool json;                   /* takes --json */
	int (*run)(struct ctx *c);
};

static const struct sub *find_sub(const char *name);
static int usage_sub(const char *name, const char *fmt, ...)
	AKT_PRINTF(2, 3);

/* ---- shared -------------------------------------------------------------- */

static time_t now(void)
{
	time_t t;

	/* pinned in tests, as the full-screen client does */
	if (akt_when_parse(getenv("AKT_NOW"), &t))
		return t;
	return time(NULL);
}

/* "just now", "5 min", "3 h", "2 d" */
static void age(const char *ts, char out[32])
{
	time_t t;
	long d;

	if (!akt_when_parse(ts, &t)) {
		snprintf(out, 32, "?");
		return;
	}
	d = (long)(now() - t);
	if (d < 60)
		snprintf(out, 32, "just now");
	else if (d < 3600)
		snprintf(out, 32, "%ld min", d / 60);
	else if (d < 86400)
		snprintf(out, 32, "%ld h", d / 3600);
	else
		snprintf(out, 32, "%ld d", d / 86400);
}

static char *case_of(const struct akt_draft *d)
{
	if (d->case_number && *d->case_number)
		return akt_sanitize_str(d->case_number, AKT_SAN_ONELINE);
	if (d->case_id)
		return xasprintf("case %lld", (long long)d->case_id);
	return xstrdup("-");
}

static void warnings(const struct akt_draft_list *l)
{
	for (size_t i = 0; i < l->nwarnings; i++)
		akt_cli_error("warning: %s", l->warnings[i]);
}

/* The state as the list says it: with the lock's holder, or that the
 * akt that had it open ended without closing it. */
static char *state_text(struct ctx *c, const struct akt_draft *d,
			enum akt_draft_box box, pid_t *locked_by)
{
	const char *st = akt_draft_state_name(d->state);

	*locked_by = 0;
	if (box == AKT_BOX_OUTBOX)
		return xstrdup("waiting to be sent");
	if (akt_draft_locked(c->s, d->id, locked_by))
		return *locked_by ?
		       xasprintf("%s, open in another akt (pid %ld)", st,
				 (long)*locked_by) :
		       xasprintf("%s, open in another akt", st);
	if (d->open_pid)
		return xasprintf("%s, left by a session that ended", st);
	return xstrdup(st);
}

static json_t *record_json(const struct akt_draft *d)
{
	char *text = akt_draft_encode(d);
	json_t *j = text ? json_loads(text, 0, NULL) : NULL;

	free(text);
	return j ? j : json_object();
}

/* ---- list ---------------------------------------------------------------- */

static void list_rows(struct ctx *c, const struct akt_draft_list *l,
		      enum akt_draft_box box, json_t *arr)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct akt_draft *d = &l->items[i];
		char when[32], *cs = case_of(d);
		pid_t holder;
		char *st = state_text(c, d, box, &holder);

		if (arr) {
			json_t *j = record_json(d);

			json_object_set_new(j, "box", json_string(
				box == AKT_BOX_OUTBOX ? "outbox" : "drafts"));
			json_object_set_new(j, "open_in", holder ?
					    json_integer(holder) : json_null());
			json_array_append_new(arr, j);
		} else {
			age(box == AKT_BOX_OUTBOX && d->queued ? d->queued :
			    d->updated, when);
			fprintf(c->cli->out, "%-25s  %-6s  %-18s  %-8s  %s\n",
				d->id, akt_draft_kind_name(d->kind), cs, when,
				st);
		}
		free(cs);
		free(st);
	}
}

static int list(struct ctx *c)
{
	struct akt_draft_list dl, ol;
	char *err = NULL;
	json_t *j = NULL;

	if (!akt_draft_list(c->s, AKT_BOX_DRAFTS, &dl, &err)) {
		akt_cli_error("%s", err);
		free(err);
		return AKT_EXIT_USAGE;
	}
	if (!akt_draft_list(c->s, AKT_BOX_OUTBOX, &ol, &err)) {
		akt_draft_list_clear(&dl);
		akt_cli_error("%s", err);
		free(err);
		return AKT_EXIT_USAGE;
	}
	warnings(&dl);
	warnings(&ol);
	if (c->json) {
		j = json_pack("{s:o, s:o}", "drafts", json_array(), "outbox",
			      json_array());
		list_rows(c, &dl, AKT_BOX_DRAFTS, json_object_get(j, "drafts"));
		list_rows(c, &ol, AKT_BOX_OUTBOX, json_object_get(j, "outbox"));
		akt_cli_print_json(c->cli, j);
		json_decref(j);
	} else if (dl.n + ol.n == 0) {
		fprintf(c->cli->out, "no drafts, and nothing waiting to be "
			"sent\n");
	} else {
		fprintf(c->cli->out, "%-25s  %-6s  %-18s  %-8s  %s\n", "ID",
			"KIND", "CASE", "AGE", "STATE");
		list_rows(c, &dl, AKT_BOX_DRAFTS, NULL);
		list_rows(c, &ol, AKT_BOX_OUTBOX, NULL);
	}
	akt_draft_list_clear(&dl);
	akt_draft_list_clear(&ol);
	return AKT_EXIT_OK;
}

/* ---- show ---------------------------------------------------------------- */

static bool record_exists(struct ctx *c, enum akt_draft_box box)
{
	char *p = xasprintf("%s/%s/%s.draft", akt_drafts_dir(c->s),
			    box == AKT_BOX_OUTBOX ? "outbox" : "drafts", c->id);
	struct stat st;
	bool ok = lstat(p, &st) == 0;

	free(p);
	return ok;
}

/* Load c->id from drafts/, else from outbox/; an exit code. */
static int find(struct ctx *c, struct akt_draft *d, enum akt_draft_box *box)
{
	char *err = NULL;

	if (!akt_draft_id_valid(c->id)) {
		akt_cli_error("'%s' is not a draft id; see 'akt drafts list'",
			      c->id);
		return AKT_EXIT_USAGE;
	}
	*box = record_exists(c, AKT_BOX_DRAFTS) ||
	       !record_exists(c, AKT_BOX_OUTBOX) ? AKT_BOX_DRAFTS :
	       AKT_BOX_OUTBOX;
	if (!akt_draft_load(c->s, *box, c->id, d, &err)) {
		if (!record_exists(c, *box))
			akt_cli_error("no draft %s; see 'akt drafts list'",
				      c->id);
		else
			akt_cli_error("%s", err);
		free(err);
		return AKT_EXIT_REFUSED;
	}
	return AKT_EXIT_OK;
}

static void field(struct ctx *c, const char *name, const char *value)
{
	if (value && *value)
		akt_cli_say(c->cli, "%-15s %s", name, value);
}

static void field_time(struct ctx *c, const char *name, const char *ts)
{
	char buf[AKT_WHEN_LEN];

	if (ts)
		field(c, name, akt_when(ts, buf));
}

static int show(struct ctx *c)
{
	struct akt_draft d;
	enum akt_draft_box box;
	pid_t holder;
	char *s, num[64];
	int rc = find(c, &d, &box);

	if (rc != AKT_EXIT_OK)
		return rc;
	if (c->json) {
		json_t *j = record_json(&d);

		json_object_set_new(j, "box", json_string(
			box == AKT_BOX_OUTBOX ? "outbox" : "drafts"));
		akt_cli_print_json(c->cli, j);
		json_decref(j);
		akt_draft_clear(&d);
		return AKT_EXIT_OK;
	}
	field(c, "id:", d.id);
	field(c, "kind:", akt_draft_kind_name(d.kind));
	s = state_text(c, &d, box, &holder);
	field(c, "state:", s);
	free(s);
	s = case_of(&d);
	field(c, "case:", s);
	free(s);
	field(c, "platform:", d.server);
	if (d.kind == AKT_DRAFT_NOTE)
		field(c, "publish:", d.publish ? "yes, to the citizen" :
		      "no, internal");
	snprintf(num, sizeof(num), "%lld", (long long)d.thread_id);
	if (d.thread_id)
		field(c, "thread:", num);
	snprintf(num, sizeof(num), "%lld", (long long)d.message_id);
	if (d.message_id)
		field(c, "message:", num);
	if (d.kind == AKT_DRAFT_STATUS) {
		field(c, "new status:", d.status_name ? d.status_name :
		      d.status_to);
		field(c, "notify:", d.notify ? "yes" : "no");
	}
	field(c, "case version:", d.etag);
	field_time(c, "created:", d.created);
	field_time(c, "saved:", d.updated);
	field_time(c, "sent:", d.queued);
	field(c, "reason:", d.reason);
	field(c, "changed by:", d.changed_by);
	field_time(c, "changed at:", d.changed_at);
	field(c, "status now:", d.current_status);
	fputc('\n', c->cli->out);
	s = akt_sanitize_str(d.text, 0);
	fputs(s, c->cli->out);
	if (*s && s[strlen(s) - 1] != '\n')
		fputc('\n', c->cli->out);
	free(s);
	akt_draft_clear(&d);
	return AKT_EXIT_OK;
}

/* ---- edit ---------------------------------------------------------------- */

static int load_config(struct akt_config *cfg, const char *given)
{
	char *path = given ? xstrdup(given) : akt_config_path(), *err = NULL;
	int rc = AKT_EXIT_OK;

	akt_config_init(cfg);
	if ((path && !akt_config_load(cfg, path, given != NULL, &err)) ||
	    !akt_config_env(cfg, &err)) {
		akt_cli_error("%s", err);
		rc = AKT_EXIT_USAGE;
	}
	free(path);
	free(err);
	return rc;
}

static int run_editor(struct ctx *c, struct akt_draft *d, const char *txt)
{
	struct akt_config cfg;
	struct sigaction ign = { .sa_handler = SIG_IGN }, oint, oquit;
	char *cmd, *err = NULL, *text;
	pid_t pid;
	bool ok;
	int rc = load_config(&cfg, c->cli->config_path);

	if (rc != AKT_EXIT_OK)
		return rc;
	cmd = akt_editor_command(&cfg, true);
	akt_config_clear(&cfg);
	fflush(NULL);
	pid = akt_editor_spawn(cmd, txt, &err);
	free(cmd);
	if (pid < 0) {
		akt_cli_error("%s", err);
		free(err);
		return AKT_EXIT_USAGE;
	}
	/* ^C is the editor's; we wait for it to end */
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	ok = akt_editor_wait(pid, &err);
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	if (!ok) {
		akt_cli_error("the editor failed: %s; the draft is unchanged, "
			      "and whatever the editor saved is kept in %s and "
			      "used when the draft is opened again", err, txt);
		free(err);
		return AKT_EXIT_REFUSED;
	}
	/* a read cut short must not replace the draft: fail, and keep
	 * the editor's file, which wins when the draft is read next */
	if (!akt_draft_read_text(c->s, d, AKT_TEXT_MAX, &text, &err)) {
		akt_cli_error("%s; the draft is unchanged, and the editor's "
			      "file is kept as %s", err, txt);
		free(err);
		return AKT_EXIT_REFUSED;
	}
	free(d->text);
	d->text = text;
	d->open_pid = 0;
	if (!akt_draft_save(c->s, d, &err)) {
		akt_cli_error("%s; your text is kept in %s", err, txt);
		free(err);
		return AKT_EXIT_REFUSED;
	}
	unlink(txt);
	fprintf(c->cli->out, "draft %s saved\n", d->id);
	return AKT_EXIT_OK;
}

static int edit(struct ctx *c)
{
	struct akt_draft d;
	enum akt_draft_box box;
	char *err = NULL, *txt;
	pid_t owner;
	int rc;

	if (akt_draft_id_valid(c->id) && !akt_draft_lock(c->s, c->id, &owner,
							  &err)) {
		akt_cli_error("%s", err);
		free(err);
		return AKT_EXIT_REFUSED;
	}
	rc = find(c, &d, &box);
	if (rc != AKT_EXIT_OK)
		goto out;
	if (box == AKT_BOX_OUTBOX) {
		akt_cli_error("%s has been sent and is waiting in the outbox; "
			      "it can be edited only if the platform turns it "
			      "down", c->id);
		rc = AKT_EXIT_REFUSED;
		goto clear;
	}
	/* the editor's file first, whole (renamed into place), then the
	 * record that knows it and is marked open, so a crash while the
	 * editor runs is noticed */
	d.open_pid = (long)getpid();
	txt = akt_draft_text_path(c->s, c->id);
	if (!akt_draft_write_text(c->s, &d, d.text, strlen(d.text), &err) ||
	    !akt_draft_save(c->s, &d, &err)) {
		akt_cli_error("%s", err);
		free(err);
		rc = AKT_EXIT_REFUSED;
	} else {
		rc = run_editor(c, &d, txt);
	}
	free(txt);
clear:
	akt_draft_clear(&d);
out:
	akt_draft_unlock(c->s, c->id);
	return rc;
}

/* ---- delete -------------------------------------------------------------- */

static int delete(struct ctx *c)
{
	char *err = NULL;
	pid_t owner;
	int rc = AKT_EXIT_OK;

	if (!akt_draft_id_valid(c->id)) {
		akt_cli_error("'%s' is not a draft id; see 'akt drafts list'",
			      c->id);
		return AKT_EXIT_USAGE;
	}
	if (!record_exists(c, AKT_BOX_DRAFTS)) {
		if (record_exists(c, AKT_BOX_OUTBOX))
			akt_cli_error("%s has been sent and is waiting in the "
				      "outbox; 'akt sync' sends it", c->id);
		else
			akt_cli_error("no draft %s; see 'akt drafts list'",
				      c->id);
		return AKT_EXIT_REFUSED;
	}
	if (!akt_draft_lock(c->s, c->id, &owner, &err)) {
		akt_cli_error("%s", err);
		free(err);
		return AKT_EXIT_REFUSED;
	}
	if (akt_draft_remove(c->s, AKT_BOX_DRAFTS, c->id, &err)) {
		fprintf(c->cli->out, "draft %s deleted\n", c->id);
	} else {
		akt_cli_error("%s", err);
		free(err);
		rc = AKT_EXIT_REFUSED;
	}
	akt_draft_unlock(c->s, c->id);
	return rc;
}

/* ---- the command --------------------------------------------------------- */

static const struct sub subs[] = {
	{ "list", "", 0, true, list },
	{ "show", "ID", 1, true, show },
	{ "edit", "ID", 1, false, edit },
	{ "delete", "ID", 1, false, delete },
};

static const struct sub *find_sub(const char *name)
{
	for (size_t i = 0; i < AKT_LEN(subs); i++)
		if (strcmp(subs[i].name, name) == 0)
			return &subs[i];
	return NULL;
}

static int usage_sub(const char *name, const char *fmt, ...)
{
	const struct sub *s = name ? find_sub(name) : NULL;
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	akt_cli_error("drafts: %s", msg);
	free(msg);
	if (s)
		fprintf(stderr, "usage: akt drafts %s%s%s%s\n", s->name,
			*s->args ? " " : "", s->args,
			s->json ? " [--json]" : "");
	else
		fputs("usage: akt drafts list | show ID | edit ID | delete ID\n",
		      stderr);
	return AKT_EXIT_USAGE;
}

static int drafts(struct akt_cli *cli, const struct akt_args *a)
{
	const char *name = a->npos ? a->pos[0] : "list";
	const struct sub *s = find_sub(name);
	struct ctx c = { cli, a, NULL, NULL, a->opt[OPT_JSON] != NULL };
	char *err = NULL;
	int rc;

	if (!s)
		return usage_sub(NULL, "unknown subcommand '%s'", name);
	if (a->npos - (a->npos ? 1 : 0) != s->npos)
		return usage_sub(name, a->npos - 1 < s->npos ?
				 "too few arguments" : "too many arguments");
	if (c.json && !s->json)
		return usage_sub(name, "%s takes no --json", name);
	c.id = s->npos ? a->pos[1] : NULL;
	c.s = akt_drafts_open(NULL, &err);
	if (!c.s) {
		akt_cli_error("%s", err);
		free(err);
		return AKT_EXIT_USAGE;
	}
	rc = s->run(&c);
	akt_drafts_close(&c.s);
	return rc;
}

const struct akt_cmd akt_cmd_drafts = {
	.name = "drafts",
	.args = "[list | show ID | edit ID | delete ID]",
	.min_pos = 0,
	.max_pos = 2,
	.summary = "the drafts kept on this computer, and the outbox",
	.help = "Every note, reply and status comment is kept as a draft\n"
		"from its first key until the platform has it.\n"
		"\n"
		"  list        the drafts, newest first, with their case, age\n"
		"              and state (a draft, a conflict to resolve, or\n"
		"              refused by the platform; open in another akt;\n"
		"              left by a session that ended), then what is\n"
		"              waiting in the outbox to be sent\n"
		"  show ID     a draft's details and text\n"
		"  edit ID     open the draft's text in your editor (the\n"
		"              'editor' setting, else $VISUAL or $EDITOR)\n"
		"  delete ID   throw a draft away\n"
		"\n"
		"The drafts are kept in $XDG_DATA_HOME/akt/drafts/ (by default\n"
		"~/.local/share/akt/drafts/); nothing here talks to the\n"
		"platform. 'akt sync' sends the outbox.",
	.opts = opts,
	.session = false,
	.exec = drafts,
};

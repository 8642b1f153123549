/*
 * ui_cmd.c — the ':' command line: the table of commands, running them,
 * and completing their words with Tab.
 */
#include "ui_core.h"
#include "akt/ui_cmd.h"
#include "akt/template.h"
#include "akt/views.h"
#include "akt/urlenc.h"
#include "akt/xalloc.h"

#include <strings.h>

/* ---- commands the core runs ------------------------------------------------ */

static void c_quit(struct ui *ui, const char *args)
{
	(void)args;
	ui->quit = true;
}

static void c_help(struct ui *ui, const char *args)
{
	(void)args;
	ui_help_open(ui);
}

static void c_mine(struct ui *ui, const char *args)
{
	struct akt_case_query q = { .path = "/v1/cases",
				    .filter = "assignee=me" };

	(void)args;
	view_cases_open(ui, _("My cases"), &q, 0);
}

static void c_unassigned(struct ui *ui, const char *args)
{
	struct akt_case_query q = { .path = "/v1/cases",
				    .filter = "assignee=none" };

	(void)args;
	view_cases_open(ui, _("Unassigned"), &q, 0);
}

static void c_queue(struct ui *ui, const char *args)
{
	const struct akt_queue *found = NULL;

	for (size_t i = 0; i < ui->queues.n; i++) {
		const struct akt_queue *q = &ui->queues.items[i];
		char id[32];

		snprintf(id, sizeof(id), "%lld", (long long)q->id);
		if (strcasecmp(q->name, args) == 0 || strcmp(id, args) == 0) {
			found = q;
			break;
		}
		if (!found && *args && strncasecmp(q->name, args,
						   strlen(args)) == 0)
			found = q;
	}
	if (!found) {
		ui_err(ui, _("no queue named '%s'; Tab lists them"), args);
		return;
	}
	char *path = xasprintf("/v1/queues/%lld/cases", (long long)found->id);
	struct akt_case_query q = { .path = path };

	view_cases_open(ui, found->name, &q, found->id);
	free(path);
}

static void c_queues(struct ui *ui, const char *args)
{
	(void)args;
	/* Back to the first screen, closing what is above it. */
	while (ui->view && ui->view->below)
		ui_pop(ui);
}

static void c_retention(struct ui *ui, const char *args)
{
	(void)args;
	view_retention_open(ui);
}

static void c_reload(struct ui *ui, const char *args)
{
	(void)args;
	if (ui->view && ui->view->ops->reload)
		ui->view->ops->reload(ui->view);
}

static void c_lock(struct ui *ui, const char *args)
{
	(void)args;
	ui_lock(ui);
}

static void c_theme(struct ui *ui, const char *args)
{
	if (!*args) {
		ui_msg(ui, _("theme: %s"), ui->theme.name ? ui->theme.name :
		       "default");
		return;
	}
	if (ui_theme_use(ui, args))
		ui_msg(ui, _("theme: %s"), args);
}

static void c_bind(struct ui *ui, const char *args)
{
	char *err = NULL;

	if (!akt_keymap_bind(ui->keys, args, &err)) {
		ui_err(ui, "bind: %s", err);
		free(err);
		return;
	}
	ui_msg(ui, _("bound: %s"), args);
}

static void c_save_display(struct ui *ui, const char *args)
{
	char *err = NULL;

	if (!*args) {
		ui_err(ui, "%s", _("save-display needs a file name"));
		return;
	}
	/* The file shows what is on screen now, as drawn. */
	if (ui->dirty)
		ui_draw(ui);
	if (!ui_save_display(args, &err)) {
		ui_err(ui, "%s", err);
		free(err);
	}
}

static void c_resize(struct ui *ui, const char *args)
{
	int cols = 0, rows = 0;

	if (sscanf(args, "%d %d", &cols, &rows) != 2 || cols < 1 ||
	    rows < 1 || cols > 1000 || rows > 1000) {
		ui_err(ui, "%s", _("resize needs COLUMNS ROWS, e.g. 80 24"));
		return;
	}
	ui_term_resize(ui, rows, cols);
}

static void sleep_done(struct akt_timer *t, void *arg)
{
	bool *done = arg;

	(void)t;
	*done = true;
}

static void c_sleep(struct ui *ui, const char *args)
{
	long ms = strtol(args, NULL, 10);
	bool done = false;
	struct akt_timer *t;

	if (ms <= 0 || ms > 60000) {
		ui_err(ui, "%s", _("sleep needs milliseconds, 1 to 60000"));
		return;
	}
	/* For scripts: let the loop run (answers, feed events) meanwhile. */
	t = akt_timer_new(ui->loop, sleep_done, &done);
	akt_timer_start(t, ms);
	while (!done && !ui->quit) {
		if (ui->dirty)
			ui_draw(ui);
		akt_loop_run_once(ui->loop, -1);
		ui_term_watch(ui);        /* a SIGTERM ends the wait too */
	}
	akt_timer_free(&t);
}

static void c_drafts(struct ui *ui, const char *args)
{
	(void)args;
	view_drafts_open(ui);
}

/* ---- the table --------------------------------------------------------------- */

const struct ui_cmd_info ui_cmds[] = {
	{ "assign", "me|USER", N_("assign the case (or the tagged cases)"),
	  NULL, UI_C_USER },
	{ "bind", "SCREEN KEY ACTION", N_("bind a key, as in the config"),
	  c_bind, UI_C_BIND },
	{ "discard", "", N_("discard the selected draft, or the one "
			       "being written"), NULL, UI_C_NONE },
	{ "drafts", "", N_("show the drafts and what waits to be sent"),
	  c_drafts, UI_C_NONE },
	{ "edit", "DAYS", N_("set the retention days of the selected "
			     "e-service"), NULL, UI_C_NONE },
	{ "filter", "FIELD=VALUE ...|clear", N_("filter the case list by "
					     "status, assignee, e-service"),
	  NULL, UI_C_FILTER },
	{ "help", "", N_("show the keys and commands of this screen"),
	  c_help, UI_C_NONE },
	{ "hold", "on|off", N_("set or lift the legal hold of the case"),
	  NULL, UI_C_ONOFF },
	{ "internal", "", N_("make the note being written internal"), NULL,
	  UI_C_NONE },
	{ "lock", "", N_("lock the screen now"), c_lock, UI_C_NONE },
	{ "mine", "", N_("show the cases assigned to me"), c_mine,
	  UI_C_NONE },
	{ "open", "", N_("open the selected document"), NULL, UI_C_NONE },
	{ "publish", "", N_("publish the note being written to the citizen"),
	  NULL, UI_C_NONE },
	{ "queue", "NAME", N_("show the cases of a queue"), c_queue,
	  UI_C_QUEUE },
	{ "queues", "", N_("go back to the list of queues"), c_queues,
	  UI_C_NONE },
	{ "quit", "", N_("quit akt"), c_quit, UI_C_NONE },
	{ "reload", "", N_("load this screen again"), c_reload, UI_C_NONE },
	{ "resize", "COLUMNS ROWS", N_("set the screen size (scripts)"),
	  c_resize, UI_C_NONE },
	{ "retention", "", N_("show retention policies, purges and the log"),
	  c_retention, UI_C_NONE },
	{ "reveal", "", N_("reveal the selected party's personal identity "
			   "number"), NULL, UI_C_NONE },
	{ "save", "[FILE]", N_("save the selected document"), NULL,
	  UI_C_NONE },
	{ "save-display", "FILE", N_("write the screen's text to a file"),
	  c_save_display, UI_C_NONE },
	{ "search", "TEXT", N_("search the list's cases on the platform"),
	  NULL, UI_C_NONE },
	{ "send", "", N_("send what is being written"), NULL, UI_C_NONE },
	{ "sleep", "MS", N_("wait, letting updates arrive (scripts)"),
	  c_sleep, UI_C_NONE },
	{ "sort", "[-]COLUMN", N_("sort the case list (- for descending)"),
	  NULL, UI_C_SORT },
	{ "status", "STATUS", N_("change the status of the case (or the "
				 "tagged cases)"), NULL, UI_C_STATUS },
	{ "tab", "NAME", N_("show a tab of this screen"), NULL, UI_C_TAB },
	{ "tag", "[all|none]", N_("tag the selected case, every case "
				  "loaded, or none"), NULL, UI_C_NONE },
	{ "template", "NAME", N_("insert a template into the text"), NULL,
	  UI_C_TEMPLATE },
	{ "theme", "NAME", N_("use another theme"), c_theme, UI_C_THEME },
	{ "unassign", "[me|USER]", N_("remove an assignee"), NULL,
	  UI_C_USER },
	{ "unassigned", "", N_("show the cases nobody is assigned to"),
	  c_unassigned, UI_C_NONE },
};
const size_t ui_ncmds = AKT_LEN(ui_cmds);

static const struct ui_cmd_info *find_cmd(const char *name, size_t len)
{
	const struct ui_cmd_info *prefix = NULL;
	size_t nprefix = 0;

	for (size_t i = 0; i < ui_ncmds; i++) {
		if (strlen(ui_cmds[i].name) == len &&
		    strncmp(ui_cmds[i].name, name, len) == 0)
			return &ui_cmds[i];
		if (strncmp(ui_cmds[i].name, name, len) == 0) {
			prefix = &ui_cmds[i];
			nprefix++;
		}
	}
	/* "q" is quit, as in vi, though queue and queues start with q. */
	if (len == 1 && name[0] == 'q')
		return find_cmd("quit", 4);
	return nprefix == 1 ? prefix : NULL;
}

void ui_command(struct ui *ui, const char *line)
{
	const struct ui_cmd_info *c;
	size_t len;
	char *args;

	while (*line == ' ' || *line == ':')
		line++;
	if (!*line)
		return;
	len = strcspn(line, " ");
	c = find_cmd(line, len);
	if (!c) {
		ui_err(ui, _("'%.*s' is not a command; :help lists them"),
		       (int)len, line);
		return;
	}
	line += len;
	while (*line == ' ')
		line++;
	args = xstrdup(line);
	len = strlen(args);
	while (len && args[len - 1] == ' ')
		args[--len] = 0;
	if (c->run)
		c->run(ui, args);
	else if (!ui->view || !ui->view->ops->command ||
		 !ui->view->ops->command(ui->view, c->name, args))
		ui_err(ui, _("':%s' does not apply on this screen"), c->name);
	free(args);
	ui_dirty(ui);
}

/* ---- completion ---------------------------------------------------------------- */

/* Offer name when it starts with what was typed of the argument (arg,
 * case-insensitive), as the rest of the current word, so names with
 * spaces ("Under handläggning") complete too. */
static void offer(struct ui_line *l, const char *arg, const char *word,
		  const char *name)
{
	size_t al = strlen(arg), wl = strlen(word);

	if (!name || strncasecmp(name, arg, al) != 0 || wl > al)
		return;
	ui_line_add(l, name + (al - wl));
}

static const char *const sort_cols[] = {
	"updated", "-updated", "created", "-created", "number", "-number",
	"deadline", "-deadline", "priority", "-priority", "status", "-status",
};

void ui_command_complete(struct ui_line *l, const char *line, size_t index,
			 const char *word, void *arg)
{
	struct ui *ui = arg;
	const struct ui_cmd_info *c;
	const char *rest;
	size_t len;

	while (*line == ' ')
		line++;
	if (index == 0) {
		for (size_t i = 0; i < ui_ncmds; i++)
			if (strncmp(ui_cmds[i].name, word, strlen(word)) == 0)
				ui_line_add(l, ui_cmds[i].name);
		return;
	}
	len = strcspn(line, " ");
	c = find_cmd(line, len);
	if (!c)
		return;
	rest = line + len;
	while (*rest == ' ')
		rest++;
	switch (c->complete) {
	case UI_C_STATUS:
		for (size_t i = 0; i < ui->statuses.n; i++) {
			offer(l, rest, word, ui_name(ui,
						     &ui->statuses.items[i].name));
			offer(l, rest, word, ui->statuses.items[i].id);
		}
		break;
	case UI_C_QUEUE:
		for (size_t i = 0; i < ui->queues.n; i++)
			offer(l, rest, word, ui->queues.items[i].name);
		break;
	case UI_C_USER:
		offer(l, rest, word, "me");
		for (size_t i = 0; i < ui->nofficers; i++)
			offer(l, rest, word, ui->officers[i].username);
		break;
	case UI_C_THEME:
		for (size_t i = 0; i < akt_theme_nbuiltin; i++)
			offer(l, rest, word, akt_theme_builtin_names[i]);
		break;
	case UI_C_SORT:
		for (size_t i = 0; i < AKT_LEN(sort_cols); i++)
			offer(l, rest, word, sort_cols[i]);
		break;
	case UI_C_TEMPLATE: {
		char *dir = akt_template_dir(), **names = NULL, *err = NULL;
		size_t n = 0;

		/* nothing to offer when they cannot be read; :template says
		 * why */
		if (dir && akt_template_list(dir, &names, &n, &err))
			for (size_t i = 0; i < n; i++)
				offer(l, rest, word, names[i]);
		free(err);
		akt_template_list_free(&names, &n);
		free(dir);
		break;
	}
	case UI_C_TAB: {
		static const char *const tabs[] = {
			"overview", "history", "journal", "messages",
			"policies", "upcoming", "log" };

		for (size_t i = 0; i < AKT_LEN(tabs); i++)
			offer(l, rest, word, tabs[i]);
		break;
	}
	case UI_C_ONOFF:
		offer(l, rest, word, "on");
		offer(l, rest, word, "off");
		break;
	case UI_C_FILTER: {
		/* FIELD=VALUE words: complete the field, then its values. */
		const char *eq = strchr(word, '=');

		if (!eq) {
			static const char *const fields[] = {
				"status=", "category=", "assignee=",
				"e_service=", "clear" };

			for (size_t i = 0; i < AKT_LEN(fields); i++)
				if (strncmp(fields[i], word,
					    strlen(word)) == 0)
					ui_line_add(l, fields[i]);
			break;
		}
		size_t fl = (size_t)(eq - word);
		const char *val = eq + 1;
		char *cand;

#define VAL(s) do { if (strncasecmp((s), val, strlen(val)) == 0) { \
		cand = xasprintf("%.*s%s", (int)(fl + 1), word, (s)); \
		ui_line_add(l, cand); free(cand); } } while (0)
		if (strncmp(word, "status=", 7) == 0)
			for (size_t i = 0; i < ui->statuses.n; i++)
				VAL(ui->statuses.items[i].id);
		else if (strncmp(word, "category=", 9) == 0) {
			VAL("submitted"); VAL("registered");
			VAL("in_progress"); VAL("closed");
		} else if (strncmp(word, "assignee=", 9) == 0) {
			VAL("me");
			VAL("none");
			for (size_t i = 0; i < ui->nofficers; i++)
				VAL(ui->officers[i].username);
		} else if (strncmp(word, "e_service=", 10) == 0) {
			for (size_t i = 0; i < ui->eservices.n; i++)
				VAL(ui->eservices.items[i].id);
		}
#undef VAL
		break;
	}
	case UI_C_BIND:
		if (index == 1) {
			for (int s = 0; s < AKT_SCR_COUNT; s++)
				offer(l, word, word, akt_screen_name(s));
		} else if (index == 3) {
			for (int a = 0; a < AKT_A_COUNT; a++)
				offer(l, word, word, akt_actions[a].name);
			offer(l, word, word, "none");
		}
		break;
	case UI_C_NONE:
		break;
	}
}

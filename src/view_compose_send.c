/*
 * view_compose_send.c — what the compose screen does with the draft:
 * send it through the outbox, discard it, insert a template, or hand
 * it to the officer's own editor.
 */
#include "akt/buf.h"
#include "akt/case.h"
#include "akt/editor_run.h"
#include "akt/template.h"
#include "akt/text_input.h"
#include "akt/xalloc.h"
#include "view_compose.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- sending ----------------------------------------------------------------- */

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return false;
	return true;
}

static void send_now(struct ui_view *v)
{
	struct vcomp *c = vcomp_of(v);
	struct ui *ui = v->ui;
	struct akt_draft *d = &c->d;
	char *err = NULL;

	if (d->state != AKT_DS_DRAFT) {
		/* Re-applying: against the case as it is now, and under a
		 * new key (the platform keeps its answer to the old one). */
		free(d->etag);
		d->etag = NULL;         /* unknown: the outbox reads it */
		if (d->state == AKT_DS_CONFLICT && d->current_etag)
			d->etag = xstrdup(d->current_etag);
		if (!akt_idem_new(d->key)) {
			ui_err(ui, "%s", _("Not sent: no random numbers for "
					   "the request's key; try again"));
			return;
		}
		d->state = AKT_DS_DRAFT;
		xfree(&d->reason);
		xfree(&d->req_method);
		xfree(&d->req_path);
		xfree(&d->req_body);
		c->meta_changed = true;
	}
	free(d->text);
	d->text = xstrndup(akt_eb_text(c->eb), akt_eb_len(c->eb));
	d->open_pid = 0;
	if (!akt_outbox_send(ui->outbox, d, &err)) {
		ui_err(ui, _("Not sent: %s; the draft is kept"), err);
		free(err);
		d->open_pid = (long)getpid();
		c->meta_changed = true;
		cmp_changed(v);
		return;
	}
	c->closing = true;
	if (akt_outbox_offline(ui->outbox))
		ui_msg(ui, "%s", _("Offline: it is sent when the platform "
				   "answers"));
	else
		ui_msg(ui, "%s", _("Sent; it waits in the outbox until the "
				   "platform confirms it"));
	ui_pop(ui);
}

static void publish_chosen(struct ui *ui, int choice, void *arg)
{
	struct ui_view *v = cmp_find(ui, arg);
	struct vcomp *c;

	if (!v || choice < 0)
		return;
	c = vcomp_of(v);
	bool pub = choice == 1;

	if (pub != c->d.publish) {
		c->d.publish = pub;
		c->meta_changed = true;
	}
	send_now(v);
}

static void notify_chosen(struct ui *ui, int choice, void *arg)
{
	struct ui_view *v = cmp_find(ui, arg);
	struct vcomp *c;

	if (!v || choice < 0)
		return;
	c = vcomp_of(v);
	if (c->d.notify != (choice == 1)) {
		c->d.notify = choice == 1;
		c->meta_changed = true;
	}
	send_now(v);
}

void cmp_send(struct ui_view *v)
{
	struct vcomp *c = vcomp_of(v);
	struct ui *ui = v->ui;

	if (!ui->outbox) {
		ui_err(ui, "%s", _("cannot send: the outbox could not be "
				   "opened; the draft is kept"));
		return;
	}
	if ((c->d.kind == AKT_DRAFT_NOTE || c->d.kind == AKT_DRAFT_REPLY) &&
	    blank(akt_eb_text(c->eb))) {
		ui_err(ui, "%s", _("Nothing to send: write the text first"));
		return;
	}
	if (akt_eb_len(c->eb) > AKT_TEXT_MAX) {
		ui_err(ui, _("The text is too long to send (%zu bytes; at most "
			     "%zu)"), akt_eb_len(c->eb), AKT_TEXT_MAX);
		return;
	}
	switch (c->d.kind) {
	case AKT_DRAFT_NOTE: {
		const char *items[2];

		/* always in this order, so a habit of 1 or Enter never
		 * publishes; the choice made with ^P is preselected */
		items[0] = _("Internal note");
		items[1] = _("Publish to the citizen");
		ui_menu_at(ui, _("Send the note as"), items, 2,
			   c->d.publish ? 1 : 0, publish_chosen, cmp_tag(v));
		break;
	}
	case AKT_DRAFT_STATUS: {
		char *q = xasprintf(_("Change the status to %s: notify the "
				      "citizen?"),
				    c->d.status_name ? c->d.status_name :
				    c->d.status_to);

		/* Enter keeps what the header shows (the platform's
		 * proposal, or the officer's ^P) */
		ui_confirm_default(ui, q, c->d.notify, notify_chosen,
				   cmp_tag(v));
		free(q);
		break;
	}
	case AKT_DRAFT_REPLY:
	case AKT_DRAFT_FILE:
		send_now(v);
		break;
	}
}

/* ---- discarding ---------------------------------------------------------------- */

static void discard_answer(struct ui *ui, int choice, void *arg)
{
	struct ui_view *v = cmp_find(ui, arg);
	struct vcomp *c;
	char *err = NULL;

	if (!v || choice != 1)
		return;
	c = vcomp_of(v);
	if (!akt_draft_remove(ui->drafts, AKT_BOX_DRAFTS, c->d.id, &err)) {
		ui_err(ui, _("Not discarded: %s"), err);
		free(err);
		return;
	}
	c->closing = true;
	ui_msg(ui, "%s", _("Draft discarded"));
	ui_pop(ui);
}

void cmp_discard(struct ui_view *v)
{
	ui_confirm(v->ui, _("Discard this draft? Its text is lost."),
		   discard_answer, cmp_tag(v));
}

/* ---- templates ------------------------------------------------------------------- */

static void insert_text(struct ui_view *v, const char *text)
{
	struct vcomp *c = vcomp_of(v);

	cmp_crash_begin(c);
	akt_eb_insert(c->eb, text, strlen(text));
	cmp_crash_end(c);
	cmp_changed(v);
}

static void expand_and_insert(struct ui_view *v, const char *name,
			      const char *text)
{
	struct vcomp *c = vcomp_of(v);
	struct ui *ui = v->ui;
	char date[16] = "";
	time_t now = ui_now();
	struct tm tm;
	char *out;

	if (localtime_r(&now, &tm))
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	struct akt_template_var vars[] = {
		{ "case", c->d.case_number },
		{ "applicant", c->applicant },
		{ "officer", ui->me_loaded ? ui->me.name : NULL },
		{ "date", date },
	};

	out = akt_template_expand(text, vars, AKT_LEN(vars));
	insert_text(v, out);
	free(out);
	if (strstr(text, "{applicant}") && !c->applicant) {
		/* inserted now, where the officer is: the name is left for
		 * them to fill in, and read again for the next template */
		ui_err(ui, _("Template %s inserted; the applicant's name could "
			     "not be read, so {applicant} is left in the text"),
		       name);
		if (c->case_read)
			cmp_read_case(v);
		return;
	}
	ui_msg(ui, _("Template %s inserted"), name);
}

static void got_case(struct ui_view *v, const struct akt_reply *r, void *arg)
{
	struct vcomp *c = vcomp_of(v);
	struct akt_case k;
	char *err = NULL;

	(void)arg;
	c->case_read = true;
	c->case_asking = false;
	if (r->result == AKT_OK && akt_case_decode(r->json, &k, &err)) {
		free(c->applicant);
		c->applicant = xstrdup_opt(k.s.applicant.name);
		akt_case_clear(&k);
	}
	free(err);
}

void cmp_read_case(struct ui_view *v)
{
	struct vcomp *c = vcomp_of(v);
	char *path;

	if (c->d.case_id <= 0 || c->case_asking || c->applicant)
		return;
	c->case_asking = true;
	path = xasprintf("/v1/cases/%lld", (long long)c->d.case_id);
	ui_get(v, path, got_case, NULL);
	free(path);
}

void cmp_template_insert(struct ui_view *v, const char *name)
{
	char *dir = akt_template_dir(), *text = NULL, *err = NULL;

	if (!dir) {
		ui_err(v->ui, "%s", _("no templates: there is no home "
				      "directory"));
		return;
	}
	if (!akt_template_read(dir, name, &text, &err)) {
		ui_err(v->ui, "%s", err);
		free(err);
		free(dir);
		return;
	}
	free(dir);
	expand_and_insert(v, name, text);
	free(text);
}

void cmp_template_names_free(struct vcomp *c)
{
	akt_template_list_free(&c->tnames, &c->ntnames);
}

static void template_chosen(struct ui *ui, int choice, void *arg)
{
	struct ui_view *v = cmp_find(ui, arg);
	struct vcomp *c;

	/* a screen that closed freed the names with itself */
	if (!v)
		return;
	c = vcomp_of(v);
	if (choice >= 0 && (size_t)choice < c->ntnames)
		cmp_template_insert(v, c->tnames[choice]);
	cmp_template_names_free(c);
}

void cmp_template_menu(struct ui_view *v)
{
	struct vcomp *c = vcomp_of(v);
	char *dir = akt_template_dir(), *err = NULL;

	if (!dir) {
		ui_err(v->ui, "%s", _("no templates: there is no home "
				      "directory"));
		return;
	}
	/* the names are the screen's, not the menu's: a menu replaced
	 * without an answer leaves nothing behind */
	cmp_template_names_free(c);
	if (!akt_template_list(dir, &c->tnames, &c->ntnames, &err) ||
	    !c->ntnames) {
		if (err)
			ui_err(v->ui, "%s", err);
		else
			ui_err(v->ui, _("no templates yet: put text files in "
					"%s"), dir);
		free(err);
		free(dir);
		cmp_template_names_free(c);
		return;
	}
	free(dir);
	ui_menu(v->ui, _("Insert a template"),
		(const char *const *)c->tnames, c->ntnames, template_chosen,
		cmp_tag(v));
}

/* ---- the officer's own editor ----------------------------------------------------- */

/* The text as the editor gets it: text files end in a line break. */
static bool write_for_editor(struct ui_view *v, char **err)
{
	struct vcomp *c = vcomp_of(v);
	size_t len = akt_eb_len(c->eb);
	char *text = xmalloc(len + 2);
	bool ok;

	memcpy(text, akt_eb_text(c->eb), len);
	if (len > 0 && text[len - 1] != '\n')
		text[len++] = '\n';
	text[len] = 0;
	ok = akt_draft_write_text(v->ui->drafts, &c->d, text, len, err);
	free(text);
	/* the record learns the file as written, so only the editor's
	 * own change makes it newer */
	c->meta_changed = true;
	return ok && cmp_save(v, CMP_SAVE_OPEN);
}

/* The editor's text back, less the one line break it ends in. */
static bool read_from_editor(struct ui_view *v, char **text, char **err)
{
	struct vcomp *c = vcomp_of(v);
	size_t len;

	if (!akt_draft_read_text(v->ui->drafts, &c->d, AKT_TEXT_MAX + 1, text,
				 err))
		return false;
	len = strlen(*text);
	if (len && (*text)[len - 1] == '\n')
		(*text)[--len] = 0;
	return true;
}

/* The terminal is the editor's until it exits; the loop keeps running
 * (answers, the outbox, the feed) but nothing draws or reads keys. */
static bool run_editor(struct ui *ui, pid_t pid, int *status)
{
	struct sigaction ign, old_int;
	bool exited = false;

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &old_int);
	while (!exited && !ui->quit) {
		pid_t w;

		akt_loop_run_once(ui->loop, 50);
		w = waitpid(pid, status, WNOHANG);
		if (w == pid || (w < 0 && errno != EINTR))
			exited = true;
		if (w < 0 && errno != EINTR)
			*status = 0x7f00;      /* as "could not run" */
	}
	sigaction(SIGINT, &old_int, NULL);
	return exited;
}

void cmp_external(struct ui_view *v)
{
	struct vcomp *c = vcomp_of(v);
	struct ui *ui = v->ui;
	char *cmd, *path, *err = NULL, *text = NULL;
	int status = 0;
	bool exited = false;
	pid_t pid;

	if (c->in_editor)
		return;
	cmd = akt_editor_command(ui->cfg, true);
	path = akt_draft_text_path(ui->drafts, c->d.id);
	/* the record first, so that the editor's file has one */
	c->meta_changed = c->meta_changed || !c->created;
	if (!cmp_save(v, CMP_SAVE_OPEN) || !write_for_editor(v, &err)) {
		ui_err(ui, _("The editor was not started: %s"),
		       err ? err : c->save_err);
		goto out;
	}
	/* the file is the editor's now: a crash must not write over it */
	cmp_crash_begin(c);
	def_prog_mode();
	endwin();
	ui_keys_pause(ui, true);
	pid = akt_editor_spawn(cmd, path, &err);
	if (pid > 0) {
		c->in_editor = true;
		exited = run_editor(ui, pid, &status);
		c->in_editor = false;
	}
	ui_keys_pause(ui, false);
	if (exited || pid <= 0)
		cmp_crash_end(c);
	reset_prog_mode();
	clearok(curscr, TRUE);
	ui_redraw_all(ui);
	if (pid <= 0) {
		ui_err(ui, "%s", err);
		goto out;
	}
	if (!exited) {
		/* akt is ending with the editor still open: its file is the
		 * draft, newer than the record, and stays so */
		c->editor_owns = true;
		goto out;
	}
	if (!read_from_editor(v, &text, &err)) {
		/* the file stays: it is newer than the record, so it is the
		 * text the next time the draft is opened */
		ui_err(ui, _("%s; your editor's file is kept as %s"), err, path);
		goto out;
	}
	if (!akt_editor_status(status, &err)) {
		/* whatever the editor wrote is kept (vi's :cq, an error
		 * message on the way); undo brings the text before back */
		ui_err(ui, _("%s; the text it saved is in the draft (undo "
			     "restores the one before)"), err);
		xfree(&err);
	}
	cmp_crash_begin(c);
	akt_eb_replace(c->eb, text);
	cmp_crash_end(c);
	c->meta_changed = true;
	/* the record has the text now; the file has done its work */
	if (cmp_save(v, CMP_SAVE_OPEN)) {
		unlink(path);
		if (!ui->message)
			ui_msg(ui, "%s", _("The text from your editor is in the "
					   "draft"));
	}
out:
	free(text);
	free(err);
	free(path);
	free(cmd);
}

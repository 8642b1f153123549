/*
 * view_compose.c — the compose screen: akt's own editor on a draft.
 *
 * What is written and where on top, the text soft-wrapped below it with
 * the cursor in it, and a line of keys with the draft's saved mark at
 * the bottom. Every key goes to the text first; keys bound to compose
 * actions edit and move; the rest (Esc, F1, ^L …) go to the core.
 *
 * The draft is a file from the first change: saved at once, then 1 s
 * after the last change, and whenever the core asks (lock, quit,
 * SIGHUP/SIGTERM). While open it is locked, so a second akt cannot take
 * it. Sending, templates and the external editor: view_compose_send.c.
 */
#include "akt/compose.h"
#include "akt/loop.h"
#include "akt/ui_wrap.h"
#include "akt/utf8.h"
#include "akt/views.h"
#include "akt/when.h"
#include "akt/editor_run.h"
#include "akt/xalloc.h"
#include "view_compose.h"
#include "view_pages.h"

#include <fcntl.h>
#include <unistd.h>

#define AUTOSAVE_MS 1000
/* typing on and on still saves this often */
#define AUTOSAVE_MAX_MS 5000
#define RETRY_MS 5000
#define TAB_COLS 4

/* ---- the crash slots ------------------------------------------------------- */

/* One per open compose screen; read by a signal handler, so plain
 * memory that is ready before any signal can come. */
#define CRASH_SLOTS 8
static struct cmp_crash *volatile crash_slots[CRASH_SLOTS];

static void crash_register(struct vcomp *c, const char *path)
{
	c->crash = xcalloc(1, sizeof(*c->crash));
	if (!path || strlen(path) + 8 >= sizeof(c->crash->path))
		return;
	snprintf(c->crash->path, sizeof(c->crash->path), "%s", path);
	snprintf(c->crash->tmp, sizeof(c->crash->tmp), "%s.crash", path);
	cmp_crash_end(c);
	for (int i = 0; i < CRASH_SLOTS; i++)
		if (!crash_slots[i]) {
			crash_slots[i] = c->crash;
			return;
		}
}

static void crash_unregister(struct vcomp *c)
{
	for (int i = 0; i < CRASH_SLOTS; i++)
		if (crash_slots[i] == c->crash)
			crash_slots[i] = NULL;
	xfree(&c->crash);
}

void cmp_crash_begin(struct vcomp *c)
{
	if (c->crash)
		c->crash->text = NULL;
}

void cmp_crash_end(struct vcomp *c)
{
	/* no record yet: a crash copy would be a text file nothing lists */
	if (!c->crash || !c->crash->path[0] || !c->created)
		return;
	c->crash->len = akt_eb_len(c->eb);
	c->crash->text = akt_eb_text(c->eb);
}

void view_compose_crash_save(void)
{
	for (int i = 0; i < CRASH_SLOTS; i++) {
		struct cmp_crash *s = crash_slots[i];
		const char *text;
		size_t len, off = 0;
		int fd;

		if (!s || !(text = s->text))
			continue;
		len = s->len;
		fd = open(s->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			  0600);
		if (fd < 0)
			continue;
		while (off < len) {
			ssize_t n = write(fd, text + off, len - off);

			if (n <= 0)
				break;
			off += (size_t)n;
		}
		if (off == len && fsync(fd) == 0) {
			close(fd);
			rename(s->tmp, s->path);
		} else {
			close(fd);
			unlink(s->tmp);
		}
	}
}

/* ---- saving ----------------------------------------------------------------- */

static const struct ui_view_ops compose_ops;

void *cmp_tag(struct ui_view *v)
{
	return view_tag(v);
}

struct ui_view *cmp_find(struct ui *ui, void *tag)
{
	struct ui_view *w = view_of_tag(ui, tag);

	return w && w->ops == &compose_ops && w->priv ? w : NULL;
}

static bool unsaved(const struct vcomp *c)
{
	return akt_eb_changes(c->eb) != c->saved_changes || c->meta_changed;
}

bool cmp_save(struct ui_view *v, int how)
{
	struct vcomp *c = vcomp_of(v);
	long want_pid = how == CMP_SAVE_CLOSE ? 0 : (long)getpid();
	char *err = NULL;

	if (c->closing || c->editor_owns)
		return true;
	/* an untouched new draft leaves no file behind */
	if (!c->created && !unsaved(c))
		return true;
	if (c->created && !unsaved(c) && c->d.open_pid == want_pid &&
	    c->mark != CMP_FAILED)
		return true;
	free(c->d.text);
	c->d.text = xstrndup(akt_eb_text(c->eb), akt_eb_len(c->eb));
	c->d.open_pid = want_pid;
	if (!akt_draft_save(v->ui->drafts, &c->d, &err)) {
		free(c->save_err);
		c->save_err = err;
		c->mark = CMP_FAILED;
		/* the text stays here; try again in a while */
		if (how == CMP_SAVE_OPEN)
			akt_timer_start(c->autosave, RETRY_MS);
		ui_dirty(v->ui);
		return false;
	}
	xfree(&c->save_err);
	c->created = true;
	c->pending_since = 0;
	cmp_crash_end(c);
	c->saved_changes = akt_eb_changes(c->eb);
	c->meta_changed = false;
	c->mark = CMP_SAVED;
	ui_dirty(v->ui);
	return true;
}

static void autosave_fire(struct akt_timer *t, void *arg)
{
	struct ui_view *v = arg;

	(void)t;
	cmp_save(v, CMP_SAVE_OPEN);
}

void cmp_changed(struct ui_view *v)
{
	struct vcomp *c = vcomp_of(v);

	int64_t now = akt_loop_now();

	cmp_crash_end(c);
	if (!c->created && c->mark != CMP_FAILED) {
		/* the first change makes the draft a file (after a failure,
		 * the retry timer tries again, not every key) */
		cmp_save(v, CMP_SAVE_OPEN);
		return;
	}
	if (c->mark != CMP_FAILED)
		c->mark = CMP_PENDING;
	if (!c->pending_since)
		c->pending_since = now;
	/* a second after the last key, but never more than a few seconds
	 * after the first unsaved one */
	if (!akt_timer_active(c->autosave) ||
	    now - c->pending_since < AUTOSAVE_MAX_MS - AUTOSAVE_MS)
		akt_timer_start(c->autosave, AUTOSAVE_MS);
	ui_dirty(v->ui);
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return false;
	return true;
}

/* "D" (or how the drafts screen is reached), for "Draft kept" */
static char *drafts_key(struct ui *ui)
{
	char *keys = akt_keymap_keys(ui->keys, AKT_SCR_GENERIC, AKT_A_DRAFTS);

	keys[strcspn(keys, " ")] = 0;
	if (!*keys) {
		free(keys);
		keys = xstrdup(":drafts");
	}
	return keys;
}

void cmp_close(struct ui_view *v)
{
	struct vcomp *c = vcomp_of(v);
	struct ui *ui = v->ui;
	char *err = NULL, *key;

	if (c->d.kind == AKT_DRAFT_STATUS && c->d.state == AKT_DS_DRAFT &&
	    akt_eb_changes(c->eb) == 0 && blank(akt_eb_text(c->eb))) {
		/* Esc before a word of the comment: the officer cancelled
		 * the change, so no draft of it stays behind */
		if (c->created &&
		    !akt_draft_remove(ui->drafts, AKT_BOX_DRAFTS, c->d.id,
				      &err)) {
			ui_err(ui, _("Status not changed; its draft could not be "
				     "removed: %s"), err);
			free(err);
		} else {
			ui_msg(ui, "%s", _("Status not changed"));
		}
		c->closing = true;
		ui_pop(ui);
		return;
	}
	if ((c->d.kind == AKT_DRAFT_NOTE || c->d.kind == AKT_DRAFT_REPLY) &&
	    c->d.state == AKT_DS_DRAFT && blank(akt_eb_text(c->eb))) {
		/* nothing worth keeping */
		if (c->created &&
		    !akt_draft_remove(ui->drafts, AKT_BOX_DRAFTS, c->d.id,
				      &err)) {
			ui_err(ui, _("The empty draft could not be removed: %s"),
			       err);
			free(err);
		} else {
			ui_msg(ui, "%s", c->created ?
			       _("Empty draft discarded") :
			       _("Nothing written; no draft kept"));
		}
		c->closing = true;
		ui_pop(ui);
		return;
	}
	if (!cmp_save(v, CMP_SAVE_CLOSE)) {
		ui_err(ui, _("The draft could not be saved: %s; it stays open "
			     "(try again, or :discard)"), c->save_err);
		return;
	}
	c->closing = true;
	key = drafts_key(ui);
	if (c->created)
		ui_msg(ui, _("Draft kept — %s lists the drafts"), key);
	else
		ui_msg(ui, "%s", _("Nothing written; no draft kept"));
	free(key);
	ui_pop(ui);
}

/* ---- drawing -------------------------------------------------------------------- */

static char *header_text(struct ui_view *v)
{
	struct vcomp *c = vcomp_of(v);
	const struct akt_draft *d = &c->d;
	const char *num = d->case_number ? d->case_number : "?";

	switch (d->kind) {
	case AKT_DRAFT_NOTE:
		return xasprintf(_("Journal note — %s — %s"), num, d->publish ?
				 _("publish to the citizen") : _("internal"));
	case AKT_DRAFT_REPLY:
		return xasprintf(_("Reply to the citizen — %s — thread %lld"),
				 num, (long long)d->thread_id);
	case AKT_DRAFT_STATUS:
		return xasprintf(_("Status change to %s — %s — comment — "
				   "notify the citizen: %s"),
				 d->status_name ? d->status_name :
				 (d->status_to ? d->status_to : "?"), num,
				 d->notify ? _("yes") : _("no"));
	case AKT_DRAFT_FILE:
		return xasprintf(_("File message %lld into the journal — %s — "
				   "comment"), (long long)d->message_id, num);
	}
	return xstrdup("");
}

/* The first key of a, short: "^S" for "<C-s>"; "" when unbound. */
static char *first_key(struct ui *ui, enum akt_action a)
{
	char *keys = akt_keymap_keys(ui->keys, AKT_SCR_COMPOSE, a);

	keys[strcspn(keys, " ")] = 0;
	if (strlen(keys) == 5 && strncmp(keys, "<C-", 3) == 0) {
		keys[0] = '^';
		keys[1] = (char)(keys[3] - 'a' + 'A');
		keys[2] = 0;
	}
	return keys;
}

/* What the draft's return from the platform says, or NULL. */
static char *state_text(struct ui_view *v)
{
	struct vcomp *c = vcomp_of(v);
	const struct akt_draft *d = &c->d;
	char *send = first_key(v->ui, AKT_A_SEND), *s = NULL;
	char when[AKT_WHEN_LEN];

	if (d->state == AKT_DS_CONFLICT) {
		char *what = d->current_status ?
			xasprintf(_("status is now %s"), d->current_status) :
			xstrdup(_("it was changed"));
		char *by = d->changed_by ?
			xasprintf(_(", by %s"), d->changed_by) : xstrdup("");
		char *at = d->changed_at ?
			xasprintf(_(" at %s"), akt_when_near(d->changed_at,
							       ui_now(), when)) :
			xstrdup("");

		s = xasprintf(_("The case changed since you wrote this: %s%s%s "
				"— %s sends it against the new version, "
				":discard throws it away"), what, by, at,
			      *send ? send : ":send");
		free(what);
		free(by);
		free(at);
	} else if (d->state == AKT_DS_REFUSED) {
		s = xasprintf(_("The platform refused this: %s — change it and "
				"send again (%s), or :discard"),
			      d->reason && *d->reason ? d->reason :
			      _("no reason given"), *send ? send : ":send");
	}
	free(send);
	return s;
}

static char *hint_text(struct ui_view *v)
{
	static const struct {
		enum akt_action a;
		const char *what;
	} hints[] = {
		{ AKT_A_SEND, N_("send") },
		{ AKT_A_TOGGLE_PUBLISH, NULL },
		{ AKT_A_INSERT_TEMPLATE, N_("template") },
		{ AKT_A_EXTERNAL_EDITOR, N_("your editor") },
	};
	struct vcomp *c = vcomp_of(v);
	char *out = xstrdup("");

	for (size_t i = 0; i < AKT_LEN(hints); i++) {
		const char *what = hints[i].what;
		char *k, *t;

		if (hints[i].a == AKT_A_TOGGLE_PUBLISH) {
			if (c->d.kind == AKT_DRAFT_NOTE)
				what = c->d.publish ? N_("internal") :
				       N_("publish");
			else if (c->d.kind == AKT_DRAFT_STATUS)
				what = N_("notify");
			else
				continue;
		}
		k = first_key(v->ui, hints[i].a);
		if (!*k) {
			free(k);
			continue;
		}
		t = xasprintf("%s%s%s %s", out, *out ? "  " : "", k, _(what));
		free(out);
		free(k);
		out = t;
	}
	{
		char *t = xasprintf(_("%s  Esc close  F1 keys"), out);

		free(out);
		out = t;
	}
	return out;
}

static char *mark_text(const struct vcomp *c)
{
	switch (c->mark) {
	case CMP_NEW:
		return xstrdup(_("new"));
	case CMP_SAVED:
		return xstrdup(_("saved"));
	case CMP_PENDING:
		return xstrdup(_("saving…"));
	case CMP_FAILED:
		return xasprintf(_("not saved: %s"), c->save_err ?
				 c->save_err : "?");
	}
	return xstrdup("");
}

static void draw(struct ui_view *v, int y0, int rows, int cols)
{
	struct vcomp *c = vcomp_of(v);
	struct ui *ui = v->ui;
	int y = y0, end = y0 + rows, idx, col, text_rows;
	char *s;
	size_t p;

	if (rows < 1 || cols < 2)
		return;
	attrset(ui_attr(ui, AKT_T_HEADER));
	s = header_text(v);
	ui_put(y++, 0, cols, s, true);
	free(s);
	if ((s = state_text(v))) {
		size_t n = 0;
		char **lines = ui_wrap(s, cols, &n);

		attrset(ui_attr(ui, AKT_T_ERROR));
		for (size_t i = 0; i < n && i < 3 && y < end - 2; i++)
			ui_put(y++, 0, cols, lines[i], true);
		ui_wrap_free(&lines, &n);
		free(s);
	}
	/* the text, in the rows left above the hint line */
	attrset(ui_attr(ui, AKT_T_TEXT));
	text_rows = AKT_MAX(end - 1 - y, 1);
	c->text_rows = text_rows;
	akt_eb_set_width(c->eb, cols - 1);
	idx = akt_eb_scroll(c->eb, &c->top, text_rows);
	p = c->top;
	for (int i = 0; i < text_rows && y + i < end; i++) {
		struct akt_eb_row r;

		if (akt_eb_row_at(c->eb, p, &r)) {
			char *row = xstrndup(akt_eb_text(c->eb) + r.start,
					     r.end - r.start);

			ui_put(y + i, 0, cols, row, true);
			free(row);
			p = r.next;
		} else {
			ui_put(y + i, 0, cols, "", true);
		}
	}
	akt_eb_cursor_row(c->eb, &col);
	v->cursor_y = y - y0 + idx;
	v->cursor_x = AKT_MIN(col, cols - 1);
	/* the keys, and the saved mark on the right */
	if (rows >= 3) {
		char *hint = hint_text(v), *mark = mark_text(c);
		int mw = ui_width(mark) + 2;

		attrset(ui_attr(ui, AKT_T_HEADER));
		if (mw >= cols) {
			ui_put(end - 1, 0, cols, mark, true);
		} else {
			ui_put(end - 1, 0, cols - mw, hint, true);
			if (c->mark == CMP_FAILED)
				attrset(ui_attr(ui, AKT_T_ERROR));
			ui_putf(end - 1, cols - mw, mw, true, "  %s", mark);
		}
		free(hint);
		free(mark);
	}
}

static char *title(struct ui_view *v)
{
	struct vcomp *c = vcomp_of(v);

	return xasprintf(_("Write — %s"), c->d.case_number ?
			 c->d.case_number : "?");
}

/* ---- keys ---------------------------------------------------------------------- */

static bool printable(akt_key k)
{
	return k >= 0x20 && k != 0x7f && !(k >= 0x80 && k < 0xa0) &&
	       k <= 0x10ffff && !(k >= 0xd800 && k <= 0xdfff);
}

static void insert_tab(struct vcomp *c)
{
	int col;
	char sp[TAB_COLS + 1] = "    ";

	akt_eb_cursor_row(c->eb, &col);
	akt_eb_insert(c->eb, sp, (size_t)(TAB_COLS - col % TAB_COLS));
}

/* An edit or move; true when a was one. */
static bool edit(struct ui_view *v, enum akt_action a)
{
	struct vcomp *c = vcomp_of(v);
	struct akt_eb *b = c->eb;
	uint64_t before = akt_eb_changes(b);
	int page = AKT_MAX(c->text_rows - 1, 1);

	cmp_crash_begin(c);
	switch (a) {
	case AKT_A_CHAR_LEFT:      akt_eb_left(b); break;
	case AKT_A_CHAR_RIGHT:     akt_eb_right(b); break;
	case AKT_A_ROW_UP:         akt_eb_up(b, 1); break;
	case AKT_A_ROW_DOWN:       akt_eb_down(b, 1); break;
	case AKT_A_ROW_START:      akt_eb_home(b); break;
	case AKT_A_ROW_END:        akt_eb_end(b); break;
	case AKT_A_TEXT_PAGE_UP:
		if (!akt_eb_up(b, page))
			akt_eb_text_start(b);
		break;
	case AKT_A_TEXT_PAGE_DOWN:
		if (!akt_eb_down(b, page))
			akt_eb_text_end(b);
		break;
	case AKT_A_WORD_LEFT:      akt_eb_word_left(b); break;
	case AKT_A_WORD_RIGHT:     akt_eb_word_right(b); break;
	case AKT_A_DELETE_BACK:    akt_eb_delete_back(b); break;
	case AKT_A_DELETE_FORWARD: akt_eb_delete_forward(b); break;
	case AKT_A_DELETE_WORD:    akt_eb_delete_word(b); break;
	case AKT_A_DELETE_TO_END:  akt_eb_delete_to_eol(b); break;
	case AKT_A_DELETE_LINE:    akt_eb_delete_line(b); break;
	case AKT_A_UNDO:
		if (!akt_eb_undo(b))
			ui_msg(v->ui, "%s", _("Nothing to undo"));
		break;
	case AKT_A_REDO:
		if (!akt_eb_redo(b))
			ui_msg(v->ui, "%s", _("Nothing to redo"));
		break;
	default:
		cmp_crash_end(c);
		return false;
	}
	cmp_crash_end(c);
	if (akt_eb_changes(b) != before)
		cmp_changed(v);
	ui_dirty(v->ui);
	return true;
}

static void toggle(struct ui_view *v)
{
	struct vcomp *c = vcomp_of(v);

	if (c->d.kind == AKT_DRAFT_NOTE) {
		c->d.publish = !c->d.publish;
		ui_msg(v->ui, "%s", c->d.publish ?
		       _("The note will be published to the citizen") :
		       _("The note will be internal"));
	} else if (c->d.kind == AKT_DRAFT_STATUS) {
		c->d.notify = !c->d.notify;
		ui_msg(v->ui, "%s", c->d.notify ?
		       _("The citizen will be notified") :
		       _("The citizen will not be notified"));
	} else {
		ui_err(v->ui, "%s", _("only notes are published or internal, "
				      "and only status changes notify"));
		return;
	}
	c->meta_changed = true;
	cmp_changed(v);
}

static bool action(struct ui_view *v, enum akt_action a)
{
	struct vcomp *c = vcomp_of(v);

	if (c->in_editor)
		return true;
	if (edit(v, a))
		return true;
	switch (a) {
	case AKT_A_SEND:
		cmp_send(v);
		return true;
	case AKT_A_INSERT_TEMPLATE:
		cmp_template_menu(v);
		return true;
	case AKT_A_TOGGLE_PUBLISH:
		toggle(v);
		return true;
	case AKT_A_EXTERNAL_EDITOR:
		cmp_external(v);
		return true;
	case AKT_A_COMPOSE_COMMAND:
		ui_command_open(v->ui);
		return true;
	case AKT_A_CANCEL:
	case AKT_A_BACK:
		cmp_close(v);
		return true;
	default:
		return false;
	}
}

static bool key(struct ui_view *v, akt_key k)
{
	struct vcomp *c = vcomp_of(v);
	enum akt_action a;

	if (c->in_editor)
		return true;
	if (printable(k)) {
		char u[AKT_UTF8_MAXLEN];
		size_t n = akt_utf8_encode((uint32_t)k, u);

		cmp_crash_begin(c);
		akt_eb_insert(c->eb, u, n);
		cmp_crash_end(c);
		cmp_changed(v);
		return true;
	}
	/* bound to a compose action (also as `bind compose KEY ACTION`) */
	a = akt_keymap_lookup(v->ui->keys, AKT_SCR_COMPOSE, k);
	if (a != AKT_A_NONE && (akt_actions[a].screens & AKT_S(COMPOSE)))
		return action(v, a);
	k = akt_key_canon(k);
	if (k == '\r' || k == '\t') {
		cmp_crash_begin(c);
		if (k == '\r')
			akt_eb_insert(c->eb, "\n", 1);
		else
			insert_tab(c);
		cmp_crash_end(c);
		cmp_changed(v);
		return true;
	}
	return false;
}

/* ---- commands and the rest --------------------------------------------------------- */

static bool command(struct ui_view *v, const char *name, const char *args)
{
	struct vcomp *c = vcomp_of(v);

	if (strcmp(name, "template") == 0) {
		if (*args)
			cmp_template_insert(v, args);
		else
			cmp_template_menu(v);
		return true;
	}
	if (strcmp(name, "discard") == 0) {
		cmp_discard(v);
		return true;
	}
	if (strcmp(name, "send") == 0) {
		cmp_send(v);
		return true;
	}
	if (strcmp(name, "publish") == 0 || strcmp(name, "internal") == 0) {
		bool pub = name[0] == 'p';

		if (c->d.kind != AKT_DRAFT_NOTE) {
			ui_err(v->ui, "%s", _("only journal notes are published "
					      "or internal"));
			return true;
		}
		if (c->d.publish != pub) {
			c->d.publish = pub;
			c->meta_changed = true;
			cmp_changed(v);
		}
		ui_msg(v->ui, "%s", pub ?
		       _("The note will be published to the citizen") :
		       _("The note will be internal"));
		return true;
	}
	return false;
}

static bool save(struct ui_view *v, bool ending)
{
	struct vcomp *c = vcomp_of(v);

	if (ending)
		c->ended = true;
	return cmp_save(v, ending ? CMP_SAVE_ENDING : CMP_SAVE_OPEN);
}

static void done(struct ui_view *v)
{
	struct vcomp *c = vcomp_of(v);

	if (!c->closing)
		cmp_save(v, c->ended ? CMP_SAVE_ENDING : CMP_SAVE_CLOSE);
	crash_unregister(c);
	akt_timer_free(&c->autosave);
	akt_timer_free(&c->start_editor);
	if (c->locked)
		akt_draft_unlock(v->ui->drafts, c->d.id);
	akt_draft_clear(&c->d);
	akt_eb_free(&c->eb);
	free(c->save_err);
	free(c->applicant);
	cmp_template_names_free(c);
	free(c);
	v->priv = NULL;
}

static const struct ui_view_ops compose_ops = {
	.name = "compose",
	.screen = AKT_SCR_COMPOSE,
	.title = title,
	.draw = draw,
	.action = action,
	.command = command,
	.done = done,
	.key = key,
	.save = save,
};

/* ---- opening ---------------------------------------------------------------------- */

static void editor_now(struct akt_timer *t, void *arg)
{
	struct ui_view *v = arg;

	(void)t;
	cmp_external(v);
}

static void open_draft(struct ui *ui, const struct akt_draft *d, bool is_new)
{
	struct ui_view *v;
	struct vcomp *c;
	char *err = NULL, *cmd, *path;
	pid_t owner = 0;

	if (!ui->drafts) {
		ui_err(ui, "%s", _("cannot write: the drafts directory could "
				   "not be opened (see the message at start)"));
		return;
	}
	if (!akt_draft_lock(ui->drafts, d->id, &owner, &err)) {
		ui_err(ui, _("Not opened: %s"), err);
		free(err);
		return;
	}
	v = xcalloc(1, sizeof(*v));
	c = xcalloc(1, sizeof(*c));
	v->ops = &compose_ops;
	v->priv = c;
	v->ui = ui;
	if (is_new) {
		akt_draft_copy(&c->d, d);
	} else if (!akt_draft_load(ui->drafts, AKT_BOX_DRAFTS, d->id, &c->d,
				   &err)) {
		/* the list was older than the disk: another akt sent,
		 * discarded or moved it meanwhile */
		ui_err(ui, _("Not opened: %s"), err);
		free(err);
		akt_draft_unlock(ui->drafts, d->id);
		free(c);
		free(v);
		return;
	}
	c->d.open_pid = (long)getpid();
	c->eb = akt_eb_new(c->d.text);
	c->locked = true;
	c->created = !is_new;
	c->mark = is_new ? CMP_NEW : CMP_SAVED;
	c->autosave = akt_timer_new(ui->loop, autosave_fire, v);
	path = akt_draft_text_path(ui->drafts, d->id);
	crash_register(c, path);
	free(path);
	cmd = akt_editor_command(ui->cfg, false);
	c->external = cmd != NULL;
	free(cmd);
	ui_push(ui, v);
	/* the applicant's name, for templates: known before one is chosen */
	cmp_read_case(v);
	if (c->external) {
		/* from the loop, not from inside whoever opened us */
		c->start_editor = akt_timer_new(ui->loop, editor_now, v);
		akt_timer_start(c->start_editor, 0);
	}
}

void view_compose_open(struct ui *ui, const struct akt_draft *d)
{
	open_draft(ui, d, false);
}

void view_compose_new(struct ui *ui, enum akt_draft_kind kind,
		      int64_t case_id, const char *case_number,
		      const char *etag, int64_t thread_id, int64_t message_id,
		      const char *status_to, const char *status_name)
{
	struct akt_draft d;
	char *err = NULL;

	if (!ui->drafts) {
		ui_err(ui, "%s", _("cannot write: the drafts directory could "
				   "not be opened (see the message at start)"));
		return;
	}
	if (!akt_draft_new(&d, kind, &err)) {
		ui_err(ui, _("cannot start a draft: %s"), err);
		free(err);
		return;
	}
	d.server = xstrdup_opt(akt_session_server(ui->session));
	d.case_id = case_id;
	d.case_number = xstrdup_opt(case_number);
	d.etag = xstrdup_opt(etag);
	d.thread_id = thread_id;
	d.message_id = message_id;
	d.status_to = xstrdup_opt(status_to);
	d.status_name = xstrdup_opt(status_name);
	open_draft(ui, &d, true);
	akt_draft_clear(&d);
}

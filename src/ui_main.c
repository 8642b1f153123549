/*
 * ui_main.c — the full-screen client's loop: keys to actions, the view
 * stack, the title and status lines, and what every screen needs loaded
 * at the start (who the officer is, statuses, queues, colleagues).
 *
 * The loop draws only when something changed and then sleeps in poll()
 * until a key, an answer or a timer; there is no busy waiting anywhere.
 */
#include "ui_core.h"
#include "akt/compose.h"
#include "akt/case.h"
#include "akt/paths.h"
#include "akt/sanitize.h"
#include "akt/views.h"
#include "akt/xalloc.h"

#include <unistd.h>

/* ---- the view stack ---------------------------------------------------- */

struct ui_view *ui_top(const struct ui *ui)
{
	return ui->view;
}

struct ui_view *ui_view_find(const struct ui *ui, unsigned serial)
{
	for (struct ui_view *v = ui->view; v && serial; v = v->below)
		if (v->serial == serial)
			return v;
	return NULL;
}

void ui_push(struct ui *ui, struct ui_view *v)
{
	if (++ui->p->serial == 0)         /* 0 is no view's */
		ui->p->serial = 1;
	v->serial = ui->p->serial;
	v->ui = ui;
	v->below = ui->view;
	ui->view = v;
	ui_redraw_all(ui);
}

static void view_free(struct ui *ui, struct ui_view *v)
{
	ui_req_drop(ui, v, true);
	if (v->ops->done)
		v->ops->done(v);
	free(v);
}

void ui_pop(struct ui *ui)
{
	struct ui_view *v = ui->view;

	if (!v)
		return;
	ui->view = v->below;
	view_free(ui, v);
	if (!ui->view)
		ui->quit = true;
	ui_redraw_all(ui);
}

/* ---- messages ----------------------------------------------------------- */

bool ui_save_all(struct ui *ui, bool ending)
{
	bool ok = true;

	for (struct ui_view *v = ui->view; v; v = v->below)
		if (v->ops->save && !v->ops->save(v, ending))
			ok = false;
	return ok;
}

void ui_dirty(struct ui *ui)
{
	ui->dirty = true;
}

void ui_redraw_all(struct ui *ui)
{
	ui->frame++;
	ui->dirty = true;
}

static void set_message(struct ui *ui, bool error, const char *fmt,
			va_list ap)
{
	char *s;

	/* the lock screen shows no platform text (a case, a problem from
	 * the outbox): only what the lock itself says */
	if (ui->locked && !ui->p->lock_says)
		return;
	s = xvasprintf(fmt, ap);
	free(ui->message);
	ui->message = akt_sanitize_str(s, AKT_SAN_ONELINE);
	ui->message_error = error;
	free(s);
	ui_dirty(ui);
}

void ui_msg(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(ui, false, fmt, ap);
	va_end(ap);
}

void ui_err(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(ui, true, fmt, ap);
	va_end(ap);
	if (!ui->p->script)
		beep();
}

const char *ui_name(const struct ui *ui, const struct akt_names *n)
{
	const char *s = akt_names_pick(n, ui->lang);

	return s ? s : "";
}

/* ---- drawing ------------------------------------------------------------ */

/* The offline banner takes the body's first row while it is shown. */
static bool banner_shown;

int ui_body_rows(void)
{
	int rows = LINES - 3 - (banner_shown ? 1 : 0);

	return rows > 0 ? rows : 0;
}

/* Offline: the session lost the platform, or the outbox cannot reach
 * it. What is loaded stays on screen; what is sent waits. */
static bool offline(const struct ui *ui)
{
	return ui->net == UI_NET_OFFLINE ||
	       (ui->outbox && akt_outbox_offline(ui->outbox));
}

static void draw_banner(struct ui *ui, int y)
{
	size_t n = ui->outbox ? akt_outbox_count(ui->outbox) : 0;

	attrset(ui_attr(ui, AKT_T_OFFLINE) | A_BOLD);
	if (n)
		ui_putf(y, 0, COLS, true, ngettext(
			"Offline: showing what was loaded; %zu item waits in "
			"the outbox and is sent when the platform answers",
			"Offline: showing what was loaded; %zu items wait in "
			"the outbox and are sent when the platform answers",
			n), n);
	else
		ui_put(y, 0, COLS, _("Offline: showing what was loaded; what "
				     "you send waits in the outbox"), true);
	attrset(ui_attr(ui, AKT_T_TEXT));
}

static const char *const spinner[] = { "|", "/", "-", "\\" };

/*
 * The fixed lines (title, status bar, message) are drawn only when their
 * text changed since the same frame: a key that moves the selection then
 * costs two rows of the list and nothing else. false = draw it.
 */
static bool same_as_drawn(struct ui *ui, int line, const char *text)
{
	struct ui_private *p = ui->p;

	if (p->line_frame != ui->frame) {
		for (int i = 0; i < 3; i++)
			xfree(&p->line_text[i]);
		p->line_frame = ui->frame;
	}
	if (p->line_text[line] && strcmp(p->line_text[line], text) == 0)
		return true;
	free(p->line_text[line]);
	p->line_text[line] = xstrdup(text);
	return false;
}

static void draw_title(struct ui *ui)
{
	char *title = ui->view && ui->view->ops->title ?
		ui->view->ops->title(ui->view) : xstrdup("akt");

	if (!same_as_drawn(ui, 0, title)) {
		attrset(ui_attr(ui, AKT_T_TITLE));
		ui_put(0, 0, COLS, title, true);
	}
	free(title);
}

static char *server_host(const struct ui *ui)
{
	const char *s = akt_session_server(ui->session);
	const char *h = s ? strstr(s, "://") : NULL;

	h = h ? h + 3 : (s ? s : "");
	return xstrndup(h, strcspn(h, "/"));
}

/* Requests under way, the views' and the engine's (a case list's pages),
 * but not the change feed's poll, which is always there. */
static unsigned in_flight(const struct ui *ui)
{
	unsigned n = akt_session_inflight(ui->session);
	unsigned feed = ui->feed && akt_feed_polling(ui->feed) ? 1 : 0;

	n = n > feed ? n - feed : 0;
	return AKT_MAX(n, ui_busy(ui));
}

static bool spinning(const struct ui *ui);

static void draw_status(struct ui *ui)
{
	int y = LINES - 2, x = 0;
	unsigned busy = in_flight(ui);
	char *host = server_host(ui);
	char net[64];
	size_t waiting = ui->outbox ? akt_outbox_count(ui->outbox) : 0;

	switch (ui->net) {
	case UI_NET_ONLINE:
		snprintf(net, sizeof(net), "%s", _("online"));
		break;
	case UI_NET_RETRYING: {
		int64_t left = (ui->retry_at - akt_loop_now() + 999) / 1000;

		snprintf(net, sizeof(net), _("retrying in %lld s"),
			 (long long)(left > 0 ? left : 0));
		break;
	}
	case UI_NET_OFFLINE:
		snprintf(net, sizeof(net), "%s", _("offline"));
		break;
	}
	{
		/* everything the bar shows, to see whether it changed */
		char *sig = xasprintf("%s@%s %s %u %u %u %u %zu",
				      ui->me_loaded ? ui->me.username : "?",
				      host, net, busy, busy ?
				      ui->spin % 4 : 0, ui->new_messages,
				      (unsigned)ui->net, waiting);
		bool same = same_as_drawn(ui, 1, sig);

		free(sig);
		if (same) {
			free(host);
			return;
		}
	}
	/* first, where no width cuts it: for as long as akt runs */
	if (ui->cfg->tls_verify == AKT_TLS_NO_VERIFY) {
		attrset(ui_attr(ui, AKT_T_ERROR) | A_BOLD);
		x += ui_put(y, x, COLS - x, _("!TLS NOT VERIFIED!"), false);
	}
	attrset(ui_attr(ui, AKT_T_STATUS_BAR));
	x += ui_putf(y, x, COLS - x, false, " %s@%s ",
		     ui->me_loaded ? ui->me.username : "?", host);
	if (ui->net != UI_NET_ONLINE)
		attrset(ui_attr(ui, AKT_T_OFFLINE) | A_BOLD);
	x += ui_putf(y, x, COLS - x, false, "[%s]", net);
	attrset(ui_attr(ui, AKT_T_STATUS_BAR));
	if (busy)
		x += ui_putf(y, x, COLS - x, false, " %s %s", spinner[ui->spin % 4],
			     busy == 1 ? _("loading") :
			     _("requests under way"));
	if (busy > 1)
		x += ui_putf(y, x, COLS - x, false, " (%u)", busy);
	if (waiting)
		x += ui_putf(y, x, COLS - x, false, "  ⇡ %zu %s", waiting,
			     ngettext("waiting to be sent",
				      "waiting to be sent", waiting));
	if (ui->new_messages)
		x += ui_putf(y, x, COLS - x, false, "  ✉ %u %s",
			     ui->new_messages,
			     ngettext("new message", "new messages",
				      ui->new_messages));
	ui_put(y, x, COLS - x, "", true);
	free(host);
}

static void draw_message(struct ui *ui)
{
	int y = LINES - 1;
	char key[2] = { ui->message_error ? 'E' : 'M', 0 };
	char *text = xasprintf("%s%s", key, ui->message ? ui->message : "");

	if (!same_as_drawn(ui, 2, text)) {
		attrset(ui_attr(ui, ui->message_error ? AKT_T_ERROR :
				AKT_T_MESSAGE));
		ui_put(y, 0, COLS, ui->message ? ui->message : "", true);
	}
	free(text);
}

void ui_draw(struct ui *ui)
{
	struct ui_view *v = ui->view;
	bool banner = offline(ui) && !ui->locked;
	int rows, y0 = banner ? 2 : 1;

	if (banner != banner_shown) {
		banner_shown = banner;
		ui->frame++;
	}
	rows = ui_body_rows();
	ui->dirty = false;
	if (LINES < 5 || COLS < 20) {
		ui->frame++;
		erase();
		ui_put(0, 0, COLS, _("akt: the terminal is too small"), true);
		refresh();
		return;
	}
	if (ui->locked) {
		ui_lock_draw(ui);
		refresh();
		return;
	}
	/* A menu or prompt over the body, now or just gone: the rows under
	 * it are drawn anew. */
	if (ui_modal_active(ui) || ui->p->modal_was)
		ui->frame++;
	ui->p->modal_was = ui_modal_active(ui);
	attrset(ui_attr(ui, AKT_T_TEXT));
	draw_title(ui);
	if (banner)
		draw_banner(ui, 1);
	if (v) {
		attrset(ui_attr(ui, AKT_T_TEXT));
		v->cursor_y = 0;
		v->cursor_x = 0;
		v->ops->draw(v, y0, rows, COLS);
	}
	draw_status(ui);
	draw_message(ui);
	attrset(A_NORMAL);
	if (spinning(ui) && ui->p->spinner && !akt_timer_active(ui->p->spinner))
		akt_timer_start(ui->p->spinner, 250);
	if (ui_modal_active(ui)) {
		ui_modal_draw(ui);
	} else if (v) {
		/* Screen readers and braille displays follow the cursor. */
		move(y0 + AKT_MIN(AKT_MAX(v->cursor_y, 0), rows - 1),
		     AKT_MAX(v->cursor_x, 0));
	}
	refresh();
}

/* ---- keys ---------------------------------------------------------------- */

static void generic_action(struct ui *ui, enum akt_action a)
{
	switch (a) {
	case AKT_A_BACK:
		ui_pop(ui);
		break;
	case AKT_A_QUIT:
		ui->quit = true;
		break;
	case AKT_A_CANCEL:
		if (ui->view && ui->view->loading) {
			ui_req_drop(ui, ui->view, false);
			ui_msg(ui, "%s", _("Stopped waiting."));
		}
		break;
	case AKT_A_HELP:
		ui_help_open(ui);
		break;
	case AKT_A_COMMAND:
		ui_open_command(ui, NULL);
		break;
	case AKT_A_REDRAW:
		clearok(curscr, TRUE);
		ui_redraw_all(ui);
		break;
	case AKT_A_SUSPEND:
		ui_term_suspend(ui);
		break;
	case AKT_A_RELOAD:
		if (ui->view && ui->view->ops->reload)
			ui->view->ops->reload(ui->view);
		break;
	case AKT_A_LOCK:
		ui_lock(ui);
		break;
	case AKT_A_RETENTION:
		view_retention_open(ui);
		break;
	case AKT_A_DRAFTS:
		view_drafts_open(ui);
		break;
	default:
		break;
	}
}

void ui_key(struct ui *ui, akt_key k)
{
	enum akt_screen scr;
	enum akt_action a;

	if (ui_lock_touch(ui))
		return;
	if (ui->locked) {
		ui_lock_key(ui, k);
		return;
	}
	if (k == (AKT_KEY_FN | KEY_RESIZE)) {
		ui_dirty(ui);
		return;
	}
	if (ui_modal_key(ui, k))
		return;
	/* A new key clears the last message; errors stay one key longer
	 * would be nicer, but a stale message misleads more. */
	if (ui->message) {
		xfree(&ui->message);
		ui_dirty(ui);
	}
	if (ui->view && ui->view->ops->key && ui->view->ops->key(ui->view, k)) {
		ui_dirty(ui);
		return;
	}
	scr = ui->view ? ui->view->ops->screen : AKT_SCR_GENERIC;
	a = akt_keymap_lookup(ui->keys, scr, k);
	if (a == AKT_A_NONE) {
		char name[32];

		ui_err(ui, _("%s does nothing here; ? shows the keys"),
		       akt_key_name(k, name));
		return;
	}
	if (ui->view && ui->view->ops->action &&
	    ui->view->ops->action(ui->view, a)) {
		ui_dirty(ui);
		return;
	}
	generic_action(ui, a);
}

void ui_command_open(struct ui *ui)
{
	ui_open_command(ui, NULL);
}

void ui_keys_pause(struct ui *ui, bool pause)
{
	ui->p->keys_paused = pause;
	if (ui->p->keys)
		akt_watch_set(ui->p->keys, pause ? 0 : AKT_EV_READ);
}

static void keys_ready(struct akt_watch *w, int fd, unsigned ev, void *arg)
{
	struct ui *ui = arg;
	wint_t ch;
	int r;

	(void)w;
	(void)fd;
	(void)ev;
	while (!ui->quit && (r = get_wch(&ch)) != ERR) {
		if (r == KEY_CODE_YES)
			ui_key(ui, AKT_KEY_FN | (akt_key)ch);
		else
			ui_key(ui, (akt_key)ch);
	}
}

/* ---- what every screen needs ---------------------------------------------- */

/* The start-up loads belong to no screen; a tiny view-less holder. */
static struct ui_view boot_view;
static const struct ui_view_ops boot_ops = { .name = "boot" };

static void got_me(struct ui_view *v, const struct akt_reply *r, void *arg)
{
	struct ui *ui = v->ui;
	char *err = NULL;

	(void)arg;
	if (r->result != AKT_OK) {
		char *text = ui_reply_text(r);

		ui_err(ui, "%s", text);
		free(text);
		return;
	}
	if (!akt_officer_decode(r->json, &ui->me, &err)) {
		ui_err(ui, "%s", err);
		free(err);
		return;
	}
	ui->me_loaded = true;
}

static void got_statuses(struct ui_view *v, const struct akt_reply *r,
			 void *arg)
{
	char *err = NULL;

	(void)arg;
	if (r->result == AKT_OK &&
	    !akt_status_list_decode(r->json, &v->ui->statuses, &err)) {
		ui_err(v->ui, "%s", err);
		free(err);
	}
}

static void got_eservices(struct ui_view *v, const struct akt_reply *r,
			  void *arg)
{
	char *err = NULL;

	(void)arg;
	if (r->result == AKT_OK &&
	    !akt_eservice_list_decode(r->json, &v->ui->eservices, &err)) {
		ui_err(v->ui, "%s", err);
		free(err);
	}
}

static void got_officers(struct ui_view *v, const struct akt_reply *r,
			 void *arg)
{
	struct ui *ui = v->ui;
	char *err = NULL;

	(void)arg;
	/* Without them, assigning asks the platform again when needed. */
	if (r->result == AKT_OK &&
	    !akt_officer_ref_list_decode(r->json, &ui->officers,
					 &ui->nofficers, &err))
		xfree(&err);
}

static void load_common(struct ui *ui)
{
	boot_view.ops = &boot_ops;
	boot_view.ui = ui;
	ui_get(&boot_view, "/v1/me", got_me, NULL);
	ui_get(&boot_view, "/v1/statuses", got_statuses, NULL);
	ui_get(&boot_view, "/v1/e-services", got_eservices, NULL);
	ui_get(&boot_view, "/v1/officers?limit=200", got_officers, NULL);
}

/* ---- the change feed and the connection ------------------------------------ */

static void feed_event(const struct akt_event *e, void *arg)
{
	struct ui *ui = arg;

	if (strcmp(e->type, "message.created") == 0 && e->actor_kind &&
	    strcmp(e->actor_kind, "citizen") == 0)
		ui->new_messages++;
	for (struct ui_view *v = ui->view; v; v = v->below)
		if (v->ops->event)
			v->ops->event(v, e);
	ui_dirty(ui);
}

/* The outbox's news goes to every view (a pending note becomes a note)
 * and, when it needs the officer, to the message line. */
static void outbox_event(const struct akt_outbox_event *e, void *arg)
{
	struct ui *ui = arg;
	const char *number = e->item && e->item->case_number ?
		e->item->case_number : "";

	switch (e->what) {
	case AKT_OB_CONFLICT:
		ui_err(ui, _("%s changed since you wrote to it: your text is "
			     "kept as a draft (D shows it) — %s"), number,
		       e->message ? e->message : "");
		break;
	case AKT_OB_REFUSED:
		ui_err(ui, _("%s: the platform refused what you sent: %s; it "
			     "is kept as a draft (D shows it)"), number,
		       e->message ? e->message : "");
		break;
	case AKT_OB_AUTH:
	case AKT_OB_DISK:
		ui_err(ui, "%s", e->message ? e->message : "");
		break;
	default:
		break;
	}
	for (struct ui_view *v = ui->view; v; v = v->below)
		if (v->ops->outbox)
			v->ops->outbox(v, e);
	ui_dirty(ui);
}

/* Drafts that a session left open when it was killed or hung up are
 * offered at the start: the drafts screen opens over the queues. */
static void offer_recovery(struct ui *ui)
{
	struct akt_draft_list l = { 0 };
	char *err = NULL;
	size_t left = 0;

	if (!ui->drafts)
		return;
	if (!akt_draft_list(ui->drafts, AKT_BOX_DRAFTS, &l, &err)) {
		ui_err(ui, "%s", err);
		free(err);
		return;
	}
	for (size_t i = 0; i < l.n; i++) {
		pid_t owner;

		if (l.items[i].open_pid &&
		    !akt_draft_locked(ui->drafts, l.items[i].id, &owner))
			left++;
	}
	if (l.nwarnings)
		ui_err(ui, "%s", l.warnings[0]);
	akt_draft_list_clear(&l);
	if (!left)
		return;
	view_drafts_open(ui);
	ui_msg(ui, ngettext("%zu draft was left open by a session that "
			    "ended: Enter resumes it",
			    "%zu drafts were left open by a session that "
			    "ended: Enter resumes one", left), left);
}

static void feed_state(const char *error, void *arg)
{
	struct ui *ui = arg;

	(void)error;
	ui_dirty(ui);
}

static void net_state(enum akt_net_state st, long retry_ms, void *arg)
{
	struct ui *ui = arg;

	switch (st) {
	case AKT_NET_ONLINE:
		if (ui->net != UI_NET_ONLINE && ui->feed)
			akt_feed_poke(ui->feed);
		if (ui->net != UI_NET_ONLINE && ui->outbox &&
		    akt_outbox_offline(ui->outbox))
			akt_outbox_flush(ui->outbox);
		ui->net = UI_NET_ONLINE;
		break;
	case AKT_NET_RETRYING:
		ui->net = UI_NET_RETRYING;
		ui->retry_at = akt_loop_now() + retry_ms;
		break;
	case AKT_NET_OFFLINE:
		ui->net = UI_NET_OFFLINE;
		break;
	}
	ui_dirty(ui);
}

/* The change feed anew: the lock stops it (its long poll holds the
 * login), the unlock starts it again. */
void ui_feed_restart(struct ui *ui)
{
	akt_feed_free(&ui->feed);
	ui->feed = akt_feed_new(ui->session, feed_event, feed_state, ui);
	akt_feed_start(ui->feed);
}

/* ---- timers -------------------------------------------------------------- */

/* The spinner turns while something loads, and the "retrying in N s"
 * counts down; otherwise the timer rests: an idle akt wakes for nothing. */
static bool spinning(const struct ui *ui)
{
	return in_flight(ui) || ui->net == UI_NET_RETRYING;
}

static void spin(struct akt_timer *t, void *arg)
{
	struct ui *ui = arg;

	if (spinning(ui)) {
		ui->spin++;
		ui_dirty(ui);
		akt_timer_start(t, 250);
	}
}

/* Scripts run a key whenever akt has nothing to wait for. */
static bool idle(const struct ui *ui)
{
	return in_flight(ui) == 0 && ui->deferred == 0;
}

static void script_step(struct akt_timer *t, void *arg)
{
	struct ui *ui = arg;
	const char *command;
	akt_key k;

	if (!idle(ui)) {
		akt_timer_start(t, 5);
		return;
	}
	if (ui->dirty)
		ui_draw(ui);
	if (!ui_script_next(ui->p->script, &k, &command)) {
		/* again after a quit that was refused (an unsaved draft) */
		ui->quit = true;
		akt_timer_start(t, 0);
		return;
	}
	if (command)
		ui_command(ui, command);
	else
		ui_key(ui, k);
	akt_timer_start(t, 0);
}

/* ---- start and end ------------------------------------------------------- */

static bool apply_config(struct ui *ui)
{
	bool ok = true;

	for (size_t i = 0; i < ui->cfg->nlines; i++) {
		const struct akt_config_line *l = &ui->cfg->lines[i];
		char *err = NULL;

		if (strcmp(l->kind, "bind") == 0 &&
		    !akt_keymap_bind(ui->keys, l->text, &err)) {
			akt_cli_error("%s: %s", l->where, err);
			free(err);
			ok = false;
		} else if (strcmp(l->kind, "color") == 0) {
			struct akt_theme probe;

			akt_theme_init(&probe);
			if (!akt_theme_color(&probe, l->text, &err)) {
				akt_cli_error("%s: %s", l->where, err);
				free(err);
				ok = false;
			}
			akt_theme_clear(&probe);
		}
	}
	return ok;
}

static void ui_free_all(struct ui *ui)
{
	while (ui->view) {
		struct ui_view *v = ui->view;

		ui->view = v->below;
		view_free(ui, v);
	}
	ui_req_drop(ui, NULL, true);
	ui_req_free_all(ui);
	ui_modal_free(ui);
	akt_feed_free(&ui->feed);
	akt_outbox_free(&ui->outbox);
	akt_drafts_close(&ui->drafts);
	akt_timer_free(&ui->p->spinner);
	akt_timer_free(&ui->p->lock_timer);
	akt_timer_free(&ui->p->script_timer);
	akt_watch_free(&ui->p->keys);
	ui_script_free(&ui->p->script);
	ui_line_free(&ui->p->cmdline);
	ui_line_free(&ui->p->searchline);
	ui_line_free(&ui->p->promptline);
	explicit_bzero(ui->p->pw, sizeof(ui->p->pw));
	for (int i = 0; i < 3; i++)
		free(ui->p->line_text[i]);
	akt_keymap_free(&ui->keys);
	akt_theme_clear(&ui->theme);
	akt_officer_clear(&ui->me);
	akt_status_list_clear(&ui->statuses);
	akt_queue_list_clear(&ui->queues);
	akt_eservice_list_clear(&ui->eservices);
	akt_officer_ref_list_free(&ui->officers, &ui->nofficers);
	free(ui->message);
	free(ui->p);
}

/* $XDG_STATE_HOME/akt/NAME, its directory made 0700; NULL when there
 * is no home or the directory cannot be made private (no history then). */
static char *state_file(const char *name)
{
	char *path = akt_path_xdg("XDG_STATE_HOME", ".local/state", name);
	char *err = NULL;

	if (path && !akt_path_private_dir(path, &err)) {
		free(err);
		xfree(&path);
	}
	return path;
}

/* A change sent just before quitting is seen through: its answer is
 * awaited (up to the request timeout), so the officer is not left
 * guessing whether it was made. */
static void finish_writes(struct ui *ui)
{
	int64_t end = akt_loop_now() + ui->cfg->request_timeout * 1000;

	if (!ui_req_writes(ui))
		return;
	ui_msg(ui, _("Finishing %u changes under way…"), ui_req_writes(ui));
	ui_draw(ui);
	while (ui_req_writes(ui) && akt_loop_now() < end)
		akt_loop_run_once(ui->loop, 100);
}

int ui_run(struct akt_cli *cli)
{
	struct ui ui;
	const char *script = getenv("AKT_SCRIPT");
	char *err = NULL, *hist;
	int hist_size = 500;

	memset(&ui, 0, sizeof(ui));
	ui.cli = cli;
	ui.loop = cli->loop;
	ui.session = cli->session;
	ui.cfg = &cli->cfg;
	ui.lang = akt_lang();
	ui.p = xcalloc(1, sizeof(*ui.p));
	ui.keys = akt_keymap_new();
	akt_theme_init(&ui.theme);
	ui.exit_code = AKT_EXIT_OK;

	if (!akt_session_logged_in(cli->session)) {
		akt_cli_error("not logged in; %s",
			      akt_session_login_hint(cli->session));
		ui_free_all(&ui);
		return AKT_EXIT_AUTH;
	}
	if (!apply_config(&ui)) {
		ui_free_all(&ui);
		return AKT_EXIT_USAGE;
	}
	if (script && *script) {
		ui.p->script = ui_script_load(script, &err);
		if (!ui.p->script) {
			akt_cli_error("%s", err);
			free(err);
			ui_free_all(&ui);
			return AKT_EXIT_USAGE;
		}
	}
	if (cli->cfg.history_size >= 0)
		hist_size = (int)cli->cfg.history_size;
	hist = state_file("history");
	ui.p->cmdline = ui_line_new(hist, hist_size, &err);
	free(hist);
	hist = state_file("search-history");
	if (ui.p->cmdline)
		ui.p->searchline = ui_line_new(hist, hist_size, &err);
	free(hist);
	if (ui.p->searchline)
		ui.p->promptline = ui_line_new(NULL, 0, &err);
	if (!ui.p->promptline) {
		akt_cli_error("cannot start the line editor: %s", err);
		free(err);
		ui_free_all(&ui);
		return AKT_EXIT_USAGE;
	}

	if (!ui_term_start(&ui, ui.p->script != NULL, &err)) {
		akt_cli_error("%s", err);
		free(err);
		ui_term_stop(&ui);
		ui_free_all(&ui);
		return AKT_EXIT_USAGE;
	}
	ui_theme_use(&ui, akt_theme_start_name(cli->cfg.theme, has_colors()));
	ui.drafts = akt_drafts_open(NULL, &err);
	if (ui.drafts)
		ui.outbox = akt_outbox_new(ui.session, ui.drafts, outbox_event,
					   &ui);

	akt_session_set_net_observer(ui.session, net_state, &ui);
	load_common(&ui);
	view_queues_open(&ui);
	if (!ui.drafts) {
		ui_err(&ui, _("Drafts cannot be kept, so nothing can be "
			      "written: %s"), err);
		xfree(&err);
	} else {
		offer_recovery(&ui);
		akt_outbox_flush(ui.outbox);
	}
	ui.feed = akt_feed_new(ui.session, feed_event, feed_state, &ui);
	akt_feed_start(ui.feed);

	ui.p->spinner = akt_timer_new(ui.loop, spin, &ui);
	akt_timer_start(ui.p->spinner, 250);
	ui_lock_touch(&ui);
	if (ui.p->script) {
		ui.p->script_timer = akt_timer_new(ui.loop, script_step, &ui);
		akt_timer_start(ui.p->script_timer, 0);
	} else {
		ui.p->keys = akt_watch_new(ui.loop, STDIN_FILENO, AKT_EV_READ,
					   keys_ready, &ui);
	}

	for (;;) {
		while (!ui.quit) {
			if (ui.dirty)
				ui_draw(&ui);
			akt_loop_run_once(ui.loop, -1);
			ui_term_watch(&ui);
		}
		/* Whatever is being written is on disk before anything
		 * else. When it cannot be, the officer is asked once more
		 * (nobody is there to ask after a hang-up); then the text
		 * goes where a crash would put it, as a last try. */
		if (ui_save_all(&ui, ui.hangup))
			break;
		if (ui.hangup || ui.p->quit_unsaved) {
			view_compose_crash_save();
			break;
		}
		ui.quit = false;
		ui.p->quit_unsaved = true;
		ui_err(&ui, "%s", _("Not quitting: a draft could not be saved "
				    "(the editor says why). Free the disk or "
				    "copy the text, then quit again; quitting "
				    "again now may lose it"));
	}
	finish_writes(&ui);

	/* A failure is said after the screen is gone, so it can be read. */
	if (ui_line_save(ui.p->cmdline, &err))
		ui_line_save(ui.p->searchline, &err);
	akt_session_set_net_observer(ui.session, NULL, NULL);
	ui_free_all(&ui);
	ui_term_stop(&ui);
	if (err) {
		akt_cli_error("%s", err);
		free(err);
	}
	return ui.exit_code;
}

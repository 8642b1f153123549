/*
 * ui_lock.c — the idle lock for shared terminals. After lock_after
 * minutes without a key (or on L / :lock) the screen is wiped and shows
 * only that akt is locked; the officer's password opens it again. What
 * was on screen is gone from the terminal too (curses clears it all),
 * and the password is typed without echo, kept out of every history,
 * and wiped from memory once checked.
 */
#include "ui_core.h"
#include "akt/auth.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

static void lock_fire(struct akt_timer *t, void *arg)
{
	(void)t;
	ui_lock(arg);
}

void ui_lock_touch(struct ui *ui)
{
	long minutes = ui->cfg->lock_after;

	if (minutes <= 0 || ui->locked)
		return;
	if (!ui->p->lock_timer)
		ui->p->lock_timer = akt_timer_new(ui->loop, lock_fire, ui);
	akt_timer_start(ui->p->lock_timer, minutes * 60 * 1000);
}

static void wipe_pw(struct ui *ui)
{
	explicit_bzero(ui->p->pw, sizeof(ui->p->pw));
	ui->p->pwlen = 0;
}

void ui_lock(struct ui *ui)
{
	if (ui->locked)
		return;
	/* What is being written is on disk before the screen goes. */
	ui_save_all(ui, false);
	ui->locked = true;
	wipe_pw(ui);
	xfree(&ui->message);
	/* Forget the screen's cells, so the next refresh clears the
	 * terminal entirely rather than patching it. */
	erase();
	clearok(curscr, TRUE);
	if (ui->p->lock_timer)
		akt_timer_stop(ui->p->lock_timer);
	ui_redraw_all(ui);
}

static void unlocked(const struct akt_reply *r, void *arg)
{
	struct ui *ui = arg;

	ui->p->unlocking = false;
	if (r->result == AKT_OK) {
		ui->locked = false;
		clearok(curscr, TRUE);
		ui_redraw_all(ui);
		ui_msg(ui, "%s", _("Unlocked."));
		ui_lock_touch(ui);
	} else if (r->result == AKT_E_AUTH) {
		ui_err(ui, "%s", _("Wrong password; try again."));
	} else {
		ui_err(ui, _("cannot check the password: %s"), r->error);
	}
	ui_dirty(ui);
}

bool ui_lock_key(struct ui *ui, akt_key k)
{
	struct ui_private *p = ui->p;

	ui_dirty(ui);
	if (p->unlocking)
		return true;
	if (k == 17) {                    /* ^Q */
		ui->quit = true;
	} else if (k == '\r' || k == '\n' || k == (AKT_KEY_FN | KEY_ENTER)) {
		if (!p->pwlen || !ui->me_loaded)
			return true;
		p->unlocking = true;
		xfree(&ui->message);
		akt_auth_login(ui->session, ui->me.username, p->pw, unlocked,
			       ui);
		wipe_pw(ui);
	} else if (k == 21 || k == 27) {  /* ^U, Esc: start again */
		wipe_pw(ui);
	} else if (k == 127 || k == 8 || k == (AKT_KEY_FN | KEY_BACKSPACE)) {
		while (p->pwlen > 0 && (p->pw[p->pwlen - 1] & 0xC0) == 0x80)
			p->pw[--p->pwlen] = 0;
		if (p->pwlen > 0)
			p->pw[--p->pwlen] = 0;
	} else if (k >= ' ' && !(k & AKT_KEY_FN) && k != 127) {
		char u[AKT_UTF8_MAXLEN];
		size_t n = akt_utf8_encode((uint32_t)k, u);

		if (p->pwlen + n < sizeof(p->pw)) {
			memcpy(p->pw + p->pwlen, u, n);
			p->pwlen += n;
			p->pw[p->pwlen] = 0;
		}
	}
	return true;
}

void ui_lock_draw(struct ui *ui)
{
	int y = AKT_MAX(LINES / 2 - 3, 0);

	attrset(ui_attr(ui, AKT_T_LOCK));
	erase();
	ui_put(y, 2, COLS - 4, _("akt is locked."), false);
	if (ui->me_loaded)
		ui_putf(y + 2, 2, COLS - 4, false,
			_("Signed in as %s (%s)."), ui->me.name,
			ui->me.username);
	ui_put(y + 3, 2, COLS - 4,
	       _("Type your password and press Enter to continue; ^Q quits."),
	       false);
	ui_put(y + 5, 2, COLS - 4, ui->p->unlocking ? _("Checking…") :
	       _("Password:"), false);
	if (ui->message) {
		attrset(ui_attr(ui, ui->message_error ? AKT_T_ERROR :
				AKT_T_MESSAGE));
		ui_put(LINES - 1, 0, COLS, ui->message, true);
	}
	move(y + 5, 2 + ui_width(_("Password:")) + 1);
}

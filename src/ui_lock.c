/*
 * ui_lock.c — the idle lock for shared terminals. After lock_after
 * minutes without a key (or on L / :lock) the screen is wiped and shows
 * only that akt is locked; the officer's password opens it again. What
 * was on screen is gone from the terminal too (curses clears it all),
 * and the password is typed without echo, kept out of every history,
 * and wiped from memory once checked.
 */
#include "ui_core.h"
#include "view_case.h"
#include "view_cases.h"
#include "view_compose.h"
#include "akt/auth.h"
#include "akt/utf8.h"
#include "akt/views.h"
#include "akt/wipe.h"
#include "akt/xalloc.h"

#include <time.h>

/*
 * What the lock keeps from memory (the data handling; akt.1, The idle
 * lock): every screen is closed — its data freed — and the change feed
 * stopped; the session holds (nothing new is sent with the login, the
 * outbox waits) and forgets the login and its connections once the
 * calls under way have ended; then what was freed is overwritten. Kept:
 * the officer's own name (for the lock screen), the reference lists
 * (statuses, queues, e-services, colleagues), and what each screen needs
 * to be opened again — which queue or list, which case and tab, which
 * draft — not what it showed. The unlock signs in anew with the
 * password and opens the same screens, loaded from the platform again.
 * One client per process.
 */
enum lk_kind { LK_QUEUES, LK_CASES, LK_CASE, LK_DRAFTS, LK_RETENTION,
	       LK_COMPOSE };

struct lk_view {
	enum lk_kind kind;
	int64_t id;                  /* case, or queue of a list */
	char *title, *path, *query, *sort;   /* a list */
	const char *tab;             /* a case's tab id */
	char draft[AKT_DRAFT_ID_MAX + 1];
};

static struct {
	bool dropped;                /* the screens were closed */
	struct lk_view *views;       /* bottom first */
	size_t n;
} lk;

/* Set at the lock: whether the screens are to be closed (what they
 * held is saved), and whether that and the hold are done. */
static bool lk_drop_due, lk_settled;

static void lk_clear(void)
{
	for (size_t i = 0; i < lk.n; i++) {
		free(lk.views[i].title);
		free(lk.views[i].path);
		free(lk.views[i].query);
		free(lk.views[i].sort);
	}
	free(lk.views);
	memset(&lk, 0, sizeof(lk));
}

/* How to open v again; false for a screen that is not reopened (help,
 * a thread: its case is below it). */
static bool lk_recipe(const struct ui_view *v, struct lk_view *r)
{
	static const struct vc_tab_ops *const tabs[VC_NTABS] = {
		[VC_OVERVIEW] = &vc_overview_ops,
		[VC_HISTORY] = &vc_history_ops,
		[VC_JOURNAL] = &vc_journal_ops,
		[VC_MESSAGES] = &vc_messages_ops,
	};
	const char *name = v->ops->name;

	memset(r, 0, sizeof(*r));
	if (strcmp(name, "queues") == 0) {
		r->kind = LK_QUEUES;
	} else if (strcmp(name, "cases") == 0) {
		const struct vcl *c = v->priv;

		r->kind = LK_CASES;
		r->id = c->queue_id;
		r->title = xstrdup_opt(c->title);
		r->path = xstrdup_opt(c->path);
		r->query = c->query && *c->query ? xstrdup(c->query) : NULL;
		r->sort = *c->sort ? xstrdup(c->sort) : NULL;
	} else if (strcmp(name, "case") == 0) {
		const struct vc *c = v->priv;

		r->kind = LK_CASE;
		r->id = c->id;
		r->tab = tabs[c->tab]->id;
	} else if (strcmp(name, "drafts") == 0) {
		r->kind = LK_DRAFTS;
	} else if (strcmp(name, "retention") == 0) {
		r->kind = LK_RETENTION;
	} else if (strcmp(name, "compose") == 0) {
		const struct vcomp *c = v->priv;

		if (!c->created)      /* nothing written: nothing to open */
			return false;
		r->kind = LK_COMPOSE;
		snprintf(r->draft, sizeof(r->draft), "%s", c->d.id);
	} else {
		return false;
	}
	return true;
}

/* Close every screen, remembering how to open it again; a question open
 * over them is cancelled (Esc), so whoever asked frees what it holds. */
static void lock_drop(struct ui *ui)
{
	size_t n = 0;

	for (int i = 0; i < 4 && ui_modal_active(ui); i++)
		ui_modal_key(ui, 27);
	ui_modal_free(ui);
	lk_clear();
	for (struct ui_view *v = ui->view; v; v = v->below)
		n++;
	lk.views = xcalloc(n ? n : 1, sizeof(*lk.views));
	/* the stack is walked top down; the recipe is kept bottom up */
	for (struct ui_view *v = ui->view; v; v = v->below) {
		struct lk_view r;

		if (lk_recipe(v, &r)) {
			memmove(lk.views + 1, lk.views, lk.n * sizeof(r));
			lk.views[0] = r;
			lk.n++;
		}
	}
	while (ui->view)
		ui_pop(ui);
	ui->quit = false;             /* popping the last view asks for it */
	lk.dropped = true;
	for (int i = 0; i < 3; i++)   /* the title named the case */
		xfree(&ui->p->line_text[i]);
}

/*
 * The screens close and the session holds once no write is under way:
 * a write kept past its screen would lose its answer or its second
 * step, and one not yet sent would meet the hold. False while waiting.
 */
static bool lock_settle(struct ui *ui)
{
	if (lk_settled)
		return true;
	if (ui_req_writes(ui))
		return false;
	if (lk_drop_due)
		lock_drop(ui);
	akt_feed_free(&ui->feed);
	akt_session_hold(ui->session, true);
	lk_settled = true;
	return true;
}

static void reopen_one(struct ui *ui, const struct lk_view *r)
{
	struct akt_draft d;
	char *err = NULL;

	switch (r->kind) {
	case LK_QUEUES:
		view_queues_open(ui);
		break;
	case LK_CASES: {
		struct akt_case_query q = { .path = r->path,
					    .filter = r->query,
					    .sort = r->sort };

		view_cases_open(ui, r->title, &q, r->id);
		break;
	}
	case LK_CASE:
		view_case_open(ui, r->id, NULL);
		if (r->tab && ui->view->ops->command)
			ui->view->ops->command(ui->view, "tab", r->tab);
		break;
	case LK_DRAFTS:
		view_drafts_open(ui);
		break;
	case LK_RETENTION:
		view_retention_open(ui);
		break;
	case LK_COMPOSE:
		if (!ui->drafts)
			break;
		if (akt_draft_load(ui->drafts, AKT_BOX_DRAFTS, r->draft, &d,
				   &err)) {
			view_compose_open(ui, &d);
			akt_draft_clear(&d);
		} else {
			ui_err(ui, "%s", err);
			free(err);
		}
		break;
	}
}

/* Open again what the lock closed, loaded from the platform. */
static void lock_reopen(struct ui *ui)
{
	/* the screens stayed when the draft could not be saved, or the
	 * writes under way outlasted the lock */
	if (lk.dropped) {
		for (size_t i = 0; i < lk.n; i++)
			reopen_one(ui, &lk.views[i]);
		if (!ui->view)
			view_queues_open(ui);
	}
	lk_clear();
	lk_drop_due = lk_settled = false;
	ui_feed_restart(ui);
	if (ui->outbox)
		akt_outbox_flush(ui->outbox);
}

/* The lock timer doubles, while locked, as the wait for the session to
 * be free of calls. */
#define WIPE_POLL_MS 100
/* The lock comes due while the editor runs: look again this often. */
#define EDITOR_POLL_MS 1000

static bool lock_wipe(struct ui *ui)
{
	if (!akt_session_wipe(ui->session))
		return false;
	akt_wipe_freed();
	return true;
}

static void lock_fire(struct akt_timer *t, void *arg)
{
	struct ui *ui = arg;

	if (!ui->locked) {
		/* the terminal is the editor's, and its screen is under it:
		 * the lock waits until both are back */
		if (ui->p->keys_paused)
			akt_timer_start(t, EDITOR_POLL_MS);
		else
			ui_lock(ui);
	} else if (!ui->p->unlocking &&
		   (!lock_settle(ui) || !lock_wipe(ui))) {
		akt_timer_start(t, WIPE_POLL_MS);
	}
}

/* Milliseconds on a clock that runs on while the process is stopped
 * and the machine sleeps, which the loop's timers do not see. */
static int64_t boot_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* When the last key (or a return from a suspend) came; 0 while locked. */
static int64_t touched_ms;

bool ui_lock_touch(struct ui *ui)
{
	long minutes = ui->cfg->lock_after;

	if (minutes <= 0 || ui->locked) {
		touched_ms = 0;
		return false;
	}
	/* back from a suspend, or a key after the machine slept, past the
	 * idle time: the lock comes first, before anything is drawn */
	if (touched_ms && boot_ms() - touched_ms >= minutes * 60 * 1000) {
		ui_lock(ui);
		return true;
	}
	touched_ms = boot_ms();
	if (!ui->p->lock_timer)
		ui->p->lock_timer = akt_timer_new(ui->loop, lock_fire, ui);
	akt_timer_start(ui->p->lock_timer, minutes * 60 * 1000);
	return false;
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
	/* What is being written is on disk before the screen goes; if it
	 * cannot be, the screens stay open (in memory) rather than lose it. */
	bool saved = ui_save_all(ui, false);

	ui->locked = true;
	wipe_pw(ui);
	xfree(&ui->message);
	lk_drop_due = saved;
	lk_settled = false;
	lock_settle(ui);
	/* Forget the screen's cells, so the next refresh clears the
	 * terminal entirely rather than patching it. */
	erase();
	clearok(curscr, TRUE);
	if (!ui->p->lock_timer)
		ui->p->lock_timer = akt_timer_new(ui->loop, lock_fire, ui);
	akt_timer_start(ui->p->lock_timer, 0);    /* the wipe, when it can */
	ui_redraw_all(ui);
}

static void unlocked(const struct akt_reply *r, void *arg)
{
	struct ui *ui = arg;

	ui->p->unlocking = false;
	if (r->result == AKT_OK) {
		ui->locked = false;
		akt_session_hold(ui->session, false);
		akt_timer_stop(ui->p->lock_timer);
		clearok(curscr, TRUE);
		ui_redraw_all(ui);
		ui_msg(ui, "%s", _("Unlocked."));
		lock_reopen(ui);
		ui_lock_touch(ui);
	} else {
		ui->p->lock_says = true;
		if (r->result == AKT_E_AUTH)
			ui_err(ui, "%s", _("Wrong password; try again."));
		else
			ui_err(ui, _("cannot check the password: %s"),
			       r->error);
		ui->p->lock_says = false;
		/* the login read for the check is forgotten again */
		akt_timer_start(ui->p->lock_timer, 0);
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
		/* the stored login, so that the new one replaces (revokes) it */
		if (!akt_session_logged_in(ui->session)) {
			char *err = NULL;

			akt_session_restore(ui->session, &err);
			free(err);
		}
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

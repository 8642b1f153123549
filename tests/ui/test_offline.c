/*
 * test_offline.c — writing end to end in a real terminal (tmux) while
 * things go wrong: the platform goes away and comes back (the note waits
 * in the outbox, visibly, and arrives once); the case changes behind the
 * officer's back (a 412: the text comes back as a conflict, re-applied
 * or discarded); the screen locks with a draft open; the terminal hangs
 * up with a draft open (the text is on disk and offered at the next
 * start).
 *
 * The sandbox keeps its database in a file, so it can be stopped and
 * started again on the same port.
 */
#include "e2e.h"
#include "screen.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A pane wide enough that the drafts screen's menus are not cut. */
#define COLS 120
#define ROWS 30

static int setup(void **state)
{
	char args[128];

	/* the database survives a stop and a start on the same port */
	snprintf(args, sizeof(args), "--epoch %s --cases 120", SCREEN_EPOCH);
	return group_start_db(state, args);
}

/* After each test: its tmux servers gone, and the sandbox up again even
 * when the test failed while it was stopped. */
static int teardown(void **state)
{
	tmux_stop_all();
	sb_faults_clear(*state);
	return 0;
}

static int teardown_restart(void **state)
{
	tmux_stop_all();
	if (!sb_restart(*state, sb_db_args(*state)))
		return -1;
	return 0;
}

/* ---- helpers -------------------------------------------------------------- */

struct fix {
	struct sb *sb;
	const char *home;
	struct tmux *t;
	int64_t id;
	char number[64];
};

/* A new Bygglov case (nobody has written to it), anna signed in, akt
 * started in a pane on that case's screen. */
static void open_case(struct sb *sb, struct fix *f)
{
	f->sb = sb;
	f->id = citizen_case(sb, "bygglov", "Åsa Öberg", f->number);
	f->home = cli_home_login(sb, "anna");
	f->t = tmux_start(sb, f->home, COLS, ROWS, NULL, NULL);
	tmux_expect(f->t, "anna@", E2E_WAIT);
	tmux_text(f->t, ":queue Bygglov");
	tmux_keys(f->t, "Enter");
	tmux_expect(f->t, "^›.*" E2E_NUMBER, E2E_WAIT);
	tmux_text(f->t, sb_fmt(sb, ":search %s", f->number));
	tmux_keys(f->t, "Enter");
	tmux_expect(f->t, sb_fmt(sb, "^›.*%s", f->number), E2E_WAIT);
	tmux_keys(f->t, "Enter");
	tmux_expect(f->t, sb_fmt(sb, "Case: %s", f->number), E2E_WAIT);
}

/* w on the case screen: the editor on a new journal note. */
static void start_note(struct fix *f)
{
	tmux_keys(f->t, "w");
	tmux_expect(f->t, sb_fmt(f->sb, "Journal note — %s — internal",
				 f->number), E2E_WAIT);
}

/* Type text into the editor and wait until it shows and is saved. */
static void type_saved(struct fix *f, const char *text, const char *shown)
{
	tmux_text(f->t, text);
	tmux_expect(f->t, e2e_rx(f->sb, shown), E2E_WAIT);
	tmux_expect(f->t, "\\<saved\\>", E2E_WAIT);
}

/* ^S and "Internal note" from the menu it asks. */
static void send_internal(struct fix *f)
{
	const char *s;

	tmux_keys(f->t, "C-s");
	s = tmux_expect(f->t, "Send the note as", E2E_WAIT);
	tmux_keys(f->t, e2e_menu_key(f->t, s, "Internal note"));
}

/* Notes of the case with exactly this body, on the platform. */
static size_t notes_with(struct sb *sb, int64_t id, const char *body)
{
	json_t *notes = e2e_cases(sb, login(sb, "anna"),
				  sb_fmt(sb, "/v1/cases/%lld/notes?limit=200",
					 (long long)id));
	size_t n = 0, i;
	json_t *note;

	json_array_foreach(notes, i, note)
		n += jstr(note, "body") && strcmp(jstr(note, "body"), body) == 0;
	return n;
}

/* Wait until the platform has the note (once), then make sure a moment
 * later that it still has it once: a second copy would come right
 * behind the first. */
static void expect_note_once(struct sb *sb, int64_t id, const char *body)
{
	double end = now_s() + 3 * E2E_WAIT;
	size_t n;

	while ((n = notes_with(sb, id, body)) == 0 && now_s() < end)
		sleep_s(0.1);
	if (n != 1)
		fail_msg("the platform has \"%s\" %zu times", body, n);
}

/* The drafts in home's store; fails unless there is exactly one. */
static json_t *only_draft(struct sb *sb, const char *home)
{
	json_t *d = e2e_records(sb, home, "drafts");

	if (json_array_size(d) != 1)
		fail_msg("%zu drafts on disk, one expected",
			 json_array_size(d));
	return json_array_get(d, 0);
}

/* ---- offline ------------------------------------------------------------------- */

/*
 * The platform stops while a case is open. The officer writes a note
 * and sends it: akt shows it is offline (status bar and banner), the
 * Journal shows the note waiting, the record is in the outbox. The
 * platform comes back (same port, same data): the outbox drains by
 * itself, the banner goes, the note shows as a note of the journal, and
 * the platform has it exactly once.
 */
static void offline_send_and_drain(void **state)
{
	struct sb *sb = *state;
	struct fix f;
	const char *text = "Skrivet utan nät: ritningar granskade, åäö";
	const char *s;

	open_case(sb, &f);
	sb_halt(sb);
	start_note(&f);
	type_saved(&f, text, text);
	send_internal(&f);

	/* the banner and the status bar say so; the note waits */
	s = tmux_expect(f.t, "^Offline: ", 3 * E2E_WAIT);
	s = tmux_expect(f.t, "1 waiting to be sent", E2E_WAIT);
	if (!tmux_match(tmux_row(f.t, s, ROWS - 2), "offline|retrying")) {
		fprintf(stderr, "the status bar does not say offline:\n%s", s);
		fail();
	}
	s = tmux_expect(f.t, sb_fmt(sb, "offline: sent when the platform "
				    "answers · internal +%s",
				    e2e_rx(sb, "Skrivet utan nät")), E2E_WAIT);
	assert_int_equal(json_array_size(e2e_records(sb, f.home, "outbox")),
			 1);
	assert_string_equal(jstr(json_array_get(e2e_records(sb, f.home,
				"outbox"), 0), "text"), text);
	assert_int_equal(json_array_size(e2e_records(sb, f.home, "drafts")),
			 0);

	/* back: the outbox drains without a key pressed */
	assert_true(sb_restart(sb, sb_db_args(sb)));
	if (!tmux_wait_not(f.t, "^Offline: |waiting to be sent|offline: sent",
			   90)) {
		fprintf(stderr, "the outbox did not drain:\n%s",
			tmux_screen(f.t));
		fail();
	}
	/* the journal shows it as a note of the platform's, by anna */
	s = tmux_expect(f.t, "Anna Lindqvist +internal", E2E_WAIT);
	assert_true(tmux_match(s, e2e_rx(sb, "Skrivet utan nät: ritningar")));
	assert_false(tmux_match(s, "^Offline: "));
	expect_note_once(sb, f.id, text);
	assert_int_equal(json_array_size(e2e_records(sb, f.home, "outbox")),
			 0);
	tmux_stop(f.t);
	/* after akt is gone too: still once */
	assert_int_equal(notes_with(sb, f.id, text), 1);
}

/* ---- a conflict ---------------------------------------------------------------- */

/*
 * A note written against the case as anna saw it; meanwhile lars
 * changes its status through the API. Sending gets a 412: the note is
 * back among the drafts as a conflict, and the drafts screen says what
 * changed (the status now, by lars). The new status's name (English,
 * as akt shows it here) is returned in *status.
 */
static void make_conflict(struct sb *sb, struct fix *f, const char *text,
			  const char **status)
{
	const char *lars = login(sb, "lars");
	struct http_resp *r;
	const char *s;

	open_case(sb, f);
	start_note(f);
	type_saved(f, text, text);

	r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/transitions",
			       (long long)f->id), lars);
	expect_status(r, 200);
	expect_true(jstr(r->json, "items[0].to.id") != NULL, r);
	*status = sb_fmt(sb, "%s", jstr(r->json, "items[0].to.name.en"));
	case_move(sb, lars, f->id, jstr(r->json, "items[0].to.id"));

	send_internal(f);
	tmux_expect(f->t, sb_fmt(sb, "%s changed since you wrote to it",
				 f->number), 2 * E2E_WAIT);
	/* the text is a draft again, marked, with what changed */
	json_t *d = only_draft(sb, f->home);
	assert_string_equal(jstr(d, "text"), text);
	assert_string_equal(jstr(d, "state"), "conflict");
	assert_int_equal(json_array_size(e2e_records(sb, f->home, "outbox")),
			 0);
	assert_int_equal(notes_with(sb, f->id, text), 0);

	tmux_keys(f->t, "D");
	s = tmux_expect(f->t, "Drafts \\(1\\)", E2E_WAIT);
	s = tmux_expect(f->t, "conflict", E2E_WAIT);
	if (!tmux_match(s, sb_fmt(sb, "changed by [^\n]*lars[^\n]*the status "
				  "is now %s", e2e_rx(sb, *status)))) {
		fprintf(stderr, "the drafts screen does not say that lars "
			"changed the status to %s:\n%s", *status, s);
		fail();
	}
	assert_true(tmux_match(s, e2e_rx(sb, f->number)));
}

/* Re-applied: edited further and sent again against the case as it is
 * now, it arrives once, and neither drafts/ nor outbox/ keeps it. */
static void conflict_reapplied(void **state)
{
	struct sb *sb = *state;
	struct fix f;
	const char *text = "Grannarna har hörts, inga invändningar";
	const char *more = " (efter statusändringen)";
	const char *status, *s;

	make_conflict(sb, &f, text, &status);
	tmux_keys(f.t, "Enter");
	s = tmux_expect(f.t, "Show what the platform said", E2E_WAIT);
	tmux_keys(f.t, e2e_menu_key(f.t, s, "Edit, or send again with ^S "
				    "against the case as it is now"));
	/* the editor has the text back and says why */
	s = tmux_expect(f.t, "The case changed since you wrote this", E2E_WAIT);
	assert_true(tmux_match(s, e2e_rx(sb, text)));
	tmux_keys(f.t, "End");
	type_saved(&f, more, "statusändringen)");
	send_internal(&f);

	const char *both = sb_fmt(sb, "%s%s", text, more);
	expect_note_once(sb, f.id, both);
	assert_int_equal(notes_with(sb, f.id, text), 0);
	/* confirmed: nothing kept */
	double end = now_s() + E2E_WAIT;
	while (json_array_size(e2e_records(sb, f.home, "outbox")) &&
	       now_s() < end)
		sleep_s(0.1);
	assert_int_equal(json_array_size(e2e_records(sb, f.home, "outbox")),
			 0);
	assert_int_equal(json_array_size(e2e_records(sb, f.home, "drafts")),
			 0);
	tmux_stop(f.t);
	assert_int_equal(notes_with(sb, f.id, both), 1);
}

/* Discarded (d, then yes): nothing reaches the platform and the draft's
 * file is gone. */
static void conflict_discarded(void **state)
{
	struct sb *sb = *state;
	struct fix f;
	const char *text = "Denna anteckning kastas efter konflikten";
	const char *status, *s;

	make_conflict(sb, &f, text, &status);
	tmux_keys(f.t, "d");
	s = tmux_expect(f.t, sb_fmt(sb, "Discard this note for %s\\?",
				    f.number), E2E_WAIT);
	tmux_keys(f.t, "y");
	tmux_expect(f.t, "Draft discarded", E2E_WAIT);
	(void)s;
	assert_int_equal(json_array_size(e2e_records(sb, f.home, "drafts")),
			 0);
	assert_int_equal(json_array_size(e2e_records(sb, f.home, "outbox")),
			 0);
	tmux_expect(f.t, "Drafts \\(0\\)", E2E_WAIT);
	tmux_stop(f.t);
	assert_int_equal(notes_with(sb, f.id, text), 0);
}

/* ---- lock and hangup ----------------------------------------------------------- */

/*
 * The screen locks (:lock from the editor's command key) with a draft
 * open and text typed since the last save: the text is on disk before
 * the screen goes blank, is not on the locked screen, and is in the
 * editor again after unlocking.
 */
static void lock_with_draft(void **state)
{
	struct sb *sb = *state;
	struct fix f;
	const char *first = "Första delen", *second = " och andra delen";
	const char *s;

	open_case(sb, &f);
	start_note(&f);
	type_saved(&f, first, first);
	assert_string_equal(jstr(only_draft(sb, f.home), "text"), first);

	/* typed, and locked before the autosave's idle time is up */
	tmux_text(f.t, second);
	tmux_expect(f.t, "andra delen", E2E_WAIT);
	if (strcmp(jstr(only_draft(sb, f.home), "text"), first) != 0)
		fprintf(stderr, "note: the autosave came before the lock; "
			"this run does not show that locking saves\n");
	tmux_keys(f.t, "C-x");
	tmux_text(f.t, "lock");
	tmux_keys(f.t, "Enter");
	s = tmux_expect(f.t, "akt is locked", E2E_WAIT);
	assert_false(tmux_match(s, "Första|andra delen"));
	assert_string_equal(jstr(only_draft(sb, f.home), "text"),
			    sb_fmt(sb, "%s%s", first, second));

	tmux_text(f.t, "demo");
	tmux_keys(f.t, "Enter");
	s = tmux_expect(f.t, e2e_rx(sb, sb_fmt(sb, "%s%s", first, second)),
			E2E_WAIT);
	assert_true(tmux_match(s, "Journal note — "));
	tmux_stop(f.t);
}

/*
 * The terminal hangs up (SIGHUP, the SSH link dropped) with a draft
 * open and text typed since the last save: akt ends, the text is on
 * disk, and the next akt opens the drafts screen offering it for
 * recovery; Enter resumes it with the text.
 */
static void hangup_with_draft(void **state)
{
	struct sb *sb = *state;
	struct fix f;
	const char *first = "Före avbrottet", *second = " — och strax innan";
	const char *text = sb_fmt(sb, "%s%s", first, second);
	const char *s;
	pid_t pid;

	open_case(sb, &f);
	start_note(&f);
	type_saved(&f, first, first);
	tmux_text(f.t, second);
	tmux_expect(f.t, "och strax innan", E2E_WAIT);
	if (strcmp(jstr(only_draft(sb, f.home), "text"), first) != 0)
		fprintf(stderr, "note: the autosave came before the hangup; "
			"this run does not show that SIGHUP saves\n");
	pid = tmux_akt_pid(f.t);
	assert_true(pid > 0);
	assert_int_equal(kill(pid, SIGHUP), 0);
	assert_true(tmux_wait_exit(f.t, E2E_WAIT) != -1);
	assert_int_equal(tmux_akt_pid(f.t), 0);

	json_t *d = only_draft(sb, f.home);
	assert_string_equal(jstr(d, "text"), text);
	assert_int_equal(jint(d, "case_id"), f.id);
	tmux_stop(f.t);

	/* the next start offers it */
	f.t = tmux_start(sb, f.home, COLS, ROWS, NULL, NULL);
	s = tmux_expect(f.t, "1 draft was left open by a session that ended",
			E2E_WAIT);
	s = tmux_expect(f.t, "Drafts \\(1\\)", E2E_WAIT);
	assert_true(tmux_match(s, "from a session that ended"));
	assert_true(tmux_match(s, e2e_rx(sb, f.number)));
	tmux_keys(f.t, "Enter");
	s = tmux_expect(f.t, e2e_rx(sb, text), E2E_WAIT);
	assert_true(tmux_match(s, sb_fmt(sb, "Journal note — %s",
					 e2e_rx(sb, f.number))));
	tmux_stop(f.t);
}

/* `akt note` typed at the terminal and refused for good (no such case)
 * keeps the text as a draft with the reason and says so; the same from
 * a pipe keeps nothing (the pipe's writer still has it), see
 * tests/cli/test_sync.c. */
static void typed_note_refused_is_kept(void **state)
{
	struct sb *sb = *state;
	const char *home = cli_home_login(sb, "anna");
	const char *const argv[] = { "note", "BYGG-1999-999997", NULL };
	struct tmux *t = tmux_start(sb, home, COLS, ROWS, NULL, argv);
	json_t *d;
	int rc;

	tmux_text(t, "Skrivet för hand");
	tmux_keys(t, "Enter C-d");
	rc = tmux_wait_exit(t, E2E_WAIT);
	if (rc != 2)
		fprintf(stderr, "exit %d; the pane shows:\n%s", rc,
			tmux_screen(t));
	assert_int_equal(rc, 2);
	tmux_expect(t, "kept as draft", E2E_WAIT);
	d = only_draft(sb, home);
	assert_string_equal(jstr(d, "text"), "Skrivet för hand");
	assert_string_equal(jstr(d, "state"), "refused");
	assert_string_equal(jstr(d, "case_number"), "BYGG-1999-999997");
	tmux_stop(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(offline_send_and_drain,
					  teardown_restart),
		cmocka_unit_test_teardown(conflict_reapplied, teardown),
		cmocka_unit_test_teardown(conflict_discarded, teardown),
		cmocka_unit_test_teardown(lock_with_draft, teardown),
		cmocka_unit_test_teardown(hangup_with_draft, teardown),
		cmocka_unit_test_teardown(typed_note_refused_is_kept, teardown),
	};

	return cmocka_run_group_tests(tests, setup, group_stop);
}

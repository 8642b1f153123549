/*
 * test_compose.c — the compose screen, headless: typing with soft wrap
 * at 80 columns (å/ä/ö, CJK, emoji), the saved mark and the draft file
 * behind it, cursor moves and undo (checked by where the next text
 * lands), a template with its placeholders filled, a status change
 * cancelled with Esc leaving no draft, sending a note
 * through the outbox, and the officer's own editor.
 */
#include "e2e.h"
#include <sys/resource.h>
#include <signal.h>
#include "screen.h"

#include <cmocka.h>
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int setup(void **state)
{
	return screen_group_start(state, "--cases 200");
}

struct found {
	int64_t id;
	const char *number;
	const char *applicant;
};

/* A Bygglov case anna can write on: not closed. */
static struct found find_case(struct sb *sb, const char *token)
{
	struct http_resp *r = api_get(sb, "/v1/cases?e_service=bygglov&"
				      "limit=100", token);
	struct found f = { 0 };

	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *it = jget(r->json, sb_fmt(sb, "items[%zu]", i));
		const char *cat = jstr(it, "status.category");

		if (cat && strcmp(cat, "closed") == 0)
			continue;
		f.id = jint(it, "id");
		f.number = sb_fmt(sb, "%s", jstr(it, "number"));
		f.applicant = jstr(it, "applicant.name") ?
			      sb_fmt(sb, "%s", jstr(it, "applicant.name")) : "";
		return f;
	}
	fail_msg("no open Bygglov case");
	return f;
}

static const char *compose_on(struct sb *sb, const struct found *f)
{
	return sb_fmt(sb, ":queue Bygglov\n:search %s\n<Enter>\nw\n",
		      f->number);
}

/* The text of the one draft in home (its record), or NULL. */
static const char *draft_record(struct sb *sb, const char *home)
{
	const char *dir = sb_fmt(sb, "%s/data/akt/drafts", home);
	DIR *d = opendir(dir);
	struct dirent *e;
	const char *found = NULL;

	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (n > 6 && strcmp(e->d_name + n - 6, ".draft") == 0) {
			FILE *fp = fopen(sb_fmt(sb, "%s/%s", dir, e->d_name),
					 "r");
			char buf[65536];
			size_t got;

			assert_non_null(fp);
			got = fread(buf, 1, sizeof(buf) - 1, fp);
			buf[got] = 0;
			fclose(fp);
			found = sb_fmt(sb, "%s", buf);
		}
	}
	closedir(d);
	return found;
}

static void typing_wraps_and_is_saved(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct found f = find_case(sb, token);
	const char *home = cli_home_login(sb, "anna");
	struct screen_run *r;
	const char *rec;

	r = screen_run(sb, home, sb_fmt(sb,
		"%s%%SHOT\n"
		"Handläggaren har granskat ansökan om bygglov för tillbyggnad "
		"med uterum. Åtgärden kräver lov enligt plan- och bygglagen; "
		"ärendet är komplett. 漢字漢字漢字 😀😀 och därefter några ord "
		"till så att raden räcker.\n"
		"%%SHOT\n:sleep 1300\n%%SHOT\n<Esc>\n%%SHOT\n",
		compose_on(sb, &f)), NULL);
	assert_int_equal(r->nshots, 4);

	/* the empty screen: what is written where, the keys, "new" */
	assert_true(screen_has(r->shots[0], sb_fmt(sb, "Journal note — %s — "
						   "internal", f.number)));
	assert_true(screen_has(r->shots[0], "^S send"));
	assert_true(screen_has(r->shots[0], "new"));

	/* wrapped at a space, within 80 columns; wide characters whole */
	assert_true(screen_has(r->shots[1], "\nHandläggaren har granskat "
			       "ansökan om bygglov för tillbyggnad med "
			       "uterum.\n"));
	assert_true(screen_has(r->shots[1], "漢字漢字漢字 😀😀"));
	assert_true(screen_has(r->shots[1], "saving…"));
	screen_expect("compose_wrap", r->shots[1]);

	/* a second later: saved, and the draft on disk holds the text */
	assert_true(screen_has(r->shots[2], "saved"));
	assert_false(screen_has(r->shots[2], "saving…"));
	rec = draft_record(sb, home);
	assert_non_null(rec);
	assert_non_null(strstr(rec, "漢字漢字漢字 😀😀"));
	assert_non_null(strstr(rec, "Åtgärden kräver lov"));

	/* Esc closes, keeping the draft */
	assert_true(screen_has(r->shots[3], "Draft kept"));
	assert_false(screen_has(r->shots[3], "Journal note —"));
}

static void cursor_moves_and_undo(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct found f = find_case(sb, token);
	const char *home = cli_home_login(sb, "anna");
	struct screen_run *r;

	r = screen_run(sb, home, sb_fmt(sb,
		"%s"
		"abc def\n<Left><Left><Left>X\n"      /* abc Xdef */
		"<Home>1\n<End>2\n"                   /* 1abc Xdef2 */
		"<C-b><C-b>Y\n"                       /* Y1abc Xdef2 */
		"<End><Enter>andra raden\n"
		"<Up>Z\n"                             /* same column: the end */
		"<Down><Enter>漢字漢字<Left><Left>å\n"
		"<Up><Up><C-f>W\n"                    /* word right: Xdef2 */
		"%%SHOT\n<C-y>\n%%SHOT\n"
		"<C-u>\n%%SHOT\n", compose_on(sb, &f)), NULL);
	assert_int_equal(r->nshots, 3);
	assert_true(screen_has(r->shots[0], "\nY1abc WXdef2Z\n"));
	assert_true(screen_has(r->shots[0], "\nandra raden\n"));
	assert_true(screen_has(r->shots[0], "\n漢字å漢字\n"));
	screen_expect("compose_moves", r->shots[0]);
	/* undo takes back the last run of typing only */
	assert_true(screen_has(r->shots[1], "\nY1abc Xdef2Z\n"));
	assert_true(screen_has(r->shots[1], "\n漢字å漢字\n"));
	/* delete-line takes the cursor's line */
	assert_false(screen_has(r->shots[2], "Y1abc"));
	assert_true(screen_has(r->shots[2], "\nandra raden\n"));
}

static void template_fills_placeholders(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct found f = find_case(sb, token);
	const char *home = cli_home_login(sb, "anna");
	struct http_resp *me = api_get(sb, "/v1/me", token);
	const char *dir = sb_fmt(sb, "%s/config/akt/templates", home);
	struct screen_run *r;
	FILE *fp;

	expect_status(me, 200);
	mkdir(sb_fmt(sb, "%s/config", home), 0700);
	mkdir(sb_fmt(sb, "%s/config/akt", home), 0700);
	assert_int_equal(mkdir(dir, 0700), 0);
	fp = fopen(sb_fmt(sb, "%s/komplettering", dir), "w");
	assert_non_null(fp);
	fputs("Hej {applicant}!\nÄrende {case}: {okänd} saknas.\n"
	      "Med vänlig hälsning, {officer}\n", fp);
	fclose(fp);
	fp = fopen(sb_fmt(sb, "%s/beslut", dir), "w");
	assert_non_null(fp);
	fputs("Beslut i {case}\n", fp);
	fclose(fp);

	/* the menu lists them by name: komplettering is the second */
	r = screen_run(sb, home, sb_fmt(sb, "%s<C-t>\n%%SHOT\n2\n%%SHOT\n",
					compose_on(sb, &f)), NULL);
	assert_int_equal(r->nshots, 2);
	assert_true(screen_has(r->shots[0], "beslut"));
	assert_true(screen_has(r->shots[0], "komplettering"));
	assert_true(screen_has(r->shots[1], sb_fmt(sb, "\nHej %s!\n",
						   f.applicant)));
	assert_true(screen_has(r->shots[1], sb_fmt(sb, "\nÄrende %s: {okänd} "
						   "saknas.\n", f.number)));
	assert_true(screen_has(r->shots[1], sb_fmt(sb, "Med vänlig hälsning, "
						   "%s\n", jstr(me->json,
								"name"))));
	assert_true(screen_has(r->shots[1], "Template komplettering "
			       "inserted"));
	screen_expect("compose_template", r->shots[1]);
}

/* s on a case, a status chosen, then Esc before a word of comment: the
 * officer cancelled the change, so no draft of it is kept. With a word
 * written, Esc keeps the draft and says where to find it. */
static void status_cancelled_with_esc(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct found f = find_case(sb, token);
	const char *home = cli_home_login(sb, "anna");
	const char *open = sb_fmt(sb, ":queue Bygglov\n:search %s\n<Enter>\n",
				  f.number);
	struct screen_run *r;

	r = screen_run(sb, home, sb_fmt(sb, "%ss\n1\n%%SHOT\n<Esc>\n%%SHOT\n",
					open), NULL);
	assert_int_equal(r->nshots, 2);
	assert_true(screen_has(r->shots[0], "Status change to"));
	assert_true(screen_has(r->shots[1], "Status not changed"));
	assert_false(screen_has(r->shots[1], "Status change to"));
	assert_null(draft_record(sb, home));

	r = screen_run(sb, home, sb_fmt(sb, "%ss\n1\nKlart\n<Esc>\n%%SHOT\n",
					open), NULL);
	assert_int_equal(r->nshots, 1);
	assert_true(screen_has(r->shots[0], "Draft kept — D lists the "
			       "drafts"));
	assert_non_null(draft_record(sb, home));
	assert_non_null(strstr(draft_record(sb, home), "Klart"));
}

/* A draft that cannot be saved (here: akt's files may not grow past
 * 8000 bytes, and a 12,000-byte template fills it) stops the first
 * quit with a message saying so; the second quit goes. */
static void quit_refused_while_unsaved(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct found f = find_case(sb, token);
	const char *home = cli_home_login(sb, "anna");
	const char *dir = sb_fmt(sb, "%s/config/akt/templates", home);
	struct rlimit old, small;
	struct screen_run *r;
	FILE *fp;

	mkdir(sb_fmt(sb, "%s/config", home), 0700);
	mkdir(sb_fmt(sb, "%s/config/akt", home), 0700);
	assert_int_equal(mkdir(dir, 0700), 0);
	fp = fopen(sb_fmt(sb, "%s/lang", dir), "w");
	assert_non_null(fp);
	for (int i = 0; i < 200; i++)
		fputs("Ett långt stycke text som inte får plats på disken. ",
		      fp);
	fclose(fp);
	/* the script is written before the limit, by screen_run: keep
	 * it short */
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	/* the soft limit only, so it can be raised again */
	small = old;
	small.rlim_cur = 8000;
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	r = screen_run(sb, home, sb_fmt(sb, "%s<C-t>\n1\n:sleep 1500\n"
					"<C-x>\nquit\n<Enter>\n%%SHOT\n",
					compose_on(sb, &f)), NULL);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
	assert_int_equal(r->nshots, 1);
	assert_true(screen_has(r->shots[0], "Not quitting: a draft could "
			       "not be saved"));
}

static size_t notes_with(struct sb *sb, const char *token, int64_t id,
			 const char *text)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/notes?"
						 "limit=200", (long long)id),
				      token);
	size_t n = 0;

	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		const char *t = jstr(r->json, sb_fmt(sb, "items[%zu].body", i));

		if (t && strcmp(t, text) == 0)
			n++;
	}
	return n;
}

static void send_note_once(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct found f = find_case(sb, token);
	const char *home = cli_home_login(sb, "anna");
	const char *text = "Kontrollerat mot detaljplanen, inga hinder.";
	struct screen_run *r;

	/* empty text is refused; then the menu forces the choice */
	r = screen_run(sb, home, sb_fmt(sb, "%s<C-s>\n%%SHOT\n%s\n<C-s>\n"
					"%%SHOT\n1\n%%SHOT\n:sleep 1500\n%%SHOT\n",
					compose_on(sb, &f), text), NULL);
	assert_int_equal(r->nshots, 4);
	assert_true(screen_has(r->shots[0], "Nothing to send"));
	assert_true(screen_has(r->shots[1], "Internal note"));
	assert_true(screen_has(r->shots[1], "Publish to the citizen"));
	assert_true(screen_has(r->shots[2], "Sent; it waits in the outbox"));
	assert_false(screen_has(r->shots[3], "Journal note —"));
	assert_int_equal(notes_with(sb, token, f.id, text), 1);
	/* sent: no draft left behind */
	assert_null(draft_record(sb, home));
}

static void external_editor(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	struct found f = find_case(sb, token);
	const char *home = cli_home_login(sb, "anna");
	const char *script = sb_fmt(sb, "%s/ed.sh", home);
	struct screen_run *r;
	FILE *fp;

	fp = fopen(script, "w");
	assert_non_null(fp);
	fputs("#!/bin/sh\nprintf 'Rad från editorn\\n' >> \"$1\"\n", fp);
	fclose(fp);
	assert_int_equal(chmod(script, 0700), 0);
	mkdir(sb_fmt(sb, "%s/config", home), 0700);
	mkdir(sb_fmt(sb, "%s/config/akt", home), 0700);
	fp = fopen(sb_fmt(sb, "%s/config/akt/config", home), "w");
	assert_non_null(fp);
	fprintf(fp, "set editor = \"%s\"\n", script);
	fclose(fp);

	/* the editor opens at once; then once more with <C-o> */
	r = screen_run(sb, home, sb_fmt(sb, "%s:sleep 300\n%%SHOT\nEgen "
					"rad\n<C-o>\n:sleep 300\n%%SHOT\n",
					compose_on(sb, &f)), NULL);
	assert_int_equal(r->nshots, 2);
	assert_true(screen_has(r->shots[0], "\nRad från editorn\n"));
	assert_true(screen_has(r->shots[1], "\nRad från editornEgen rad\n"
			       "Rad från editorn\n"));
	assert_non_null(strstr(draft_record(sb, home), "Rad från editornEgen "
			       "rad\\nRad från editorn"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(typing_wraps_and_is_saved),
		cmocka_unit_test(cursor_moves_and_undo),
		cmocka_unit_test(template_fills_placeholders),
		cmocka_unit_test(status_cancelled_with_esc),
		cmocka_unit_test(quit_refused_while_unsaved),
		cmocka_unit_test(send_note_once),
		cmocka_unit_test(external_editor),
	};

	return cmocka_run_group_tests(tests, setup, group_stop);
}

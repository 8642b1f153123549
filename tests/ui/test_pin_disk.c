/*
 * test_pin_disk.c — a personal identity number revealed on purpose is
 * for the screen only. In a real terminal (tmux) the officer reveals the
 * applicant's number (the terminal shows it in full), saves the screen
 * with :save-display (the file has it masked), types commands (the
 * command-line history), searches the case list for the number with /
 * and :search (neither kept in a history, and an older search history
 * holding it is written again without it) and for the applicant's name
 * (kept in the search history), writes a note from a template with
 * {applicant} (a draft, autosaved), with the debug log on; then leaves
 * the case and comes back (masked again: the reveal lasts while the case
 * is open) and quits. Every file under the test's home — config, state,
 * data, cache, the log, the saved screen — is searched for the number
 * in each common form (YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN,
 * YYMMDDNNNN): none. `akt show` and `akt show --json` print it masked,
 * as the platform sends it: the command line has no way to reveal.
 */
#include "e2e.h"
#include "screen.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define COLS 120
#define ROWS 30
#define APPLICANT "Ylva Pinström"

static int setup(void **state)
{
	return screen_group_start(state, "--cases 20");
}

/* ---- the forms of a number, and files that hold one -------------------- */

struct forms {
	const char *f[4];
	const char *masked;           /* YYYYMMDD-****, as the platform */
};

static struct forms forms_of(struct sb *sb, const char *full)
{
	struct forms x;

	assert_int_equal(strlen(full), 12);
	x.f[0] = sb_fmt(sb, "%.8s-%.4s", full, full + 8);
	x.f[1] = full;
	x.f[2] = sb_fmt(sb, "%.6s-%.4s", full + 2, full + 8);
	x.f[3] = full + 2;
	x.masked = sb_fmt(sb, "%.8s-****", full);
	return x;
}

/* Which form of the number text holds, or NULL. */
static const char *holds(const struct forms *x, const char *text, size_t n)
{
	for (size_t i = 0; i < 4; i++)
		if (memmem(text, n, x->f[i], strlen(x->f[i])))
			return x->f[i];
	return NULL;
}

/* nftw has no argument for its callback: the search's state. */
static const struct forms *scan_forms;
static int scan_files;
static char scan_hit[4096];

static int scan_one(const char *path, const struct stat *st, int type,
		    struct FTW *ftw)
{
	FILE *f;
	char *data;
	const char *form;

	(void)type;
	(void)ftw;
	if (!S_ISREG(st->st_mode) || !(f = fopen(path, "rb")))
		return 0;
	data = malloc((size_t)st->st_size + 1);
	assert_non_null(data);
	size_t n = fread(data, 1, (size_t)st->st_size, f);

	fclose(f);
	scan_files++;
	if ((form = holds(scan_forms, data, n)) && !scan_hit[0])
		snprintf(scan_hit, sizeof(scan_hit), "%s holds %s", path,
			 form);
	free(data);
	return 0;
}

/* Every file under dir free of the number; how many were read. */
static int expect_no_number(const char *dir, const struct forms *x)
{
	scan_forms = x;
	scan_files = 0;
	scan_hit[0] = 0;
	assert_int_equal(nftw(dir, scan_one, 16, FTW_PHYS), 0);
	if (scan_hit[0])
		fail_msg("%s", scan_hit);
	return scan_files;
}

static unsigned mode_of(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		fail_msg("%s: missing", path);
	return (unsigned)(st.st_mode & 07777);
}

static int count(const char *s, const char *what)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* ---- the test --------------------------------------------------------- */

static void revealed_number_never_on_disk(void **state)
{
	struct sb *sb = *state;
	const char *token = login(sb, "anna");
	const char *home = cli_home_login(sb, "anna");
	const char *log = sb_fmt(sb, "%s/akt.log", home);
	const char *shot = sb_fmt(sb, "%s/shot.txt", home);
	const char *tdir = sb_fmt(sb, "%s/config/akt/templates", home);
	char number[64];
	int64_t id = citizen_case(sb, "bygglov", APPLICANT, number);
	struct http_resp *c, *rv;
	struct forms x;
	const char *s;
	FILE *fp;

	/* the number as the platform has it (revealed through the API) */
	c = api_get(sb, sb_fmt(sb, "/v1/cases/%lld", (long long)id), token);
	expect_status(c, 200);
	rv = api_post(sb, sb_fmt(sb, "/v1/cases/%lld/parties/%lld/reveal",
				 (long long)id,
				 (long long)jint(c->json, "parties[0].id")),
		      token, "{\"reason\":\"test\"}", NULL, NULL);
	expect_status(rv, 200);
	x = forms_of(sb, jstr(rv->json, "personal_number"));
	assert_string_equal(jstr(c->json, "parties[0].personal_number"),
			    x.masked);

	mkdir(sb_fmt(sb, "%s/config", home), 0700);
	mkdir(sb_fmt(sb, "%s/config/akt", home), 0700);
	assert_int_equal(mkdir(tdir, 0700), 0);
	fp = fopen(sb_fmt(sb, "%s/hej", tdir), "w");
	assert_non_null(fp);
	fputs("Hej {applicant}! Ärende {case}.\n", fp);
	fclose(fp);

	/* a search history an older akt wrote, with the number in it */
	mkdir(sb_fmt(sb, "%s/state", home), 0700);
	mkdir(sb_fmt(sb, "%s/state/akt", home), 0700);
	fp = fopen(sb_fmt(sb, "%s/state/akt/search-history", home), "w");
	assert_non_null(fp);
	fprintf(fp, "_HiStOrY_V2_\ngammal\n%s\n", x.f[1]);
	fclose(fp);

	const char *const argv[] = {"--log", log, NULL};
	struct tmux *t = tmux_start(sb, home, COLS, ROWS, NULL, argv);

	tmux_expect(t, "anna@", E2E_WAIT);
	tmux_text(t, ":queue Bygglov");
	tmux_keys(t, "Enter");
	tmux_expect(t, "^›.*" E2E_NUMBER, E2E_WAIT);
	tmux_text(t, sb_fmt(sb, ":search %s", number));
	tmux_keys(t, "Enter");
	tmux_expect(t, sb_fmt(sb, "^›.*%s", number), E2E_WAIT);
	tmux_keys(t, "Enter");
	s = tmux_expect(t, sb_fmt(sb, "› Applicant +%s +%s", APPLICANT,
				  e2e_rx(sb, x.masked)), E2E_WAIT);

	/* revealed on purpose: asked, a reason given, shown in full */
	tmux_keys(t, "p");
	tmux_expect(t, "Reveal the personal identity number", E2E_WAIT);
	tmux_keys(t, "y");
	tmux_expect(t, "Reason", E2E_WAIT);
	tmux_text(t, "Kontroll mot folkbokföringen");
	tmux_keys(t, "Enter");
	s = tmux_expect(t, sb_fmt(sb, "› Applicant +%s +%s", APPLICANT,
				  x.f[0]), E2E_WAIT);
	/* the header keeps the masked form */
	assert_int_equal(count(s, x.masked), 1);

	/* the screen saved over an old file open to others: the number
	 * masked in the file, and the file private */
	fp = fopen(shot, "w");
	assert_non_null(fp);
	fputs("old\n", fp);
	fclose(fp);
	assert_int_equal(chmod(shot, 0644), 0);
	tmux_text(t, sb_fmt(sb, ":save-display %s", shot));
	tmux_keys(t, "Enter");
	char *saved = NULL;
	const char *line = sb_fmt(sb, "Applicant      %s", APPLICANT);

	/* until the save is written in full (a line per row, the
	 * applicant's among them), up to 20 s */
	for (double end = now_s() + 20; now_s() < end; sleep_s(0.05)) {
		free(saved);
		saved = cli_slurp(shot);
		if (saved && strstr(saved, line) && count(saved, "\n") == ROWS)
			break;
	}
	assert_non_null(saved);
	sb_keep(sb, saved);
	if (!strstr(saved, line) || count(saved, x.masked) != 2 ||
	    holds(&x, saved, strlen(saved)))
		fail_msg("the saved screen:\n%s", saved);
	assert_int_equal(mode_of(shot), 0600);

	/* more commands for the history */
	tmux_text(t, ":tab journal");
	tmux_keys(t, "Enter");
	tmux_expect(t, "\\[Journal\\]", E2E_WAIT);
	tmux_text(t, ":tab overview");
	tmux_keys(t, "Enter");
	tmux_expect(t, x.f[0], E2E_WAIT);

	/* a note from a template with {applicant}, autosaved, kept */
	tmux_keys(t, "w");
	tmux_expect(t, sb_fmt(sb, "Journal note — %s", number), E2E_WAIT);
	tmux_keys(t, "C-t");
	s = tmux_expect(t, "hej", E2E_WAIT);
	tmux_keys(t, e2e_menu_key(t, s, "hej"));
	tmux_expect(t, sb_fmt(sb, "Hej %s! Ärende %s\\.", APPLICANT, number),
		    E2E_WAIT);
	tmux_text(t, " Uppgifterna stämmer.");
	tmux_expect(t, "stämmer", E2E_WAIT);
	tmux_expect(t, "\\<saved\\>", E2E_WAIT);
	tmux_keys(t, "Escape");
	tmux_expect(t, "Draft kept", E2E_WAIT);

	/* the case list masks it; the case opened again masks it too */
	tmux_keys(t, "q");
	s = tmux_expect(t, sb_fmt(sb, "^›.*%s", number), E2E_WAIT);
	assert_null(holds(&x, s, strlen(s)));

	/* searched for, with / and with :search, in two forms: neither
	 * search kept in a history; a search by name is (and an old
	 * history's number is dropped, its other lines kept) */
	tmux_keys(t, "/");
	tmux_text(t, x.f[3]);
	tmux_keys(t, "Enter");
	tmux_expect(t, sb_fmt(sb, "no match for “%s”", x.f[3]), E2E_WAIT);
	tmux_text(t, sb_fmt(sb, ":search %s", x.f[0]));
	tmux_keys(t, "Enter");
	tmux_expect(t, sb_fmt(sb, "no match for “%s”", x.f[0]), E2E_WAIT);
	tmux_keys(t, "/");
	tmux_text(t, "Pinström");
	tmux_keys(t, "Enter");
	tmux_expect(t, sb_fmt(sb, "^›.*%s", number), E2E_WAIT);
	tmux_keys(t, "Enter");
	s = tmux_expect(t, sb_fmt(sb, "› Applicant +%s +%s", APPLICANT,
				  e2e_rx(sb, x.masked)), E2E_WAIT);
	assert_null(holds(&x, s, strlen(s)));

	tmux_keys(t, "Q");
	assert_int_equal(tmux_wait_exit(t, E2E_WAIT), 0);
	tmux_stop(t);

	/* the command line: masked, as the platform sends it */
	const char *const show[] = {"--log", log, "show", number, NULL};
	const char *const show_json[] = {"--log", log, "show", number,
					 "--json", NULL};
	struct cli_run *r = cli_run(sb, home, NULL, show);

	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, x.masked));
	assert_null(holds(&x, r->out, r->out_len));
	r = cli_run(sb, home, NULL, show_json);
	assert_int_equal(r->status, 0);
	assert_non_null(r->json);
	assert_string_equal(jstr(r->json, "parties[0].personal_number"),
			    x.masked);
	assert_null(holds(&x, r->out, r->out_len));

	/* what was written is there — and none of it holds the number */
	const char *hist = sb_fmt(sb, "%s/state/akt/history", home);
	char *h = cli_slurp(hist);
	json_t *drafts = e2e_records(sb, home, "drafts");

	assert_non_null(h);
	/* libedit's file: a space is written \040, digits as they are */
	if (!strstr(h, "tab\\040journal"))
		fail_msg("the history:\n%s", h);
	free(h);
	assert_int_equal(mode_of(hist), 0600);
	hist = sb_fmt(sb, "%s/state/akt/search-history", home);
	h = cli_slurp(hist);
	assert_non_null(h);
	if (!strstr(h, "Pinstr") || !strstr(h, "gammal"))
		fail_msg("the search history:\n%s", h);
	free(h);
	assert_int_equal(mode_of(hist), 0600);
	assert_int_equal(mode_of(log), 0600);
	assert_int_equal(json_array_size(drafts), 1);
	assert_non_null(strstr(jstr(json_array_get(drafts, 0), "text"),
			       APPLICANT));
	assert_true(expect_no_number(home, &x) >= 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(revealed_number_never_on_disk,
					  e2e_stop_tmux),
	};

	return cmocka_run_group_tests(tests, setup, group_stop);
}

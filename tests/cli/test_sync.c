/*
 * test_sync.c — writing on the command line while the platform is away,
 * and akt sync: a note written offline is kept in the outbox (exit 6),
 * and sent exactly once when the platform is back; a conflict and a
 * refusal come back with their exit codes. The sandbox keeps its
 * database across a stop and a start on the same port.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define S ((struct sb *)*state)

static int setup(void **state)
{
	/* the database survives a stop and a start on the same port */
	return group_start_db(state, NULL);
}

static int teardown(void **state) { return group_stop(state); }

static int64_t new_case(struct sb *sb, char number[64])
{
	return citizen_case(sb, "bygglov", "Åsa Öberg", number);
}

/* Notes of the case with exactly this body. */
static size_t notes_with(struct sb *sb, int64_t id, const char *body)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld/notes"
						 "?limit=200", (long long)id),
				      login(sb, "anna"));
	size_t n = 0;

	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		const char *b = jstr(json_array_get(jget(r->json, "items"), i),
				     "body");

		n += b && strcmp(b, body) == 0;
	}
	return n;
}

/* The platform is away: akt note keeps the note (exit 6) and says so.
 * Back again, akt sync sends it once and exits 0; a second sync finds
 * nothing to send. */
static void note_offline_then_sync(void **state)
{
	char number[64];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *note[] = {"note", number, NULL};
	const char *sync[] = {"sync", NULL};

	sb_halt(S);
	struct cli_run *r = cli_run(S, home, "Skriven offline\n", note);
	assert_int_equal(r->status, 6);
	assert_string_equal(r->out, "");
	assert_non_null(strstr(r->err, "cannot reach the platform; the note "
			       "is kept in the outbox and 'akt sync' sends "
			       "it"));

	/* still away: sync says how many wait (exit 4) */
	r = cli_run(S, home, NULL, sync);
	assert_int_equal(r->status, 4);
	assert_non_null(strstr(r->out, "1 item still waiting: "));

	assert_true(sb_restart(S, sb_db_args(S)));
	r = cli_run(S, home, NULL, sync);
	assert_int_equal(r->status, 0);
	assert_string_equal(r->out, sb_fmt(S, "%s: note sent\n", number));
	assert_int_equal(notes_with(S, id, "Skriven offline"), 1);

	r = cli_run(S, home, NULL, sync);
	assert_int_equal(r->status, 0);
	assert_string_equal(r->out, "The outbox is empty.\n");
	assert_int_equal(notes_with(S, id, "Skriven offline"), 1);
}

/* The note's case was read (its version fixed) but its POST failed;
 * then maria changed the case. akt sync gets a 412: the note is back
 * among the drafts as a conflict, saying who changed the case (exit 3). */
static void sync_conflict(void **state)
{
	char number[64], etag[128];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *maria = login(S, "maria");
	const char *note[] = {"note", number, NULL};
	const char *sync[] = {"sync", NULL};

	sb_fault(S, "{\"method\":\"POST\",\"path\":\"/v1/cases/*/notes\","
		 "\"status\":503,\"retry_after\":0}");
	struct cli_run *r = cli_run(S, home, "Annas anteckning\n", note);
	sb_faults_clear(S);
	assert_int_equal(r->status, 6);

	case_etag(S, maria, id, etag);
	expect_status(api_post(S, sb_fmt(S, "/v1/cases/%lld/notes",
					 (long long)id), maria,
			       "{\"body\":\"Marias\"}", etag, NULL), 201);
	r = cli_run(S, home, NULL, sync);
	assert_int_equal(r->status, 3);
	assert_true(rx_match(r->out, sb_fmt(S, "^%s: conflict — changed by "
					    "maria at [0-9]{2}:[0-9]{2}; see "
					    "'akt drafts show [0-9A-Za-z-]+'\n$",
					    number)));
	assert_int_equal(notes_with(S, id, "Annas anteckning"), 0);

	/* it is a draft now, not in the outbox */
	r = cli_run(S, home, NULL, sync);
	assert_int_equal(r->status, 0);
	assert_string_equal(r->out, "The outbox is empty.\n");
}

/* Written offline for a case that does not exist: refused when sent,
 * with the platform's reason (exit 2). */
static void sync_refused(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *note[] = {"note", "BYGG-1999-999999", NULL};
	const char *sync[] = {"sync", NULL};

	sb_halt(S);
	struct cli_run *r = cli_run(S, home, "Till ingen\n", note);
	assert_int_equal(r->status, 6);
	assert_true(sb_restart(S, sb_db_args(S)));
	r = cli_run(S, home, NULL, sync);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->out, "BYGG-1999-999999: refused: "));
}

/* A file in outbox/ that cannot be read is moved aside with a warning;
 * the note still goes (exit 0), and sync carries on too. A refused note
 * is kept as a draft (exit 2), and says how to remove it. */
static void corrupt_file_and_refused_note(void **state)
{
	char number[64], path[1024];
	int64_t id = new_case(S, number);
	const char *home = cli_home_login(S, "anna");
	const char *note[] = {"note", number, NULL};
	const char *sync[] = {"sync", NULL};
	const char *nowhere[] = {"note", "BYGG-1999-999998", NULL};
	FILE *fp;

	struct cli_run *r = cli_run(S, home, NULL, sync);   /* makes the dirs */
	assert_int_equal(r->status, 0);
	snprintf(path, sizeof(path), "%s/data/akt/outbox/"
		 "20260101T000000Z-0badf11e.draft", home);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("{not json", fp);
	fclose(fp);
	r = cli_run(S, home, "Trots skräp\n", note);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->err, "cannot be read"));
	assert_non_null(strstr(r->out, "note "));
	assert_int_equal(notes_with(S, id, "Trots skräp"), 1);
	assert_int_equal(access(path, F_OK), -1);   /* moved aside */

	/* refused, from a pipe: one line, and no draft (the text is still
	 * where it came from); typed at a terminal it is kept, see
	 * tests/ui/test_offline.c */
	r = cli_run(S, home, "Till ingen\n", nowhere);
	assert_int_equal(r->status, 2);
	assert_true(rx_match(r->err, "^akt: [^\n]*BYGG-1999-999998[^\n]*\n$"));
	const char *list[] = {"drafts", "list", NULL};
	r = cli_run(S, home, NULL, list);
	assert_null(strstr(r->out, "BYGG-1999-999998"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(note_offline_then_sync),
		cmocka_unit_test(sync_conflict),
		cmocka_unit_test(sync_refused),
		cmocka_unit_test(corrupt_file_and_refused_note),
	};
	return cmocka_run_group_tests_name("cli sync", tests, setup, teardown);
}

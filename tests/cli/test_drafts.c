/*
 * test_drafts.c — akt drafts list, show, edit and delete with the real
 * binary, on records written by the test into a private XDG_DATA_HOME:
 * order, ages and states (left by a session, open in another akt, the
 * outbox), a damaged file moved aside, terminal-safe output, the
 * officer's editor from the config or $VISUAL, and deleting.
 */
#include "cli.h"

#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define S ((struct sb *)*state)
#define ARGV(...) ((const char *const[]){__VA_ARGS__, NULL})

static int setup(void **state) { return group_start(state, "--cases 10"); }
static int teardown(void **state) { return group_stop(state); }

static const char *const NOW[] = {"AKT_NOW=2026-11-23T12:00:00Z", NULL};

#define ID1 "20261123T101500Z-3f9a1c2e"
#define ID2 "20261123T113000Z-0000beef"
#define ID3 "20261123T111500Z-00000001"
#define KEY "0123456789abcdef0123456789abcdef"

static const char *store(void **state, const char *home)
{
	const char *dir = sb_fmt(S, "%s/data/akt", home);

	mkdir(sb_fmt(S, "%s/data", home), 0700);
	mkdir(dir, 0700);
	mkdir(sb_fmt(S, "%s/drafts", dir), 0700);
	mkdir(sb_fmt(S, "%s/outbox", dir), 0700);
	mkdir(sb_fmt(S, "%s/corrupt", dir), 0700);
	return dir;
}

static void put_file(const char *path, const char *text, int mode)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, (mode_t)mode), 0);
}

/* A record as akt writes it; extra members merged in. */
static void record(void **state, const char *home, const char *box,
		   const char *id, const char *kind, const char *updated,
		   const char *text, json_t *extra)
{
	json_t *r = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, "
			      "s:s}", "format", 1, "id", id, "kind", kind,
			      "state", "draft", "key", KEY, "created", updated,
			      "updated", updated, "case_number",
			      "BYGG-2026-000123", "case_id", (json_int_t)7,
			      "text", text);

	if (extra) {
		json_object_update(r, extra);
		json_decref(extra);
	}
	char *s = json_dumps(r, 0);
	put_file(sb_fmt(S, "%s/%s/%s.draft", store(state, home), box, id), s,
		 0600);
	free(s);
	json_decref(r);
}

static json_t *read_record(void **state, const char *home, const char *id)
{
	json_error_t e;
	json_t *j = json_load_file(sb_fmt(S, "%s/data/akt/drafts/%s.draft",
					  home, id), 0, &e);

	if (!j)
		fail_msg("%s: %s", id, e.text);
	sb_keep_json(S, j);
	return j;
}

static const char *line_with(void **state, const char *out, const char *needle)
{
	const char *p = strstr(out, needle), *start;

	if (!p)
		return "";
	start = p;
	while (start > out && start[-1] != '\n')
		start--;
	return sb_fmt(S, "%.*s", (int)strcspn(start, "\n"), start);
}

static void test_list(void **state)
{
	const char *home = cli_home(S);
	const char *dir = store(state, home);
	struct cli_run *r;

	r = cli_run(S, home, NULL, ARGV("drafts"));
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "no drafts"));

	record(state, home, "drafts", ID1, "note", "2026-11-23T10:15:00.000Z",
	       "first", json_pack("{s:i}", "open_pid", 99999));
	record(state, home, "drafts", ID2, "status",
	       "2026-11-23T11:58:00.000Z", "", json_pack("{s:s, s:s}",
	       "state", "conflict", "status_name", "Avslutat"));
	record(state, home, "outbox", ID3, "reply", "2026-11-23T11:15:00Z",
	       "sent", json_pack("{s:s}", "queued", "2026-11-23T11:16:00Z"));
	put_file(sb_fmt(S, "%s/drafts/20261123T090000Z-badbad.draft", dir),
		 "{\"format\": 1, \"id\":", 0600);

	r = cli_run_env(S, home, NULL, NOW, ARGV("drafts", "list"), 20);
	assert_int_equal(r->status, 0);
	/* newest first, then the outbox */
	const char *p1 = strstr(r->out, ID2), *p2 = strstr(r->out, ID1),
		   *p3 = strstr(r->out, ID3);
	assert_non_null(p1);
	assert_non_null(p2);
	assert_non_null(p3);
	assert_true(p1 < p2 && p2 < p3);
	const char *l1 = line_with(state, r->out, ID1);
	assert_non_null(strstr(l1, "note"));
	assert_non_null(strstr(l1, "BYGG-2026-000123"));
	assert_non_null(strstr(l1, "1 h"));
	assert_non_null(strstr(l1, "draft, left by a session that ended"));
	const char *l2 = line_with(state, r->out, ID2);
	assert_non_null(strstr(l2, "status"));
	assert_non_null(strstr(l2, "2 min"));
	assert_non_null(strstr(l2, "conflict"));
	assert_null(strstr(l2, "left by"));
	const char *l3 = line_with(state, r->out, ID3);
	assert_non_null(strstr(l3, "reply"));
	assert_non_null(strstr(l3, "waiting to be sent"));
	/* the damaged file: named, moved aside, unchanged */
	assert_non_null(strstr(r->err, "20261123T090000Z-badbad.draft"));
	assert_non_null(strstr(r->err, "corrupt/"));
	assert_null(strstr(r->out, "badbad"));
	assert_int_equal(access(sb_fmt(S, "%s/drafts/20261123T090000Z-badbad"
				       ".draft", dir), F_OK), -1);
	FILE *f = fopen(sb_fmt(S, "%s/corrupt/20261123T090000Z-badbad.draft",
			       dir), "r");
	char buf[64] = "";
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, "{\"format\": 1, \"id\":");

	r = cli_run(S, home, NULL, ARGV("drafts", "list", "--json"));
	assert_int_equal(r->status, 0);
	assert_non_null(r->json);
	json_t *drafts = json_object_get(r->json, "drafts");
	json_t *outbox = json_object_get(r->json, "outbox");
	assert_int_equal(json_array_size(drafts), 2);
	assert_int_equal(json_array_size(outbox), 1);
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(drafts, 0), "id")), ID2);
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(outbox, 0), "box")), "outbox");
}

/* A lock held by this process, as another akt would hold it. */
static int hold_lock(void **state, const char *home, const char *id)
{
	char host[256] = "";
	int fd = open(sb_fmt(S, "%s/data/akt/drafts/%s.lock", home, id),
		      O_RDWR | O_CREAT, 0600);

	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
	gethostname(host, sizeof(host) - 1);
	const char *line = sb_fmt(S, "%ld %s\n", (long)getpid(), host);
	assert_int_equal(write(fd, line, strlen(line)), (ssize_t)strlen(line));
	return fd;
}

static void test_locked_and_delete(void **state)
{
	const char *home = cli_home(S);
	const char *dir = store(state, home);
	struct cli_run *r;
	int fd;

	record(state, home, "drafts", ID1, "note", "2026-11-23T10:15:00Z",
	       "x", NULL);
	record(state, home, "outbox", ID3, "reply", "2026-11-23T11:15:00Z",
	       "sent", NULL);
	fd = hold_lock(state, home, ID1);
	r = cli_run(S, home, NULL, ARGV("drafts", "list"));
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(line_with(state, r->out, ID1),
			       sb_fmt(S, "open in another akt (pid %ld)",
				      (long)getpid())));
	r = cli_run(S, home, NULL, ARGV("drafts", "delete", ID1));
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, sb_fmt(S, "pid %ld", (long)getpid())));
	assert_int_equal(access(sb_fmt(S, "%s/drafts/%s.draft", dir, ID1), F_OK),
			 0);
	r = cli_run(S, home, NULL, ARGV("drafts", "edit", ID1));
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "another akt"));
	close(fd);

	r = cli_run(S, home, NULL, ARGV("drafts", "delete", ID1));
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "deleted"));
	assert_int_equal(access(sb_fmt(S, "%s/drafts/%s.draft", dir, ID1), F_OK),
			 -1);
	r = cli_run(S, home, NULL, ARGV("drafts", "delete", ID1));
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "no draft"));
	/* what is in the outbox is not deleted here */
	r = cli_run(S, home, NULL, ARGV("drafts", "delete", ID3));
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "outbox"));
	assert_int_equal(access(sb_fmt(S, "%s/outbox/%s.draft", dir, ID3), F_OK),
			 0);
	r = cli_run(S, home, NULL, ARGV("drafts", "delete", "../x"));
	assert_int_equal(r->status, 1);
	r = cli_run(S, home, NULL, ARGV("drafts", "frobnicate"));
	assert_int_equal(r->status, 1);
	assert_non_null(strstr(r->err, "unknown subcommand"));
}

static void test_show(void **state)
{
	const char *home = cli_home(S);
	struct cli_run *r;

	record(state, home, "drafts", ID1, "note", "2026-11-23T10:15:00Z",
	       "Hej \x1b]0;titel\x07Åsa\nrad två\n",
	       json_pack("{s:b, s:s}", "publish", 1, "reason",
			 "refused\x1b[2J"));
	r = cli_run(S, home, NULL, ARGV("drafts", "show", ID1));
	assert_int_equal(r->status, 0);
	assert_null(strchr(r->out, '\x1b'));
	assert_null(strchr(r->out, '\x07'));
	assert_non_null(strstr(r->out, "Åsa\nrad två\n"));
	assert_non_null(strstr(line_with(state, r->out, "kind:"), "note"));
	assert_non_null(strstr(line_with(state, r->out, "case:"),
			       "BYGG-2026-000123"));
	assert_non_null(strstr(line_with(state, r->out, "publish:"), "yes"));
	assert_non_null(strstr(r->out, "␛"));
	r = cli_run(S, home, NULL, ARGV("drafts", "show", ID1, "--json"));
	assert_int_equal(r->status, 0);
	assert_string_equal(json_string_value(json_object_get(r->json, "text")),
			    "Hej \x1b]0;titel\x07Åsa\nrad två\n");
	r = cli_run(S, home, NULL, ARGV("drafts", "show", ID2));
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "no draft " ID2));
	r = cli_run(S, home, NULL, ARGV("drafts", "show"));
	assert_int_equal(r->status, 1);
}

/* An editor that appends a line to its file; exit status given. */
static const char *editor(void **state, const char *home, int status)
{
	const char *path = sb_fmt(S, "%s/ed%d.sh", home, status);

	put_file(path, sb_fmt(S, "#!/bin/sh\nprintf 'tillagd rad, ö\\n' >> "
			      "\"$1\"\nexit %d\n", status), 0700);
	return path;
}

static void test_edit(void **state)
{
	const char *home = cli_home(S);
	const char *dir = store(state, home);
	struct cli_run *r;
	json_t *j;

	record(state, home, "drafts", ID1, "note", "2026-11-23T10:15:00Z",
	       "första raden\n", json_pack("{s:i}", "open_pid", 4242));
	/* through the config's editor */
	mkdir(sb_fmt(S, "%s/config", home), 0700);
	mkdir(sb_fmt(S, "%s/config/akt", home), 0700);
	put_file(sb_fmt(S, "%s/config/akt/config", home),
		 sb_fmt(S, "set editor = %s\n", editor(state, home, 0)), 0600);
	r = cli_run(S, home, NULL, ARGV("drafts", "edit", ID1));
	if (r->status != 0)
		fail_msg("edit: %d %s", r->status, r->err);
	assert_non_null(strstr(r->out, "saved"));
	j = read_record(state, home, ID1);
	assert_string_equal(json_string_value(json_object_get(j, "text")),
			    "första raden\ntillagd rad, ö\n");
	assert_int_equal(json_integer_value(json_object_get(j, "open_pid")), 0);
	assert_string_equal(json_string_value(json_object_get(j, "key")), KEY);
	assert_int_equal(access(sb_fmt(S, "%s/drafts/%s.txt", dir, ID1), F_OK),
			 -1);
	assert_int_equal(access(sb_fmt(S, "%s/drafts/%s.lock", dir, ID1), F_OK),
			 -1);

	/* an editor that fails: the record is unchanged, its file kept */
	put_file(sb_fmt(S, "%s/config/akt/config", home),
		 sb_fmt(S, "set editor = %s\n", editor(state, home, 3)), 0600);
	r = cli_run(S, home, NULL, ARGV("drafts", "edit", ID1));
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "editor"));
	assert_non_null(strstr(r->err, sb_fmt(S, "%s.txt", ID1)));
	j = read_record(state, home, ID1);
	assert_string_equal(json_string_value(json_object_get(j, "text")),
			    "första raden\ntillagd rad, ö\n");
	/* …and what it wrote wins when the draft is read next */
	r = cli_run(S, home, NULL, ARGV("drafts", "show", ID1, "--json"));
	assert_string_equal(json_string_value(json_object_get(r->json, "text")),
			    "första raden\ntillagd rad, ö\ntillagd rad, ö\n");
}

/* With no editor set, $VISUAL. */
static void test_edit_visual(void **state)
{
	const char *home = cli_home(S);
	struct cli_run *r;
	json_t *j;

	record(state, home, "drafts", ID2, "reply", "2026-11-23T10:15:00Z", "",
	       NULL);
	const char *env[] = { sb_fmt(S, "VISUAL=%s", editor(state, home, 0)),
			      NULL };
	r = cli_run_env(S, home, NULL, env, ARGV("drafts", "edit", ID2), 20);
	if (r->status != 0)
		fail_msg("edit: %d %s", r->status, r->err);
	j = read_record(state, home, ID2);
	assert_string_equal(json_string_value(json_object_get(j, "text")),
			    "tillagd rad, ö\n");
	/* something sent cannot be edited */
	record(state, home, "outbox", ID3, "reply", "2026-11-23T11:15:00Z",
	       "sent", NULL);
	r = cli_run_env(S, home, NULL, env, ARGV("drafts", "edit", ID3), 20);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "outbox"));
}


/* An editor given as a shell script body ("$1" is the file). */
static const char *editor_doing(void **state, const char *home,
				const char *name, const char *body)
{
	const char *path = sb_fmt(S, "%s/%s.sh", home, name);

	put_file(path, sb_fmt(S, "#!/bin/sh\n%s\n", body), 0700);
	return path;
}

/* The editor's file is a new file renamed into place, never the old one
 * rewritten (a kill mid-write would leave a short file that wins); a
 * file that cannot be read whole changes nothing and is kept. */
static void test_edit_file_safety(void **state)
{
	const char *home = cli_home(S);
	const char *dir = store(state, home);
	const char *txt = sb_fmt(S, "%s/drafts/%s.txt", dir, ID1);
	const char *witness = sb_fmt(S, "%s/witness", home);
	struct cli_run *r;
	struct stat st;
	json_t *j;
	FILE *f;
	char buf[64] = "";

	record(state, home, "drafts", ID1, "note", "2026-11-23T10:15:00Z",
	       "the record\n", NULL);
	/* an old editor's file, older than the record, with a second name */
	put_file(txt, "old editor text\n", 0600);
	struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	assert_int_equal(utimensat(AT_FDCWD, txt, old, 0), 0);
	assert_int_equal(link(txt, witness), 0);
	const char *env[] = { sb_fmt(S, "VISUAL=%s", editor_doing(state, home,
				     "ok", "printf 'more\\n' >> \"$1\"")),
			      NULL };
	r = cli_run_env(S, home, NULL, env, ARGV("drafts", "edit", ID1), 20);
	if (r->status != 0)
		fail_msg("edit: %d %s", r->status, r->err);
	j = read_record(state, home, ID1);
	assert_string_equal(json_string_value(json_object_get(j, "text")),
			    "the record\nmore\n");
	f = fopen(witness, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, "old editor text\n");

	/* the editor leaves something that cannot be read as a file: the
	 * draft is unchanged, not emptied */
	env[0] = sb_fmt(S, "VISUAL=%s", editor_doing(state, home, "dir",
			"rm -f \"$1\"; mkdir \"$1\""));
	r = cli_run_env(S, home, NULL, env, ARGV("drafts", "edit", ID1), 20);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "unchanged"));
	j = read_record(state, home, ID1);
	assert_string_equal(json_string_value(json_object_get(j, "text")),
			    "the record\nmore\n");
	assert_int_equal(stat(txt, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(rmdir(txt), 0);

	/* longer than a text can be: refused, the editor's file kept, and
	 * it is the draft's text when read next (nothing is lost) */
	env[0] = sb_fmt(S, "VISUAL=%s", editor_doing(state, home, "big",
			"head -c 1000100 /dev/zero | tr '\\\\0' x >> \"$1\""));
	r = cli_run_env(S, home, NULL, env, ARGV("drafts", "edit", ID1), 20);
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "longer than"));
	assert_non_null(strstr(r->err, sb_fmt(S, "%s.txt", ID1)));
	j = read_record(state, home, ID1);
	assert_string_equal(json_string_value(json_object_get(j, "text")),
			    "the record\nmore\n");
	assert_int_equal(stat(txt, &st), 0);
	assert_true(st.st_size > 1000000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_locked_and_delete),
		cmocka_unit_test(test_show),
		cmocka_unit_test(test_edit),
		cmocka_unit_test(test_edit_visual),
		cmocka_unit_test(test_edit_file_safety),
	};

	return cmocka_run_group_tests_name("cli_drafts", tests, setup, teardown);
}

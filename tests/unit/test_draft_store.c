/*
 * test_draft_store.c — the drafts store on disk: save and load, modes,
 * a damaged file moved aside, failed writes that keep the old record
 * (read-only directory, full disk), the moves between drafts/ and
 * outbox/, an editor's newer ID.txt, locks held by another process, and
 * records that survive SIGKILL at any moment of a save.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "akt/draft.h"
#include "slurp.h"

#include <dirent.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct fx {
	char dir[64];
	struct akt_drafts *s;
};

#define FX ((struct fx *)*state)

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	char *err = NULL;

	snprintf(f->dir, sizeof(f->dir), "%s/akt-drafts-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(f->dir))
		return -1;
	f->s = akt_drafts_open(f->dir, &err);
	if (!f->s) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	char cmd[512];

	akt_drafts_close(&FX->s);
	snprintf(cmd, sizeof(cmd), "chmod -R u+rwx '%s'; rm -rf '%s'", FX->dir,
		 FX->dir);
	if (system(cmd) != 0)
		return -1;
	free(FX);
	return 0;
}

static char *path(void **state, const char *fmt, ...) AKT_PRINTF(2, 3);

/* FX->dir/…, in one of four rotating buffers */
static char *path(void **state, const char *fmt, ...)
{
	static char buf[4][512];
	static int n;
	char rel[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	n = (n + 1) % 4;
	snprintf(buf[n], sizeof(buf[n]), "%s/%s", FX->dir, rel);
	return buf[n];
}

static void spit(const char *p, const char *text)
{
	FILE *f = fopen(p, "wb");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static int mode_of(const char *p)
{
	struct stat st;

	assert_int_equal(lstat(p, &st), 0);
	return (int)(st.st_mode & 07777);
}

static void new_draft(struct akt_draft *d, const char *text)
{
	char *err = NULL;

	assert_true(akt_draft_new(d, AKT_DRAFT_NOTE, &err));
	free(d->text);
	d->text = strdup(text);
	d->case_number = strdup("BYGG-2026-000123");
}

/* Entries of a directory whose name starts with prefix. */
static int count_files(const char *dir, const char *prefix)
{
	DIR *dh = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(dh);
	while ((de = readdir(dh)))
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0 &&
		    strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(dh);
	return n;
}

static void test_save_load_modes(void **state)
{
	struct akt_draft d, e;
	char *err = NULL;

	new_draft(&d, "Hej Åsa,\nbeslutet är klart. 💡\n");
	d.kind = AKT_DRAFT_REPLY;
	d.thread_id = 12;
	assert_true(akt_draft_save(FX->s, &d, &err));
	assert_true(akt_draft_load(FX->s, AKT_BOX_DRAFTS, d.id, &e, &err));
	assert_string_equal(e.text, d.text);
	assert_string_equal(e.key, d.key);
	assert_string_equal(e.updated, d.updated);
	assert_int_equal(e.thread_id, 12);
	assert_int_equal(e.kind, AKT_DRAFT_REPLY);
	assert_int_equal(mode_of(FX->dir), 0700);
	assert_int_equal(mode_of(path(state, "%s", "drafts")), 0700);
	assert_int_equal(mode_of(path(state, "%s", "outbox")), 0700);
	assert_int_equal(mode_of(path(state, "%s", "corrupt")), 0700);
	assert_int_equal(mode_of(path(state, "drafts/%s.draft", d.id)), 0600);
	assert_string_equal(akt_drafts_dir(FX->s), FX->dir);
	/* no temporary file is left beside it */
	assert_int_equal(count_files(path(state, "%s", "drafts"), "."), 0);
	akt_draft_clear(&d);
	akt_draft_clear(&e);
}

static void test_open_refuses_open_dir(void **state)
{
	struct akt_drafts *s;
	char *err = NULL;

	assert_int_equal(chmod(path(state, "%s", "drafts"), 0770), 0);
	s = akt_drafts_open(FX->dir, &err);
	assert_null(s);
	assert_non_null(strstr(err, "written by others"));
	assert_non_null(strstr(err, path(state, "%s", "drafts")));
	free(err);
	err = NULL;
	/* merely readable by others: tightened */
	assert_int_equal(chmod(path(state, "%s", "drafts"), 0755), 0);
	s = akt_drafts_open(FX->dir, &err);
	assert_non_null(s);
	assert_int_equal(mode_of(path(state, "%s", "drafts")), 0700);
	akt_drafts_close(&s);
	assert_null(s);
}

static void test_corrupt_moved_aside(void **state)
{
	static const char junk[] = "{\"format\":1,\"id\":\"x\", trunc";
	struct akt_draft d, e;
	struct akt_draft_list l;
	char *err = NULL, *moved;
	const char *bad = "20261123T101500Z-0badf00d";

	spit(path(state, "drafts/%s.draft", bad), junk);
	assert_false(akt_draft_load(FX->s, AKT_BOX_DRAFTS, bad, &e, &err));
	assert_non_null(strstr(err, path(state, "drafts/%s.draft", bad)));
	assert_non_null(strstr(err, path(state, "corrupt/%s.draft", bad)));
	assert_null(strchr(err, '\n'));
	free(err);
	err = NULL;
	assert_int_equal(access(path(state, "drafts/%s.draft", bad), F_OK), -1);
	moved = slurp_opt(path(state, "corrupt/%s.draft", bad));
	assert_non_null(moved);
	assert_string_equal(moved, junk);
	free(moved);

	/* the same again while the first copy is in corrupt/: both kept;
	 * a good draft beside it is listed */
	spit(path(state, "drafts/%s.draft", bad), "not json");
	spit(path(state, "drafts/%s.draft", "no_good"), "x");
	new_draft(&d, "good");
	assert_true(akt_draft_save(FX->s, &d, &err));
	assert_true(akt_draft_list(FX->s, AKT_BOX_DRAFTS, &l, &err));
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].id, d.id);
	assert_int_equal(l.nwarnings, 2);
	for (size_t i = 0; i < l.nwarnings; i++)
		assert_null(strchr(l.warnings[i], '\n'));
	akt_draft_list_clear(&l);
	moved = slurp_opt(path(state, "corrupt/%s.draft.1", bad));
	assert_non_null(moved);
	assert_string_equal(moved, "not json");
	free(moved);
	moved = slurp_opt(path(state, "corrupt/%s.draft", "no_good"));
	assert_string_equal(moved, "x");
	free(moved);
	/* a record under another draft's name is damaged too */
	assert_int_equal(rename(path(state, "drafts/%s.draft", d.id),
				path(state, "drafts/%s.draft", "other-id")), 0);
	assert_false(akt_draft_load(FX->s, AKT_BOX_DRAFTS, "other-id", &e,
				    &err));
	assert_non_null(strstr(err, "corrupt/"));
	free(err);
	akt_draft_clear(&d);
}

/* Without the capabilities that let root write what it may not: a
 * read-only directory is then read-only to root too. */
static bool drop_dac_override(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct c[2];

	if (syscall(SYS_capget, &h, c) != 0)
		return false;
	c[0].effective &= ~((1u << CAP_DAC_OVERRIDE) |
			    (1u << CAP_DAC_READ_SEARCH) | (1u << CAP_FOWNER));
	return syscall(SYS_capset, &h, c) == 0;
}

/* Run fn in a child that cannot override permissions; it exits 0 when
 * all was as expected, else prints why. */
static void in_child(void **state, int (*fn)(const char *dir))
{
	int status;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		if (geteuid() == 0 && !drop_dac_override())
			_exit(90);
		_exit(fn(FX->dir));
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: %s\n", __FILE__, \
	__LINE__, #c); return 1; } } while (0)

static int read_only_child(const char *dir)
{
	struct akt_drafts *s;
	struct akt_draft d, e;
	char *err = NULL, drafts[128];

	s = akt_drafts_open(dir, &err);
	CHECK(s);
	new_draft(&d, "the good copy");
	CHECK(akt_draft_save(s, &d, &err));
	snprintf(drafts, sizeof(drafts), "%s/drafts", dir);
	CHECK(chmod(drafts, 0500) == 0);
	free(d.text);
	d.text = strdup("the new text");
	CHECK(!akt_draft_save(s, &d, &err));
	CHECK(strstr(err, "cannot save the draft"));
	CHECK(strstr(err, d.id));
	CHECK(strstr(err, strerror(EACCES)));
	CHECK(strstr(err, "the previous copy is kept"));
	CHECK(!strchr(err, '\n'));
	free(err);
	CHECK(chmod(drafts, 0700) == 0);
	CHECK(akt_draft_load(s, AKT_BOX_DRAFTS, d.id, &e, &err));
	CHECK(strcmp(e.text, "the good copy") == 0);
	akt_draft_clear(&d);
	akt_draft_clear(&e);
	akt_drafts_close(&s);
	return 0;
}

static void test_read_only_keeps_old(void **state)
{
	in_child(state, read_only_child);
}

static void test_full_disk_keeps_old(void **state)
{
	struct akt_draft d, e;
	struct rlimit old, lim;
	char *err = NULL, *big = malloc(200001);

	new_draft(&d, "the good copy");
	assert_true(akt_draft_save(FX->s, &d, &err));
	memset(big, 'x', 200000);
	big[200000] = '\0';
	free(d.text);
	d.text = big;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 100000;
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	assert_false(akt_draft_save(FX->s, &d, &err));
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
	assert_non_null(strstr(err, "cannot save the draft"));
	assert_non_null(strstr(err, strerror(EFBIG)));
	assert_non_null(strstr(err, "free some space"));
	assert_non_null(strstr(err, "the previous copy is kept"));
	assert_null(strchr(err, '\n'));
	free(err);
	assert_true(akt_draft_load(FX->s, AKT_BOX_DRAFTS, d.id, &e, &err));
	assert_string_equal(e.text, "the good copy");
	assert_int_equal(count_files(path(state, "%s", "drafts"), "."), 0);
	akt_draft_clear(&d);
	akt_draft_clear(&e);
}

static void test_outbox_moves(void **state)
{
	struct akt_draft d, e;
	struct akt_draft_list l;
	char *err = NULL;

	new_draft(&d, "to be sent");
	assert_true(akt_draft_save(FX->s, &d, &err));
	spit(path(state, "drafts/%s.txt", d.id), "editor copy");
	d.queued = strdup("2026-11-23T10:16:00Z");
	d.req_method = strdup("POST");
	d.req_path = strdup("/v1/cases/7/notes");
	d.req_body = strdup("{\"text\":\"to be sent\"}");
	assert_true(akt_draft_to_outbox(FX->s, &d, &err));
	assert_int_equal(access(path(state, "drafts/%s.draft", d.id), F_OK), -1);
	assert_int_equal(access(path(state, "drafts/%s.txt", d.id), F_OK), -1);
	assert_int_equal(mode_of(path(state, "outbox/%s.draft", d.id)), 0600);
	assert_true(akt_draft_list(FX->s, AKT_BOX_DRAFTS, &l, &err));
	assert_int_equal(l.n, 0);
	akt_draft_list_clear(&l);
	assert_true(akt_draft_load(FX->s, AKT_BOX_OUTBOX, d.id, &e, &err));
	assert_string_equal(e.req_body, "{\"text\":\"to be sent\"}");
	assert_string_equal(e.text, "to be sent");
	akt_draft_clear(&e);

	/* a rebased tag written in place */
	d.etag = strdup("\"7.2\"");
	assert_true(akt_draft_save_outbox(FX->s, &d, &err));
	assert_true(akt_draft_load(FX->s, AKT_BOX_OUTBOX, d.id, &e, &err));
	assert_string_equal(e.etag, "\"7.2\"");
	akt_draft_clear(&e);

	/* back with a conflict */
	d.state = AKT_DS_CONFLICT;
	d.reason = strdup("the case changed");
	d.changed_by = strdup("erik");
	assert_true(akt_draft_to_drafts(FX->s, &d, &err));
	assert_int_equal(access(path(state, "outbox/%s.draft", d.id), F_OK), -1);
	assert_true(akt_draft_load(FX->s, AKT_BOX_DRAFTS, d.id, &e, &err));
	assert_int_equal(e.state, AKT_DS_CONFLICT);
	assert_string_equal(e.reason, "the case changed");
	assert_string_equal(e.changed_by, "erik");
	assert_string_equal(e.text, "to be sent");
	akt_draft_clear(&e);

	spit(path(state, "drafts/%s.txt", d.id), "x");
	assert_true(akt_draft_remove(FX->s, AKT_BOX_DRAFTS, d.id, &err));
	assert_int_equal(access(path(state, "drafts/%s.draft", d.id), F_OK), -1);
	assert_int_equal(access(path(state, "drafts/%s.txt", d.id), F_OK), -1);
	assert_true(akt_draft_remove(FX->s, AKT_BOX_DRAFTS, d.id, &err));
	assert_true(akt_draft_remove(FX->s, AKT_BOX_OUTBOX, d.id, &err));
	assert_false(akt_draft_load(FX->s, AKT_BOX_DRAFTS, d.id, &e, &err));
	assert_non_null(strstr(err, "no draft"));
	free(err);
	/* nothing was moved to corrupt/ on the way */
	assert_int_equal(count_files(path(state, "%s", "corrupt"), ""), 0);
	akt_draft_clear(&d);
}

static void test_list_order(void **state)
{
	static const char *const queued[] = {
		"2026-11-23T10:00:02Z", "2026-11-23T10:00:00.500Z",
		"2026-11-23T10:00:01Z",
	};
	struct akt_draft d[3];
	struct akt_draft_list l;
	char *err = NULL;

	for (int i = 0; i < 3; i++) {
		new_draft(&d[i], "x");
		d[i].queued = strdup(queued[i]);
		assert_true(akt_draft_to_outbox(FX->s, &d[i], &err));
	}
	assert_true(akt_draft_list(FX->s, AKT_BOX_OUTBOX, &l, &err));
	assert_int_equal(l.n, 3);
	assert_string_equal(l.items[0].id, d[1].id);
	assert_string_equal(l.items[1].id, d[2].id);
	assert_string_equal(l.items[2].id, d[0].id);
	akt_draft_list_clear(&l);
	for (int i = 0; i < 3; i++)
		akt_draft_clear(&d[i]);

	/* drafts: the last saved first */
	for (int i = 0; i < 3; i++) {
		new_draft(&d[i], "y");
		assert_true(akt_draft_save(FX->s, &d[i], &err));
		nanosleep(&(struct timespec){ 0, 3000000 }, NULL);
	}
	assert_true(akt_draft_save(FX->s, &d[1], &err));
	assert_true(akt_draft_list(FX->s, AKT_BOX_DRAFTS, &l, &err));
	assert_int_equal(l.n, 3);
	assert_string_equal(l.items[0].id, d[1].id);
	assert_string_equal(l.items[1].id, d[2].id);
	assert_string_equal(l.items[2].id, d[0].id);
	akt_draft_list_clear(&l);
	for (int i = 0; i < 3; i++)
		akt_draft_clear(&d[i]);
}

static void set_mtime(const char *p, time_t sec)
{
	struct timespec ts[2] = { { sec, 0 }, { sec, 0 } };

	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
}

static void test_newer_text_file_wins(void **state)
{
	struct akt_draft d, e;
	char *err = NULL, *txt;
	time_t now = time(NULL);

	new_draft(&d, "record text");
	assert_true(akt_draft_save(FX->s, &d, &err));
	txt = akt_draft_text_path(FX->s, d.id);
	assert_string_equal(txt, path(state, "drafts/%s.txt", d.id));
	spit(txt, "older editor text");
	set_mtime(txt, now - 60);
	assert_true(akt_draft_load(FX->s, AKT_BOX_DRAFTS, d.id, &e, &err));
	assert_string_equal(e.text, "record text");
	akt_draft_clear(&e);
	spit(txt, "editor text, å\n");
	set_mtime(txt, now + 5);
	assert_true(akt_draft_load(FX->s, AKT_BOX_DRAFTS, d.id, &e, &err));
	assert_string_equal(e.text, "editor text, å\n");
	akt_draft_clear(&e);
	/* not for the outbox: its text is what was sent */
	assert_true(akt_draft_to_outbox(FX->s, &d, &err));
	spit(txt, "late");
	set_mtime(txt, now + 5);
	assert_true(akt_draft_load(FX->s, AKT_BOX_OUTBOX, d.id, &e, &err));
	assert_string_equal(e.text, "record text");
	akt_draft_clear(&e);
	free(txt);
	akt_draft_clear(&d);
}

/* A child that takes the lock of id, says so on the pipe, and waits. */
static pid_t lock_holder(const char *dir, const char *id, bool outbox)
{
	int p[2];
	pid_t pid;
	char c;

	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char *err = NULL;
		pid_t owner;
		struct akt_drafts *s = akt_drafts_open(dir, &err);
		bool ok = s && (outbox ? akt_outbox_lock(s) :
				akt_draft_lock(s, id, &owner, &err));

		close(p[0]);
		if (write(p[1], ok ? "y" : "n", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(p[1]);
	assert_int_equal(read(p[0], &c, 1), 1);
	close(p[0]);
	assert_int_equal(c, 'y');
	return pid;
}

static void test_locks(void **state)
{
	const char *id = "20261123T101500Z-3f9a1c2e";
	char *err = NULL, want[64];
	pid_t child, owner = -1;
	int status;

	child = lock_holder(FX->dir, id, false);
	assert_false(akt_draft_lock(FX->s, id, &owner, &err));
	assert_int_equal(owner, child);
	snprintf(want, sizeof(want), "pid %ld", (long)child);
	assert_non_null(strstr(err, want));
	assert_non_null(strstr(err, "another akt"));
	free(err);
	err = NULL;
	owner = -1;
	assert_true(akt_draft_locked(FX->s, id, &owner));
	assert_int_equal(owner, child);
	/* another draft is free */
	assert_false(akt_draft_locked(FX->s, "other", &owner));
	kill(child, SIGKILL);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_false(akt_draft_locked(FX->s, id, &owner));
	assert_true(akt_draft_lock(FX->s, id, &owner, &err));
	/* ours: not locked by another, and taking it again is fine */
	assert_false(akt_draft_locked(FX->s, id, &owner));
	assert_true(akt_draft_lock(FX->s, id, &owner, &err));
	akt_draft_unlock(FX->s, id);
	akt_draft_unlock(FX->s, id);
	assert_int_equal(access(path(state, "drafts/%s.lock", id), F_OK), -1);

	/* the outbox flusher's lock */
	child = lock_holder(FX->dir, NULL, true);
	assert_false(akt_outbox_lock(FX->s));
	kill(child, SIGKILL);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(akt_outbox_lock(FX->s));
	assert_true(akt_outbox_lock(FX->s));
	akt_outbox_unlock(FX->s);
	assert_int_equal(access(path(state, "%s", "outbox/.lock"), F_OK), -1);
}


/* ---- the editor's file, written whole and known by the record ------------ */

static struct stat stat_of(const char *p)
{
	struct stat st;

	assert_int_equal(lstat(p, &st), 0);
	return st;
}

/* What another program wrote: a child's open() with O_TRUNC, as an
 * editor writing in place does. */
static void rewrite_in_place(const char *p, const char *text)
{
	int fd = open(p, O_WRONLY | O_TRUNC);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(close(fd), 0);
}

static void test_write_text_atomic(void **state)
{
	struct akt_draft d;
	char *err = NULL, *txt, *got, *text, *big;
	const char *witness = path(state, "%s", "witness");

	new_draft(&d, "the record's text");
	txt = akt_draft_text_path(FX->s, d.id);
	/* an older ID.txt, also reachable by another name: a rewrite in
	 * place (open with O_TRUNC) would change the other name too; a
	 * new file renamed over it leaves that one alone */
	spit(txt, "an older text of the editor");
	assert_int_equal(link(txt, witness), 0);
	assert_true(akt_draft_write_text(FX->s, &d, d.text, strlen(d.text),
					 &err));
	got = slurp_opt(witness);
	assert_string_equal(got, "an older text of the editor");
	free(got);
	got = slurp_opt(txt);
	assert_string_equal(got, "the record's text");
	free(got);
	assert_int_equal(mode_of(txt), 0600);
	assert_int_equal(count_files(path(state, "%s", "drafts"), "."), 0);
	assert_true(d.txt_known);
	assert_int_equal(d.txt_size, strlen("the record's text"));
	assert_int_equal(d.txt_ino, stat_of(txt).st_ino);

	/* read back: the text, the file noted */
	d.txt_known = false;
	rewrite_in_place(txt, "edited, å");
	assert_true(akt_draft_read_text(FX->s, &d, 100, &text, &err));
	assert_string_equal(text, "edited, å");
	free(text);
	assert_true(d.txt_known);
	assert_int_equal(d.txt_size, strlen("edited, å"));

	/* longer than the cap: refused, the file kept */
	big = malloc(5001);
	memset(big, 'x', 5000);
	big[5000] = '\0';
	spit(txt, big);
	free(big);
	assert_false(akt_draft_read_text(FX->s, &d, 4999, &text, &err));
	assert_null(text);
	assert_non_null(strstr(err, "longer than 4999 bytes"));
	assert_null(strchr(err, '\n'));
	free(err);
	assert_int_equal(stat_of(txt).st_size, 5000);
	assert_true(akt_draft_read_text(FX->s, &d, 5000, &text, &err));
	assert_int_equal(strlen(text), 5000);
	free(text);

	/* not a regular file: refused at once, not half read */
	assert_int_equal(unlink(txt), 0);
	assert_int_equal(mkdir(txt, 0700), 0);
	assert_false(akt_draft_read_text(FX->s, &d, 100, &text, &err));
	assert_non_null(strstr(err, "not a regular file"));
	free(err);
	assert_int_equal(rmdir(txt), 0);
	assert_int_equal(mkfifo(txt, 0600), 0);
	alarm(10);           /* a FIFO must not block the read */
	assert_false(akt_draft_read_text(FX->s, &d, 100, &text, &err));
	free(err);
	alarm(0);
	assert_int_equal(unlink(txt), 0);
	free(txt);
	akt_draft_clear(&d);
}

static void test_text_file_known(void **state)
{
	struct akt_draft d, e;
	char *err = NULL, *txt, *crash;
	time_t now = time(NULL);

	new_draft(&d, "typed in akt");
	txt = akt_draft_text_path(FX->s, d.id);
	assert_true(akt_draft_write_text(FX->s, &d, d.text, strlen(d.text),
					 &err));
	assert_true(akt_draft_save(FX->s, &d, &err));
	/* the editor rewrites its file; a coarse clock (or a file server's)
	 * gives it an mtime before the record's, and akt saves the record
	 * again after it: by time the record wins, yet the file is not
	 * the one akt wrote, so it holds the latest text */
	rewrite_in_place(txt, "written in the editor");
	set_mtime(txt, now - 60);
	assert_true(akt_draft_save(FX->s, &d, &err));
	assert_true(akt_draft_load(FX->s, AKT_BOX_DRAFTS, d.id, &e, &err));
	assert_string_equal(e.text, "written in the editor");
	/* saved with that text, the file is known: later text in the
	 * record wins over it */
	assert_true(akt_draft_save(FX->s, &e, &err));
	free(e.text);
	e.text = strdup("typed in akt after the editor");
	assert_true(akt_draft_save(FX->s, &e, &err));
	akt_draft_clear(&d);
	assert_true(akt_draft_load(FX->s, AKT_BOX_DRAFTS, e.id, &d, &err));
	assert_string_equal(d.text, "typed in akt after the editor");
	akt_draft_clear(&d);

	/* a crash copy (ID.txt.crash renamed over ID.txt) of the same
	 * length and an old mtime still wins: another file */
	crash = malloc(strlen(txt) + 7);
	sprintf(crash, "%s.crash", txt);
	spit(crash, "typed in akt after the crash!");
	assert_int_equal(strlen("typed in akt after the crash!"),
			 strlen("typed in akt after the editor"));
	set_mtime(crash, now - 3600);
	assert_int_equal(rename(crash, txt), 0);
	assert_true(akt_draft_load(FX->s, AKT_BOX_DRAFTS, e.id, &d, &err));
	assert_string_equal(d.text, "typed in akt after the crash!");
	akt_draft_clear(&d);
	free(crash);
	free(txt);
	akt_draft_clear(&e);
}

/* ---- locks: counted, and never naming the dead ------------------------- */

/* A child that tries to take the lock of id; its exit status: 0 taken. */
static int try_lock_in_child(const char *dir, const char *id)
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		char *err = NULL;
		pid_t owner;
		struct akt_drafts *s = akt_drafts_open(dir, &err);

		_exit(s && akt_draft_lock(s, id, &owner, &err) ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void test_lock_counted(void **state)
{
	const char *id = "20261123T101500Z-3f9a1c2e";
	char *err = NULL;
	pid_t owner;

	/* opened twice in one process (a list and an editor): the first
	 * close must not free it while the other still edits */
	assert_true(akt_draft_lock(FX->s, id, &owner, &err));
	assert_true(akt_draft_lock(FX->s, id, &owner, &err));
	akt_draft_unlock(FX->s, id);
	assert_int_equal(try_lock_in_child(FX->dir, id), 1);
	akt_draft_unlock(FX->s, id);
	assert_int_equal(try_lock_in_child(FX->dir, id), 0);
	/* one more unlock than locks is harmless */
	akt_draft_unlock(FX->s, id);
	/* close releases however many */
	assert_true(akt_draft_lock(FX->s, id, &owner, &err));
	assert_true(akt_draft_lock(FX->s, id, &owner, &err));
	akt_drafts_close(&FX->s);
	assert_int_equal(try_lock_in_child(FX->dir, id), 0);
	FX->s = akt_drafts_open(FX->dir, &err);
	assert_non_null(FX->s);
}

static pid_t dead_pid(void)
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0)
		_exit(0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return pid;
}

/* A child holding the lock file at p with how (LOCK_SH/LOCK_EX) for ms
 * milliseconds (0: until killed); returns once it holds it. */
static pid_t flock_holder(const char *p, int how, int ms)
{
	int fds[2];
	pid_t pid;
	char c;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open(p, O_RDONLY);

		close(fds[0]);
		if (fd < 0 || flock(fd, how) != 0 || write(fds[1], "y", 1) != 1)
			_exit(1);
		if (ms)
			usleep((useconds_t)ms * 1000);
		else
			for (;;)
				pause();
		_exit(0);
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &c, 1), 1);
	close(fds[0]);
	return pid;
}

static void test_lock_dead_name(void **state)
{
	const char *id = "20261123T101500Z-3f9a1c2e";
	const char *lock = path(state, "drafts/%s.lock", id);
	char host[256] = "", line[320], *err = NULL, dead[32];
	pid_t owner = -1, child, gone = dead_pid();
	int status;

	/* left by an akt that was killed: names a pid that is gone */
	assert_int_equal(gethostname(host, sizeof(host) - 1), 0);
	snprintf(line, sizeof(line), "%ld %s\n", (long)gone, host);
	spit(lock, line);
	snprintf(dead, sizeof(dead), "pid %ld", (long)gone);
	/* another akt looks (akt_draft_locked: a shared lock for a moment)
	 * just as we take it: we wait the moment out */
	child = flock_holder(lock, LOCK_SH, 20);
	assert_true(akt_draft_lock(FX->s, id, &owner, &err));
	assert_int_equal(waitpid(child, &status, 0), child);
	akt_draft_unlock(FX->s, id);

	/* held for good by a process whose name is not written: never
	 * the dead pid in the file */
	spit(lock, line);
	child = flock_holder(lock, LOCK_EX, 0);
	assert_false(akt_draft_lock(FX->s, id, &owner, &err));
	assert_int_equal(owner, 0);
	assert_null(strstr(err, dead));
	assert_non_null(strstr(err, "another akt"));
	free(err);
	owner = -1;
	assert_true(akt_draft_locked(FX->s, id, &owner));
	assert_int_equal(owner, 0);
	kill(child, SIGKILL);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_false(akt_draft_locked(FX->s, id, &owner));
}

/* ---- a shared home, a newer akt, unreadable files ----------------------- */

static void test_tmp_files_of_others(void **state)
{
	struct akt_draft_list l;
	char host[256] = "", *err = NULL;
	const char *mine, *other, *old, *legacy;
	time_t now = time(NULL);
	pid_t gone = dead_pid();

	assert_int_equal(gethostname(host, sizeof(host) - 1), 0);
	/* ours, of a dead writer: gone with the list */
	mine = path(state, "drafts/.tmp-%s-%ld-x.draft", host, (long)gone);
	spit(mine, "cut short");
	/* another host's, being written there now: left alone */
	other = path(state, "drafts/.tmp-elsewhere-%ld-y.draft", (long)gone);
	spit(other, "being written");
	/* another host's, hours old: a write cut short there */
	old = path(state, "drafts/.tmp-elsewhere-%ld-z.draft", (long)gone);
	spit(old, "long dead");
	set_mtime(old, now - 3 * 3600);
	/* named before hosts were: only when old */
	legacy = path(state, "drafts/.tmp-%ld-w.draft", (long)gone);
	spit(legacy, "recent");
	assert_true(akt_draft_list(FX->s, AKT_BOX_DRAFTS, &l, &err));
	akt_draft_list_clear(&l);
	assert_int_equal(access(mine, F_OK), -1);
	assert_int_equal(access(other, F_OK), 0);
	assert_int_equal(access(old, F_OK), -1);
	assert_int_equal(access(legacy, F_OK), 0);
}

static void test_left_alone(void **state)
{
	struct akt_draft_list l;
	struct akt_draft d, e;
	char *err = NULL, *json;
	const char *newer = "20261123T101500Z-0000aaaa";
	const char *kind = "20261123T101500Z-0000bbbb";
	const char *fifo = "20261123T101500Z-0000cccc";

	/* a newer akt's outbox item (shared home): kept for that akt */
	new_draft(&d, "sent by a newer akt");
	json = akt_draft_encode(&d);
	memcpy(strstr(json, "\"format\": 1"), "\"format\": 2", 11);
	spit(path(state, "outbox/%s.draft", d.id), json);
	free(json);
	assert_false(akt_draft_load(FX->s, AKT_BOX_OUTBOX, d.id, &e, &err));
	assert_non_null(strstr(err, "newer akt"));
	assert_null(strstr(err, "corrupt"));
	free(err);
	assert_int_equal(access(path(state, "outbox/%s.draft", d.id), F_OK), 0);
	assert_true(akt_draft_list(FX->s, AKT_BOX_OUTBOX, &l, &err));
	assert_int_equal(l.n, 0);
	assert_int_equal(l.nwarnings, 1);
	assert_non_null(strstr(l.warnings[0], "newer akt"));
	akt_draft_list_clear(&l);
	assert_int_equal(access(path(state, "outbox/%s.draft", d.id), F_OK), 0);
	akt_draft_clear(&d);

	/* a kind this akt does not know, a FIFO under a record's name */
	new_draft(&d, "");
	snprintf(d.id, sizeof(d.id), "%s", kind);
	json = akt_draft_encode(&d);
	memcpy(strstr(json, "\"note\""), "\"memo\"", 6);
	spit(path(state, "drafts/%s.draft", kind), json);
	free(json);
	akt_draft_clear(&d);
	(void)newer;
	assert_int_equal(mkfifo(path(state, "drafts/%s.draft", fifo), 0600), 0);
	alarm(10);
	assert_true(akt_draft_list(FX->s, AKT_BOX_DRAFTS, &l, &err));
	alarm(0);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.nwarnings, 2);
	for (size_t i = 0; i < l.nwarnings; i++)
		assert_null(strchr(l.warnings[i], '\n'));
	akt_draft_list_clear(&l);
	assert_int_equal(access(path(state, "drafts/%s.draft", kind), F_OK), 0);
	assert_int_equal(access(path(state, "drafts/%s.draft", fifo), F_OK), 0);
	assert_int_equal(count_files(path(state, "%s", "corrupt"), ""), 0);
}

static int unreadable_child(const char *dir)
{
	struct akt_drafts *s;
	struct akt_draft d;
	struct akt_draft_list l;
	char *err = NULL, rec[256], moved[256];

	s = akt_drafts_open(dir, &err);
	CHECK(s);
	new_draft(&d, "queued");
	CHECK(akt_draft_to_outbox(s, &d, &err));
	snprintf(rec, sizeof(rec), "%s/outbox/%s.draft", dir, d.id);
	snprintf(moved, sizeof(moved), "%s/corrupt/%s.draft", dir, d.id);
	CHECK(chmod(rec, 0) == 0);
	CHECK(akt_draft_list(s, AKT_BOX_OUTBOX, &l, &err));
	CHECK(l.n == 0 && l.nwarnings == 1);
	CHECK(strstr(l.warnings[0], strerror(EACCES)));
	akt_draft_list_clear(&l);
	/* not moved aside: readable again, it is sent as it was */
	CHECK(access(moved, F_OK) != 0);
	CHECK(chmod(rec, 0600) == 0);
	CHECK(akt_draft_list(s, AKT_BOX_OUTBOX, &l, &err));
	CHECK(l.n == 1 && strcmp(l.items[0].text, "queued") == 0);
	akt_draft_list_clear(&l);
	akt_draft_clear(&d);
	akt_drafts_close(&s);
	return 0;
}

static void test_unreadable_kept(void **state)
{
	in_child(state, unreadable_child);
}

static void test_symlinked_store(void **state)
{
	struct akt_drafts *s;
	char *err = NULL;
	const char *real = path(state, "%s", "elsewhere");
	const char *link_to = path(state, "%s", "linked");

	/* data kept on another disk through a link of ours */
	assert_int_equal(mkdir(real, 0700), 0);
	assert_int_equal(symlink(real, link_to), 0);
	s = akt_drafts_open(link_to, &err);
	if (!s)
		fail_msg("%s", err);
	akt_drafts_close(&s);
	assert_int_equal(mode_of(path(state, "%s", "elsewhere/drafts")), 0700);
	/* one that others may write is still refused, and says so */
	assert_int_equal(chmod(real, 0777), 0);
	s = akt_drafts_open(link_to, &err);
	assert_null(s);
	assert_non_null(strstr(err, "chmod 700"));
	free(err);
	/* a link to nowhere says what to do */
	assert_int_equal(chmod(real, 0700), 0);
	assert_int_equal(symlink(path(state, "%s", "nowhere"),
				 path(state, "%s", "dangling")), 0);
	s = akt_drafts_open(path(state, "%s", "dangling/sub"), &err);
	assert_null(s);
	free(err);
}

/* ---- crash safety -------------------------------------------------------- */

#define STEP 2048

/* Version i: "v000007:" and then 7 × STEP characters of a pattern. */
static char *version(int i)
{
	size_t n = 8 + (size_t)i * STEP;
	char *t = malloc(n + 1);

	snprintf(t, 9, "v%06d:", i);
	for (size_t j = 8; j < n; j++)
		t[j] = (char)('a' + (j + (size_t)i) % 26);
	t[n] = '\0';
	return t;
}

static void check_version(const char *t)
{
	int i;
	char *want;

	assert_int_equal(sscanf(t, "v%06d:", &i), 1);
	want = version(i);
	if (strcmp(t, want) != 0)
		fail_msg("torn text: %zu bytes, version %d has %zu", strlen(t),
			 i, strlen(want));
	free(want);
}

static void test_sigkill_never_tears(void **state)
{
	struct akt_draft d, e;
	struct akt_draft_list l;
	char *err = NULL;
	int versions_seen = 0, last = -1;

	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	new_draft(&d, "");
	free(d.text);
	d.text = version(0);
	assert_true(akt_draft_save(FX->s, &d, &err));
	for (int trial = 0; trial < 200; trial++) {
		pid_t pid = fork();
		int status;

		assert_true(pid >= 0);
		if (pid == 0) {
			struct akt_drafts *s = akt_drafts_open(FX->dir, &err);

			for (int i = 1; s; i++) {
				free(d.text);
				d.text = version(i % 400);
				akt_draft_save(s, &d, &err);
			}
			_exit(1);
		}
		usleep((useconds_t)(rand() % 20001));
		kill(pid, SIGKILL);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(akt_draft_load(FX->s, AKT_BOX_DRAFTS, d.id, &e,
					   &err));
		check_version(e.text);
		if (atoi(e.text + 1) != last)
			versions_seen++;
		last = atoi(e.text + 1);
		akt_draft_clear(&e);
		assert_true(akt_draft_list(FX->s, AKT_BOX_DRAFTS, &l, &err));
		assert_int_equal(l.n, 1);
		assert_int_equal(l.nwarnings, 0);
		akt_draft_list_clear(&l);
		/* the cut-short write's temporary file went with the list */
		assert_int_equal(count_files(path(state, "%s", "drafts"), "."),
				 0);
	}
	assert_int_equal(count_files(path(state, "%s", "corrupt"), ""), 0);
	/* the kills did land at different moments */
	assert_true(versions_seen > 10);
	akt_draft_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_save_load_modes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_open_refuses_open_dir,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_moved_aside, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_read_only_keeps_old, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_full_disk_keeps_old, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_outbox_moves, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_list_order, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_newer_text_file_wins,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_locks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sigkill_never_tears, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_write_text_atomic, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_text_file_known, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_lock_counted, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_lock_dead_name, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tmp_files_of_others,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_left_alone, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unreadable_kept, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_symlinked_store, setup,
						teardown),
	};

	/* the store's modes must not depend on the caller's umask */
	umask(022);
	return cmocka_run_group_tests_name("draft_store", tests, NULL, NULL);
}

/*
 * draft_store.c — drafts/, outbox/ and corrupt/ on disk: atomic writes
 * of records, reading them back (a damaged one is moved aside, never
 * deleted), listing, and the renames that are the state changes.
 */
#include "akt/paths.h"
#include "akt/xalloc.h"
#include "draft_impl.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A record or an editor's text file larger than this is not one of
 * ours: refuse it rather than read it all into memory. */
#define MAX_FILE (64L * 1024 * 1024)
#define TMP_PREFIX ".tmp-"
/* Another host's temporary file (a shared home) is left alone unless
 * it is this old: no write of ours takes that long. */
#define STALE_TMP_SEC (60 * 60)

/* "HOST-", for temporary file names: ".tmp-HOST-PID-NAME" says which
 * host's process writes it, so a listing on another host sharing the
 * home never takes a live write there for a dead one here. */
static const char *tmp_host(void)
{
	static char host[72];

	if (!host[0]) {
		char h[256] = "";

		if (gethostname(h, sizeof(h) - 1) != 0 || !h[0])
			strcpy(h, "localhost");
		h[64] = '\0';
		for (char *p = h; *p; p++)
			if (!strchr("0123456789abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ._", *p))
				*p = '_';     /* '-' ends the host */
		snprintf(host, sizeof(host), "%s-", h);
	}
	return host;
}

static const char *box_dir(const struct akt_drafts *s, enum akt_draft_box b)
{
	return b == AKT_BOX_OUTBOX ? s->outbox : s->drafts;
}

static char *rec_path(const struct akt_drafts *s, enum akt_draft_box b,
		      const char *id)
{
	return xasprintf("%s/%s.draft", box_dir(s, b), id);
}

char *akt_draft_text_path(const struct akt_drafts *s, const char *id)
{
	return xasprintf("%s/%s.txt", s->drafts, id);
}

const char *akt_drafts_dir(const struct akt_drafts *s)
{
	return s->dir;
}

/* What the officer can do about a failed write. */
static const char *hint(int e, const char *dir)
{
	switch (e) {
	case ENOSPC:
	case EDQUOT:
		return "free some space";
	case EFBIG:
		return "free some space or raise the file size limit";
	case EROFS:
		return "the disk is read-only; make it writable";
	case EACCES:
	case EPERM:
		return "check that you may write its directory";
	case EIO:
		return "the disk may be failing; copy the text elsewhere";
	default:
		(void)dir;
		return "try again";
	}
}

static void fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	/* best effort: the rename is done, and some file systems cannot
	 * sync a directory (EINVAL) */
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

static bool write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return false;
		}
		data += n;
		len -= (size_t)n;
	}
	return true;
}

/*
 * dir/name ← data, atomically: a temporary file beside it (its name
 * starts with a dot, so no listing takes it for a record), written,
 * fsync'ed, renamed over, the directory fsync'ed. 0 or an errno; the
 * temporary file is gone either way.
 */
static int write_atomic(const char *dir, const char *name, const char *data,
			size_t len, struct stat *st)
{
	char *tmp = xasprintf("%s/" TMP_PREFIX "%s%ld-%s", dir, tmp_host(),
			      (long)getpid(), name);
	char *path = xasprintf("%s/%s", dir, name);
	int fd, e = 0;

	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
		  0600);
	if (fd < 0 && errno == EEXIST) {
		/* left by a process of our pid that died mid-write */
		unlink(tmp);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
			  O_NOFOLLOW, 0600);
	}
	if (fd < 0) {
		e = errno;
		goto out;
	}
	if (!write_all(fd, data, len) || fsync(fd) != 0 ||
	    (st && fstat(fd, st) != 0))
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	if (!e && rename(tmp, path) != 0)
		e = errno;
	if (e)
		unlink(tmp);
	else
		fsync_dir(dir);
out:
	free(tmp);
	free(path);
	return e;
}

static char *save_error(const char *dir, const char *id, int e, bool had)
{
	return xasprintf("cannot save the draft %s (%s/%s.draft): %s; %s — %s",
			 id, dir, id, strerror(e), hint(e, dir),
			 had ? "the previous copy is kept" :
			 "nothing was written");
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* Encode d with updated set to now, and write it into dir. */
static bool save_in(struct akt_drafts *s, enum akt_draft_box box,
		    struct akt_draft *d, char **err)
{
	const char *dir = box_dir(s, box);
	char *old = d->updated, *json, *name, *path;
	int e;

	if (!akt_draft_id_valid(d->id)) {
		*err = xasprintf("cannot save a draft with the id \"%.40s\": "
				 "not a draft id", d->id);
		return false;
	}
	d->updated = draft_now();
	json = akt_draft_encode(d);
	name = xasprintf("%s.draft", d->id);
	path = xasprintf("%s/%s", dir, name);
	e = json ? write_atomic(dir, name, json, strlen(json), NULL) : ENOMEM;
	if (e) {
		*err = save_error(dir, d->id, e, exists(path));
		free(d->updated);
		d->updated = old;
	} else {
		free(old);
	}
	free(json);
	free(name);
	free(path);
	return e == 0;
}

bool akt_drafts_write_file(struct akt_drafts *s, enum akt_draft_box box,
			   const char *name, const char *data, size_t len,
			   char **err)
{
	int e = write_atomic(box_dir(s, box), name, data, len, NULL);

	if (e)
		*err = xasprintf("cannot write %s/%s: %s", box_dir(s, box),
				 name, strerror(e));
	return e == 0;
}

bool akt_draft_save(struct akt_drafts *s, struct akt_draft *d, char **err)
{
	return save_in(s, AKT_BOX_DRAFTS, d, err);
}

bool akt_draft_save_outbox(struct akt_drafts *s, struct akt_draft *d,
			   char **err)
{
	return save_in(s, AKT_BOX_OUTBOX, d, err);
}

/* ---- reading ------------------------------------------------------------- */

/* The whole regular file at path (NUL-terminated), at most max bytes;
 * 0 or an errno (EINVAL: not a regular file; EFBIG: longer than max).
 * Opened without blocking, so a FIFO under a record's name cannot hang
 * us. *st (when not NULL) gets the file as it was read. */
static int read_file(const char *path, size_t max, char **data, size_t *len,
		     struct stat *st)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	struct stat fst;
	size_t got = 0, cap;
	char *buf;
	int e = 0;

	*data = NULL;
	if (fd < 0)
		return errno == ELOOP ? EINVAL : errno;
	if (fstat(fd, &fst) != 0) {
		e = errno;
		goto out;
	}
	if (!S_ISREG(fst.st_mode)) {
		e = EINVAL;
		goto out;
	}
	if ((uintmax_t)fst.st_size > max) {
		e = EFBIG;
		goto out;
	}
	/* one byte more than it says: a file that grew is caught */
	cap = (size_t)fst.st_size + 1;
	buf = xmalloc(cap + 1);
	for (;;) {
		ssize_t n = read(fd, buf + got, cap - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			free(buf);
			goto out;
		}
		if (n == 0)
			break;       /* shrank meanwhile: take what is there */
		got += (size_t)n;
		if (got == cap) {
			if (cap > max) {
				e = EFBIG;
				free(buf);
				goto out;
			}
			cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			buf = xrealloc(buf, cap + 1);
		}
	}
	buf[got] = '\0';
	*data = buf;
	*len = got;
	if (st)
		*st = fst;
out:
	close(fd);
	return e;
}

/* Move path (named name) into corrupt/, under a free name; the new path
 * (malloc'd) or NULL with errno. */
static char *move_aside(struct akt_drafts *s, const char *path,
			const char *name)
{
	for (int n = 0; n < 1000; n++) {
		char *to = n ? xasprintf("%s/%s.%d", s->corrupt, name, n) :
			   xasprintf("%s/%s", s->corrupt, name);

		if (renameat2(AT_FDCWD, path, AT_FDCWD, to,
			      RENAME_NOREPLACE) == 0) {
			/* it may hold a note's text, whoever wrote it */
			chmod(to, 0600);
			fsync_dir(s->corrupt);
			return to;
		}
		if (errno == EINVAL && !exists(to) && rename(path, to) == 0) {
			/* a file system without RENAME_NOREPLACE */
			fsync_dir(s->corrupt);
			return to;
		}
		free(to);
		if (errno != EEXIST)
			return NULL;
	}
	errno = EEXIST;
	return NULL;
}

/* dir/name into corrupt/; the warning, "the WHAT PATH cannot be read". */
static char *set_aside(struct akt_drafts *s, const char *dir,
		       const char *name, const char *what, const char *why)
{
	char *path = xasprintf("%s/%s", dir, name), *to, *msg;

	to = move_aside(s, path, name);
	if (to)
		msg = xasprintf("the %s %s cannot be read (%s); it was "
				"moved to %s", what, path, why, to);
	else
		msg = xasprintf("the %s %s cannot be read (%s), nor "
				"moved aside: %s; move it away by hand", what,
				path, why, strerror(errno));
	free(path);
	free(to);
	return msg;
}

static char *damaged(struct akt_drafts *s, const char *dir, const char *name,
		     const char *why)
{
	return set_aside(s, dir, name, "draft file", why);
}

char *akt_drafts_set_aside(struct akt_drafts *s, enum akt_draft_box box,
			   const char *name, const char *what,
			   const char *why)
{
	return set_aside(s, box_dir(s, box), name, what, why);
}

int akt_drafts_read_file(struct akt_drafts *s, enum akt_draft_box box,
			 const char *name, size_t max, char **data,
			 size_t *len)
{
	char *path = xasprintf("%s/%s", box_dir(s, box), name);
	int e = read_file(path, max, data, len, NULL);

	free(path);
	return e;
}

static int64_t mtime_ns(const struct stat *st)
{
	return (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

/* d knows ID.txt as st is now: that file's text is in d or was put
 * aside by the officer (superseded by the record). */
static void note_text(struct akt_draft *d, const struct stat *st)
{
	d->txt_known = true;
	d->txt_size = (int64_t)st->st_size;
	d->txt_mtime_ns = mtime_ns(st);
	d->txt_ino = (uint64_t)st->st_ino;
}

/* Is ID.txt (as st) newer than the record d? Not the file akt last
 * wrote or read: an editor or a crash copy wrote it since. A record of
 * an older akt knows no file: then its mtime against updated. */
static bool text_newer(const struct akt_draft *d, const struct stat *st)
{
	int64_t updated;

	if (d->txt_known)
		return (int64_t)st->st_size != d->txt_size ||
		       mtime_ns(st) != d->txt_mtime_ns ||
		       (uint64_t)st->st_ino != d->txt_ino;
	return !draft_time_ms(d->updated, &updated) ||
	       mtime_ns(st) / 1000000 > updated;
}

/* drafts/ID.txt, when newer than the record, holds the latest text: the
 * external editor's file, or a copy written as akt crashed. Either way
 * d then knows the file, so that once the record is saved the file no
 * longer wins over later text. */
static void newer_text(struct akt_drafts *s, struct akt_draft *d)
{
	char *path = akt_draft_text_path(s, d->id), *data;
	struct stat st;
	size_t len;

	if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
		goto out;
	if (!text_newer(d, &st)) {
		note_text(d, &st);
		goto out;
	}
	if (read_file(path, MAX_FILE, &data, &len, &st) == 0) {
		free(d->text);
		d->text = draft_clean_text(data, len);
		free(data);
		note_text(d, &st);
	}
out:
	free(path);
}

/* Read box/ID.draft. A damaged record is moved aside; one that cannot
 * be read now, or is a newer akt's, stays: *err says which. */
static bool load_rec(struct akt_drafts *s, enum akt_draft_box box,
		     const char *id, struct akt_draft *out, char **err)
{
	const char *dir = box_dir(s, box);
	char *path = rec_path(s, box, id), *name, *data, *why = NULL;
	enum draft_dec dec = DRAFT_DEC_DAMAGED;
	size_t len;
	int e = read_file(path, MAX_FILE, &data, &len, NULL);

	memset(out, 0, sizeof(*out));
	if (e == ENOENT) {
		*err = xasprintf(box == AKT_BOX_OUTBOX ?
				 "no item %s in the outbox (%s)" :
				 "no draft %s (%s)", id, dir);
		free(path);
		return false;
	}
	if (e) {
		/* not a decode failure: the record may be fine, and an
		 * outbox item must never be dropped — leave it be */
		*err = xasprintf("cannot read %s: %s; %s", path,
				 e == EINVAL ? "not a regular file" :
				 e == EFBIG ? "far too large for a draft" :
				 strerror(e),
				 e == EINVAL || e == EFBIG ?
				 "move it away if it is not a draft" :
				 e == EACCES || e == EPERM ?
				 "check that it is yours and readable, then "
				 "try again" : hint(e, dir));
		free(path);
		return false;
	}
	dec = draft_decode(data, len, out, &why);
	if (dec == DRAFT_DEC_OK && strcmp(out->id, id) != 0) {
		why = xasprintf("it holds the draft %s", out->id);
		akt_draft_clear(out);
		dec = DRAFT_DEC_DAMAGED;
	}
	free(data);
	if (dec == DRAFT_DEC_NEWER) {
		*err = xasprintf("%s is left as it is: %s; open it with that "
				 "akt", path, why);
		free(why);
		free(path);
		return false;
	}
	free(path);
	if (why) {
		name = xasprintf("%s.draft", id);
		*err = damaged(s, dir, name, why);
		free(name);
		free(why);
		return false;
	}
	if (box == AKT_BOX_DRAFTS)
		newer_text(s, out);
	return true;
}

/* ---- the editor's file --------------------------------------------------- */

bool akt_draft_write_text(struct akt_drafts *s, struct akt_draft *d,
			  const char *text, size_t len, char **err)
{
	char *name;
	struct stat st;
	int e;

	if (!akt_draft_id_valid(d->id)) {
		*err = xasprintf("cannot write the text of \"%.40s\": not a "
				 "draft id", d->id);
		return false;
	}
	/* a new file renamed over the old: a kill at any moment leaves
	 * the old or the new text whole, never a short file that would
	 * win over the record */
	name = xasprintf("%s.txt", d->id);
	e = write_atomic(s->drafts, name, text, len, &st);
	if (e)
		*err = xasprintf("cannot write %s/%s for the editor: %s; %s",
				 s->drafts, name, strerror(e),
				 hint(e, s->drafts));
	else
		note_text(d, &st);
	free(name);
	return e == 0;
}

bool akt_draft_read_text(struct akt_drafts *s, struct akt_draft *d,
			 size_t max, char **text, char **err)
{
	char *path = akt_draft_text_path(s, d->id), *data;
	struct stat st;
	size_t len;
	int e = read_file(path, max, &data, &len, &st);

	*text = NULL;
	if (e) {
		*err = e == EFBIG ?
		       xasprintf("%s is longer than %zu bytes, more than can "
				 "be sent; shorten it", path, max) :
		       e == EINVAL ?
		       xasprintf("%s is not a regular file; put the text back "
				 "in a file of that name", path) :
		       xasprintf("cannot read %s: %s", path, strerror(e));
		free(path);
		return false;
	}
	/* the editor's file may not be UTF-8: keep it, repaired */
	*text = draft_clean_text(data, len);
	free(data);
	free(path);
	note_text(d, &st);
	return true;
}

bool akt_draft_load(struct akt_drafts *s, enum akt_draft_box box,
		    const char *id, struct akt_draft *out, char **err)
{
	if (!akt_draft_id_valid(id)) {
		memset(out, 0, sizeof(*out));
		*err = xasprintf("\"%.60s\" is not a draft id (like "
				 "20261123T101500Z-3f9a1c2e)", id);
		return false;
	}
	return load_rec(s, box, id, out, err);
}

/* ---- listing ------------------------------------------------------------- */

static void warn(struct akt_draft_list *l, char *msg)
{
	l->warnings = xreallocarray(l->warnings, l->nwarnings + 1,
				    sizeof(char *));
	l->warnings[l->nwarnings++] = msg;
}

/* A temporary file whose writer is gone: a write cut short. Ours
 * (".tmp-HOST-PID-…" of this host) when the pid is gone; another
 * host's, or one named before the host was in the name, only when it is
 * old: its writer may be alive where we cannot see it. */
static void drop_stale_tmp(const char *dir, const char *name)
{
	const char *host = tmp_host(), *rest = name + strlen(TMP_PREFIX);
	char *path = xasprintf("%s/%s", dir, name), *end;
	struct stat st;
	bool stale = false;

	if (strncmp(rest, host, strlen(host)) == 0) {
		long pid = strtol(rest + strlen(host), &end, 10);

		stale = *end == '-' && pid > 0 && pid != (long)getpid() &&
			kill((pid_t)pid, 0) != 0 && errno == ESRCH;
	} else if (lstat(path, &st) == 0) {
		stale = time(NULL) - st.st_mtim.tv_sec > STALE_TMP_SEC;
	}
	if (stale)
		unlink(path);
	free(path);
}

static int64_t ms_of(const char *ts)
{
	int64_t ms = 0;

	draft_time_ms(ts, &ms);
	return ms;
}

static int newest_first(const void *a, const void *b)
{
	const struct akt_draft *x = a, *y = b;
	int64_t tx = ms_of(x->updated), ty = ms_of(y->updated);

	if (tx != ty)
		return tx > ty ? -1 : 1;
	return -strcmp(x->id, y->id);
}

static int queued_order(const void *a, const void *b)
{
	const struct akt_draft *x = a, *y = b;
	int64_t tx = ms_of(x->queued), ty = ms_of(y->queued);

	if (tx != ty)
		return tx < ty ? -1 : 1;
	return strcmp(x->id, y->id);
}

bool akt_draft_list(struct akt_drafts *s, enum akt_draft_box box,
		    struct akt_draft_list *out, char **err)
{
	const char *dir = box_dir(s, box);
	DIR *dh = opendir(dir);
	struct dirent *de;
	size_t cap = 0;

	memset(out, 0, sizeof(*out));
	if (!dh) {
		int e = errno;

		*err = xasprintf("cannot read the directory %s: %s; %s", dir,
				 strerror(e), e == EACCES || e == EPERM ?
				 "it must be yours: run 'chmod 700' on it" :
				 e == ENOENT || e == ENOTDIR ?
				 "start akt again to make it" : hint(e, dir));
		return false;
	}
	while ((de = readdir(dh))) {
		const char *name = de->d_name;
		size_t n = strlen(name);
		char id[AKT_DRAFT_ID_MAX + 1], *msg;
		struct akt_draft d;

		if (strncmp(name, TMP_PREFIX, strlen(TMP_PREFIX)) == 0) {
			drop_stale_tmp(dir, name);
			continue;
		}
		if (name[0] == '.' || n <= 6 || strcmp(name + n - 6, ".draft"))
			continue;
		if (n - 6 > AKT_DRAFT_ID_MAX) {
			warn(out, damaged(s, dir, name, "not a draft's name"));
			continue;
		}
		memcpy(id, name, n - 6);
		id[n - 6] = '\0';
		if (!akt_draft_id_valid(id)) {
			warn(out, damaged(s, dir, name, "not a draft's name"));
			continue;
		}
		if (!load_rec(s, box, id, &d, &msg)) {
			/* gone meanwhile (sent, deleted) is no warning */
			if (strncmp(msg, "no ", 3) == 0)
				free(msg);
			else
				warn(out, msg);
			continue;
		}
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			out->items = xreallocarray(out->items, cap,
						   sizeof(*out->items));
		}
		out->items[out->n++] = d;
	}
	closedir(dh);
	if (out->n)
		qsort(out->items, out->n, sizeof(*out->items),
		      box == AKT_BOX_OUTBOX ? queued_order : newest_first);
	return true;
}

void akt_draft_list_clear(struct akt_draft_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		akt_draft_clear(&l->items[i]);
	for (size_t i = 0; i < l->nwarnings; i++)
		free(l->warnings[i]);
	free(l->items);
	free(l->warnings);
	memset(l, 0, sizeof(*l));
}

/* ---- moves --------------------------------------------------------------- */

/* from/ID.draft → to/ID.draft, both directories synced. */
static int move(struct akt_drafts *s, enum akt_draft_box from,
		enum akt_draft_box to, const char *id)
{
	char *a = rec_path(s, from, id), *b = rec_path(s, to, id);
	int e = rename(a, b) == 0 ? 0 : errno;

	if (!e) {
		fsync_dir(box_dir(s, to));
		fsync_dir(box_dir(s, from));
	}
	free(a);
	free(b);
	return e;
}

bool akt_draft_to_outbox(struct akt_drafts *s, struct akt_draft *d,
			 char **err)
{
	char *txt;
	int e;

	if (!akt_draft_save(s, d, err))
		return false;
	e = move(s, AKT_BOX_DRAFTS, AKT_BOX_OUTBOX, d->id);
	if (e) {
		*err = xasprintf("cannot move the draft %s into %s: %s; %s — "
				 "it is kept as a draft", d->id, s->outbox,
				 strerror(e), hint(e, s->outbox));
		return false;
	}
	/* the sent text is in the record; an editor's copy is done with */
	txt = akt_draft_text_path(s, d->id);
	unlink(txt);
	free(txt);
	return true;
}

bool akt_draft_to_drafts(struct akt_drafts *s, struct akt_draft *d,
			 char **err)
{
	int e;

	if (!save_in(s, AKT_BOX_OUTBOX, d, err))
		return false;
	e = move(s, AKT_BOX_OUTBOX, AKT_BOX_DRAFTS, d->id);
	if (e) {
		*err = xasprintf("cannot move %s from the outbox back to %s: "
				 "%s; %s — it stays in the outbox", d->id,
				 s->drafts, strerror(e), hint(e, s->drafts));
		return false;
	}
	return true;
}

bool akt_draft_remove(struct akt_drafts *s, enum akt_draft_box box,
		      const char *id, char **err)
{
	char *path;
	int e = 0;

	if (!akt_draft_id_valid(id)) {
		*err = xasprintf("\"%.60s\" is not a draft id", id);
		return false;
	}
	path = rec_path(s, box, id);
	if (unlink(path) != 0 && errno != ENOENT)
		e = errno;
	if (e) {
		*err = xasprintf("cannot remove %s: %s; %s", path, strerror(e),
				 hint(e, box_dir(s, box)));
		free(path);
		return false;
	}
	free(path);
	if (box == AKT_BOX_DRAFTS) {
		path = akt_draft_text_path(s, id);
		unlink(path);
		free(path);
	}
	fsync_dir(box_dir(s, box));
	return true;
}

/* ---- open and close ------------------------------------------------------ */

/* Make path and its missing parents (0700). */
static void make_dirs(const char *path)
{
	char *p = xstrdup(path);

	for (char *q = p + 1; *q; q++)
		if (*q == '/') {
			*q = '\0';
			mkdir(p, 0700);
			*q = '/';
		}
	mkdir(p, 0700);
	free(p);
}

/* dir exists, is ours, and nobody else may write it (then its files
 * could be swapped under us): tightened to 0700 when merely readable. */
static bool private_dir(const char *dir, char **err)
{
	struct stat st;

	if (lstat(dir, &st) != 0) {
		*err = xasprintf("cannot make the drafts directory %s: %s; "
				 "check that you may write its parent", dir,
				 strerror(errno));
		return false;
	}
	/* a symbolic link of ours (data kept on another disk) is followed;
	 * what it leads to must pass the same checks. Another's could
	 * send our drafts anywhere. */
	if (S_ISLNK(st.st_mode)) {
		if (st.st_uid != getuid()) {
			*err = xasprintf("the drafts directory %s is a "
					 "symbolic link of another user; "
					 "replace it with a directory of "
					 "yours", dir);
			return false;
		}
		if (stat(dir, &st) != 0) {
			*err = xasprintf("the drafts directory %s is a "
					 "symbolic link to nowhere (%s); make "
					 "the directory it names, or remove "
					 "the link", dir, strerror(errno));
			return false;
		}
	}
	if (!S_ISDIR(st.st_mode)) {
		*err = xasprintf("%s is not a directory; move it away so akt "
				 "can keep drafts there", dir);
		return false;
	}
	if (st.st_uid != getuid()) {
		*err = xasprintf("the drafts directory %s belongs to another "
				 "user; akt keeps drafts only in a directory "
				 "of yours", dir);
		return false;
	}
	if (st.st_mode & 022) {
		*err = xasprintf("the drafts directory %s can be written by "
				 "others, who could change your drafts; run "
				 "'chmod 700 %s'", dir, dir);
		return false;
	}
	if (st.st_mode & 077)
		chmod(dir, 0700);
	return true;
}

struct akt_drafts *akt_drafts_open(const char *dir, char **err)
{
	struct akt_drafts *s;
	char *base;
	size_t n;

	base = dir ? xstrdup(dir) : akt_path_xdg("XDG_DATA_HOME",
						  ".local/share", "");
	if (!base) {
		*err = xstrdup("no place for drafts: set HOME or "
			       "XDG_DATA_HOME");
		return NULL;
	}
	n = strlen(base);
	while (n > 1 && base[n - 1] == '/')
		base[--n] = '\0';
	s = xcalloc(1, sizeof(*s));
	s->dir = base;
	s->drafts = xasprintf("%s/drafts", base);
	s->outbox = xasprintf("%s/outbox", base);
	s->corrupt = xasprintf("%s/corrupt", base);
	s->outbox_fd = -1;
	make_dirs(s->drafts);
	mkdir(s->outbox, 0700);
	mkdir(s->corrupt, 0700);
	if (!private_dir(s->dir, err) || !private_dir(s->drafts, err) ||
	    !private_dir(s->outbox, err) || !private_dir(s->corrupt, err)) {
		akt_drafts_close(&s);
		return NULL;
	}
	return s;
}

void akt_drafts_close(struct akt_drafts **sp)
{
	struct akt_drafts *s = *sp;

	if (!s)
		return;
	while (s->nlocks)
		draft_lock_release(s, s->locks[s->nlocks - 1].id);
	akt_outbox_unlock(s);
	free(s->locks);
	free(s->dir);
	free(s->drafts);
	free(s->outbox);
	free(s->corrupt);
	free(s);
	*sp = NULL;
}

/*
 * draft_lock.c — one akt at a time per draft (drafts/ID.lock) and per
 * outbox flush (outbox/.lock).
 *
 * A lock is flock(LOCK_EX) on a file we keep open, so it ends with the
 * process however that ends; the file holds "PID HOST" to name the
 * holder. Unlocking unlinks the file before closing it, so whoever
 * opened the old file and then got its lock checks that the file at the
 * path is still the one locked, and tries again when it is not.
 */
#include "akt/xalloc.h"
#include "draft_impl.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void hostname(char host[256])
{
	if (gethostname(host, 255) != 0)
		strcpy(host, "?");
	host[255] = '\0';
}

/* The holder's "PID HOST" read from fd: *owner gets the pid when the
 * host is ours (a pid of another host means nothing here), *holder a
 * description ("pid 123" or "pid 123 on HOST"). */
static void read_holder(int fd, pid_t *owner, char **holder)
{
	char buf[320], host[256], *end, *h;
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	long pid;

	*owner = 0;
	if (holder)
		*holder = NULL;
	if (n <= 0)
		return;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	pid = strtol(buf, &end, 10);
	if (end == buf || *end != ' ' || pid <= 0 || pid > INT32_MAX)
		return;
	h = end + 1;
	hostname(host);
	if (strcmp(h, host) == 0) {
		*owner = (pid_t)pid;
		if (holder)
			*holder = xasprintf("pid %ld", pid);
	} else if (holder) {
		/* the file is ours (0600 in our directory), yet keep what
		 * goes into a message printable */
		h[strspn(h, "0123456789abcdefghijklmnopqrstuvwxyz"
			 "ABCDEFGHIJKLMNOPQRSTUVWXYZ-._")] = '\0';
		*holder = xasprintf("pid %ld on %.64s", pid, h);
	}
}

/* Does the holder named in the file live? One of another host is taken
 * to (its pids mean nothing here); an unnamed one is not known to. */
static bool holder_alive(pid_t owner, const char *holder)
{
	if (!holder)
		return false;
	if (!owner)
		return true;
	return kill(owner, 0) == 0 || errno == EPERM;
}

static void nap_ms(void)
{
	nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
}

/* A lock that is held while the file names nobody alive lasts only a
 * moment: a holder that has not written its name yet over a dead
 * one's, or a look by akt_draft_locked (a shared lock). Wait this many
 * ms for it to go; after that, the holder is unknown. */
#define MOMENT_MS 50

int draft_lock_take(const char *path, pid_t *owner, char **holder)
{
	char host[256], line[300];
	struct stat fst, pst;
	int waited = 0;

	*owner = 0;
	*holder = NULL;
	for (int tries = 0; tries < 100; tries++) {
		int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
			      O_NONBLOCK, 0600);
		int len;

		if (fd < 0)
			return -1;
		if (fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode)) {
			close(fd);
			xfree(holder);
			errno = EINVAL;
			return -1;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			int e = errno;

			if (e == EWOULDBLOCK) {
				free(*holder);
				read_holder(fd, owner, holder);
			}
			close(fd);
			if (e == EWOULDBLOCK &&
			    !holder_alive(*owner, *holder)) {
				if (waited++ < MOMENT_MS) {
					tries--;
					nap_ms();
					continue;
				}
				/* never name a process that is gone */
				*owner = 0;
				xfree(holder);
			}
			errno = e;
			return -1;
		}
		/* unlinked or replaced between our open and our lock: the
		 * lock is on a file nobody else will look at */
		if (fstat(fd, &fst) != 0 || stat(path, &pst) != 0 ||
		    fst.st_ino != pst.st_ino || fst.st_dev != pst.st_dev) {
			close(fd);
			continue;
		}
		/* ours now: whoever held it in an earlier try is no news */
		xfree(holder);
		*owner = 0;
		hostname(host);
		len = snprintf(line, sizeof(line), "%ld %s\n", (long)getpid(),
			       host);
		if (ftruncate(fd, 0) != 0 ||
		    pwrite(fd, line, (size_t)len, 0) != len) {
			/* the lock holds without the name; say who we are
			 * only as well as we can */
		}
		return fd;
	}
	errno = EAGAIN;
	return -1;
}

bool draft_lock_held(const char *path, pid_t *owner, char **holder)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	bool held = false;
	char *who = NULL;

	*owner = 0;
	if (holder)
		*holder = NULL;
	if (fd < 0)
		return false;
	for (int waited = 0; flock(fd, LOCK_SH | LOCK_NB) != 0; waited++) {
		if (errno != EWOULDBLOCK)
			break;
		held = true;
		free(who);
		read_holder(fd, owner, &who);
		if (holder_alive(*owner, who))
			break;
		/* a new holder still writing its name over a dead one's */
		*owner = 0;
		xfree(&who);
		if (waited >= MOMENT_MS / 5)
			break;
		held = false;
		nap_ms();
	}
	close(fd);        /* drops a shared lock we may have taken */
	if (holder)
		*holder = who;
	else
		free(who);
	return held;
}

static char *lock_path(struct akt_drafts *s, const char *id)
{
	return xasprintf("%s/%s.lock", s->drafts, id);
}

static struct draft_lock *find(struct akt_drafts *s, const char *id)
{
	for (size_t i = 0; i < s->nlocks; i++)
		if (strcmp(s->locks[i].id, id) == 0)
			return &s->locks[i];
	return NULL;
}

bool akt_draft_lock(struct akt_drafts *s, const char *id, pid_t *owner,
		    char **err)
{
	struct draft_lock *l;
	char *path, *holder;
	int fd;

	*owner = 0;
	if (!akt_draft_id_valid(id)) {
		*err = xasprintf("\"%.60s\" is not a draft id", id);
		return false;
	}
	l = find(s, id);
	if (l) {
		l->refs++;       /* ours already: one more user */
		return true;
	}
	path = lock_path(s, id);
	fd = draft_lock_take(path, owner, &holder);
	if (fd < 0) {
		if (errno == EWOULDBLOCK)
			*err = xasprintf("the draft %s is open in another akt "
					 "(%s); finish it there first", id,
					 holder ? holder : "pid unknown");
		else
			*err = xasprintf("cannot lock the draft %s (%s): %s; "
					 "check that you may write %s", id,
					 path, strerror(errno), s->drafts);
		free(holder);
		free(path);
		return false;
	}
	free(path);
	s->locks = xreallocarray(s->locks, s->nlocks + 1, sizeof(*s->locks));
	snprintf(s->locks[s->nlocks].id, sizeof(s->locks[s->nlocks].id), "%s",
		 id);
	s->locks[s->nlocks].refs = 1;
	s->locks[s->nlocks++].fd = fd;
	return true;
}

void draft_lock_release(struct akt_drafts *s, const char *id)
{
	struct draft_lock *l = find(s, id);
	char *path;

	if (!l)
		return;
	path = lock_path(s, id);
	unlink(path);
	close(l->fd);
	free(path);
	*l = s->locks[--s->nlocks];
}

void akt_draft_unlock(struct akt_drafts *s, const char *id)
{
	struct draft_lock *l = find(s, id);

	if (l && --l->refs <= 0)
		draft_lock_release(s, id);
}

bool akt_draft_locked(struct akt_drafts *s, const char *id, pid_t *owner)
{
	char *path;
	bool held;

	*owner = 0;
	if (!akt_draft_id_valid(id) || find(s, id))
		return false;
	path = lock_path(s, id);
	held = draft_lock_held(path, owner, NULL);
	free(path);
	return held;
}

bool akt_outbox_lock(struct akt_drafts *s)
{
	char *path, *holder;
	pid_t owner;

	if (s->outbox_fd >= 0)
		return true;
	path = xasprintf("%s/.lock", s->outbox);
	s->outbox_fd = draft_lock_take(path, &owner, &holder);
	free(holder);
	free(path);
	return s->outbox_fd >= 0;
}

void akt_outbox_unlock(struct akt_drafts *s)
{
	char *path;

	if (s->outbox_fd < 0)
		return;
	path = xasprintf("%s/.lock", s->outbox);
	unlink(path);
	close(s->outbox_fd);
	s->outbox_fd = -1;
	free(path);
}

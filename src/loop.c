/*
 * loop.c — poll(2) over the registered descriptors, plus timers.
 *
 * libcurl is driven through this loop with its socket interface
 * (CURLMOPT_SOCKETFUNCTION/TIMERFUNCTION, see http.c) rather than with
 * curl_multi_poll(): that keeps the loop free of curl, so the terminal,
 * signals and any later descriptor are peers of the transfers, and the
 * loop can be tested alone with pipes and timers.
 *
 * Watches and timers live in arrays of pointers. A callback may free any
 * of them, so freeing during dispatch only marks the object dead; the
 * arrays are compacted when no dispatch is running.
 */
#include "akt/loop.h"
#include "akt/xalloc.h"

#include <poll.h>
#include <time.h>

struct akt_watch {
	struct akt_loop *loop;
	int fd;
	unsigned events;
	bool dead;
	akt_watch_cb *cb;
	void *arg;
};

struct akt_timer {
	struct akt_loop *loop;
	int64_t due;
	uint64_t armed;      /* arming sequence number; 0 = stopped */
	bool dead;
	akt_timer_cb *cb;
	void *arg;
};

struct akt_loop {
	struct akt_watch **watches;
	size_t nwatches, capwatches;
	struct akt_timer **timers;
	size_t ntimers, captimers;
	struct pollfd *pfd;
	struct akt_watch **pfd_watch;   /* the watch of each pollfd */
	size_t cappfd;
	uint64_t arm_seq;
	int dispatching;
	unsigned long passes;          /* run_once calls, for nesting */
	bool garbage;
};

int64_t akt_loop_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct akt_loop *akt_loop_new(void)
{
	return xcalloc(1, sizeof(struct akt_loop));
}

static void collect(struct akt_loop *loop)
{
	size_t i, n;

	if (loop->dispatching || !loop->garbage)
		return;
	for (i = n = 0; i < loop->nwatches; i++) {
		if (loop->watches[i]->dead)
			free(loop->watches[i]);
		else
			loop->watches[n++] = loop->watches[i];
	}
	loop->nwatches = n;
	for (i = n = 0; i < loop->ntimers; i++) {
		if (loop->timers[i]->dead)
			free(loop->timers[i]);
		else
			loop->timers[n++] = loop->timers[i];
	}
	loop->ntimers = n;
	loop->garbage = false;
}

void akt_loop_free(struct akt_loop **loopp)
{
	struct akt_loop *loop = *loopp;

	if (!loop)
		return;
	collect(loop);
	/* Anything still here is a leak in the caller; free it anyway so
	 * that the loop owns no memory after this. */
	for (size_t i = 0; i < loop->nwatches; i++)
		free(loop->watches[i]);
	for (size_t i = 0; i < loop->ntimers; i++)
		free(loop->timers[i]);
	free(loop->watches);
	free(loop->timers);
	free(loop->pfd);
	free(loop->pfd_watch);
	free(loop);
	*loopp = NULL;
}

struct akt_watch *akt_watch_new(struct akt_loop *loop, int fd,
				unsigned events, akt_watch_cb *cb, void *arg)
{
	struct akt_watch *w = xcalloc(1, sizeof(*w));

	w->loop = loop;
	w->fd = fd;
	w->events = events;
	w->cb = cb;
	w->arg = arg;
	if (loop->nwatches == loop->capwatches) {
		loop->capwatches = loop->capwatches ? loop->capwatches * 2 : 8;
		loop->watches = xreallocarray(loop->watches, loop->capwatches,
					      sizeof(*loop->watches));
	}
	loop->watches[loop->nwatches++] = w;
	return w;
}

void akt_watch_set(struct akt_watch *w, unsigned events)
{
	w->events = events & (AKT_EV_READ | AKT_EV_WRITE);
}

void akt_watch_free(struct akt_watch **wp)
{
	struct akt_watch *w = *wp;

	if (!w)
		return;
	w->dead = true;
	w->events = 0;
	w->loop->garbage = true;
	collect(w->loop);
	*wp = NULL;
}

struct akt_timer *akt_timer_new(struct akt_loop *loop, akt_timer_cb *cb,
				void *arg)
{
	struct akt_timer *t = xcalloc(1, sizeof(*t));

	t->loop = loop;
	t->cb = cb;
	t->arg = arg;
	if (loop->ntimers == loop->captimers) {
		loop->captimers = loop->captimers ? loop->captimers * 2 : 8;
		loop->timers = xreallocarray(loop->timers, loop->captimers,
					     sizeof(*loop->timers));
	}
	loop->timers[loop->ntimers++] = t;
	return t;
}

void akt_timer_start(struct akt_timer *t, long ms)
{
	t->due = akt_loop_now() + (ms > 0 ? ms : 0);
	t->armed = ++t->loop->arm_seq;
}

void akt_timer_stop(struct akt_timer *t)
{
	t->armed = 0;
}

bool akt_timer_active(const struct akt_timer *t)
{
	return t->armed != 0;
}

void akt_timer_free(struct akt_timer **tp)
{
	struct akt_timer *t = *tp;

	if (!t)
		return;
	t->dead = true;
	t->armed = 0;
	t->loop->garbage = true;
	collect(t->loop);
	*tp = NULL;
}

/* Milliseconds until the first timer is due, -1 when none is armed. */
static long next_timeout(const struct akt_loop *loop, int64_t now)
{
	long best = -1;

	for (size_t i = 0; i < loop->ntimers; i++) {
		const struct akt_timer *t = loop->timers[i];
		int64_t left;

		if (!t->armed)
			continue;
		left = t->due > now ? t->due - now : 0;
		if (left > LONG_MAX)
			left = LONG_MAX;
		if (best < 0 || left < best)
			best = (long)left;
	}
	return best;
}

static void fire_timers(struct akt_loop *loop)
{
	/* Only timers armed before this pass may fire in it, so a callback
	 * that re-arms itself with 0 ms cannot keep the pass going. */
	uint64_t limit = loop->arm_seq;
	int64_t now = akt_loop_now();

	for (;;) {
		struct akt_timer *first = NULL;

		for (size_t i = 0; i < loop->ntimers; i++) {
			struct akt_timer *t = loop->timers[i];

			if (t->armed && t->armed <= limit && t->due <= now &&
			    (!first || t->due < first->due))
				first = t;
		}
		if (!first)
			return;
		first->armed = 0;
		first->cb(first, first->arg);
	}
}

bool akt_loop_run_once(struct akt_loop *loop, long max_ms)
{
	/* A callback may run the loop itself (waiting for the officer's
	 * editor): the arrays of the pass under way must then survive the
	 * inner pass, which gets arrays of its own, and what the outer pass
	 * polled is stale after it (poll is level-triggered: whatever is
	 * still ready is seen by the next pass). */
	bool nested = loop->dispatching > 0;
	unsigned long pass = ++loop->passes;
	struct pollfd *pfd = loop->pfd;
	struct akt_watch **pfd_watch = loop->pfd_watch;
	size_t n = 0;
	long timeout;
	int rc;

	if (nested) {
		pfd = xcalloc(loop->nwatches + 1, sizeof(*pfd));
		pfd_watch = xcalloc(loop->nwatches + 1, sizeof(*pfd_watch));
	} else if (loop->nwatches > loop->cappfd) {
		loop->cappfd = loop->nwatches;
		loop->pfd = xreallocarray(loop->pfd, loop->cappfd,
					  sizeof(*loop->pfd));
		loop->pfd_watch = xreallocarray(loop->pfd_watch, loop->cappfd,
						sizeof(*loop->pfd_watch));
		pfd = loop->pfd;
		pfd_watch = loop->pfd_watch;
	}
	for (size_t i = 0; i < loop->nwatches; i++) {
		struct akt_watch *w = loop->watches[i];

		if (w->dead || !w->events)
			continue;
		pfd[n].fd = w->fd;
		pfd[n].events = (short)((w->events & AKT_EV_READ ? POLLIN : 0) |
				       (w->events & AKT_EV_WRITE ? POLLOUT : 0));
		pfd[n].revents = 0;
		pfd_watch[n++] = w;
	}
	timeout = next_timeout(loop, akt_loop_now());
	if (n == 0 && timeout < 0) {
		if (nested) {
			free(pfd);
			free(pfd_watch);
		}
		return false;
	}
	if (max_ms >= 0 && (timeout < 0 || max_ms < timeout))
		timeout = max_ms;
	if (timeout > INT_MAX)
		timeout = INT_MAX;

	rc = poll(pfd, n, (int)timeout);
	if (rc < 0 && errno != EINTR) {
		/* Only EFAULT/EINVAL/ENOMEM are possible: a bug or no memory. */
		perror("akt: poll");
		abort();
	}

	loop->dispatching++;
	for (size_t i = 0; rc > 0 && i < n && loop->passes == pass; i++) {
		struct akt_watch *w = pfd_watch[i];
		short re = pfd[i].revents;
		unsigned ev = 0;

		if (!re || w->dead)
			continue;
		if (re & (POLLIN | POLLPRI))
			ev |= AKT_EV_READ;
		if (re & POLLOUT)
			ev |= AKT_EV_WRITE;
		if (re & (POLLERR | POLLHUP | POLLNVAL))
			ev |= AKT_EV_ERROR;
		w->cb(w, w->fd, ev, w->arg);
	}
	fire_timers(loop);
	loop->dispatching--;
	collect(loop);
	if (nested) {
		free(pfd);
		free(pfd_watch);
	}
	return true;
}

bool akt_loop_run_until(struct akt_loop *loop, const bool *done)
{
	while (!*done) {
		if (!akt_loop_run_once(loop, -1))
			return false;
	}
	return true;
}

/*
 * loop.h — the one event loop. akt runs in one thread; the terminal, every
 * HTTP transfer and every timer are watched here, and nothing else waits.
 * Work that cannot finish now registers a callback and returns.
 *
 * Watches and timers may be added, changed and freed from inside any
 * callback, including their own.
 */
#ifndef AKT_LOOP_H
#define AKT_LOOP_H

#include "akt/base.h"

#define AKT_EV_READ  0x1u
#define AKT_EV_WRITE 0x2u
#define AKT_EV_ERROR 0x4u   /* hang-up or error; reported, never asked for */

struct akt_loop;
struct akt_watch;
struct akt_timer;

typedef void akt_watch_cb(struct akt_watch *w, int fd, unsigned events,
			  void *arg);
typedef void akt_timer_cb(struct akt_timer *t, void *arg);

struct akt_loop *akt_loop_new(void);
/* Frees the loop; every watch and timer must have been freed before. */
void akt_loop_free(struct akt_loop **loop);

/* Watch fd for events (AKT_EV_READ|AKT_EV_WRITE; 0 = pause). */
struct akt_watch *akt_watch_new(struct akt_loop *loop, int fd,
				unsigned events, akt_watch_cb *cb, void *arg);
void akt_watch_set(struct akt_watch *w, unsigned events);
void akt_watch_free(struct akt_watch **w);

/* A timer starts stopped; akt_timer_start (re)arms it to fire once. */
struct akt_timer *akt_timer_new(struct akt_loop *loop, akt_timer_cb *cb,
				void *arg);
void akt_timer_start(struct akt_timer *t, long ms);
void akt_timer_stop(struct akt_timer *t);
bool akt_timer_active(const struct akt_timer *t);
void akt_timer_free(struct akt_timer **t);

/* Monotonic milliseconds, the clock of the timers. */
int64_t akt_loop_now(void);

/*
 * Wait up to max_ms (-1 = until something happens) and run the callbacks
 * of what is ready. Returns false when there is nothing to wait for (no
 * active watch and no armed timer): waiting would then never end.
 */
bool akt_loop_run_once(struct akt_loop *loop, long max_ms);

/* Run until *done becomes true; false if it never can (see above). */
bool akt_loop_run_until(struct akt_loop *loop, const bool *done);

#endif

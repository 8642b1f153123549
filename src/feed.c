/*
 * feed.c — the change feed as a long poll: one request at a time, the
 * next one sent as soon as the last is answered, a growing pause after
 * failures. The cursor only moves when an answer was decoded whole, so a
 * failure can delay events but never lose them.
 */
#include "akt/feed.h"
#include "akt/retry.h"
#include "akt/sanitize.h"
#include "akt/urlenc.h"
#include "akt/xalloc.h"

/* Seconds added to the wait for the whole request: the platform answers
 * when the wait is over, the rest is the way there and back. */
#define MARGIN_S     15
#define BACKOFF_MAX_S 60
/* A poll younger than this survives a poke. */
#define FRESH_MS     1000

struct akt_feed {
	struct akt_session *s;
	akt_feed_event_cb *ev;
	akt_feed_state_cb *state;
	void *arg;
	char *cursor;            /* NULL until "now" is known */
	unsigned wait_s;
	bool started;
	bool polling;            /* a request under way, with arg f */
	bool delivering;         /* inside the event callbacks */
	bool failing;            /* the last poll failed: state told so */
	unsigned failures;       /* in a row, for the backoff */
	int64_t sent_ms;
	unsigned long requests;
	struct akt_timer *timer; /* the pause after a failure */
};

static void poll_now(struct akt_feed *f);

static void on_timer(struct akt_timer *t, void *arg)
{
	poll_now(arg);
}

struct akt_feed *akt_feed_new(struct akt_session *s, akt_feed_event_cb *ev,
			      akt_feed_state_cb *state, void *arg)
{
	struct akt_feed *f = xcalloc(1, sizeof(*f));

	f->s = s;
	f->ev = ev;
	f->state = state;
	f->arg = arg;
	f->wait_s = AKT_FEED_WAIT;
	f->timer = akt_timer_new(akt_session_loop(s), on_timer, f);
	return f;
}

void akt_feed_free(struct akt_feed **fp)
{
	struct akt_feed *f = *fp;

	if (!f)
		return;
	akt_session_cancel_arg(f->s, f);
	akt_timer_free(&f->timer);
	free(f->cursor);
	free(f);
	*fp = NULL;
}

/* About 1, 2, 4 … 60 s after the 1st, 2nd, 3rd … failure in a row,
 * jittered so clients that lost the platform together do not return
 * together. */
static const struct akt_retry_policy feed_backoff = {
	0, 1000, BACKOFF_MAX_S * 1000, 0
};

static void failed(struct akt_feed *f, const char *error)
{
	char *line = akt_sanitize_str(error && *error ? error :
				      "the change feed failed", AKT_SAN_ONELINE);

	f->failures++;
	f->failing = true;
	/* armed before the state callback, which may poke */
	akt_timer_start(f->timer, akt_backoff_ms(&feed_backoff,
						  (int)f->failures,
						  akt_retry_random()));
	if (f->state)
		f->state(line, f->arg);
	free(line);
}

static void on_answer(const struct akt_reply *r, void *arg)
{
	struct akt_feed *f = arg;
	struct akt_event_page page;
	char *err = NULL;

	f->polling = false;
	if (r->result != AKT_OK) {
		failed(f, r->error);
		return;
	}
	if (!akt_feed_decode(r->json, &page, &err)) {
		char *msg = xasprintf("the change feed's answer is not "
				      "understood: %s", err ? err : "?");

		failed(f, msg);
		free(msg);
		free(err);
		return;
	}
	f->failures = 0;
	if (f->failing) {
		f->failing = false;
		if (f->state)
			f->state(NULL, f->arg);
	}
	f->delivering = true;
	for (size_t i = 0; i < page.n; i++)
		f->ev(&page.items[i], f->arg);
	f->delivering = false;
	free(f->cursor);
	f->cursor = page.next;
	page.next = NULL;
	akt_event_page_clear(&page);
	poll_now(f);
}

static void poll_now(struct akt_feed *f)
{
	struct akt_call c = { .method = "GET", .no_cache = true };
	char *path, *cur;

	akt_timer_stop(f->timer);
	if (f->cursor) {
		cur = akt_url_escape(f->cursor);
		path = xasprintf("/v1/feed?cursor=%s&wait=%u", cur, f->wait_s);
		free(cur);
		c.long_poll = true;
		c.timeout_ms = ((long)f->wait_s + MARGIN_S) * 1000;
	} else {
		path = xstrdup("/v1/feed");    /* where "now" is */
	}
	c.path = path;
	f->polling = true;
	f->sent_ms = akt_loop_now();
	f->requests++;
	/* may answer before it returns (not logged in): on_answer then
	 * arms the timer, never polls again from here */
	akt_session_call(f->s, &c, on_answer, f);
	free(path);
}

void akt_feed_start(struct akt_feed *f)
{
	if (f->started)
		return;
	f->started = true;
	poll_now(f);
}

void akt_feed_poke(struct akt_feed *f)
{
	if (!f->started || f->delivering)
		return;
	f->failures = 0;
	if (f->polling) {
		if (akt_loop_now() - f->sent_ms < FRESH_MS)
			return;
		akt_session_cancel_arg(f->s, f);
		f->polling = false;
	}
	poll_now(f);
}

bool akt_feed_polling(const struct akt_feed *f)
{
	return f->polling;
}

unsigned long akt_feed_requests(const struct akt_feed *f)
{
	return f->requests;
}

void akt_feed_set_wait(struct akt_feed *f, unsigned seconds)
{
	f->wait_s = AKT_MIN(seconds, 60u);
}

/*
 * edit_buf.c — the built-in editor's text, cursor, undo and soft wrap.
 *
 * The text is one string: every edit goes through replace_at(), which
 * records an undo step (typing and runs of deletes extend the last step
 * instead), so undo and redo are the same replacement run backwards.
 * Layout is never stored: a row is laid out from its start when asked,
 * which costs the length of the rows asked for and cannot go stale.
 */
#include "akt/edit_buf.h"
#include "akt/sanitize.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

#define UNDO_MAX 200
#define ANCHORS 4

enum run { RUN_NONE, RUN_TYPE, RUN_BACK, RUN_FWD };

struct step {
	size_t pos;
	char *del, *ins;              /* what was there, what came */
	size_t dlen, ilen;
	size_t cur_before, cur_after;
};

struct steps {
	struct step *v;
	size_t n, cap;
};

struct akt_eb {
	char *s;
	size_t len, cap;
	size_t cur;
	int width;
	int goal;                     /* column of up/down runs; -1 none */
	uint64_t changes;
	struct steps undo, redo;
	enum run run;                 /* what the last undo step may take */
	/* A row start known to be right for the text as it is: layout
	 * near the cursor starts here instead of at its line's start, so
	 * a paragraph of 100 KB costs no more than a short one. A row's
	 * start depends on the text after it too (whether the next word
	 * still fits the row before), so each records how far the layout
	 * that found it read (dep): an edit before that, and a new width,
	 * make it unknown. A few are kept: the top of the screen's and the
	 * cursor's. */
	size_t anchor[ANCHORS], anchor_dep[ANCHORS];
	bool anchor_ok[ANCHORS];
	unsigned anchor_next;
};

/* ---- characters ------------------------------------------------------- */

/* Columns of one character as ui_put shows it after sanitizing (one
 * line): the layout and the screen agree. */
static int cell_width(uint32_t cp)
{
	if (cp == AKT_UTF8_BAD)
		return 1;
	switch (akt_cp_class(cp)) {
	case AKT_CP_PLAIN:
		return akt_cp_width(cp);
	case AKT_CP_TAB:
	case AKT_CP_NEWLINE:
	case AKT_CP_CONTROL:
	case AKT_CP_C1:
	case AKT_CP_INVALID:
		return 1;
	case AKT_CP_COMBINING:
	case AKT_CP_CR:
	case AKT_CP_BIDI:
	case AKT_CP_INVISIBLE:
	case AKT_CP_TAG:
		return 0;
	}
	return 1;
}

static size_t decode_at(const struct akt_eb *b, size_t p, uint32_t *cp)
{
	return akt_utf8_decode(b->s + p, b->len - p, cp);
}

/* The start of the character before p (p > 0). */
static size_t prev_char(const struct akt_eb *b, size_t p)
{
	size_t q = p - 1;
	uint32_t cp;

	while (q > 0 && p - q < AKT_UTF8_MAXLEN &&
	       ((unsigned char)b->s[q] & 0xc0) == 0x80)
		q--;
	/* a stray continuation byte is a character of its own */
	if (q + decode_at(b, q, &cp) != p)
		q = p - 1;
	return q;
}

static bool is_mark_at(const struct akt_eb *b, size_t p)
{
	uint32_t cp;

	if (p >= b->len)
		return false;
	decode_at(b, p, &cp);
	return cp != AKT_UTF8_BAD && akt_cp_is_combining(cp);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static size_t line_start(const struct akt_eb *b, size_t p)
{
	while (p > 0 && b->s[p - 1] != '\n')
		p--;
	return p;
}

static size_t line_end(const struct akt_eb *b, size_t p)
{
	const char *nl = memchr(b->s + p, '\n', b->len - p);

	return nl ? (size_t)(nl - b->s) : b->len;
}

/* ---- the buffer ----------------------------------------------------------- */

struct akt_eb *akt_eb_new(const char *text)
{
	struct akt_eb *b = xcalloc(1, sizeof(*b));

	if (!text)
		text = "";
	b->len = strlen(text);
	b->cap = b->len + 64;
	b->s = xmalloc(b->cap);
	memcpy(b->s, text, b->len + 1);
	b->cur = b->len;
	b->width = 80;
	b->goal = -1;
	return b;
}

static void steps_clear(struct steps *st)
{
	for (size_t i = 0; i < st->n; i++) {
		free(st->v[i].del);
		free(st->v[i].ins);
	}
	st->n = 0;
}

void akt_eb_free(struct akt_eb **bp)
{
	struct akt_eb *b = *bp;

	if (!b)
		return;
	steps_clear(&b->undo);
	steps_clear(&b->redo);
	free(b->undo.v);
	free(b->redo.v);
	free(b->s);
	xfree(bp);
}

const char *akt_eb_text(const struct akt_eb *b)
{
	return b->s;
}

size_t akt_eb_len(const struct akt_eb *b)
{
	return b->len;
}

size_t akt_eb_cursor(const struct akt_eb *b)
{
	return b->cur;
}

uint64_t akt_eb_changes(const struct akt_eb *b)
{
	return b->changes;
}

/* pos, or the start of the character pos is inside of: back over up
 * to three continuation bytes to a lead byte whose sequence covers pos
 * (a stray continuation byte is a character of its own). */
static size_t char_floor(const struct akt_eb *b, size_t pos)
{
	size_t q;
	uint32_t cp;

	if (pos > b->len)
		pos = b->len;
	if (pos == 0 || pos == b->len ||
	    ((unsigned char)b->s[pos] & 0xc0) != 0x80)
		return pos;
	q = pos;
	while (q > 0 && pos - q < AKT_UTF8_MAXLEN - 1 &&
	       ((unsigned char)b->s[q] & 0xc0) == 0x80)
		q--;
	if (q < pos && q + decode_at(b, q, &cp) > pos)
		return q;
	return pos;
}

void akt_eb_set_cursor(struct akt_eb *b, size_t pos)
{
	b->cur = char_floor(b, pos);
	b->goal = -1;
	b->run = RUN_NONE;
}

/* Moves end a run of typing: undo then takes back what was typed
 * since the cursor last moved. */
static void moved(struct akt_eb *b, size_t to)
{
	b->cur = to;
	b->goal = -1;
	b->run = RUN_NONE;
}

/* ---- edits ------------------------------------------------------------------ */

/* Replace [pos, pos+dlen) with ins (ilen bytes); no undo record. */
static void splice(struct akt_eb *b, size_t pos, size_t dlen,
		   const char *ins, size_t ilen)
{
	size_t need = b->len - dlen + ilen + 1;

	if (need > b->cap) {
		b->cap = AKT_MAX(need, b->cap + b->cap / 2);
		b->s = xrealloc(b->s, b->cap);
	}
	memmove(b->s + pos + ilen, b->s + pos + dlen, b->len - pos - dlen + 1);
	memcpy(b->s + pos, ins, ilen);
	b->len = b->len - dlen + ilen;
	b->changes++;
	for (int i = 0; i < ANCHORS; i++)
		if (b->anchor_dep[i] > pos)
			b->anchor_ok[i] = false;
}

static void push_step(struct steps *st, const struct step *s)
{
	if (st->n == UNDO_MAX) {
		free(st->v[0].del);
		free(st->v[0].ins);
		memmove(st->v, st->v + 1, (st->n - 1) * sizeof(*st->v));
		st->n--;
	}
	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 16;
		st->v = xreallocarray(st->v, st->cap, sizeof(*st->v));
	}
	st->v[st->n++] = *s;
}

static char *dup_bytes(const char *p, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, p, n);
	d[n] = 0;
	return d;
}

/* Try to add this edit to the last undo step (a run); false when it
 * starts a step of its own. */
static bool extend_run(struct akt_eb *b, enum run kind, size_t pos,
		       size_t dlen, const char *ins, size_t ilen)
{
	struct step *last;

	if (kind == RUN_NONE || b->run != kind || !b->undo.n)
		return false;
	last = &b->undo.v[b->undo.n - 1];
	if (kind == RUN_TYPE && last->dlen == 0 &&
	    last->pos + last->ilen == pos && dlen == 0) {
		last->ins = xrealloc(last->ins, last->ilen + ilen + 1);
		memcpy(last->ins + last->ilen, ins, ilen);
		last->ilen += ilen;
		last->ins[last->ilen] = 0;
	} else if (kind == RUN_BACK && last->ilen == 0 &&
		   pos + dlen == last->pos && ilen == 0) {
		char *d = xmalloc(last->dlen + dlen + 1);

		memcpy(d, b->s + pos, dlen);
		memcpy(d + dlen, last->del, last->dlen + 1);
		free(last->del);
		last->del = d;
		last->dlen += dlen;
		last->pos = pos;
	} else if (kind == RUN_FWD && last->ilen == 0 && pos == last->pos &&
		   ilen == 0) {
		last->del = xrealloc(last->del, last->dlen + dlen + 1);
		memcpy(last->del + last->dlen, b->s + pos, dlen);
		last->dlen += dlen;
		last->del[last->dlen] = 0;
	} else {
		return false;
	}
	return true;
}

/* The one way the text changes (undo and redo aside). */
static void replace_at(struct akt_eb *b, enum run kind, size_t pos,
		       size_t dlen, const char *ins, size_t ilen,
		       size_t cur_after)
{
	if (!extend_run(b, kind, pos, dlen, ins, ilen)) {
		struct step s = {
			.pos = pos, .dlen = dlen, .ilen = ilen,
			.del = dup_bytes(b->s + pos, dlen),
			.ins = dup_bytes(ins, ilen),
			.cur_before = b->cur,
		};

		push_step(&b->undo, &s);
	}
	b->undo.v[b->undo.n - 1].cur_after = cur_after;
	steps_clear(&b->redo);
	splice(b, pos, dlen, ins, ilen);
	b->cur = cur_after;
	b->goal = -1;
	b->run = kind;
}

void akt_eb_insert(struct akt_eb *b, const char *s, size_t n)
{
	bool breaks = memchr(s, '\n', n) != NULL;

	if (!n)
		return;
	replace_at(b, breaks ? RUN_NONE : RUN_TYPE, b->cur, 0, s, n,
		   b->cur + n);
}

void akt_eb_replace(struct akt_eb *b, const char *text)
{
	size_t n = strlen(text);
	/* at the end it stays at the end: the place to go on writing */
	size_t cur = b->cur == b->len ? n : AKT_MIN(b->cur, n);

	if (n == b->len && memcmp(text, b->s, n) == 0)
		return;
	replace_at(b, RUN_NONE, 0, b->len, text, n, 0);
	b->cur = char_floor(b, cur);
	b->undo.v[b->undo.n - 1].cur_after = b->cur;
}

bool akt_eb_delete_back(struct akt_eb *b)
{
	size_t p;

	if (b->cur == 0)
		return false;
	p = prev_char(b, b->cur);
	replace_at(b, RUN_BACK, p, b->cur - p, "", 0, p);
	return true;
}

bool akt_eb_delete_forward(struct akt_eb *b)
{
	uint32_t cp;
	size_t n;

	if (b->cur >= b->len)
		return false;
	n = decode_at(b, b->cur, &cp);
	replace_at(b, RUN_FWD, b->cur, n, "", 0, b->cur);
	return true;
}

static size_t word_left_of(const struct akt_eb *b, size_t p)
{
	while (p > 0 && is_space(b->s[p - 1]))
		p--;
	while (p > 0 && !is_space(b->s[p - 1]))
		p--;
	return p;
}

bool akt_eb_delete_word(struct akt_eb *b)
{
	size_t p = word_left_of(b, b->cur);

	if (p == b->cur)
		return false;
	replace_at(b, RUN_NONE, p, b->cur - p, "", 0, p);
	return true;
}

bool akt_eb_delete_to_eol(struct akt_eb *b)
{
	size_t e = line_end(b, b->cur);

	if (e == b->cur) {
		if (e >= b->len)
			return false;
		e++;              /* at the end: join the next line */
	}
	replace_at(b, RUN_NONE, b->cur, e - b->cur, "", 0, b->cur);
	return true;
}

bool akt_eb_delete_line(struct akt_eb *b)
{
	size_t ls = line_start(b, b->cur), le = line_end(b, b->cur);

	if (le < b->len) {
		replace_at(b, RUN_NONE, ls, le + 1 - ls, "", 0, ls);
	} else if (ls > 0) {
		/* the last line: its break is the one before it */
		replace_at(b, RUN_NONE, ls - 1, le - ls + 1, "", 0, ls - 1);
		b->cur = line_start(b, b->cur);
	} else if (le > 0) {
		replace_at(b, RUN_NONE, 0, le, "", 0, 0);
	} else {
		return false;
	}
	return true;
}

/* Take the last step of from, put it on to: undone (back) or done
 * again, with the cursor where it was before or after it. */
static bool replay(struct akt_eb *b, struct steps *from, struct steps *to,
		   bool back)
{
	struct step s;

	if (!from->n)
		return false;
	s = from->v[--from->n];
	if (back)
		splice(b, s.pos, s.ilen, s.del, s.dlen);
	else
		splice(b, s.pos, s.dlen, s.ins, s.ilen);
	push_step(to, &s);
	moved(b, char_floor(b, back ? s.cur_before : s.cur_after));
	return true;
}

bool akt_eb_undo(struct akt_eb *b)
{
	return replay(b, &b->undo, &b->redo, true);
}

bool akt_eb_redo(struct akt_eb *b)
{
	return replay(b, &b->redo, &b->undo, false);
}

/* ---- moves by text ------------------------------------------------------------- */

bool akt_eb_left(struct akt_eb *b)
{
	size_t p = b->cur;

	if (p == 0)
		return false;
	p = prev_char(b, p);
	while (p > 0 && is_mark_at(b, p))
		p = prev_char(b, p);
	moved(b, p);
	return true;
}

bool akt_eb_right(struct akt_eb *b)
{
	size_t p = b->cur;
	uint32_t cp;

	if (p >= b->len)
		return false;
	p += decode_at(b, p, &cp);
	while (is_mark_at(b, p))
		p += decode_at(b, p, &cp);
	moved(b, p);
	return true;
}

bool akt_eb_word_left(struct akt_eb *b)
{
	size_t p = word_left_of(b, b->cur);

	if (p == b->cur)
		return false;
	moved(b, p);
	return true;
}

bool akt_eb_word_right(struct akt_eb *b)
{
	size_t p = b->cur;

	/* ASCII white space never occurs inside a UTF-8 sequence, so
	 * bytes will do */
	while (p < b->len && !is_space(b->s[p]))
		p++;
	while (p < b->len && is_space(b->s[p]))
		p++;
	if (p == b->cur)
		return false;
	moved(b, p);
	return true;
}

void akt_eb_text_start(struct akt_eb *b)
{
	moved(b, 0);
}

void akt_eb_text_end(struct akt_eb *b)
{
	moved(b, b->len);
}

/* ---- layout ---------------------------------------------------------------------- */

void akt_eb_set_width(struct akt_eb *b, int width)
{
	width = width < 1 ? 1 : width;
	if (width != b->width)
		memset(b->anchor_ok, 0, sizeof(b->anchor_ok));
	b->width = width;
}

/* Does the line end right at p (a '\n' or the end of the text)? */
static bool at_line_end(const struct akt_eb *b, size_t p)
{
	return p >= b->len || b->s[p] == '\n';
}

/* akt_eb_row_at, also telling how far it read: the row is the same
 * whatever the text from *seen on is. */
static bool row_scan(const struct akt_eb *b, size_t start,
		     struct akt_eb_row *row, size_t *seen)
{
	size_t p = start, brk = 0;
	int cols = 0, brk_cols = 0, w;
	uint32_t cp;
	size_t n;

	if (start > b->len)
		return false;
	row->start = start;
	while (!at_line_end(b, p)) {
		n = decode_at(b, p, &cp);
		w = cell_width(cp);
		if (cols + w > b->width) {
			/* decided by the character at p (decoding reads up
			 * to a sequence on) */
			*seen = p + AKT_UTF8_MAXLEN;
			if (cp == ' ' || p == start) {
				/* a space hangs past the width; a character
				 * wider than the row gets a row of its own */
				p += n;
				cols += w;
				while (is_mark_at(b, p))
					p += decode_at(b, p, &cp);
				if (at_line_end(b, p))
					break;
				*seen = p + AKT_UTF8_MAXLEN;
			} else if (brk > start) {
				p = brk;
				cols = brk_cols;
			}
			row->end = row->next = p;
			row->cols = cols;
			row->soft = true;
			return true;
		}
		p += n;
		cols += w;
		if (cp == ' ' && !at_line_end(b, p) && b->s[p] != ' ') {
			brk = p;
			brk_cols = cols;
		}
	}
	row->end = p;
	row->next = p + 1;
	row->cols = cols;
	row->soft = false;
	*seen = p + 1;
	return true;
}

bool akt_eb_row_at(const struct akt_eb *b, size_t start,
		   struct akt_eb_row *row)
{
	size_t seen;

	return row_scan(b, start, row, &seen);
}

/* Where layout may start for a row at or before pos: the anchor when
 * it is on pos's line and not after it, else the line's start; *dep is
 * how far the text decided it. */
static size_t layout_from(const struct akt_eb *b, size_t pos, size_t *dep)
{
	size_t best = 0, best_dep = 0;
	bool found = false;

	for (int i = 0; i < ANCHORS; i++)
		if (b->anchor_ok[i] && b->anchor[i] <= pos &&
		    (!found || b->anchor[i] > best)) {
			best = b->anchor[i];
			best_dep = b->anchor_dep[i];
			found = true;
		}
	if (found && !memchr(b->s + best, '\n', pos - best)) {
		*dep = best_dep;
		return best;
	}
	*dep = line_start(b, pos);
	return *dep;
}

static void set_anchor(const struct akt_eb *b, size_t at, size_t dep)
{
	/* a cache, not state: the text is the same with or without it */
	struct akt_eb *w = (struct akt_eb *)b;

	for (int i = 0; i < ANCHORS; i++)
		if (w->anchor_ok[i] && w->anchor[i] == at) {
			w->anchor_dep[i] = AKT_MIN(w->anchor_dep[i], dep);
			return;
		}
	w->anchor[w->anchor_next] = at;
	w->anchor_dep[w->anchor_next] = dep;
	w->anchor_ok[w->anchor_next] = true;
	w->anchor_next = (w->anchor_next + 1) % ANCHORS;
}

static bool any_anchor_before(const struct akt_eb *b, size_t pos)
{
	for (int i = 0; i < ANCHORS; i++)
		if (b->anchor_ok[i] && b->anchor[i] < pos)
			return true;
	return false;
}

size_t akt_eb_row_start(const struct akt_eb *b, size_t pos)
{
	struct akt_eb_row r;
	size_t dep, seen;

	if (pos > b->len)
		pos = b->len;
	row_scan(b, layout_from(b, pos, &dep), &r, &seen);
	while (r.soft && r.next <= pos) {
		/* the next row's start is decided by this row's reading */
		dep = AKT_MAX(dep, seen);
		row_scan(b, r.next, &r, &seen);
	}
	set_anchor(b, r.start, dep);
	return r.start;
}

bool akt_eb_row_prev(const struct akt_eb *b, size_t start, size_t *prev)
{
	struct akt_eb_row r;
	size_t ls, dep;

	if (start == 0 || start > b->len)
		return false;
	ls = any_anchor_before(b, start) ? layout_from(b, start - 1, &dep) :
	     line_start(b, start);
	if (ls == start)
		ls = line_start(b, start - 1);
	akt_eb_row_at(b, ls, &r);
	while (r.next < start)
		akt_eb_row_at(b, r.next, &r);
	*prev = r.start;
	return true;
}

static int cols_between(const struct akt_eb *b, size_t from, size_t to)
{
	int cols = 0;
	uint32_t cp;

	while (from < to) {
		from += decode_at(b, from, &cp);
		cols += cell_width(cp);
	}
	return cols;
}

size_t akt_eb_cursor_row(const struct akt_eb *b, int *col)
{
	size_t rs = akt_eb_row_start(b, b->cur);

	if (col)
		*col = cols_between(b, rs, b->cur);
	return rs;
}

/* The position in the row at rs nearest to col without passing it. */
static size_t place(const struct akt_eb *b, size_t rs, int col)
{
	struct akt_eb_row r;
	size_t p = rs;
	int c = 0;
	uint32_t cp;

	akt_eb_row_at(b, rs, &r);
	while (p < r.end) {
		size_t n = decode_at(b, p, &cp);
		int w = cell_width(cp);

		if (c + w > col)
			break;
		p += n;
		c += w;
	}
	/* the end of a soft row is the next row's start: stop before its
	 * last character instead */
	if (r.soft && p >= r.end && r.end > rs) {
		p = prev_char(b, r.end);
		while (p > rs && is_mark_at(b, p))
			p = prev_char(b, p);
	}
	return p;
}

bool akt_eb_up(struct akt_eb *b, int n)
{
	int col, goal;
	size_t rs = akt_eb_cursor_row(b, &col);
	int moved_rows = 0;

	goal = b->goal >= 0 ? b->goal : col;
	while (moved_rows < n && akt_eb_row_prev(b, rs, &rs))
		moved_rows++;
	if (!moved_rows)
		return false;
	b->cur = place(b, rs, goal);
	b->goal = goal;
	b->run = RUN_NONE;
	return true;
}

bool akt_eb_down(struct akt_eb *b, int n)
{
	int col, goal;
	size_t rs = akt_eb_cursor_row(b, &col);
	int moved_rows = 0;
	struct akt_eb_row r;

	goal = b->goal >= 0 ? b->goal : col;
	while (moved_rows < n && akt_eb_row_at(b, rs, &r) && r.next <= b->len) {
		rs = r.next;
		moved_rows++;
	}
	if (!moved_rows)
		return false;
	b->cur = place(b, rs, goal);
	b->goal = goal;
	b->run = RUN_NONE;
	return true;
}

void akt_eb_home(struct akt_eb *b)
{
	moved(b, akt_eb_row_start(b, b->cur));
}

void akt_eb_end(struct akt_eb *b)
{
	struct akt_eb_row r;

	akt_eb_row_at(b, akt_eb_row_start(b, b->cur), &r);
	moved(b, r.soft && r.end > r.start ? place(b, r.start, INT32_MAX) :
	      r.end);
}

int akt_eb_scroll(const struct akt_eb *b, size_t *top, int rows)
{
	size_t t = akt_eb_row_start(b, AKT_MIN(*top, b->len));
	size_t cs = akt_eb_row_start(b, b->cur), p = t, *ring;
	struct akt_eb_row r;
	size_t n = 0;

	if (rows < 1)
		rows = 1;
	if (cs < t || rows == 1) {
		/* one row shows only the cursor's */
		*top = cs;
		return 0;
	}
	/* walk down from the top, remembering the last rows row starts:
	 * if the cursor is below the screen, its row becomes the last */
	ring = xmalloc((size_t)rows * sizeof(*ring));
	while (p < cs && akt_eb_row_at(b, p, &r)) {
		ring[n % (size_t)rows] = p;
		p = r.next;
		n++;
	}
	if (n < (size_t)rows) {
		*top = t;
	} else {
		*top = ring[(n - (size_t)rows + 1) % (size_t)rows];
		n = (size_t)rows - 1;
	}
	free(ring);
	return (int)n;
}

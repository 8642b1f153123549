/*
 * case_rows.c — compact rows of a case list. A summary as decoded is a
 * dozen allocations and some 500 bytes; a row here is 48 bytes plus the
 * text only it has (about 70 bytes), and everything rows have in common
 * (a status with its names, an e-service, a queue, a set of assignees,
 * the "BYGG-2026-" of a case number) is kept once in a table and named
 * by its index. Dates and masked personal identity numbers in the
 * platform's usual forms are kept as numbers.
 */
#include "akt/case_rows.h"
#include "akt/buf.h"
#include "akt/xalloc.h"

#include <time.h>

#define TABLE_MAX 65535u     /* 16-bit indexes */
#define TEAMS_MAX UINT32_MAX
#define PREFIX_MAX 32        /* longer "prefixes" are no shared part */

enum {
	R_LOADED    = 0x001,
	R_APPLICANT = 0x002,     /* the optional strings present, in text */
	R_PNR       = 0x004,
	R_ORG       = 0x008,
	R_DEADLINE  = 0x010,
	R_CTEXT     = 0x020,     /* created_at kept as text, not seconds */
	R_UTEXT     = 0x040,
	R_OWN       = 0x080,     /* text is an allocation of its own */
	R_PNR_DATE  = 0x100,     /* personal number "YYYYMMDD-****" in pnr */
	R_PRIO_SHIFT = 12,       /* priority in the top bits */
};

/* The strings of the text, in this order, those of the flags only when
 * set; each ends in NUL. */
static const unsigned text_flags[] = {
	R_APPLICANT, R_PNR, R_ORG, R_DEADLINE, R_CTEXT, R_UTEXT,
};

/* 48 bytes. The text holds the number and the diary number after their
 * prefixes, the title, then the optional strings. */
struct row {
	int64_t id;
	char *text;
	uint32_t created, updated;      /* seconds since 1970, UTC */
	uint32_t team;                  /* the set of assignees */
	uint32_t pnr;                   /* YYYYMMDD, with R_PNR_DATE */
	uint16_t status, service, queue;
	uint16_t number, diary;         /* prefixes */
	uint16_t deadline;              /* days since 1970 + 1; 0 = none */
	uint16_t unread;                /* 65535 means as many or more */
	uint16_t flags;
};

/* Values found by a key that spells them out (open addressing). */
struct table {
	char **keys;
	size_t n, cap;
	uint32_t *slots;                /* index + 1; 0 = free */
	size_t nslots;
	size_t bytes;
};

struct service {
	char *id;
	struct akt_names name;
};

struct team {
	struct akt_officer_ref *refs;
	size_t n;
};

/* A row unpacked for the caller. */
struct view {
	size_t index;
	unsigned gen;
	struct akt_case_summary s;
	char created[32], updated[32], deadline[16], pnr[16];
	char *number, *diary;           /* prefix and rest, put together */
	size_t number_cap, diary_cap;
};

/* The text of a page of rows, in one allocation. */
struct block {
	struct block *next;
	char text[];
};

struct akt_case_rows {
	struct row *rows;
	size_t n, cap;
	struct block *blocks;
	size_t text_bytes;
	struct table statuses, services, queues, teams, prefixes;
	struct akt_status *status_v;
	struct service *service_v;
	int64_t *queue_v;
	struct team *team_v;
	unsigned gen;                   /* bumped whenever rows change */
	struct view *views;
};

/* ---- tables --------------------------------------------------------- */

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void table_grow(struct table *t)
{
	size_t nslots = t->nslots ? t->nslots * 2 : 64;
	uint32_t *slots = xcalloc(nslots, sizeof(*slots));

	for (size_t i = 0; i < t->n; i++) {
		size_t j = hash(t->keys[i]) & (nslots - 1);

		while (slots[j])
			j = (j + 1) & (nslots - 1);
		slots[j] = (uint32_t)i + 1;
	}
	free(t->slots);
	t->slots = slots;
	t->bytes += (nslots - t->nslots) * sizeof(*slots);
	t->nslots = nslots;
}

/* The index of key, added (taking key) when new and fewer than max;
 * -1 when the table is full. *added says which. */
static int64_t table_index(struct table *t, char *key, size_t max,
			   bool *added)
{
	size_t j;

	*added = false;
	if (t->nslots) {
		for (j = hash(key) & (t->nslots - 1); t->slots[j];
		     j = (j + 1) & (t->nslots - 1))
			if (strcmp(t->keys[t->slots[j] - 1], key) == 0) {
				free(key);
				return t->slots[j] - 1;
			}
	}
	if (t->n >= max) {
		free(key);
		return -1;
	}
	if ((t->n + 1) * 2 > t->nslots)
		table_grow(t);
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->keys = xreallocarray(t->keys, t->cap, sizeof(*t->keys));
	}
	t->keys[t->n] = key;
	t->bytes += strlen(key) + 1 + sizeof(*t->keys);
	for (j = hash(key) & (t->nslots - 1); t->slots[j];
	     j = (j + 1) & (t->nslots - 1))
		;
	t->slots[j] = (uint32_t)t->n + 1;
	*added = true;
	return (int64_t)t->n++;
}

static void table_free(struct table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t->slots);
}

/* Keys spell out every field, with lengths, so different values never
 * share one. */
static void key_str(struct akt_buf *b, const char *s)
{
	if (s)
		akt_buf_printf(b, "+%zu:%s", strlen(s), s);
	else
		akt_buf_add(b, "-", 1);
}

static void key_int(struct akt_buf *b, int64_t v)
{
	akt_buf_printf(b, "#%lld;", (long long)v);
}

/* Make room for value i of a table whose keys array is cap long. */
#define VALUES_FIT(v, t) \
	((v) = xreallocarray((v), (t)->cap, sizeof(*(v))))

static int64_t status_index(struct akt_case_rows *r, const struct akt_status *st)
{
	struct akt_buf b;
	int64_t i;
	bool added;

	akt_buf_init(&b, SIZE_MAX);
	key_str(&b, st->id);
	key_str(&b, st->name.sv);
	key_str(&b, st->name.en);
	key_int(&b, st->category);
	key_int(&b, st->standard);
	key_str(&b, st->e_service);
	i = table_index(&r->statuses, akt_buf_steal(&b), TABLE_MAX, &added);
	if (added) {
		struct akt_status *v;

		VALUES_FIT(r->status_v, &r->statuses);
		v = &r->status_v[i];
		memset(v, 0, sizeof(*v));
		v->id = xstrdup_opt(st->id);
		v->name.sv = xstrdup_opt(st->name.sv);
		v->name.en = xstrdup_opt(st->name.en);
		v->category = st->category;
		v->standard = st->standard;
		v->e_service = xstrdup_opt(st->e_service);
	}
	return i;
}

static int64_t service_index(struct akt_case_rows *r,
			     const struct akt_case_summary *c)
{
	struct akt_buf b;
	int64_t i;
	bool added;

	akt_buf_init(&b, SIZE_MAX);
	key_str(&b, c->e_service_id);
	key_str(&b, c->e_service.sv);
	key_str(&b, c->e_service.en);
	i = table_index(&r->services, akt_buf_steal(&b), TABLE_MAX, &added);
	if (added) {
		VALUES_FIT(r->service_v, &r->services);
		r->service_v[i].id = xstrdup_opt(c->e_service_id);
		r->service_v[i].name.sv = xstrdup_opt(c->e_service.sv);
		r->service_v[i].name.en = xstrdup_opt(c->e_service.en);
	}
	return i;
}

static int64_t queue_index(struct akt_case_rows *r, int64_t queue_id)
{
	int64_t i;
	bool added;

	i = table_index(&r->queues, xasprintf("%lld", (long long)queue_id),
			TABLE_MAX, &added);
	if (added) {
		VALUES_FIT(r->queue_v, &r->queues);
		r->queue_v[i] = queue_id;
	}
	return i;
}

static int64_t team_index(struct akt_case_rows *r,
			  const struct akt_case_summary *c)
{
	struct akt_buf b;
	int64_t i;
	bool added;

	akt_buf_init(&b, SIZE_MAX);
	for (size_t k = 0; k < c->nassignees; k++) {
		key_int(&b, c->assignees[k].id);
		key_str(&b, c->assignees[k].username);
		key_str(&b, c->assignees[k].name);
	}
	i = table_index(&r->teams, akt_buf_steal(&b), TEAMS_MAX, &added);
	if (added) {
		struct team *t;

		VALUES_FIT(r->team_v, &r->teams);
		t = &r->team_v[i];
		t->n = c->nassignees;
		t->refs = t->n ? xcalloc(t->n, sizeof(*t->refs)) : NULL;
		for (size_t k = 0; k < t->n; k++) {
			t->refs[k].id = c->assignees[k].id;
			t->refs[k].username = xstrdup_opt(c->assignees[k].username);
			t->refs[k].name = xstrdup_opt(c->assignees[k].name);
		}
	}
	return i;
}

/* "BYGG-2026-000123" → "BYGG-2026-" shared, "000123" the row's own. The
 * empty prefix is index 0; a string without digits at the end, a full
 * table, or a "prefix" too long to be shared leaves it whole to the
 * row. */
static uint16_t prefix_index(struct akt_case_rows *r, const char *s,
			     const char **rest)
{
	size_t len = strlen(s), cut = len;
	int64_t i;
	bool added;

	if (r->prefixes.n == 0)
		table_index(&r->prefixes, xstrdup(""), TABLE_MAX, &added);
	while (cut > 0 && s[cut - 1] >= '0' && s[cut - 1] <= '9')
		cut--;
	*rest = s;
	if (cut == 0 || cut == len || cut > PREFIX_MAX)
		return 0;
	i = table_index(&r->prefixes, xstrndup(s, cut), TABLE_MAX, &added);
	if (i < 0)
		return 0;
	*rest = s + cut;
	return (uint16_t)i;
}

/* ---- dates ---------------------------------------------------------- */

static void time_format(int64_t t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) ||
	    !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, 32, "?");
}

/* Seconds, when s is the form the platform writes ("2026-11-23T14:02:00Z")
 * and reads back the same, from 1970 to 2106; anything else is kept as
 * text. */
static bool time_pack(const char *s, uint32_t *out)
{
	struct tm tm;
	const char *end;
	char back[32];
	time_t t;

	if (strlen(s) != 20)
		return false;
	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!end || *end)
		return false;
	t = timegm(&tm);
	time_format(t, back);
	if (strcmp(back, s) != 0 || t < 0 || (uint64_t)t > UINT32_MAX)
		return false;
	*out = (uint32_t)t;
	return true;
}

#define DAY 86400

static void date_format(uint16_t days, char out[16])
{
	time_t t = (time_t)(days - 1) * DAY;
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(out, 16, "%Y-%m-%d", &tm))
		snprintf(out, 16, "?");
}

/* Days since 1970, plus one, when s is "YYYY-MM-DD" and reads back the
 * same (until 2149); else 0 and s is kept as text. */
static uint16_t date_pack(const char *s)
{
	struct tm tm;
	const char *end;
	char back[16];
	time_t t;

	if (strlen(s) != 10)
		return 0;
	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%d", &tm);
	if (!end || *end)
		return 0;
	t = timegm(&tm);
	if (t < 0 || t / DAY + 1 >= UINT16_MAX)
		return 0;
	date_format((uint16_t)(t / DAY + 1), back);
	return strcmp(back, s) == 0 ? (uint16_t)(t / DAY + 1) : 0;
}

/* A masked personal identity number, "19850312-****", as 19850312. */
static bool pnr_pack(const char *s, uint32_t *out)
{
	uint32_t v = 0;

	if (strlen(s) != 13 || strcmp(s + 8, "-****") != 0 || s[0] == '0')
		return false;
	for (int k = 0; k < 8; k++) {
		if (s[k] < '0' || s[k] > '9')
			return false;
		v = v * 10 + (uint32_t)(s[k] - '0');
	}
	*out = v;
	return true;
}

/* ---- rows ----------------------------------------------------------- */

struct akt_case_rows *akt_case_rows_new(void)
{
	struct akt_case_rows *r = xcalloc(1, sizeof(*r));

	r->views = xcalloc(AKT_CASE_ROWS_VIEWS, sizeof(*r->views));
	for (size_t i = 0; i < AKT_CASE_ROWS_VIEWS; i++)
		r->views[i].index = SIZE_MAX;
	return r;
}

/* How many strings the text of a row with these flags holds. */
static int text_strings(unsigned flags)
{
	int n = 3;      /* number, diary number, title */

	for (size_t k = 0; k < AKT_LEN(text_flags); k++)
		n += (flags & text_flags[k]) != 0;
	return n;
}

static size_t text_len(const struct row *w)
{
	const char *p = w->text;

	for (int k = text_strings(w->flags); k > 0; k--)
		p += strlen(p) + 1;
	return (size_t)(p - w->text);
}

static void row_clear(struct akt_case_rows *r, struct row *w)
{
	if (w->flags & R_OWN) {
		r->text_bytes -= text_len(w);
		free(w->text);
	}
	memset(w, 0, sizeof(*w));
}

void akt_case_rows_free(struct akt_case_rows **rp)
{
	struct akt_case_rows *r = *rp;

	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		if (r->rows[i].flags & R_OWN)
			free(r->rows[i].text);
	free(r->rows);
	while (r->blocks) {
		struct block *b = r->blocks;

		r->blocks = b->next;
		free(b);
	}
	for (size_t i = 0; i < r->statuses.n; i++)
		akt_status_clear(&r->status_v[i]);
	for (size_t i = 0; i < r->services.n; i++) {
		free(r->service_v[i].id);
		akt_names_clear(&r->service_v[i].name);
	}
	for (size_t i = 0; i < r->teams.n; i++) {
		for (size_t k = 0; k < r->team_v[i].n; k++)
			akt_officer_ref_clear(&r->team_v[i].refs[k]);
		free(r->team_v[i].refs);
	}
	free(r->status_v);
	free(r->service_v);
	free(r->queue_v);
	free(r->team_v);
	table_free(&r->statuses);
	table_free(&r->services);
	table_free(&r->queues);
	table_free(&r->teams);
	table_free(&r->prefixes);
	for (size_t i = 0; i < AKT_CASE_ROWS_VIEWS; i++) {
		free(r->views[i].number);
		free(r->views[i].diary);
	}
	free(r->views);
	free(r);
	*rp = NULL;
}

size_t akt_case_rows_count(const struct akt_case_rows *r)
{
	return r->n;
}

static void reserve(struct akt_case_rows *r, size_t n)
{
	size_t cap;

	if (n <= r->cap)
		return;
	if (!r->rows) {
		/* fresh zeroed pages: rows never loaded cost no memory */
		r->rows = xcalloc(n, sizeof(*r->rows));
		r->cap = n;
		return;
	}
	cap = AKT_MAX(n, r->cap + r->cap / 4 + 64);
	r->rows = xreallocarray(r->rows, cap, sizeof(*r->rows));
	memset(r->rows + r->cap, 0, (cap - r->cap) * sizeof(*r->rows));
	r->cap = cap;
}

void akt_case_rows_resize(struct akt_case_rows *r, size_t n)
{
	for (size_t i = n; i < r->n; i++)
		row_clear(r, &r->rows[i]);
	reserve(r, n);
	r->n = n;
	r->gen++;
}

void akt_case_rows_insert(struct akt_case_rows *r, size_t i)
{
	if (i > r->n)
		i = r->n;
	reserve(r, r->n + 1);
	memmove(r->rows + i + 1, r->rows + i, (r->n - i) * sizeof(*r->rows));
	memset(&r->rows[i], 0, sizeof(*r->rows));
	r->n++;
	r->gen++;
}

void akt_case_rows_remove(struct akt_case_rows *r, size_t i, size_t n)
{
	if (i >= r->n)
		return;
	n = AKT_MIN(n, r->n - i);
	for (size_t k = i; k < i + n; k++)
		row_clear(r, &r->rows[k]);
	memmove(r->rows + i, r->rows + i + n,
		(r->n - i - n) * sizeof(*r->rows));
	memset(r->rows + r->n - n, 0, n * sizeof(*r->rows));
	r->n -= n;
	r->gen++;
}

bool akt_case_rows_loaded(const struct akt_case_rows *r, size_t i)
{
	return i < r->n && (r->rows[i].flags & R_LOADED);
}

int64_t akt_case_rows_id(const struct akt_case_rows *r, size_t i)
{
	return akt_case_rows_loaded(r, i) ? r->rows[i].id : 0;
}

/* A case's row without its text: flags, times and table indexes. */
struct packed {
	struct row row;
	const char *str[9];
	int nstr;
	size_t len;
};

static bool pack(struct akt_case_rows *r, const struct akt_case_summary *c,
		 struct packed *p, char **err)
{
	const struct akt_applicant *a = &c->applicant;
	int64_t st = status_index(r, &c->status);
	int64_t sv = service_index(r, c);
	int64_t q = queue_index(r, c->queue_id);
	int64_t team = team_index(r, c);
	const char *rest;

	if (st < 0 || sv < 0 || q < 0 || team < 0) {
		*err = xstrdup("the list holds more distinct statuses, "
			       "e-services, queues or assignees than akt can "
			       "keep; narrow it with a filter");
		return false;
	}
	memset(p, 0, sizeof(*p));
	p->row.id = c->id;
	p->row.status = (uint16_t)st;
	p->row.service = (uint16_t)sv;
	p->row.queue = (uint16_t)q;
	p->row.team = (uint32_t)team;
	p->row.unread = c->unread_messages <= 0 ? 0 :
			c->unread_messages >= UINT16_MAX ? UINT16_MAX :
			(uint16_t)c->unread_messages;
	p->row.flags = R_LOADED |
		       (uint16_t)((unsigned)c->priority << R_PRIO_SHIFT);
	p->row.number = prefix_index(r, c->number ? c->number : "", &rest);
	p->str[p->nstr++] = rest;
	p->row.diary = prefix_index(r, c->diary_number ? c->diary_number : "",
				    &rest);
	p->str[p->nstr++] = rest;
	p->str[p->nstr++] = c->title ? c->title : "";
#define OPT(field, flag) \
	do { \
		if (field) { \
			p->row.flags |= (flag); \
			p->str[p->nstr++] = (field); \
		} \
	} while (0)
	OPT(a->name, R_APPLICANT);
	if (a->personal_number && pnr_pack(a->personal_number, &p->row.pnr))
		p->row.flags |= R_PNR_DATE;
	else
		OPT(a->personal_number, R_PNR);
	OPT(a->organisation_number, R_ORG);
	if (c->deadline && !(p->row.deadline = date_pack(c->deadline)))
		OPT(c->deadline, R_DEADLINE);
	if (!time_pack(c->created_at ? c->created_at : "", &p->row.created))
		OPT(c->created_at ? c->created_at : "", R_CTEXT);
	if (!time_pack(c->updated_at ? c->updated_at : "", &p->row.updated))
		OPT(c->updated_at ? c->updated_at : "", R_UTEXT);
#undef OPT
	for (int k = 0; k < p->nstr; k++)
		p->len += strlen(p->str[k]) + 1;
	return true;
}

static char *write_text(const struct packed *p, char *to)
{
	for (int k = 0; k < p->nstr; k++) {
		size_t len = strlen(p->str[k]) + 1;

		memcpy(to, p->str[k], len);
		to += len;
	}
	return to;
}

bool akt_case_rows_put(struct akt_case_rows *r, const size_t *at,
		       const struct akt_case_summary *cases, size_t n,
		       char **err)
{
	struct packed *p = xcalloc(n ? n : 1, sizeof(*p));
	struct block *b = NULL;
	size_t len = 0;
	char *to;

	for (size_t k = 0; k < n; k++) {
		if (at[k] >= r->n || !pack(r, &cases[k], &p[k], err)) {
			if (at[k] >= r->n)
				*err = xstrdup("a row outside the list");
			free(p);
			return false;
		}
		len += p[k].len;
	}
	r->gen++;
	if (n == 1 && (r->rows[at[0]].flags & R_LOADED) &&
	    text_len(&r->rows[at[0]]) >= len) {
		/* a live update: the strings rarely grow, so in place */
		struct row *w = &r->rows[at[0]];

		p[0].row.text = w->text;
		p[0].row.flags |= w->flags & R_OWN;
		write_text(&p[0], w->text);
		*w = p[0].row;
		free(p);
		return true;
	}
	if (n == 1 && (r->rows[at[0]].flags & R_LOADED)) {
		struct row *w = &r->rows[at[0]];

		row_clear(r, w);
		p[0].row.text = xmalloc(len);
		p[0].row.flags |= R_OWN;
		r->text_bytes += len;
		write_text(&p[0], p[0].row.text);
		*w = p[0].row;
		free(p);
		return true;
	}
	b = xmalloc(sizeof(*b) + (len ? len : 1));
	b->next = r->blocks;
	r->blocks = b;
	r->text_bytes += len;
	to = b->text;
	for (size_t k = 0; k < n; k++) {
		row_clear(r, &r->rows[at[k]]);
		p[k].row.text = to;
		to = write_text(&p[k], to);
		r->rows[at[k]] = p[k].row;
	}
	free(p);
	return true;
}

/* A prefix and the rest of a string, together in a buffer of the view
 * that grows as needed. */
static char *joined(const struct akt_case_rows *r, uint16_t prefix,
		    const char *rest, char **buf, size_t *cap)
{
	const char *pre = r->prefixes.n ? r->prefixes.keys[prefix] : "";
	size_t len = strlen(pre) + strlen(rest) + 1;

	if (len > *cap) {
		*cap = AKT_MAX(len, 32);
		*buf = xrealloc(*buf, *cap);
	}
	snprintf(*buf, *cap, "%s%s", pre, rest);
	return *buf;
}

const struct akt_case_summary *akt_case_rows_get(
	const struct akt_case_rows *r, size_t i)
{
	const struct row *w;
	struct view *v;
	struct akt_case_summary *s;
	const char *t;

	if (!akt_case_rows_loaded(r, i))
		return NULL;
	w = &r->rows[i];
	v = &r->views[i % AKT_CASE_ROWS_VIEWS];
	if (v->index == i && v->gen == r->gen)
		return &v->s;
	v->index = i;
	v->gen = r->gen;
	s = &v->s;
	memset(s, 0, sizeof(*s));
	/* the strings are the rows' own, lent as the summary's */
	t = w->text;
	s->number = joined(r, w->number, t, &v->number, &v->number_cap);
	t += strlen(t) + 1;
	s->diary_number = joined(r, w->diary, t, &v->diary, &v->diary_cap);
	t += strlen(t) + 1;
	s->title = (char *)t;
	t += strlen(t) + 1;
#define TAKE(field, flag) \
	do { \
		if (w->flags & (flag)) { \
			(field) = (char *)t; \
			t += strlen(t) + 1; \
		} \
	} while (0)
	TAKE(s->applicant.name, R_APPLICANT);
	TAKE(s->applicant.personal_number, R_PNR);
	TAKE(s->applicant.organisation_number, R_ORG);
	TAKE(s->deadline, R_DEADLINE);
	TAKE(s->created_at, R_CTEXT);
	TAKE(s->updated_at, R_UTEXT);
#undef TAKE
	if (w->flags & R_PNR_DATE) {
		snprintf(v->pnr, sizeof(v->pnr), "%08u-****",
			 (unsigned)w->pnr);
		s->applicant.personal_number = v->pnr;
	}
	if (w->deadline) {
		date_format(w->deadline, v->deadline);
		s->deadline = v->deadline;
	}
	if (!(w->flags & R_CTEXT)) {
		time_format(w->created, v->created);
		s->created_at = v->created;
	}
	if (!(w->flags & R_UTEXT)) {
		time_format(w->updated, v->updated);
		s->updated_at = v->updated;
	}
	s->id = w->id;
	s->e_service_id = r->service_v[w->service].id;
	s->e_service = r->service_v[w->service].name;
	s->queue_id = r->queue_v[w->queue];
	s->status = r->status_v[w->status];
	s->assignees = r->team_v[w->team].refs;
	s->nassignees = r->team_v[w->team].n;
	s->priority = (enum akt_priority)(w->flags >> R_PRIO_SHIFT & 3);
	s->unread_messages = w->unread;
	return s;
}

size_t akt_case_rows_bytes(const struct akt_case_rows *r)
{
	return sizeof(*r) + r->cap * sizeof(*r->rows) + r->text_bytes +
	       AKT_CASE_ROWS_VIEWS * sizeof(*r->views) +
	       r->statuses.bytes + r->services.bytes + r->queues.bytes +
	       r->teams.bytes + r->prefixes.bytes;
}

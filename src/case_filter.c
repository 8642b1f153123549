/*
 * case_filter.c — filters and sort orders of case lists, as typed and as
 * the platform takes them.
 */
#include "akt/case_filter.h"
#include "akt/buf.h"
#include "akt/case_format.h"
#include "akt/urlenc.h"
#include "akt/xalloc.h"

/* ---- small lists of strings ------------------------------------------ */

static void strs_add(char ***v, size_t *n, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

static bool strs_has(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (s && strcmp(v[i], s) == 0)
			return true;
	return false;
}

static bool strs_equal(char *const *a, size_t na, char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!strs_has(b, nb, a[i]))
			return false;
	return true;
}

void akt_case_filter_clear(struct akt_case_filter *f)
{
	akt_str_array_free(&f->status, &f->nstatus);
	akt_str_array_free(&f->category, &f->ncategory);
	akt_str_array_free(&f->e_service, &f->ne_service);
	xfree(&f->assignee);
}

void akt_case_filter_copy(struct akt_case_filter *dst,
			  const struct akt_case_filter *src)
{
	/* a copy is src with nothing laid over it */
	akt_case_filter_merge(dst, src, &(struct akt_case_filter){ 0 });
}

bool akt_case_filter_empty(const struct akt_case_filter *f)
{
	return !f->nstatus && !f->ncategory && !f->ne_service && !f->assignee;
}

bool akt_case_filter_equal(const struct akt_case_filter *a,
			   const struct akt_case_filter *b)
{
	return strs_equal(a->status, a->nstatus, b->status, b->nstatus) &&
	       strs_equal(a->category, a->ncategory, b->category,
			  b->ncategory) &&
	       strs_equal(a->e_service, a->ne_service, b->e_service,
			  b->ne_service) &&
	       ((!a->assignee && !b->assignee) ||
		(a->assignee && b->assignee &&
		 strcmp(a->assignee, b->assignee) == 0));
}

void akt_case_filter_merge(struct akt_case_filter *dst,
			   const struct akt_case_filter *base,
			   const struct akt_case_filter *over)
{
	const struct akt_case_filter *st = over->nstatus ? over : base;
	const struct akt_case_filter *ca = over->ncategory ? over : base;
	const struct akt_case_filter *es = over->ne_service ? over : base;

	memset(dst, 0, sizeof(*dst));
	for (size_t i = 0; i < st->nstatus; i++)
		strs_add(&dst->status, &dst->nstatus, st->status[i]);
	for (size_t i = 0; i < ca->ncategory; i++)
		strs_add(&dst->category, &dst->ncategory, ca->category[i]);
	for (size_t i = 0; i < es->ne_service; i++)
		strs_add(&dst->e_service, &dst->ne_service, es->e_service[i]);
	dst->assignee = xstrdup_opt(over->assignee ? over->assignee :
				    base->assignee);
}

/* ---- categories ------------------------------------------------------- */

static const struct {
	enum akt_category c;
	const char *sv, *en;
} categories[] = {
	{ AKT_CAT_SUBMITTED, "Inskickat", "Submitted" },
	{ AKT_CAT_REGISTERED, "Registrerat", "Registered" },
	{ AKT_CAT_IN_PROGRESS, "Under handläggning", "In progress" },
	{ AKT_CAT_CLOSED, "Avslutat", "Closed" },
};

bool akt_category_lookup(const char *word, enum akt_category *out)
{
	for (size_t i = 0; i < AKT_LEN(categories); i++)
		if (akt_name_eq(word, akt_category_id(categories[i].c)) ||
		    akt_name_eq(word, categories[i].sv) ||
		    akt_name_eq(word, categories[i].en)) {
			*out = categories[i].c;
			return true;
		}
	return false;
}


/* ---- parsing ------------------------------------------------------------ */

enum key { K_STATUS, K_CATEGORY, K_ESERVICE, K_ASSIGNEE, K_NONE };

static enum key key_of(const char *k, size_t len)
{
	static const struct { const char *name; enum key k; } names[] = {
		{ "status", K_STATUS }, { "category", K_CATEGORY },
		{ "e_service", K_ESERVICE }, { "e-service", K_ESERVICE },
		{ "eservice", K_ESERVICE }, { "service", K_ESERVICE },
		{ "assignee", K_ASSIGNEE },
	};

	for (size_t i = 0; i < AKT_LEN(names); i++)
		if (strlen(names[i].name) == len &&
		    strncasecmp(names[i].name, k, len) == 0)
			return names[i].k;
	return K_NONE;
}

static bool is_sep(char c)
{
	return c == ' ' || c == '\t' || c == '&' || c == '\n';
}

/*
 * The next word of *p, with quotes ('…' or "…") removed; NULL at the
 * end. *had_eq says whether the word has a '=' outside quotes.
 */
static char *next_word(const char **p, bool *had_eq)
{
	struct akt_buf b;
	const char *s = *p;
	char quote = 0;

	while (*s && is_sep(*s))
		s++;
	if (!*s) {
		*p = s;
		return NULL;
	}
	akt_buf_init(&b, SIZE_MAX);
	*had_eq = false;
	for (; *s && (quote || !is_sep(*s)); s++) {
		if (quote && *s == quote) {
			quote = 0;
		} else if (!quote && (*s == '"' || *s == '\'')) {
			quote = *s;
		} else {
			if (!quote && *s == '=' && !*had_eq)
				*had_eq = true;
			akt_buf_addc(&b, *s);
		}
	}
	*p = s;
	return akt_buf_steal(&b);
}

/* Trim spaces at both ends in place. */
static char *trim(char *s)
{
	size_t len;

	while (*s == ' ')
		s++;
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		s[--len] = '\0';
	return s;
}

/* Add one comma-separated element of key k; false with *err. */
static bool add_value(struct akt_case_filter *f, enum key k, char *word,
		      const struct akt_status_list *statuses,
		      const struct akt_eservice_list *eservices, char **err)
{
	const char *id = word;
	const struct akt_status *st;
	const struct akt_eservice *es;
	enum akt_category c;

	switch (k) {
	case K_STATUS:
		/* Without the list (not loaded yet) the word goes as typed. */
		if (statuses && statuses->n) {
			if (!(st = akt_status_find(statuses, word))) {
				*err = xasprintf("there is no status '%s'; name "
						 "one by its id or name (Tab "
						 "completes)", word);
				return false;
			}
			id = st->id;
		}
		strs_add(&f->status, &f->nstatus, id);
		return true;
	case K_CATEGORY:
		if (!akt_category_lookup(word, &c)) {
			*err = xasprintf("there is no category '%s'; use "
					 "submitted, registered, in_progress "
					 "or closed", word);
			return false;
		}
		strs_add(&f->category, &f->ncategory, akt_category_id(c));
		return true;
	case K_ESERVICE:
		if (eservices && eservices->n) {
			if (!(es = akt_eservice_find(eservices, word))) {
				*err = xasprintf("there is no e-service '%s'; "
						 "name one by its id or name "
						 "(Tab completes)", word);
				return false;
			}
			id = es->id;
		}
		strs_add(&f->e_service, &f->ne_service, id);
		return true;
	case K_ASSIGNEE:
		if (strchr(word, ',') || strchr(word, ' ')) {
			*err = xasprintf("assignee takes one officer: me, none "
					 "or a username, not '%s'", word);
			return false;
		}
		free(f->assignee);
		f->assignee = xstrdup(word);
		return true;
	case K_NONE:
		break;
	}
	return false;
}

static const char *key_name(enum key k)
{
	static const char *const names[] = { "status", "category",
					     "e_service", "assignee" };

	return k < K_NONE ? names[k] : "?";
}

/* One "key=value[,value]" pair into f. */
static bool add_pair(struct akt_case_filter *f, enum key k, char *value,
		     const struct akt_status_list *statuses,
		     const struct akt_eservice_list *eservices, char **err)
{
	bool any = false;

	if (k == K_ASSIGNEE) {
		char *v = trim(value);

		if (!*v) {
			*err = xstrdup("assignee= needs me, none or a "
				       "username");
			return false;
		}
		return add_value(f, k, v, statuses, eservices, err);
	}
	for (char *p = value; *p;) {
		size_t len = strcspn(p, ",");
		char save = p[len], *w;

		p[len] = '\0';
		w = trim(p);
		if (*w) {
			if (!add_value(f, k, w, statuses, eservices, err))
				return false;
			any = true;
		}
		p += len + (save ? 1 : 0);
		if (!save)
			break;
	}
	if (!any) {
		*err = xasprintf("%s= needs a value (Tab completes)",
				 key_name(k));
		return false;
	}
	return true;
}

bool akt_case_filter_parse(const char *text,
			   const struct akt_status_list *statuses,
			   const struct akt_eservice_list *eservices,
			   struct akt_case_filter *out, char **err)
{
	const char *p = text ? text : "";
	struct akt_buf value;
	enum key cur = K_NONE;
	bool ok = true, had_eq, first = true;
	char *w;

	memset(out, 0, sizeof(*out));
	akt_buf_init(&value, SIZE_MAX);
	while (ok && (w = next_word(&p, &had_eq))) {
		if (had_eq) {
			size_t klen = strcspn(w, "=");
			enum key k = key_of(w, klen);

			if (k == K_NONE) {
				*err = xasprintf("there is no filter '%.*s'; use "
						 "status=, assignee=, "
						 "e_service= or category=",
						 (int)klen, w);
				ok = false;
			} else {
				if (cur != K_NONE)
					ok = add_pair(out, cur,
						      value.data ? value.data :
						      (char[]){ "" }, statuses,
						      eservices, err);
				akt_buf_reset(&value);
				akt_buf_addstr(&value, w + klen + 1);
				cur = k;
			}
		} else if (first && strcasecmp(w, "clear") == 0 &&
			   !*(p + strspn(p, " \t&\n"))) {
			/* "clear" alone: the empty filter */
		} else if (cur != K_NONE) {
			/* a name with spaces, written out */
			akt_buf_addc(&value, ' ');
			akt_buf_addstr(&value, w);
		} else {
			*err = xasprintf("'%s' is not a filter; write KEY=VALUE "
					 "with status, assignee, e_service or "
					 "category, or clear", w);
			ok = false;
		}
		first = false;
		free(w);
	}
	if (ok && cur != K_NONE)
		ok = add_pair(out, cur, value.data ? value.data :
			      (char[]){ "" }, statuses, eservices, err);
	akt_buf_free(&value);
	if (!ok)
		akt_case_filter_clear(out);
	return ok;
}

/* ---- writing ------------------------------------------------------------ */

static void put_list(struct akt_buf *b, const char *key, char *const *v,
		     size_t n, const char *sep, bool escape)
{
	if (!n)
		return;
	akt_buf_printf(b, "%s%s=", b->len ? sep : "", key);
	for (size_t i = 0; i < n; i++) {
		char *e = escape ? akt_url_escape(v[i]) : NULL;

		akt_buf_printf(b, "%s%s", i ? "," : "", e ? e : v[i]);
		free(e);
	}
}

static char *write_filter(const struct akt_case_filter *f, const char *sep,
			  bool escape)
{
	struct akt_buf b;

	akt_buf_init(&b, SIZE_MAX);
	put_list(&b, "status", f->status, f->nstatus, sep, escape);
	put_list(&b, "category", f->category, f->ncategory, sep, escape);
	put_list(&b, "e_service", f->e_service, f->ne_service, sep, escape);
	if (f->assignee)
		put_list(&b, "assignee", &f->assignee, 1, sep, escape);
	return akt_buf_steal(&b);
}

char *akt_case_filter_text(const struct akt_case_filter *f)
{
	return write_filter(f, " ", false);
}

char *akt_case_filter_query(const struct akt_case_filter *f)
{
	return akt_case_filter_empty(f) ? NULL : write_filter(f, "&", true);
}

bool akt_case_filter_match(const struct akt_case_filter *f,
			   const struct akt_case_summary *c, const char *me)
{
	if (f->nstatus && !strs_has(f->status, f->nstatus, c->status.id))
		return false;
	if (f->ncategory && !strs_has(f->category, f->ncategory,
				      akt_category_id(c->status.category)))
		return false;
	if (f->ne_service &&
	    !strs_has(f->e_service, f->ne_service, c->e_service_id))
		return false;
	if (f->assignee) {
		const char *who = f->assignee;

		if (strcmp(who, "none") == 0)
			return c->nassignees == 0;
		if (strcmp(who, "me") == 0)
			who = me;
		if (!who)
			return false;
		for (size_t i = 0; i < c->nassignees; i++)
			if (c->assignees[i].username &&
			    strcmp(c->assignees[i].username, who) == 0)
				return true;
		return false;
	}
	return true;
}

/* ---- order --------------------------------------------------------------- */

static const char *const sort_ids[AKT_SORT_COUNT] = {
	[AKT_SORT_UPDATED] = "updated", [AKT_SORT_CREATED] = "created",
	[AKT_SORT_NUMBER] = "number", [AKT_SORT_DEADLINE] = "deadline",
	[AKT_SORT_PRIORITY] = "priority", [AKT_SORT_STATUS] = "status",
};

const char *akt_case_sort_id(enum akt_case_sort k)
{
	return k < AKT_SORT_COUNT ? sort_ids[k] : "updated";
}

bool akt_case_sort_natural_desc(enum akt_case_sort k)
{
	return k == AKT_SORT_UPDATED || k == AKT_SORT_CREATED ||
	       k == AKT_SORT_PRIORITY;
}

bool akt_case_order_parse(const char *text, struct akt_case_order *out)
{
	bool desc = false;
	size_t len;
	int found = -1;

	if (!text)
		return false;
	while (*text == ' ')
		text++;
	if (*text == '-' || *text == '+') {
		desc = *text == '-';
		text++;
	}
	len = strlen(text);
	while (len > 0 && text[len - 1] == ' ')
		len--;
	if (len == 0)
		return false;
	for (int k = 0; k < AKT_SORT_COUNT; k++) {
		if (strlen(sort_ids[k]) == len &&
		    strncasecmp(sort_ids[k], text, len) == 0) {
			found = k;
			break;
		}
		if (strncasecmp(sort_ids[k], text, len) == 0) {
			if (found >= 0)
				return false;   /* an ambiguous prefix */
			found = k;
		}
	}
	if (found < 0)
		return false;
	out->key = (enum akt_case_sort)found;
	out->desc = desc;
	return true;
}

const char *akt_case_order_str(struct akt_case_order o, char buf[16])
{
	snprintf(buf, 16, "%s%s", o.desc ? "-" : "", akt_case_sort_id(o.key));
	return buf;
}

struct akt_case_order akt_case_order_next(struct akt_case_order o)
{
	struct akt_case_order n;

	n.key = (enum akt_case_sort)((o.key + 1) % AKT_SORT_COUNT);
	n.desc = akt_case_sort_natural_desc(n.key);
	return n;
}

static size_t status_rank(const struct akt_status_list *l, const char *id)
{
	for (size_t i = 0; l && id && i < l->n; i++)
		if (strcmp(l->items[i].id, id) == 0)
			return i;
	return SIZE_MAX;
}

static int str_cmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

int akt_case_cmp(const struct akt_case_summary *a,
		 const struct akt_case_summary *b, struct akt_case_order o,
		 const struct akt_status_list *statuses)
{
	int r = 0;

	switch (o.key) {
	case AKT_SORT_UPDATED:
		r = str_cmp(a->updated_at, b->updated_at);
		break;
	case AKT_SORT_CREATED:
		r = str_cmp(a->created_at, b->created_at);
		break;
	case AKT_SORT_NUMBER:
		r = str_cmp(a->number, b->number);
		break;
	case AKT_SORT_DEADLINE:
		/* the platform sorts "no deadline" as the last date there is */
		r = strcmp(a->deadline ? a->deadline : "9999-12-31",
			   b->deadline ? b->deadline : "9999-12-31");
		break;
	case AKT_SORT_PRIORITY:
		r = (a->priority > b->priority) - (a->priority < b->priority);
		break;
	case AKT_SORT_STATUS: {
		size_t ra = status_rank(statuses, a->status.id);
		size_t rb = status_rank(statuses, b->status.id);

		r = (ra > rb) - (ra < rb);
		break;
	}
	case AKT_SORT_COUNT:
		break;
	}
	if (r == 0)
		r = (a->id > b->id) - (a->id < b->id);
	else
		r = r < 0 ? -1 : 1;
	return o.desc ? -r : r;
}

/*
 * case_columns.c — the case list's columns for a width, and its dates.
 */
#include "akt/case_columns.h"
#include "akt/when.h"

/* The narrowest each column is drawn, and the width it reads well at. */
static const struct {
	int min, full;
} spec[AKT_CC_COUNT] = {
	[AKT_CC_NUMBER] = { AKT_CC_NUMBER_WIDTH, AKT_CC_NUMBER_WIDTH },
	[AKT_CC_STATUS] = { 11, 18 },      /* "Registrerat", "Under handläggning" */
	[AKT_CC_ESERVICE] = { 8, 18 },
	[AKT_CC_APPLICANT] = { 12, 28 },
	[AKT_CC_TITLE] = { 20, 20 },
	[AKT_CC_ASSIGNEE] = { 6, 14 },
	[AKT_CC_UPDATED] = { 5, AKT_CC_DATE_WIDTH },  /* "14:02", "2026-11-23" */
	[AKT_CC_DUE] = { 6, AKT_CC_DATE_WIDTH + 1 },  /* "!2026-12-15" */
	[AKT_CC_UNREAD] = { 3, 3 },        /* "●12" */
};

/* What gives way first on a narrow terminal. */
static const enum akt_case_col drop_order[] = {
	AKT_CC_ESERVICE, AKT_CC_ASSIGNEE, AKT_CC_UPDATED, AKT_CC_DUE,
	AKT_CC_UNREAD, AKT_CC_STATUS,
};

/* How far columns grow on a wide terminal, in turn: first enough of the
 * applicant to know who it is, the status and the dates whole; then,
 * once the title is shown, the rest. */
struct grow {
	enum akt_case_col c;
	int to;
};

static const struct grow grow_first[] = {
	{ AKT_CC_APPLICANT, 22 }, { AKT_CC_STATUS, 18 },
	{ AKT_CC_UPDATED, AKT_CC_DATE_WIDTH },
	{ AKT_CC_DUE, AKT_CC_DATE_WIDTH + 1 }, { AKT_CC_APPLICANT, 28 },
};

static const struct grow grow_then[] = {
	{ AKT_CC_ESERVICE, 18 }, { AKT_CC_ASSIGNEE, 14 },
	{ AKT_CC_TITLE, 40 }, { AKT_CC_APPLICANT, 40 }, { AKT_CC_STATUS, 24 },
};

static int grow(int *w, const struct grow *g, size_t n, int extra)
{
	for (size_t i = 0; i < n && extra > 0; i++) {
		int *cw = &w[g[i].c], add;

		if (*cw == 0 || *cw >= g[i].to)
			continue;
		add = AKT_MIN(extra, g[i].to - *cw);
		*cw += add;
		extra -= add;
	}
	return extra;
}

static int used(const int *w)
{
	int n = 0, total = AKT_CC_GUTTER;

	for (int c = 0; c < AKT_CC_COUNT; c++)
		if (w[c] > 0) {
			total += w[c];
			n++;
		}
	return total + (n > 0 ? n - 1 : 0);
}

void akt_case_cols_layout(struct akt_case_cols *c, int cols, int number,
			  bool eservice)
{
	int *w = c->w, extra, x = AKT_CC_GUTTER;

	memset(c, 0, sizeof(*c));
	c->cols = cols;
	for (int i = 0; i < AKT_CC_COUNT; i++)
		w[i] = i == AKT_CC_TITLE ? 0 : spec[i].min;
	if (number > 0)
		w[AKT_CC_NUMBER] = number;
	if (!eservice)
		w[AKT_CC_ESERVICE] = 0;
	for (size_t i = 0; i < AKT_LEN(drop_order) && used(w) > cols; i++)
		w[drop_order[i]] = 0;
	extra = cols - used(w);
	if (extra < 0) {
		/* Tiny: the number and the applicant share what there is. */
		int room = AKT_MAX(cols - AKT_CC_GUTTER, 2);

		w[AKT_CC_NUMBER] = AKT_MAX(room * 2 / 3, 1);
		w[AKT_CC_APPLICANT] = AKT_MAX(room - w[AKT_CC_NUMBER] - 1, 0);
		extra = 0;
	}
	extra = grow(w, grow_first, AKT_LEN(grow_first), extra);
	/* The title once it can be read; until then what is left stays
	 * blank, so no column ever shrinks as the terminal grows. */
	if (extra > spec[AKT_CC_TITLE].min && w[AKT_CC_APPLICANT] > 0) {
		w[AKT_CC_TITLE] = spec[AKT_CC_TITLE].min;
		extra -= spec[AKT_CC_TITLE].min + 1;
		extra = grow(w, grow_then, AKT_LEN(grow_then), extra);
		w[AKT_CC_TITLE] += extra;
	}
	for (int i = 0; i < AKT_CC_COUNT; i++) {
		if (!w[i])
			continue;
		c->x[i] = x;
		x += w[i] + 1;
	}
}

/* Copy text that is not a date (it is sanitized where it is drawn), cut
 * to fit out but never inside a character. */
static const char *as_is(const char *s, char out[32])
{
	size_t len = strlen(s);

	if (len > 31) {
		len = 31;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(out, s, len);
	out[len] = '\0';
	return out;
}

const char *akt_cc_updated(const char *ts, time_t now, int width,
			   char out[32])
{
	struct tm t, n;
	time_t when;

	if (!ts)
		return strcpy(out, "");
	if (!akt_when_parse(ts, &when) || !localtime_r(&when, &t) ||
	    !localtime_r(&now, &n))
		return as_is(ts, out);
	if (t.tm_year == n.tm_year && t.tm_yday == n.tm_yday)
		strftime(out, 32, "%H:%M", &t);
	else if (width >= AKT_CC_DATE_WIDTH)
		strftime(out, 32, "%Y-%m-%d", &t);
	else if (t.tm_year == n.tm_year)
		strftime(out, 32, "%m-%d", &t);
	else
		strftime(out, 32, "%Y", &t);
	return out;
}

const char *akt_cc_due(const char *deadline, const char *created_at,
		       time_t now, int width, bool *overdue, char out[32])
{
	char today[16];
	struct tm n;
	time_t created;

	*overdue = false;
	if (!localtime_r(&now, &n))
		return strcpy(out, "");
	strftime(today, sizeof(today), "%Y-%m-%d", &n);
	if (deadline) {
		bool date = strlen(deadline) == 10 && deadline[4] == '-' &&
			    deadline[7] == '-';
		const char *mark;

		if (!date)
			return as_is(deadline, out);
		*overdue = strcmp(deadline, today) < 0;
		mark = *overdue ? "!" : "";
		if (width >= AKT_CC_DATE_WIDTH + 1)
			snprintf(out, 32, "%s%s", mark, deadline);
		else if (strncmp(deadline, today, 4) == 0)
			snprintf(out, 32, "%s%s", mark, deadline + 5);
		else
			snprintf(out, 32, "%s%.4s", mark, deadline);
		return out;
	}
	if (created_at && akt_when_parse(created_at, &created)) {
		long long days = now > created ?
				 (long long)(now - created) / 86400 : 0;

		snprintf(out, 32, "%lldd", days);
		return out;
	}
	return strcpy(out, "");
}

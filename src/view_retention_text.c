/*
 * view_retention_text.c — the parts of the retention screen that need no
 * terminal: the names of its tabs, the question asked before a policy
 * changes, and how its columns share the width.
 */
#include "akt/case_format.h"
#include "akt/xalloc.h"
#include "view_retention.h"

#include <limits.h>
#include <strings.h>

static const char *const ids[RET_NTABS] = {
	[RET_POLICIES] = "policies", [RET_UPCOMING] = "upcoming",
	[RET_LOG] = "log",
};

static const char *const names[RET_NTABS] = {
	[RET_POLICIES] = N_("Policies"),
	[RET_UPCOMING] = N_("Upcoming purges"),
	[RET_LOG] = N_("Purge log"),
};

const char *ret_tab_name(enum ret_tab t)
{
	return _(names[t]);
}

const char *ret_tab_id(enum ret_tab t)
{
	return ids[t];
}

int ret_tab_parse(const char *name)
{
	size_t len = strlen(name);
	int found = -1;

	if (len == 1 && name[0] >= '1' && name[0] < '1' + RET_NTABS)
		return name[0] - '1';
	for (int t = 0; t < RET_NTABS; t++)
		if (akt_name_eq(name, ids[t]) || akt_name_eq(name, names[t]) ||
		    akt_name_eq(name, _(names[t])))
			return t;
	if (len == 0)
		return -1;
	/* a prefix of an id ("up"), when it names one tab only */
	for (int t = 0; t < RET_NTABS; t++) {
		if (strncasecmp(name, ids[t], len) != 0)
			continue;
		if (found >= 0)
			return -1;
		found = t;
	}
	return found;
}

char *ret_edit_question(const char *service, int64_t from, int64_t to,
			time_t now)
{
	char date[32];
	struct tm tm;
	time_t before;

	if (to > from)
		return xasprintf(_("Change %s from %lld to %lld days (purge "
				   "dates move %lld days later)?"), service,
				 (long long)from, (long long)to,
				 (long long)(to - from));
	/* what is overdue under the new days goes at the next run */
	before = now - (time_t)to * 86400;
	if (!localtime_r(&before, &tm) ||
	    !strftime(date, sizeof(date), "%Y-%m-%d", &tm))
		return xasprintf(_("Change %s from %lld to %lld days?"),
				 service, (long long)from, (long long)to);
	return xasprintf(_("Change %s from %lld to %lld days (cases closed "
			   "before %s are purged at the next run)?"),
			 service, (long long)from, (long long)to, date);
}

/* How much more column spec may take (INT_MAX: no limit). */
static int room(const struct ret_col *spec, int width)
{
	return spec->max > 0 ? AKT_MAX(spec->max - width, 0) : INT_MAX;
}

void ret_columns(int cols, const struct ret_col *spec, size_t n, int *width)
{
	int left = cols, weights = 0, extra;

	for (size_t i = 0; i < n; i++) {
		int need = spec[i].min + (i ? 1 : 0);

		if (need <= left) {
			width[i] = spec[i].min;
			left -= need;
		} else {
			/* squeeze this one into what is left, drop the rest */
			width[i] = left > (i ? 1 : 0) ? left - (i ? 1 : 0) : 0;
			left = 0;
		}
		if (spec[i].weight > 0 && width[i] > 0)
			weights += spec[i].weight;
	}
	if (weights == 0 || left <= 0)
		return;
	/* shares by weight, each up to its max … */
	extra = left;
	for (size_t i = 0; i < n; i++) {
		int add;

		if (spec[i].weight <= 0 || width[i] == 0)
			continue;
		add = AKT_MIN(extra * spec[i].weight / weights,
			      room(&spec[i], width[i]));
		width[i] += add;
		left -= add;
	}
	/* … and what rounding left to the last ones that still have room;
	 * beyond every max the rest of the row stays empty */
	for (size_t i = n; i-- > 0 && left > 0;) {
		int add;

		if (spec[i].weight <= 0 || width[i] == 0)
			continue;
		add = AKT_MIN(left, room(&spec[i], width[i]));
		width[i] += add;
		left -= add;
	}
}

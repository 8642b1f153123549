/*
 * case_columns.h — the columns of the full-screen case list for a
 * terminal width, and the short forms of dates its cells use.
 *
 * At 80 columns every column that matters fits, some of them tight
 * (text that does not fit ends in "…"); wider terminals first give the
 * status, the dates and the applicant their full width, then show the
 * case's title, then share what is left between applicant and title.
 * Pure: no curses, so tests can hold the layout to its widths.
 */
#ifndef AKT_CASE_COLUMNS_H
#define AKT_CASE_COLUMNS_H

#include "akt/base.h"

#include <time.h>

/* In the order they appear on screen. */
enum akt_case_col {
	AKT_CC_NUMBER,
	AKT_CC_STATUS,
	AKT_CC_ESERVICE,
	AKT_CC_APPLICANT,
	AKT_CC_TITLE,
	AKT_CC_ASSIGNEE,
	AKT_CC_UPDATED,
	AKT_CC_DUE,            /* the deadline, or the age without one */
	AKT_CC_UNREAD,
	AKT_CC_COUNT
};

/* Columns before the first one: the selection, tag and match marks. */
#define AKT_CC_GUTTER 3

/* Narrower than this, dates are short ("11-23", "14:02"). */
#define AKT_CC_DATE_WIDTH 10

struct akt_case_cols {
	int cols;                       /* the width laid out */
	int x[AKT_CC_COUNT];            /* first column of each */
	int w[AKT_CC_COUNT];            /* width; 0 = not shown */
};

/* Case numbers are this wide unless told otherwise ("BYGG-2026-000123"). */
#define AKT_CC_NUMBER_WIDTH 16

/*
 * Lay out the columns for a body cols wide. number: the width of the
 * widest case number the list may show (0: AKT_CC_NUMBER_WIDTH), never
 * cut while the terminal has room for it; eservice: whether the list
 * needs the e-service column (a queue of one service does not).
 */
void akt_case_cols_layout(struct akt_case_cols *c, int cols, int number,
			  bool eservice);

/*
 * A timestamp for a column width wide, in local time: "14:02" when it
 * is today (by 'now'), else "2026-11-23" when there is room, else
 * "11-23" in this year and "2025" before. Unparsable text is copied.
 * Returns out.
 */
const char *akt_cc_updated(const char *ts, time_t now, int width,
			   char out[32]);

/*
 * The deadline or age cell: a deadline "2026-12-15" (or "12-15" when
 * narrow), prefixed by "!" once passed (then *overdue); without a
 * deadline the age since created_at in days, "34d". Returns out.
 */
const char *akt_cc_due(const char *deadline, const char *created_at,
		       time_t now, int width, bool *overdue, char out[32]);

#endif

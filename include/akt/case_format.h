/*
 * case_format.h — how the reading commands (cases, show, events,
 * document) write the parts of a case: dates, the applicant, the
 * assignees, sizes, and names the officer types compared with the
 * platform's. The results are plain text from the platform; they are
 * sanitized where they are shown (the table does it for its cells).
 */
#ifndef AKT_CASE_FORMAT_H
#define AKT_CASE_FORMAT_H

#include "akt/case.h"

/* A timestamp's local date "2026-11-23"; as sent (sanitized) when it
 * does not parse. malloc'd. */
char *akt_fmt_date(const char *ts);

/* A timestamp as local "2026-11-23 15:02"; NULL gives "". malloc'd. */
char *akt_fmt_time(const char *ts);

/* "Åsa Öberg (19850312-****)", "Byggbolaget AB (556123-4567)": the
 * number exactly as the platform masked it; "" without an applicant. */
char *akt_fmt_applicant(const struct akt_applicant *a);

/* User names, "anna, erik"; "" when nobody is assigned. */
char *akt_fmt_assignees(const struct akt_officer_ref *refs, size_t n);

/* "Anna Lindqvist (anna), Erik Sandberg (erik)"; "" for nobody. */
char *akt_fmt_officers(const struct akt_officer_ref *refs, size_t n);

/* "532 B", "12.1 KB", "3.4 MB" (powers of 1024). malloc'd. */
char *akt_fmt_size(int64_t bytes);

/* Longest file name akt_fmt_file_name makes, in bytes. */
#define AKT_FILE_NAME_MAX 200

/*
 * A document's name as a file name safe to create in the current
 * directory: sanitized (no control or invisible characters), '/' and
 * '\' made '_', no leading '.' or '-' (no hidden file, no "..", no
 * option), no leading or trailing spaces, at most AKT_FILE_NAME_MAX
 * bytes; "document-ID" when nothing is left. malloc'd.
 */
char *akt_fmt_file_name(const char *name, int64_t id);

/*
 * Do two names match as an officer means it: equal but for letter case,
 * Swedish letters included ("förskoleplats" = "Förskoleplats",
 * "ÅSA" = "åsa")?
 */
bool akt_name_eq(const char *a, const char *b);

/* Non-empty and only ASCII digits: an id rather than a name. */
bool akt_all_digits(const char *s);

#endif

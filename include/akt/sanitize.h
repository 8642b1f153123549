/*
 * sanitize.h — the one gate between text from the platform and anything
 * that shows it: the terminal, a log line, a prompt, an error message.
 *
 * The output is always valid UTF-8 and never contains ESC or any other
 * C0 control (except '\n' in multi-line mode), DEL or a C1 control, so a
 * platform string can never move the cursor, change colours, retitle the
 * window or talk to the terminal. Characters that would hide or reorder
 * text (bidi controls, zero-width and other format characters, tag
 * characters) are removed and reported, so the UI can warn that the text
 * held something invisible. Sanitizing twice changes nothing.
 *
 * What becomes what:
 *   invalid UTF-8, encoded surrogates, noncharacters  → U+FFFD
 *   C1 controls (U+0080–U+009F)                       → U+FFFD
 *   other C0 controls and DEL                         → their Control
 *                                                       Picture (ESC → ␛)
 *   TAB  → spaces to the next multiple of 8 columns (one-line: a space)
 *   LF, U+2028, U+2029 → '\n' (one-line: a space)
 *   CR   → removed (so CRLF reads as LF)
 *   bidi controls, zero-width/format characters, tags → removed
 *   more than AKT_SANITIZE_MAX_MARKS combining marks on one character
 *        → the extra marks removed
 */
#ifndef AKT_SANITIZE_H
#define AKT_SANITIZE_H

#include "akt/base.h"

/* flags */
#define AKT_SAN_ONELINE  0x01u   /* for table cells, titles, messages */

/* bits of *found: what was replaced or removed */
#define AKT_FOUND_INVALID   0x01u  /* bad UTF-8, surrogate, noncharacter */
#define AKT_FOUND_CONTROL   0x02u  /* C0 control (other than TAB LF CR), DEL */
#define AKT_FOUND_C1        0x04u  /* C1 control */
#define AKT_FOUND_BIDI      0x08u  /* bidi override/embedding/isolate/mark */
#define AKT_FOUND_INVISIBLE 0x10u  /* zero-width or other format character */
#define AKT_FOUND_TAG       0x20u  /* tag character (hidden ASCII) */
#define AKT_FOUND_MARKS     0x40u  /* combining marks over the limit */

#define AKT_SANITIZE_MAX_MARKS 4

/* How the sanitizer treats one code point. */
enum akt_cp_class {
	AKT_CP_PLAIN,
	AKT_CP_COMBINING,
	AKT_CP_TAB,
	AKT_CP_NEWLINE,     /* LF, LINE SEPARATOR, PARAGRAPH SEPARATOR */
	AKT_CP_CR,
	AKT_CP_CONTROL,     /* other C0, DEL */
	AKT_CP_C1,
	AKT_CP_BIDI,
	AKT_CP_INVISIBLE,
	AKT_CP_TAG,
	AKT_CP_INVALID,     /* surrogate, noncharacter, beyond U+10FFFF */
};

enum akt_cp_class akt_cp_class(uint32_t cp);

/*
 * Sanitize len bytes at in (NUL bytes included, they are C0 controls).
 * Returns a malloc'd NUL-terminated string; in may be NULL when len is 0.
 * ORs AKT_FOUND_* bits into *found when found is not NULL.
 */
char *akt_sanitize(const char *in, size_t len, unsigned flags,
		   unsigned *found);

/* The same for a NUL-terminated string; NULL gives "". */
char *akt_sanitize_str(const char *in, unsigned flags);

#endif

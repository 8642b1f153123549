/*
 * json_text.c — terminal-safe serialization of JSON values.
 */
#include "akt/json_text.h"
#include "akt/buf.h"
#include "akt/sanitize.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

static void escape(struct akt_buf *b, uint32_t cp)
{
	if (cp >= 0x10000) {
		cp -= 0x10000;
		akt_buf_printf(b, "\\u%04X\\u%04X", 0xD800 + (cp >> 10),
			       0xDC00 + (cp & 0x3FF));
	} else {
		akt_buf_printf(b, "\\u%04X", cp);
	}
}

char *akt_json_text(const json_t *j)
{
	char *raw = json_dumps(j, JSON_INDENT(2) | JSON_ENCODE_ANY);
	struct akt_buf b;
	size_t len, pos = 0;

	if (!raw) {
		fprintf(stderr, "akt: out of memory writing JSON\n");
		abort();
	}
	len = strlen(raw);
	akt_buf_init(&b, 0);
	while (pos < len) {
		uint32_t cp;
		size_t n = akt_utf8_decode(raw + pos, len - pos, &cp);
		enum akt_cp_class cls = akt_cp_class(cp);

		/* Outside strings jansson writes only ASCII structure, so
		 * anything else is inside a string, where \u is exact.
		 * Jansson already escapes C0 controls. */
		if (cp == '\n' || cls == AKT_CP_PLAIN || cls == AKT_CP_COMBINING)
			akt_buf_add(&b, raw + pos, n);
		else
			escape(&b, cp);
		pos += n;
	}
	free(raw);
	return akt_buf_steal(&b);
}

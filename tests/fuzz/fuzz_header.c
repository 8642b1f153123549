/*
 * fuzz_header.c — the small parsers of text from the platform's
 * headers and fields: the Link header (list pages), Retry-After, and
 * RFC 3339 timestamps with their display forms. The input is one
 * value, cut at the first NUL as a header value would be.
 */
#include "fuzz.h"

#include "akt/link_header.h"
#include "akt/retry.h"
#include "akt/sanitize.h"
#include "akt/when.h"

#include <string.h>

#define NOW ((time_t)1790000000)

/* Shown as it is on a screen line: nothing the sanitizer would change. */
static void shown_safe(const char *s)
{
	unsigned found = 0;
	char *clean = akt_sanitize(s, strlen(s), AKT_SAN_ONELINE, &found);

	FUZZ_CHECK(found == 0 && strcmp(clean, s) == 0);
	free(clean);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *link;
	char out[AKT_WHEN_LEN];
	long seconds = -1;
	time_t t;

	memcpy(s, data, size);
	s[size] = '\0';

	/* a found link is the text between one '<' and '>' of the value */
	link = akt_link_find(s, "next");
	if (link) {
		FUZZ_CHECK(!strchr(link, '>'));
		free(link);
	}
	free(akt_link_find(s, "prev"));

	if (akt_retry_after_parse(s, NOW, &seconds))
		FUZZ_CHECK(seconds >= 0);

	akt_when_parse(s, &t);
	FUZZ_CHECK(akt_when(s, out) == out);
	FUZZ_CHECK(strlen(out) < AKT_WHEN_LEN);
	shown_safe(out);
	akt_when_near(s, NOW, out);
	FUZZ_CHECK(strlen(out) < AKT_WHEN_LEN);
	shown_safe(out);
	free(s);
	return 0;
}

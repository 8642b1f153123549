/*
 * fuzz_draft.c — the draft record decoder (drafts/ID.json and
 * outbox/ID.json as the store reads them). A record it accepts is
 * written back by the encoder and read again to the same record: the
 * store rewrites records on every change, so what it reads it must be
 * able to keep.
 */
#include "fuzz.h"

#include "akt/draft.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct akt_draft d, again;
	char *err = NULL, *text, *text2;

	if (!akt_draft_decode((const char *)data, size, &d, &err)) {
		FUZZ_CHECK(err && *err);
		free(err);
		return 0;
	}
	FUZZ_CHECK(!err);
	FUZZ_CHECK(akt_draft_id_valid(d.id) && d.text);
	text = akt_draft_encode(&d);
	if (!akt_draft_decode(text, strlen(text), &again, &err)) {
		fprintf(stderr, "re-reading the record failed: %s\n%s\n", err,
			text);
		FUZZ_CHECK(!"an encoded record decodes");
	}
	text2 = akt_draft_encode(&again);
	FUZZ_CHECK(strcmp(text, text2) == 0);
	free(text2);
	free(text);
	akt_draft_clear(&again);
	akt_draft_clear(&d);
	return 0;
}

/*
 * fuzz_theme.c — the theme file parser, on top of the default theme. A
 * refused file names each bad line; the parse never leaves the theme
 * half-freed.
 */
#include "fuzz.h"

#include "akt/theme.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *err = NULL;
	struct akt_theme t;

	memcpy(text, data, size);
	text[size] = '\0';
	akt_theme_init(&t);
	if (!akt_theme_parse(&t, text, "theme", &err))
		FUZZ_CHECK(err && strncmp(err, "theme:", 6) == 0);
	free(err);
	for (int i = 0; i < AKT_T_COUNT; i++) {
		FUZZ_CHECK(t.style[i].fg >= -1 && t.style[i].bg >= -1);
		FUZZ_CHECK(t.style[i].fg < 256 && t.style[i].bg < 256);
	}
	akt_theme_clear(&t);
	free(text);
	return 0;
}

/*
 * fuzz_config.c — the config file parser, and what the full-screen
 * client does with the lines it keeps: "bind" lines go to the keymap,
 * "color" lines to the theme. Every value the parser accepted must be
 * shown and read back to the same value (akt config show, and a config
 * written from it, depend on that).
 */
#include "fuzz.h"

#include "akt/config.h"
#include "akt/keys.h"
#include "akt/theme.h"

#include <string.h>

static void round_trip(const struct akt_config *cfg)
{
	struct akt_config again;

	akt_config_init(&again);
	for (size_t i = 0; i < akt_noptions; i++) {
		const struct akt_option *o = &akt_options[i];
		char *shown = akt_config_show(cfg, o), *err = NULL, *back;
		bool ok = akt_config_set(&again, o->name, shown, &err);

		if (!ok)
			fprintf(stderr, "%s = '%s': %s\n", o->name, shown, err);
		FUZZ_CHECK(ok);
		back = akt_config_show(&again, o);
		FUZZ_CHECK(strcmp(shown, back) == 0);
		free(back);
		free(shown);
	}
	akt_config_clear(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *err = NULL;
	struct akt_config cfg;
	struct akt_keymap *km;
	struct akt_theme theme;

	memcpy(text, data, size);
	text[size] = '\0';
	akt_config_init(&cfg);
	if (!akt_config_parse(&cfg, text, "config", &err))
		FUZZ_CHECK(err && *err);
	free(err);
	round_trip(&cfg);
	akt_config_open_command(&cfg);

	km = akt_keymap_new();
	akt_theme_init(&theme);
	for (size_t i = 0; i < cfg.nlines; i++) {
		const struct akt_config_line *l = &cfg.lines[i];

		err = NULL;
		if (strcmp(l->kind, "bind") == 0) {
			if (!akt_keymap_bind(km, l->text, &err))
				FUZZ_CHECK(err);
		} else {
			FUZZ_CHECK(strcmp(l->kind, "color") == 0);
			if (!akt_theme_color(&theme, l->text, &err))
				FUZZ_CHECK(err);
		}
		free(err);
	}
	akt_theme_clear(&theme);
	akt_keymap_free(&km);
	akt_config_clear(&cfg);
	free(text);
	return 0;
}

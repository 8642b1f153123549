/*
 * keys_help.c — `akt help keys`: the action table as text, grouped like
 * the KEYS section of akt(1).
 */
#include "akt/keys.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

#define HELP_COLUMNS 80

/* The groups: generic first, then each other set of screens in the order
 * the table first names it. Returns how many went into masks. */
static size_t groups(unsigned masks[AKT_A_COUNT])
{
	size_t n = 0;

	for (int pass = 0; pass < 2; pass++) {
		for (int a = 0; a < AKT_A_COUNT; a++) {
			unsigned m = akt_actions[a].screens;
			bool generic = m & AKT_S(GENERIC), seen = false;

			if (generic != (pass == 0))
				continue;
			for (size_t i = 0; i < n; i++)
				seen = seen || masks[i] == m;
			if (!seen)
				masks[n++] = m;
		}
	}
	return n;
}

/* text from column col on, wrapped by words at HELP_COLUMNS, continued
 * lines indented to col; a word wider than the room goes on regardless */
static void wrapped(FILE *out, const char *text, size_t col)
{
	size_t at = col;
	bool first = true;

	while (*text) {
		size_t len = strcspn(text, " ");
		char *word = xstrndup(text, len);
		size_t w = akt_utf8_width(word);

		if (!first && at + 1 + w > HELP_COLUMNS) {
			fprintf(out, "\n%*s", (int)col, "");
			at = col;
		} else if (!first) {
			fputc(' ', out);
			at++;
		}
		fputs(word, out);
		at += w;
		first = false;
		free(word);
		text += len;
		text += strspn(text, " ");
	}
	fputc('\n', out);
}

void akt_keys_help(FILE *out)
{
	unsigned masks[AKT_A_COUNT];
	size_t n = groups(masks);
	int kw = 0, aw = 0;

	for (int a = 0; a < AKT_A_COUNT; a++) {
		kw = AKT_MAX(kw, (int)strlen(akt_actions[a].keys));
		aw = AKT_MAX(aw, (int)strlen(akt_actions[a].name));
	}
	fputs("Keys of the full-screen client as shipped. Lines\n"
	      "'bind SCREEN KEY ACTION' in the config change them "
	      "(akt.conf(5));\n"
	      "'?' in akt shows the keys in effect on the screen you are "
	      "on.\n", out);
	for (size_t g = 0; g < n; g++) {
		char *head = akt_screens_text(masks[g]);

		fprintf(out, "\n%s:\n", head);
		free(head);
		for (int a = 0; a < AKT_A_COUNT; a++) {
			const struct akt_action_info *info = &akt_actions[a];

			if (info->screens != masks[g])
				continue;
			fprintf(out, "  %-*s  %-*s  ", kw, info->keys, aw,
				info->name);
			wrapped(out, _(info->help), (size_t)(2 + kw + 2 + aw + 2));
		}
	}
}

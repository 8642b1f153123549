/*
 * fuzz_keymap.c — `bind SCREEN KEY ACTION` lines (the words after
 * "bind", one per input line) applied to one keymap, and the key names
 * they use. Checked: a key that parses is named so that its name parses
 * back to it; a binding that is taken is what the screen then looks up;
 * a line that is refused leaves what its key does on every screen as it
 * was.
 */
#include "fuzz.h"

#include "akt/keys.h"

#include <string.h>

static void key_names(const char *word)
{
	akt_key k, back;
	char name[32];

	if (!akt_key_parse(word, &k))
		return;
	FUZZ_CHECK(akt_key_canon(k) == k);
	akt_key_name(k, name);
	FUZZ_CHECK(akt_key_parse(name, &back) && back == k);
}

/* The three words of a line, when it has exactly three before any
 * comment; the key may be '#'. */
static int words(const char *line, char w[3][64])
{
	int n = 0;

	for (const char *p = line;;) {
		size_t len;

		p += strspn(p, " \t");
		if (!*p || (*p == '#' && n != 1))
			return n;
		len = strcspn(p, " \t");
		if (n == 3 || len >= 64)
			return -1;
		memcpy(w[n], p, len);
		w[n++][len] = '\0';
		p += len;
	}
}

static void bind_line(struct akt_keymap *km, const char *line)
{
	char *err = NULL;
	char w[3][64];
	enum akt_action was[AKT_SCR_COUNT];
	akt_key key = 0;
	int n = words(line, w);
	bool has_key = n >= 2 && akt_key_parse(w[1], &key), ok;

	for (int s = 0; has_key && s < AKT_SCR_COUNT; s++)
		was[s] = akt_keymap_lookup(km, (enum akt_screen)s, key);
	ok = akt_keymap_bind(km, line, &err);
	for (int i = 0; i < n; i++)
		key_names(w[i]);
	if (!ok) {
		FUZZ_CHECK(err && *err && !strchr(err, '\n'));
		for (int s = 0; has_key && s < AKT_SCR_COUNT; s++)
			FUZZ_CHECK(was[s] == akt_keymap_lookup(
					   km, (enum akt_screen)s, key));
	} else {
		enum akt_screen s;
		akt_key k;

		FUZZ_CHECK(n == 3);
		FUZZ_CHECK(akt_screen_parse(w[0], &s));
		FUZZ_CHECK(akt_key_parse(w[1], &k));
		if (strcmp(w[2], "none") == 0)
			FUZZ_CHECK(akt_keymap_lookup(km, s, k) == AKT_A_NONE);
		else if (s != AKT_SCR_GENERIC)
			FUZZ_CHECK(akt_keymap_lookup(km, s, k) ==
				   akt_action_find(w[2]));
	}
	free(err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *line, *next;
	struct akt_keymap *km = akt_keymap_new();

	memcpy(text, data, size);
	text[size] = '\0';
	for (line = text; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		bind_line(km, line);
	}
	akt_keymap_free(&km);
	free(text);
	return 0;
}

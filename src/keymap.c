/*
 * keymap.c — which action each key runs on each screen: the defaults of
 * the action table, changed by `bind SCREEN KEY ACTION` lines.
 */
#include "akt/keys.h"
#include "akt/buf.h"
#include "akt/xalloc.h"

struct binding {
	akt_key key;                /* canonical */
	enum akt_action action;     /* AKT_A_NONE: unbound on this screen */
};

struct akt_keymap {
	struct binding *b[AKT_SCR_COUNT];
	size_t n[AKT_SCR_COUNT], cap[AKT_SCR_COUNT];
};

static struct binding *find(const struct akt_keymap *km, enum akt_screen s,
			    akt_key k)
{
	for (size_t i = 0; i < km->n[s]; i++)
		if (km->b[s][i].key == k)
			return &km->b[s][i];
	return NULL;
}

/* Replace the key's binding in place, so the help keeps its order. */
static void set(struct akt_keymap *km, enum akt_screen s, akt_key k,
		enum akt_action a)
{
	struct binding *b = find(km, s, k);

	if (b) {
		b->action = a;
		return;
	}
	if (km->n[s] == km->cap[s]) {
		km->cap[s] = km->cap[s] ? km->cap[s] * 2 : 32;
		km->b[s] = xreallocarray(km->b[s], km->cap[s],
					 sizeof(*km->b[s]));
	}
	km->b[s][km->n[s]++] = (struct binding){ k, a };
}

static void unset(struct akt_keymap *km, enum akt_screen s, akt_key k)
{
	struct binding *b = find(km, s, k);

	if (b) {
		size_t i = (size_t)(b - km->b[s]);

		memmove(b, b + 1, (km->n[s] - i - 1) * sizeof(*b));
		km->n[s]--;
	}
}

struct akt_keymap *akt_keymap_new(void)
{
	struct akt_keymap *km = xcalloc(1, sizeof(*km));

	for (int a = 0; a < AKT_A_COUNT; a++) {
		const struct akt_action_info *info = &akt_actions[a];
		const char *p = info->keys;

		while (*p) {
			size_t len = strcspn(p, " ");
			char *word = xstrndup(p, len);
			akt_key k;

			if (!akt_key_parse(word, &k)) {
				/* the table is compiled in: a bug */
				fprintf(stderr, "akt: action %s: bad default "
					"key '%s'\n", info->name, word);
				abort();
			}
			free(word);
			if (info->screens & AKT_S(GENERIC)) {
				set(km, AKT_SCR_GENERIC, k, (enum akt_action)a);
			} else {
				for (int s = 1; s < AKT_SCR_COUNT; s++)
					if (info->screens & (1u << s))
						set(km, (enum akt_screen)s, k,
						    (enum akt_action)a);
			}
			p += len;
			p += strspn(p, " ");
		}
	}
	return km;
}

void akt_keymap_free(struct akt_keymap **km)
{
	if (!*km)
		return;
	for (int s = 0; s < AKT_SCR_COUNT; s++)
		free((*km)->b[s]);
	xfree(km);
}

enum akt_action akt_keymap_lookup(const struct akt_keymap *km,
				  enum akt_screen s, akt_key k)
{
	const struct binding *b;

	k = akt_key_canon(k);
	if ((int)s < 0 || s >= AKT_SCR_COUNT)
		return AKT_A_NONE;
	b = find(km, s, k);
	if (b)
		return b->action;
	b = find(km, AKT_SCR_GENERIC, k);
	if (b && akt_action_on(b->action, s))
		return b->action;
	return AKT_A_NONE;
}

/* A word of the line for a message: at most 40 bytes, control
 * characters as '?', so a message is always one clean line. */
static char *shown(const char *w)
{
	char *s = xstrndup(w, 40);

	for (char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return s;
}

static char *list_screens(unsigned screens)
{
	struct akt_buf b;

	akt_buf_init(&b, 0);
	for (int s = 0; s < AKT_SCR_COUNT; s++)
		if (screens & (1u << s))
			akt_buf_printf(&b, "%s%s", b.len ? ", " : "",
				       akt_screen_name((enum akt_screen)s));
	return akt_buf_steal(&b);
}

/* Split off the next word: *p moves past it; NULL at the end of the line
 * or where a comment starts (unless a '#' is wanted as a word). */
static char *next_word(const char **p, bool hash_is_word)
{
	const char *s = *p + strspn(*p, " \t"), *e;

	if (!*s || (*s == '#' && !hash_is_word))
		return NULL;
	e = s + strcspn(s, " \t");
	*p = e;
	return xstrndup(s, (size_t)(e - s));
}

bool akt_keymap_bind(struct akt_keymap *km, const char *line, char **err)
{
	const char *p = line;
	char *sw = NULL, *kw = NULL, *aw = NULL, *extra = NULL, *w = NULL;
	enum akt_screen s;
	enum akt_action a = AKT_A_NONE;
	akt_key k;
	bool ok = false;

	sw = next_word(&p, false);
	kw = sw ? next_word(&p, true) : NULL;   /* '#' may be the key */
	aw = kw ? next_word(&p, false) : NULL;
	extra = aw ? next_word(&p, false) : NULL;
	if (!aw || extra) {
		*err = xstrdup("expected 'bind SCREEN KEY ACTION'");
		goto out;
	}
	if (!akt_screen_parse(sw, &s)) {
		char *all = list_screens((1u << AKT_SCR_COUNT) - 1);

		w = shown(sw);
		*err = xasprintf("unknown screen '%s'; screens: %s", w, all);
		free(all);
		goto out;
	}
	if (!akt_key_parse(kw, &k)) {
		w = shown(kw);
		*err = xasprintf("unknown key '%s'; a key is one character or "
				 "a name such as <Enter>, <C-d> or <F5> "
				 "(see akt(1) KEYS)", w);
		goto out;
	}
	if (strcmp(aw, "none") != 0) {
		a = akt_action_find(aw);
		if (a == AKT_A_NONE) {
			w = shown(aw);
			*err = xasprintf("unknown action '%s'; see akt(1) KEYS",
					 w);
			goto out;
		}
		/* generic: wherever the action works */
		if (s != AKT_SCR_GENERIC && !akt_action_on(a, s)) {
			char *on = list_screens(akt_actions[a].screens);

			*err = xasprintf("action '%s' does not work on screen "
					 "'%s' (only on: %s)", aw,
					 akt_screen_name(s), on);
			free(on);
			goto out;
		}
	}
	if (a != AKT_A_NONE) {
		set(km, s, k, a);
	} else if (s == AKT_SCR_GENERIC) {
		for (int i = 0; i < AKT_SCR_COUNT; i++)
			unset(km, (enum akt_screen)i, k);
	} else {
		set(km, s, k, AKT_A_NONE);
	}
	ok = true;
out:
	free(sw);
	free(kw);
	free(aw);
	free(extra);
	free(w);
	return ok;
}

char *akt_keymap_keys(const struct akt_keymap *km, enum akt_screen s,
		      enum akt_action a)
{
	struct akt_buf b;
	char name[32];

	akt_buf_init(&b, 0);
	if ((int)s < 0 || s >= AKT_SCR_COUNT || a == AKT_A_NONE)
		return akt_buf_steal(&b);
	for (size_t i = 0; i < km->n[s]; i++)
		if (km->b[s][i].action == a)
			akt_buf_printf(&b, "%s%s", b.len ? " " : "",
				       akt_key_name(km->b[s][i].key, name));
	if (s == AKT_SCR_GENERIC || !akt_action_on(a, s))
		return akt_buf_steal(&b);
	for (size_t i = 0; i < km->n[AKT_SCR_GENERIC]; i++) {
		const struct binding *g = &km->b[AKT_SCR_GENERIC][i];

		if (g->action == a && !find(km, s, g->key))
			akt_buf_printf(&b, "%s%s", b.len ? " " : "",
				       akt_key_name(g->key, name));
	}
	return akt_buf_steal(&b);
}

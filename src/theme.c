/*
 * theme.c — theme objects, the "color OBJECT FG BG [ATTR...]" line, and
 * loading a theme from the user's directory or the shipped ones.
 *
 * The shipped themes are the files themes/NAME.theme, compiled in by the
 * build, so akt works without anything installed.
 */
#include "akt/theme.h"
#include "akt/buf.h"
#include "akt/config.h"
#include "akt/paths.h"
#include "akt/xalloc.h"

#include <ctype.h>

const struct akt_theme_object_info akt_theme_objects[AKT_T_COUNT] = {
#define AKT_X_INFO(id, name, help) [AKT_T_##id] = { name, help },
	AKT_THEME_OBJECTS(AKT_X_INFO)
#undef AKT_X_INFO
};

static const struct {
	const char *name;
	const char *text;
} shipped[] = {
	{ "default",
#include "default.inc"
	},
	{ "light",
#include "light.inc"
	},
	{ "high-contrast",
#include "high-contrast.inc"
	},
	{ "mono",
#include "mono.inc"
	},
};

const char *const akt_theme_builtin_names[] = {
	"default", "light", "high-contrast", "mono",
};
const size_t akt_theme_nbuiltin = AKT_LEN(akt_theme_builtin_names);

static const char *const colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{ "normal", 0 },
	{ "bold", AKT_ATTR_BOLD },
	{ "dim", AKT_ATTR_DIM },
	{ "underline", AKT_ATTR_UNDERLINE },
	{ "reverse", AKT_ATTR_REVERSE },
	{ "standout", AKT_ATTR_STANDOUT },
	{ "italic", AKT_ATTR_ITALIC },
	{ "blink", AKT_ATTR_BLINK },
};

#define COLOUR_LIST "default, black, red, green, yellow, blue, magenta, " \
	"cyan, white, bright-black ... bright-white, color0 ... color255"

int akt_theme_object_find(const char *name)
{
	for (int i = 0; i < AKT_T_COUNT; i++)
		if (strcmp(akt_theme_objects[i].name, name) == 0)
			return i;
	return -1;
}

static bool parse_colour(const char *s, short *out)
{
	const char *base = s;
	int add = 0;

	if (strcmp(s, "default") == 0) {
		*out = -1;
		return true;
	}
	if (strncmp(s, "color", 5) == 0 && isdigit((unsigned char)s[5])) {
		int n = 0;

		for (s += 5; isdigit((unsigned char)*s) && n < 1000; s++)
			n = n * 10 + (*s - '0');
		/* no leading zeros: "color007" is a typing error */
		if (*s || n > 255 || (base[5] == '0' && base[6]))
			return false;
		*out = (short)n;
		return true;
	}
	if (strncmp(s, "bright-", 7) == 0) {
		s += 7;
		add = 8;
	}
	for (size_t i = 0; i < AKT_LEN(colour_names); i++) {
		if (strcmp(colour_names[i], s) == 0) {
			*out = (short)(i + (size_t)add);
			return true;
		}
	}
	return false;
}

static bool parse_attr(const char *s, unsigned *out)
{
	for (size_t i = 0; i < AKT_LEN(attr_names); i++) {
		if (strcmp(attr_names[i].name, s) == 0) {
			*out = attr_names[i].bit;
			return true;
		}
	}
	return false;
}

/* The word for a message: at most 40 bytes, no control characters. */
static char *shown(const char *w, size_t len)
{
	char *s = xstrndup(w, AKT_MIN(len, 40));

	for (char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return s;
}

static char *object_list(void)
{
	struct akt_buf b;

	akt_buf_init(&b, 0);
	for (int i = 0; i < AKT_T_COUNT; i++)
		akt_buf_printf(&b, "%s%s", i ? ", " : "",
			       akt_theme_objects[i].name);
	return akt_buf_steal(&b);
}

static char *attr_list(void)
{
	struct akt_buf b;

	akt_buf_init(&b, 0);
	for (size_t i = 0; i < AKT_LEN(attr_names); i++)
		akt_buf_printf(&b, "%s%s", i ? ", " : "", attr_names[i].name);
	return akt_buf_steal(&b);
}

#define MAX_WORDS 12

/* Split a line into words up to a '#' that starts a word; false when it
 * has more than MAX_WORDS. */
static bool split(const char *line, char *w[MAX_WORDS], size_t *n)
{
	const char *p = line;

	*n = 0;
	for (;;) {
		size_t len;

		p += strspn(p, " \t");
		if (!*p || *p == '#')
			return true;
		if (*n == MAX_WORDS)
			return false;
		len = strcspn(p, " \t");
		w[(*n)++] = xstrndup(p, len);
		p += len;
	}
}

bool akt_theme_color(struct akt_theme *t, const char *line, char **err)
{
	char *w[MAX_WORDS];
	size_t n = 0;
	struct akt_style st = { -1, -1, 0 };
	int obj = -1;
	bool ok = false;

	if (!split(line, w, &n) || n < 3) {
		*err = xstrdup("expected 'color OBJECT FG BG [ATTR...]'");
		goto out;
	}
	obj = akt_theme_object_find(w[0]);
	if (obj < 0) {
		char *all = object_list(), *s = shown(w[0], strlen(w[0]));

		*err = xasprintf("unknown object '%s'; objects: %s", s, all);
		free(all);
		free(s);
		goto out;
	}
	for (int i = 1; i <= 2; i++) {
		if (!parse_colour(w[i], i == 1 ? &st.fg : &st.bg)) {
			char *s = shown(w[i], strlen(w[i]));

			*err = xasprintf("%s: unknown colour '%s'; colours: %s",
					 w[0], s, COLOUR_LIST);
			free(s);
			goto out;
		}
	}
	for (size_t i = 3; i < n; i++) {
		unsigned bit;

		if (!parse_attr(w[i], &bit)) {
			char *all = attr_list(), *s = shown(w[i], strlen(w[i]));

			*err = xasprintf("%s: unknown attribute '%s'; "
					 "attributes: %s", w[0], s, all);
			free(all);
			free(s);
			goto out;
		}
		st.attrs |= bit;
	}
	/* the selection is never shown by colour alone */
	if (obj == AKT_T_CURSOR || obj == AKT_T_POPUP_CURSOR)
		st.attrs |= AKT_ATTR_REVERSE;
	t->style[obj] = st;
	ok = true;
out:
	for (size_t i = 0; i < n; i++)
		free(w[i]);
	return ok;
}

static char *theme_line(char *line, unsigned lineno, void *arg)
{
	struct akt_theme *t = arg;
	char *p = line + strspn(line, " \t"), *msg = NULL, *s;
	size_t kw = strcspn(p, " \t");

	(void)lineno;
	if (!*p || *p == '#')
		return NULL;            /* blank or comment */
	if (kw == 5 && strncmp(p, "color", 5) == 0) {
		akt_theme_color(t, p + 5, &msg);
		return msg;
	}
	s = shown(p, kw);
	msg = xasprintf("unknown command '%s' (a theme holds only "
			"'color OBJECT FG BG [ATTR...]' lines)", s);
	free(s);
	return msg;
}

bool akt_theme_parse(struct akt_theme *t, const char *text,
		     const char *where, char **err)
{
	return akt_lines_parse(text, where, theme_line, t, err);
}

void akt_theme_init(struct akt_theme *t)
{
	char *err = NULL;

	memset(t, 0, sizeof(*t));
	t->name = xstrdup("default");
	for (int i = 0; i < AKT_T_COUNT; i++)
		t->style[i] = (struct akt_style){ -1, -1, 0 };
	if (!akt_theme_parse(t, shipped[0].text, "default.theme", &err)) {
		/* the shipped theme is compiled in: a bug */
		fprintf(stderr, "akt: %s\n", err);
		abort();
	}
}

void akt_theme_clear(struct akt_theme *t)
{
	xfree(&t->name);
}

/* A name for the themes directory: no '/', no hidden or odd files. */
static bool plain_name(const char *name)
{
	if (!*name || *name == '.' || strlen(name) > 64)
		return false;
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("-_.", *p))
			return false;
	return true;
}

static const char *shipped_text(const char *name)
{
	for (size_t i = 0; i < AKT_LEN(shipped); i++)
		if (strcmp(shipped[i].name, name) == 0)
			return shipped[i].text;
	return NULL;
}

static const char *const theme_why = "could hide or fake what akt shows";

bool akt_theme_load(struct akt_theme *t, const char *name, char **err)
{
	struct akt_theme nt;
	char *path = NULL, *file = NULL, *text = NULL, *msg = NULL;
	const char *src;
	bool ok = false;

	akt_theme_init(&nt);
	if (strchr(name, '/')) {
		path = akt_path_expand(name);
		if (!akt_config_read(path, "theme", theme_why, true, &text,
				     &msg))
			goto out;
		src = text;
	} else {
		if (!plain_name(name)) {
			char *s = shown(name, strlen(name));

			msg = xasprintf("theme '%s': a theme name has letters, "
					"digits, '-', '_' and '.'; a file name "
					"needs a '/' (./%s)", s, s);
			free(s);
			goto out;
		}
		file = xasprintf("themes/%s.theme", name);
		path = akt_path_xdg("XDG_CONFIG_HOME", ".config", file);
		if (path && !akt_config_read(path, "theme", theme_why, false,
					     &text, &msg))
			goto out;
		src = text ? text : shipped_text(name);
		if (!src) {
			msg = xasprintf("no theme '%s': there is no %s, and the "
					"shipped themes are default, light, "
					"high-contrast and mono", name,
					path ? path : file);
			goto out;
		}
	}
	if (!akt_theme_parse(&nt, src, text ? path : name, &msg))
		goto out;
	free(nt.name);
	nt.name = xstrdup(name);
	nt.mono = strcmp(name, "mono") == 0;
	akt_theme_clear(t);
	*t = nt;
	nt.name = NULL;
	ok = true;
out:
	if (!ok)
		*err = msg;
	akt_theme_clear(&nt);
	free(file);
	free(path);
	free(text);
	return ok;
}

const char *akt_theme_start_name(const char *configured, bool has_colors)
{
	const char *no_color = getenv("NO_COLOR");

	if (!has_colors || (no_color && *no_color))
		return "mono";
	return configured && *configured ? configured : "default";
}

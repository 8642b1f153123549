/*
 * keys.c — the action table, screen names, and keys as the manual writes
 * them ("j", "<C-d>", "<PgDn>").
 *
 * Only the KEY_ constants come from curses; nothing here draws.
 */
#include "akt/keys.h"
#include "akt/buf.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

#include <curses.h>
#include <strings.h>

const struct akt_action_info akt_actions[AKT_A_COUNT] = {
#define AKT_X_INFO(id, name, keys, screens, help) \
	[AKT_A_##id] = { name, keys, screens, help },
	AKT_ACTIONS(AKT_X_INFO)
#undef AKT_X_INFO
};

static const char *const screen_names[AKT_SCR_COUNT] = {
	[AKT_SCR_GENERIC] = "generic",
	[AKT_SCR_QUEUES] = "queues",
	[AKT_SCR_CASES] = "cases",
	[AKT_SCR_CASE] = "case",
	[AKT_SCR_RETENTION] = "retention",
	[AKT_SCR_HELP] = "help",
	[AKT_SCR_COMPOSE] = "compose",
	[AKT_SCR_DRAFTS] = "drafts",
	[AKT_SCR_THREAD] = "thread",
};

#define CH_ESC 27
#define CH_DEL 127
#define FN(code) (AKT_KEY_FN | (code))

/* Keys with a name in angle brackets, in canonical form. F1…F12 and
 * <C-x> are made up on the fly. */
static const struct {
	const char *name;
	akt_key key;
} named[] = {
	{ "Enter", '\r' },
	{ "Esc", CH_ESC },
	{ "Tab", '\t' },
	{ "S-Tab", FN(KEY_BTAB) },
	{ "Space", ' ' },
	{ "Backspace", CH_DEL },
	{ "Del", FN(KEY_DC) },
	{ "Ins", FN(KEY_IC) },
	{ "Up", FN(KEY_UP) },
	{ "Down", FN(KEY_DOWN) },
	{ "Left", FN(KEY_LEFT) },
	{ "Right", FN(KEY_RIGHT) },
	{ "PgUp", FN(KEY_PPAGE) },
	{ "PgDn", FN(KEY_NPAGE) },
	{ "Home", FN(KEY_HOME) },
	{ "End", FN(KEY_END) },
};

enum akt_action akt_action_find(const char *name)
{
	for (int a = 0; a < AKT_A_COUNT; a++)
		if (strcmp(akt_actions[a].name, name) == 0)
			return (enum akt_action)a;
	return AKT_A_NONE;
}

bool akt_action_on(enum akt_action a, enum akt_screen s)
{
	unsigned on;

	if ((int)a < 0 || a >= AKT_A_COUNT || (int)s < 0 ||
	    s >= AKT_SCR_COUNT)
		return false;
	on = akt_actions[a].screens;
	return (on & AKT_S(GENERIC)) || (on & (1u << s));
}

const char *akt_screen_name(enum akt_screen s)
{
	return (int)s >= 0 && s < AKT_SCR_COUNT ? screen_names[s] : "?";
}

bool akt_screen_parse(const char *name, enum akt_screen *out)
{
	for (int s = 0; s < AKT_SCR_COUNT; s++) {
		if (strcmp(screen_names[s], name) == 0) {
			*out = (enum akt_screen)s;
			return true;
		}
	}
	return false;
}

akt_key akt_key_canon(akt_key k)
{
	switch (k) {
	case '\n':
	case FN(KEY_ENTER):
		return '\r';
	case '\b':
	case FN(KEY_BACKSPACE):
		return CH_DEL;
	default:
		return k;
	}
}

/* A name in angle brackets, without them: "PgDn", "F5", "C-d". */
static bool parse_name(const char *s, size_t len, akt_key *out)
{
	char *end;
	long n;

	for (size_t i = 0; i < AKT_LEN(named); i++) {
		if (strlen(named[i].name) == len &&
		    strncasecmp(named[i].name, s, len) == 0) {
			*out = named[i].key;
			return true;
		}
	}
	if (len == 3 && (s[0] == 'C' || s[0] == 'c') && s[1] == '-' &&
	    ((s[2] >= 'a' && s[2] <= 'z') || (s[2] >= 'A' && s[2] <= 'Z'))) {
		*out = akt_key_canon(s[2] & 0x1f);
		return true;
	}
	if (len >= 2 && len <= 3 && (s[0] == 'F' || s[0] == 'f') &&
	    s[1] >= '1' && s[1] <= '9') {
		n = strtol(s + 1, &end, 10);
		if (end == s + len && n >= 1 && n <= 12) {
			*out = FN(KEY_F(n));
			return true;
		}
	}
	return false;
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

bool akt_key_parse(const char *text, akt_key *out)
{
	size_t len = strlen(text), used;
	uint32_t cp;

	if (len == 0)
		return false;
	if (len > 2 && text[0] == '<' && text[len - 1] == '>')
		return parse_name(text + 1, len - 2, out);
	/* one character: its code point */
	used = akt_utf8_decode(text, len, &cp);
	if (used != len || cp == AKT_UTF8_BAD || is_control(cp) ||
	    akt_cp_width(cp) == 0)
		return false;
	*out = (akt_key)cp;
	return true;
}

const char *akt_key_name(akt_key k, char buf[32])
{
	k = akt_key_canon(k);
	for (size_t i = 0; i < AKT_LEN(named); i++) {
		if (named[i].key == k) {
			snprintf(buf, 32, "<%s>", named[i].name);
			return buf;
		}
	}
	if (k >= 1 && k <= 26) {
		snprintf(buf, 32, "<C-%c>", 'a' + k - 1);
	} else if (k >= FN(KEY_F(1)) && k <= FN(KEY_F(12))) {
		snprintf(buf, 32, "<F%d>", k - FN(KEY_F(0)));
	} else if (k >= AKT_KEY_FN && k <= FN(KEY_MAX)) {
		snprintf(buf, 32, "<Key-%d>", k & ~AKT_KEY_FN);
	} else if (k >= 0 && k <= 0x10ffff && !is_control((uint32_t)k) &&
		   !(k >= 0xd800 && k <= 0xdfff)) {
		size_t n = akt_utf8_encode((uint32_t)k, buf);

		buf[n] = '\0';
	} else {
		snprintf(buf, 32, "<U+%04X>", (unsigned)k);
	}
	return buf;
}

char *akt_screens_text(unsigned screens)
{
	struct akt_buf b;
	int n = 0, seen = 0;

	if (screens & AKT_S(GENERIC))
		return xstrdup("On every screen");
	for (int s = 0; s < AKT_SCR_COUNT; s++)
		n += (screens >> s) & 1u;
	akt_buf_init(&b, 0);
	akt_buf_addstr(&b, "On ");
	for (int s = 0; s < AKT_SCR_COUNT; s++) {
		if (!(screens & (1u << s)))
			continue;
		seen++;
		if (seen > 1)
			akt_buf_addstr(&b, seen == n ? " and " : ", ");
		akt_buf_addstr(&b, screen_names[s]);
	}
	return akt_buf_steal(&b);
}

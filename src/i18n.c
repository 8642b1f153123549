/*
 * i18n.c — the interface's language (see i18n.h).
 */
#include "akt/i18n.h"

#include <locale.h>

#ifndef AKT_LOCALEDIR
#define AKT_LOCALEDIR "/usr/local/share/locale"
#endif

void akt_i18n_init(void)
{
	const char *dir = getenv("AKT_LOCALEDIR");

	bindtextdomain("akt", dir && *dir ? dir : AKT_LOCALEDIR);
	/* the catalogs are UTF-8 and so is everything akt draws */
	bind_textdomain_codeset("akt", "UTF-8");
	textdomain("akt");
}

/* "sv", "sv_SE.UTF-8", "sv_FI@euro", up to the end or a ':'; not "svx" */
static bool is_lang(const char *name, const char *lang)
{
	size_t n = strlen(lang);

	return strncmp(name, lang, n) == 0 && strchr("_.@:", name[n]);
}

/* gettext translates nothing in the C locale, whatever LANGUAGE says;
 * C.UTF-8 is not C to it */
static bool is_c(const char *locale)
{
	return strcmp(locale, "C") == 0 || strcmp(locale, "POSIX") == 0;
}

const char *akt_lang(void)
{
	const char *loc = setlocale(LC_MESSAGES, NULL);
	const char *list = getenv("LANGUAGE");

	if (!loc || is_c(loc))
		return "en";
	if (!list || !*list)
		return is_lang(loc, "sv") ? "sv" : "en";
	/* As gettext reads the list: the first language with a catalog wins,
	 * "C" stops the search. akt's only catalog is Swedish, so even
	 * "en:sv" gives Swedish (as its messages would be). */
	for (const char *p = list; *p; p += strcspn(p, ":"), p += *p == ':') {
		if (*p == 'C' && strcspn(p, ":") == 1)
			return "en";
		if (is_lang(p, "sv"))
			return "sv";
	}
	return "en";
}

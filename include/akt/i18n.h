/*
 * i18n.h — the interface's language. Text for the officer is English in
 * the source and translated with gettext (po/sv.po); status and e-service
 * names come from the platform in both languages and are picked with
 * akt_lang().
 */
#ifndef AKT_I18N_H
#define AKT_I18N_H

#include "akt/base.h"

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) s

/*
 * Bind the "akt" text domain: $AKT_LOCALEDIR when set (a build tree),
 * else the installed locale directory. Call after setlocale().
 */
void akt_i18n_init(void);

/*
 * "sv" when akt's messages are Swedish, else "en": the LC_MESSAGES
 * locale is sv*, unless LANGUAGE is set and that locale is not C; then
 * LANGUAGE decides as gettext reads it (an sv entry before any "C").
 * Call after setlocale().
 */
const char *akt_lang(void);

#endif

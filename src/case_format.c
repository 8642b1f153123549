/*
 * case_format.c — the parts of a case as the reading commands write them.
 */
#include "akt/case_format.h"
#include "akt/buf.h"
#include "akt/sanitize.h"
#include "akt/utf8.h"
#include "akt/when.h"
#include "akt/xalloc.h"

char *akt_fmt_time(const char *ts)
{
	char out[AKT_WHEN_LEN];

	return xstrdup(ts ? akt_when(ts, out) : "");
}

char *akt_fmt_date(const char *ts)
{
	char out[AKT_WHEN_LEN];
	const char *w;

	if (!ts)
		return xstrdup("");
	w = akt_when(ts, out);
	/* akt_when writes "YYYY-MM-DD HH:MM" when it understood ts */
	if (strlen(w) == 16 && w[10] == ' ')
		return xstrndup(w, 10);
	return xstrdup(w);
}

char *akt_fmt_applicant(const struct akt_applicant *a)
{
	const char *num = a->personal_number ? a->personal_number :
			  a->organisation_number;

	if (!a->name)
		return xstrdup("");
	return num ? xasprintf("%s (%s)", a->name, num) : xstrdup(a->name);
}

char *akt_fmt_assignees(const struct akt_officer_ref *refs, size_t n)
{
	struct akt_buf b;

	akt_buf_init(&b, 0);
	for (size_t i = 0; i < n; i++)
		akt_buf_printf(&b, "%s%s", i ? ", " : "",
			       refs[i].username ? refs[i].username : "");
	return akt_buf_steal(&b);
}

char *akt_fmt_officers(const struct akt_officer_ref *refs, size_t n)
{
	struct akt_buf b;

	akt_buf_init(&b, 0);
	for (size_t i = 0; i < n; i++)
		akt_buf_printf(&b, "%s%s (%s)", i ? ", " : "",
			       refs[i].name ? refs[i].name : "",
			       refs[i].username ? refs[i].username : "");
	return akt_buf_steal(&b);
}

char *akt_fmt_size(int64_t bytes)
{
	static const char *const units[] = { "KB", "MB", "GB", "TB" };
	double v = (double)bytes;
	size_t u = 0;

	if (bytes < 1024)
		return xasprintf("%lld B", (long long)bytes);
	v /= 1024;
	while (v >= 1024 && u + 1 < AKT_LEN(units)) {
		v /= 1024;
		u++;
	}
	return xasprintf("%.1f %s", v, units[u]);
}

/* Lower case of the letters officers type: ASCII and Latin-1 (å ä ö é
 * ü …); others as they are. */
static uint32_t fold(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	return cp;
}

bool akt_name_eq(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i = 0, j = 0;

	while (i < la && j < lb) {
		uint32_t ca, cb;

		i += akt_utf8_decode(a + i, la - i, &ca);
		j += akt_utf8_decode(b + j, lb - j, &cb);
		if (ca == AKT_UTF8_BAD || cb == AKT_UTF8_BAD ||
		    fold(ca) != fold(cb))
			return false;
	}
	return i == la && j == lb;
}

char *akt_fmt_file_name(const char *name, int64_t id)
{
	char *s = akt_sanitize_str(name, AKT_SAN_ONELINE), *p;
	size_t len;

	for (p = s; *p; p++)
		if (*p == '/' || *p == '\\')
			*p = '_';
	for (p = s; *p == ' '; p++)
		;
	memmove(s, p, strlen(p) + 1);
	/* no hidden file, no "..", nothing a later command takes for an
	 * option */
	for (p = s; *p == '.' || *p == '-'; p++)
		*p = '_';
	len = strlen(s);
	if (len > AKT_FILE_NAME_MAX) {
		len = AKT_FILE_NAME_MAX;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
		s[len] = '\0';
	}
	while (len > 0 && s[len - 1] == ' ')
		s[--len] = '\0';
	if (!*s) {
		free(s);
		s = xasprintf("document-%lld", (long long)id);
	}
	return s;
}

bool akt_all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

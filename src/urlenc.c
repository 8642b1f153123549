/*
 * urlenc.c — percent-encoding of path segments and query values.
 */
#include "akt/urlenc.h"
#include "akt/xalloc.h"

static bool unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

char *akt_url_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = s ? strlen(s) : 0;
	char *out = xmalloc(len * 3 + 1), *p = out;
	/* "." and ".." would be squashed as dot segments on the way */
	bool dots = strcmp(s ? s : "", ".") == 0 ||
		    strcmp(s ? s : "", "..") == 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (unreserved(c) && !dots) {
			*p++ = (char)c;
		} else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	return out;
}

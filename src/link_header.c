/*
 * link_header.c — find a relation in a Link header value:
 *   Link: </v1/cases?cursor=b>; rel="next", </v1/cases?cursor=a>; rel=prev
 */
#include "akt/link_header.h"
#include "akt/buf.h"
#include "akt/xalloc.h"

#include <strings.h>

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Parse a parameter value (token or quoted-string) into out. */
static const char *param_value(const char *p, struct akt_buf *out)
{
	if (*p == '"') {
		for (p++; *p && *p != '"'; p++) {
			if (*p == '\\' && p[1])
				p++;
			akt_buf_addc(out, *p);
		}
		return *p == '"' ? p + 1 : NULL;
	}
	while (*p && *p != ';' && *p != ',' && *p != ' ' && *p != '\t')
		akt_buf_addc(out, *p++);
	return p;
}

/* Is rel one of the space-separated relation types in list? */
static bool has_rel(const char *list, const char *rel)
{
	size_t n = strlen(rel);

	for (const char *p = list; *p; ) {
		size_t len;

		p += strspn(p, " \t");
		len = strcspn(p, " \t");
		if (len == n && strncasecmp(p, rel, n) == 0)
			return true;
		p += len;
	}
	return false;
}

char *akt_link_find(const char *header, const char *rel)
{
	const char *p = header;
	struct akt_buf val;
	char *found = NULL;

	akt_buf_init(&val, 0);
	while (p && *p && !found) {
		const char *uri, *end;
		bool match = false;

		p = skip_ws(p);
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p != '<')
			break;
		uri = p + 1;
		end = strchr(uri, '>');
		if (!end)
			break;
		p = skip_ws(end + 1);
		while (p && *p == ';') {
			const char *name = skip_ws(p + 1);
			size_t nlen = strcspn(name, "=;, \t");

			p = skip_ws(name + nlen);
			akt_buf_reset(&val);
			if (*p == '=')
				p = param_value(skip_ws(p + 1), &val);
			if (!p)
				break;      /* unterminated quoted string */
			p = skip_ws(p);
			if (nlen == 3 && strncasecmp(name, "rel", 3) == 0 &&
			    has_rel(akt_buf_str(&val), rel))
				match = true;
		}
		if (match)
			found = xstrndup(uri, (size_t)(end - uri));
		else if (p && *p && *p != ',')
			break;
	}
	akt_buf_free(&val);
	return found;
}

/*
 * problem.c — lenient reading of error bodies.
 */
#include "akt/problem.h"
#include "akt/xalloc.h"

#define TYPE_PREFIX "urn:akt:problem:"

static char *str(const json_t *j, const char *name)
{
	const char *s = json_string_value(json_object_get(j, name));

	return s && *s ? xstrdup(s) : NULL;
}

void akt_problem_decode(const json_t *j, struct akt_problem *p)
{
	const json_t *status = json_object_get(j, "status");
	char *type;

	memset(p, 0, sizeof(*p));
	if (!json_is_object(j))
		return;
	if (json_is_integer(status))
		p->status = (int)json_integer_value(status);
	type = str(j, "type");
	if (type && strncmp(type, TYPE_PREFIX, strlen(TYPE_PREFIX)) == 0) {
		p->type = xstrdup(type + strlen(TYPE_PREFIX));
		free(type);
	} else {
		p->type = type;
	}
	p->title = str(j, "title");
	p->detail = str(j, "detail");
	p->field = str(j, "field");
	p->oauth_error = str(j, "error");
	p->oauth_description = str(j, "error_description");
}

void akt_problem_clear(struct akt_problem *p)
{
	xfree(&p->type);
	xfree(&p->title);
	xfree(&p->detail);
	xfree(&p->field);
	xfree(&p->oauth_error);
	xfree(&p->oauth_description);
}

const char *akt_problem_text(const struct akt_problem *p)
{
	if (p->detail)
		return p->detail;
	if (p->oauth_description)
		return p->oauth_description;
	if (p->title)
		return p->title;
	return p->oauth_error;
}

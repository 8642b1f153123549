/*
 * conflict.c — messages for case writes refused because of the case's
 * state (see conflict.h).
 */
#include "akt/conflict.h"
#include "akt/buf.h"
#include "akt/i18n.h"
#include "akt/sanitize.h"
#include "akt/when.h"
#include "akt/xalloc.h"

const char *akt_ui_lang(void)
{
	return akt_lang();
}

static void add_name(struct akt_buf *b, const char *name)
{
	char *safe = akt_sanitize_str(name, AKT_SAN_ONELINE);

	akt_buf_addstr(b, safe);
	free(safe);
}

char *akt_allowed_text(const char *const *allowed, size_t n)
{
	struct akt_buf b;

	akt_buf_init(&b, SIZE_MAX);
	if (n == 0)
		akt_buf_addstr(&b, "nothing is allowed now");
	for (size_t i = 0; i < n; i++) {
		akt_buf_addstr(&b, i ? ", " : "allowed: ");
		add_name(&b, allowed[i]);
	}
	return akt_buf_steal(&b);
}

char *akt_not_allowed_text(const char *from, const char *const *allowed,
			   size_t n)
{
	char *safe = akt_sanitize_str(from, AKT_SAN_ONELINE);
	char *list = akt_allowed_text(allowed, n);
	char *text = xasprintf("not allowed from %s (%s)", safe, list);

	free(safe);
	free(list);
	return text;
}

/* A status object's name in lang, else in the other language, else its
 * id; NULL when it is not a status object. */
static const char *status_name(const json_t *s, const char *lang)
{
	const json_t *names = json_object_get(s, "name");
	const char *name = json_string_value(json_object_get(names, lang));

	if (!name || !*name)
		name = json_string_value(json_object_get(names,
				strcmp(lang, "sv") == 0 ? "en" : "sv"));
	if (!name || !*name)
		name = json_string_value(json_object_get(s, "id"));
	return name;
}

char *akt_not_allowed_problem(const json_t *problem, const char *lang)
{
	const char *from = status_name(json_object_get(problem, "from"), lang);
	const json_t *allowed = json_object_get(problem, "allowed");
	const char **names;
	size_t n = 0;
	char *text;

	if (!from || !json_is_array(allowed))
		return NULL;
	names = xcalloc(json_array_size(allowed) + 1, sizeof(*names));
	for (size_t i = 0; i < json_array_size(allowed); i++) {
		const char *name = status_name(json_array_get(allowed, i), lang);

		if (name)
			names[n++] = name;
	}
	text = akt_not_allowed_text(from, names, n);
	free(names);
	return text;
}

void akt_changed_by(const json_t *problem, const char **username,
		    const char **name, const char **at)
{
	const json_t *by = json_object_get(problem, "changed_by");

	*username = json_string_value(json_object_get(by, "username"));
	*name = json_string_value(json_object_get(by, "name"));
	*at = json_string_value(json_object_get(problem, "changed_at"));
}

char *akt_changed_text(const char *number, const json_t *problem, time_t now)
{
	const char *current = json_string_value(
		json_object_get(json_object_get(problem, "current"), "number"));
	const char *who, *name, *at;
	struct akt_buf b;
	char *safe;

	akt_changed_by(problem, &who, &name, &at);
	/* a citizen or the platform itself has no username */
	if (!who || !*who)
		who = name;
	if (current && *current)
		number = current;
	safe = akt_sanitize_str(number, AKT_SAN_ONELINE);
	akt_buf_init(&b, SIZE_MAX);
	akt_buf_printf(&b, "%s was changed by ", safe);
	if (who && *who)
		add_name(&b, who);
	else
		akt_buf_addstr(&b, "someone else");
	if (at) {
		char when[AKT_WHEN_LEN];

		akt_buf_printf(&b, " at %s", akt_when_near(at, now, when));
	}
	akt_buf_printf(&b, " since you loaded it; run 'akt show %s' and try "
		       "again", safe);
	free(safe);
	return akt_buf_steal(&b);
}

const char *akt_no_if_match_text(void)
{
	return _("the platform got the change without If-Match; a proxy may "
		 "have removed it: tell your IT support");
}

int akt_conflict_fail(const struct akt_reply *r, const char *number,
		      const char *what)
{
	const char *type = r->problem ? r->problem->type : NULL;
	char *text;

	if (r->status == 412) {
		text = akt_changed_text(number, r->json, time(NULL));
		akt_cli_error("%s", text);
		free(text);
		return AKT_EXIT_CONFLICT;
	}
	if (r->status == 428) {
		akt_cli_error("cannot %s: %s (HTTP 428)", what,
			      akt_no_if_match_text());
		return AKT_EXIT_UNREACHABLE;
	}
	if (r->status == 409 && type && strcmp(type, "invalid-transition") == 0 &&
	    (text = akt_not_allowed_problem(r->json, akt_ui_lang()))) {
		akt_cli_error("cannot %s: %s", what, text);
		free(text);
		return AKT_EXIT_CONFLICT;
	}
	if (r->status == 409) {
		akt_cli_error("cannot %s: %s", what, r->error);
		return AKT_EXIT_CONFLICT;
	}
	/* what was asked, then why not; a lost login is the same for all */
	if (r->result == AKT_E_AUTH || !r->error)
		return akt_cli_fail(r);
	if (r->hint)
		akt_cli_error("cannot %s: %s; %s", what, r->error, r->hint);
	else
		akt_cli_error("cannot %s: %s", what, r->error);
	return akt_cli_exit_code(r->result);
}

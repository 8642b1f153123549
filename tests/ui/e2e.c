/*
 * e2e.c — helpers of the end-to-end tests (see e2e.h).
 */
#include "e2e.h"
#include "screen.h"

#include <dirent.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int e2e_group_start(void **state)
{
	return screen_group_start(state, "--cases 300");
}

int e2e_stop_tmux(void **state)
{
	(void)state;
	tmux_stop_all();
	return 0;
}

const char *e2e_rx(struct sb *sb, const char *text)
{
	size_t n = strlen(text);
	char *out = malloc(2 * n + 1), *o = out;

	if (!out)
		fail_msg("out of memory");
	for (const char *p = text; *p; p++) {
		if (strchr("\\^$.[]|()*+?{}", *p))
			*o++ = '\\';
		*o++ = *p;
	}
	*o = '\0';
	return sb_keep(sb, out);
}

const char *e2e_first_queue(struct sb *sb, const char *token)
{
	struct http_resp *r = api_get(sb, "/v1/queues", token);
	const char *name;

	expect_status(r, 200);
	name = jstr(r->json, "items[0].name");
	expect_true(name != NULL, r);
	return sb_fmt(sb, "%s", name);
}

struct tmux *e2e_open(struct sb *sb, const char *user, int cols, int rows,
		      const char *const extra_env[])
{
	const char *home = cli_home_login(sb, user);
	const char *first = e2e_first_queue(sb, login(sb, user));
	struct tmux *t = tmux_start(sb, home, cols, rows, extra_env, NULL);

	/* its first word: at 80 columns a long name ends in "…" */
	tmux_expect(t, e2e_rx(sb, sb_fmt(sb, "%.*s", (int)strcspn(first, " "),
					 first)), E2E_WAIT);
	tmux_expect(t, sb_fmt(sb, "%s@", user), E2E_WAIT);
	return t;
}

const char *e2e_selected(struct tmux *t, const char *screen)
{
	int row = tmux_find_row(screen, "^›");

	return row < 0 ? "" : tmux_row(t, screen, row);
}

const char *e2e_move(struct tmux *t, const char *key)
{
	struct sb *sb = tmux_sb(t);
	const char *sel = e2e_selected(t, tmux_screen(t));
	const char *after;

	tmux_keys(t, key);
	/* until the old selected row, whole, is no longer on the screen */
	after = *sel ? tmux_wait_not(t, sb_fmt(sb, "^%s$", e2e_rx(sb, sel)),
				     E2E_WAIT) :
		tmux_wait(t, "^›", E2E_WAIT);
	if (!after) {
		fprintf(stderr, "after %s the selection stayed on:\n%s\n"
			"the screen:\n%s", key, sel, tmux_screen(t));
		fail_msg("%s did not move the selection", key);
	}
	/* the row may have been half drawn when captured: read it again */
	return tmux_screen(t);
}

const char *e2e_select(struct tmux *t, const char *ere, int max)
{
	const char *s = tmux_screen(t);

	for (int i = 0;; i++) {
		const char *sel = e2e_selected(t, s);

		if (*sel && tmux_match(sel, ere))
			return s;
		if (i == max)
			break;
		s = e2e_move(t, "j");
	}
	fprintf(stderr, "no row matching /%s/ within %d rows; the screen:\n%s",
		ere, max, s);
	fail_msg("cannot select /%s/", ere);
	return NULL;
}

const char *e2e_open_queue(struct tmux *t, const char *name)
{
	e2e_select(t, e2e_rx(tmux_sb(t), name), 12);
	tmux_keys(t, "Enter");
	tmux_expect(t, "^›.*" E2E_NUMBER, E2E_WAIT);
	/* the first row can be drawn before the rest of its page: the
	 * screen is taken once nothing loads any more */
	tmux_wait_not(t, "(loading|requests under way)", E2E_WAIT);
	return tmux_screen(t);
}

const char *e2e_menu_key(struct tmux *t, const char *screen,
			 const char *label)
{
	struct sb *sb = tmux_sb(t);
	/* "› 2 In progress   │", "1 Lars Åkesson (lars)" */
	const char *ere = sb_fmt(sb, "([1-9]) %s( \\(| *│| *$)",
				 e2e_rx(sb, label));
	regex_t re;
	regmatch_t m[2];
	int rc;

	if (regcomp(&re, ere, REG_EXTENDED | REG_NEWLINE) != 0)
		fail_msg("not a regular expression: %s", ere);
	rc = regexec(&re, screen, 2, m, 0);
	regfree(&re);
	if (rc != 0) {
		fprintf(stderr, "no menu entry '%s' on the screen:\n%s", label,
			screen);
		fail_msg("no menu entry '%s'", label);
	}
	return sb_fmt(sb, "%c", screen[m[1].rm_so]);
}

/* ---- reading screens ---------------------------------------------------- */

int e2e_count_rows(const char *screen, const char *ere)
{
	regex_t re;
	int n = 0;

	if (regcomp(&re, ere, REG_EXTENDED | REG_NOSUB) != 0)
		fail_msg("not a regular expression: %s", ere);
	for (const char *p = screen; *p;) {
		size_t len = strcspn(p, "\n");
		char *row = strndup(p, len);

		if (row && regexec(&re, row, 0, NULL, 0) == 0)
			n++;
		free(row);
		p += len + (p[len] ? 1 : 0);
	}
	regfree(&re);
	return n;
}

int e2e_widest(const char *screen)
{
	int widest = 0, w = 0;

	for (const unsigned char *p = (const unsigned char *)screen; *p; p++) {
		if (*p == '\n') {
			w = 0;
			continue;
		}
		if ((*p & 0xC0) != 0x80)
			w++;
		if (w > widest)
			widest = w;
	}
	return widest;
}

/* Call fn for every parameter of every SGR sequence; true as soon as
 * it says so. */
static bool sgr_any(const char *s, bool (*fn)(int param, int arg), int arg)
{
	for (const char *p = s; (p = strstr(p, "\033[")); ) {
		const char *q = p + 2;
		size_t len = strspn(q, "0123456789;:");

		if (q[len] != 'm') {
			p = q;
			continue;
		}
		if (len == 0 && fn(0, arg))
			return true;
		for (const char *r = q; r < q + len;) {
			int v = atoi(r);

			if (fn(v, arg))
				return true;
			r += strspn(r, "0123456789");
			if (r < q + len)
				r++;
		}
		p = q + len + 1;
	}
	return false;
}

static bool is_colour(int v, int arg)
{
	(void)arg;
	/* 39 and 49 put the terminal's own colours back: not a colour */
	return (v >= 30 && v <= 48 && v != 39) ||
	       (v >= 90 && v <= 107);
}

static bool is_attr(int v, int arg)
{
	return v == arg;
}

bool e2e_has_colour(const char *esc_screen)
{
	return sgr_any(esc_screen, is_colour, 0);
}

bool e2e_has_attr(const char *esc_screen, int n)
{
	return sgr_any(esc_screen, is_attr, n);
}

/* ---- the platform ---------------------------------------------------------- */

json_t *e2e_cases(struct sb *sb, const char *token, const char *path)
{
	json_t *all = json_array();
	const char *next = NULL;

	sb_keep_json(sb, all);
	do {
		const char *p = next ? sb_fmt(sb, "%s%scursor=%s", path,
					      strchr(path, '?') ? "&" : "?",
					      url_enc(sb, next)) : path;
		struct http_resp *r = api_get(sb, p, token);

		expect_status(r, 200);
		json_array_extend(all, jget(r->json, "items"));
		next = jstr(r->json, "next");
		next = next ? sb_fmt(sb, "%s", next) : NULL;
	} while (next);
	return all;
}

json_t *e2e_events(struct sb *sb, const char *token, int64_t id,
		   const char *type)
{
	json_t *all = e2e_cases(sb, token, sb_fmt(sb, "/v1/cases/%lld/events"
						  "?limit=200", (long long)id));
	json_t *out = json_array();
	size_t i;
	json_t *e;

	sb_keep_json(sb, out);
	json_array_foreach(all, i, e) {
		const char *ty = jstr(e, "type");

		if (ty && strcmp(ty, type) == 0)
			json_array_append(out, e);
	}
	return out;
}

/* ---- translations -------------------------------------------------------- */

/* The string of a po line ("…" with escapes) appended to *acc. */
static void po_append(char **acc, const char *line)
{
	const char *q = strchr(line, '"');
	size_t len = *acc ? strlen(*acc) : 0;

	if (!q)
		return;
	char *grown = realloc(*acc, len + strlen(q) + 1);
	if (!grown)
		fail_msg("out of memory");
	*acc = grown;
	char *o = *acc + len;
	for (q++; *q && *q != '"'; q++) {
		if (*q == '\\' && q[1]) {
			q++;
			*o++ = *q == 'n' ? '\n' : *q == 't' ? '\t' : *q;
		} else {
			*o++ = *q;
		}
	}
	*o = '\0';
}

const char *e2e_sv(struct sb *sb, const char *msgid)
{
	const char *src = getenv("AKT_SRCDIR");
	char path[1024], line[4096];
	char *id = NULL, *str = NULL, **cur = NULL;
	bool fuzzy = false, ctxt = false;
	const char *found = NULL;
	FILE *f;

	snprintf(path, sizeof path, "%s/po/sv.po", src && *src ? src : ".");
	f = fopen(path, "r");
	if (!f)
		fail_msg("%s: cannot be read", path);
	for (bool more = true; more;) {
		more = fgets(line, sizeof line, f) != NULL;
		bool blank = !more || line[0] == '\n' || line[0] == '\r';

		if (blank || (strncmp(line, "msgid ", 6) == 0 && str)) {
			/* the end of an entry */
			if (id && str && !found && !fuzzy && !ctxt && *str &&
			    strcmp(id, msgid) == 0)
				found = sb_fmt(sb, "%s", str);
			free(id);
			free(str);
			id = str = NULL;
			cur = NULL;
			if (blank)
				fuzzy = ctxt = false;
		}
		if (!more)
			break;
		if (strncmp(line, "#,", 2) == 0 && strstr(line, "fuzzy"))
			fuzzy = true;
		else if (strncmp(line, "msgctxt", 7) == 0)
			ctxt = true;
		else if (strncmp(line, "msgid ", 6) == 0) {
			cur = &id;
			po_append(cur, line);
		} else if (strncmp(line, "msgstr ", 7) == 0) {
			cur = &str;
			str = calloc(1, 1);
			po_append(cur, line);
		} else if (line[0] == '"' && cur) {
			po_append(cur, line);
		} else if (strncmp(line, "msgid_plural", 12) == 0 ||
			   strncmp(line, "msgstr[", 7) == 0) {
			cur = NULL;   /* plural forms: not looked up here */
		}
	}
	free(id);
	free(str);
	fclose(f);
	return found;
}

/* ---- drafts and the outbox on disk ---------------------------------------- */

const char *e2e_store(struct sb *sb, const char *home)
{
	return sb_fmt(sb, "%s/data/akt", home);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir ending in suffix (any name when NULL), sorted and
 * NULL-terminated, owned by sb. Names starting with '.' (temporary
 * files, locks) are left out; a missing directory has none. */
static const char **names_in(struct sb *sb, const char *dir,
			     const char *suffix)
{
	DIR *d = opendir(dir);
	const char **names = NULL;
	size_t n = 0, sl = suffix ? strlen(suffix) : 0;
	struct dirent *e;

	while (d && (e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.' ||
		    (suffix && (len <= sl ||
				strcmp(e->d_name + len - sl, suffix) != 0)))
			continue;
		const char **grown = realloc(names, (n + 1) * sizeof(*names));

		if (!grown)
			fail_msg("out of memory");
		names = grown;
		names[n++] = sb_fmt(sb, "%s", e->d_name);
	}
	if (d)
		closedir(d);
	const char **out = calloc(n + 1, sizeof(*out));

	if (!out)
		fail_msg("out of memory");
	if (n)
		memcpy(out, names, n * sizeof(*out));
	free(names);
	qsort(out, n, sizeof(*out), by_name);
	sb_keep(sb, (char *)out);
	return out;
}

json_t *e2e_records(struct sb *sb, const char *home, const char *box)
{
	const char *dir = sb_fmt(sb, "%s/%s", e2e_store(sb, home), box);
	const char **names = names_in(sb, dir, ".draft");
	json_t *all = json_array();

	sb_keep_json(sb, all);
	for (size_t i = 0; names[i]; i++) {
		const char *path = sb_fmt(sb, "%s/%s", dir, names[i]);
		size_t stem = strlen(names[i]) - strlen(".draft");
		json_error_t jerr;
		json_t *o = json_load_file(path, 0, &jerr);

		if (!o) {
			/* gone meanwhile (sent, moved): not a torn file */
			if (access(path, F_OK) != 0)
				continue;
			fail_msg("%s is not a complete record: %s (line %d)",
				 path, jerr.text, jerr.line);
		}
		json_array_append_new(all, o);
		if (!json_is_object(o) || jint(o, "format") == JINT_NONE ||
		    !jstr(o, "kind") || !jstr(o, "key") || !jstr(o, "text") ||
		    !jstr(o, "id") || strlen(jstr(o, "id")) != stem ||
		    strncmp(jstr(o, "id"), names[i], stem) != 0)
			fail_msg("%s is not a complete record (format, id as "
				 "its name, kind, key and text)", path);
	}
	return all;
}

int e2e_corrupt_count(struct sb *sb, const char *home)
{
	const char **names = names_in(sb, sb_fmt(sb, "%s/corrupt",
						 e2e_store(sb, home)), NULL);
	int n = 0;

	while (names[n])
		n++;
	return n;
}

/*
 * ui_script.c — driving the client from a file of keys (AKT_SCRIPT), for
 * tests that see the screen exactly as an officer would, and saving the
 * screen's text (:save-display).
 *
 * Each line is keys in the notation of keys.h ("j", "<C-d>", "ö");
 * a line starting with ':' is a command line and gets its Enter; '#'
 * starts a comment line; blank lines are skipped. The commands for the
 * test itself (:save-display FILE, :sleep MS, :resize COLS ROWS) run
 * directly, leaving the screen's messages and questions as they are.
 */
#include "ui_core.h"
#include "akt/buf.h"
#include "akt/reveal.h"
#include "akt/utf8.h"
#include "akt/xalloc.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

/* A step is a key, or a command run as it is: the commands that serve
 * the test itself (save-display, sleep, resize) must not be typed, or
 * the ':' would clear the very message the test wants to see. */
struct step {
	akt_key key;
	char *command;
};

struct ui_script {
	struct step *steps;
	size_t n, next;
};

static void push_step(struct ui_script *s, akt_key k, char *command)
{
	s->steps = xreallocarray(s->steps, s->n + 1, sizeof(*s->steps));
	s->steps[s->n].key = k;
	s->steps[s->n++].command = command;
}

static void push(struct ui_script *s, akt_key k)
{
	push_step(s, k, NULL);
}

static bool direct_command(const char *line, size_t len)
{
	static const char *const direct[] = { ":save-display ", ":sleep ",
					      ":resize " };

	for (size_t i = 0; i < AKT_LEN(direct); i++)
		if (len > strlen(direct[i]) &&
		    strncmp(line, direct[i], strlen(direct[i])) == 0)
			return true;
	return false;
}

/* One line into keys; false with *err naming what is wrong. */
static bool parse_line(struct ui_script *s, const char *line, size_t len,
		       const char *path, int lineno, char **err)
{
	size_t i = 0;
	bool command = len && line[0] == ':';

	if (direct_command(line, len)) {
		push_step(s, AKT_KEY_NONE, xstrndup(line + 1, len - 1));
		return true;
	}

	while (i < len) {
		akt_key k;

		if (line[i] == '<' && !command) {
			size_t end = i + 1;

			while (end < len && line[end] != '>')
				end++;
			if (end < len) {
				char *name = xstrndup(line + i, end - i + 1);
				bool ok = akt_key_parse(name, &k);

				if (!ok) {
					*err = xasprintf("%s:%d: unknown key "
							 "'%s'", path, lineno,
							 name);
					free(name);
					return false;
				}
				free(name);
				push(s, k);
				i = end + 1;
				continue;
			}
		}
		uint32_t cp;

		i += akt_utf8_decode(line + i, len - i, &cp);
		if (cp == AKT_UTF8_BAD) {
			*err = xasprintf("%s:%d: not UTF-8", path, lineno);
			return false;
		}
		push(s, (akt_key)cp);
	}
	if (command)
		push(s, '\r');
	return true;
}

struct ui_script *ui_script_load(const char *path, char **err)
{
	FILE *f = fopen(path, "r");
	struct ui_script *s;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0;

	if (!f) {
		*err = xasprintf("cannot read the script %s: %s", path,
				 strerror(errno));
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' ||
				   line[len - 1] == '\r'))
			len--;
		if (len == 0 || line[0] == '#')
			continue;
		if (!parse_line(s, line, (size_t)len, path, lineno, err)) {
			free(line);
			fclose(f);
			ui_script_free(&s);
			return NULL;
		}
	}
	free(line);
	fclose(f);
	return s;
}

void ui_script_free(struct ui_script **s)
{
	if (!*s)
		return;
	for (size_t i = 0; i < (*s)->n; i++)
		free((*s)->steps[i].command);
	free((*s)->steps);
	xfree(s);
}

bool ui_script_next(struct ui_script *s, akt_key *k, const char **command)
{
	if (s->next >= s->n)
		return false;
	*k = s->steps[s->next].key;
	*command = s->steps[s->next++].command;
	return true;
}

bool ui_save_display(const char *path, char **err)
{
	struct akt_buf b;
	wchar_t *row = xcalloc((size_t)COLS + 1, sizeof(*row));
	bool ok;
	int fd;

	akt_buf_init(&b, SIZE_MAX);
	for (int y = 0; y < LINES; y++) {
		int n = mvinnwstr(y, 0, row, COLS), end;

		if (n < 0)
			n = 0;
		row[n] = 0;
		end = n;
		while (end > 0 && row[end - 1] == L' ')
			end--;
		for (int i = 0; i < end; i++) {
			char u[AKT_UTF8_MAXLEN];
			size_t k = akt_utf8_encode((uint32_t)row[i], u);

			akt_buf_add(&b, u, k);
		}
		akt_buf_add(&b, "\n", 1);
	}
	free(row);
	/* a number revealed on purpose is for the screen, never a file */
	if (b.data)
		akt_pin_mask(b.data);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	/* the screen shows personal data: private, even over an old file */
	ok = fd >= 0 && fchmod(fd, 0600) == 0 &&
	     write(fd, b.data, b.len) == (ssize_t)b.len;
	if (!ok)
		*err = xasprintf("cannot write %s: %s", path, strerror(errno));
	if (fd >= 0 && close(fd) != 0 && ok) {
		*err = xasprintf("cannot write %s: %s", path, strerror(errno));
		ok = false;
	}
	akt_buf_free_secret(&b);
	return ok;
}

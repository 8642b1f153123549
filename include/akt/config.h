/*
 * config.h — options, their table and the config file.
 *
 * The file holds lines "set NAME = VALUE" and "#" comments. The option
 * table below is the single description of every option: the parser,
 * the defaults (written in the same language and parsed like the file),
 * 'akt help config' and the manual all follow it.
 *
 * Lines "bind SCREEN KEY ACTION" and "color OBJECT FG BG [ATTR...]" belong
 * to the full-screen client: the parser keeps them, in order, for it to
 * apply (keys.h, theme.h) and report with their file and line; the
 * command-line commands ignore them.
 */
#ifndef AKT_CONFIG_H
#define AKT_CONFIG_H

#include "akt/base.h"

enum akt_token_store {
	AKT_TOKENS_FILE,    /* kept in a 0600 file between runs */
	AKT_TOKENS_NONE,    /* only in memory, for this run */
};

enum akt_tls_verify {
	AKT_TLS_VERIFY,     /* the platform's certificate is checked */
	AKT_TLS_NO_VERIFY,  /* not checked: warned on every start */
};

struct akt_config {
	char *server;           /* platform URL; "" = not set */
	int token_store;        /* enum akt_token_store */
	long connect_timeout;   /* seconds */
	long request_timeout;   /* seconds, whole request */
	long low_speed_time;    /* seconds without a byte = stalled; 0 = off */
	long max_body;          /* bytes of one answer */
	char *ca_file;          /* CA bundle; "" = the system's */
	int tls_verify;         /* enum akt_tls_verify */
	char *user;             /* user name for password logins; "" = none */
	char *credential_command;   /* prints the password; "" = none */
	char *theme;            /* a theme's name, or a file with a '/' */
	long lock_after;        /* minutes without a key to the lock; 0 = off */
	char *open_command;     /* opens a document; "" = see
				 * akt_config_open_command */
	long history_size;      /* command lines kept in the history */
	char *editor;           /* "internal", "external" or a command */
	struct akt_config_line *lines;  /* bind and color lines, in order */
	size_t nlines;
};

/* One "bind" or "color" line of the file. */
struct akt_config_line {
	char *where;            /* "FILE:LINE", for messages */
	char *kind;             /* "bind" or "color" */
	char *text;             /* the words after the kind, as written
				 * (a trailing comment included) */
};

enum akt_opt_type {
	AKT_OPT_URL,
	AKT_OPT_PATH,
	AKT_OPT_SECONDS,
	AKT_OPT_MINUTES,
	AKT_OPT_NUMBER,         /* a count */
	AKT_OPT_BYTES,
	AKT_OPT_CHOICE,
	AKT_OPT_STRING,         /* one line of text */
	AKT_OPT_COMMAND,        /* a command for /bin/sh -c */
};

struct akt_option {
	const char *name;
	enum akt_opt_type type;
	size_t offset;          /* of the field in struct akt_config */
	const char *value;      /* default, as it would be written in the file */
	long min, max;          /* SECONDS, MINUTES, NUMBER and BYTES;
				 * STRING, COMMAND: min 1 = not empty */
	const char *choices;    /* CHOICE: "a|b", stored as the index */
	const char *help;
};

extern const struct akt_option akt_options[];
extern const size_t akt_noptions;

/* Defaults from the table. */
void akt_config_init(struct akt_config *cfg);
void akt_config_clear(struct akt_config *cfg);

/* Set one option from its text form; false with *err on a bad value. */
bool akt_config_set(struct akt_config *cfg, const char *name,
		    const char *value, char **err);

/*
 * Each line of text (its line break and a '\r' before it dropped, in a
 * copy fn may change) goes to fn, which returns a message (malloc'd) or
 * NULL. The messages are gathered into *err, one "WHERE:LINE: message"
 * per line; false if there was any. The config and themes read so.
 */
typedef char *akt_line_fn(char *line, unsigned lineno, void *arg);
bool akt_lines_parse(const char *text, const char *where, akt_line_fn *fn,
		     void *arg, char **err);

/*
 * Parse config text; 'where' names it in messages ("FILE:LINE: ...").
 * Every bad line is reported, one per line of *err; false if any.
 */
bool akt_config_parse(struct akt_config *cfg, const char *text,
		      const char *where, char **err);

/*
 * Read and parse a file. A missing file is fine unless must_exist. A file
 * that group or others may write, or that another user owns, is refused:
 * whoever can change it can point akt, and the password, elsewhere.
 */
bool akt_config_load(struct akt_config *cfg, const char *path,
		     bool must_exist, char **err);

/*
 * Read a text file of settings (at most 1 MiB) with the checks of
 * akt_config_load: *text is malloc'd, or NULL when the file is missing
 * and that is fine. 'what' names it in messages ("config", "theme"), and
 * 'why' says what whoever can change it could do ("could redirect your
 * login").
 */
bool akt_config_read(const char *path, const char *what, const char *why,
		     bool must_exist, char **text, char **err);

/*
 * The command that opens a saved document: open_command when set, else
 * "xdg-open" when there is a graphical display (DISPLAY or
 * WAYLAND_DISPLAY set), else NULL: documents can only be saved. It is
 * run with /bin/sh -c, with the file's name as its last argument
 * (the command followed by "$@").
 */
const char *akt_config_open_command(const struct akt_config *cfg);

/* $XDG_CONFIG_HOME/akt/config, else ~/.config/akt/config; NULL if no home. */
char *akt_config_path(void);

/* Environment overrides: AKT_SERVER replaces server. */
bool akt_config_env(struct akt_config *cfg, char **err);

/*
 * Check a platform URL and normalize it (no trailing slash) into *out.
 * http is accepted only for loopback hosts: tokens and passwords never
 * cross a network in clear.
 */
bool akt_server_check(const char *url, char **out, char **err);

/* The kind of value an option takes, as the manual names it:
 * "url", "file", "seconds", "minutes", "number", "size", "text",
 * "command", or the choices "file|none". */
const char *akt_option_kind(const struct akt_option *opt);

/* Text of an option's current value, for 'akt help config'. */
char *akt_config_show(const struct akt_config *cfg,
		      const struct akt_option *opt);

#endif

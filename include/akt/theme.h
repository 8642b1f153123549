/*
 * theme.h — colours and attributes of what the full-screen client draws.
 *
 * AKT_THEME_OBJECTS is the list of things a theme colours; man/akt-themes.5
 * lists the same (a test holds them together). A theme is a file of lines
 * "color OBJECT FG BG [ATTR…]" ('#' starts a comment), the same line the
 * config file takes. Colours: default, black, red, green, yellow, blue,
 * magenta, cyan, white, their bright- forms (bright-red …), and color0 …
 * color255. Attributes: normal, bold, dim, underline, reverse, standout,
 * italic, blink.
 *
 * Colour never carries meaning alone: whatever a colour marks is also in
 * the text (a status word, a tag mark, the "›" of the selected row). The
 * selected row is reversed too: cursor and popup-cursor always get
 * reverse, whatever a theme says.
 */
#ifndef AKT_THEME_H
#define AKT_THEME_H

#include "akt/i18n.h"

/* X(ID, "name", help) */
#define AKT_THEME_OBJECTS(X) \
	X(TEXT, "text", N_("ordinary text of lists and pages")) \
	X(TITLE, "title", N_("the title line at the top")) \
	X(HEADER, "header", N_("column headings")) \
	X(CURSOR, "cursor", N_("the selected row")) \
	X(TAGGED, "tagged", N_("tagged rows")) \
	X(UNREAD, "unread", N_("rows and marks of unread messages")) \
	X(OVERDUE, "overdue", N_("deadlines that have passed")) \
	X(SUBMITTED, "status-submitted", N_("statuses of category Inskickat")) \
	X(REGISTERED, "status-registered", \
	  N_("statuses of category Registrerat")) \
	X(IN_PROGRESS, "status-in-progress", \
	  N_("statuses of category Under handläggning")) \
	X(CLOSED, "status-closed", N_("statuses of category Avslutat")) \
	X(LABEL, "label", N_("labels in a case's header and pages")) \
	X(DIM, "dim", N_("secondary text: dates, counts, hints")) \
	X(TAB, "tab", N_("tab names")) \
	X(TAB_ACTIVE, "tab-active", N_("the tab shown")) \
	X(STATUS_BAR, "status-bar", N_("the status bar")) \
	X(OFFLINE, "offline", N_("the connection state when not online")) \
	X(MESSAGE, "message", N_("messages on the bottom line")) \
	X(ERROR, "error", N_("error messages")) \
	X(PROMPT, "prompt", N_("the command line and prompts")) \
	X(POPUP, "popup", N_("menus and questions")) \
	X(POPUP_CURSOR, "popup-cursor", N_("the selected menu entry")) \
	X(LOCK, "lock", N_("the lock screen"))

enum akt_theme_obj {
#define AKT_X_ENUM(id, name, help) AKT_T_##id,
	AKT_THEME_OBJECTS(AKT_X_ENUM)
#undef AKT_X_ENUM
	AKT_T_COUNT
};

struct akt_theme_object_info {
	const char *name;
	const char *help;
};
extern const struct akt_theme_object_info akt_theme_objects[AKT_T_COUNT];

/* One object's look: colours -1 = the terminal's default, 0..255. */
struct akt_style {
	short fg, bg;
	unsigned attrs;          /* AKT_ATTR_* */
};

#define AKT_ATTR_BOLD      0x01u
#define AKT_ATTR_DIM       0x02u
#define AKT_ATTR_UNDERLINE 0x04u
#define AKT_ATTR_REVERSE   0x08u
#define AKT_ATTR_STANDOUT  0x10u
#define AKT_ATTR_ITALIC    0x20u
#define AKT_ATTR_BLINK     0x40u

struct akt_theme {
	char *name;
	struct akt_style style[AKT_T_COUNT];
	bool mono;               /* ignore colours, attributes only */
};

/* The shipped themes, compiled in: "default", "light", "high-contrast",
 * "mono". */
extern const char *const akt_theme_builtin_names[];
extern const size_t akt_theme_nbuiltin;

/* Start from the compiled-in default theme. */
void akt_theme_init(struct akt_theme *t);
void akt_theme_clear(struct akt_theme *t);

/* The object named so ("status-bar"), or -1. */
int akt_theme_object_find(const char *name);

/* Apply one "color …" line (the words after "color"); false with *err. */
bool akt_theme_color(struct akt_theme *t, const char *line, char **err);

/*
 * Parse theme text on top of t; 'where' names it in messages
 * ("FILE:LINE: …"); every bad line is reported, one per line of *err.
 */
bool akt_theme_parse(struct akt_theme *t, const char *text,
		     const char *where, char **err);

/*
 * Load a theme by name into t (from akt_theme_init, or zeroed):
 * $XDG_CONFIG_HOME/akt/themes/NAME.theme (or
 * ~/.config/…) when it exists, else a shipped one. A name with a '/' is
 * a file ("~/" is the home directory). A file that others may change is
 * refused, like the config file. Starts from the default theme; "mono"
 * sets t->mono. False with *err naming the theme and what is wrong (one
 * line per bad line of the file); t is then unchanged.
 */
bool akt_theme_load(struct akt_theme *t, const char *name, char **err);

/*
 * The theme to start with: "mono" when NO_COLOR is set and not empty
 * (no-color.org) or the terminal has no colours, else the configured
 * one ("default" when that is empty). `:theme NAME` may still switch
 * later; colours stay off then.
 */
const char *akt_theme_start_name(const char *configured, bool has_colors);

#endif

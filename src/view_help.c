/*
 * view_help.c — the help screen: the keys of the screen it was opened
 * from, read from the key table and the bindings in force, then the ':'
 * commands from their table. Nothing here is written by hand twice.
 */
#include "ui_core.h"
#include "akt/buf.h"
#include "akt/ui_cmd.h"
#include "akt/views.h"
#include "akt/xalloc.h"

void view_help_open(struct ui *ui, enum akt_screen screen)
{
	struct akt_buf b;
	char *title;

	akt_buf_init(&b, SIZE_MAX);
	akt_buf_printf(&b, "%s\n\n", _("Keys"));
	for (int a = 0; a < AKT_A_COUNT; a++) {
		const struct akt_action_info *info = &akt_actions[a];
		char *keys;

		if (!(info->screens & (AKT_S(GENERIC) | (1u << screen))))
			continue;
		keys = akt_keymap_keys(ui->keys, screen, (enum akt_action)a);
		if (*keys)
			akt_buf_printf(&b, "  %-18s %-16s %s\n", keys,
				       info->name, _(info->help));
		free(keys);
	}
	akt_buf_printf(&b, "\n%s\n\n", _("Commands (type : first)"));
	for (size_t i = 0; i < ui_ncmds; i++) {
		char *cmd = xasprintf("%s %s", ui_cmds[i].name,
				      ui_cmds[i].args);

		akt_buf_printf(&b, "  :%-30s %s\n", cmd, _(ui_cmds[i].help));
		free(cmd);
	}
	title = xasprintf(_("Help: %s"), akt_screen_name(screen));
	ui_show_text(ui, title, akt_buf_str(&b));
	free(title);
	akt_buf_free(&b);
}

void ui_help_open(struct ui *ui)
{
	enum akt_screen s = ui->view ? ui->view->ops->screen :
		AKT_SCR_GENERIC;

	/* Help on the help screen stays where it is. */
	if (s == AKT_SCR_HELP)
		return;
	view_help_open(ui, s);
}

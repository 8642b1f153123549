/*
 * editor_run.c — running the officer's own editor on a file: which
 * command, and starting and waiting for it with the terminal.
 */
#include "akt/editor_run.h"
#include "akt/child.h"
#include "akt/i18n.h"
#include "akt/xalloc.h"

#include <fcntl.h>
#include <signal.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *env_editor(void)
{
	const char *v = getenv("VISUAL");

	if (v && *v)
		return v;
	v = getenv("EDITOR");
	return v && *v ? v : NULL;
}

char *akt_editor_command(const struct akt_config *cfg, bool fallback)
{
	const char *e = cfg->editor, *env = env_editor();

	if (!e || !*e || strcmp(e, "internal") == 0) {
		if (!fallback)
			return NULL;
		return xstrdup(env ? env : "vi");
	}
	if (strcmp(e, "external") == 0)
		return xstrdup(env ? env : "vi");
	return xstrdup(e);
}

pid_t akt_editor_spawn(const char *cmd, const char *file, char **err)
{
	char *script = xasprintf("%s \"$@\"", cmd);
	char *argv[] = { "sh", "-c", script, "sh", (char *)file, NULL };
	long maxfd = akt_child_maxfd();
	char **env = akt_child_env();
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		/* only async-signal-safe calls from here on */
		akt_child_reset(maxfd);
		execve("/bin/sh", argv, env);
		_exit(127);
	}
	if (pid < 0)
		*err = xasprintf(_("cannot start the editor: %s"),
				 strerror(errno));
	free(env);
	free(script);
	return pid < 0 ? -1 : pid;
}

bool akt_editor_status(int status, char **err)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return true;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		*err = xstrdup(_("the editor could not be started (exit 127: "
				 "not found?); check 'editor' in the config"));
	else if (WIFEXITED(status))
		*err = xasprintf(_("the editor ended with status %d"),
				 WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		*err = xasprintf(_("the editor was ended by signal %d"),
				 WTERMSIG(status));
	else
		*err = xstrdup(_("the editor ended abnormally"));
	return false;
}

bool akt_editor_wait(pid_t pid, char **err)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			*err = xasprintf(_("cannot wait for the editor: %s"),
					 strerror(errno));
			return false;
		}
	}
	return akt_editor_status(status, err);
}

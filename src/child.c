/*
 * child.c — what every program akt starts is stripped of.
 */
#include "akt/child.h"
#include "akt/xalloc.h"

#include <signal.h>
#include <strings.h>
#include <unistd.h>

extern char **environ;

/* akt's own settings, and anything that looks like a credential */
static bool private_var(const char *kv)
{
	static const char *const words[] = { "TOKEN", "SECRET", "PASSWORD",
					     "PASSWD", "CREDENTIAL" };
	size_t nlen = strcspn(kv, "=");

	if (strncmp(kv, "AKT_", 4) == 0)
		return true;
	for (size_t i = 0; i < AKT_LEN(words); i++) {
		size_t wl = strlen(words[i]);

		for (size_t k = 0; k + wl <= nlen; k++)
			if (strncasecmp(kv + k, words[i], wl) == 0)
				return true;
	}
	return false;
}

char **akt_child_env(void)
{
	size_t n = 0, k = 0;
	char **env;

	while (environ[n])
		n++;
	env = xcalloc(n + 1, sizeof(*env));
	for (size_t i = 0; i < n; i++)
		if (!private_var(environ[i]))
			env[k++] = environ[i];
	return env;
}

long akt_child_maxfd(void)
{
	long maxfd = sysconf(_SC_OPEN_MAX);

	return maxfd < 0 || maxfd > 65536 ? 65536 : maxfd;
}

void akt_child_reset(long maxfd)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int s = 1; s < NSIG; s++)
		signal(s, SIG_DFL);
	for (int fd = 3; fd < maxfd; fd++)
		close(fd);
}

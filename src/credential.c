/*
 * credential.c — running credential_command: a child with its standard
 * output on a pipe that the event loop watches, and a timer for the
 * time limit.
 */
#include "akt/credential.h"
#include "akt/buf.h"
#include "akt/password.h"
#include "akt/xalloc.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

/* More output than this is not a password manager answering. */
#define OUTPUT_MAX (64 * 1024)
/* How often to look for the exit once the output has ended. */
#define REAP_MS 10

extern char **environ;

struct akt_credential {
	struct akt_loop *loop;
	pid_t pid;
	int fd;                  /* read end of its stdout; -1 at the end */
	struct akt_watch *watch;
	struct akt_timer *timer;
	int64_t deadline;
	struct akt_buf out;
	bool too_much;
	akt_credential_cb *cb;
	void *arg;
	char *start_err;         /* could not start: reported from the loop */
};

char *akt_credential_parse(const char *out, size_t len, char **err)
{
	size_t n = 0;

	while (n < len && out[n] != '\n')
		n++;
	if (n > 0 && out[n - 1] == '\r')
		n--;
	if (n == 0) {
		*err = xstrdup("credential_command printed no password");
		return NULL;
	}
	if (memchr(out, '\0', n)) {
		*err = xstrdup("credential_command printed a NUL byte");
		return NULL;
	}
	if (n > AKT_PASSWORD_MAX) {
		*err = xasprintf("credential_command printed a password longer "
				 "than %d bytes", AKT_PASSWORD_MAX);
		return NULL;
	}
	return xstrndup(out, n);
}

static void release(struct akt_credential *c)
{
	akt_watch_free(&c->watch);
	akt_timer_free(&c->timer);
	if (c->fd >= 0)
		close(c->fd);
	akt_buf_free_secret(&c->out);
	free(c->start_err);
	free(c);
}

/* The child has exited with status st (or was killed for timing out). */
static void finish(struct akt_credential *c, int st, bool timed_out)
{
	char *password = NULL, *err = NULL;

	if (timed_out)
		err = xasprintf("credential_command took longer than %d seconds; "
				"it was stopped", AKT_CREDENTIAL_TIMEOUT);
	else if (WIFSIGNALED(st))
		err = xasprintf("credential_command was killed by signal %d",
				WTERMSIG(st));
	else if (WEXITSTATUS(st) != 0)
		err = xasprintf("credential_command failed (exit status %d); "
				"check that it prints your password",
				WEXITSTATUS(st));
	else if (c->too_much)
		err = xasprintf("credential_command printed more than %d bytes",
				OUTPUT_MAX);
	else
		password = akt_credential_parse(akt_buf_str(&c->out), c->out.len,
						&err);
	c->cb(password, err, c->arg);
	free(err);
	release(c);
}

/* The whole process group: a password manager's helpers too. */
static void stop_child(struct akt_credential *c)
{
	int st;

	if (c->pid <= 0)
		return;
	kill(-c->pid, SIGKILL);
	while (waitpid(c->pid, &st, 0) < 0 && errno == EINTR)
		;
}

static void on_timer(struct akt_timer *t, void *arg)
{
	struct akt_credential *c = arg;
	int st;
	pid_t p;

	if (c->start_err) {
		c->cb(NULL, c->start_err, c->arg);
		release(c);
		return;
	}
	p = waitpid(c->pid, &st, WNOHANG);

	if (p == c->pid) {
		finish(c, st, false);
		return;
	}
	if (akt_loop_now() >= c->deadline) {
		stop_child(c);
		finish(c, 0, true);
		return;
	}
	/* still reading: wake at the deadline; else look again soon */
	akt_timer_start(t, c->fd >= 0 ? (long)(c->deadline - akt_loop_now()) :
			REAP_MS);
}

static void on_output(struct akt_watch *w, int fd, unsigned events, void *arg)
{
	struct akt_credential *c = arg;
	char chunk[4096];
	ssize_t n = read(fd, chunk, sizeof(chunk));

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n > 0) {
		if (!c->too_much && !akt_buf_add(&c->out, chunk, (size_t)n))
			c->too_much = true;
		explicit_bzero(chunk, sizeof(chunk));
		return;
	}
	/* end of output: the exit comes next */
	akt_watch_free(&c->watch);
	close(c->fd);
	c->fd = -1;
	on_timer(c->timer, c);
}

/* The child's environment: ours, with AKT_USER and AKT_SERVER set. Made
 * before fork, since the child may only call async-signal-safe code. */
static char **child_env(const char *user, const char *server)
{
	size_t n = 0, k = 0;
	char **env;

	while (environ[n])
		n++;
	env = xcalloc(n + 3, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "AKT_USER=", 9) != 0 &&
		    strncmp(environ[i], "AKT_SERVER=", 11) != 0)
			env[k++] = xstrdup(environ[i]);
	if (user)
		env[k++] = xasprintf("AKT_USER=%s", user);
	if (server)
		env[k++] = xasprintf("AKT_SERVER=%s", server);
	return env;
}

static void env_free(char **env)
{
	for (size_t i = 0; env[i]; i++)
		free(env[i]);
	free(env);
}

/* Report a start failure from the loop, never from inside the call:
 * the caller has not even stored the handle yet. */
static struct akt_credential *start_failed(struct akt_credential *c)
{
	c->start_err = xasprintf("cannot run credential_command: %s",
				 strerror(errno));
	akt_timer_start(c->timer, 0);
	return c;
}

struct akt_credential *akt_credential_run(struct akt_loop *loop,
					  const char *command,
					  const char *user, const char *server,
					  akt_credential_cb *cb, void *arg)
{
	char *argv[] = { "sh", "-c", (char *)command, NULL };
	struct akt_credential *c;
	char **env;
	int fds[2];
	pid_t pid;

	c = xcalloc(1, sizeof(*c));
	c->loop = loop;
	c->pid = -1;
	c->fd = -1;
	c->cb = cb;
	c->arg = arg;
	akt_buf_init(&c->out, OUTPUT_MAX);
	c->timer = akt_timer_new(loop, on_timer, c);
	if (pipe2(fds, O_CLOEXEC) != 0)
		return start_failed(c);
	env = child_env(user, server);
	fflush(NULL);       /* nothing buffered twice */
	pid = fork();
	if (pid == 0) {
		struct sigaction dfl;

		memset(&dfl, 0, sizeof(dfl));
		dfl.sa_handler = SIG_DFL;
		/* akt ignores SIGPIPE; a pipeline in the command should not */
		sigaction(SIGPIPE, &dfl, NULL);
		setpgid(0, 0);   /* so a time-out stops all it started */
		if (dup2(fds[1], STDOUT_FILENO) < 0)
			_exit(126);
		closefrom(STDERR_FILENO + 1);
		execve("/bin/sh", argv, env);
		_exit(127);
	}
	env_free(env);
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return start_failed(c);
	}
	c->pid = pid;
	c->fd = fds[0];
	fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
	c->watch = akt_watch_new(loop, c->fd, AKT_EV_READ, on_output, c);
	c->deadline = akt_loop_now() + AKT_CREDENTIAL_TIMEOUT * 1000L;
	akt_timer_start(c->timer, AKT_CREDENTIAL_TIMEOUT * 1000L);
	return c;
}

void akt_credential_cancel(struct akt_credential **cp)
{
	struct akt_credential *c = *cp;

	if (!c)
		return;
	stop_child(c);
	release(c);
	*cp = NULL;
}

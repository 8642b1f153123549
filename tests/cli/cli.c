/* cli.c — running the real akt binary in tests (see cli.h). */
#include "cli.h"

#include <pthread.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The wrapper of this thread's runs (cli_wrap), NULL for none. */
static _Thread_local const char *wrapper;

void cli_wrap(const char *words)
{
	wrapper = words && *words ? words : NULL;
}

const char *cli_home(struct sb *sb)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = NULL;
	if (asprintf(&dir, "%s/akt-home-XXXXXX", tmp && *tmp ? tmp : "/tmp") < 0)
		fail_msg("out of memory");
	if (!mkdtemp(dir))
		fail_msg("mkdtemp: %s", strerror(errno));
	chmod(dir, 0700);
	sb_remove_at_stop(sb, dir);
	return sb_keep(sb, dir);
}

bool cli_drain(int fd, char **buf, size_t *len)
{
	char chunk[8192];
	ssize_t n = read(fd, chunk, sizeof chunk);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n <= 0)
		return false;
	char *grown = realloc(*buf, *len + (size_t)n + 1);
	if (!grown)
		fail_msg("out of memory");
	*buf = grown;
	memcpy(*buf + *len, chunk, (size_t)n);
	*len += (size_t)n;
	(*buf)[*len] = '\0';
	return true;
}

char *cli_slurp(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *buf = NULL;
	size_t len = 0;

	if (fd < 0)
		return NULL;
	while (cli_drain(fd, &buf, &len))
		;
	close(fd);
	return buf ? buf : strdup("");
}

struct cli_proc {
	struct sb *sb;
	pid_t pid;
	int out, err;               /* -1 once at end of file */
	char *obuf, *ebuf;
	size_t olen, elen;
};

/*
 * Start akt with argv in home against the sandbox. Standard input is a
 * pipe whose write end goes to *in, or /dev/null when in is NULL.
 */
static struct cli_proc *spawn(struct sb *sb, const char *home,
			      const char *const extra_env[],
			      const char *const argv[], int *in)
{
	const char *build = getenv("AKT_BUILD");
	char rel[512], exe[4096];
	snprintf(rel, sizeof rel, "%s/akt", build && *build ? build : "build");
	/* absolute: the child runs in the home directory */
	if (!realpath(rel, exe))
		fail_msg("%s: %s", rel, strerror(errno));

	char *env[64];
	int ne = 0;
	const char *path = getenv("PATH");
	if (asprintf(&env[ne++], "HOME=%s", home) < 0 ||
	    asprintf(&env[ne++], "XDG_CONFIG_HOME=%s/config", home) < 0 ||
	    asprintf(&env[ne++], "XDG_STATE_HOME=%s/state", home) < 0 ||
	    asprintf(&env[ne++], "XDG_DATA_HOME=%s/data", home) < 0 ||
	    asprintf(&env[ne++], "XDG_CACHE_HOME=%s/cache", home) < 0 ||
	    asprintf(&env[ne++], "AKT_SERVER=%s", sb_base(sb)) < 0 ||
	    asprintf(&env[ne++], "PATH=%s", path ? path : "/usr/bin:/bin") < 0)
		fail_msg("out of memory");
	env[ne++] = strdup("LANG=C.UTF-8");
	env[ne++] = strdup("TZ=UTC");
	/* sanitizer builds: keep their settings */
	const char *keep[] = {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"};
	for (size_t i = 0; i < sizeof keep / sizeof *keep; i++) {
		const char *v = getenv(keep[i]);
		if (v && asprintf(&env[ne++], "%s=%s", keep[i], v) < 0)
			fail_msg("out of memory");
	}
	/* an extra variable replaces one of the same name set above */
	for (int i = 0; extra_env && extra_env[i] && ne < 62; i++) {
		size_t n = strcspn(extra_env[i], "=") + 1;
		int j = 0;
		while (j < ne && strncmp(env[j], extra_env[i], n) != 0)
			j++;
		if (j < ne)
			free(env[j]);
		else
			ne++;
		env[j] = strdup(extra_env[i]);
	}
	env[ne] = NULL;

	char *args[64], *words = wrapper ? strdup(wrapper) : NULL, *save;
	int na = 0;
	for (char *w = words ? strtok_r(words, " ", &save) : NULL; w && na < 32;
	     w = strtok_r(NULL, " ", &save))
		args[na++] = w;
	args[na++] = exe;
	for (int i = 0; argv[i] && na < 63; i++)
		args[na++] = (char *)argv[i];
	args[na] = NULL;

	int inp[2] = {-1, -1}, out[2], err[2];
	if ((in && pipe2(inp, O_CLOEXEC)) || pipe2(out, O_CLOEXEC) ||
	    pipe2(err, O_CLOEXEC))
		fail_msg("pipe: %s", strerror(errno));
	pid_t pid = fork();
	if (pid < 0)
		fail_msg("fork: %s", strerror(errno));
	if (pid == 0) {
		dup2(in ? inp[0] : open("/dev/null", O_RDONLY), 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		if (chdir(home) != 0)
			_exit(126);
		/* a wrapper is found on PATH; akt's path is absolute */
		execvpe(args[0], args, env);
		_exit(127);
	}
	free(words);
	for (int i = 0; i < ne; i++)
		free(env[i]);
	if (in) {
		close(inp[0]);
		*in = inp[1];
	}
	close(out[1]);
	close(err[1]);
	struct cli_proc *p = calloc(1, sizeof *p);
	p->sb = sb;
	p->pid = pid;
	p->out = out[0];
	p->err = err[0];
	p->obuf = calloc(1, 1);
	p->ebuf = calloc(1, 1);
	return p;
}

struct cli_run *cli_run_env(struct sb *sb, const char *home,
			    const char *stdin_text,
			    const char *const extra_env[],
			    const char *const argv[], double timeout_s)
{
	int in;
	struct cli_proc *p = spawn(sb, home, extra_env, argv, &in);
	if (stdin_text) {
		size_t left = strlen(stdin_text);
		const char *t = stdin_text;
		signal(SIGPIPE, SIG_IGN);
		while (left > 0) {
			ssize_t n = write(in, t, left);
			if (n <= 0)
				break;
			t += n;
			left -= (size_t)n;
		}
	}
	close(in);
	return cli_finish(p, timeout_s);
}

struct cli_run *cli_run(struct sb *sb, const char *home,
			const char *stdin_text, const char *const argv[])
{
	return cli_run_env(sb, home, stdin_text, NULL, argv, 20.0);
}

const char *cli_home_login(struct sb *sb, const char *user)
{
	const char *home = cli_home(sb);
	const char *argv[] = {"login", "--user", user, "--password-stdin", NULL};
	struct cli_run *r = cli_run(sb, home, "demo\n", argv);
	if (r->status != 0)
		fail_msg("akt login --user %s failed (%d): %s", user, r->status,
			 r->err);
	return home;
}

/* ---- runs the test talks to ---- */

struct cli_proc *cli_start(struct sb *sb, const char *home,
			   const char *const extra_env[],
			   const char *const argv[])
{
	return spawn(sb, home, extra_env, argv, NULL);
}

/* Read what is there within wait_ms; false when both pipes ended. */
static bool proc_read(struct cli_proc *p, int wait_ms)
{
	struct pollfd fds[2] = {{p->out, POLLIN, 0}, {p->err, POLLIN, 0}};
	if (p->out < 0 && p->err < 0)
		return false;
	if (poll(fds, 2, wait_ms) < 0 && errno != EINTR)
		return false;
	if (p->out >= 0 && (fds[0].revents & (POLLIN | POLLHUP)) &&
	    !cli_drain(p->out, &p->obuf, &p->olen)) {
		close(p->out);
		p->out = -1;
	}
	if (p->err >= 0 && (fds[1].revents & (POLLIN | POLLHUP)) &&
	    !cli_drain(p->err, &p->ebuf, &p->elen)) {
		close(p->err);
		p->err = -1;
	}
	return true;
}

const char *cli_wait_out(struct cli_proc *p, const char *ere,
			 double timeout_s)
{
	double end = now_s() + timeout_s;
	while (!rx_match(p->obuf, ere)) {
		int left_ms = (int)((end - now_s()) * 1000);
		if (left_ms <= 0 || !proc_read(p, left_ms))
			return NULL;
	}
	return sb_fmt(p->sb, "%s", p->obuf);
}

struct cli_run *cli_finish(struct cli_proc *p, double timeout_s)
{
	double end = now_s() + timeout_s;
	while (p->out >= 0 || p->err >= 0) {
		int left_ms = (int)((end - now_s()) * 1000);
		if (left_ms <= 0) {
			kill(p->pid, SIGKILL);
			break;
		}
		if (!proc_read(p, left_ms))
			break;
	}
	if (p->out >= 0)
		close(p->out);
	if (p->err >= 0)
		close(p->err);
	int st = 0;
	waitpid(p->pid, &st, 0);
	struct cli_run *r = calloc(1, sizeof *r);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	r->out = (char *)sb_keep(p->sb, p->obuf);
	r->out_len = p->olen;
	r->err = (char *)sb_keep(p->sb, p->ebuf);
	r->json = json_loadb(p->obuf, p->olen, 0, NULL);
	if (r->json)
		sb_keep_json(p->sb, r->json);
	sb_keep(p->sb, (char *)r);
	free(p);
	return r;
}

struct cli_bg {
	struct sb *sb;
	const char *home, *stdin_text;
	const char *const *argv;
	struct cli_run *r;
	pthread_t th;
};

static void *bg_main(void *arg)
{
	struct cli_bg *b = arg;

	b->r = cli_run(b->sb, b->home, b->stdin_text, b->argv);
	return NULL;
}

struct cli_bg *cli_run_bg(struct sb *sb, const char *home,
			  const char *stdin_text, const char *const argv[])
{
	struct cli_bg *b = calloc(1, sizeof *b);

	if (!b)
		fail_msg("out of memory");
	b->sb = sb;
	b->home = home;
	b->stdin_text = stdin_text;
	b->argv = argv;
	if (pthread_create(&b->th, NULL, bg_main, b) != 0)
		fail_msg("pthread_create failed");
	return b;
}

struct cli_run *cli_bg_join(struct cli_bg *b)
{
	struct cli_run *r;

	pthread_join(b->th, NULL);
	r = b->r;
	free(b);
	return r;
}

/*
 * tmux.c — akt in a pane of a private tmux server (see tmux.h).
 */
#include "tmux.h"
#include "screen.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define POLL_S 0.05
#define TMUX_CMD_TIMEOUT_S 10.0

struct tmux {
	struct sb *sb;
	char *sock, *conf, *exitfile;
	char **env;                /* NULL-terminated */
	pid_t server;              /* the tmux server, once known */
	pid_t pane;                /* the pane's shell */
	pid_t watchdog;
	int watchdog_fd;           /* its pipe's write end */
	struct tmux *next;         /* the servers still running */
};

static struct tmux *running;
static unsigned serial;

/* ---- running tmux commands ------------------------------------------- */

/*
 * Run tmux -S SOCK ARGS with t's environment; its standard output
 * (malloc'd) in *out and the exit status returned (-1: it did not run
 * or did not end in time). Standard error goes to *err when err is given.
 */
static int run_tmux(struct tmux *t, const char *const args[], char **out,
		    char **err)
{
	const char *argv[40];
	int na = 0, opipe[2], epipe[2], st = 0;
	char *obuf = calloc(1, 1), *ebuf = calloc(1, 1);
	size_t olen = 0, elen = 0;

	if (!obuf || !ebuf)
		fail_msg("out of memory");
	argv[na++] = "tmux";
	argv[na++] = "-S";
	argv[na++] = t->sock;
	for (int i = 0; args[i] && na < 39; i++)
		argv[na++] = args[i];
	argv[na] = NULL;
	if (pipe2(opipe, O_CLOEXEC) || pipe2(epipe, O_CLOEXEC))
		fail_msg("pipe: %s", strerror(errno));
	pid_t pid = fork();
	if (pid < 0)
		fail_msg("fork: %s", strerror(errno));
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);

		dup2(in, 0);
		dup2(opipe[1], 1);
		dup2(epipe[1], 2);
		execvpe("tmux", (char *const *)argv, t->env);
		_exit(127);
	}
	close(opipe[1]);
	close(epipe[1]);
	double end = now_s() + TMUX_CMD_TIMEOUT_S;
	int ofd = opipe[0], efd = epipe[0];
	while (ofd >= 0 || efd >= 0) {
		struct pollfd fds[2] = {{ofd, POLLIN, 0}, {efd, POLLIN, 0}};
		int left = (int)((end - now_s()) * 1000);

		if (left <= 0) {
			kill(pid, SIGKILL);
			break;
		}
		if (poll(fds, 2, left) < 0 && errno != EINTR)
			break;
		if (ofd >= 0 && (fds[0].revents & (POLLIN | POLLHUP)) &&
		    !cli_drain(ofd, &obuf, &olen)) {
			close(ofd);
			ofd = -1;
		}
		if (efd >= 0 && (fds[1].revents & (POLLIN | POLLHUP)) &&
		    !cli_drain(efd, &ebuf, &elen)) {
			close(efd);
			efd = -1;
		}
	}
	if (ofd >= 0)
		close(ofd);
	if (efd >= 0)
		close(efd);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (out)
		*out = obuf;
	else
		free(obuf);
	if (err)
		*err = ebuf;
	else
		free(ebuf);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* A tmux command that must work; its output (malloc'd). */
static char *tmux_must(struct tmux *t, const char *const args[])
{
	char *out = NULL, *err = NULL;
	int rc = run_tmux(t, args, &out, &err);

	if (rc == 127)
		fail_msg("tmux could not be run; the end-to-end tests need it "
			 "installed");
	if (rc != 0) {
		fprintf(stderr, "tmux %s failed (%d): %s\n", args[0], rc, err);
		free(out);
		free(err);
		fail_msg("tmux %s failed", args[0]);
	}
	free(err);
	return out;
}

const char *tmux_cmd(struct tmux *t, const char *const args[])
{
	char *out = NULL;

	if (run_tmux(t, args, &out, NULL) != 0) {
		free(out);
		return NULL;
	}
	return sb_keep(t->sb, out);
}

/* ---- the environment ---------------------------------------------------- */

static void env_set(char ***env, size_t *n, const char *kv)
{
	size_t klen = strcspn(kv, "=");

	for (size_t i = 0; i < *n; i++) {
		if (strncmp((*env)[i], kv, klen) == 0 &&
		    (*env)[i][klen] == '=') {
			free((*env)[i]);
			if (kv[klen] == '=' && kv[klen + 1] == '\0') {
				/* "NAME=": take it out */
				(*env)[i] = (*env)[--*n];
				(*env)[*n] = NULL;
			} else {
				(*env)[i] = strdup(kv);
			}
			return;
		}
	}
	if (kv[klen] == '=' && kv[klen + 1] == '\0')
		return;
	char **grown = realloc(*env, (*n + 2) * sizeof **env);
	if (!grown)
		fail_msg("out of memory");
	*env = grown;
	(*env)[(*n)++] = strdup(kv);
	(*env)[*n] = NULL;
}

/* NAME=value with the value made of two parts */
static void env_setf(char ***env, size_t *n, const char *name,
		     const char *value, const char *suffix)
{
	char *kv = NULL;

	if (asprintf(&kv, "%s=%s%s", name, value, suffix ? suffix : "") < 0)
		fail_msg("out of memory");
	env_set(env, n, kv);
	free(kv);
}

/* The terminal type for the pane: tmux's own entry when the system has
 * it, else the one every system has. */
static const char *pane_term(void)
{
	const char *dirs[] = {getenv("TERMINFO"), "/etc/terminfo",
			      "/lib/terminfo", "/usr/share/terminfo",
			      "/usr/lib/terminfo"};
	char path[PATH_MAX];

	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		if (!dirs[i] || !*dirs[i])
			continue;
		snprintf(path, sizeof path, "%s/t/tmux-256color", dirs[i]);
		if (access(path, R_OK) == 0)
			return "tmux-256color";
		snprintf(path, sizeof path, "%s/74/tmux-256color", dirs[i]);
		if (access(path, R_OK) == 0)
			return "tmux-256color";
	}
	return "screen-256color";
}

static char **make_env(struct sb *sb, const char *home,
		       const char *const extra_env[])
{
	char **env = calloc(1, sizeof *env);
	size_t n = 0;
	const char *path = getenv("PATH");
	char *build = realpath(getenv("AKT_BUILD") && *getenv("AKT_BUILD") ?
			       getenv("AKT_BUILD") : "build", NULL);

	if (!env || !build)
		fail_msg("the build directory: %s", strerror(errno));
	env_setf(&env, &n, "HOME", home, NULL);
	env_setf(&env, &n, "XDG_CONFIG_HOME", home, "/config");
	env_setf(&env, &n, "XDG_STATE_HOME", home, "/state");
	env_setf(&env, &n, "XDG_DATA_HOME", home, "/data");
	env_setf(&env, &n, "XDG_CACHE_HOME", home, "/cache");
	env_setf(&env, &n, "AKT_SERVER", sb_base(sb), NULL);
	env_setf(&env, &n, "AKT_LOCALEDIR", build, "/locale");
	env_setf(&env, &n, "PATH", path ? path : "/usr/bin:/bin", NULL);
	env_set(&env, &n, "LANG=C.UTF-8");
	env_set(&env, &n, "TZ=UTC");
	env_set(&env, &n, "SHELL=/bin/sh");
	env_set(&env, &n, "AKT_NOW=" SCREEN_EPOCH);
	env_setf(&env, &n, "TERM", pane_term(), NULL);
	free(build);
	/* sanitizer builds: keep their settings */
	const char *keep[] = {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"};
	for (size_t i = 0; i < sizeof keep / sizeof *keep; i++)
		if (getenv(keep[i]))
			env_setf(&env, &n, keep[i], getenv(keep[i]), NULL);
	for (size_t i = 0; extra_env && extra_env[i]; i++)
		env_set(&env, &n, extra_env[i]);
	return env;
}

static const char *env_get(char **env, const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; env[i]; i++)
		if (strncmp(env[i], name, len) == 0 && env[i][len] == '=')
			return env[i] + len + 1;
	return NULL;
}

/* ---- the watchdog ------------------------------------------------------- */

/*
 * A process that waits on a pipe from this one: "x" means the server
 * was stopped properly; the end of the pipe without it means this
 * program died, and the server (and with it akt) is ended.
 */
static void watchdog_start(struct tmux *t)
{
	int p[2];

	if (pipe2(p, O_CLOEXEC) != 0)
		fail_msg("pipe: %s", strerror(errno));
	pid_t pid = fork();
	if (pid < 0)
		fail_msg("fork: %s", strerror(errno));
	if (pid == 0) {
		char buf[64];
		size_t len = 0;
		long server = 0;
		ssize_t n;

		/* only the read end, so the end of this program is seen */
		for (int fd = 3; fd < 1024; fd++)
			if (fd != p[0])
				close(fd);
		signal(SIGINT, SIG_IGN);
		while ((n = read(p[0], buf + len, sizeof buf - 1 - len)) != 0) {
			if (n < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			len += (size_t)n;
			buf[len] = '\0';
			if (strchr(buf, 'x'))
				_exit(0);
			if (len == sizeof buf - 1)
				len = 0;
		}
		for (size_t i = 0; i < len && buf[i] >= '0' && buf[i] <= '9';
		     i++)
			server = server * 10 + (buf[i] - '0');
		if (server > 1)
			kill((pid_t)server, SIGTERM);
		_exit(0);
	}
	close(p[0]);
	t->watchdog = pid;
	t->watchdog_fd = p[1];
}

static void watchdog_stop(struct tmux *t)
{
	if (t->watchdog_fd >= 0) {
		(void)!write(t->watchdog_fd, "x", 1);
		close(t->watchdog_fd);
		t->watchdog_fd = -1;
	}
	if (t->watchdog > 0) {
		while (waitpid(t->watchdog, NULL, 0) < 0 && errno == EINTR)
			;
		t->watchdog = 0;
	}
}

/* ---- start ---------------------------------------------------------------- */

/* 'text' quoted for sh */
static char *sh_quote(const char *text)
{
	size_t n = 2;

	for (const char *p = text; *p; p++)
		n += *p == '\'' ? 4 : 1;
	char *q = malloc(n + 1), *o = q;
	if (!q)
		fail_msg("out of memory");
	*o++ = '\'';
	for (const char *p = text; *p; p++) {
		if (*p == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = *p;
		}
	}
	*o++ = '\'';
	*o = '\0';
	return q;
}

static long read_pid(struct tmux *t, const char *format)
{
	const char *args[] = {"display-message", "-p", "-t", "akt", format,
			      NULL};
	char *out = tmux_must(t, args);
	long pid = strtol(out, NULL, 10);

	free(out);
	return pid;
}

struct tmux *tmux_start(struct sb *sb, const char *home, int cols, int rows,
			const char *const extra_env[],
			const char *const argv[])
{
	const char *build = getenv("AKT_BUILD");
	char rel[PATH_MAX], exe[PATH_MAX], size_x[16], size_y[16];
	struct tmux *t = calloc(1, sizeof *t);
	unsigned id = serial++;

	if (!t)
		fail_msg("out of memory");
	snprintf(rel, sizeof rel, "%s/akt", build && *build ? build : "build");
	if (!realpath(rel, exe))
		fail_msg("%s: %s", rel, strerror(errno));
	t->sb = sb;
	t->watchdog_fd = -1;
	if (asprintf(&t->sock, "%s/tmux-%u.sock", home, id) < 0 ||
	    asprintf(&t->conf, "%s/tmux-%u.conf", home, id) < 0 ||
	    asprintf(&t->exitfile, "%s/tmux-%u.exit", home, id) < 0)
		fail_msg("out of memory");
	t->env = make_env(sb, home, extra_env);

	FILE *f = fopen(t->conf, "w");
	if (!f)
		fail_msg("%s: %s", t->conf, strerror(errno));
	fprintf(f, "set -g default-terminal %s\n"
		   "set -g status off\n"
		   "set -g remain-on-exit on\n"
		   "set -g history-limit 100\n"
		   "set -g escape-time 0\n"
		   "set -g exit-empty on\n",
		env_get(t->env, "TERM"));
	fclose(f);

	/* cd HOME && AKT ARGS; echo "akt-exit=$?" > FILE */
	size_t cap = 4096, len = 0;
	char *cmd = malloc(cap);
	char *q_home = sh_quote(home), *q_exe = sh_quote(exe),
	     *q_exit = sh_quote(t->exitfile);
	if (!cmd)
		fail_msg("out of memory");
	len = (size_t)snprintf(cmd, cap, "cd %s && %s", q_home, q_exe);
	for (int i = 0; argv && argv[i]; i++) {
		char *q = sh_quote(argv[i]);
		size_t need = len + strlen(q) + 2;

		if (need + 1 > cap) {
			cap = need * 2;
			cmd = realloc(cmd, cap);
			if (!cmd)
				fail_msg("out of memory");
		}
		len += (size_t)snprintf(cmd + len, cap - len, " %s", q);
		free(q);
	}
	char *full = NULL;
	if (asprintf(&full, "%s; echo \"akt-exit=$?\" > %s", cmd, q_exit) < 0)
		fail_msg("out of memory");
	free(cmd);
	free(q_home);
	free(q_exe);
	free(q_exit);

	snprintf(size_x, sizeof size_x, "%d", cols);
	snprintf(size_y, sizeof size_y, "%d", rows);
	unlink(t->exitfile);
	watchdog_start(t);
	t->next = running;
	running = t;
	{
		const char *args[] = {"-f", t->conf, "new-session", "-d", "-s",
				      "akt", "-x", size_x, "-y", size_y, full,
				      NULL};
		char *out = tmux_must(t, args);

		free(out);
	}
	free(full);
	t->server = (pid_t)read_pid(t, "#{pid}");
	t->pane = (pid_t)read_pid(t, "#{pane_pid}");
	if (t->server <= 1 || t->pane <= 1)
		fail_msg("tmux did not say its process ids");
	char num[32];
	int n = snprintf(num, sizeof num, "%ld\n", (long)t->server);
	(void)!write(t->watchdog_fd, num, (size_t)n);
	return t;
}

struct sb *tmux_sb(const struct tmux *t)
{
	return t->sb;
}

/* ---- keys ------------------------------------------------------------------- */

void tmux_keys(struct tmux *t, const char *keys)
{
	const char *args[40];
	char *copy = strdup(keys), *save = NULL;
	int na = 0;

	if (!copy)
		fail_msg("out of memory");
	args[na++] = "send-keys";
	args[na++] = "-t";
	args[na++] = "akt";
	for (char *k = strtok_r(copy, " ", &save); k && na < 39;
	     k = strtok_r(NULL, " ", &save))
		args[na++] = k;
	args[na] = NULL;
	char *out = tmux_must(t, args);
	free(out);
	free(copy);
}

void tmux_text(struct tmux *t, const char *text)
{
	const char *args[] = {"send-keys", "-t", "akt", "-l", "--", text,
			      NULL};
	char *out = tmux_must(t, args);

	free(out);
}

/* ---- the screen ---------------------------------------------------------- */

static char *capture(struct tmux *t, bool esc)
{
	const char *plain[] = {"capture-pane", "-p", "-t", "akt", NULL};
	const char *with[] = {"capture-pane", "-p", "-e", "-t", "akt", NULL};

	return tmux_must(t, esc ? with : plain);
}

const char *tmux_screen(struct tmux *t)
{
	return sb_keep(t->sb, capture(t, false));
}

const char *tmux_screen_esc(struct tmux *t)
{
	return sb_keep(t->sb, capture(t, true));
}

bool tmux_match(const char *screen, const char *ere)
{
	regex_t re;
	bool ok;

	if (regcomp(&re, ere, REG_EXTENDED | REG_NOSUB | REG_NEWLINE) != 0)
		fail_msg("not a regular expression: %s", ere);
	ok = regexec(&re, screen, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

static const char *wait_for(struct tmux *t, const char *ere, bool want,
			    double timeout_s, char **last)
{
	double end = now_s() + timeout_s;

	for (;;) {
		char *s = capture(t, false);

		if (tmux_match(s, ere) == want) {
			if (last)
				*last = NULL;
			return sb_keep(t->sb, s);
		}
		if (now_s() >= end) {
			if (last)
				*last = s;
			else
				free(s);
			return NULL;
		}
		free(s);
		sleep_s(POLL_S);
	}
}

const char *tmux_wait(struct tmux *t, const char *ere, double timeout_s)
{
	return wait_for(t, ere, true, timeout_s, NULL);
}

const char *tmux_wait_not(struct tmux *t, const char *ere, double timeout_s)
{
	return wait_for(t, ere, false, timeout_s, NULL);
}

const char *tmux_expect_at(struct tmux *t, const char *ere, double timeout_s,
			   const char *file, int line)
{
	char *last = NULL;
	const char *s = wait_for(t, ere, true, timeout_s, &last);

	if (s)
		return s;
	fprintf(stderr, "%s:%d: the screen did not show /%s/ within %.1f s; "
		"it shows:\n%s", file, line, ere, timeout_s,
		last ? last : "");
	free(last);
	_fail(file, line);
	return NULL;
}

int tmux_nrows(const char *screen)
{
	int n = 0;

	for (const char *p = screen; *p; p++)
		n += *p == '\n';
	if (*screen && screen[strlen(screen) - 1] != '\n')
		n++;
	return n;
}

const char *tmux_row(struct tmux *t, const char *screen, int n)
{
	const char *p = screen;

	for (int i = 0; i < n && *p; i++) {
		p = strchr(p, '\n');
		if (!p)
			return "";
		p++;
	}
	return sb_fmt(t->sb, "%.*s", (int)strcspn(p, "\n"), p);
}

int tmux_find_row(const char *screen, const char *ere)
{
	regex_t re;
	const char *p = screen;
	int row = 0;

	if (regcomp(&re, ere, REG_EXTENDED | REG_NOSUB) != 0)
		fail_msg("not a regular expression: %s", ere);
	while (*p) {
		size_t n = strcspn(p, "\n");
		char *one = strndup(p, n);
		bool ok = one && regexec(&re, one, 0, NULL, 0) == 0;

		free(one);
		if (ok) {
			regfree(&re);
			return row;
		}
		p += n + (p[n] ? 1 : 0);
		row++;
	}
	regfree(&re);
	return -1;
}

void tmux_resize(struct tmux *t, int cols, int rows)
{
	char x[16], y[16];

	snprintf(x, sizeof x, "%d", cols);
	snprintf(y, sizeof y, "%d", rows);
	const char *args[] = {"resize-window", "-t", "akt", "-x", x, "-y", y,
			      NULL};
	char *out = tmux_must(t, args);
	free(out);
}

const char *tmux_title(struct tmux *t)
{
	const char *args[] = {"display-message", "-p", "-t", "akt",
			      "#{pane_title}", NULL};
	char *out = tmux_must(t, args);
	size_t n = strlen(out);

	if (n && out[n - 1] == '\n')
		out[n - 1] = '\0';
	return sb_keep(t->sb, out);
}

/* ---- processes ---------------------------------------------------------------- */

/* The parent and state of pid from /proc, false when it is gone. */
static bool proc_stat(pid_t pid, pid_t *ppid, char *state)
{
	char path[64], buf[512];
	int fd;
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	/* "pid (comm) S ppid …": comm may hold anything, so from the last ')' */
	char *p = strrchr(buf, ')');
	long pp = 0;
	char st = '?';
	if (!p || sscanf(p + 1, " %c %ld", &st, &pp) != 2)
		return false;
	if (ppid)
		*ppid = (pid_t)pp;
	if (state)
		*state = st;
	return true;
}

static bool alive(pid_t pid)
{
	char st;

	return pid > 0 && proc_stat(pid, NULL, &st) && st != 'Z' && st != 'X';
}

pid_t tmux_akt_pid(struct tmux *t)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	pid_t found = 0;

	if (!d)
		return 0;
	while (!found && (e = readdir(d))) {
		char *end;
		long pid = strtol(e->d_name, &end, 10);
		pid_t ppid;
		char st;

		if (*end || pid <= 0)
			continue;
		if (proc_stat((pid_t)pid, &ppid, &st) && ppid == t->pane &&
		    st != 'Z' && st != 'X')
			found = (pid_t)pid;
	}
	closedir(d);
	return found;
}

/* The status the wrapper wrote, or -1. */
static int read_exit(struct tmux *t)
{
	FILE *f = fopen(t->exitfile, "r");
	int status = -1;

	if (!f)
		return -1;
	if (fscanf(f, "akt-exit=%d", &status) != 1)
		status = -1;
	fclose(f);
	return status;
}

int tmux_wait_exit(struct tmux *t, double timeout_s)
{
	double end = now_s() + timeout_s;

	for (;;) {
		int status = read_exit(t);

		if (status >= 0)
			return status;
		if (now_s() >= end)
			return -1;
		sleep_s(POLL_S);
	}
}

/* Stop t; a line saying what went wrong (malloc'd), or NULL. */
static char *stop_one(struct tmux *t, int *status)
{
	char *problem = NULL;
	pid_t akt = tmux_akt_pid(t);
	const char *args[] = {"kill-server", NULL};

	run_tmux(t, args, NULL, NULL);
	for (double end = now_s() + 5; alive(t->server) && now_s() < end;)
		sleep_s(POLL_S);
	if (alive(t->server))
		kill(t->server, SIGKILL);
	watchdog_stop(t);
	/* akt ends on the hangup of its terminal */
	for (double end = now_s() + 5; alive(akt) && now_s() < end;)
		sleep_s(POLL_S);
	if (alive(akt)) {
		kill(akt, SIGKILL);
		if (asprintf(&problem, "akt (pid %ld) was still running 5 s "
			     "after its terminal went away; killed",
			     (long)akt) < 0)
			problem = NULL;
	}
	*status = read_exit(t);

	for (struct tmux **p = &running; *p; p = &(*p)->next)
		if (*p == t) {
			*p = t->next;
			break;
		}
	unlink(t->sock);
	for (size_t i = 0; t->env[i]; i++)
		free(t->env[i]);
	free(t->env);
	free(t->sock);
	free(t->conf);
	free(t->exitfile);
	free(t);
	return problem;
}

int tmux_stop(struct tmux *t)
{
	int status;
	char *problem = stop_one(t, &status);

	if (problem) {
		fprintf(stderr, "%s\n", problem);
		free(problem);
		fail_msg("akt did not end with its terminal");
	}
	return status;
}

void tmux_stop_all(void)
{
	while (running) {
		int status;
		char *problem = stop_one(running, &status);

		if (problem) {
			fprintf(stderr, "%s\n", problem);
			free(problem);
		}
	}
}

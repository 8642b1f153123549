/*
 * password.c — password input.
 */
#include "akt/password.h"
#include "akt/xalloc.h"

#include <fcntl.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

/* One line from fd, byte by byte so that nothing beyond it is consumed
 * or left in a stdio buffer. Returns 1 ok, 0 end of input, -1 error. */
static int read_line(int fd, char *buf, size_t size, volatile sig_atomic_t *stop)
{
	size_t len = 0;

	for (;;) {
		char c;
		ssize_t n = read(fd, &c, 1);

		if (n < 0 && errno == EINTR && !(stop && *stop))
			continue;
		if (n < 0)
			return -1;
		if (n == 0 || c == '\n')
			break;
		if (len + 1 >= size) {
			errno = E2BIG;
			return -1;
		}
		buf[len++] = c;
	}
	if (len && buf[len - 1] == '\r')
		len--;
	buf[len] = '\0';
	return len ? 1 : 0;
}

char *akt_password_stdin(char **err)
{
	char buf[AKT_PASSWORD_MAX + 1];
	char *pw = NULL;
	int rc = read_line(0, buf, sizeof(buf), NULL);

	if (rc > 0)
		pw = xstrdup(buf);
	else if (rc == 0)
		*err = xstrdup("no password on standard input");
	else if (errno == E2BIG)
		*err = xasprintf("the password is longer than %d bytes",
				 AKT_PASSWORD_MAX);
	else
		*err = xasprintf("cannot read standard input: %s",
				 strerror(errno));
	explicit_bzero(buf, sizeof(buf));
	return pw;
}

static volatile sig_atomic_t interrupted;

/* Write to the terminal; a failure only loses the courtesy text. */
static void say(int fd, const char *s)
{
	ssize_t n = write(fd, s, strlen(s));

	(void)n;
}

static void on_signal(int sig)
{
	interrupted = sig;
}

char *akt_password_prompt(const char *prompt, char **err)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP };
	struct sigaction sa, old[AKT_LEN(sigs)];
	struct termios saved, quiet;
	char buf[AKT_PASSWORD_MAX + 1];
	char *pw = NULL;
	int fd, rc;

	fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		*err = xstrdup("no terminal to ask for the password on; use "
			       "--password-stdin");
		return NULL;
	}
	if (tcgetattr(fd, &saved) != 0) {
		*err = xasprintf("cannot use the terminal: %s", strerror(errno));
		close(fd);
		return NULL;
	}
	/* A signal must not leave the terminal without echo: catch the
	 * usual ones while echo is off and re-raise them afterwards. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	interrupted = 0;
	for (size_t i = 0; i < AKT_LEN(sigs); i++)
		sigaction(sigs[i], &sa, &old[i]);
	quiet = saved;
	quiet.c_lflag &= (tcflag_t)~(ECHO | ECHOE | ECHOK | ECHONL);
	tcsetattr(fd, TCSAFLUSH, &quiet);
	say(fd, prompt);
	rc = read_line(fd, buf, sizeof(buf), &interrupted);
	tcsetattr(fd, TCSAFLUSH, &saved);
	say(fd, "\n");       /* the user's Enter was not echoed */
	close(fd);
	for (size_t i = 0; i < AKT_LEN(sigs); i++)
		sigaction(sigs[i], &old[i], NULL);
	if (interrupted) {
		explicit_bzero(buf, sizeof(buf));
		raise(interrupted);
		*err = xstrdup("interrupted");
		return NULL;
	}
	if (rc > 0)
		pw = xstrdup(buf);
	else if (rc == 0)
		*err = xstrdup("no password given");
	else if (errno == E2BIG)
		*err = xasprintf("the password is longer than %d bytes",
				 AKT_PASSWORD_MAX);
	else
		*err = xasprintf("cannot read the terminal: %s", strerror(errno));
	explicit_bzero(buf, sizeof(buf));
	return pw;
}

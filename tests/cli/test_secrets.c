/*
 * test_secrets.c — the login never leaves akt by a side door: not in the
 * arguments or environment of the editor it starts, not in the debug
 * log, not in what it prints, whatever happens — a login, reads,
 * writes, a renewed login, failures of the platform, and a platform that
 * echoes the request (its Authorization header, the refresh token it
 * was sent) back in its problem details.
 */
#include "cli.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define S ((struct sb *)*state)
#define ARGV(...) ((const char *const[]){__VA_ARGS__, NULL})

static int setup(void **state) { return group_start(state, "--cases 20"); }
static int teardown(void **state) { return group_stop(state); }

static int clear_faults(void **state)
{
	sb_faults_clear(S);
	return 0;
}

/* Every token akt has held in a test, to look for afterwards. */
struct seen {
	const char *tok[32];
	size_t n;
};

/* Add the tokens of home's store (when there is one). */
static void note_tokens(void **state, const char *home, struct seen *seen)
{
	json_t *j = json_load_file(sb_fmt(S, "%s/state/akt/tokens", home), 0,
				   NULL);
	const char *names[] = { "access_token", "refresh_token" };

	if (!j)
		return;
	sb_keep_json(S, j);
	for (size_t i = 0; i < 2 && seen->n < 32; i++) {
		const char *t = jstr(j, names[i]);

		if (t && strlen(t) >= 16)
			seen->tok[seen->n++] = t;
	}
}

/* None of the tokens is in text (what: where it came from). */
static void no_token_in(const struct seen *seen, const char *what,
			const char *text)
{
	for (size_t i = 0; i < seen->n; i++)
		if (text && strstr(text, seen->tok[i]))
			fail_msg("a token is in %s:\n%s", what, text);
}

static void no_token_in_run(const struct seen *seen, const struct cli_run *r)
{
	no_token_in(seen, "standard output", r->out);
	no_token_in(seen, "standard error", r->err);
}

static void put_file(const char *path, const char *text, int mode)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, (mode_t)mode), 0);
}

/* ---- the editor -------------------------------------------------------- */

/*
 * `akt drafts edit` starts the config's editor: its arguments and
 * environment hold no token, nothing of akt's (AKT_*) and no variable
 * named like a credential, though akt itself was given some.
 */
static void editor_gets_no_secret(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *spy = sb_fmt(S, "%s/spy.sh", home);
	const char *dir = sb_fmt(S, "%s/data/akt", home);
	const char *id = "20261123T101500Z-3f9a1c2e";
	struct seen seen = { .n = 0 };
	struct cli_run *r;
	char *saw;

	note_tokens(state, home, &seen);
	assert_int_equal(seen.n, 2);
	put_file(spy, sb_fmt(S, "#!/bin/sh\n{ for a in \"$0\" \"$@\"; do "
			     "printf 'ARG %%s\\n' \"$a\"; done; env; } > "
			     "\"%s.seen\"\n", spy), 0700);
	mkdir(sb_fmt(S, "%s/config", home), 0700);
	mkdir(sb_fmt(S, "%s/config/akt", home), 0700);
	put_file(sb_fmt(S, "%s/config/akt/config", home),
		 sb_fmt(S, "set editor = %s\n", spy), 0600);
	mkdir(sb_fmt(S, "%s/data", home), 0700);
	mkdir(dir, 0700);
	mkdir(sb_fmt(S, "%s/drafts", dir), 0700);
	put_file(sb_fmt(S, "%s/drafts/%s.draft", dir, id),
		 sb_fmt(S, "{\"format\":1,\"id\":\"%s\",\"kind\":\"note\","
			"\"state\":\"draft\",\"key\":\"0123456789abcdef0123456789"
			"abcdef\",\"created\":\"2026-11-23T10:15:00Z\","
			"\"updated\":\"2026-11-23T10:15:00Z\",\"case_number\":"
			"\"BYGG-2026-000123\",\"case_id\":7,\"text\":\"x\\n\"}",
			id), 0600);
	r = cli_run_env(S, home, NULL, ARGV("MY_TOKEN=officers-own",
					    "AKT_PASSWORD=demo",
					    "DB_PASSWORD=x",
					    sb_fmt(S, "AKT_LEAK=%s", seen.tok[0])),
			ARGV("drafts", "edit", id), 20);
	if (r->status != 0)
		fail_msg("drafts edit: %d %s", r->status, r->err);
	saw = cli_slurp(sb_fmt(S, "%s.seen", spy));
	assert_non_null(saw);
	sb_keep(S, saw);
	assert_non_null(strstr(saw, sb_fmt(S, "ARG %s\n", spy)));
	assert_non_null(strstr(saw, "HOME="));
	no_token_in(&seen, "the editor's arguments or environment", saw);
	if (rx_match(saw, "(^|\n)(AKT_[A-Z_]*|[A-Z_]*(TOKEN|SECRET|PASSWORD)"
		     "[A-Z_]*)="))
		fail_msg("the editor was given a private variable:\n%s", saw);
}

/* ---- the log and the output ---------------------------------------------- */

/*
 * With the debug log on, a whole working session: login, reads, a
 * write, an expired login renewed, a 500 and a 401 from the platform,
 * and a logout. No token akt held is in the log or in anything printed.
 */
static void log_and_output_hold_no_token(void **state)
{
	const char *home = cli_home(S);
	const char *log = sb_fmt(S, "%s/akt.log", home);
	struct seen seen = { .n = 0 };
	struct cli_run *r;
	char *text;
	const char *number;

	r = cli_run(S, home, "demo\n", ARGV("--log", log, "login", "--user",
					    "anna", "--password-stdin"));
	assert_int_equal(r->status, 0);
	note_tokens(state, home, &seen);
	assert_int_equal(seen.n, 2);
	no_token_in_run(&seen, r);

	r = cli_run(S, home, NULL, ARGV("--log", log, "cases", "--json"));
	assert_int_equal(r->status, 0);
	no_token_in_run(&seen, r);
	assert_non_null(r->json);
	number = json_is_array(r->json) ?
		 jstr(json_array_get(r->json, 0), "number") :
		 jstr(r->json, "items[0].number");
	assert_non_null(number);
	r = cli_run(S, home, NULL, ARGV("--log", log, "show", number));
	assert_int_equal(r->status, 0);
	no_token_in_run(&seen, r);
	r = cli_run(S, home, "En anteckning utan hemligheter\n",
		    ARGV("--log", log, "note", number));
	assert_int_equal(r->status, 0);
	no_token_in_run(&seen, r);

	/* the access token ends: renewed with the refresh token */
	expect_status(sb_post_json(S, "/v1/sandbox/tokens/expire",
				   "{\"username\":\"anna\"}"), 200);
	r = cli_run(S, home, NULL, ARGV("--log", log, "whoami"));
	assert_int_equal(r->status, 0);
	note_tokens(state, home, &seen);
	assert_int_equal(seen.n, 4);
	no_token_in_run(&seen, r);

	/* failures: logged with their answers */
	sb_fault(S, "{\"method\":\"GET\",\"path\":\"/v1/cases\",\"status\":500,"
		 "\"times\":10}");
	r = cli_run(S, home, NULL, ARGV("--log", log, "cases"));
	assert_int_not_equal(r->status, 0);
	no_token_in_run(&seen, r);
	sb_faults_clear(S);
	sb_fault(S, "{\"method\":\"GET\",\"path\":\"/v1/me\",\"status\":401,"
		 "\"times\":1}");
	r = cli_run(S, home, NULL, ARGV("--log", log, "whoami"));
	no_token_in_run(&seen, r);
	sb_faults_clear(S);
	note_tokens(state, home, &seen);

	r = cli_run(S, home, NULL, ARGV("--log", log, "logout"));
	assert_int_equal(r->status, 0);
	no_token_in_run(&seen, r);

	text = cli_slurp(log);
	assert_non_null(text);
	sb_keep(S, text);
	/* the log did see all of it */
	assert_non_null(strstr(text, "login renewed"));
	assert_non_null(strstr(text, " 500 "));
	assert_non_null(strstr(text, "/v1/oauth/revoke"));
	no_token_in(&seen, "the log", text);
}

/* ---- a platform that echoes ------------------------------------------------- */

/* A platform that answers every request with status `status` and a
 * problem+json whose detail is the whole request, headers and body. */
struct echo {
	int fd;
	int port;
	int status;
	pthread_t thread;
};

static void *echo_serve(void *arg)
{
	struct echo *e = arg;

	for (;;) {
		int c = accept(e->fd, NULL, NULL);
		char req[8192];
		size_t len = 0;
		json_t *body;
		char *text, *head;

		if (c < 0)
			return NULL;
		/* headers, then what Content-Length says */
		for (;;) {
			ssize_t n = read(c, req + len, sizeof(req) - 1 - len);
			char *end, *cl;

			if (n <= 0)
				break;
			len += (size_t)n;
			req[len] = '\0';
			end = strstr(req, "\r\n\r\n");
			if (!end)
				continue;
			cl = strcasestr(req, "\r\ncontent-length:");
			if (!cl || cl > end ||
			    len >= (size_t)(end + 4 - req) +
				   strtoul(cl + 17, NULL, 10))
				break;
		}
		req[len] = '\0';
		body = json_pack("{s:s, s:i, s:s, s:s}", "type", "about:blank",
				 "status", e->status, "title", "Echo",
				 "detail", req);
		if (e->status == 400 || e->status == 401)
			json_object_set_new(body, "error",
					    json_string("invalid_grant"));
		text = json_dumps(body, 0);
		json_decref(body);
		if (asprintf(&head, "HTTP/1.1 %d Echo\r\nContent-Type: "
			     "application/problem+json\r\nContent-Length: %zu"
			     "\r\nConnection: close\r\n\r\n", e->status,
			     strlen(text)) > 0) {
			if (write(c, head, strlen(head)) < 0 ||
			    write(c, text, strlen(text)) < 0)
				(void)0;
			free(head);
		}
		free(text);
		close(c);
	}
}

static void echo_start(struct echo *e, int status)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	e->status = status;
	e->fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(e->fd >= 0);
	assert_int_equal(bind(e->fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(e->fd, 16), 0);
	assert_int_equal(getsockname(e->fd, (struct sockaddr *)&a, &alen), 0);
	e->port = ntohs(a.sin_port);
	assert_int_equal(pthread_create(&e->thread, NULL, echo_serve, e), 0);
}

static void echo_stop(struct echo *e)
{
	shutdown(e->fd, SHUT_RDWR);
	close(e->fd);
	pthread_join(e->thread, NULL);
}

/* Move home's login over to the echoing platform at port. */
static void login_to_echo(void **state, const char *home, int port)
{
	const char *path = sb_fmt(S, "%s/state/akt/tokens", home);
	json_t *j = json_load_file(path, 0, NULL);
	char *text;

	assert_non_null(j);
	json_object_set_new(j, "server", json_string(sb_fmt(
		S, "http://127.0.0.1:%d", port)));
	text = json_dumps(j, 0);
	json_decref(j);
	put_file(path, text, 0600);
	free(text);
}

/*
 * A platform that puts the request (Authorization: Bearer …, and the
 * refresh form after a 401) into its problem detail: akt's message, its
 * --json output and its log show the rest of the detail, but no token.
 */
static void echoed_tokens_are_masked(void **state)
{
	const char *home = cli_home_login(S, "anna");
	const char *log = sb_fmt(S, "%s/akt.log", home);
	struct seen seen = { .n = 0 };
	/* 401 last: its renewal fails, and the login is forgotten */
	const int statuses[] = { 500, 403, 401 };
	char *text;

	note_tokens(state, home, &seen);
	assert_int_equal(seen.n, 2);
	for (size_t i = 0; i < sizeof(statuses) / sizeof(*statuses); i++) {
		struct echo e;
		const char *server;
		struct cli_run *r;

		echo_start(&e, statuses[i]);
		server = sb_fmt(S, "AKT_SERVER=http://127.0.0.1:%d", e.port);
		login_to_echo(state, home, e.port);
		r = cli_run_env(S, home, NULL, ARGV(server),
				ARGV("--log", log, "whoami"), 20);
		echo_stop(&e);
		assert_int_not_equal(r->status, 0);
		/* the echo did reach the message (masked); a 401 ends in
		 * "session expired" */
		if (statuses[i] != 401 && !strstr(r->err, "Bearer ****"))
			fail_msg("HTTP %d: the detail is not in the message: %s",
				 statuses[i], r->err);
		no_token_in_run(&seen, r);
		note_tokens(state, home, &seen);
	}
	text = cli_slurp(log);
	assert_non_null(text);
	sb_keep(S, text);
	assert_non_null(strstr(text, "Bearer ****"));
	no_token_in(&seen, "the log", text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(editor_gets_no_secret),
		cmocka_unit_test_teardown(log_and_output_hold_no_token,
					  clear_faults),
		cmocka_unit_test(echoed_tokens_are_masked),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

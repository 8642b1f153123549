/*
 * credential.h — the password from a password manager: credential_command
 * in the config is run with /bin/sh -c, exactly as written there (no
 * platform data is ever put into it), and the first line of its standard
 * output is the password. The user name and the server are passed in
 * the environment as AKT_USER and AKT_SERVER, so a command can quote
 * them ("$AKT_USER") instead of akt splicing them in. Its standard input
 * and error are akt's, so it may ask for a master password.
 *
 * The password never reaches an argument, the environment, a log or a
 * message. Running it does not block the event loop.
 */
#ifndef AKT_CREDENTIAL_H
#define AKT_CREDENTIAL_H

#include "akt/loop.h"

/* How long the command may take, in seconds (unlocking a password
 * manager may need a person). */
#define AKT_CREDENTIAL_TIMEOUT 120

struct akt_credential;

/*
 * Called once: password (malloc'd, free with xfree_secret; yours) or
 * NULL and a one-line error saying what went wrong.
 */
typedef void akt_credential_cb(char *password, const char *error,
			       void *arg);

/* Start the command. cb is called later, from the loop, also when the
 * command cannot be started. The handle is freed after cb returns. */
struct akt_credential *akt_credential_run(struct akt_loop *loop,
					  const char *command,
					  const char *user, const char *server,
					  akt_credential_cb *cb, void *arg);

/* Stop the command and all it started (SIGKILL to its process group)
 * without calling cb. */
void akt_credential_cancel(struct akt_credential **c);

/* The password in the command's output: its first line, without CR LF.
 * NULL with *err when there is none or it is too long. */
char *akt_credential_parse(const char *out, size_t len, char **err);

#endif

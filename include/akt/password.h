/*
 * password.h — reading a password without it showing up anywhere: from
 * the terminal with echo off, or from the first line of standard input
 * (for scripts; never from argv, where every user could read it).
 */
#ifndef AKT_PASSWORD_H
#define AKT_PASSWORD_H

#include "akt/base.h"

#define AKT_PASSWORD_MAX 1024

/* malloc'd; free with xfree_secret. NULL with *err on failure. */
char *akt_password_stdin(char **err);
char *akt_password_prompt(const char *prompt, char **err);

#endif

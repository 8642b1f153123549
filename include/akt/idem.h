/*
 * idem.h — Idempotency-Key values for writes: 128 random bits as 32 hex
 * digits, so a retried or replayed write is recognised by the platform
 * and done once.
 */
#ifndef AKT_IDEM_H
#define AKT_IDEM_H

#include "akt/base.h"

#define AKT_IDEM_LEN 32

/* Fill key (AKT_IDEM_LEN + 1 bytes); false when no randomness could be
 * had (then nothing may be sent: a guessable key could collide). */
bool akt_idem_new(char key[AKT_IDEM_LEN + 1]);

#endif

/*
 * reveal.h — a party's personal identity number in full
 * (POST /v1/cases/{case}/parties/{id}/reveal), for an officer with the
 * scope pin:reveal who gives a reason. The platform records each reveal
 * (party.revealed, with the reason, never the number); the answer is
 * not cached, not logged, and kept by the caller only as long as it is
 * shown.
 */
#ifndef AKT_REVEAL_H
#define AKT_REVEAL_H

#include "akt/ops.h"

/*
 * Ask for the number of party_id of case case_id, with reason (not
 * empty; AKT_OP_BAD_TEXT, nothing sent and cb not called, when it is not
 * UTF-8). Not a case write: no If-Match and no Idempotency-Key (the
 * platform keeps no replays of a reveal).
 */
enum akt_op_start akt_op_reveal(struct akt_session *s, int64_t case_id,
				int64_t party_id, const char *reason,
				akt_reply_cb *cb, void *arg);

/* The answer {"party_id":7,"personal_number":"198503121234"}: the
 * number malloc'd into *number (wipe it with xfree_secret). */
bool akt_reveal_decode(const json_t *j, int64_t *party_id, char **number,
		       char **err);

/*
 * Mask, in place, every full personal identity number in text: twelve
 * digits YYYYMMDDNNNN; ten digits YYMMDDNNNN whose last is the check
 * digit (Luhn: ten digits alone are as often a telephone number); or
 * YYYYMMDD or YYMMDD, '-' or '+', and four digits. MM is a month and DD
 * a day (or a coordination number's day + 60), and the number stands
 * alone (no digit either side). The four last digits become "****", as
 * the platform masks them; organisation numbers (their "month" is 20 or
 * more) and dates stay. Returns how many were masked. For text akt
 * writes to a file from what it showed.
 */
size_t akt_pin_mask(char *text);

/* Whether text holds a number akt_pin_mask would mask. */
bool akt_pin_holds(const char *text);

#endif

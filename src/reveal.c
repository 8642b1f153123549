/*
 * reveal.c — revealing a personal identity number: the request and its
 * answer. The session keeps reveal calls out of the debug log and the
 * call bypasses the tag cache, so the number passes through memory only;
 * and the masking of full numbers in text akt writes from its screen.
 */
#include "akt/reveal.h"
#include "akt/decode.h"
#include "akt/xalloc.h"

enum akt_op_start akt_op_reveal(struct akt_session *s, int64_t case_id,
				int64_t party_id, const char *reason,
				akt_reply_cb *cb, void *arg)
{
	json_t *j = json_string(reason);
	struct akt_call c = { .method = "POST", .no_cache = true };
	char *body, *path;

	if (!j)
		return AKT_OP_BAD_TEXT;
	body = json_dumps(j = json_pack("{s:o}", "reason", j), JSON_COMPACT);
	json_decref(j);
	if (!body) {
		fprintf(stderr, "akt: out of memory\n");
		abort();
	}
	path = xasprintf("/v1/cases/%lld/parties/%lld/reveal",
			 (long long)case_id, (long long)party_id);
	c.path = path;
	c.body = body;
	c.body_len = strlen(body);
	akt_session_call(s, &c, cb, arg);
	/* the reason says why a number was looked at: not kept either */
	xfree_secret(&body);
	free(path);
	return AKT_OP_SENT;
}

bool akt_reveal_decode(const json_t *j, int64_t *party_id, char **number,
		       char **err)
{
	struct akt_dec d = { "reveal", "", err };

	*number = NULL;
	return akt_dec_top(&d, j) &&
	       akt_dec_int(&d, j, "party_id", party_id) &&
	       akt_dec_str(&d, j, "personal_number", number);
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* MMDD of a person: a month, and a day or a coordination day (+60). */
static bool month_day(const char *md)
{
	int m = two(md), d = two(md + 2);

	return m >= 1 && m <= 12 &&
	       ((d >= 1 && d <= 31) || (d >= 61 && d <= 91));
}

/* The check digit of a number's ten digits YYMMDDNNNC holds (Luhn). */
static bool luhn_ok(const char *ten)
{
	int sum = 0;

	for (int i = 0; i < 10; i++) {
		int d = (ten[i] - '0') * (i % 2 == 0 ? 2 : 1);

		sum += d > 9 ? d - 9 : d;
	}
	return sum % 10 == 0;
}

/* The length of a full number starting at s (a digit after a
 * non-digit), and where its last four digits are; 0 if none. */
static size_t pin_at(const char *s, size_t run, const char **last4)
{
	/* YYMMDDNNNN: ten digits are also telephone numbers (07…) and
	 * other identifiers, so the check digit must hold too */
	if (run == 10 && month_day(s + 2) && luhn_ok(s)) {
		*last4 = s + 6;
		return 10;
	}
	/* YYYYMMDDNNNN, with a century a person can have */
	if (run == 12 && (strncmp(s, "19", 2) == 0 ||
			  strncmp(s, "20", 2) == 0 ||
			  strncmp(s, "18", 2) == 0) && month_day(s + 4)) {
		*last4 = s + 8;
		return 12;
	}
	/* YYYYMMDD-NNNN and YYMMDD-NNNN ('+' after one's 100th year) */
	if ((run == 8 || run == 6) && (s[run] == '-' || s[run] == '+') &&
	    digits(s + run + 1, 4) &&
	    !(s[run + 5] >= '0' && s[run + 5] <= '9') &&
	    month_day(s + run - 4)) {
		*last4 = s + run + 1;
		return run + 5;
	}
	return 0;
}

size_t akt_pin_mask(char *text)
{
	size_t masked = 0;
	char *p = text;

	while (*p) {
		const char *last4;
		size_t run = 0, len;

		if (*p < '0' || *p > '9') {
			p++;
			continue;
		}
		while (p[run] >= '0' && p[run] <= '9')
			run++;
		len = pin_at(p, run, &last4);
		if (len) {
			memset((char *)last4, '*', 4);
			masked++;
			p += len;
		} else {
			p += run;
		}
	}
	return masked;
}

bool akt_pin_holds(const char *text)
{
	char *copy = xstrdup(text);
	bool holds = akt_pin_mask(copy) > 0;

	explicit_bzero(copy, strlen(copy));
	free(copy);
	return holds;
}

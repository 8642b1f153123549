/*
 * idem.c — random Idempotency-Key values.
 */
#include "akt/idem.h"

#include <sys/random.h>

bool akt_idem_new(char key[AKT_IDEM_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char raw[AKT_IDEM_LEN / 2];
	size_t got = 0;

	while (got < sizeof(raw)) {
		ssize_t n = getrandom(raw + got, sizeof(raw) - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		got += (size_t)n;
	}
	for (size_t i = 0; i < sizeof(raw); i++) {
		key[2 * i] = hex[raw[i] >> 4];
		key[2 * i + 1] = hex[raw[i] & 15];
	}
	key[AKT_IDEM_LEN] = '\0';
	return true;
}

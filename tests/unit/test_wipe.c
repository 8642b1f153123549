/*
 * test_wipe.c — the start-up hardening akt's main calls first: no core
 * file, not dumpable; and the wiping of freed memory runs (its effect on
 * a real akt is measured in tests/ui/test_secrets_memory.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "akt/wipe.h"

#include <sys/prctl.h>
#include <sys/resource.h>

static void harden_makes_undumpable(void **state)
{
	struct rlimit rl;

	(void)state;
	assert_int_equal(prctl(PR_GET_DUMPABLE), 1);
	akt_wipe_harden();
	assert_int_equal(prctl(PR_GET_DUMPABLE), 0);
	assert_int_equal(getrlimit(RLIMIT_CORE, &rl), 0);
	assert_int_equal(rl.rlim_cur, 0);
	assert_int_equal(rl.rlim_max, 0);
}

/* Memory keeps working after the wipe: what is allocated is usable and
 * what was live is untouched. */
static void wipe_leaves_live_memory(void **state)
{
	char *live = strdup("still here");
	char *gone = strdup("freed secret");

	(void)state;
	free(gone);
	akt_wipe_freed();
	assert_string_equal(live, "still here");
	gone = malloc(32);
	assert_non_null(gone);
	free(gone);
	free(live);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(harden_makes_undumpable),
		cmocka_unit_test(wipe_leaves_live_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

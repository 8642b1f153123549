# The screen tests (tests/ui/test_*.c that run akt headless through
# screen_run) with every akt run under valgrind's memcheck: a leak
# definitely lost, an invalid read or write or a use of an uninitialised
# value fails the run. The normal build, not the sanitizers' (valgrind
# cannot run those). Suppressions, each with its reason, in
# tests/valgrind/akt.supp.
#   make valgrind                             all screen tests
#   make valgrind VALGRIND_TESTS="core case"  only these
# tests/valgrind/run tells its settings (VG_JOBS, VG_SCALE, VG_FLAGS).
VALGRIND_CALL  := screen_run(
VALGRIND_TESTS ?= $(patsubst tests/ui/test_%.c,%,$(shell grep -lF \
                  '$(VALGRIND_CALL)' tests/ui/test_*.c))
VALGRIND_BIN := $(VALGRIND_TESTS:%=$(BUILD)/tests/ui/test_%)

valgrind:
	@$(MAKE) --no-print-directory deps DEPS_EXTRA=valgrind
	@$(MAKE) --no-print-directory all $(VALGRIND_BIN)
	@AKT_BUILD=$(BUILD) tests/valgrind/run $(VALGRIND_BIN)

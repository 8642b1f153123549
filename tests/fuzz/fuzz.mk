# tests/fuzz — libFuzzer targets (make fuzz), and their corpora replayed
# as regression tests in make check (FUZZ_REPLAY_BIN).
#
# Each tests/fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput.
#   make fuzz                   each target FUZZ_SECONDS (60) from the
#                               seeds in tests/fuzz/corpus/NAME/, into a
#                               temporary corpus; a summary table; fails
#                               on any crash (kept in FUZZ_BUILD/crashes/)
#   make fuzz FUZZ_MERGE=1      also merge what was found, minimised,
#                               back into tests/fuzz/corpus/NAME/
#   make fuzz FUZZ_TARGETS="decode sanitize"   only these
# tests/fuzz/NAME.dict, when there is one, is given to NAME with -dict.
# Each target also links with the normal compiler and tests/fuzz/replay.c
# into $(BUILD)/tests/fuzz/replay_NAME, which runs every file of
# tests/fuzz/corpus/NAME/ and tests/fuzz/crashes/NAME/ (one file per
# crash found and fixed) through it.

FUZZ_NAMES := $(sort $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c)))

# ---- replay in make check (and make asan) ---------------------------------
FUZZ_REPLAY_BIN := $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/replay_%)
FUZZ_REPLAY_OBJ := $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/fuzz_%.o) \
                   $(BUILD)/tests/fuzz/replay.o
$(FUZZ_REPLAY_OBJ): XCFLAGS += -Iinclude -Itests/fuzz \
                               $(call pkgcflags,$(CLIENT_PKGS) cmocka)
.SECONDARY: $(FUZZ_REPLAY_OBJ)
$(BUILD)/tests/fuzz/replay_%: $(BUILD)/tests/fuzz/fuzz_%.o \
                              $(BUILD)/tests/fuzz/replay.o $(CLIENT_LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pkglibs,$(CLIENT_PKGS) cmocka)

# ---- libFuzzer builds ------------------------------------------------------
FUZZ_BUILD   ?= build-fuzz
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_MERGE   ?=
FUZZ_TARGETS ?= $(FUZZ_NAMES)
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
                -fno-omit-frame-pointer -g -O1
# The client library, instrumented for coverage; an archive, so each
# target links only what it reaches.
FUZZ_LIB_OBJ := $(CLIENT_LIB_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_LIB     := $(FUZZ_BUILD)/libakt.a
FUZZ_BIN     := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_THEME_INC := $(patsubst themes/%.theme,$(FUZZ_BUILD)/themes/%.inc,\
                    $(wildcard themes/*.theme))

$(FUZZ_LIB_OBJ): XCFLAGS += -Iinclude $(call pkgcflags,$(CLIENT_PKGS))
$(FUZZ_BUILD)/src/theme.o: XCFLAGS += -I$(FUZZ_BUILD)/themes
$(FUZZ_BUILD)/src/theme.o: $(FUZZ_THEME_INC)
$(FUZZ_BUILD)/themes/%.inc: themes/%.theme
	@mkdir -p $(dir $@)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $< > $@

$(FUZZ_BUILD)/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(filter-out -Werror,$(XCFLAGS)) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_LIB)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(filter-out -Werror,$(XCFLAGS)) -Iinclude -Itests/fuzz \
	    $(call pkgcflags,$(CLIENT_PKGS)) $(FUZZ_SAN) -fsanitize=fuzzer \
	    -o $@ $< $(FUZZ_LIB) $(call pkglibs,$(CLIENT_PKGS))

fuzz:
	@$(MAKE) --no-print-directory deps DEPS_EXTRA="clang libclang-rt-dev"
	@command -v $(FUZZ_CC) >/dev/null || { echo "fuzz: $(FUZZ_CC) is" \
	    "needed (apt-get install clang libclang-rt-dev)"; exit 1; }
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@tests/fuzz/run $(FUZZ_BUILD) $(FUZZ_SECONDS) "$(FUZZ_MERGE)" \
	    $(FUZZ_TARGETS)

-include $(wildcard $(FUZZ_BUILD)/src/*.d $(FUZZ_BUILD)/*.d)

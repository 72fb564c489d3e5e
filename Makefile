# The two README commands, over Meson (as neovim does over CMake):
#   make demo    install dependencies, build, create a demo network, show the plan
#   make check   install dependencies, build with sanitizers, run every test
#   make         build build/cli/kith (and build/kith, a link to it)
#   make fuzz    fuzz every parser with libFuzzer (FUZZ_SECONDS each, default 30)

BUILD      ?= build
CHECKBUILD ?= build-check
DEMO_DB    ?= $(BUILD)/demo.db
MESON_FLAGS ?=

.PHONY: all deps demo check bench fuzz clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)
	@ln -sf cli/kith $(BUILD)/kith

deps:
	@sh scripts/setup-deps

$(BUILD)/build.ninja:
	@sh scripts/setup-deps
	meson setup $(BUILD) --buildtype=release -Db_ndebug=true $(MESON_FLAGS)

$(CHECKBUILD)/build.ninja:
	@sh scripts/setup-deps
	CC=$${CC:-gcc} meson setup $(CHECKBUILD) --buildtype=debug -Db_sanitize=address,undefined \
		-Db_lundef=false -Dwerror=true $(MESON_FLAGS)

demo: all
	@sh scripts/demo $(BUILD) $(DEMO_DB)

check: $(CHECKBUILD)/build.ninja
	ninja -C $(CHECKBUILD)
	@bash tests/run $(CHECKBUILD)

bench:
	@bash bench/run

FUZZ_SECONDS ?= 30
fuzz:
	@bash fuzz/run $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) $(CHECKBUILD) build-bench build-fuzz

# Mura's front door. `make demo` and `make test` work on a fresh Debian machine.
PRESET ?= dev
BUILD_DIR := build
NINJA_JOBS ?= $(shell nproc)

.PHONY: all deps build demo test test-web test-asan bench format tidy clean

all: build

deps:
	@scripts/install-deps

build:
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) -j $(NINJA_JOBS)

demo: deps build
	@scripts/demo

test: deps build
	@ctest --preset dev
	@scripts/web-test $(BUILD_DIR)/bin/mura
	@$(MAKE) --no-print-directory test-asan

test-web: build
	@scripts/web-test $(BUILD_DIR)/bin/mura

test-asan:
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(NINJA_JOBS)
	@ctest --preset asan

bench: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(NINJA_JOBS)
	@scripts/bench

format:
	@git ls-files '*.h' '*.cc' | xargs clang-format -i

tidy: build
	@git ls-files 'src/*.cc' | xargs clang-tidy -p $(BUILD_DIR) --quiet

clean:
	rm -rf build build-asan build-release

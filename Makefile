# The two commands a newcomer needs: `make serve` and `make test`. Both install what is missing
# first (scripts/setup.sh), so they work on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
WASM := --target wasm32-unknown-unknown

.PHONY: setup serve dist test lint test-native test-wasm test-e2e bench soak fmt

setup:
	@bash scripts/setup.sh

## Serve the app with live rebuilds on http://127.0.0.1:8080
serve: setup
	trunk serve

## Build the release site into dist/
dist: setup
	trunk build --release

## Every test layer: format, lints (native and wasm32), native tests, browser tests, end to end.
test: setup lint test-native test-wasm test-e2e

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy $(WASM) -p postmortem-core --lib --locked -- -D warnings
	cargo clippy $(WASM) -p postmortem-editor --all-targets --locked -- -D warnings
	cargo clippy $(WASM) -p postmortem-import-worker --locked -- -D warnings

test-native:
	cargo test --workspace --locked
	node --test tests/schema/

test-wasm:
	cargo test $(WASM) -p postmortem-editor --locked

test-e2e:
	trunk build --release
	playwright test

## Size, load, keystroke latency (against a markdown-it reference page), autosave, core
## throughput; prints a table and writes BENCHMARKS.md. Figures, not tests.
bench: setup
	trunk build --release
	cargo build --release --locked -p postmortem-cli
	cargo bench --locked -p postmortem-core --bench core -q > target/core-bench.md
	node scripts/bench.mjs

## The export's structure and round-trip properties with many more cases, for 10 minutes
## (SOAK_SECONDS, PROPTEST_CASES to change). Not in CI.
soak:
	bash scripts/soak.sh

fmt:
	cargo fmt --all

# The two commands of the README: `make demo` and `make test`. Both install what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := demo
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 60
DIS_FUZZ_SECONDS ?= 30
# -Werror when CI is set (CI=true in continuous integration).
WERROR := $(if $(CI),-DOPENSAM_WERROR=ON,-DOPENSAM_WERROR=OFF)

.PHONY: demo test setup build build-asan test-release test-asan fuzz bench format docs golden clean

setup:
	@bash scripts/setup.sh

build: setup
	@cmake --preset release $(WERROR) >/dev/null
	@cmake --build --preset release -j $(JOBS)

build-asan: setup
	@cmake --preset asan $(WERROR) >/dev/null
	@cmake --build --preset asan -j $(JOBS)

demo: build
	@build/release/bin/opensam run examples/demo.yaml

test-release: build
	@ctest --preset release

test-asan: build-asan
	@ctest --preset asan

fuzz: setup
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@mkdir -p build/fuzz/corpus
	@build/fuzz/bin/scenario_fuzzer build/fuzz/corpus fuzz/corpus -dict=fuzz/yaml.dict -artifact_prefix=build/fuzz/ \
	  -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -rss_limit_mb=2048 -print_final_stats=1 > build/fuzz/fuzz.log 2>&1; \
	  status=$$?; tail -n 40 build/fuzz/fuzz.log; [ $$status -eq 0 ] || exit $$status
	@mkdir -p build/fuzz/dis-corpus
	@build/fuzz/bin/dis_fuzzer build/fuzz/dis-corpus fuzz/dis-corpus -artifact_prefix=build/fuzz/dis- \
	  -max_total_time=$(DIS_FUZZ_SECONDS) -max_len=2048 -rss_limit_mb=2048 -print_final_stats=1 > build/fuzz/dis-fuzz.log 2>&1; \
	  status=$$?; tail -n 20 build/fuzz/dis-fuzz.log; exit $$status

test: test-release test-asan fuzz
	@echo "make test: release and asan suites passed, fuzzers ran $(FUZZ_SECONDS) s (scenario) and $(DIS_FUZZ_SECONDS) s (DIS) without a crash"

bench: build
	@build/release/bin/event_queue_bench --benchmark_min_time=0.2
	@build/release/bin/sensors_bench --benchmark_min_time=0.2
	@build/release/bin/tracking_bench --benchmark_min_time=0.2
	@build/release/bin/run_bench examples/demo.yaml 20
	@build/release/bin/mc_bench examples/demo.yaml 100 2
	@PYTHONPATH=build/release/python /usr/bin/python3 bench/python_bench.py build/release/bin/opensam examples/demo.yaml 5 100

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

docs: build
	@build/release/bin/opensam help format > docs/scenario-format.md

# Rewrites tests/golden/ from this build's outputs: commit them on their own, saying why they moved.
golden: build
	@/usr/bin/python3 tests/golden/golden.py update build/release/bin/opensam . build/release/golden
	@OPENSAM_GOLDEN_UPDATE=1 build/release/bin/sim_live_test --gtest_filter='*Golden*' >/dev/null
	@echo "live-inbound: golden outputs written to tests/golden/live-inbound"

clean:
	@rm -rf build out

#!/usr/bin/env bash
# The recorded measurement: baselines (bare gRPC echo server, bare Beast HTTPS client) and every
# service scenario in one invocation, then the ratio table. Extra arguments go to cs-bench
# (e.g. --duration 20 --concurrency 32). Builds only what it needs, in build/bench.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
build=${CS_BENCH_BUILD_DIR:-build/bench}
cmake --preset default -B "$build" -DCS_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j "${CS_BUILD_JOBS:-2}" --target cs-bench cs-bench-echo cs-microbench \
  connector-service processor-sim
out=${CS_BENCH_OUT:-$build/bench-report}
mkdir -p "$out"
echo "== $(date -u '+%Y-%m-%dT%H:%M:%SZ'); uptime: $(uptime)"
"$build/bench/cs-bench" --suite full --warmup 3 --duration 15 --concurrency 16 --quiet \
  --json "$out/suite.json" "$@" | tee "$out/suite.txt"
"$build/bench/cs-microbench" --benchmark_min_time=0.5 | tee "$out/micro.txt"
echo "reports in $out"

#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (preset `fuzz`: Debian clang, ASan + UBSan, ccache
# when present) and runs each for CS_FUZZ_SECONDS (default 20) on a scratch copy of its seed
# corpus, printing executions and coverage per target. Exits non-zero if any target crashed
# (its crashing input and log are kept and named). `scripts/fuzz.sh fuzz_scrub …` runs only those.
set -euo pipefail
cd "$(dirname "$0")/.."
# Let ccache share results between checkouts in different folders (CI clones anew each run).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
seconds=${CS_FUZZ_SECONDS:-20}
cmake --preset fuzz --no-warn-unused-cli >/dev/null  # CMAKE_C_COMPILER: the project is C++ only
cmake --build --preset fuzz -j "${CS_BUILD_JOBS:-$(nproc)}"

bin=build/fuzz/tests/fuzz
if (($#)); then
  targets=("$@")
else
  mapfile -t targets < <(find "$bin" -maxdepth 1 -type f -executable -name 'fuzz_*' -printf '%f\n' | sort)
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/cs-fuzz.XXXXXX")
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

passed=0 failed=0
for t in "${targets[@]}"; do
  dir=$scratch/$t
  mkdir -p "$dir/corpus" "$dir/crash"
  [[ -d $bin/seeds/$t ]] && cp -r "$bin/seeds/$t/." "$dir/corpus/"
  rc=0
  "$bin/$t" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
    -artifact_prefix="$dir/crash/" "$dir/corpus" >"$dir/log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$dir/log" | tail -1 || true)
  corpus=$(grep -o 'corp: [0-9]*' "$dir/log" | tail -1 || true)
  if ((rc == 0)); then
    passed=$((passed + 1))
    printf '%-24s ok     %10s runs  %s  %s\n' "$t" "${runs:-?}" "${cov:-cov: ?}" "$corpus"
  else
    failed=$((failed + 1))
    printf '%-24s FAILED %10s runs  %s  (exit %d)\n' "$t" "${runs:-?}" "${cov:-cov: ?}" "$rc"
    grep -m1 -E '^SUMMARY|ERROR: libFuzzer|^fuzz: ' "$dir/log" | sed 's/^/    /' || true
    printf '    input: %s\n    log:   %s\n' "$(ls -d "$dir"/crash/* 2>/dev/null | head -1)" "$dir/log"
  fi
done
((failed)) || rm -rf "$scratch"
echo "$passed passed, $failed failed"
((failed == 0))

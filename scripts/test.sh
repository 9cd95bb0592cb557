#!/usr/bin/env bash
# The whole test suite: dependencies (quick when present), build, then every CTest test — unit,
# golden, contract (Prism), SDK signature vectors and end-to-end against the simulator — and the
# fuzz targets for a short fixed time.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
if [[ ! -d ../shared/contract ]]; then
  echo "test: ../shared (contract specs, Prism fix) is missing beside the repository" >&2
  exit 1
fi
./scripts/install-deps.sh
./scripts/build.sh
ctest --preset default -j "${CS_TEST_JOBS:-2}" "$@"
# The whole suite (no ctest arguments) also runs every fuzz target for CS_FUZZ_SECONDS (20 s)
# each: a crash fails the run (docs/security.md).
if (($# == 0)); then
  ./scripts/fuzz.sh
fi
echo "test: whole suite took $(( $(date +%s) - start )) s"

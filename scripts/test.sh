#!/usr/bin/env bash
# The whole test suite: dependencies (quick when present), build, then every CTest test — unit,
# golden, contract (Prism), SDK signature vectors and end-to-end against the simulator.
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
echo "test: whole suite took $(( $(date +%s) - start )) s"

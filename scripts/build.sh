#!/usr/bin/env bash
# Configures and builds the default preset (RelWithDebInfo, Ninja, ccache when present).
set -euo pipefail
cd "$(dirname "$0")/.."
# Let ccache share results between checkouts in different folders (CI clones anew each run).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake --preset default >/dev/null
cmake --build --preset default -j "${CS_BUILD_JOBS:-$(nproc)}"

#!/usr/bin/env bash
# Configures and builds the default preset (RelWithDebInfo, Ninja, ccache when present).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset default >/dev/null
cmake --build --preset default -j "${CS_BUILD_JOBS:-$(nproc)}"

#!/usr/bin/env bash
# CI entry point of the TypeScript SDK (ctest sdk.typescript): installs node_modules from the
# lock file (skipped when it already matches), builds (protoc + ts-proto, then tsc) and runs
# `npm test` — unit tests and the integration tests against sdk/testing/stack.sh, which takes the
# binaries from CS_BUILD_DIR.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

command -v node >/dev/null || { echo "run-tests: node (>= 20) is not installed" >&2; exit 1; }
node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 20)) || { echo "run-tests: node $node_major found, need >= 20" >&2; exit 1; }

# `npm ci` only when package-lock.json changed since the last install (the stamp lives inside
# node_modules, so `npm ci` deleting node_modules drops it too).
stamp=node_modules/.cs-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "run-tests: node_modules matches package-lock.json"
else
  npm ci --no-audit --no-fund
  echo "$want" >"$stamp"
fi

npm run build
echo "run-tests: CS_BUILD_DIR=${CS_BUILD_DIR:-<unset: build/default>}"
npm test

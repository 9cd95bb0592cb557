#!/usr/bin/env bash
# Installs the Node tools the contract and vector tests use (tests/node_modules, from the lock
# file) and applies the Prism deepObject fix. Idempotent: `npm ci` runs only when the lock file
# changed since the last install; the fix is re-applied every time because any npm run can undo it.
#
#   tests/install-node-deps.sh            # shared/ beside the repo
#   CS_SHARED_DIR=/path/to/shared tests/install-node-deps.sh
set -euo pipefail

tests_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(dirname "$tests_dir")"
shared_dir="${CS_SHARED_DIR:-$repo_dir/../shared}"
fix="$shared_dir/contract/prism-deepobject-fix.js"

if [[ ! -f "$fix" ]]; then
  echo "install-node-deps: $fix not found; set CS_SHARED_DIR to the shared/ folder" >&2
  exit 1
fi
command -v node >/dev/null || { echo "install-node-deps: node (>= 20) is not installed" >&2; exit 1; }
command -v npm >/dev/null || { echo "install-node-deps: npm is not installed" >&2; exit 1; }

# The stamp lives inside node_modules so that `npm ci` (which deletes node_modules) drops it too.
stamp="$tests_dir/node_modules/.cs-lock.sha256"
want="$(sha256sum "$tests_dir/package-lock.json" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "install-node-deps: tests/node_modules matches package-lock.json"
else
  npm ci --prefix "$tests_dir" --no-audit --no-fund
  echo "$want" >"$stamp"
fi

# The fix finds Prism through require.resolve from the folder given (tests/, holding node_modules).
node "$fix" "$tests_dir"

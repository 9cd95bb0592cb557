#!/usr/bin/env bash
# Writes config/example.toml and the knob table of docs/operations.md (between its
# config-schema:begin/end markers) from the config schema, via `connector-service config-schema`.
# --check: change nothing, show the difference and fail when the files are out of date (a CTest
# test runs this). Usage: scripts/gen-config-docs.sh [--check] [path/to/connector-service]
set -euo pipefail
cd "$(dirname "$0")/.."
check=false
if [[ ${1:-} == --check ]]; then check=true; shift; fi
bin=${1:-build/default/service/connector-service}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" config-schema >"$tmp/example.toml"
"$bin" config-schema --markdown >"$tmp/knobs.md"
if ! grep -q '^<!-- config-schema:begin' docs/operations.md ||
  ! grep -q '^<!-- config-schema:end -->' docs/operations.md; then
  echo "gen-config-docs: docs/operations.md lacks the config-schema:begin/end markers" >&2
  exit 1
fi
awk -v table="$tmp/knobs.md" '
  /^<!-- config-schema:begin/ { print; while ((getline row < table) > 0) print row; skip = 1; next }
  /^<!-- config-schema:end -->/ { skip = 0 }
  !skip { print }' docs/operations.md >"$tmp/operations.md"

if $check; then
  status=0
  diff -u config/example.toml "$tmp/example.toml" || status=1
  diff -u docs/operations.md "$tmp/operations.md" || status=1
  if ((status != 0)); then
    echo "gen-config-docs: out of date with the schema; run scripts/gen-config-docs.sh" >&2
  fi
  exit $status
fi
cp "$tmp/example.toml" config/example.toml
cp "$tmp/operations.md" docs/operations.md
echo "gen-config-docs: wrote config/example.toml and the knob table of docs/operations.md"

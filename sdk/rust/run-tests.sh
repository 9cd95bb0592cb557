#!/usr/bin/env bash
# CI entry point of the Rust SDK (ctest sdk.rust): `cargo test --locked` — unit tests, the
# in-process fake-server tests and the integration tests against sdk/testing/stack.sh, which
# takes the binaries from CS_BUILD_DIR (default build/default). CS_SKIP_INTEGRATION=1 skips the
# integration tests. Extra arguments go to `cargo test`. Target dir: sdk/rust/target.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"

need="1.88"  # rust-version in Cargo.toml (tonic 0.14)
[[ -x "$HOME/.cargo/bin/cargo" ]] && PATH="$HOME/.cargo/bin:$PATH"
if ! command -v cargo >/dev/null; then
  echo "run-tests.sh: cargo is not on PATH; install Rust >= $need (https://rustup.rs, or scripts/install-deps.sh)" >&2
  exit 1
fi
have=$(cargo --version | awk '{print $2}')
if [[ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -1)" != "$need" ]]; then
  echo "run-tests.sh: cargo $have found, need >= $need (rustup update stable)" >&2
  exit 1
fi
command -v protoc >/dev/null || [[ -n "${PROTOC:-}" ]] || {
  echo "run-tests.sh: protoc is not installed (Debian: protobuf-compiler)" >&2; exit 1; }

export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
export CARGO_TARGET_DIR="$here/target"
export CS_BUILD_DIR="${CS_BUILD_DIR:-$here/../../build/default}"
echo "run-tests.sh: cargo $have, CS_BUILD_DIR=$CS_BUILD_DIR"
exec cargo test --locked "$@"

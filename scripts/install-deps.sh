#!/usr/bin/env bash
# Installs everything the build and the tests need on Debian 12 (as root, or with sudo):
# compilers and libraries from apt, then the Node tools of the tests from the npm registry.
# Idempotent and quick when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git openssl curl clang-format
  libcaf-dev libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libssl-dev libsimdjson-dev libexpat1-dev
  libtomlplusplus-dev libcli11-dev libspdlog-dev libfmt-dev libgtest-dev libgmock-dev
  libbenchmark-dev prometheus nodejs npm clang libclang-rt-14-dev libhiredis-dev redis-server
  nginx libnghttp2-dev
)
# libnghttp2-dev: HTTP/2 to processors (net/http2_session.cpp) and in the simulator.
# nginx: the replica test (tests/e2e/replicas_test.cpp) runs its own nginx as a child process with
# deploy/nginx's config; Debian's nginx service itself is not needed (on a systemd machine it starts
# on port 80: `systemctl disable --now nginx` if that is unwanted).

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
# node and npm may come from elsewhere (nodesource, nvm): accept any node >= 20.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

# The Python SDK's tests (sdk/python/run-tests.sh) make a venv: python3 with venv and ensurepip
# (Debian splits them out; a pyenv or other python3 that has them is accepted).
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  for p in python3 python3-venv python3-pip; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
fi

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all ${#packages[@]} Debian packages present"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if ((node_major < 20)); then
  echo "install-deps: node $node_major found, the tests need node >= 20" >&2
  exit 1
fi

# The Rust SDK (sdk/rust/run-tests.sh) needs cargo/rustc >= 1.88 (tonic 0.14; Debian 12's cargo
# is older); its crates come from crates.io through Cargo.lock at test time. Without cargo, rustup
# installs the stable toolchain into ~/.cargo.
[[ -x "$HOME/.cargo/bin/cargo" ]] && PATH="$HOME/.cargo/bin:$PATH"
if ! command -v cargo >/dev/null; then
  echo "install-deps: installing Rust (stable, minimal) with rustup into ~/.cargo"
  if ! curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal; then
    echo "install-deps: cargo not found and rustup could not be fetched; install Rust >= 1.88 (https://rustup.rs), then put ~/.cargo/bin on PATH" >&2
    exit 1
  fi
  PATH="$HOME/.cargo/bin:$PATH"
fi
cargo_version=$(cargo --version | awk '{print $2}')
if [[ "$(printf '%s\n%s\n' 1.88 "$cargo_version" | sort -V | head -1)" != 1.88 ]]; then
  echo "install-deps: cargo $cargo_version found, the Rust SDK needs >= 1.88 (rustup update stable)" >&2
  exit 1
fi

# The TypeScript SDK's build and test tools (sdk/typescript/node_modules, from its lock file;
# `npm ci` only when the lock file changed since the last install).
ts_sdk="$(dirname "$0")/../sdk/typescript"
ts_want=$(sha256sum "$ts_sdk/package-lock.json" | cut -d' ' -f1)
if [[ "$(cat "$ts_sdk/node_modules/.cs-lock.sha256" 2>/dev/null)" != "$ts_want" ]]; then
  npm ci --prefix "$ts_sdk" --no-audit --no-fund
  echo "$ts_want" >"$ts_sdk/node_modules/.cs-lock.sha256"
fi

"$(dirname "$0")/../tests/install-node-deps.sh"

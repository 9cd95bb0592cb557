#!/usr/bin/env bash
# The Python SDK's tests (ctest: sdk.python). Creates or reuses the venv at sdk/python/.venv,
# installs the package editable with its test extras (only when pyproject.toml/setup.py/gen.py
# changed), regenerates connectorservice/v1 when a .proto changed, then runs pytest.
# Integration tests start the stack from $CS_BUILD_DIR (sdk/testing/stack.sh); extra arguments
# go to pytest (e.g. -k webhook, -m "not integration").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
venv="$here/.venv"
py="${PYTHON:-python3}"

if [[ ! -x "$venv/bin/python" ]]; then
  if ! "$py" -m venv "$venv"; then
    echo "run-tests.sh: '$py -m venv' failed; install python3-venv (scripts/install-deps.sh)" >&2
    rm -rf "$venv"
    exit 1
  fi
fi
vpy="$venv/bin/python"

want=$(cat pyproject.toml setup.py gen.py | sha256sum | cut -d' ' -f1)
stamp="$venv/.deps-stamp"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  "$vpy" -m pip install -q --disable-pip-version-check --upgrade pip
  # Build requirements in the venv itself, so the editable install needs no isolated build env.
  "$vpy" -m pip install -q --disable-pip-version-check "setuptools>=69" wheel "grpcio-tools>=1.85.1,<1.86"
  "$vpy" -m pip install -q --disable-pip-version-check --no-build-isolation -e ".[test]"
  echo "$want" >"$stamp"
fi

"$vpy" gen.py  # no-op unless a .proto is newer than the generated code
export CS_BUILD_DIR="${CS_BUILD_DIR:-$here/../../build/default}"
exec "$vpy" -m pytest -q -p no:cacheprovider "$@"

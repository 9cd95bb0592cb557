#!/usr/bin/env bash
# The floors of docs/architecture.md, checked on the includes: a room includes only itself and
# the rooms below it, so no arrow runs back up. Run by CTest (rooms.no_arrow_runs_back_up).
set -euo pipefail
cd "$(dirname "$0")/.."

# room → the rooms (first path segment of a quoted #include) it may include.
declare -A allowed=(
  [domain]="domain"
  [obs]="obs domain"
  [net]="net obs domain"
  [connectors]="connectors domain"
  [actors]="actors net obs domain"
  [api]="api actors net obs domain connectorservice google"
  [service]="service api actors connectors net obs domain connectorservice google"
)
bad=0
for room in "${!allowed[@]}"; do
  while IFS= read -r line; do
    file=${line%%:*}
    target=$(sed -E 's/.*#include "([^"]+)".*/\1/' <<<"${line#*:}")
    [[ $target == */* ]] || continue  # same-folder includes ("fixture.hpp")
    top=${target%%/*}
    if [[ " ${allowed[$room]} " != *" $top "* ]]; then
      echo "check-rooms: $file includes \"$target\": $room may include only ${allowed[$room]}" >&2
      bad=1
    fi
  done < <(grep -rnE '^#include "' "$room" --include='*.hpp' --include='*.cpp' | sed -E 's/^([^:]+):[0-9]+:/\1:/')
done
# The simulator is its own product: none of the service's rooms, so it cannot share their bugs.
# The bench drives the service from outside: no test code.
if grep -rnE '^#include "(domain|connectors|actors|api|net|obs|service)/' sim; then
  echo "check-rooms: sim/ includes a room of the service" >&2
  bad=1
fi
if grep -rnE '^#include "tests/' bench; then
  echo "check-rooms: bench/ includes test code" >&2
  bad=1
fi
((bad == 0)) && echo "check-rooms: every room includes only the rooms below it"
exit $bad

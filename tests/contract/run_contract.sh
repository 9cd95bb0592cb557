#!/bin/sh
# One CTest command for a contract check: dump the connector's requests, then let Prism judge
# them against the processor's spec. Usage: run_contract.sh NAME DUMPER OUTFILE NODE CHECKER SPEC
set -eu
name=$1 dumper=$2 out=$3 node=$4 checker=$5 spec=$6
if [ ! -f "$spec" ]; then
  echo "$name: $spec not found; the shared/ folder must be beside the repo" \
       "(or configure with -DCS_SHARED_DIR=/path/to/shared)" >&2
  exit 1
fi
"$dumper" "$out"
exec "$node" "$checker" "$out" "$spec"

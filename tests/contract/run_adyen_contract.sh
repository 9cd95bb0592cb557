#!/bin/sh
# One CTest command for the contract check: dump the connector's requests, then let Prism judge
# them against Adyen's spec. Usage: run_adyen_contract.sh DUMPER OUTFILE NODE CHECKER SPEC
set -eu
dumper=$1 out=$2 node=$3 checker=$4 spec=$5
if [ ! -f "$spec" ]; then
  echo "contract.adyen_checkout: $spec not found; the shared/ folder must be beside the repo" \
       "(or configure with -DCS_SHARED_DIR=/path/to/shared)" >&2
  exit 1
fi
"$dumper" "$out"
exec "$node" "$checker" "$out" "$spec"

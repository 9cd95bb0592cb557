#!/usr/bin/env bash
# The running stack SDK tests call: processor-sim and connector-service (stack.toml) on free
# loopback ports.
#   stack.sh start DIR   start both; when the service serves, write DIR/env (shell syntax):
#                        CS_GRPC_ADDRESS, CS_HTTP_ADDRESS, CS_SIM_URL, CS_SIM_CA, and the merchant
#                        accounts CS_ADYEN_ACCOUNT, CS_STRIPE_ACCOUNT; plus the two secrets tests
#                        sign webhooks with: CS_ADYEN_HMAC_KEY, CS_STRIPE_WEBHOOK_SECRET
#   stack.sh stop DIR    stop both (SIGTERM), keep the logs in DIR
# Binaries: CS_BUILD_DIR (default build/default under the repository).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${CS_BUILD_DIR:-$root/build/default}
cmd=${1:?usage: stack.sh start|stop DIR}
dir=${2:?usage: stack.sh start|stop DIR}
mkdir -p "$dir"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

stop() {
  for f in "$dir/service.pid" "$dir/sim.pid"; do
    [[ -s "$f" ]] && kill -TERM "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
}

case "$cmd" in
  stop) stop; exit 0 ;;
  start) ;;
  *) echo "stack.sh: unknown command '$cmd' (start|stop)" >&2; exit 2 ;;
esac

for b in "$bin/sim/processor-sim" "$bin/service/connector-service"; do
  [[ -x "$b" ]] || { echo "stack.sh: $b is missing: build first (scripts/build.sh)" >&2; exit 1; }
done

adyen_hmac=44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056
stripe_whsec=whsec_processor_sim_stripe_0123456789abcdef
http_port=$(free_port)
rm -f "$dir/port"
"$bin/sim/processor-sim" --state-dir "$dir" \
  --adyen-webhook-url "http://127.0.0.1:$http_port/webhooks/adyen/adyen_demo" \
  --stripe-webhook-url "http://127.0.0.1:$http_port/webhooks/stripe/stripe_demo" \
  >"$dir/sim.log" 2>&1 &
echo $! >"$dir/sim.pid"
for _ in $(seq 100); do [[ -s "$dir/port" ]] && break; sleep 0.1; done
[[ -s "$dir/port" ]] || { echo "stack.sh: the simulator did not start:" >&2; cat "$dir/sim.log" >&2; stop; exit 1; }
sim_port=$(cat "$dir/port")
sim="https://127.0.0.1:$sim_port"

for attempt in 1 2 3; do
  grpc_port=$(free_port)
  CS_SERVER__GRPC_ADDRESS="127.0.0.1:$grpc_port" \
  CS_SERVER__HTTP_ADDRESS="127.0.0.1:$http_port" \
  CS_TLS__CA_FILE="$dir/ca.pem" \
  CS_CONNECTORS__ADYEN__BASE_URLS__DEFAULT="$sim/adyen/v71" \
  CS_CONNECTORS__ADYEN__BASE_URLS__DISPUTES="$sim/adyen/ca/services/DisputeService/v30" \
  CS_CONNECTORS__STRIPE__BASE_URLS__DEFAULT="$sim/stripe" \
    "$bin/service/connector-service" serve --config "$root/sdk/testing/stack.toml" \
    >"$dir/service.log" 2>&1 &
  echo $! >"$dir/service.pid"
  for _ in $(seq 150); do
    grep -q "serving gRPC" "$dir/service.log" && break
    kill -0 "$(cat "$dir/service.pid")" 2>/dev/null || break
    sleep 0.1
  done
  grep -q "serving gRPC" "$dir/service.log" && break
  # A port taken between free_port and the listen: try new ones.
  grep -q "Address already in use" "$dir/service.log" && ((attempt < 3)) && continue
  echo "stack.sh: the service did not start:" >&2; cat "$dir/service.log" >&2; stop; exit 1
done

cat >"$dir/env" <<ENV
CS_GRPC_ADDRESS=127.0.0.1:$grpc_port
CS_HTTP_ADDRESS=127.0.0.1:$http_port
CS_SIM_URL=$sim
CS_SIM_CA=$dir/ca.pem
CS_ADYEN_ACCOUNT=adyen_demo
CS_STRIPE_ACCOUNT=stripe_demo
CS_ADYEN_HMAC_KEY=$adyen_hmac
CS_STRIPE_WEBHOOK_SECRET=$stripe_whsec
ENV
echo "stack.sh: connector-service on 127.0.0.1:$grpc_port, processor-sim on $sim ($dir)"

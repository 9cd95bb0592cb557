#!/usr/bin/env bash
# Starts the processor simulator and connector-service (config/demo.toml), runs a payment's
# lifecycle over gRPC printing each step, shows the webhooks the service verified, and stops both.
# Ports: CS_DEMO_GRPC_PORT (50051), CS_DEMO_HTTP_PORT (8080).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/default
grpc_port=${CS_DEMO_GRPC_PORT:-50051}
http_port=${CS_DEMO_HTTP_PORT:-8080}
state=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$state"
}
trap cleanup EXIT

echo "demo: starting processor-sim"
"$bin/sim/processor-sim" --state-dir "$state" \
  --adyen-webhook-url "http://127.0.0.1:$http_port/webhooks/adyen/demo" >"$state/sim.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [[ -s "$state/port" ]] && break; sleep 0.1; done
[[ -s "$state/port" ]] || { echo "demo: the simulator did not start:"; cat "$state/sim.log"; exit 1; }
sim_port=$(cat "$state/port")
echo "demo: processor-sim on https://127.0.0.1:$sim_port (test CA $state/ca.pem)"

export CS_SERVER__GRPC_ADDRESS="127.0.0.1:$grpc_port"
export CS_SERVER__HTTP_ADDRESS="127.0.0.1:$http_port"
export CS_TLS__CA_FILE="$state/ca.pem"
export CS_CONNECTORS__ADYEN__BASE_URLS__DEFAULT="https://127.0.0.1:$sim_port/adyen/v71"
export CS_CONNECTORS__ADYEN__BASE_URLS__DISPUTES="https://127.0.0.1:$sim_port/adyen/ca/services/DisputeService/v30"
echo "demo: starting connector-service"
"$bin/service/connector-service" serve --config config/demo.toml >"$state/service.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q "serving gRPC" "$state/service.log" && break; sleep 0.1; done
grep -q "serving gRPC" "$state/service.log" || { echo "demo: the service did not start:"; cat "$state/service.log"; exit 1; }
grep "serving gRPC" "$state/service.log" | sed 's/^/demo: /'

echo
"$bin/sdk/payment_lifecycle" --target "127.0.0.1:$grpc_port" --merchant-account demo
sleep 1
echo
echo "Webhooks the simulator sent and the service verified (HTTP status of the last attempt):"
curl -s --cacert "$state/ca.pem" "https://127.0.0.1:$sim_port/_sim/webhooks" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const w of JSON.parse(s).deliveries??JSON.parse(s))
    console.log(`  ${w.eventCode.padEnd(14)} ${w.pspReference}  -> HTTP ${w.finalStatus} (${w.state})`)})'
echo
echo "Metrics (GET http://127.0.0.1:$http_port/metrics, excerpt):"
curl -s "http://127.0.0.1:$http_port/metrics" |
  grep -E '^connector_service_(rpcs_total|processor_requests_total|webhooks_total|circuit_breaker_state|outbound_connections_total|tls_handshakes_total)' |
  sed 's/^/  /'
echo
echo "demo: done; stopping the service and the simulator"

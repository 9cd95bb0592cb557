#!/usr/bin/env bash
# Checks deploy/ without a cluster or a container runtime (CTest deploy.configs):
#  - both nginx templates render with deploy/nginx/render.sh and pass `nginx -t` (the TLS one with
#    a throwaway self-signed certificate);
#  - no nginx config lets a call be re-sent to another replica after it was sent (non_idempotent);
#  - the config file in deploy/k8s/configmap.yaml passes `connector-service check-config`;
#  - deployment.yaml's terminationGracePeriodSeconds exceeds its preStop sleep plus the config's
#    server.shutdown_grace_ms, so that SIGKILL never cuts a drain short.
# Usage: check-deploy.sh REPO_DIR CONNECTOR_SERVICE_BIN
set -euo pipefail
repo=$1
bin=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "check-deploy: $*" >&2
  exit 1
}
nginx_bin=${CS_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
[[ -x "$nginx_bin" ]] || fail "nginx not found: run scripts/install-deps.sh (Debian's nginx)"
export NGINX_BIN=$nginx_bin

"$repo/deploy/nginx/render.sh" "$tmp/plain" 127.0.0.1:18080 127.0.0.1:50051 127.0.0.1:50052 \
  >/dev/null || fail "the plaintext template does not render or pass nginx -t"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -subj /CN=connector-service.internal \
  -addext subjectAltName=DNS:connector-service.internal 2>/dev/null
TEMPLATE=connector-service-tls.conf.template SERVER_CERT="$tmp/cert.pem" SERVER_KEY="$tmp/key.pem" \
  REPLICA_CA="$tmp/cert.pem" REPLICA_NAME=connector-service.internal \
  "$repo/deploy/nginx/render.sh" "$tmp/tls" 127.0.0.1:18443 127.0.0.1:50051 >/dev/null ||
  fail "the TLS template does not render or pass nginx -t"
for conf in "$tmp/plain/nginx.conf" "$tmp/tls/nginx.conf"; do
  if sed 's/#.*//' "$conf" | grep -q non_idempotent; then
    fail "$conf: grpc_next_upstream must not list non_idempotent (a sent call would be re-sent)"
  fi
  sed 's/#.*//' "$conf" | grep -Eq '^\s*grpc_next_upstream\s+error\s+timeout;' ||
    fail "$conf: expected 'grpc_next_upstream error timeout;'"
done

# The TOML inside the ConfigMap (indented four spaces under `connector-service.toml: |`).
awk '/connector-service.toml: \|/ { on = 1; next } on { sub(/^    /, ""); print }' \
  "$repo/deploy/k8s/configmap.yaml" >"$tmp/k8s.toml"
CS_CLIENTS__CHECKOUT__KEY_SHA256=$(printf %s check-deploy-key | sha256sum | cut -d' ' -f1) \
  CS_MERCHANT_ACCOUNTS__ACME_EU__API_KEY=check-deploy-api-key \
  CS_MERCHANT_ACCOUNTS__ACME_EU__MERCHANT_ACCOUNT=AcmeECOM \
  CS_MERCHANT_ACCOUNTS__ACME_EU__WEBHOOK_SECRET=$(printf '%064d' 0) \
  CS_WEBHOOKS__SINK_SIGNING_KEY=check-deploy-signing-key \
  "$bin" check-config "$tmp/k8s.toml" || fail "deploy/k8s/configmap.yaml: check-config failed"

grace_ms=$(sed -n 's/^ *shutdown_grace_ms *= *\([0-9]*\).*/\1/p' "$tmp/k8s.toml")
termination_s=$(sed -n 's/^ *terminationGracePeriodSeconds: *\([0-9]*\).*/\1/p' \
  "$repo/deploy/k8s/deployment.yaml")
prestop_s=$(grep -A5 'preStop:' "$repo/deploy/k8s/deployment.yaml" |
  sed -n 's/.*"sleep", "\([0-9]*\)".*/\1/p')
[[ -n "$grace_ms" && -n "$termination_s" && -n "$prestop_s" ]] ||
  fail "cannot read shutdown_grace_ms ($grace_ms), terminationGracePeriodSeconds ($termination_s) or the preStop sleep ($prestop_s)"
((termination_s * 1000 > prestop_s * 1000 + grace_ms)) ||
  fail "terminationGracePeriodSeconds $termination_s s must exceed preStop $prestop_s s + shutdown_grace_ms $grace_ms ms"
echo "check-deploy: nginx templates ok, k8s config ok, termination ${termination_s} s > preStop ${prestop_s} s + drain $((grace_ms / 1000)) s"

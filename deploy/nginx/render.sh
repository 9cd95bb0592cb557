#!/usr/bin/env bash
# Fills an nginx template of this folder for a local run, checks it with `nginx -t` and prints the
# command that runs nginx in the foreground.
#   deploy/nginx/render.sh PREFIX LISTEN REPLICA...
#   e.g. deploy/nginx/render.sh /tmp/cs-nginx 127.0.0.1:8443 127.0.0.1:50051 127.0.0.1:50052
# PREFIX: a writable folder (nginx.conf, logs, pid file and temp files go there); LISTEN: where
# clients connect; REPLICA: host:port of each connector-service's gRPC port.
# Environment: TEMPLATE (default connector-service.conf.template; the TLS one also needs
# SERVER_CERT, SERVER_KEY, REPLICA_CA, REPLICA_NAME), FAIL_TIMEOUT (default 5s: how long a replica
# that failed a connection is left out), NGINX_BIN (default nginx; not $NGINX, which nginx itself
# reads as inherited sockets).
set -euo pipefail
if (($# < 3)); then
  echo "usage: $0 PREFIX LISTEN REPLICA..." >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
template="$here/${TEMPLATE:-connector-service.conf.template}"
prefix=$(mkdir -p "$1" && cd "$1" && pwd)
listen=$2
shift 2
servers=""
for r in "$@"; do
  servers+="    server $r max_fails=1 fail_timeout=${FAIL_TIMEOUT:-5s};"$'\n'
done
awk -v prefix="$prefix" -v listen="$listen" -v servers="${servers%$'\n'}" '
  {
    gsub(/@PREFIX@/, prefix); gsub(/@LISTEN@/, listen)
    for (v in ENVIRON)
      if (v ~ /^(SERVER_CERT|SERVER_KEY|REPLICA_CA|REPLICA_NAME)$/) gsub("@" v "@", ENVIRON[v])
  }
  /^@UPSTREAM_SERVERS@$/ { print servers; next }
  /^[^#]*@[A-Z_]+@/ { print "render.sh: " FILENAME " line " FNR " still has a placeholder: " $0 > "/dev/stderr"; bad = 1 }
  { print }
  END { exit bad }' "$template" >"$prefix/nginx.conf"
"${NGINX_BIN:-nginx}" -t -q -p "$prefix" -e "$prefix/error.log" -c "$prefix/nginx.conf"
echo "${NGINX_BIN:-nginx} -p $prefix -e $prefix/error.log -c $prefix/nginx.conf -g 'daemon off;'"

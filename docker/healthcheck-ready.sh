#!/bin/sh
# Container health for the applications with a metrics endpoint (sinks, simulator; --metrics-port / METRICS_PORT):
# healthy while GET http://localhost:PORT/ready answers 200, i.e. the component is connected to Kafka (and MongoDB
# for the sinks) and its loop runs. wget when the image has it, else bash's /dev/tcp (the JRE image has bash).
#   healthcheck-ready.sh 9465           /ready on that port
#   healthcheck-ready.sh 9465 /health   another path
set -eu
port="${1:?usage: healthcheck-ready.sh PORT [PATH]}"
path="${2:-/ready}"
if command -v wget >/dev/null 2>&1; then
  exec wget -q -T 4 -O /dev/null "http://127.0.0.1:${port}${path}"
fi
exec bash -c '
  exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
  printf "GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n" "$2" >&3
  IFS= read -r status <&3 || exit 1
  case "$status" in "HTTP/1."?" 200"*) exit 0 ;; *) exit 1 ;; esac
' healthcheck-ready "$port" "$path"

#!/bin/sh
# Container health for the applications that have no HTTP endpoint (simulator, sinks): healthy while the
# container holds an ESTABLISHED TCP connection to every given remote port, e.g. 19092 (Kafka) and 27017
# (MongoDB). The JVM is PID 1, so "connected" also means "running". Reads /proc/net/tcp{,6}; needs only sh + awk.
set -eu
if [ $# -eq 0 ]; then
  echo "usage: healthcheck-connected.sh PORT..." >&2
  exit 2
fi
for port in "$@"; do
  hex=$(printf '%04X' "$port")
  # columns: sl local_address rem_address st ...; state 01 = ESTABLISHED; addresses end in :PORT (hex)
  if ! awk -v want=":$hex" 'FNR > 1 && $4 == "01" && substr($3, length($3) - 4) == want { found = 1 }
        END { exit found ? 0 : 1 }' /proc/net/tcp /proc/net/tcp6 2>/dev/null; then
    echo "no established connection to port $port"
    exit 1
  fi
done
echo "connected to $*"

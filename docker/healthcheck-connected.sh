#!/bin/sh
# Container health for the applications that have no HTTP endpoint (simulator, sinks): healthy while the
# container holds an ESTABLISHED TCP connection to each named service. The JVM is PID 1, so "connected" also means
# "running". Reads /proc/net/tcp{,6}; needs only sh + awk.
#   healthcheck-connected.sh kafka mongodb   the ports of KAFKA_BOOTSTRAP_SERVERS / MONGODB_URI (any one of each
#                                            list's hosts will do), so it follows the addresses the app was given
#   healthcheck-connected.sh 19092 27017     explicit ports
set -eu
if [ $# -eq 0 ]; then
  echo "usage: healthcheck-connected.sh kafka|mongodb|PORT..." >&2
  exit 2
fi

ports_of() {   # "h1:p1,h2:p2" -> "p1 p2" (a host without a port gets the default $2)
  echo "$1" | tr ',' '\n' | while IFS= read -r hp; do
    [ -z "$hp" ] && continue
    case "$hp" in
      *\]:*) echo "${hp##*]:}" ;;
      *\]) echo "$2" ;;
      *:*) echo "${hp##*:}" ;;
      *) echo "$2" ;;
    esac
  done | tr '\n' ' '
}

connected() {   # port: is there an ESTABLISHED connection to it?
  hex=$(printf '%04X' "$1")
  # columns: sl local_address rem_address st ...; state 01 = ESTABLISHED; addresses end in :PORT (hex)
  awk -v want=":$hex" 'FNR > 1 && $4 == "01" && substr($3, length($3) - 4) == want { found = 1 }
      END { exit found ? 0 : 1 }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

said=""
for what in "$@"; do
  case "$what" in
    kafka)
      : "${KAFKA_BOOTSTRAP_SERVERS:?healthcheck: KAFKA_BOOTSTRAP_SERVERS is not set}"
      ports=$(ports_of "$KAFKA_BOOTSTRAP_SERVERS" 9092) ;;
    mongodb)
      : "${MONGODB_URI:?healthcheck: MONGODB_URI is not set}"
      case "$MONGODB_URI" in
        mongodb+srv://*) echo "healthcheck: mongodb+srv:// URIs name no port; give the port instead" >&2; exit 2 ;;
      esac
      hosts=${MONGODB_URI#*://}
      hosts=${hosts%%/*}
      hosts=${hosts%%\?*}
      hosts=${hosts##*@}
      ports=$(ports_of "$hosts" 27017) ;;
    *[!0-9]*|'')
      echo "healthcheck: '$what' is neither kafka, mongodb nor a port number" >&2
      exit 2 ;;
    *) ports="$what" ;;
  esac
  ok=""
  for port in $ports; do
    if connected "$port"; then ok="$port"; break; fi
  done
  if [ -z "$ok" ]; then
    echo "no established connection to $what (port ${ports% })"
    exit 1
  fi
  said="$said $what:$ok"
done
echo "connected to${said}"

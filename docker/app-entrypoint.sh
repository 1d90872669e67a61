#!/bin/sh
# Runs one of the project's Java applications: app-entrypoint.sh MODULE MAIN-CLASS [ARGS...]
# e.g. app-entrypoint.sh sinks io.sensorpipe.sink.SinkCommand raw
# Settings come from the environment (KAFKA_BOOTSTRAP_SERVERS, KAFKA_CLIENT_CONFIG, MONGODB_URI, ...).
# SENSORPIPE_APP_HOME (default /opt/sensorpipe, the image's layout) holds MODULE/MODULE.jar and MODULE/lib/*.jar.
set -eu
if [ $# -lt 2 ]; then
  echo "usage: app-entrypoint.sh MODULE MAIN-CLASS [ARGS...]" >&2
  exit 2
fi
module="$1"
main="$2"
shift 2
dir="${SENSORPIPE_APP_HOME:-/opt/sensorpipe}/$module"
if [ ! -f "$dir/$module.jar" ]; then
  echo "error: unknown module '$module' (no $dir/$module.jar)" >&2
  exit 2
fi
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp "$dir/$module.jar:$dir/lib/*" "$main" "$@"

#!/bin/sh
# Creates the pipeline's topics from kafka-init/topics.conf (idempotent: existing topics are kept as they are).
# usage: create-topics.sh BOOTSTRAP PARTITIONS [CONFIG_FILE] [KAFKA_TOPICS_COMMAND]
set -eu
bootstrap="$1"
partitions="$2"
conf="${3:-$(dirname "$0")/topics.conf}"
kafka_topics="${4:-/opt/kafka/bin/kafka-topics.sh}"
client_config="${KAFKA_CLIENT_CONFIG:-}"
grep -v '^[[:space:]]*#' "$conf" | grep -v '^[[:space:]]*$' | while read -r topic settings; do
  set -- --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --replication-factor 1
  if [ -n "$client_config" ]; then set -- "$@" --command-config "$client_config"; fi
  old_ifs="$IFS"; IFS=','
  for kv in $settings; do set -- "$@" --config "$kv"; done
  IFS="$old_ifs"
  "$kafka_topics" "$@"
done

#!/bin/sh
# compose's Kafka health check: the broker answers the admin on the ADMIN listener (the one listener that works
# before kafka-init has created the components' SCRAM users). usage: kafka-healthcheck.sh BOOTSTRAP
#   SENSORPIPE_KAFKA_ADMIN_PASSWORD   the admin's password (required)
#   SENSORPIPE_KAFKA_ADMIN_MECHANISM  PLAIN (default, compose's ADMIN listener) or SCRAM-SHA-512
#   KAFKA_BIN                         the Kafka tools (default /opt/kafka/bin, the apache/kafka image)
set -eu
mechanism="${SENSORPIPE_KAFKA_ADMIN_MECHANISM:-PLAIN}"
case "$mechanism" in
  PLAIN) module=org.apache.kafka.common.security.plain.PlainLoginModule ;;
  *) module=org.apache.kafka.common.security.scram.ScramLoginModule ;;
esac
config="$(mktemp)"
trap 'rm -f "$config"' EXIT
chmod 600 "$config"
printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=%s\nsasl.jaas.config=%s required username="admin" password="%s";\n' \
  "$mechanism" "$module" "${SENSORPIPE_KAFKA_ADMIN_PASSWORD:?}" > "$config"
"${KAFKA_BIN:-/opt/kafka/bin}/kafka-broker-api-versions.sh" --bootstrap-server "$1" --command-config "$config" \
  > /dev/null 2>&1

#!/bin/sh
# compose's kafka-init (one-shot): waits for the Kafka cluster the pipeline uses, creates its topics from the one
# definition (topics.conf), and describes them. Works against compose's own broker or an existing cluster:
#   KAFKA_BOOTSTRAP_SERVERS  where the cluster is (default kafka:19092, compose's broker)
#   KAFKA_PARTITIONS         partitions of each topic (default 6)
#   KAFKA_CLIENT_CONFIG      the admin's client properties file (SASL/TLS), optional; without it and with
#   KAFKA_ADMIN_PASSWORD     the admin's file is written from KAFKA_ADMIN_USER (admin), KAFKA_ADMIN_PASSWORD,
#                            KAFKA_ADMIN_SASL_MECHANISM (PLAIN) and KAFKA_ADMIN_SECURITY_PROTOCOL (SASL_PLAINTEXT)
#   KAFKA_SIMULATOR_PASSWORD (and _STREAM_JOB_, _SINK_RAW_, _SINK_DERIVED_, with their _USER): when set, one
#                            SCRAM-SHA-512 user per component and its ACLs (acls.sh); the cluster needs an authorizer
#   KAFKA_BIN                the Kafka command-line tools (default /opt/kafka/bin, the apache/kafka image)
#   KAFKA_INIT_WAIT_SECONDS  how long to wait for the cluster (default 300)
set -eu
bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-kafka:19092}"
partitions="${KAFKA_PARTITIONS:-6}"
bin="${KAFKA_BIN:-/opt/kafka/bin}"
wait_seconds="${KAFKA_INIT_WAIT_SECONDS:-300}"
here="$(dirname "$0")"
set --
if [ -z "${KAFKA_CLIENT_CONFIG:-}" ] && [ -n "${KAFKA_ADMIN_PASSWORD:-}" ]; then
  # the admin's client file, from the environment (compose: PLAIN on the broker's ADMIN listener)
  KAFKA_CLIENT_CONFIG="$(mktemp)"
  chmod 600 "$KAFKA_CLIENT_CONFIG"
  mechanism="${KAFKA_ADMIN_SASL_MECHANISM:-PLAIN}"
  case "$mechanism" in
    PLAIN) module=org.apache.kafka.common.security.plain.PlainLoginModule ;;
    *) module=org.apache.kafka.common.security.scram.ScramLoginModule ;;
  esac
  printf 'security.protocol=%s\nsasl.mechanism=%s\nsasl.jaas.config=%s required username="%s" password="%s";\n' \
    "${KAFKA_ADMIN_SECURITY_PROTOCOL:-SASL_PLAINTEXT}" "$mechanism" "$module" "${KAFKA_ADMIN_USER:-admin}" \
    "$KAFKA_ADMIN_PASSWORD" > "$KAFKA_CLIENT_CONFIG"
  export KAFKA_CLIENT_CONFIG
fi
if [ -n "${KAFKA_CLIENT_CONFIG:-}" ]; then
  if [ ! -r "$KAFKA_CLIENT_CONFIG" ]; then
    echo "kafka-init: KAFKA_CLIENT_CONFIG=$KAFKA_CLIENT_CONFIG is not a readable file (mount it into this container)" >&2
    exit 2
  fi
  set -- --command-config "$KAFKA_CLIENT_CONFIG"
fi
case "$partitions" in
  ''|*[!0-9]*|0) echo "kafka-init: KAFKA_PARTITIONS must be a positive number, got '$partitions'" >&2; exit 2 ;;
esac

start=$(date +%s)
until "$bin/kafka-broker-api-versions.sh" --bootstrap-server "$bootstrap" "$@" >/dev/null 2>&1; do
  if [ $(( $(date +%s) - start )) -ge "$wait_seconds" ]; then
    echo "kafka-init: no Kafka cluster answers at $bootstrap within ${wait_seconds} s" >&2
    exit 1
  fi
  echo "kafka-init: waiting for Kafka at $bootstrap ..."
  sleep 5
done
echo "kafka-init: Kafka at $bootstrap answers; creating the topics of $here/topics.conf with $partitions partitions"
"$here/create-topics.sh" "$bootstrap" "$partitions" "$here/topics.conf" "$bin/kafka-topics.sh"
"$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" "$@" --describe --topic readings,alpha,readings.dlq
if [ -n "${KAFKA_SIMULATOR_PASSWORD:-}" ]; then
  echo "kafka-init: creating the components' SCRAM users and ACLs (acls.sh)"
  "$here/acls.sh" "$bootstrap" "$KAFKA_CLIENT_CONFIG" "$bin"
fi

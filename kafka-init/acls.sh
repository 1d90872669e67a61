#!/bin/sh
# Least privilege on Kafka: one SCRAM-SHA-512 user per component, and only the ACLs it needs (the same plan as the
# embedded stack's --secure, stack/src/main/java/io/sensorpipe/stack/KafkaAccessPlan.java). Idempotent: a user's
# password is set to the given one (this is also how a password is rotated), existing ACLs are kept.
# usage: acls.sh BOOTSTRAP ADMIN_CLIENT_CONFIG KAFKA_BIN
# reads KAFKA_<COMPONENT>_USER / KAFKA_<COMPONENT>_PASSWORD for SIMULATOR, STREAM_JOB, SINK_RAW, SINK_DERIVED
set -eu
bootstrap="$1"
config="$2"
bin="$3"

user() {   # name password
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$config" --alter \
    --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]" >/dev/null
  echo "kafka-init: SCRAM-SHA-512 user '$1' set"
}

allow() {   # principal operation --topic NAME | --group NAME
  p="$1"; op="$2"; shift 2
  "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$config" --add \
    --allow-principal "User:$p" --operation "$op" "$@" --resource-pattern-type literal >/dev/null
  echo "kafka-init: allow User:$p $op $*"
}

need() {   # variable name: its value, or stop with one line
  eval "v=\${$1:-}"
  if [ -z "$v" ]; then echo "kafka-init: $1 is not set" >&2; exit 2; fi
  printf '%s' "$v"
}

simulator="$(need KAFKA_SIMULATOR_USER)"; job="$(need KAFKA_STREAM_JOB_USER)"
raw="$(need KAFKA_SINK_RAW_USER)"; derived="$(need KAFKA_SINK_DERIVED_USER)"
user "$simulator" "$(need KAFKA_SIMULATOR_PASSWORD)"
user "$job" "$(need KAFKA_STREAM_JOB_PASSWORD)"
user "$raw" "$(need KAFKA_SINK_RAW_PASSWORD)"
user "$derived" "$(need KAFKA_SINK_DERIVED_PASSWORD)"

# READ, WRITE and ALTER imply DESCRIBE; nothing else is granted
allow "$simulator" WRITE --topic readings        # produce (idempotent: WRITE on a topic is enough)
allow "$simulator" READ --topic readings         # resume the rooms' sequence numbers from the topic's tail
allow "$job" READ --topic readings               # input (assigned partitions)
allow "$job" WRITE --topic readings              # a reading on another partition than its room's, rerouted there
allow "$job" READ --group streaming-job          # the input position: the group's committed offsets
allow "$job" READ --topic alpha                  # the state is rebuilt from the committed output
allow "$job" WRITE --topic alpha                 # output
allow "$job" ALTER --topic alpha                 # grow alpha when readings gains partitions
allow "$job" WRITE --topic readings.dlq          # dead letters
allow "$raw" READ --topic readings
allow "$raw" READ --group sink-raw
allow "$derived" READ --topic alpha
allow "$derived" READ --group sink-derived
# the late readings: the job publishes them, the late sink (as the derived sink's principal) stores them
allow "$job" WRITE --topic readings.late
allow "$derived" READ --topic readings.late
allow "$derived" READ --group sink-late

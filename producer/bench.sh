#!/usr/bin/env bash
# Simulator throughput benchmark (not a test): `simulate --rate max` and Kafka's own ProducerPerformance on the
# same broker in the same session, with records of the same size and the same producer settings.
#   producer/bench.sh                       # starts a private embedded stack on free ports, 5,000,000 records each
#   COUNT=1000000 producer/bench.sh         # fewer records
#   KAFKA_BOOTSTRAP_SERVERS=host:9092 producer/bench.sh   # an existing broker (needs topic readings)
#   VARIANTS="linger.ms=5 compression.type=zstd" producer/bench.sh   # extra simulator runs, one per KEY=VALUE
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT="${COUNT:-5000000}"
ROOMS=20
# the simulator's defaults (ProducerTuning), given to ProducerPerformance too
PROPS=(acks=all enable.idempotence=true max.in.flight.requests.per.connection=5 linger.ms=20
       batch.size=262144 compression.type=lz4 buffer.memory=67108864)

cd "$HOME_DIR"
# what bin/pipeline execs (call it in a subshell: it execs), without its whole-project build check (build first: mvn -pl <module> install)
run_module() {   # module main-class args...
  local mod="$1" main="$2"; shift 2
  [[ -s "$mod/target/runtime-classpath.txt" ]] || { echo "error: $mod is not built (mvn -q -pl $mod install)" >&2; exit 2; }
  exec java ${JAVA_OPTS:-} -cp "$mod/target/classes:$(cat "$mod/target/runtime-classpath.txt")" "$main" "$@"
}
if [[ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
  DATA="$(mktemp -d /tmp/sensorpipe-bench.XXXXXX)"
  SENSORPIPE_HOME="$HOME_DIR" run_module stack io.sensorpipe.stack.StackCommand --data-dir "$DATA" --kafka-port 0 --mongo-port 0 >"$DATA/stack.log" 2>&1 &
  STACK_PID=$!
  cleanup() { kill "$STACK_PID" 2>/dev/null; wait "$STACK_PID" 2>/dev/null || true; rm -rf "$DATA"; }
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  for _ in $(seq 1 180); do [[ -s "$DATA/stack.env" ]] && break; sleep 1; done
  [[ -s "$DATA/stack.env" ]] || { echo "error: the embedded stack did not start, see $DATA/stack.log" >&2; exit 1; }
  set -a; . "$DATA/stack.env"; set +a
fi
BOOT="$KAFKA_BOOTSTRAP_SERVERS"
KCP="embedded-kafka/target/classes:$(cat embedded-kafka/target/runtime-classpath.txt)"
echo "broker: $BOOT   records per run: $COUNT   producer: ${PROPS[*]}"

# 1. the simulator
echo "== simulate --rooms $ROOMS --rate max --count $COUNT"
run_module producer io.sensorpipe.producer.SimulateCommand --rooms "$ROOMS" --rate max --count "$COUNT" --bootstrap-servers "$BOOT" 2>&1 | grep -E '^summary|^error|ERROR'
for v in ${VARIANTS:-}; do
  echo "== simulate ... --producer-config $v"
  run_module producer io.sensorpipe.producer.SimulateCommand --rooms "$ROOMS" --rate max --count "$COUNT" --bootstrap-servers "$BOOT" \
    --producer-config "$v" 2>&1 | grep -E '^summary|^error|ERROR'
done

# 2. ProducerPerformance, same record size as a reading (a reading at seq ~250000 is this long)
SIZE=$(printf '{"v":1,"roomId":"room-007","seq":250000,"ts":"2026-11-21T15:04:05.123Z","temperature":21.37}' | wc -c)
java -cp "$KCP" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOT" --create --if-not-exists \
  --topic perf --partitions 6 --replication-factor 1 >/dev/null 2>&1
run_perf() {
  java -cp "$KCP" org.apache.kafka.tools.ProducerPerformance --topic perf --num-records "$COUNT" --throughput -1 \
    --producer-props bootstrap.servers="$BOOT" "${PROPS[@]}" "$@" 2>&1 | grep 'records sent' | tail -1
}
echo "== ProducerPerformance --record-size $SIZE (random letters)"
run_perf --record-size "$SIZE"
# the same tool fed real reading-shaped JSON lines, so compression sees what the simulator sends
PAYLOADS="$(mktemp /tmp/readings.XXXXXX)"
awk 'BEGIN{srand(42); for(i=0;i<20000;i++) printf "{\"v\":1,\"roomId\":\"room-%03d\",\"seq\":%d,\"ts\":\"2026-11-21T15:%02d:%02d.%03dZ\",\"temperature\":%.2f}\n", i%20+1, 240000+i, (i/60)%60, i%60, i%1000, 18+rand()*6}' >"$PAYLOADS"
echo "== ProducerPerformance --payload-file (reading-shaped JSON, $SIZE bytes each)"
run_perf --payload-file "$PAYLOADS"
rm -f "$PAYLOADS"

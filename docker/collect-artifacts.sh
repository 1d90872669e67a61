#!/bin/sh
# Collects what the runtime images need from a built checkout (used by docker/Dockerfile's build stage):
#   OUT/app/MODULE/MODULE.jar and OUT/app/MODULE/lib/*.jar  for the simulator (producer) and the sinks
#   OUT/spark-jars/*.jar                                    Spark 3.5.1 / Scala 2.13 and all its dependencies
#   OUT/streaming-job-app.jar                               the job, as spark-submit takes it
set -eu
SRC="$1"
OUT="$2"

copy_classpath() {   # classpath-file target-dir
  mkdir -p "$2"
  # (the classpath files have no trailing newline: "|| [ -n ... ]" keeps the last entry)
  tr ':' '\n' < "$1" | while IFS= read -r jar || [ -n "$jar" ]; do
    [ -n "$jar" ] && cp "$jar" "$2/"
  done
}

for module in producer sinks; do
  mkdir -p "$OUT/app/$module"
  cp "$SRC/$module/target/$module-"*.jar "$OUT/app/$module/$module.jar"
  copy_classpath "$SRC/$module/target/runtime-classpath.txt" "$OUT/app/$module/lib"
done

# spark-streaming_2.13 (provided scope in deploy-tests) with all its dependencies: scala-library, hadoop-client-*,
# log4j 2 ... (streaming-job's own provided list lacks those its app jar's dependencies already pull in)
copy_classpath "$SRC/deploy-tests/target/provided-classpath.txt" "$OUT/spark-jars"
cp "$SRC/streaming-job/target/streaming-job-app.jar" "$OUT/streaming-job-app.jar"

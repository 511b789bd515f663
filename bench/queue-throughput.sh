#!/usr/bin/env bash
# Sustained completions/s through RabbitMQ with one and two instances (bench/README.md, "Queue ingest").
# Needs the PostgreSQL and RabbitMQ of .ci/run on loopback. Bounded: 3000 messages a run (-Dmessages=N).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile -Djacoco.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
exec java -cp "$CP" "$@" bench/QueueThroughputBench.java

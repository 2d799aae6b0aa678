#!/usr/bin/env bash
# bench/enrich: full LLM scoring passes of O*NET 29.3 against a fake OpenAI-compatible LLM with a fixed latency.
# Prints LLM calls per pass, wall time against calls x latency / concurrency, and the calls of an unchanged re-run,
# per run and as medians.
#
#   bench/enrich/run.sh [runs=3] [warmup=1] [concurrency=4] [latency-ms=100] [release=data/onet/29.3]
#
# Uses the embedded MariaDB unless SPRING_DATASOURCE_URL names a server. Builds offline (./mvnw -o).
set -euo pipefail
cd "$(dirname "$0")/../.."

./mvnw -o -q test-compile
./mvnw -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt

exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.skillgap.enrich.EnrichBenchmark "$@"

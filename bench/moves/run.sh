#!/usr/bin/env bash
# bench/moves: career moves on the full O*NET 29.3 release (README "Career moves").
#
# Starts the app against a MySQL/MariaDB server (default: the local one, database skillgap_bench_moves, emptied),
# drops data/onet/29.3 with Job Zones.txt and Related Occupations.txt into its inbox, waits for the load and the
# embedding pass (route moves-embed), then prints:
#   - the embedding pass (1,016 occupation texts), from the app's log; the similarity build (MovesBench, in-process);
#   - the app's RSS before the drop, after load + embeddings, and its peak (the ONNX runtime's share);
#   - GET /occupations/{code}/moves?limit=10 p50/p99 under bench/api's load generator (wrk, same settings);
#   - the recall table of dev.skillgap.api.MovesBench: recall@10 of Primary-Short and recall@20 of all Primary for
#     each signal alone and the combination, weights fitted on half the occupations and reported on the other half;
#   last line: moves: held-out recall@10=<x> recall@20=<x> (fitted on <n> occupations, tested on <n>)
#
# Usage: bench/moves/run.sh   (DB_HOST=127.0.0.1 DB_PORT=3306 DB_USER=root DB_PASSWORD= DB_NAME=skillgap_bench_moves
#                              PORT=18182 BENCH_CONNECTIONS=32 BENCH_THREADS=2 BENCH_DURATION=15s BENCH_RUNS=3
#                              BENCH_SKIP_BUILD=1 to use target/*.jar as is; BENCH_JAVA_OPTS: JVM options of the app,
#                              default the shipped ones, as in bench/load and bench/api)
set -euo pipefail
cd "$(dirname "$0")/../.."

DB_HOST=${DB_HOST:-127.0.0.1}
DB_PORT=${DB_PORT:-3306}
DB_USER=${DB_USER:-root}
DB_PASSWORD=${DB_PASSWORD:-}
DB_NAME=${DB_NAME:-skillgap_bench_moves}
PORT=${PORT:-18182}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
DURATION=${BENCH_DURATION:-15s}
RUNS=${BENCH_RUNS:-3}
RELEASE=data/onet/29.3
# the shipped defaults (pom.xml jvmArguments, Dockerfile, docker-compose.yml SKILLGAP_JAVA_OPTS): keep in step
DEFAULT_JAVA_OPTS="-XX:+UseSerialGC -Xms64m -Xmx128m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -XX:TrimNativeHeapInterval=1000 -XX:+ExitOnOutOfMemoryError"
JAVA_OPTS=${BENCH_JAVA_OPTS:-$DEFAULT_JAVA_OPTS}
WORK=target/bench-moves
URL=http://127.0.0.1:$PORT
JDBC="jdbc:mysql://$DB_HOST:$DB_PORT/$DB_NAME?rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true"
mkdir -p "$WORK"

sql() { mysql -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" ${DB_PASSWORD:+-p"$DB_PASSWORD"} -N -B "$DB_NAME" -e "$1"; }
rss() { awk -v k="$2" '$1 == k":" { printf "%.0f MB", $2 / 1024 }' "/proc/$1/status"; }
command -v wrk >/dev/null || { echo "installing wrk (Debian package)"; apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

if [ -z "${BENCH_SKIP_BUILD:-}" ] || ! ls target/skill-gap-*.jar >/dev/null 2>&1; then
  ./mvnw -o -q -B package -DskipTests
fi
./mvnw -o -q -B test-compile
./mvnw -o -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
JAR=$(ls target/skill-gap-*.jar | head -1)

mysql -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" ${DB_PASSWORD:+-p"$DB_PASSWORD"} -e "DROP DATABASE IF EXISTS $DB_NAME; CREATE DATABASE $DB_NAME"
rm -rf "$WORK/inbox" && mkdir -p "$WORK/inbox"
echo "starting $JAR on port $PORT (log: $WORK/app.log)"
SERVER_PORT=$PORT SKILLGAP_INBOX="$WORK/inbox" SKILLGAP_INGEST_QUIET_PERIOD_MS=1000 SKILLGAP_INGEST_SETTLE_TIME_MS=300 \
  SPRING_DATASOURCE_URL="$JDBC" SPRING_DATASOURCE_USERNAME="$DB_USER" SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD" \
  java $JAVA_OPTS -jar "$JAR" > "$WORK/app.log" 2>&1 &
APP_PID=$!
trap 'kill $APP_PID 2>/dev/null || true; wait $APP_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -fs "$URL/release" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { echo "the app died, see $WORK/app.log"; exit 1; }
  sleep 1
done
rss_start=$(rss "$APP_PID" VmRSS)

echo "load average before the drop: $(cut -d' ' -f1-3 /proc/loadavg)"
for file in "Occupation Data.txt" "Skills.txt" "Scales Reference.txt" "Content Model Reference.txt" \
    "Level Scale Anchors.txt" "Job Zones.txt" "Related Occupations.txt" "README.md"; do
  cp "$RELEASE/$file" "$WORK/drop.part" && mv "$WORK/drop.part" "$WORK/inbox/$file"
done
texts=$(($(wc -l < "$RELEASE/Occupation Data.txt") - 1))
for _ in $(seq 1 900); do
  [ "$(sql 'SELECT COUNT(*) FROM Text_Embeddings' 2>/dev/null || echo 0)" -ge "$texts" ] \
    && curl -fs "$URL/occupations/15-1251.00/moves?limit=1" 2>/dev/null | grep -q '"text"' && break
  sleep 1
done
curl -fs "$URL/occupations/15-1251.00/moves?limit=1" | grep -q '"text"' || { echo "no moves with the text signal, see $WORK/app.log"; exit 1; }
curl -fs "$URL/occupations?q=java%20developer" > /dev/null   # the first search loads the model in an instance that did not embed
rss_loaded=$(rss "$APP_PID" VmRSS)
rss_peak=$(rss "$APP_PID" VmHWM)

echo "embedding pass: $(grep -o 'Embeddings done: .*' "$WORK/app.log" | tail -1)"
grep -o 'Embedded [0-9]*/[0-9]* occupation texts.*' "$WORK/app.log" | sed -n '1p;$p' | sed 's/^/  /'
echo "similarity set-up at snapshot time (app log): $(grep -o 'career moves prepared for [0-9]* occupations by \[SKILLS, JOB_ZONE, TEXT\] in [0-9]* ms' "$WORK/app.log" | tail -1)"
echo "app RSS: $rss_start after start-up, $rss_loaded after load + embeddings + a search, peak $rss_peak (goal of issue 9: 384 MB)"

awk -F'\t' 'NR > 1 { print $1 }' "$RELEASE/Skills.txt" | sort -u \
  | awk 'BEGIN { printf "codes = {" } { printf "%s\"%s\"", (NR > 1 ? "," : ""), $1 } END { print "}" }' > bench/moves/codes.lua
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s bench/moves/moves.lua "$URL" > /dev/null   # warm-up
results=$WORK/results.txt
: > "$results"
for run in $(seq 1 "$RUNS"); do
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/moves/moves.lua "$URL")
  rps=$(echo "$out" | awk '/^Requests\/sec/ { print $2 }')
  p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
  p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
  errors=$(echo "$out" | awk -F': ' '/non-2xx or socket errors/ { print $2 }')
  echo "GET /occupations/{code}/moves?limit=10 run $run: $rps req/s  p50 $p50  p99 $p99  errors $errors"
  echo "$rps $(echo "$p50" | bench/api/to-ms.sh) $(echo "$p99" | bench/api/to-ms.sh)" >> "$results"
done
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
echo "moves requests, median of $RUNS runs ($CONNECTIONS connections, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)):" \
  "$(awk '{ print $1 }' "$results" | median) req/s, p50 $(awk '{ print $2 }' "$results" | median) ms," \
  "p99 $(awk '{ print $3 }' "$results" | median) ms"
kill "$APP_PID" 2>/dev/null || true

java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" dev.skillgap.api.MovesBench \
  "$JDBC" "$DB_USER" "$DB_PASSWORD" 2> "$WORK/recall.log" | grep -v -E '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} \[' \
  | tee "$WORK/recall.txt"

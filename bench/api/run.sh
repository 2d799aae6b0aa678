#!/usr/bin/env bash
# Load benchmark of GET /skill-gap: random pairs of the full O*NET 29.3 release, wrk, 32 connections.
# Prints each run and the median requests/s, p50 and p99 beside the goals, the load average, and the app's resident
# memory (RSS) before the warm-up, after the runs and at its peak (VmHWM: since the JVM started, so the load counts).
# During the middle run a changed Skills.txt is dropped into the inbox (BENCH_RELOAD=0: not): a reload under load,
# whose upsert of 61,530 rows and snapshot rebuild count in that run's p99 and in the peak RSS.
# The warm-up starts only once the app's text-embedding pass after the load is over (EmbeddingPass: "Embedding N of M
# occupation texts" ... "Embeddings done" in the app log; ONNX on both cores for ~15 s after a first load): the runs
# measure the API, not the API beside the embedding. The reload changes no occupation text, so it starts no new pass.
# Beside req/s and latency each run prints the app's CPU time per request (utime + stime of the JVM's threads in /proc,
# without the JIT compilers, divided by the requests served): the figure to compare when other work on the shared
# machine disturbs req/s and p99.
#
#   bench/api/run.sh                      # embedded MariaDB, loads data/onet/29.3 through the inbox
#   SPRING_DATASOURCE_URL=jdbc:mysql://127.0.0.1:3306/sg_bench?createDatabaseIfNotExist=true bench/api/run.sh
#
# Settings (environment): BENCH_PORT (18080), BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_DURATION (15s),
# BENCH_RUNS (5), BENCH_WARMUP (40s), BENCH_JAVA_OPTS (JVM options of the app), BENCH_URL (benchmark an
# already running app with the release loaded instead of starting one: no RSS, no reload), BENCH_SKIP_BUILD (use
# target/*.jar as is), BENCH_JAR (another jar, e.g. the extracted one with BENCH_JAVA_OPTS="-XX:SharedArchiveFile=..."
# as the image runs it). BENCH_JAVA_OPTS unset: the launcher's defaults (as in the Dockerfile and docker-compose.yml).
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT=${BENCH_PORT:-18080}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
DURATION=${BENCH_DURATION:-15s}
RUNS=${BENCH_RUNS:-5}
WARMUP=${BENCH_WARMUP:-40s}
RELOAD=${BENCH_RELOAD:-1}
# the shipped defaults (Dockerfile, docker-compose.yml SKILLGAP_JAVA_OPTS, pom.xml jvmArguments): keep in step
DEFAULT_JAVA_OPTS="-XX:+UseSerialGC -Xms64m -Xmx128m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -XX:TrimNativeHeapInterval=1000 -XX:+ExitOnOutOfMemoryError"
JAVA_OPTS=${BENCH_JAVA_OPTS:-$DEFAULT_JAVA_OPTS}
GOAL_RPS=25000; GOAL_P99_MS=3; GOAL_RSS_MB=384
RELEASE=data/onet/29.3
WORK=target/bench-api
mkdir -p "$WORK"

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

# codes of the occupations that have skill ratings (879 in 29.3), as a Lua table for pairs.lua
awk -F'\t' 'NR > 1 { print $1 }' "$RELEASE/Skills.txt" | sort -u \
  | awk 'BEGIN { printf "codes = {" } { printf "%s\"%s\"", (NR > 1 ? "," : ""), $1 } END { print "}" }' \
  > bench/api/codes.lua
echo "pairs drawn from $(grep -o '"' bench/api/codes.lua | wc -l | awk '{ print $1 / 2 }') occupations with skill ratings"

APP_PID=""
stop_app() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi; }
trap stop_app EXIT

if [ -n "${BENCH_URL:-}" ]; then
  URL=$BENCH_URL
else
  URL=http://127.0.0.1:$PORT
  [ -n "${BENCH_SKIP_BUILD:-}" ] || ./mvnw -o -q package -DskipTests
  JAR=${BENCH_JAR:-$(ls target/skill-gap-*.jar | head -1)}
  rm -rf "$WORK/inbox" && mkdir -p "$WORK/inbox"
  echo "starting $JAR on port $PORT (log: $WORK/app.log), JVM: $JAVA_OPTS"
  # shellcheck disable=SC2086
  SERVER_PORT=$PORT SKILLGAP_INBOX="$WORK/inbox" SKILLGAP_EMBEDDED_DB_DIR="$WORK/embedded-db" \
    java $JAVA_OPTS -jar "$JAR" > "$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 180); do
    curl -fs "$URL/release" >/dev/null 2>&1 && break
    kill -0 "$APP_PID" 2>/dev/null || { echo "the app died, see $WORK/app.log"; exit 1; }
    sleep 1
  done
fi

served_occupations_with_skills() {
  curl -fs "$URL/release" | sed -n 's/.*"occupations_with_skill_data":\([0-9]*\).*/\1/p'
}

if [ "$(served_occupations_with_skills)" != "879" ]; then
  echo "loading the full $RELEASE through the inbox"
  for file in "Occupation Data.txt" "Skills.txt" "Scales Reference.txt" "Content Model Reference.txt" \
      "Level Scale Anchors.txt" "README.md"; do
    cp "$RELEASE/$file" "$WORK/drop.part" && mv "$WORK/drop.part" "$WORK/inbox/$file"
  done
  for _ in $(seq 1 300); do
    [ "$(served_occupations_with_skills)" = "879" ] && break
    sleep 1
  done
fi
[ "$(served_occupations_with_skills)" = "879" ] || { echo "the app does not serve the full release"; exit 1; }
if [ -n "$APP_PID" ]; then
  # the embedding pass after the load (or at start-up) runs on both cores: wait until every pass begun has ended
  embedding_passes_running() {
    echo $(( $(grep -c 'Embedding [0-9]* of [0-9]* occupation texts' "$WORK/app.log" || true) \
      - $(grep -c 'Embeddings done' "$WORK/app.log" || true) ))
  }
  sleep 3   # a pass is queued right after the commit
  for _ in $(seq 1 300); do
    [ "$(embedding_passes_running)" -le 0 ] && break
    sleep 1
  done
  [ "$(embedding_passes_running)" -le 0 ] || { echo "the text-embedding pass did not end in 300 s"; exit 1; }
  echo "no text-embedding pass running ($(grep -c 'Embeddings done' "$WORK/app.log" || true) done since start)"
  sleep 2   # the snapshot rebuild that follows a pass
fi
curl -fs "$URL/release"; echo

rss_mb() { [ -n "$APP_PID" ] && awk -v k="$1:" '$1 == k {printf "%.0f", $2 / 1024}' "/proc/$APP_PID/status" || echo "?"; }
rss_before=$(rss_mb VmRSS)
# CPU time of the app in ms (utime + stime of its threads, clock ticks of 1/100 s on Linux) without the JIT compiler
# threads (C1/C2: warm-up work that a busy machine stretches into the runs); "?" when the app is not ours
cpu_ms() {
  [ -n "$APP_PID" ] || { echo "?"; return; }
  cat /proc/"$APP_PID"/task/*/stat 2>/dev/null | awk '{ name = $0; sub(/^[0-9]+ \(/, "", name)
    if (name ~ /^C[12] CompilerThre/) next
    n = split($0, part, ") "); split(part[n], f, " "); ticks += f[12] + f[13] } END { print ticks * 10 }'
}
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the runs; app RSS $rss_before MB"
echo "warm-up $WARMUP"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/api/pairs.lua "$URL" > /dev/null

results=$WORK/results.txt
: > "$results"
reload_run=$(( (RUNS + 1) / 2 ))
for run in $(seq 1 "$RUNS"); do
  if [ "$RELOAD" = 1 ] && [ -n "$APP_PID" ] && [ "$run" = "$reload_run" ]; then
    # a changed Skills.txt (the Date of its first row set to a month of 1990-2019 taken from the clock, so that an
    # external database kept from an earlier run almost surely sees a change too): a new release, the big table rewritten
    awk -F'\t' -v OFS='\t' -v d="$(printf '%02d/%d' $(( $(date +%s) % 12 + 1 )) $(( 1990 + $(date +%s) / 12 % 30 )))" \
      'NR == 2 { $12 = d } { print }' "$RELEASE/Skills.txt" \
      > "$WORK/Skills.part"
    touch -d "-1 minute" "$WORK/Skills.part"   # old enough: taken at the next poll, not after the settle time
    version_before=$(curl -fs "$URL/release" | sed -n 's/.*"data_version":\([0-9]*\).*/\1/p')
    (sleep 2; mv "$WORK/Skills.part" "$WORK/inbox/Skills.txt") &
  fi
  cpu_before=$(cpu_ms)
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/api/pairs.lua "$URL")
  cpu_after=$(cpu_ms)
  requests=$(echo "$out" | awk '/requests in/ { print $1 }')
  cpu_per_request=$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$requests" \
    'BEGIN { if (a == "?" || n == 0) print "?"; else printf "%.1f", (b - a) * 1000 / n }')
  rps=$(echo "$out" | awk '/^Requests\/sec/ { print $2 }')
  p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
  p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
  errors=$(echo "$out" | awk -F': ' '/non-2xx or socket errors/ { print $2 }')
  echo "run $run: $rps req/s  p50 $p50  p99 $p99  errors $errors  app CPU $cpu_per_request us/request  RSS $(rss_mb VmRSS) MB  load $(cut -d' ' -f1 /proc/loadavg)"
  if [ "$RELOAD" = 1 ] && [ -n "$APP_PID" ] && [ "$run" = "$reload_run" ]; then
    for _ in $(seq 1 120); do
      [ "$(curl -fs "$URL/release" | sed -n 's/.*"data_version":\([0-9]*\).*/\1/p')" != "$version_before" ] && break
      sleep 1
    done
    echo "  run $run had a reload under load: data_version $version_before -> $(curl -fs "$URL/release" \
      | sed -n 's/.*"data_version":\([0-9]*\).*/\1/p') ($(grep -o 'Wrote [0-9]* rows to occupation-skills in [0-9]* ms' "$WORK/app.log" | tail -1))"
  fi
  echo "$rps $(echo "$p50" | bench/api/to-ms.sh) $(echo "$p99" | bench/api/to-ms.sh) $cpu_per_request" >> "$results"
done

echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg) after the runs (other work on the machine raises p99)"
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
echo "median of $RUNS runs ($CONNECTIONS connections, $THREADS wrk threads, $DURATION each, $(nproc) cores):" \
  "$(awk '{ print $1 }' "$results" | median) req/s," \
  "p50 $(awk '{ print $2 }' "$results" | median) ms," \
  "p99 $(awk '{ print $3 }' "$results" | median) ms," \
  "app CPU $(awk '{ print $4 }' "$results" | median) us/request"
echo "best run (least disturbed): $(sort -g -k3 "$results" | head -1 | awk '{ print $1 " req/s, p50 " $2 " ms, p99 " $3 " ms, app CPU " $4 " us/request" }')"
verdict() { awk -v v="$1" -v g="$2" -v dir="$3" 'BEGIN {print ((dir == "min" ? v >= g : v <= g) ? "meets" : "MISSES")}'; }
rps_median=$(awk '{ print $1 }' "$results" | median); p99_median=$(awk '{ print $3 }' "$results" | median)
echo "goals: $rps_median req/s (goal >= $GOAL_RPS: $(verdict "$rps_median" $GOAL_RPS min)), p99 $p99_median ms" \
  "(goal <= $GOAL_P99_MS: $(verdict "$p99_median" $GOAL_P99_MS max)), with one log line per request"
if [ -n "$APP_PID" ]; then
  peak=$(rss_mb VmHWM)
  echo "app RSS: $rss_before MB before the warm-up, $(rss_mb VmRSS) MB after the runs, peak $peak MB since start" \
    "(goal <= $GOAL_RSS_MB: $(verdict "$peak" $GOAL_RSS_MB max)); JVM: $JAVA_OPTS"
  echo "request lines in the app log: $(grep -c 'RequestLoggingFilter' "$WORK/app.log")"
fi

#!/usr/bin/env bash
# Two builds of the app side by side on a busy machine: both started (each with its own JVM options) against the same
# database that already serves the full release (run bench/api/run.sh once first), each warmed up, then wrk (32
# connections, random pairs, as bench/api/run.sh) alternates between them, round by round, so that both see the same
# load from other work. Prints per run req/s, p50, p99, the app's CPU time per request without the JIT compiler
# threads (the figure that other work disturbs least) and the JIT's CPU so far (still compiling = not warm yet).
#
#   SPRING_DATASOURCE_URL=jdbc:mysql://127.0.0.1:3306/sg_bench bench/api/compare.sh old.jar new.jar
#
# Settings (environment): BENCH_PORT (18080; B takes the next port), JAVA_OPTS_A / JAVA_OPTS_B (default: the shipped
# JVM options of bench/api/run.sh), BENCH_WARMUP (30s each), BENCH_DURATION (8s), BENCH_ROUNDS (3).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -n "${SPRING_DATASOURCE_URL:-}" ] || { echo "set SPRING_DATASOURCE_URL (a database with the release loaded)"; exit 1; }
DEFAULT_JAVA_OPTS=$(sed -n 's/^DEFAULT_JAVA_OPTS="\(.*\)"$/\1/p' bench/api/run.sh)
PORT=${BENCH_PORT:-18080}
WORK=target/bench-api-compare
mkdir -p "$WORK"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
start() { # name jar port options
  mkdir -p "$WORK/inbox-$1"
  # shellcheck disable=SC2086
  SERVER_PORT=$3 SKILLGAP_INBOX="$WORK/inbox-$1" java $4 -jar "$2" > "$WORK/app-$1.log" 2>&1 &
  PIDS+=($!)
}
start A "$1" "$PORT" "${JAVA_OPTS_A:-$DEFAULT_JAVA_OPTS}"
start B "$2" $((PORT + 1)) "${JAVA_OPTS_B:-$DEFAULT_JAVA_OPTS}"
for port in "$PORT" $((PORT + 1)); do
  for _ in $(seq 1 180); do
    curl -fs "http://127.0.0.1:$port/release" 2>/dev/null | grep -q '"occupations_with_skill_data":879' && break
    sleep 1
  done
done
# utime + stime in ms of the app's threads, without (cpu) or only (jit) the C1/C2 compiler threads
ticks() { cat /proc/"$1"/task/*/stat 2>/dev/null | awk -v jit="$2" '{ name = $0; sub(/^[0-9]+ \(/, "", name)
  if ((name ~ /^C[12] CompilerThre/) != jit) next
  n = split($0, part, ") "); split(part[n], f, " "); t += f[12] + f[13] } END { print t * 10 }'; }
for port in "$PORT" $((PORT + 1)); do
  wrk -t2 -c32 -d"${BENCH_WARMUP:-30s}" -s bench/api/pairs.lua "http://127.0.0.1:$port" > /dev/null
done
for round in $(seq 1 "${BENCH_ROUNDS:-3}"); do
  for app in A B; do
    if [ "$app" = A ]; then pid=${PIDS[0]}; port=$PORT; else pid=${PIDS[1]}; port=$((PORT + 1)); fi
    load=$(cut -d' ' -f1 /proc/loadavg); before=$(ticks "$pid" 0)
    out=$(wrk -t2 -c32 -d"${BENCH_DURATION:-8s}" --latency -s bench/api/pairs.lua "http://127.0.0.1:$port")
    after=$(ticks "$pid" 0); requests=$(echo "$out" | awk '/requests in/ { print $1 }')
    echo "$app round $round: $(echo "$out" | awk '/^Requests\/sec/ { print $2 }') req/s" \
      "p50 $(echo "$out" | awk '$1 == "50%" { print $2 }') p99 $(echo "$out" | awk '$1 == "99%" { print $2 }')" \
      "app CPU $(awk -v a="$before" -v b="$after" -v n="$requests" 'BEGIN { printf "%.1f", (b - a) * 1000 / n }') us/request" \
      "(JIT so far $(ticks "$pid" 1) ms) load $load"
  done
done
echo "RSS: A $(awk '/VmRSS/ { print int($2 / 1024) }' /proc/"${PIDS[0]}"/status) MB, B $(awk '/VmRSS/ { print int($2 / 1024) }' /proc/"${PIDS[1]}"/status) MB"

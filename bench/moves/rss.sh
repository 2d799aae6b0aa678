#!/usr/bin/env bash
# bench/moves/rss.sh: resident size of the app with the shipped JVM defaults, before and after the text embeddings.
# A fresh database, the jar started, 29.3 dropped into its inbox, the embedding pass awaited, then 5 searches and
# 200 moves requests; prints VmRSS/VmHWM (/proc/<pid>/status) at each step beside the goal (<= 384 MB).
#
# Usage: bench/moves/rss.sh [LABEL [VAR=value ...]]   e.g.  bench/moves/rss.sh off SKILLGAP_MOVES_EMBEDDINGS=false
#        bench/moves/rss.sh arena MALLOC_ARENA_MAX=2          (WAIT=seconds to wait for the embeddings, default 600;
#        PORT, DB_NAME: the app's port and database, default random 18300-18399 and skillgap_bench_rss_LABEL)
set -u
cd "$(dirname "$0")/../.."
label=${1:-default}; shift || true
db=${DB_NAME:-skillgap_bench_rss_$label}
# the shipped JVM defaults (pom.xml, Dockerfile, compose; keep in step with bench/load and bench/api)
JAVA_OPTS=${JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx128m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -XX:TrimNativeHeapInterval=1000 -XX:+ExitOnOutOfMemoryError}
jar=$(ls target/skill-gap-*.jar 2>/dev/null | head -1)
[ -n "$jar" ] || { ./mvnw -q -B -DskipTests package && jar=$(ls target/skill-gap-*.jar | head -1); }
mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"
inbox=$(mktemp -d); port=${PORT:-$((18300 + RANDOM % 100))}; log=$(mktemp)
env "$@" SPRING_DATASOURCE_URL="jdbc:mysql://127.0.0.1:3306/$db?rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true" \
  SPRING_DATASOURCE_USERNAME=root SPRING_DATASOURCE_PASSWORD= SKILLGAP_INBOX="$inbox" SERVER_PORT=$port SKILLGAP_LLM_PROVIDER=none \
  java $JAVA_OPTS -jar "$jar" > "$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
for _ in $(seq 1 240); do curl -sf "localhost:$port/actuator/health/readiness" >/dev/null && break; sleep 1; done
rss() { awk '/VmRSS|VmHWM/{printf "%s %d MB  ", $1, $2/1024}' "/proc/$pid/status"; echo "(goal <= 384 MB; load $(cut -d' ' -f1-3 /proc/loadavg))"; }
echo "$label ready: $(rss)"
cp data/onet/29.3/* "$inbox"/
for _ in $(seq 1 "${WAIT:-600}"); do grep -q "Embeddings done" "$log" && break; sleep 1; done
sleep 3
echo "$label after the load and the embeddings: $(rss)"
for q in java%20developer nurse truck%20driver accountant chef; do curl -s "localhost:$port/occupations?q=$q" >/dev/null; done
for _ in $(seq 1 200); do curl -s "localhost:$port/occupations/15-1252.00/moves" >/dev/null; done
echo "$label after 5 searches and 200 moves requests: $(rss)"
grep "Embeddings done" "$log" | cut -c1-220

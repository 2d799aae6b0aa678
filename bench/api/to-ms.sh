#!/usr/bin/env bash
# wrk latency (e.g. 812.00us, 2.31ms, 1.02s) to milliseconds
awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 } else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 } }'

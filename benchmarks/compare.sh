#!/usr/bin/env bash
# Interleaved A/B runs of llama-bench (LlamaBench) for two or more benchmark jars and JDKs, reporting medians.
#
#   benchmarks/compare.sh --jars OLD.jar,NEW.jar [--javas /path/java,/other/java] --synthetic 1B-Q8_0,1B-Q4_0 \
#       [--rounds 3] [-- -t 1,2 -p 64 -n 32 -r 3]
#
# Why: on a shared VM the same jar can decode 30-40% slower for minutes at a time (benchmarks/PERFORMANCE.md), so
# two runs taken minutes apart do not compare. This runs every (model, java, jar) once per round, rounds one after
# the other, and prints for each test the median over rounds with the lowest and highest value.
# Arguments after `--` go to LlamaBench unchanged (default: -t 1,2 -p 64 -n 32 -r 3 --no-bandwidth).
set -euo pipefail

jars="" javas="${JAVA:-java}" models="" rounds=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jars) jars="$2"; shift 2 ;;
    --javas) javas="$2"; shift 2 ;;
    --synthetic) models="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
if [[ -z "$jars" || -z "$models" ]]; then
  echo "usage: $0 --jars A.jar,B.jar --synthetic MODEL[,MODEL] [--javas J1,J2] [--rounds N] [-- LlamaBench args]" >&2
  exit 2
fi
bench_args=("$@")
if [[ ${#bench_args[@]} -eq 0 ]]; then
  bench_args=(-t 1,2 -p 64 -n 32 -r 3 --no-bandwidth)
fi
if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]]; then
  echo "--rounds must be a positive integer, got $rounds" >&2
  exit 2
fi
IFS=, read -r -a jar_list <<< "$jars"
IFS=, read -r -a java_list <<< "$javas"
IFS=, read -r -a model_list <<< "$models"
for jar in "${jar_list[@]}"; do
  [[ -f "$jar" ]] || { echo "no such jar: $jar" >&2; exit 2; }
done

results="$(mktemp)"
trap 'rm -f "$results"' EXIT
for ((round = 1; round <= rounds; round++)); do
  for model in "${model_list[@]}"; do
    for java in "${java_list[@]}"; do
      for jar in "${jar_list[@]}"; do
        echo "# round $round $model $(basename "$jar") on $java ($(date +%H:%M:%S), load $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo ?))" >&2
        "$java" --add-modules jdk.incubator.vector -Xmx2g -XX:+UseParallelGC -cp "$jar" \
            io.llmops.benchmarks.runtime.LlamaBench --synthetic "$model" "${bench_args[@]}" 2>/dev/null \
          | awk -v m="$model" -v j="$java" -v b="$(basename "$jar")" '/^(pp|tg)[0-9]+ / {print m, j, b, $1, $2, $3}' \
          >> "$results"
      done
    done
  done
done

echo "# model java jar test threads median_tok/s lowest highest rounds"
sort -k1,1 -k4,4 -k5,5n -k2,2 -k3,3 "$results" | awk '
  function flush() {
    if (n == 0) return
    # insertion sort of v[1..n]
    for (i = 2; i <= n; i++) { x = v[i]; k = i - 1; while (k >= 1 && v[k] > x) { v[k + 1] = v[k]; k-- } v[k + 1] = x }
    med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    printf "%s %s %s %s %s %.2f %.2f %.2f %d\n", km, kj, kb, kt, kth, med, v[1], v[n], n
    n = 0
  }
  { key = $1 " " $2 " " $3 " " $4 " " $5
    if (key != last) { flush(); last = key; km = $1; kj = $2; kb = $3; kt = $4; kth = $5 }
    v[++n] = $6 + 0 }
  END { flush() }'

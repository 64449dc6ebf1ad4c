#!/usr/bin/env bash
# llama-bench for the llmops CPU runtime. See benchmarks/README.md.
#
#   benchmarks/run.sh -m FILE.gguf -t 1,2 -p 64 -n 32 [-r 3]
#   benchmarks/run.sh --synthetic 1B-Q8_0 -t 1,2        (also 1B-Q4_0, 110M-Q8_0, 1B-Q4_K, 110M-F32, ...)
#
# Prints, per thread count: comment lines (# model, load time, triad bandwidth, roofline), then
#   pp<N> <threads> <mean tok/s> <stddev> <best tok/s>
#   tg<N> <threads> <mean tok/s> <stddev> <best tok/s> <mean as a fraction of the bandwidth roofline>
#
# Environment: JAVA (default: $JAVA_HOME/bin/java, else java on the PATH), JAVA_OPTS (extra JVM flags),
# LLMOPS_SYNTHETIC_DIR (where synthetic models are cached, default ~/.cache/llmops/synthetic).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"

if [[ -n "${JAVA:-}" ]]; then
  java="$JAVA"
elif [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
else
  java="java"
fi

# Build the uber-jar on first use, or when a source is newer than it.
if [[ ! -f "$jar" ]] || [[ -n "$(find "$root/benchmarks/src" "$root/llmops-runtime-cpu/src/main" -newer "$jar" -name '*.java' -print -quit)" ]]; then
  echo "# building $jar (first use or sources changed) ..." >&2
  (cd "$root" && ./mvnw -B -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true >&2)
fi

# -XX:+AlwaysPreTouch is not used: the heap is small; weights are memory-mapped, not on the heap.
exec "$java" --add-modules jdk.incubator.vector -Xmx2g -XX:+UseParallelGC ${JAVA_OPTS:-} \
  -cp "$jar" io.llmops.benchmarks.runtime.LlamaBench "$@" 2> >(grep -v -e 'WARNING: Using incubator modules' >&2)

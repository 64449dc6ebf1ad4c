#!/usr/bin/env bash
# Builds what run-on-device.sh needs into gpu-check/bundle (git-ignored, carried to the GPU machine):
#   bundle/jre     a jlink'd minimal runtime (java.base, java.logging, jdk.incubator.vector, jdk.unsupported,
#                  java.management)
#   bundle/lib     only the jars GpuCheck needs: llmops-api, -runtime-cpu, -runtime-cuda, jcuda + its linux natives
#   bundle/shared  models/stories260K.gguf and reference/stories260K_greedy.txt
# Usage (from anywhere): llmops-runtime-cuda/gpu-check/prepare.sh [SHARED_DIR]   (default /work/shared)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${1:-/work/shared}"
bundle="$here/bundle"
rm -rf "$bundle"
mkdir -p "$bundle/lib" "$bundle/shared/models" "$bundle/shared/reference"

(cd "$root" && ./mvnw -B -q -pl llmops-runtime-cuda -am -DskipTests -Dmaven.javadoc.skip=true -DskipPtx package)
(cd "$root" && ./mvnw -B -q -pl llmops-runtime-cuda dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory="$bundle/lib" -Dmdep.useRepositoryLayout=false)
# Reactor siblings come from target/ (copy-dependencies may have taken stale ones from ~/.m2): replace them.
rm -f "$bundle"/lib/llmops-*.jar
for m in llmops-api llmops-runtime-cpu llmops-runtime-cuda; do
  cp "$root/$m"/target/"$m"-*-SNAPSHOT.jar "$bundle/lib/"
done
rm -f "$bundle"/lib/*-sources.jar "$bundle"/lib/*-javadoc.jar
if ls "$bundle"/lib | grep -qi onnx; then echo "ONNX Runtime must not be bundled" >&2; exit 1; fi

jlink="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}/bin/jlink"
"$jlink" --add-modules java.base,java.logging,jdk.incubator.vector,jdk.unsupported,java.management \
  --compress=2 --strip-debug --no-man-pages --no-header-files --output "$bundle/jre"

cp "$shared/models/stories260K.gguf" "$bundle/shared/models/"
cp "$shared/reference/stories260K_greedy.txt" "$bundle/shared/reference/"
cp "$here/run-on-device.sh" "$bundle/"
echo "bundle ready: $(du -sh "$bundle" | cut -f1) in $bundle"
ls "$bundle/lib"

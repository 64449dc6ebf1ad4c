#!/usr/bin/env bash
# Runs the GPU conformance suite in one go on a machine with an NVIDIA GPU (see the module README):
#   1. probe (driver, device, kernels),
#   2. every op of CudaTensorOps against the CPU backend on random data (matMul for F32/F16/BF16/Q8_0/Q4_0/Q4_K/Q6_K
#      at n = 1, 5, 64; norm, residual, bias, SwiGLU, gather, RoPE normal + NEOX, attention prefill + decode with
#      GQA, argmax, top-k),
#   3. stories260K greedy 32 tokens against llama.cpp's ids (shared/reference/stories260K_greedy.txt),
#   4. prefill and decode tokens/s on synthetic 1B-shape Q8_0 and Q4_0 models generated there.
# Needs gpu-check/bundle from prepare.sh (pass it with the device tool's carry). Prints everything; when $OUT is set
# (the device tool's output folder) a copy of the log goes there. Exit: 0 pass, 1 a check failed, 3 no usable GPU.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bundle="$here/bundle"
[ -x "$bundle/jre/bin/java" ] || bundle="$here"   # also runnable as bundle/run-on-device.sh
if [ ! -x "$bundle/jre/bin/java" ]; then
  echo "no bundle: run llmops-runtime-cuda/gpu-check/prepare.sh first" >&2
  exit 2
fi
work="${TMPDIR:-/tmp}/llmops-gpu-check"
mkdir -p "$work"
log="$work/gpu-check.log"
command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv | tee "$log"
"$bundle/jre/bin/java" --add-modules jdk.incubator.vector -Xmx24g -XX:+UseParallelGC \
  -cp "$bundle/lib/*" io.llmops.runtime.cuda.check.GpuCheck "$bundle/shared" "$work" 2>&1 | tee -a "$log"
status=${PIPESTATUS[0]}
if [ -n "${OUT:-}" ]; then cp "$log" "$OUT/"; fi
echo "gpu-check exit status $status"
exit "$status"

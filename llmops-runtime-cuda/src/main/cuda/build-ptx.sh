#!/usr/bin/env bash
# Regenerates the PTX in src/main/resources/io/llmops/runtime/cuda/ptx from the CUDA sources next to this script.
#
#   build-ptx.sh            regenerate if the sources changed (SOURCES.sha256 differs); no-op without nvcc
#   build-ptx.sh --force    regenerate unconditionally (nvcc required)
#   build-ptx.sh --out DIR  write somewhere else (tests compare a fresh build with the committed files)
#
# Each .cu becomes one PTX module per target: sm_80 declared as PTX ISA 7.0 and sm_90 as 7.8, the first ISA
# versions that support them, so drivers from CUDA 11.0 / 11.8 on can JIT the files although nvcc 13 writes ISA 9.0.
# ptxas then assembles every file for its target: it rejects any instruction the declared ISA lacks.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../resources/io/llmops/runtime/cuda/ptx"
force=0
while [ $# -gt 0 ]; do
  case "$1" in
    --force) force=1 ;;
    --out) out="$2"; shift ;;
    *) echo "usage: $0 [--force] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done
if ! command -v nvcc >/dev/null 2>&1; then
  if [ "$force" = 1 ]; then echo "[ptx] nvcc not on PATH" >&2; exit 1; fi
  echo "[ptx] nvcc not on PATH: keeping the committed PTX"
  exit 0
fi
cd "$here"
sources="$(ls *.cu *.cuh | LC_ALL=C sort)"
# shellcheck disable=SC2086
hash="$(sha256sum $sources)"
if [ "$force" = 0 ] && [ -f "$out/SOURCES.sha256" ] && [ "$hash" = "$(cat "$out/SOURCES.sha256")" ]; then
  echo "[ptx] up to date with $(echo $sources | wc -w) sources"
  exit 0
fi
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for cu in *.cu; do
  base="${cu%.cu}"
  for target in 80:7.0 90:7.8; do
    sm="${target%%:*}"
    isa="${target##*:}"
    nvcc -ptx -O3 -arch="sm_$sm" -o "$tmp/$base.ptx" "$cu"
    sed -e "s/^\.version [0-9]*\.[0-9]*$/.version $isa/" "$tmp/$base.ptx" > "$out/$base.sm_$sm.ptx"
    ptxas -arch="sm_$sm" -o "$tmp/$base.cubin" "$out/$base.sm_$sm.ptx"
  done
done
echo "$hash" > "$out/SOURCES.sha256"
nvcc --version | tail -1 > "$out/NVCC_VERSION"
echo "[ptx] regenerated $(ls "$out"/*.ptx | wc -l) PTX files in $out"

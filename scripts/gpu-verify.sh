#!/usr/bin/env bash
# GPU verification of backend-cuda: the conformance kit and the CUDA tests, the timing harness, and
# the same measurements in PyTorch. The GPU machine has no Java, Maven or network, so a folder is
# built here with ../shared/device/pack.sh and carried there by the device tool.
#
#   scripts/gpu-verify.sh pack     here: builds .devicepack (about 55 MiB) and prints the device commands
#   scripts/gpu-verify.sh tests    there, from the repository root: symbol check and every test, into $OUT
#   scripts/gpu-verify.sh bench    there: the timing harness and PyTorch, FP32 and TF32, into $OUT
# (two device calls, because one call may run 10 minutes at most)
#
# The pack leaves out the OpenBLAS natives (the CPU backend's; CI runs its tests) and byte-buddy
# (AssertJ's proxy generator, which no test uses): with them it weighs 83 MiB, and the device tool
# carries 64 MiB with the working tree. On the GPU the CPU backend therefore reports itself
# unavailable; the CUDA tests compare with host references instead and transfer to a second CUDA backend.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PACK=${PACK:-$ROOT/.devicepack}
SHARED=${SHARED:-$ROOT/../shared/device}

case "${1:-}" in
  pack)
    cd "$ROOT"
    grep -qs '^/\.devicepack/$' .gitignore .git/info/exclude || echo /.devicepack/ >> .git/info/exclude
    flock /tmp/mvn.lock "$SHARED/pack.sh" backend-cuda "$PACK"
    rm -f "$PACK"/lib/openblas-*-linux-x86_64.jar "$PACK"/lib/byte-buddy-*.jar
    echo "gpu-verify: pack $(du -sm "$PACK" | cut -f1) MiB at $PACK"
    cat <<'HOW'
gpu-verify: now run on the GPU machine with the device tool, two calls:
  carry [".devicepack"], command "scripts/gpu-verify.sh tests"   (files back: check-syms.txt, tests.txt)
  carry [".devicepack"], command "scripts/gpu-verify.sh bench"   (harness.txt, harness-tf32.txt, torch.txt, torch-tf32.txt)
By hand instead:
  cd .devicepack && mkdir -p target && ./run.sh check-syms && ./run.sh test
  ./run.sh test --select-class dev.ithaca.backend.cuda.CudaBackendTest
  ./run.sh main dev.ithaca.backend.cuda.CudaTimingHarness
  JAVA_OPTS=-Dithaca.cuda.tf32=true ./run.sh main dev.ithaca.backend.cuda.CudaTimingHarness
  cd .. && python3 backend-cuda/src/test/python/torch_compare.py
HOW
    ;;
  tests | bench)
    [ -n "${OUT:-}" ] || { echo "gpu-verify.sh $1: \$OUT is not set; run it through the device tool" >&2; exit 2; }
    [ -x "$PACK/run.sh" ] || { echo "gpu-verify.sh $1: no pack at $PACK; run 'scripts/gpu-verify.sh pack' and carry .devicepack" >&2; exit 2; }
    export JAVA_OPTS="${JAVA_OPTS:-} -Dithaca.cuda.kernelCacheDir=$PACK/.kernel-cache"
    status=0
    if [ "$1" = tests ]; then
      ( cd "$PACK" && ./run.sh check-syms ) > "$OUT/check-syms.txt" 2>&1 || status=$?
      mkdir -p "$PACK/target"   # jqwik's failure database: target/jqwik-database, relative to the working directory
      ( cd "$PACK" && timeout 540 ./run.sh test ) > "$OUT/tests.txt" 2>&1 || status=$?
      cat "$OUT/check-syms.txt"
      tail -n 40 "$OUT/tests.txt"
    else
      ( cd "$PACK" && timeout 150 ./run.sh main dev.ithaca.backend.cuda.CudaTimingHarness ) > "$OUT/harness.txt" 2>&1 || status=$?
      ( cd "$PACK" && JAVA_OPTS="$JAVA_OPTS -Dithaca.cuda.tf32=true" timeout 120 ./run.sh main dev.ithaca.backend.cuda.CudaTimingHarness ) \
          > "$OUT/harness-tf32.txt" 2>&1 || status=$?
      timeout 150 python3 "$ROOT/backend-cuda/src/test/python/torch_compare.py" > "$OUT/torch.txt" 2>&1 || status=$?
      ITHACA_TF32=1 timeout 120 python3 "$ROOT/backend-cuda/src/test/python/torch_compare.py" > "$OUT/torch-tf32.txt" 2>&1 || status=$?
      for f in harness harness-tf32 torch torch-tf32; do echo "== $f"; cat "$OUT/$f.txt"; done
    fi
    exit "$status"
    ;;
  *)
    sed -n '2,14p' "$0"
    exit 2
    ;;
esac

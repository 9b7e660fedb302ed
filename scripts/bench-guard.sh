#!/usr/bin/env bash
# Benchmark regression guard: builds the benchmarks jar, runs the quick profile (under 5 minutes on
# 2 cores) and compares every ratio (Tensor speed / baseline speed, same run) with
# benchmarks/baseline.json. Exits 0 when no ratio fell by more than its tolerance, 1 when one did
# (each is printed with its size), 2 when the run could not judge (a benchmark failed, bad arguments).
# A ratio that seems to have regressed is measured once more before the verdict (--no-confirm skips that).
#
#   scripts/bench-guard.sh [--profile quick|full] [--json out.json] [--baseline FILE] [--no-confirm]
#                          [--write-baseline FILE] [--compare RESULTS.json] [JMH options] [benchmark regex...]
#
# Dry run of a deliberate slowdown (only the benchmark harness reads this property):
#   BENCH_JAVA_OPTS=-Dithaca.bench.injectSlowdown=matmul:2.0 scripts/bench-guard.sh Matmul
set -euo pipefail

cd "$(dirname "$0")/.."

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench-guard: '$tool' is not on PATH; install JDK 17+ and Maven 3.8+ first" >&2
    exit 2
  fi
done

mvn -B -q -DskipTests package -pl benchmarks -am

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS holds several options on purpose
exec java ${BENCH_JAVA_OPTS:-} -cp benchmarks/target/benchmarks.jar dev.ithaca.benchmarks.guard.BenchGuard "$@"

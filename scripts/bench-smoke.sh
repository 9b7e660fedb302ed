#!/usr/bin/env bash
# Benchmark smoke run: builds the benchmarks jar, runs every JMH suite once with a short profile
# (--smoke: 2 rounds of -f 1 -wi 1 -w 500ms -i 2 -r 500ms, about 4 minutes on 2 cores) and prints each Tensor benchmark's
# speed as a ratio of its baseline from the same run, with PASS/FAIL against the targets
# (docs/benchmarks.md). Extra arguments go to JMH, e.g. a benchmark regex: scripts/bench-smoke.sh Matmul
set -euo pipefail

cd "$(dirname "$0")/.."

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench-smoke: '$tool' is not on PATH; install JDK 17+ and Maven 3.8+ first" >&2
    exit 1
  fi
done

mvn -B -q -DskipTests package -pl benchmarks -am

# The raw JMH results stay in benchmarks/target/bench-smoke.json for later comparison.
java -cp benchmarks/target/benchmarks.jar dev.ithaca.benchmarks.Ratios --smoke \
  -rf json -rff benchmarks/target/bench-smoke.json "$@"

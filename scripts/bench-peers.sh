#!/usr/bin/env bash
# Ithaca against its peers on the same workloads (sgemm n=256..2048, add of 16M floats, an Adam step
# over 10M parameters, MLP 784-512-512-10 training and inference at batch 128), each framework in its
# own JVM, one after the other:
#   Ithaca, DJL 0.35.1 with PyTorch 2.7.1, DL4J 1.0.0-M2.1 as shipped, and DL4J tuned
#   (OPENBLAS_CORETYPE=SkylakeX: ND4J's OpenBLAS 0.3.19 otherwise falls back to old kernels on this
#   CPU; OMP_WAIT_POLICY=PASSIVE: its OpenMP threads otherwise spin against each other on 2 cores).
# Every framework gets the same thread count (PEER_THREADS, default 2). The sequence runs --runs times
# (default 2); a table cell is the best round of all runs, since other work on the machine only ever
# slows a round down. Prints a Markdown table with Ithaca's speed over each peer's; the JSON files
# stay in benchmarks/peers/target/results.
#
#   scripts/bench-peers.sh [--skip-build] [--quick] [--runs N] [--only sgemm,add,adam,mlp-train,mlp-infer]
#
# Builds with -Ppeers (the only build that downloads peer jars). Nothing is downloaded at run time:
# DJL runs with -Dai.djl.offline=true and extracts libtorch from the pytorch-native-cpu jar.
# One sequence takes about 5 minutes on 2 cores; --quick checks that every runner works in about
# 2 minutes (its figures mean nothing). Run it on a quiet machine: other work on the cores makes multi-threaded
# BLAS collapse, e.g. flock /tmp/mvn.lock scripts/bench-peers.sh where builds take that lock.
set -euo pipefail

cd "$(dirname "$0")/.."

build=1
runs=2
runner_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-build) build=0; shift ;;
    --quick) runner_args+=(--quick); shift ;;
    --runs)
      [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { echo "bench-peers: --runs needs a whole number >= 1" >&2; exit 2; }
      runs="$2"; shift 2 ;;
    --only)
      [[ $# -ge 2 ]] || { echo "bench-peers: --only needs a list, e.g. --only sgemm,mlp-train" >&2; exit 2; }
      runner_args+=(--only "$2"); shift 2 ;;
    *) echo "bench-peers: unknown argument '$1'; usage: $0 [--skip-build] [--quick] [--runs N] [--only w1,w2]" >&2; exit 2 ;;
  esac
done

for tool in java mvn; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-peers: '$tool' is not on PATH; install JDK 17+ and Maven 3.8+ first" >&2; exit 2; }
done

peers=benchmarks/peers
if [[ $build -eq 1 ]]; then
  mvn -B -q -Ppeers -DskipTests package -pl "$peers/ithaca,$peers/djl,$peers/dl4j" -am
fi

threads="${PEER_THREADS:-2}"
results="$peers/target/results"
rm -rf "$results"
mkdir -p "$results"
classpath() { echo "$peers/$1/target/classes:$(cat "$peers/$1/target/classpath.txt")"; }
java_opts=(-Xms3g -Xmx3g -XX:+AlwaysPreTouch)

echo "bench-peers: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(java -version 2>&1 | head -1), $threads threads each, $runs run(s)"
echo "bench-peers: load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$SECONDS

export OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads"

files=()
for run in $(seq 1 "$runs"); do
  java "${java_opts[@]}" -Dithaca.cpu.threads="$threads" -cp "$(classpath ithaca)" \
    dev.ithaca.peers.IthacaPeer --out "$results/ithaca-$run.json" "${runner_args[@]}"

  java "${java_opts[@]}" -Dai.djl.offline=true -Dai.djl.default_engine=PyTorch \
    -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
    -DENGINE_CACHE_DIR="$peers/djl/target/djl-engines" -cp "$(classpath djl)" \
    dev.ithaca.peers.DjlPeer --out "$results/djl-$run.json" "${runner_args[@]}"

  java "${java_opts[@]}" -cp "$(classpath dl4j)" \
    dev.ithaca.peers.Dl4jPeer --label "DL4J as shipped" --out "$results/dl4j-shipped-$run.json" "${runner_args[@]}"

  OPENBLAS_CORETYPE=SkylakeX OMP_WAIT_POLICY=PASSIVE java "${java_opts[@]}" -cp "$(classpath dl4j)" \
    dev.ithaca.peers.Dl4jPeer --label "DL4J tuned" --out "$results/dl4j-tuned-$run.json" "${runner_args[@]}"

  files+=("$results/ithaca-$run.json" "$results/djl-$run.json" "$results/dl4j-shipped-$run.json" "$results/dl4j-tuned-$run.json")
done

echo
echo "bench-peers: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$(classpath harness)" dev.ithaca.peers.PeerTable "${files[@]}" | tee "$results/table.md"
echo
echo "bench-peers: $((SECONDS - start)) s of runs; results in $results"

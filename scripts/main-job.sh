#!/usr/bin/env bash
# The README's main job, from a fresh clone: installs the Debian data it needs (Fashion-MNIST and the
# King James Bible as a 3 MB corpus), builds the `ithaca` launcher if it is missing, then
#   1. trains an MLP and LeNet-5 on Fashion-MNIST and reports their test accuracy,
#   2. runs the language-model pipeline (corpus -> BPE tokenizer -> GPT -> validation report).
# Outputs go to runs/. Takes about 20-30 minutes on a 2-core CPU.
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
[ -d /usr/share/datasets/fashion-mnist ] || need_packages+=(dataset-fashion-mnist)
command -v bible >/dev/null 2>&1 || need_packages+=(bible-kjv bible-kjv-text)
if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update
    apt-get install -y --no-install-recommends "${need_packages[@]}"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update
    sudo apt-get install -y --no-install-recommends "${need_packages[@]}"
  else
    echo "main-job: needs the Debian packages ${need_packages[*]}; run as root: apt-get install ${need_packages[*]}" >&2
    exit 1
  fi
fi

mkdir -p runs/corpus
if [ ! -s runs/corpus/kjv.txt ]; then
  # the first 3 MiB of the King James Bible, as UTF-8 text
  bible "Genesis 1:1-Revelation 22:21" | head -c 3145728 > runs/corpus/kjv.txt || true
fi

echo "== 1/3 Fashion-MNIST, MLP =="
bin/ithaca train --config examples/fashion-mnist-mlp.yaml --set output_dir=runs/fashion-mnist-mlp
echo "== 2/3 Fashion-MNIST, LeNet-5 =="
bin/ithaca train --config examples/fashion-mnist-lenet5.yaml --set output_dir=runs/fashion-mnist-lenet5
echo "== 3/3 Language-model pipeline =="
bin/ithaca pipeline --config examples/lm-default.yaml --corpus-path runs/corpus --output-dir runs/lm
echo "Reports: runs/fashion-mnist-mlp, runs/fashion-mnist-lenet5, runs/lm/report.html"

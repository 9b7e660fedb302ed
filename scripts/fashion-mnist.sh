#!/usr/bin/env bash
# The Fashion-MNIST example program (examples/.../FashionMnistTraining.java): trains an MLP and LeNet-5
# with AdamW, cosine annealing, EarlyStopping, ModelCheckpoint and a progress bar, then reports test
# accuracy, time per epoch and samples/s. Arguments go to the program (--help lists them).
# Needs: apt-get install dataset-fashion-mnist
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f examples/target/classes/dev/ithaca/examples/FashionMnistTraining.class ] || [ ! -s examples/target/classpath.txt ]; then
  mvn -B -q install -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -pl examples -am
  mvn -B -q -pl examples dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
exec java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" dev.ithaca.examples.FashionMnistTraining "$@"

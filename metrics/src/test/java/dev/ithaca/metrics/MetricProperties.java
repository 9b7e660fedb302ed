package dev.ithaca.metrics;

import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Random batches (small integer scores, so ties are common; some targets ignored) checked against
 * {@link ReferenceScores}, and the streaming laws: split-and-merge == one pass, several updates ==
 * one big update, stateDict round trip == original.
 */
class MetricProperties {
    private static final int IGNORE = -1;

    /** One random multiclass batch. */
    record Batch(int classes, double[][] scores, int[] predicted, int[] targets) {
        static Batch random(long seed, int classes, int size, boolean withIgnored) {
            Random r = new Random(seed);
            double[][] scores = new double[size][classes];
            int[] predicted = new int[size];
            int[] targets = new int[size];
            for (int n = 0; n < size; n++) {
                for (int c = 0; c < classes; c++) {
                    scores[n][c] = r.nextInt(4) - 1;
                }
                predicted[n] = r.nextInt(classes);
                targets[n] = withIgnored && r.nextInt(5) == 0 ? IGNORE : r.nextInt(classes);
            }
            return new Batch(classes, scores, predicted, targets);
        }

        Batch slice(int from, int to) {
            return new Batch(classes, Arrays.copyOfRange(scores, from, to), Arrays.copyOfRange(predicted, from, to),
                    Arrays.copyOfRange(targets, from, to));
        }

        int size() {
            return targets.length;
        }

        Tensor scoreTensor() {
            float[] flat = new float[size() * classes];
            for (int n = 0; n < size(); n++) {
                for (int c = 0; c < classes; c++) {
                    flat[n * classes + c] = (float) scores[n][c];
                }
            }
            return Tensor.of(flat, size(), classes);
        }

        Tensor predictedTensor() {
            return Tensor.of(Arrays.stream(predicted).asLongStream().toArray(), size());
        }

        Tensor targetTensor() {
            return Tensor.of(Arrays.stream(targets).asLongStream().toArray(), size());
        }
    }

    @Property(tries = 60)
    void classificationMatchesTheReference(@ForAll long seed, @ForAll @IntRange(min = 2, max = 5) int classes,
                                           @ForAll @IntRange(max = 14) int size, @ForAll @IntRange(min = 1, max = 5) int k,
                                           @ForAll boolean ignore, @ForAll boolean fromScores) {
        int topK = fromScores ? Math.min(k, classes) : 1;
        Batch b = Batch.random(seed, classes, size, ignore);
        ReferenceScores ref = ReferenceScores.of(fromScores ? b.scores() : null, b.predicted(), b.targets(), classes, topK,
                ignore ? IGNORE : null);
        onCpu(() -> {
            for (double zd : new double[] {0, 1}) {
                List<ClassificationMetric<?>> metrics = List.of(
                        configure(Accuracy.multiclass(classes), topK, ignore),
                        configure(Precision.multiclass(classes, Average.MICRO).zeroDivision(zd), topK, ignore),
                        configure(Recall.multiclass(classes, Average.MICRO).zeroDivision(zd), topK, ignore),
                        configure(F1Score.multiclass(classes, Average.MICRO).zeroDivision(zd), topK, ignore),
                        configure(FBetaScore.multiclass(classes, 0.5, Average.MICRO).zeroDivision(zd), topK, ignore));
                List<ReferenceScores.Formula> formulas = List.of(ReferenceScores.accuracy(), ReferenceScores.precision(zd),
                        ReferenceScores.recall(zd), ReferenceScores.fBeta(1, zd), ReferenceScores.fBeta(0.5, zd));
                for (int i = 0; i < metrics.size(); i++) {
                    ClassificationMetric<?> m = metrics.get(i);
                    m.update(fromScores ? b.scoreTensor() : b.predictedTensor(), b.targetTensor());
                    boolean bySupport = topK > 1 && i < 3;
                    for (Average avg : List.of(Average.MICRO, Average.MACRO, Average.WEIGHTED)) {
                        assertThat(m.average(avg).compute()).as("%s %s zd %s", m.metricName(), avg, zd)
                                .isCloseTo(ref.reduce(formulas.get(i), avg, bySupport), within(1e-12));
                    }
                    assertThat(m.computePerClass()).containsExactly(ref.perClass(formulas.get(i)), within(1e-12));
                }
            }
        });
    }

    @Property(tries = 40)
    void confusionMatrixMatchesTheReference(@ForAll long seed, @ForAll @IntRange(min = 2, max = 5) int classes,
                                            @ForAll @IntRange(max = 14) int size, @ForAll boolean ignore) {
        Batch b = Batch.random(seed, classes, size, ignore);
        onCpu(() -> {
            ConfusionMatrix cm = ConfusionMatrix.multiclass(classes);
            if (ignore) {
                cm.ignoreIndex(IGNORE);
            }
            cm.update(b.predictedTensor(), b.targetTensor());
            long[][] expected = ReferenceScores.confusion(b.predicted(), b.targets(), classes, ignore ? IGNORE : null);
            assertThat(cm.compute()).isDeepEqualTo(expected);
            double[][] byTrue = cm.normalize(Normalize.TRUE).computeNormalized();
            for (int t = 0; t < classes; t++) {
                double rowSum = Arrays.stream(byTrue[t]).sum();
                assertThat(rowSum).isCloseTo(Arrays.stream(expected[t]).sum() == 0 ? 0 : 1, within(1e-12));
            }
        });
    }

    @Property(tries = 40)
    void mergeOfSplitBatchesEqualsOnePass(@ForAll long seed, @ForAll @IntRange(min = 2, max = 5) int classes,
                                          @ForAll @IntRange(max = 14) int size, @ForAll @IntRange(max = 14) int cut,
                                          @ForAll @IntRange(min = 1, max = 3) int k) {
        Batch b = Batch.random(seed, classes, size, true);
        int split = Math.min(cut, size);
        onCpu(() -> {
            for (Factory f : factories(classes, Math.min(k, classes))) {
                var whole = f.make();
                whole.update(f.input(b), b.targetTensor());
                var first = f.make();
                var second = f.make();
                first.update(f.input(b.slice(0, split)), b.slice(0, split).targetTensor());
                second.update(f.input(b.slice(split, size)), b.slice(split, size).targetTensor());
                mergeInto(first, second);
                assertThat(first.stateDict()).isEqualTo(whole.stateDict());
                assertThat(first.compute()).isEqualTo(whole.compute());
            }
        });
    }

    @Property(tries = 40)
    void severalUpdatesEqualOneBigUpdateAndStateRoundTrips(@ForAll long seed, @ForAll @IntRange(min = 2, max = 5) int classes,
                                                          @ForAll @IntRange(max = 14) int size, @ForAll @IntRange(max = 14) int cut) {
        Batch b = Batch.random(seed, classes, size, true);
        int split = Math.min(cut, size);
        onCpu(() -> {
            for (Factory f : factories(classes, 1)) {
                var whole = f.make();
                whole.update(f.input(b), b.targetTensor());
                var streamed = f.make();
                streamed.update(f.input(b.slice(0, split)), b.slice(0, split).targetTensor());
                streamed.update(f.input(b.slice(split, size)), b.slice(split, size).targetTensor());
                assertThat(streamed.stateDict()).isEqualTo(whole.stateDict());
                var restored = f.make();
                restored.loadStateDict(streamed.stateDict());
                assertThat(restored.stateDict()).isEqualTo(streamed.stateDict());
                assertThat(restored.compute()).isEqualTo(streamed.compute());
            }
        });
    }

    @Property(tries = 60)
    void accuracyLiesInTheUnitInterval(@ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int classes,
                                       @ForAll @IntRange(max = 20) int size, @ForAll @IntRange(min = 1, max = 6) int k) {
        Batch b = Batch.random(seed, classes, size, true);
        onCpu(() -> {
            Accuracy acc = Accuracy.multiclass(classes).topK(Math.min(k, classes)).ignoreIndex(IGNORE);
            acc.update(b.scoreTensor(), b.targetTensor());
            for (Average avg : List.of(Average.MICRO, Average.MACRO, Average.WEIGHTED)) {
                assertThat(acc.average(avg).compute()).isBetween(0.0, 1.0);
            }
        });
    }

    @Property(tries = 30)
    void regressionAndLossMergeEqualsOnePass(@ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int size,
                                             @ForAll @IntRange(max = 20) int cut) {
        Random r = new Random(seed);
        float[] p = new float[size];
        float[] t = new float[size];
        for (int i = 0; i < size; i++) {
            p[i] = (float) r.nextGaussian();
            t[i] = (float) r.nextGaussian();
        }
        int split = Math.min(cut, size);
        onCpu(() -> {
            List<java.util.function.Supplier<StatefulMetric<Double>>> makers = List.of(MeanSquaredError::new, MeanAbsoluteError::new,
                    MeanSquaredError::rootMeanSquared, LossTracker::new);
            for (var maker : makers) {
                StatefulMetric<Double> whole = maker.get();
                whole.update(Tensor.of(p, size), Tensor.of(t, size));
                StatefulMetric<Double> a = maker.get();
                StatefulMetric<Double> c = maker.get();
                a.update(Tensor.of(Arrays.copyOfRange(p, 0, split), split), Tensor.of(Arrays.copyOfRange(t, 0, split), split));
                c.update(Tensor.of(Arrays.copyOfRange(p, split, size), size - split),
                        Tensor.of(Arrays.copyOfRange(t, split, size), size - split));
                a.merge(c);
                assertThat(a.compute()).as(whole.metricName()).isCloseTo(whole.compute(), within(1e-9));
                StatefulMetric<Double> restored = maker.get();
                restored.loadStateDict(a.stateDict());
                assertThat(restored.compute()).isEqualTo(a.compute());
            }
        });
    }

    @Property(tries = 30)
    void perplexityMergeEqualsOnePass(@ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int classes,
                                      @ForAll @IntRange(min = 1, max = 12) int size, @ForAll @IntRange(max = 12) int cut) {
        Batch b = Batch.random(seed, classes, size, true);
        int split = Math.min(cut, size);
        onCpu(() -> {
            Perplexity whole = Perplexity.ignoring(IGNORE);
            whole.update(b.scoreTensor(), b.targetTensor());
            Perplexity a = Perplexity.ignoring(IGNORE);
            Perplexity c = Perplexity.ignoring(IGNORE);
            a.update(b.slice(0, split).scoreTensor(), b.slice(0, split).targetTensor());
            c.update(b.slice(split, size).scoreTensor(), b.slice(split, size).targetTensor());
            a.merge(c);
            assertThat(a.stateDict().get("count")).isEqualTo(whole.stateDict().get("count"));
            if (!Double.isNaN(whole.compute())) {
                assertThat(a.compute()).isCloseTo(whole.compute(), within(1e-9));
                assertThat(whole.compute()).isCloseTo(referencePerplexity(b), within(1e-5));
            }
        });
    }

    /** exp of the mean of -log softmax(scores)[target] over counted tokens. */
    private static double referencePerplexity(Batch b) {
        double nll = 0;
        int counted = 0;
        for (int n = 0; n < b.size(); n++) {
            if (b.targets()[n] == IGNORE) {
                continue;
            }
            double z = 0;
            for (double s : b.scores()[n]) {
                z += Math.exp(s);
            }
            nll -= b.scores()[n][b.targets()[n]] - Math.log(z);
            counted++;
        }
        return Math.exp(nll / counted);
    }

    /** How to make a metric and which input it reads from a batch. */
    interface Factory {
        StatefulMetric<?> make();

        Tensor input(Batch b);
    }

    private static List<Factory> factories(int classes, int k) {
        return List.of(
                factory(() -> Accuracy.multiclass(classes).topK(k).ignoreIndex(IGNORE), true),
                factory(() -> Precision.multiclass(classes, Average.MACRO).ignoreIndex(IGNORE), false),
                factory(() -> Recall.multiclass(classes, Average.WEIGHTED).topK(k).ignoreIndex(IGNORE), true),
                factory(() -> F1Score.multiclass(classes, Average.MICRO).ignoreIndex(IGNORE), true),
                factory(() -> ConfusionMatrix.multiclass(classes).ignoreIndex(IGNORE), false));
    }

    private static Factory factory(java.util.function.Supplier<StatefulMetric<?>> make, boolean scores) {
        return new Factory() {
            @Override
            public StatefulMetric<?> make() {
                return make.get();
            }

            @Override
            public Tensor input(Batch b) {
                return scores ? b.scoreTensor() : b.predictedTensor();
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <R> void mergeInto(StatefulMetric<R> target, StatefulMetric<?> other) {
        target.merge((dev.ithaca.train.Metric<R>) other);
    }

    private static ClassificationMetric<?> configure(ClassificationMetric<?> m, int topK, boolean ignore) {
        m.topK(topK);
        if (ignore) {
            m.ignoreIndex(IGNORE);
        }
        return m;
    }

    private static void onCpu(Runnable body) {
        try (Backends.Use cpu = Backends.use(Backends.get("cpu"))) {
            body.run();
        }
    }
}

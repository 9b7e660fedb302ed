package dev.ithaca.benchmarks;

import dev.ithaca.metrics.Accuracy;
import dev.ithaca.metrics.Average;
import dev.ithaca.metrics.F1Score;
import dev.ithaca.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One metric update on a validation batch of logits [4096, 10] with INT64 targets, against the
 * loop a Java programmer writes: argmax per row on {@code float[]} and counting into {@code long[]}.
 * The update is a handful of small kernels (argmax, comparisons, scatter-add into the counts) plus
 * a scope and one host read for its range check, so the ratio shows what that machinery costs on a
 * batch this size. Both sides keep accumulating; counts cannot overflow in a run.
 */
public class MetricsBenchmark extends CpuBenchmark {
    static final int ROWS = 4096;
    static final int CLASSES = 10;

    private float[] logits;
    private long[] targets;
    private Tensor logitsTensor;
    private Tensor targetsTensor;
    private Accuracy accuracy;
    private F1Score f1;
    private final MetricBaselines.Counts javaCounts = new MetricBaselines.Counts(CLASSES);
    private final InjectedSlowdown accuracySlowdown = InjectedSlowdown.forKey("accuracy");
    private final InjectedSlowdown f1Slowdown = InjectedSlowdown.forKey("f1");

    @Setup(Level.Trial)
    public void setUp() {
        logits = RandomFloats.of(ROWS * CLASSES, 21);
        targets = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            targets[i] = (i * 7L + i / 3) % CLASSES;
        }
        logitsTensor = Tensor.of(logits, ROWS, CLASSES);
        targetsTensor = Tensor.of(targets, ROWS);
        accuracy = Accuracy.multiclass(CLASSES);
        f1 = F1Score.multiclass(CLASSES, Average.MACRO);
        accuracy.update(logitsTensor, targetsTensor);
        f1.update(logitsTensor, targetsTensor);
        MetricBaselines.Counts once = new MetricBaselines.Counts(CLASSES);
        MetricBaselines.count(logits, targets, CLASSES, once);
        SameResult.check("accuracy", once.accuracy(), accuracy.compute(), 1e-12);
        SameResult.check("macro F1", once.macroF1(), f1.compute(), 1e-12);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        accuracy.reset();
        f1.reset();
        logitsTensor.close();
        targetsTensor.close();
    }

    @Benchmark
    public void accuracyUpdate() {
        long start = accuracySlowdown.start();
        accuracy.update(logitsTensor, targetsTensor);
        accuracySlowdown.finish(start);
    }

    @Benchmark
    public long javaAccuracy() {
        return MetricBaselines.correct(logits, targets, CLASSES);
    }

    @Benchmark
    public void f1Update() {
        long start = f1Slowdown.start();
        f1.update(logitsTensor, targetsTensor);
        f1Slowdown.finish(start);
    }

    @Benchmark
    public MetricBaselines.Counts javaF1() {
        MetricBaselines.count(logits, targets, CLASSES, javaCounts);
        return javaCounts;
    }
}

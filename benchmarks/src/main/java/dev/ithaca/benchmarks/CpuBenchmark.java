package dev.ithaca.benchmarks;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Settings every suite shares (JMH reads these annotations from the superclass): one state per
 * benchmark whose inputs are made once per trial, throughput in ops/s, and a fork whose heap is
 * fixed and touched up front. On a VM a first-touch page fault costs microseconds, and without
 * pre-touching, the first passes of the young generation (and every fresh 64 MiB array of the
 * {@code float[]} baselines) pay them, which made a 1-element add read 5 us instead of 0.4 us.
 * Transparent huge pages make the pre-touch cheap where the kernel offers them (ignored elsewhere).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-XX:+UseTransparentHugePages"})
public abstract class CpuBenchmark {
}

package dev.ithaca.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits index ranges across a fixed pool sized to the machine. Work below the grain stays on
 * the caller's thread (a thread hand-off costs more than a small kernel); the caller always runs
 * one chunk itself, so progress never depends on a free worker.
 */
final class Parallel implements AutoCloseable {
    /** Body of a parallel loop over [start, end). */
    @FunctionalInterface
    interface RangeBody {
        void run(long start, long end);
    }

    private final int threads;
    private final ExecutorService workers;

    Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        AtomicInteger counter = new AtomicInteger();
        this.workers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "ithaca-cpu-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    int threads() {
        return threads;
    }

    /** Runs {@code body} over [0, n) in up to {@code threads} chunks of at least {@code grain} items. */
    void forRange(long n, long grain, RangeBody body) {
        long chunks = Math.min(threads, n / Math.max(grain, 1));
        if (chunks <= 1 || workers == null || Thread.currentThread().getName().startsWith("ithaca-cpu-")) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        long per = (n + chunks - 1) / chunks;
        List<Future<?>> futures = new ArrayList<>((int) chunks - 1);
        RuntimeException failure = null;
        for (long c = 1; c < chunks && failure == null; c++) {
            long start = c * per;
            long end = Math.min(n, start + per);
            if (start < end) {
                try {
                    futures.add(workers.submit(() -> body.run(start, end)));
                } catch (RejectedExecutionException e) {
                    failure = new IllegalStateException("CPU backend was closed; its kernels can no longer run", e);
                }
            }
        }
        if (failure == null) {
            try {
                body.run(0, Math.min(n, per));
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        // every submitted chunk is waited for, even after a failure or an interrupt: returning while a
        // worker still writes would let the caller free memory that is being written
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}

package dev.ithaca.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How much of the machine other processes used while the benchmarks ran. Ratios survive a shared
 * machine's drift, but not a process that holds a core for minutes: the Tensor side runs on every
 * core and loses one, while most baselines run on one thread and do not. Linux only (it reads
 * {@code /proc}); elsewhere nothing is known.
 *
 * @param busyTicks busy CPU time of the whole machine so far (user, nice, system, irq, softirq, steal), in clock ticks
 * @param ownTicks  CPU time of this JVM and the children it has reaped (the benchmark forks), in clock ticks
 * @param nanos     when it was taken
 */
record MachineLoad(long busyTicks, long ownTicks, long nanos) {
    /** Linux's USER_HZ: /proc reports CPU times in 1/100 s on every common configuration. */
    static final double TICKS_PER_SECOND = 100;

    /** The counters now, or empty where /proc cannot be read. */
    static Optional<MachineLoad> now() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String self = Files.readString(Path.of("/proc/self/stat"));
            return Optional.of(new MachineLoad(busy(cpu), own(self), System.nanoTime()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Sum of the busy fields of the aggregate {@code cpu} line of /proc/stat (idle and iowait left out). */
    static long busy(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 9) {
            throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat: " + cpuLine);
        }
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long irq = Long.parseLong(f[6]);
        long softirq = Long.parseLong(f[7]);
        long steal = Long.parseLong(f[8]);
        return user + nice + system + irq + softirq + steal;
    }

    /** utime + stime + cutime + cstime of /proc/self/stat (fields 14-17; the command name may hold spaces). */
    static long own(String statLine) {
        String[] f = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3]
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /**
     * Share of the machine's CPU capacity (all cores) that other processes used between {@code start}
     * and this sample, in [0, 1].
     */
    double foreignShareSince(MachineLoad start, int cores) {
        double seconds = (nanos - start.nanos) / 1e9;
        if (seconds <= 0) {
            return 0;
        }
        double foreign = (busyTicks - start.busyTicks) - (ownTicks - start.ownTicks);
        return Math.max(0, Math.min(1, foreign / TICKS_PER_SECOND / (seconds * cores)));
    }
}

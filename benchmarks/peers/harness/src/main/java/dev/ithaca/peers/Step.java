package dev.ithaca.peers;

/** One invocation of a workload: {@link #prepare} runs untimed before each timed {@link #run}. */
public interface Step {
    /** Untimed setup of invocation {@code i} (picking a batch, restoring an input a run overwrites). */
    default void prepare(long i) throws Exception {
    }

    /** The timed work of invocation {@code i}. */
    void run(long i) throws Exception;
}

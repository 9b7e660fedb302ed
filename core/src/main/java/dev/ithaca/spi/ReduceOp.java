package dev.ithaca.spi;

/** Reductions over a set of dimensions. */
public enum ReduceOp {
    SUM,
    MEAN,
    MAX,
    MIN,
    PROD
}

package dev.ithaca.cli.config.bind;

/**
 * A config record with rules that span several keys (a warmup shorter than the run, a model that
 * fits the data). The binder calls {@link #check} once the record is built, with a view that
 * reports relative to the record's own path.
 */
public interface Checked {
    void check(Problems problems);
}

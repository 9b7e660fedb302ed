/**
 * Training callbacks, each driven by a loop through the hooks of {@link dev.ithaca.train.Callback}:
 * {@link dev.ithaca.callbacks.EarlyStopping} and {@link dev.ithaca.callbacks.ModelCheckpoint}
 * (PyTorch Lightning 2.x semantics), {@link dev.ithaca.callbacks.LoggingCallback} (progress bar and
 * JSON-lines log), {@link dev.ithaca.callbacks.CsvLogger}, {@link dev.ithaca.callbacks.LearningRateMonitor}
 * and {@link dev.ithaca.callbacks.TerminateOnNaN}. Callbacks with state carry it into
 * {@link dev.ithaca.io.TrainingCheckpoint}s through their state dicts, so a resumed run behaves as
 * the uninterrupted one would.
 */
package dev.ithaca.callbacks;

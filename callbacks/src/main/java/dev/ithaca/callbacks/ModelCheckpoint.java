package dev.ithaca.callbacks;

import dev.ithaca.io.TrainingCheckpoint;
import dev.ithaca.train.Callback;
import dev.ithaca.train.CallbackSignal;
import dev.ithaca.train.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Saves {@link TrainingCheckpoint}s (model, optimizer, scheduler, callbacks and loop state) and keeps
 * the best ones, with PyTorch Lightning 2.x's {@code ModelCheckpoint} semantics.
 *
 * <h2>When</h2>
 * Every {@code everyNEpochs} epochs at {@code onEpochEnd} (after that epoch's validation; the
 * default, with 1), or every {@code everyNSteps} optimizer steps at {@code onBatchEnd}; the two are
 * exclusive. A step already saved is not saved again.
 *
 * <h2>Which to keep</h2>
 * With a {@code monitor}: {@code saveTopK} -1 keeps every checkpoint, 0 none, k the k best. A new
 * checkpoint enters a full table only if strictly better than the worst kept one, so on ties the
 * older file stays; the displaced file is deleted after the new one is written. A NaN value is
 * ranked as the worst possible. Without a monitor, {@code saveTopK} 1 keeps only the newest and -1
 * keeps all. A missing monitored metric is an error once a validation has run, before that a
 * one-time warning (a step-based save before the first validation, say).
 *
 * <h2>Files</h2>
 * {@code dirpath/<filename>.safetensors}, the {@code filename} template filled from {@code epoch},
 * {@code step} and the metrics (see the builder). A name that already exists on disk, and is not
 * the file being replaced, gets a {@code -v1}, {@code -v2} ... suffix. With {@code saveLast},
 * {@code last.safetensors} is rewritten at every save and so is always the newest. Every write is
 * atomic (temp file, fsync, rename); a failed write leaves earlier files and this callback's
 * bookkeeping as they were, and is rethrown.
 *
 * <h2>Resume</h2>
 * {@link #stateDict()} holds the top-k table, the best and last paths and the last saved step;
 * restored in a run with the same {@code dirpath}, the bookkeeping continues where it stopped (as
 * Lightning, a different {@code dirpath} restores only the best path and score).
 */
public final class ModelCheckpoint implements Callback {
    /** Extension of every checkpoint file. */
    public static final String EXTENSION = ".safetensors";
    /** Base name of the always-newest checkpoint written with {@code saveLast}. */
    public static final String LAST_NAME = "last";

    private static final Logger LOG = LoggerFactory.getLogger(ModelCheckpoint.class);

    private final Path dirpath;
    private final FilenameTemplate filename;
    private final String monitor;
    private final Mode mode;
    private final int saveTopK;
    private final boolean saveLast;
    private final int everyNEpochs;
    private final int everyNSteps;

    /** Bookkeeping, all of it in the state dict; copied and restored around a write that may fail. */
    private static final class Book {
        LinkedHashMap<String, Double> bestK = new LinkedHashMap<>();
        String kthBestPath;
        String bestPath;
        Double bestScore;
        String lastPath;
        long lastGlobalStepSaved = -1;

        Book copy() {
            Book b = new Book();
            b.bestK = new LinkedHashMap<>(bestK);
            b.kthBestPath = kthBestPath;
            b.bestPath = bestPath;
            b.bestScore = bestScore;
            b.lastPath = lastPath;
            b.lastGlobalStepSaved = lastGlobalStepSaved;
            return b;
        }
    }

    private Book book = new Book();
    /** Files the save in progress wrote that did not exist before it (removed again if it fails). */
    private final List<Path> createdBySave = new ArrayList<>();
    private boolean validationSeen;
    private boolean warnedMissing;

    private ModelCheckpoint(Builder b) {
        this.dirpath = b.dirpath.toAbsolutePath().normalize();
        this.filename = b.filename;
        this.monitor = b.monitor;
        this.mode = b.mode;
        this.saveTopK = b.saveTopK;
        this.saveLast = b.saveLast;
        this.everyNSteps = b.everyNSteps;
        this.everyNEpochs = b.everyNEpochs != null ? b.everyNEpochs : (b.everyNSteps > 0 ? 0 : 1);
        if (everyNEpochs > 0 && everyNSteps > 0) {
            throw new IllegalArgumentException("ModelCheckpoint: everyNEpochs (" + everyNEpochs + ") and everyNSteps ("
                    + everyNSteps + ") are mutually exclusive; set one");
        }
        if (monitor == null && saveTopK > 1) {
            throw new IllegalArgumentException("ModelCheckpoint: saveTopK=" + saveTopK + " needs a monitor to rank checkpoints;"
                    + " without one use 1 (newest only) or -1 (all)");
        }
    }

    /** A builder saving into {@code dirpath} (created when needed). */
    public static Builder builder(Path dirpath) {
        return new Builder(dirpath);
    }

    /** Distinct for differently configured instances, so several can run side by side (as Lightning). */
    @Override
    public String stateKey() {
        return "ModelCheckpoint{monitor=" + monitor + ",mode=" + mode + ",everyNEpochs=" + everyNEpochs
                + ",everyNSteps=" + everyNSteps + "}";
    }

    // ---- hooks -----------------------------------------------------------------------------------

    @Override
    public CallbackSignal onValidationEnd(TrainingState state) {
        validationSeen = true;
        return CallbackSignal.CONTINUE;
    }

    @Override
    public CallbackSignal onBatchEnd(TrainingState state) {
        if (everyNSteps > 0 && state.globalStep() % everyNSteps == 0 && state.globalStep() != book.lastGlobalStepSaved) {
            save(state);
        }
        return CallbackSignal.CONTINUE;
    }

    @Override
    public CallbackSignal onEpochEnd(TrainingState state) {
        if (everyNEpochs > 0 && (state.epoch() + 1) % everyNEpochs == 0 && state.globalStep() != book.lastGlobalStepSaved) {
            save(state);
        }
        return CallbackSignal.CONTINUE;
    }

    // ---- saving ----------------------------------------------------------------------------------

    /** Saves now, whatever the schedule (a trainer may call it at the end of a run). */
    public void save(TrainingState state) {
        Objects.requireNonNull(state, "state");
        Map<String, Number> candidates = new LinkedHashMap<>(state.metrics());
        candidates.put("epoch", state.epoch());
        candidates.put("step", state.globalStep());
        Book before = book.copy();
        List<Path> obsolete = new ArrayList<>();
        createdBySave.clear();
        try {
            if (saveTopK != 0) {
                if (monitor == null) {
                    saveNewest(state, candidates, obsolete);
                } else {
                    saveTopK(state, candidates, obsolete);
                }
            }
            if (saveLast) {
                saveLast(state, candidates, obsolete);
            }
        } catch (IOException e) {
            book = before;
            removeCreatedBySave();
            throw new UncheckedIOException("ModelCheckpoint: could not write a checkpoint into " + dirpath
                    + " (earlier checkpoints are intact): " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            book = before;
            removeCreatedBySave();
            throw e;
        }
        for (Path path : obsolete) {
            try {
                Files.deleteIfExists(path);
                LOG.debug("ModelCheckpoint: removed {}", path);
            } catch (IOException e) {
                LOG.warn("ModelCheckpoint: could not remove the superseded checkpoint {}: {}", path, e.toString());
            }
        }
    }

    /** A save that fails halfway (top-k written, last not) must not leave an untracked file behind. */
    private void removeCreatedBySave() {
        for (Path path : createdBySave) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warn("ModelCheckpoint: could not remove {} after a failed save: {}", path, e.toString());
            }
        }
        createdBySave.clear();
    }

    private void saveNewest(TrainingState state, Map<String, Number> candidates, List<Path> obsolete) throws IOException {
        String previous = book.bestPath;
        String replaceable = saveTopK == 1 ? previous : null;
        Path file = freshPath(filename.render(candidates), replaceable);
        book.bestPath = file.toString();
        write(file, state);
        if (saveTopK == 1 && previous != null && !previous.equals(book.bestPath)) {
            obsolete.add(Path.of(previous));
        }
    }

    private void saveTopK(TrainingState state, Map<String, Number> candidates, List<Path> obsolete) throws IOException {
        Double current = state.metrics().get(monitor);
        if (current == null) {
            String message = "ModelCheckpoint: monitored metric '" + monitor + "' is not among the metrics "
                    + new TreeSet<>(state.metrics().keySet()) + " at epoch " + state.epoch() + ", step " + state.globalStep();
            if (validationSeen) {
                throw new IllegalStateException(message + "; log it, or monitor a metric that is logged");
            }
            if (!warnedMissing) {
                warnedMissing = true;
                LOG.warn("{}; no top-k checkpoint is saved until it appears", message);
            }
            return;
        }
        if (!qualifies(current)) {
            return;
        }
        int k = saveTopK == -1 ? book.bestK.size() + 1 : saveTopK;
        String displaced = null;
        if (book.bestK.size() == k) {
            displaced = book.kthBestPath;
            book.bestK.remove(displaced);
        }
        double score = Double.isNaN(current) ? mode.worst() : current;
        Path file = freshPath(filename.render(candidates), displaced);
        book.bestK.put(file.toString(), score);
        if (book.bestK.size() == k) {
            book.kthBestPath = extreme(true);
        }
        book.bestPath = extreme(false);
        book.bestScore = book.bestK.get(book.bestPath);
        write(file, state);
        if (displaced != null && !displaced.equals(file.toString())) {
            obsolete.add(Path.of(displaced));
        }
    }

    /** Lightning's check: room in the table, or strictly better than the worst kept (NaN never is). */
    private boolean qualifies(double current) {
        if (saveTopK == -1 || book.bestK.size() < saveTopK) {
            return true;
        }
        return mode.improves(current, book.bestK.get(book.kthBestPath), 0);
    }

    /** The worst (or best) kept path; among equal scores the oldest, as Python's max/min over a dict. */
    private String extreme(boolean worst) {
        String found = null;
        double foundScore = 0;
        for (Map.Entry<String, Double> e : book.bestK.entrySet()) {
            double s = e.getValue();
            boolean beats = found == null || (worst ? mode.improves(foundScore, s, 0) : mode.improves(s, foundScore, 0));
            if (beats) {
                found = e.getKey();
                foundScore = s;
            }
        }
        return found;
    }

    private void saveLast(TrainingState state, Map<String, Number> candidates, List<Path> obsolete) throws IOException {
        String previous = book.lastPath;
        Path file = freshPath(LAST_NAME, previous);
        book.lastPath = file.toString();
        write(file, state);
        if (previous != null && !previous.equals(book.lastPath)) {
            obsolete.add(Path.of(previous));
        }
    }

    /** {@code dirpath/name.safetensors}, versioned while a different file already holds that name. */
    private Path freshPath(String name, String replaceable) {
        Path file = dirpath.resolve(name + EXTENSION).normalize();
        for (int version = 1; Files.exists(file) && !file.toString().equals(replaceable); version++) {
            file = dirpath.resolve(name + "-v" + version + EXTENSION).normalize();
        }
        if (!file.startsWith(dirpath)) {
            throw new IllegalArgumentException("ModelCheckpoint: filename '" + filename + "' resolves to " + file
                    + ", outside dirpath " + dirpath);
        }
        return file;
    }

    private void write(Path file, TrainingState state) throws IOException {
        Files.createDirectories(file.getParent());
        book.lastGlobalStepSaved = state.globalStep();
        boolean isNew = !Files.exists(file);
        TrainingCheckpoint.save(file, state);
        if (isNew) {
            createdBySave.add(file);
        }
        LOG.info("ModelCheckpoint: saved {}", file);
    }

    // ---- observations ----------------------------------------------------------------------------

    public Path dirpath() {
        return dirpath;
    }

    /** The best checkpoint so far (the newest when there is no monitor). */
    public Optional<Path> bestModelPath() {
        return Optional.ofNullable(book.bestPath).map(Path::of);
    }

    public Optional<Double> bestModelScore() {
        return Optional.ofNullable(book.bestScore);
    }

    /** The {@code saveLast} checkpoint, once written. */
    public Optional<Path> lastModelPath() {
        return Optional.ofNullable(book.lastPath).map(Path::of);
    }

    /** The kept top-k checkpoints and their scores, in the order they were saved. */
    public Map<Path, Double> bestKModels() {
        Map<Path, Double> out = new LinkedHashMap<>();
        book.bestK.forEach((path, score) -> out.put(Path.of(path), score));
        return Collections.unmodifiableMap(out);
    }

    // ---- state -----------------------------------------------------------------------------------

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("monitor", monitor);
        state.put("dirpath", dirpath.toString());
        List<Map<String, Object>> table = new ArrayList<>();
        book.bestK.forEach((path, score) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", path);
            row.put("score", score);
            table.add(row);
        });
        state.put("best_k_models", table);
        state.put("kth_best_model_path", book.kthBestPath);
        state.put("best_model_path", book.bestPath);
        state.put("best_model_score", book.bestScore);
        state.put("last_model_path", book.lastPath);
        state.put("last_global_step_saved", book.lastGlobalStepSaved);
        state.put("validation_seen", validationSeen);
        return state;
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        Objects.requireNonNull(state, "state");
        String owner = "ModelCheckpoint(" + dirpath + ")";
        Book loaded = new Book();
        loaded.bestPath = StateValues.text(owner, state, "best_model_path");
        Object score = state.get("best_model_score");
        loaded.bestScore = score == null ? null : StateValues.number(owner, state, "best_model_score");
        loaded.lastGlobalStepSaved = StateValues.whole(owner, state, "last_global_step_saved");
        boolean seen = StateValues.flag(owner, state, "validation_seen", false);
        String savedDir = StateValues.text(owner, state, "dirpath");
        if (dirpath.toString().equals(savedDir)) {
            Object table = StateValues.required(owner, state, "best_k_models");
            if (!(table instanceof List<?> rows)) {
                throw new IllegalArgumentException(owner + ": state dict entry 'best_k_models' must be a list, got " + table);
            }
            for (Object row : rows) {
                if (!(row instanceof Map<?, ?> map) || !(map.get("path") instanceof String path) || !(map.get("score") instanceof Number s)) {
                    throw new IllegalArgumentException(owner + ": each best_k_models row must have a string 'path' and a number"
                            + " 'score', got " + row);
                }
                loaded.bestK.put(path, s.doubleValue());
            }
            loaded.kthBestPath = StateValues.text(owner, state, "kth_best_model_path");
            loaded.lastPath = StateValues.text(owner, state, "last_model_path");
            if (loaded.kthBestPath != null && !loaded.bestK.containsKey(loaded.kthBestPath)) {
                throw new IllegalArgumentException(owner + ": kth_best_model_path " + loaded.kthBestPath + " is not in best_k_models");
            }
        } else {
            LOG.warn("ModelCheckpoint: dirpath changed from {} to {}; only the best model path and score are restored,"
                    + " the top-k table starts empty", savedDir, dirpath);
        }
        book = loaded;
        validationSeen = seen;
    }

    @Override
    public String toString() {
        return "ModelCheckpoint(dirpath=" + dirpath + ", filename=" + filename + ", monitor=" + monitor + ", mode=" + mode
                + ", saveTopK=" + saveTopK + ", saveLast=" + saveLast + ", everyNEpochs=" + everyNEpochs
                + ", everyNSteps=" + everyNSteps + ")";
    }

    /**
     * Options, defaulting as Lightning's: filename {@code epoch={epoch}-step={step}}, no monitor, mode
     * min, saveTopK 1, no last file, every epoch.
     */
    public static final class Builder {
        private final Path dirpath;
        private FilenameTemplate filename = new FilenameTemplate("epoch={epoch}-step={step}");
        private String monitor;
        private Mode mode = Mode.MIN;
        private int saveTopK = 1;
        private boolean saveLast;
        private Integer everyNEpochs;
        private int everyNSteps;

        private Builder(Path dirpath) {
            this.dirpath = Objects.requireNonNull(dirpath, "dirpath");
        }

        /**
         * File name without extension: {@code {epoch}}, {@code {step}} and any metric, each with an
         * optional Python-style format, e.g. {@code epoch={epoch:02d}-val_loss={val_loss:.4f}}; may
         * contain {@code /} for subfolders of {@code dirpath}.
         */
        public Builder filename(String filename) {
            this.filename = new FilenameTemplate(filename);
            return this;
        }

        /** The metric that ranks checkpoints; none by default (the newest is kept). */
        public Builder monitor(String monitor) {
            if (monitor != null && monitor.isBlank()) {
                throw new IllegalArgumentException("ModelCheckpoint: monitor must name a metric, got '" + monitor + "'");
            }
            this.monitor = monitor;
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** {@code "min"} or {@code "max"}. */
        public Builder mode(String mode) {
            return mode(Mode.parse(mode));
        }

        /** How many best checkpoints to keep: 0 none, -1 all, k the k best. */
        public Builder saveTopK(int saveTopK) {
            if (saveTopK < -1) {
                throw new IllegalArgumentException("ModelCheckpoint: saveTopK must be >= -1 (-1 keeps all), got " + saveTopK);
            }
            this.saveTopK = saveTopK;
            return this;
        }

        /** Also write {@code last.safetensors} at every save. */
        public Builder saveLast(boolean saveLast) {
            this.saveLast = saveLast;
            return this;
        }

        /** Save at the end of every n-th epoch; 0 disables epoch saves. */
        public Builder everyNEpochs(int everyNEpochs) {
            if (everyNEpochs < 0) {
                throw new IllegalArgumentException("ModelCheckpoint: everyNEpochs must be >= 0, got " + everyNEpochs);
            }
            this.everyNEpochs = everyNEpochs;
            return this;
        }

        /** Save after every n-th optimizer step; 0 (the default) disables step saves. */
        public Builder everyNSteps(int everyNSteps) {
            if (everyNSteps < 0) {
                throw new IllegalArgumentException("ModelCheckpoint: everyNSteps must be >= 0, got " + everyNSteps);
            }
            this.everyNSteps = everyNSteps;
            return this;
        }

        public ModelCheckpoint build() {
            return new ModelCheckpoint(this);
        }
    }
}

package dev.ithaca.cli.config;

import dev.ithaca.cli.config.bind.Checked;
import dev.ithaca.cli.config.bind.Key;
import dev.ithaca.cli.config.bind.Problems;
import dev.ithaca.cli.config.bind.Section;
import dev.ithaca.cli.config.bind.Variant;

import java.nio.file.Path;
import java.util.List;

/** Where the examples come from and how they are split into training and validation sets. */
@Section(doc = "The dataset, chosen by `type`. Relative paths are resolved against the directory the command runs in."
        + " Validation data is held out deterministically (the split depends only on `training.seed`).")
public sealed interface DataConfig {

    /** Fraction of the training data held out for validation (0: no validation). */
    double validationFraction();

    @Variant(name = "idx", doc = "Images and labels in the IDX format of MNIST and Fashion-MNIST (plain or .gz).")
    record Idx(
            @Key(doc = "IDX file of the training images.") Path trainImages,
            @Key(doc = "IDX file of the training labels.") Path trainLabels,
            @Key(doc = "IDX file of the test images, for `ithaca evaluate` and the final test metrics.", defaultValue = Key.UNSET)
            Path testImages,
            @Key(doc = "IDX file of the test labels.", defaultValue = Key.UNSET) Path testLabels,
            @Key(doc = "Fraction of the training images held out for validation.", defaultValue = "0.1", min = 0, max = 1,
                    maxExclusive = true) double validationFraction) implements DataConfig {
    }

    @Variant(name = "fashion_mnist", doc = "Fashion-MNIST from a directory holding the four standard IDX files; without"
            + " `dir`, the locations the Debian/Ubuntu packages install to are searched.")
    record FashionMnist(
            @Key(doc = "Directory with train-images-idx3-ubyte(.gz) and the other three files.", defaultValue = Key.UNSET) Path dir,
            @Key(doc = "Fraction of the training images held out for validation.", defaultValue = "0.1", min = 0, max = 1,
                    maxExclusive = true) double validationFraction) implements DataConfig {
    }

    @Variant(name = "csv", doc = "A UTF-8 table with a header row: numeric feature columns and one target column"
            + " (class ids or names for classification, numbers for regression).")
    record Csv(
            @Key(doc = "The training table.") Path path,
            @Key(doc = "A test table with the same columns.", defaultValue = Key.UNSET) Path testPath,
            @Key(doc = "Header name of the target column.", defaultValue = "label") String targetColumn,
            @Key(doc = "`classification` (cross-entropy over classes) or `regression` (mean squared error on one number).",
                    defaultValue = "classification") Task task,
            @Key(doc = "The field separator (one character, not a quote or space).", defaultValue = ",") String delimiter,
            @Key(doc = "Fraction of the rows held out for validation.", defaultValue = "0.1", min = 0, max = 1, maxExclusive = true)
            double validationFraction) implements DataConfig, Checked {

        public enum Task { CLASSIFICATION, REGRESSION }

        @Override
        public void check(Problems problems) {
            if (delimiter.length() != 1 || "\"\r\n ".contains(delimiter)) {
                problems.add("delimiter", "must be one character other than a quote, space or line break, got '" + delimiter + "'");
            }
        }
    }

    @Variant(name = "text", doc = "UTF-8 text files (or directories of them) for language modelling: tokenized, then cut into"
            + " windows of `model.context_length` tokens.")
    record Text(
            @Key(doc = "Files or directories of the corpus (directories are read recursively, files in name order).",
                    defaultValue = "[]") List<Path> paths,
            @Key(doc = "Fraction of the corpus held out for validation: contiguous stretches cut at line starts, chosen by"
                    + " `training.seed`.",
                    defaultValue = "0.1", min = 0, max = 1, maxExclusive = true) double validationFraction,
            @Key(doc = "Tokens between the starts of consecutive training windows; unset means `model.context_length`"
                    + " (windows do not overlap).", defaultValue = Key.UNSET, min = 1) Integer stride) implements DataConfig {
    }
}

package dev.ithaca.cli.build;

import dev.ithaca.cli.CliException;
import dev.ithaca.cli.config.DataConfig;
import dev.ithaca.cli.config.bind.ConfigTypes;
import dev.ithaca.data.Dataset;
import dev.ithaca.data.Datasets;
import dev.ithaca.data.Subset;
import dev.ithaca.data.csv.CsvDataset;
import dev.ithaca.data.idx.FashionMnist;
import dev.ithaca.data.idx.IdxDataset;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** Loads image (IDX, Fashion-MNIST) and table (CSV) data and holds out the validation part. */
public final class ClassificationData {
    private ClassificationData() {
    }

    /** Any load failure (missing file, bad format) is a data error: exit code 2. */
    public static PreparedData load(DataConfig config, long seed) {
        try {
            if (config instanceof DataConfig.Idx idx) {
                IdxDataset train = IdxDataset.of(idx.trainImages(), idx.trainLabels());
                IdxDataset test = idx.testImages() != null && idx.testLabels() != null
                        ? IdxDataset.of(idx.testImages(), idx.testLabels()) : null;
                return images(train, test, idx.validationFraction(), seed);
            }
            if (config instanceof DataConfig.FashionMnist fashion) {
                FashionMnist files = fashion.dir() != null ? FashionMnist.at(fashion.dir()) : FashionMnist.locate();
                return images(files.train(), files.test(), fashion.validationFraction(), seed);
            }
            if (config instanceof DataConfig.Csv csv) {
                return table(csv, seed);
            }
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw CliException.data("cannot load the " + typeName(config) + " data: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("not classification data: " + config);
    }

    private static PreparedData images(IdxDataset train, IdxDataset test, double validationFraction, long seed) {
        int classes = Math.max(train.numClasses(), test != null ? test.numClasses() : 0);
        DataShape shape = new DataShape(DataShape.Kind.CLASSES, train.exampleShape(), classes);
        return split(train, test, validationFraction, seed, shape);
    }

    private static PreparedData table(DataConfig.Csv csv, long seed) {
        boolean regression = csv.task() == DataConfig.Csv.Task.REGRESSION;
        CsvDataset train = csvFile(csv, csv.path(), regression);
        CsvDataset test = csv.testPath() != null ? csvFile(csv, csv.testPath(), regression) : null;
        if (test != null && !test.featureNames().equals(train.featureNames())) {
            throw CliException.data("data.test_path " + csv.testPath() + " has columns " + test.featureNames()
                    + " but data.path has " + train.featureNames() + "; the tables must have the same features", null);
        }
        int outputs = regression ? 1 : Math.max(classCount(train), test != null ? classCount(test) : 0);
        DataShape shape = new DataShape(regression ? DataShape.Kind.REGRESSION : DataShape.Kind.CLASSES,
                new long[]{train.featureCount()}, outputs);
        return split(train, test, csv.validationFraction(), seed, shape);
    }

    private static CsvDataset csvFile(DataConfig.Csv csv, java.nio.file.Path file, boolean regression) {
        return CsvDataset.builder(file).delimiter(csv.delimiter().charAt(0)).labelColumn(csv.targetColumn())
                .regression(regression).build();
    }

    /** Classes of a classification table: named classes, else the largest integer label + 1. */
    private static int classCount(CsvDataset table) {
        if (!table.classes().isEmpty()) {
            return table.classes().size();
        }
        long[] all = LongStream.range(0, table.size()).toArray();
        try (Batch batch = table.batch(all); Tensor max = batch.target().max()) {
            return Math.toIntExact((long) max.item() + 1);
        }
    }

    private static PreparedData split(Dataset train, Dataset test, double validationFraction, long seed, DataShape shape) {
        Map<String, Object> facts = new LinkedHashMap<>();
        Dataset fit = train;
        Dataset validation = null;
        if (validationFraction > 0) {
            long held = Math.max(1, Math.round(train.size() * validationFraction));
            if (held >= train.size()) {
                throw CliException.data("the training data has " + train.size() + " examples, too few to hold out "
                        + validationFraction + " of them for validation", null);
            }
            List<Subset> parts = Datasets.randomSplit(train, new long[]{train.size() - held, held}, seed);
            fit = parts.get(0);
            validation = parts.get(1);
        }
        facts.put("train_examples", fit.size());
        facts.put("validation_examples", validation == null ? 0 : validation.size());
        facts.put("test_examples", test == null ? 0 : test.size());
        facts.put("outputs", shape.outputs());
        return new PreparedData(fit, validation, test, shape, facts);
    }

    private static String typeName(DataConfig config) {
        return ConfigTypes.variantName(config);
    }
}

package dev.ithaca.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** Small data sets written by the tests themselves. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A 3-class table: the label is the index of the largest of the first three features. */
    public static Path classificationCsv(Path dir, int rows) throws IOException {
        Random random = new Random(11);
        StringBuilder csv = new StringBuilder("x1,x2,x3,x4,label\n");
        for (int r = 0; r < rows; r++) {
            double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            int label = x[0] > x[1] && x[0] > x[2] ? 0 : x[1] > x[2] ? 1 : 2;
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f,%d%n", x[0], x[1], x[2], x[3], label));
        }
        Path file = dir.resolve("table.csv");
        Files.writeString(file, csv);
        return file;
    }

    /** A config training a small MLP on {@link #classificationCsv}. */
    public static Path csvConfig(Path dir, Path csv, Path output) throws IOException {
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, """
                data:
                  type: csv
                  path: %s
                  validation_fraction: 0.25
                model:
                  type: mlp
                  hidden_sizes: [8]
                optimizer:
                  type: sgd
                  lr: 0.1
                  momentum: 0.9
                training:
                  epochs: 2
                  batch_size: 16
                  seed: 3
                callbacks:
                  progress_bar: false
                metrics: [accuracy]
                output_dir: %s
                """.formatted(csv, output));
        return config;
    }

    /** Some lines of English-like text, different each line, deterministic. */
    public static String text(int lines) {
        String[] subjects = {"The king", "A shepherd", "The people", "His servant", "The city", "A stranger", "The river", "Our father"};
        String[] verbs = {"went up to", "spoke unto", "looked upon", "built", "remembered", "gathered by", "walked beside", "blessed"};
        String[] objects = {"the mountain", "the temple", "the valley", "the sea", "the gate", "the field", "the house", "the wall"};
        Random random = new Random(5);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append(subjects[random.nextInt(subjects.length)]).append(' ').append(verbs[random.nextInt(verbs.length)]).append(' ')
                    .append(objects[random.nextInt(objects.length)]).append(i % 3 == 0 ? ", and it was good.\n" : ".\n");
        }
        return text.toString();
    }
}

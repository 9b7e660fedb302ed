package dev.ithaca.examples.docs;

import dev.ithaca.data.DataLoader;
import dev.ithaca.data.TensorDataset;
import dev.ithaca.data.csv.CsvDataset;
import dev.ithaca.data.text.BpeTrainer;
import dev.ithaca.data.text.ByteLevelBpeTokenizer;
import dev.ithaca.data.text.TokenWindows;
import dev.ithaca.data.transform.Normalize;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** docs/modules/data.md: datasets, the DataLoader, CSV files and text. */
public final class DataExamples {
    private DataExamples() {
    }

    /** Returns the number of samples one epoch of a shuffled loader over 10 samples yields. */
    static long loader() {
        // --8<-- [start:loader]
        Tensor features = Tensor.arange(20).to(DType.FLOAT32).reshape(10, 2);   // 10 samples, 2 features
        Tensor labels = Tensor.of(new long[]{0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, 10);
        TensorDataset dataset = TensorDataset.of(features, labels);
        DataLoader loader = DataLoader.builder(dataset)
                .batchSize(4).shuffle(true).seed(42)   // a new order each epoch, the same for the same seed
                .dropLast(false)                       // keep the last, smaller batch (2 samples)
                .numWorkers(1)                         // batches are prepared on a background thread
                .transform(new Normalize(9.5, 5.8))    // (x - mean) / std on the inputs
                .build();
        long seen = 0;
        for (Batch batch : loader) {                   // one epoch; the next loop is the next epoch
            try (batch) {
                seen += batch.size();                  // input [4, 2] FLOAT32, target [4] INT64
            }
        }
        // --8<-- [end:loader]
        return seen;
    }

    /** Reads a small CSV with a class-name label column; returns the classes, in id order. */
    static CsvDataset csv(Path dir) throws IOException {
        Path file = dir.resolve("iris.csv");
        Files.writeString(file, """
                sepal_length,sepal_width,species
                5.1,3.5,setosa
                7.0,3.2,versicolor
                6.3,3.3,virginica
                4.9,3.0,setosa
                """);
        // --8<-- [start:csv]
        CsvDataset iris = CsvDataset.builder(file).labelColumn("species").build();
        System.out.println(iris.featureNames() + " -> " + iris.classes());   // classes numbered in sorted order
        DataLoader loader = DataLoader.builder(iris).batchSize(2).build();
        // --8<-- [end:csv]
        return iris;
    }

    /** Trains a byte-level BPE on a tiny text and cuts next-token windows; returns the number of windows. */
    static long text(Path dir) throws IOException {
        String corpus = "the cat sat on the mat. the dog sat on the log. ".repeat(20);
        // --8<-- [start:text]
        ByteLevelBpeTokenizer tokenizer = new BpeTrainer(300).train(corpus);   // 256 byte tokens + 44 merges
        tokenizer.save(dir.resolve("tokenizer.json"));                        // ByteLevelBpeTokenizer.load reads it back
        int[] ids = tokenizer.encode(corpus);
        System.out.println(tokenizer.decode(ids).equals(corpus));              // true: exact round trip
        TokenWindows windows = new TokenWindows(ids, 16);                      // input tokens[s, s+16), target shifted by 1
        DataLoader loader = DataLoader.builder(windows).batchSize(8).shuffle(true).seed(1).build();
        // --8<-- [end:text]
        return windows.size();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("ithaca-data-example");
        System.out.println(loader());
        csv(dir);
        System.out.println(text(dir));
    }
}

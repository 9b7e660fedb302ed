package dev.ithaca.examples.docs;

import dev.ithaca.io.CheckpointFormatException;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.ReLU;
import dev.ithaca.nn.Sequential;
import dev.ithaca.nn.StateDictMismatchException;
import dev.ithaca.nn.StateDictReport;
import dev.ithaca.random.Generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** docs/modules/core.md and docs/troubleshooting.md: saving and loading weights, and what a bad load reports. */
public final class CheckpointExamples {
    private CheckpointExamples() {
    }

    /** Saves, reloads, and collects the messages of a mismatched and of a truncated load. */
    static List<String> saveAndLoad(Path dir) throws IOException {
        List<String> messages = new ArrayList<>();
        // --8<-- [start:save-load]
        Path file = dir.resolve("mlp.safetensors");
        Module trained = new Sequential(new Linear(4, 8, new Generator(1)), new ReLU(), new Linear(8, 2, new Generator(2)));
        trained.save(file);                               // atomic write; Python's safetensors reads it

        Module same = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 2));
        StateDictReport report = same.load(file);         // strict: every key, every shape must match
        System.out.println(report.isClean());             // true

        Module wider = new Sequential(new Linear(4, 16), new ReLU(), new Linear(16, 2));
        String mismatch = null;
        try {
            wider.load(file);
        } catch (StateDictMismatchException e) {
            mismatch = e.getMessage();                    // lists missing keys, unexpected keys and shape mismatches
        }
        // --8<-- [end:save-load]
        messages.add(mismatch);

        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(Files.readAllBytes(file), 100));   // a copy cut short
        try {
            same.load(truncated);
        } catch (CheckpointFormatException e) {
            messages.add(e.getMessage());
        }
        trained.close();
        same.close();
        wider.close();
        return messages;
    }

    public static void main(String[] args) throws IOException {
        saveAndLoad(Files.createTempDirectory("ithaca-checkpoint-example")).forEach(System.out::println);
    }
}

package dev.ithaca.cli.build;

import dev.ithaca.data.Dataset;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The datasets of a run and what they look like.
 *
 * @param validation null when the config holds out nothing
 * @param test       null when the config names no test data
 * @param facts      numbers for the report ({@code train_examples}, {@code corpus_bytes}, ...)
 */
public record PreparedData(Dataset train, Dataset validation, Dataset test, DataShape shape, Map<String, Object> facts) {

    public PreparedData {
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }
}

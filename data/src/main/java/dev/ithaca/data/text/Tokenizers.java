package dev.ithaca.data.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/** Reads any tokenizer saved with {@link Tokenizer#save}, whatever its type. */
public final class Tokenizers {

    private Tokenizers() {
    }

    /**
     * The tokenizer in {@code file}, of the type its {@code "type"} field names
     * ({@value ByteLevelBpeTokenizer#TYPE} or {@value CharTokenizer#TYPE}).
     *
     * @throws TokenizerFormatException if the file is not a valid tokenizer file; the message names
     *                                  the file, the field and what was expected
     * @throws IOException              if the file cannot be read
     */
    public static Tokenizer load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        TokenizerFile json = TokenizerFile.read(file);
        String type = json.text(TokenizerFile.TYPE);
        return switch (type) {
            case ByteLevelBpeTokenizer.TYPE -> ByteLevelBpeTokenizer.fromJson(json);
            case CharTokenizer.TYPE -> CharTokenizer.fromJson(json);
            default -> throw json.problem(TokenizerFile.TYPE,
                    "\"" + ByteLevelBpeTokenizer.TYPE + "\" or \"" + CharTokenizer.TYPE + "\"", json.field(TokenizerFile.TYPE));
        };
    }
}

package dev.ithaca.data.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.charset.StandardCharsets;

/**
 * Not a unit test: measures training (vocabulary 4096) and encoding on about 3 MB of generated
 * multilingual text and prints the times. It asserts nothing, so it runs only when asked:
 * {@code mvn -pl data -am test -Dtest=BpeTrainingTimingTest -Dsurefire.failIfNoSpecifiedTests=false -Dithaca.timing=true}
 * (size in MB with {@code -Dithaca.timing.mb=...}).
 */
@EnabledIfSystemProperty(named = "ithaca.timing", matches = "true")
class BpeTrainingTimingTest {

    @Test
    void trainAndEncodeAFewMegabytes() {
        int megabytes = Integer.getInteger("ithaca.timing.mb", 3);
        String text = MultilingualText.generate(megabytes << 20, 2024);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        BpeTrainer trainer = new BpeTrainer(4096).withSpecialTokens(java.util.List.of("<|endoftext|>"));

        trainer.train(MultilingualText.generate(200_000, 1));   // warm-up: JIT compilation
        long start = System.nanoTime();
        ByteLevelBpeTokenizer tokenizer = trainer.train(bytes);
        long trained = System.nanoTime();
        int[] ids = tokenizer.encode(bytes);
        long encoded = System.nanoTime();
        byte[] decoded = tokenizer.decodeBytes(ids);
        long done = System.nanoTime();

        System.out.printf("BPE on %,d bytes: train to vocab %d in %.2f s, encode in %.2f s (%,d tokens, %.2f bytes/token), "
                        + "decode in %.3f s, round trip %s%n",
                bytes.length, tokenizer.vocabSize(), (trained - start) / 1e9, (encoded - trained) / 1e9, ids.length,
                (double) bytes.length / ids.length, (done - encoded) / 1e9, java.util.Arrays.equals(decoded, bytes) ? "exact" : "BROKEN");
    }
}

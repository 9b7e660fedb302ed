/**
 * Text for language models: tokenizers, token windows and corpus splits.
 *
 * <ul>
 *   <li>{@link dev.ithaca.data.text.Tokenizer} turns text (or any bytes) into token ids and back;
 *       {@link dev.ithaca.data.text.ByteLevelBpeTokenizer} (GPT-2 style byte-level BPE, trained by
 *       {@link dev.ithaca.data.text.BpeTrainer}) round-trips every byte sequence exactly;
 *       {@link dev.ithaca.data.text.CharTokenizer} maps code points to ids. Both save to JSON and
 *       come back through {@link dev.ithaca.data.text.Tokenizers#load}.</li>
 *   <li>{@link dev.ithaca.data.text.TokenWindows} serves next-token prediction examples (input
 *       {@code [T]}, target shifted by one) from a token stream as a {@link dev.ithaca.data.Dataset}.</li>
 *   <li>{@link dev.ithaca.data.text.CorpusSplit} carves a deterministic validation part out of a
 *       text, a list of documents or a token stream, in contiguous blocks.</li>
 * </ul>
 */
package dev.ithaca.data.text;

/**
 * Checkpoint I/O in the safetensors format.
 *
 * <h2>File layout</h2>
 * An 8-byte little-endian unsigned header length N; N bytes of UTF-8 JSON mapping each tensor name to
 * {@code {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}}, plus an optional
 * {@code "__metadata__"} object of strings; then the data buffer, each tensor's elements row-major
 * and little-endian at {@code [begin, end)} relative to the buffer's start.
 *
 * <h2>Writing</h2>
 * Files are laid out as the reference implementation lays them out, so the bytes match what
 * Python's {@code safetensors.save_file} produces for the same tensors and metadata: tensors sorted by
 * dtype alignment, descending (I64, F64, F32, I32, BOOL), then by name (UTF-8 byte order); compact
 * JSON with {@code __metadata__} first (keys sorted, omitted when empty); the header padded with
 * spaces to a multiple of 8 bytes so every tensor's data is aligned to its element size. Writes are
 * atomic (temp file, fsync, rename).
 *
 * <h2>Reading</h2>
 * Validation follows the reference: strict UTF-8, one JSON object, no repeated keys at any level,
 * known dtypes, non-negative integer shapes and offsets, tensor ranges that start at 0, are
 * contiguous, never overlap, cover the data buffer exactly and match shape times dtype size.
 * Unknown fields inside a tensor entry are ignored, as the reference does. Limits that guard
 * against hostile files: N at most {@link dev.ithaca.io.SafeTensors#MAX_HEADER_LENGTH}, at most
 * {@link dev.ithaca.io.SafeTensors#MAX_RANK} dimensions, sizes and offsets below 2^63, JSON nesting
 * at most 1000 deep. Every violation is a {@link dev.ithaca.io.CheckpointFormatException} naming the
 * file and the problem. Loadable dtypes: F32, F64, I32, I64, BOOL, and F16/BF16 widened to FLOAT32;
 * the header of a file with any other dtype can still be read with
 * {@link dev.ithaca.io.SafeTensors#readHeader}.
 *
 * <h2>Training checkpoints</h2>
 * {@link dev.ithaca.io.TrainingCheckpoint} stores a whole run in one such file: the model's tensors
 * under {@code model/}, tensors found inside optimizer, scheduler, callback and loop state under
 * their own paths, and the rest of that state as JSON in {@code __metadata__}, so a run resumes
 * exactly from it.
 */
package dev.ithaca.io;

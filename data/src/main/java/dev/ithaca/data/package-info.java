/**
 * Datasets and the {@link dev.ithaca.data.DataLoader} that batches them for training.
 *
 * <ul>
 *   <li>{@link dev.ithaca.data.Dataset}: indexable examples fetched a batch at a time;
 *       {@link dev.ithaca.data.TensorDataset} over tensors, {@link dev.ithaca.data.Subset} and
 *       {@link dev.ithaca.data.Datasets} for ranges, index lists and seeded random splits. Readers
 *       live in {@code idx} (MNIST format, Fashion-MNIST), {@code csv} and {@link dev.ithaca.data.TextCorpus}.</li>
 *   <li>{@link dev.ithaca.data.DataLoader}: seeded per-epoch shuffle, batching, drop-last, background
 *       prefetch on worker threads, exact mid-epoch resume; it is the {@link dev.ithaca.train.BatchSource}
 *       a trainer drives.</li>
 *   <li>{@link dev.ithaca.data.Transform}: batch-wise changes with a {@link dev.ithaca.data.BatchContext};
 *       random ones draw from {@link dev.ithaca.data.SampleRandom}, a function of (seed, epoch, sample),
 *       so augmentation is the same for every worker count. Implementations are in {@code transform}.</li>
 *   <li>Bad input files raise {@link dev.ithaca.data.DataFormatException} (file, position, expectation);
 *       {@link dev.ithaca.data.DataFiles} holds the shared reading (gzip by magic bytes, strict UTF-8).</li>
 * </ul>
 */
package dev.ithaca.data;

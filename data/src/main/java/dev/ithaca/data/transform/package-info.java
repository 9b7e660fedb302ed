/**
 * Batch transforms for {@link dev.ithaca.data.DataLoader}: {@link dev.ithaca.data.transform.Normalize}
 * and {@link dev.ithaca.data.transform.OneHot}, and the seeded augmentations
 * {@link dev.ithaca.data.transform.RandomCrop} and {@link dev.ithaca.data.transform.RandomHorizontalFlip},
 * whose per-sample choices depend only on (seed, epoch, sample index). Chain them with
 * {@link dev.ithaca.data.Transform#compose}.
 */
package dev.ithaca.data.transform;

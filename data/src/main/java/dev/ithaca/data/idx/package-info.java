/**
 * The IDX format of MNIST-style datasets: {@link dev.ithaca.data.idx.IdxFile} reads any IDX file (all
 * six element types, any rank, plain or gzip), {@link dev.ithaca.data.idx.IdxDataset} pairs images and
 * labels as a dataset, and {@link dev.ithaca.data.idx.FashionMnist} finds Fashion-MNIST where Debian's
 * {@code dataset-fashion-mnist} package installs it.
 */
package dev.ithaca.data.idx;

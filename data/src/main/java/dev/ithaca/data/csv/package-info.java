/** Numeric tables from CSV files with a header row: {@link dev.ithaca.data.csv.CsvDataset}. */
package dev.ithaca.data.csv;

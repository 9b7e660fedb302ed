package dev.ithaca.data.csv;

import dev.ithaca.data.CpuTestBase;
import dev.ithaca.data.DataFormatException;
import dev.ithaca.data.DataLoader;
import dev.ithaca.tensor.DType;
import dev.ithaca.train.Batch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvDatasetTest extends CpuTestBase {
    @TempDir
    Path dir;

    private Path csv(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void featuresAreFloatColumnsAndTheLabelColumnGivesClassIndices() throws IOException {
        Path file = csv("data.csv", "a,label,b\n1.5,2,-3\n4,0,5e-1\n  7 ,1, .25\n");
        CsvDataset data = CsvDataset.of(file, "label");
        assertThat(data.size()).isEqualTo(3);
        assertThat(data.featureNames()).containsExactly("a", "b");
        assertThat(data.featureCount()).isEqualTo(2);
        assertThat(data.labelName()).isEqualTo("label");
        assertThat(data.classes()).isEmpty();
        assertThat(data.file()).isEqualTo(file);
        try (Batch batch = data.batch(new long[] {2, 0})) {
            assertThat(batch.input().dtype()).isEqualTo(DType.FLOAT32);
            assertThat(batch.input().shape()).containsExactly(2, 2);
            assertThat(batch.input().toFloatArray()).containsExactly(7f, 0.25f, 1.5f, -3f);
            assertThat(batch.target().dtype()).isEqualTo(DType.INT64);
            assertThat(batch.target().toLongArray()).containsExactly(1, 2);
        }
    }

    @Test
    void theLabelColumnCanBeGivenByIndex() throws IOException {
        Path file = csv("data.csv", "x,y,class\n1,2,0\n3,4,1\n");
        CsvDataset data = CsvDataset.builder(file).labelColumn(2).build();
        assertThat(data.featureNames()).containsExactly("x", "y");
        try (Batch batch = data.batch(new long[] {1})) {
            assertThat(batch.input().toFloatArray()).containsExactly(3, 4);
            assertThat(batch.target().toLongArray()).containsExactly(1);
        }
        assertThatThrownBy(() -> CsvDataset.builder(file).labelColumn(3).build()).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("has 3 columns [x, y, class], so label column index 3 does not exist");
        assertThatThrownBy(() -> CsvDataset.builder(file).labelColumn(-1)).hasMessageContaining("labelColumn index must be >= 0, got -1");
        assertThatThrownBy(() -> CsvDataset.of(file, "species")).isInstanceOf(DataFormatException.class)
                .hasMessage(file + ": has no column named 'species'; the header has [x, y, class]");
    }

    @Test
    void textLabelsBecomeClassesInSortedOrder() throws IOException {
        Path file = csv("iris.csv", "sepal,species\n5.1,setosa\n7.0,versicolor\n6.3,virginica\n4.9,setosa\n");
        CsvDataset iris = CsvDataset.of(file, "species");
        assertThat(iris.classes()).containsExactly("setosa", "versicolor", "virginica");
        try (Batch batch = iris.batch(new long[] {0, 1, 2, 3})) {
            assertThat(batch.target().toLongArray()).containsExactly(0, 1, 2, 0);
        }
    }

    @Test
    void regressionGivesFloatTargets() throws IOException {
        Path file = csv("houses.csv", "rooms,price\n3,250000.5\n5,-1e3\n");
        CsvDataset data = CsvDataset.builder(file).labelColumn("price").regression(true).build();
        try (Batch batch = data.batch(new long[] {0, 1})) {
            assertThat(batch.target().dtype()).isEqualTo(DType.FLOAT32);
            assertThat(batch.target().toFloatArray()).containsExactly(250000.5f, -1000f);
        }
        assertThatThrownBy(() -> CsvDataset.builder(file).regression(true).build()).hasMessageContaining("needs a labelColumn");
        Path text = csv("text.csv", "rooms,price\n3,cheap\n");
        assertThatThrownBy(() -> CsvDataset.builder(text).labelColumn("price").regression(true).build())
                .hasMessage(text + ": line 2, column 2 ('price'): 'cheap' is not a number");
    }

    @Test
    void withoutALabelColumnEveryColumnIsAFeatureAndThereIsNoTarget() throws IOException {
        CsvDataset data = CsvDataset.builder(csv("x.csv", "a,b\n1,2\n")).build();
        assertThat(data.labelName()).isNull();
        try (Batch batch = data.batch(new long[] {0})) {
            assertThat(batch.hasTarget()).isFalse();
            assertThat(batch.input().toFloatArray()).containsExactly(1, 2);
        }
    }

    @Test
    void otherDelimitersQuotesLineEndingsBomAndSpecialValues() throws IOException {
        Path semicolons = csv("semi.csv", "\uFEFF\"a\";\"my label\"\r\n\"1.5\";1\r\n\r\n\"2\";\"0\"\r\n");
        CsvDataset semi = CsvDataset.builder(semicolons).delimiter(';').labelColumn("my label").build();
        assertThat(semi.size()).as("the blank line is skipped").isEqualTo(2);
        assertThat(semi.featureNames()).as("the byte order mark is not part of the name").containsExactly("a");
        try (Batch batch = semi.batch(new long[] {0, 1})) {
            assertThat(batch.input().toFloatArray()).containsExactly(1.5f, 2f);
            assertThat(batch.target().toLongArray()).containsExactly(1, 0);
        }
        Path decimalComma = csv("comma.csv", "a;label\n\"1,5\";1\n");
        assertThatThrownBy(() -> CsvDataset.builder(decimalComma).delimiter(';').labelColumn("label").build())
                .hasMessageContaining("line 2, column 1 ('a'): '1,5' is not a number");
        Path quoted = csv("quoted.csv", "\uFEFFname,x,y\n\"Smith, \"\"J\"\"\nline two\",1,2\n\"plain\",nan,-Infinity\n");
        CsvDataset names = CsvDataset.builder(quoted).labelColumn("name").build();
        assertThat(names.featureNames()).containsExactly("x", "y");
        assertThat(names.classes()).containsExactly("Smith, \"J\"\nline two", "plain");
        try (Batch batch = names.batch(new long[] {0, 1})) {
            assertThat(batch.input().toFloatArray()).containsExactly(1f, 2f, Float.NaN, Float.NEGATIVE_INFINITY);
            assertThat(batch.target().toLongArray()).containsExactly(0, 1); // 'S' sorts before 'p'
        }
        Path tabs = csv("t.tsv", "a\tb\n1\t2\n");
        CsvDataset tabbed = CsvDataset.builder(tabs).delimiter('\t').labelColumn(0).build();
        try (Batch batch = tabbed.batch(new long[] {0})) {
            assertThat(batch.input().toFloatArray()).containsExactly(2);
            assertThat(batch.target().toLongArray()).containsExactly(1);
        }
        assertThatThrownBy(() -> CsvDataset.builder(tabs).delimiter('"')).hasMessageContaining("delimiter cannot be '\"'");
    }

    @Test
    void badCellsNameFileLineColumnAndText() throws IOException {
        Path file = csv("bad.csv", "a,b,label\n1,2,0\n3,abc,1\n");
        assertThatThrownBy(() -> CsvDataset.of(file, "label")).isInstanceOf(DataFormatException.class)
                .hasMessage(file + ": line 3, column 2 ('b'): 'abc' is not a number");
        Path empty = csv("empty-cell.csv", "a,b\n1,\n");
        assertThatThrownBy(() -> CsvDataset.builder(empty).build()).hasMessageContaining("line 2, column 2 ('b'): '' is not a number (the cell is empty)");
        Path suffix = csv("suffix.csv", "a\n1f\n");
        assertThatThrownBy(() -> CsvDataset.builder(suffix).build()).hasMessageContaining("'1f' is not a number");
        Path multiLine = csv("multi.csv", "a,b\n\"x\ny\",1\n2,zz\n");
        assertThatThrownBy(() -> CsvDataset.of(multiLine, "a")).hasMessageContaining("line 4, column 2 ('b'): 'zz' is not a number");
    }

    @Test
    void structuralErrorsAreReported() throws IOException {
        Path columns = csv("columns.csv", "a,b,label\n1,2,0\n3,1\n");
        assertThatThrownBy(() -> CsvDataset.of(columns, "label")).isInstanceOf(DataFormatException.class)
                .hasMessage(columns + ": line 3 has 2 fields but the header (line 1) has 3; check the delimiter ',' and quoting");
        Path unclosed = csv("unclosed.csv", "a,label\n1,\"0\n2,1\n");
        assertThatThrownBy(() -> CsvDataset.of(unclosed, "label"))
                .hasMessageContaining("line 2, character 3: the quoted field opened here is never closed");
        Path junk = csv("junk.csv", "a,label\n\"1\"x,0\n");
        assertThatThrownBy(() -> CsvDataset.of(junk, "label"))
                .hasMessageContaining("line 2, character 4: unexpected 'x' after the closing quote");
        Path emptyFile = csv("empty.csv", "");
        assertThatThrownBy(() -> CsvDataset.of(emptyFile, "label")).hasMessageContaining("is empty; expected a header row");
        Path negative = csv("negative.csv", "a,label\n1,-1\n");
        assertThatThrownBy(() -> CsvDataset.of(negative, "label")).hasMessageContaining("line 2, column 'label': class label -1 is negative");
        Path binary = Files.write(dir.resolve("binary.csv"), new byte[] {'a', '\n', '1', '\n', (byte) 0xC3, '('});
        assertThatThrownBy(() -> CsvDataset.builder(binary).build()).isInstanceOf(DataFormatException.class)
                .hasMessage(binary + ": invalid UTF-8 at byte offset 4 (line 3): byte 0xC3 is not part of a valid UTF-8 sequence");
        assertThatThrownBy(() -> CsvDataset.builder(dir.resolve("missing.csv")).build()).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("CSV file not found: " + dir.resolve("missing.csv").toAbsolutePath());
    }

    @Test
    void loadsThroughALoader() throws IOException {
        StringBuilder s = new StringBuilder("x,label\n");
        for (int i = 0; i < 50; i++) {
            s.append(i).append(',').append(i % 3).append('\n');
        }
        CsvDataset data = CsvDataset.of(csv("many.csv", s.toString()), "label");
        DataLoader loader = DataLoader.builder(data).batchSize(8).shuffle(true).seed(2).numWorkers(2).build();
        long rows = 0;
        for (Batch batch : loader) {
            try (batch) {
                float[] x = batch.input().toFloatArray();
                long[] y = batch.target().toLongArray();
                for (int i = 0; i < y.length; i++) {
                    assertThat(y[i]).isEqualTo((long) x[i] % 3);
                }
                rows += y.length;
            }
        }
        assertThat(rows).isEqualTo(50);
    }
}

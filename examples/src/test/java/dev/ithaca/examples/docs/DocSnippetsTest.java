package dev.ithaca.examples.docs;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ```java} block in docs/ equals the marked region of the example source it names, so
 * the docs show only code that compiles and that {@link DocExamplesTest} runs. After changing an
 * example, refresh the docs with
 * {@code mvn -o -pl examples test -Dtest=DocSnippetsTest -Dithaca.docs.sync=true}.
 */
class DocSnippetsTest {
    private final DocSnippets snippets = new DocSnippets(DocSnippets.findRoot());

    @Test
    void everyJavaBlockInTheDocsEqualsItsExampleRegion() {
        if (Boolean.getBoolean("ithaca.docs.sync")) {
            snippets.sync();
        }
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path doc : snippets.docs()) {
            for (DocSnippets.Block block : snippets.blocks(doc, problems)) {
                checked++;
                Map<String, String> regions;
                try {
                    regions = snippets.regions(block.source());
                } catch (RuntimeException e) {
                    problems.add(block.where() + ": " + e.getMessage());
                    continue;
                }
                String region = regions.get(block.region());
                if (region == null) {
                    problems.add(block.where() + ": the source has no region '" + block.region() + "' (it has " + regions.keySet() + ")");
                } else if (!region.equals(block.body())) {
                    problems.add(block.where() + ": the doc block drifted from the source region; run the sync"
                            + " (-Dithaca.docs.sync=true) or fix the doc\n--- source ---\n" + region + "\n--- doc ---\n" + block.body());
                }
            }
        }
        assertThat(problems).as("doc snippets that drifted from the examples").isEmpty();
        assertThat(checked).as("java blocks found in docs/").isGreaterThanOrEqualTo(20);
    }

    @Test
    void everyRegionIsAWholeStatementList() {
        List<String> cut = new ArrayList<>();
        Path sources = DocSnippets.findRoot().resolve("examples/src/main/java/dev/ithaca/examples/docs");
        try (var files = Files.list(sources)) {
            for (Path file : files.sorted().toList()) {
                String source = DocSnippets.findRoot().relativize(file).toString();
                snippets.regions(source).forEach((name, code) -> {
                    if (!DocSnippets.bracesBalanced(code)) {
                        cut.add(source + "#" + name);
                    }
                });
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(cut).as("regions that open a block they do not close (or the reverse)").isEmpty();
    }

    @Test
    void driftIsReportedWithTheFileAndTheRegion(@org.junit.jupiter.api.io.TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("docs"));
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/A.java"), """
                class A {
                    void f() {
                        // --8<-- [start:hello]
                        int x = 1;
                        // --8<-- [end:hello]
                    }
                }
                """);
        Files.writeString(root.resolve("docs/page.md"), """
                # Page
                ```java
                // from: src/A.java#hello
                int x = 2;
                ```
                """);
        DocSnippets fake = new DocSnippets(root);
        List<String> problems = new ArrayList<>();
        DocSnippets.Block block = fake.blocks(root.resolve("docs/page.md"), problems).get(0);
        assertThat(problems).isEmpty();
        assertThat(block.where()).isEqualTo("docs/page.md:2 (src/A.java#hello)");
        assertThat(fake.regions("src/A.java")).containsEntry("hello", "int x = 1;");
        assertThat(block.body()).isEqualTo("int x = 2;");

        fake.sync();
        assertThat(Files.readString(root.resolve("docs/page.md"))).contains("// from: src/A.java#hello\nint x = 1;\n```");

        Files.writeString(root.resolve("docs/bad.md"), "```java\nint y;\n```\n");
        fake.blocks(root.resolve("docs/bad.md"), problems);
        assertThat(problems).singleElement().asString().contains("docs/bad.md:1").contains("// from:");
    }
}

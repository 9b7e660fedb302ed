package dev.ithaca.cli.command;

import dev.ithaca.cli.CliException;
import dev.ithaca.cli.FailureReport;
import dev.ithaca.cli.docs.GeneratedDocs;
import dev.ithaca.cli.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** {@code ithaca docs}: regenerates the config JSON Schema, the configuration reference and the CLI reference. */
@Command(name = "docs", mixinStandardHelpOptions = true, versionProvider = dev.ithaca.cli.Version.class,
        description = "Write the generated documentation: config-schema.json (JSON Schema of the config), configuration.md"
                + " (every config key) and cli.md (every command's help).",
        footerHeading = "%nExamples:%n",
        footer = {"  ithaca docs --output-dir docs"})
public final class DocsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output-dir"}, defaultValue = "docs", description = "Directory to write into (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Override
    public void run() {
        for (Map.Entry<String, String> file : GeneratedDocs.render().entrySet()) {
            Path target = outputDir.resolve(file.getKey());
            try {
                AtomicFiles.writeString(target, file.getValue());
            } catch (IOException e) {
                throw CliException.io("cannot write " + target + ": " + FailureReport.describe(e), e);
            }
            spec.commandLine().getOut().println("wrote " + target);
        }
    }
}

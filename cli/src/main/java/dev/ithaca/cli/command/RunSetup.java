package dev.ithaca.cli.command;

import com.google.inject.Guice;
import dev.ithaca.cli.CliException;
import dev.ithaca.cli.FailureReport;
import dev.ithaca.cli.config.RunConfig;
import dev.ithaca.cli.config.bind.ConfigException;
import dev.ithaca.cli.config.bind.ConfigReader;
import dev.ithaca.cli.config.bind.ConfigTree;
import dev.ithaca.cli.config.bind.Overrides;
import dev.ithaca.cli.io.AtomicFiles;
import dev.ithaca.inject.IthacaModule;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BackendRequest;
import dev.ithaca.spi.Backends;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Steps every training command takes before the work: output directory, backend, the resolved config. */
final class RunSetup {
    /** The config a run actually used, every default filled in; evaluate and generate rebuild the model from it. */
    static final String RESOLVED_CONFIG = "config.json";

    private RunSetup() {
    }

    /** Creates the output directory and proves it writable, so a bad path fails before any work (exit code 4). */
    static void prepareOutputDir(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw CliException.io("cannot write to the output directory " + dir.toAbsolutePath() + ": "
                    + FailureReport.describe(e) + "; choose another with --output-dir", e);
        }
    }

    /**
     * The backend: the {@code --backend} flag when given, else what Guice's {@link IthacaModule} picks
     * with the usual precedence (system property, environment, the config's {@code backend}, auto).
     * An unusable one fails with exit code 5 and the reason.
     */
    static Backend backend(String flag, RunConfig config) {
        if (flag != null && !flag.isBlank()) {
            return Backends.registry().select(new BackendRequest(flag.trim().toLowerCase(Locale.ROOT), "--backend"));
        }
        return Guice.createInjector(new IthacaModule(config.backend())).getInstance(Backend.class);
    }

    static void writeResolvedConfig(RunConfig config, Path dir) {
        try {
            AtomicFiles.writeString(dir.resolve(RESOLVED_CONFIG), ConfigTree.of(config).toPrettyString() + "\n");
        } catch (IOException e) {
            throw CliException.io("cannot write " + dir.resolve(RESOLVED_CONFIG) + ": " + FailureReport.describe(e), e);
        }
    }

    /** The config a finished run in {@code dir} used, with further overrides. */
    static RunConfig readResolvedConfig(Path dir, Overrides overrides) throws ConfigException {
        Path file = dir.resolve(RESOLVED_CONFIG);
        if (!Files.isRegularFile(file)) {
            throw CliException.data("no " + RESOLVED_CONFIG + " in " + dir.toAbsolutePath() + ": is it the --output-dir of a"
                    + " train or pipeline run?", null);
        }
        try {
            return ConfigReader.read(file.toString(), Files.readString(file), overrides, RunConfig.class);
        } catch (IOException e) {
            throw CliException.io("cannot read " + file + ": " + FailureReport.describe(e), e);
        }
    }
}

package dev.ithaca.cli.command;

import dev.ithaca.cli.config.ConfigFiles;
import dev.ithaca.cli.config.RunConfig;
import dev.ithaca.cli.config.bind.ConfigException;
import dev.ithaca.cli.config.bind.Overrides;
import dev.ithaca.cli.config.bind.Problems;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options every config-driven command shares: the file, {@code --set} overrides, output directory and backend. */
public final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The run configuration (YAML); see docs/configuration.md.")
    Path config;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Override a config key by dotted path, e.g. --set optimizer.lr=0.01 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = "Overrides output_dir of the config.")
    Path outputDir;

    @Option(names = {"-b", "--backend"}, paramLabel = "NAME",
            description = "cpu, cuda or auto; wins over the config, ITHACA_BACKEND and -Dithaca.backend.")
    String backend;

    /** The {@code --set} overrides; a malformed one is a config error. */
    Overrides overrides() throws ConfigException {
        Problems problems = new Problems();
        Overrides overrides = Overrides.parse(sets, problems);
        problems.throwIfAny("--set");
        return overrides;
    }

    /** Reads the config (or the built-in {@code fallback} when no --config is given), with every override applied. */
    RunConfig load(String fallback, Overrides flags) throws ConfigException {
        if (outputDir != null) {
            flags.with("output_dir", outputDir);
        }
        return ConfigFiles.loadOrBundled(config, fallback, sets, flags);
    }

    /** Reads the config, which this command requires. */
    RunConfig loadRequired(String command, Overrides flags) throws ConfigException {
        if (config == null) {
            throw new ConfigException("(command line)", "ithaca " + command + " needs --config FILE (examples/ has ready-made ones)");
        }
        return load(null, flags);
    }
}

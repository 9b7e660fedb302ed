package dev.ithaca.cli.config;

import dev.ithaca.cli.config.bind.ConfigException;
import dev.ithaca.cli.config.bind.ConfigReader;
import dev.ithaca.cli.config.bind.ConfigTree;
import dev.ithaca.cli.config.bind.Overrides;
import dev.ithaca.cli.config.bind.Problems;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads run configs from files or from the examples bundled in the jar, applying {@code --set} overrides. */
public final class ConfigFiles {
    /** Where the build puts {@code examples/*.yaml} inside the jar. */
    static final String BUNDLED = "/dev/ithaca/cli/examples/";

    private ConfigFiles() {
    }

    public static RunConfig load(Path file, Overrides overrides) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "the config file does not exist (working directory: "
                    + Path.of("").toAbsolutePath() + ")");
        } catch (CharacterCodingException e) {
            throw new ConfigException(file.toString(), "the config file is not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read the config file: " + e.getMessage());
        }
        return ConfigReader.read(file.toString(), text, overrides, RunConfig.class);
    }

    /** {@code config} with more overrides, through the same binding and checks. */
    public static RunConfig reresolve(RunConfig config, Overrides overrides) throws ConfigException {
        return ConfigReader.read("(resolved config)", ConfigTree.of(config).toString(), overrides,
                RunConfig.class);
    }

    /** One of the example configs shipped in the jar, by file name ({@code lm-default.yaml}). */
    public static RunConfig bundled(String name, Overrides overrides) throws ConfigException {
        return ConfigReader.read("(built-in " + name + ")", bundledText(name), overrides, RunConfig.class);
    }

    public static String bundledText(String name) {
        try (InputStream in = ConfigFiles.class.getResourceAsStream(BUNDLED + name)) {
            if (in == null) {
                throw new IllegalStateException("built-in example " + name + " is missing from the jar; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in example " + name, e);
        }
    }

    /** Reads {@code file} when given, else the built-in {@code fallback}; overrides from {@code sets} plus {@code extra}. */
    public static RunConfig loadOrBundled(Path file, String fallback, List<String> sets, Overrides extra) throws ConfigException {
        Problems problems = new Problems();
        Overrides overrides = Overrides.parse(sets, problems);
        problems.throwIfAny(file != null ? file.toString() : "(built-in " + fallback + ")");
        extra.keys().forEach(k -> overrides.with(k, extra.valueOf(k)));
        return file != null ? load(file, overrides) : bundled(fallback, overrides);
    }
}

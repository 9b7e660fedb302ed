package dev.ithaca.cli.command;

import dev.ithaca.cli.Version;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BackendDescription;
import dev.ithaca.spi.BackendRequest;
import dev.ithaca.spi.BackendUnavailableException;
import dev.ithaca.spi.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** {@code ithaca info}: versions, backends with availability and reasons, threads and devices. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = dev.ithaca.cli.Version.class,
        description = "Show the version, Java runtime, every backend with its availability (and why not), threads and devices.",
        footerHeading = "%nExamples:%n",
        footer = {"  ithaca info", "  ITHACA_BACKEND=cuda ithaca info    # what 'auto' and an explicit choice resolve to"})
public final class InfoCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Runtime runtime = Runtime.getRuntime();
        out.printf(Locale.ROOT, "ithaca %s%n", Version.current());
        out.printf(Locale.ROOT, "Java:      %s (%s, %s), max heap %d MiB%n", Runtime.version(), System.getProperty("java.vm.name"),
                System.getProperty("java.vendor"), runtime.maxMemory() >> 20);
        out.printf(Locale.ROOT, "System:    %s %s, %d processors%n", System.getProperty("os.name"), System.getProperty("os.arch"),
                runtime.availableProcessors());
        out.println("Backends:");
        List<BackendDescription> backends = Backends.describe();
        if (backends.isEmpty()) {
            out.println("  none on the classpath");
        }
        for (BackendDescription backend : backends) {
            out.printf(Locale.ROOT, "  %-6s priority %-3d %s%n", backend.name(), backend.priority(),
                    backend.availability().available() ? "available: " + backend.availability().reason()
                            : "unavailable: " + backend.availability().reason());
            if (!backend.availability().available() && !backend.availability().remedy().isEmpty()) {
                out.printf(Locale.ROOT, "  %-6s %-12s fix: %s%n", "", "", backend.availability().remedy());
            }
        }
        BackendRequest request = BackendRequest.resolve(null);
        try {
            Backend chosen = Backends.registry().select(request);
            out.printf(Locale.ROOT, "Selected:  %s (requested '%s' by %s)%n", chosen.name(), request.name(), request.source());
        } catch (BackendUnavailableException e) {
            out.printf(Locale.ROOT, "Selected:  none: %s%n", e.getMessage());
        }
        out.printf(Locale.ROOT, "Threads:   %s%n", CpuThreads.describe());
        out.println("Devices:");
        for (BackendDescription backend : backends) {
            if (backend.availability().available()) {
                Backend instance = Backends.get(backend.name());
                out.printf(Locale.ROOT, "  %s (%s backend)%n", instance.device(), backend.name());
            }
        }
    }
}

package dev.ithaca.verify;

import com.google.inject.Guice;
import com.google.inject.ProvisionException;
import dev.ithaca.inject.IthacaModule;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BackendUnavailableException;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.Tensor;

/**
 * Picks the backend purely from configuration, the way a deployed application does. Arguments:
 * {@code expect=<name>} (the backend the configuration must select) or {@code expect-unavailable=<name>}
 * (injection must fail with a BackendUnavailableException that names it), and optionally
 * {@code configured=<name>} (passed to {@code new IthacaModule(name)}, which the system property
 * {@code ithaca.backend} and the environment variable {@code ITHACA_BACKEND} override).
 */
public final class BackendSelectionCheck {
    public static void main(String[] args) {
        InstallCheck.run("ithaca-core + ithaca-backend-cpu (backend selection)",
                new String[]{"dev.ithaca.inject.IthacaModule", "dev.ithaca.spi.BackendProvider",
                        "dev.ithaca.backend.cpu.CpuBackendProvider", "com.google.inject.Guice"},
                () -> check(args));
    }

    private static String check(String[] args) {
        String expected = argument(args, "expect");
        String unavailable = argument(args, "expect-unavailable");
        String configured = argument(args, "configured");
        if ((expected == null) == (unavailable == null)) {
            throw new IllegalArgumentException("give exactly one of expect=<backend> or expect-unavailable=<backend>");
        }
        IthacaModule module = configured == null ? new IthacaModule() : new IthacaModule(configured);
        try {
            Backend backend = Guice.createInjector(module).getInstance(Backend.class);
            InstallCheck.expect("backend '" + unavailable + "' to be refused, but got '" + backend.name() + "'", unavailable == null);
            InstallCheck.expect("backend '" + expected + "', got '" + backend.name() + "'", backend.name().equals(expected));
            try (Backends.Use use = Backends.use(backend); Tensor t = Tensor.of(new float[]{1, 2, 3, 4}, 2, 2)) {
                float sum = t.matmul(t).sum().toFloatArray()[0];   // [[7, 10], [15, 22]]
                InstallCheck.expectClose("sum of a 2x2 matrix product on " + backend.name(), 54.0, sum, 1e-4);
            }
            return "selected '" + backend.name() + "' (" + source(configured) + "), matmul ran";
        } catch (ProvisionException e) {
            if (!(e.getCause() instanceof BackendUnavailableException refused)) {
                throw e;
            }
            InstallCheck.expect("a backend, but injection failed: " + refused.getMessage(), expected == null);
            InstallCheck.expect("the refusal to name '" + unavailable + "': " + refused.getMessage(),
                    refused.getMessage().contains("'" + unavailable + "'"));
            return "refused '" + unavailable + "' with: " + refused.getMessage();
        }
    }

    private static String source(String configured) {
        if (System.getProperty("ithaca.backend") != null) {
            return "system property ithaca.backend";
        }
        if (System.getenv("ITHACA_BACKEND") != null) {
            return "environment variable ITHACA_BACKEND";
        }
        return configured != null ? "new IthacaModule(\"" + configured + "\")" : "auto";
    }

    private static String argument(String[] args, String key) {
        for (String arg : args) {
            if (arg.startsWith(key + "=")) {
                return arg.substring(key.length() + 1);
            }
        }
        return null;
    }
}

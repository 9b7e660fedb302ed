package dev.ithaca.backend.cpu;

import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import dev.ithaca.tck.DeviceTransferConformance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class CpuDeviceTransferTest extends DeviceTransferConformance {
    /** A second CPU backend, so the cross-backend copy path runs without a GPU. */
    private static CpuBackend second;

    @BeforeAll
    static void createSecondBackend() {
        // same thread count as the shared backend, since OpenBLAS's thread setting is process-wide
        second = new CpuBackend(((CpuBackend) Backends.get("cpu")).threads(), 0);
    }

    @AfterAll
    static void closeSecondBackend() {
        second.close();
    }

    @Override
    protected String backendName() {
        return "cpu";
    }

    @Override
    protected Backend otherBackend() {
        return second;
    }
}

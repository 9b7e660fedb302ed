package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Backend;
import dev.ithaca.tck.DeviceTransferConformance;
import org.junit.jupiter.api.AfterAll;

/**
 * Transfers to and from another backend: the CPU backend where it is usable, else (the device pack
 * ships without OpenBLAS natives) a second CUDA backend on the same GPU, so the copy path still runs.
 */
class CudaDeviceTransferTest extends DeviceTransferConformance {
    private static CudaBackend second;

    @Override
    protected String backendName() {
        return "cuda";
    }

    @Override
    protected Backend otherBackend() {
        Backend other = super.otherBackend();
        if (other != null) {
            return other;
        }
        synchronized (CudaDeviceTransferTest.class) {
            if (second == null) {
                second = new CudaBackend(CudaConfig.fromSystemProperties());
            }
            return second;
        }
    }

    @AfterAll
    static void closeSecondBackend() {
        if (second != null) {
            second.close();
            second = null;
        }
    }
}

package dev.ithaca.backend.cuda;

import dev.ithaca.tck.WindowConformance;

class CudaWindowTest extends WindowConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}

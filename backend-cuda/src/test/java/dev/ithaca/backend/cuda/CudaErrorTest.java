package dev.ithaca.backend.cuda;

import dev.ithaca.tck.ErrorConformance;

class CudaErrorTest extends ErrorConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}

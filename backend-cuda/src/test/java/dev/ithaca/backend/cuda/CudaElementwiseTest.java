package dev.ithaca.backend.cuda;

import dev.ithaca.tck.ElementwiseConformance;

class CudaElementwiseTest extends ElementwiseConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}

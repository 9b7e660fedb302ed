package dev.ithaca.backend.cuda;

import dev.ithaca.tck.ReductionConformance;

class CudaReductionTest extends ReductionConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}

package dev.ithaca.backend.cuda;

import dev.ithaca.tck.MatmulConformance;

class CudaMatmulTest extends MatmulConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}

package dev.ithaca.backend.cuda.nn;

import dev.ithaca.tck.nn.InitConformance;

class CudaInitTest extends InitConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}

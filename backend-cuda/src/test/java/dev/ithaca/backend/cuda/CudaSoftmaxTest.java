package dev.ithaca.backend.cuda;

import dev.ithaca.tck.SoftmaxConformance;

class CudaSoftmaxTest extends SoftmaxConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}

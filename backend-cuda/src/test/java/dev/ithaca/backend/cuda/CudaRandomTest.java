package dev.ithaca.backend.cuda;

import dev.ithaca.tck.RandomConformance;

class CudaRandomTest extends RandomConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}

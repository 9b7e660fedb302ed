package dev.ithaca.backend.cuda;

import dev.ithaca.tck.CreationConformance;

class CudaCreationTest extends CreationConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}

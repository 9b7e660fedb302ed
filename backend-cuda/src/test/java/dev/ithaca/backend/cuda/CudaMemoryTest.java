package dev.ithaca.backend.cuda;

import dev.ithaca.tck.MemoryConformance;

class CudaMemoryTest extends MemoryConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}

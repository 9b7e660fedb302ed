package dev.ithaca.backend.cuda;

import dev.ithaca.tck.AutogradConformance;

class CudaAutogradTest extends AutogradConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
